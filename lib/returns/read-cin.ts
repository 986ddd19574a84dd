/**
 * Read CIN census XML (DfE "Children in need census" specification: Message/Header/CollectionDetails,
 * Children/Child with ChildIdentifiers, CINdetails with CINreferralDate, CINclosureDate, ReferralNFA,
 * Assessments, Section47, ChildProtectionPlans with NumberOfPreviousCPP) by streaming, keeping per child only
 * the dates the indicators need. LAchildID is pseudonymised as it is read (keyed HMAC of "LA/LAchildID"); the
 * date of birth is not kept (no indicator needs it).
 *
 * A malformed document is a DataError (file and character offset). A bad or missing date drops that referral,
 * assessment or plan with a log entry naming the file, the child's position ("row" = n-th Child element), the
 * element and the value; an assessment authorised before it started is dropped; an assessment dated outside the
 * bank-holiday table's years is a DataError (its working days cannot be counted).
 */
import { DataError } from "../errors";
import { pseudonymise } from "../pilot/pseudonymise";
import { BANK_HOLIDAY_FIRST_YEAR, BANK_HOLIDAY_LAST_YEAR, inBankHolidayYears } from "./bank-holidays";
import { parseIsoDate } from "./dates";
import type { ReturnsImportLog } from "./import-issues";
import type { AttributedFile } from "./read-ssda903";
import { streamXmlFile } from "./xml-stream";

/** One referral (CIN episode) of a child. */
export interface CinReferral {
  child: string;
  referral: number;
  closure: number | null;
  nfa: boolean;
}

/** One completed or open assessment. */
export interface CinAssessment {
  child: string;
  start: number;
  authorised: number | null;
}

/** One child protection plan. */
export interface CinPlan {
  child: string;
  start: number;
  end: number | null;
  /** NumberOfPreviousCPP as given, or null when absent. */
  previousPlans: number | null;
}

/** What one LA's CIN census files say, merged over the years read. */
export interface CinLaData {
  la: string;
  years: number[];
  referrals: CinReferral[];
  assessments: CinAssessment[];
  plans: CinPlan[];
}

/** The collection year and LA a CIN census file states in its Header, when it does. */
export interface CinHeader {
  year: number | null;
  lea: string | null;
}

interface Detail {
  referral: string;
  closure: string;
  nfa: string;
  assessments: { start: string; authorised: string }[];
  plans: { start: string; end: string; previous: string }[];
}

/**
 * Stream one CIN census file.
 * @returns the file's header facts; referrals, assessments and plans are appended to `into`
 * @throws DataError on malformed XML
 * @example
 * const data = { la: "E09000001", years: [], referrals: [], assessments: [], plans: [] };
 * readCinFile({ path: "cin.xml", name: "cin.xml", la: "E09000001", year: 2023 }, key, data, log);
 */
export function readCinFile(file: AttributedFile, key: Buffer, into: CinLaData, log: ReturnsImportLog): CinHeader {
  const header: CinHeader = { year: null, lea: null };
  const stack: string[] = [];
  let text = "";
  let childNo = 0;
  let childId = "";
  let details: Detail[] = [];
  let detail: Detail | null = null;
  let assessment: { start: string; authorised: string } | null = null;
  let plan: { start: string; end: string; previous: string } | null = null;
  const cache = new Map<string, string>();
  let rows = 0;
  const date = (v: string, element: string): number | null | undefined => {
    if (v === "") return null;
    const d = parseIsoDate(v);
    if (d === undefined) log.warn(file.name, childNo, element, v, "not a date yyyy-mm-dd");
    return d;
  };
  const flushChild = () => {
    rows++;
    if (childId === "") {
      log.drop(file.name, childNo, "LAchildID", "", "child without LAchildID (its referrals are not used)");
      return;
    }
    const raw = `${file.la}/${childId}`;
    let child = cache.get(raw);
    if (child === undefined) cache.set(raw, (child = pseudonymise(raw, key)));
    for (const d of details) {
      const referral = date(d.referral, "CINreferralDate");
      if (referral === null || referral === undefined) {
        log.drop(file.name, childNo, "CINreferralDate", d.referral, "referral without a valid referral date");
        continue;
      }
      const closure = date(d.closure, "CINclosureDate");
      if (closure !== undefined && closure !== null && closure < referral) {
        log.drop(file.name, childNo, "CINclosureDate", d.closure, "episode closed before the referral date");
        continue;
      }
      const nfa = d.nfa === "1" || d.nfa.toLowerCase() === "true";
      if (d.nfa !== "" && !/^(0|1|true|false)$/i.test(d.nfa)) log.warn(file.name, childNo, "ReferralNFA", d.nfa, "unknown code (expected 0, 1, true or false)");
      into.referrals.push({ child, referral, closure: closure ?? null, nfa });
      for (const a of d.assessments) {
        const start = date(a.start, "AssessmentActualStartDate");
        if (start === null || start === undefined) {
          log.drop(file.name, childNo, "AssessmentActualStartDate", a.start, "assessment without a valid start date");
          continue;
        }
        const authorised = date(a.authorised, "AssessmentAuthorisationDate");
        if (authorised === undefined) {
          log.drop(file.name, childNo, "AssessmentAuthorisationDate", a.authorised, "assessment with an invalid authorisation date");
          continue;
        }
        if (authorised !== null && authorised < start) {
          log.drop(file.name, childNo, "AssessmentAuthorisationDate", a.authorised, "assessment authorised before it started");
          continue;
        }
        if (!inBankHolidayYears(start) || (authorised !== null && !inBankHolidayYears(authorised))) {
          throw new DataError({
            file: file.name,
            row: childNo,
            column: inBankHolidayYears(start) ? "AssessmentAuthorisationDate" : "AssessmentActualStartDate",
            value: inBankHolidayYears(start) ? a.authorised : a.start,
            expected: `a date in ${BANK_HOLIDAY_FIRST_YEAR}–${BANK_HOLIDAY_LAST_YEAR}, the years of the England and Wales bank-holiday table (working days cannot be counted outside them)`,
          });
        }
        into.assessments.push({ child, start, authorised });
      }
      for (const p of d.plans) {
        const start = date(p.start, "CPPstartDate");
        if (start === null || start === undefined) {
          log.drop(file.name, childNo, "CPPstartDate", p.start, "plan without a valid start date");
          continue;
        }
        const end = date(p.end, "CPPendDate");
        if (end === undefined || (end !== null && end < start)) {
          log.drop(file.name, childNo, "CPPendDate", p.end, end === undefined ? "plan with an invalid end date" : "plan ends before it starts");
          continue;
        }
        let previousPlans: number | null = null;
        if (p.previous !== "") {
          if (/^\d+$/.test(p.previous)) previousPlans = Number(p.previous);
          else log.warn(file.name, childNo, "NumberOfPreviousCPP", p.previous, "not a whole number (treated as absent)");
        }
        into.plans.push({ child, start, end, previousPlans });
      }
    }
  };
  streamXmlFile(file.path, {
    open(name) {
      stack.push(name);
      text = "";
      if (name === "Child") {
        childNo++;
        childId = "";
        details = [];
      } else if (name === "CINdetails") details.push((detail = { referral: "", closure: "", nfa: "", assessments: [], plans: [] }));
      else if (name === "Assessments" && detail) detail.assessments.push((assessment = { start: "", authorised: "" }));
      else if (name === "ChildProtectionPlans" && detail) detail.plans.push((plan = { start: "", end: "", previous: "" }));
    },
    text(t) {
      text += t;
    },
    close(name) {
      stack.pop();
      const v = text.trim();
      text = "";
      switch (name) {
        case "LAchildID":
          childId = v;
          break;
        case "CINreferralDate":
          if (detail) detail.referral = v;
          break;
        case "CINclosureDate":
          if (detail) detail.closure = v;
          break;
        case "ReferralNFA":
          if (detail) detail.nfa = v;
          break;
        case "AssessmentActualStartDate":
          if (assessment) assessment.start = v;
          break;
        case "AssessmentAuthorisationDate":
          if (assessment) assessment.authorised = v;
          break;
        case "CPPstartDate":
          if (plan) plan.start = v;
          break;
        case "CPPendDate":
          if (plan) plan.end = v;
          break;
        case "NumberOfPreviousCPP":
          if (plan) plan.previous = v;
          break;
        case "Assessments":
          assessment = null;
          break;
        case "ChildProtectionPlans":
          plan = null;
          break;
        case "CINdetails":
          detail = null;
          break;
        case "Child":
          flushChild();
          break;
        case "ReferenceDate": {
          const d = parseIsoDate(v);
          if (d !== undefined && stack.includes("Header")) header.year = Number(v.slice(0, 4));
          break;
        }
        case "Year":
          if (stack.includes("CollectionDetails") && header.year === null && /^\d{4}$/.test(v)) header.year = Number(v);
          break;
        case "LEA":
          if (stack.includes("Header")) header.lea = v;
          break;
      }
    },
  }, file.name);
  log.read(file.name, rows);
  return header;
}

/**
 * Keep one copy of each referral (child, referral date), assessment (child, start) and plan (child, start) when
 * several years' censuses list it: the last one read wins (read the files in year order, so the latest census,
 * with the latest closure and end dates, decides).
 * @example
 * const merged = latestCinRecords(data); // after reading 2022 then 2023
 */
export function latestCinRecords(data: CinLaData): CinLaData {
  const latest = <T extends { child: string }>(items: readonly T[], when: (x: T) => number): T[] => {
    const m = new Map<string, T>();
    for (const x of items) {
      const k = `${x.child}|${when(x)}`;
      m.delete(k);
      m.set(k, x);
    }
    return [...m.values()];
  };
  return {
    la: data.la,
    years: [...data.years],
    referrals: latest(data.referrals, (r) => r.referral),
    assessments: latest(data.assessments, (a) => a.start),
    plans: latest(data.plans, (p) => p.start),
  };
}
