/**
 * Read CIN census XML (DfE "Children in need census" specification: Message/Header/CollectionDetails,
 * Children/Child with ChildIdentifiers, CINdetails with CINreferralDate, CINclosureDate, ReferralNFA,
 * Assessments, Section47, ChildProtectionPlans with NumberOfPreviousCPP) by streaming, keeping per child only
 * the dates the indicators need. LAchildID is pseudonymised as it is read (keyed HMAC of "LA/LAchildID", four
 * children at a time: lib/returns/pseudonym-queue) and never kept; the date of birth is not kept (no indicator
 * needs it), but one after the census's reference date is a warning.
 *
 * A malformed document is a DataError (file and character offset). A bad or missing date drops that referral,
 * assessment or plan with a log entry naming the file, the child's position ("row" = n-th Child element), the
 * element and the value; an assessment authorised before it started is dropped; an assessment dated outside the
 * bank-holiday table's years is a DataError (its working days cannot be counted). A referral dropped for its dates
 * keeps its assessments and plans: DfE's assessment timeliness counts from the assessment's own start and
 * authorisation, and a second-time plan from the plan's start and NumberOfPreviousCPP, none from the referral date;
 * only the referral-based counts (referrals, re-referrals, children in need at 31 March) leave it out. Its log
 * entry says how many assessments and plans were kept.
 */
import { DataError } from "../errors";
import { RespondentIndex } from "../pilot/respondent-index";
import { BANK_HOLIDAY_FIRST_YEAR, BANK_HOLIDAY_LAST_YEAR, inBankHolidayYears } from "./bank-holidays";
import { calendarDate, collectionYearLabel, parseIsoDate } from "./dates";
import { DateFormatCheck } from "./date-formats";
import type { ReturnsImportLog } from "./import-issues";
import { CIN_EXACT_COPY_RULE, CinChildRepeats } from "./cin-repeated-children";
import { KeyedPseudonymQueue } from "./pseudonym-queue";
import type { AttributedFile } from "./read-ssda903";
import { streamXmlFile } from "./xml-file-stream";
import type { XmlStreamHandler } from "./xml-stream";
import { controlCharacterIn } from "../data/control-characters";

/**
 * The child's number among its LA's children read by readCinFile (0, 1, 2 … in order of first sight, from
 * CinLaData.childKeys): two records of one CinLaData have the same number exactly when the same `child`. Absent
 * from records made elsewhere (Annex A lists), which are then told apart by `child` alone.
 */
interface ChildKeyed {
  childKey?: number;
}

/** One referral (CIN episode) of a child. */
export interface CinReferral extends ChildKeyed {
  child: string;
  referral: number;
  closure: number | null;
  nfa: boolean;
}

/** One completed or open assessment. */
export interface CinAssessment extends ChildKeyed {
  child: string;
  start: number;
  authorised: number | null;
}

/** One child protection plan. */
export interface CinPlan extends ChildKeyed {
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
  /**
   * The children's numbers (the `childKey` of records), by the 64 bits of their pseudonyms: made by the first
   * readCinFile into this data, so that every file read into it numbers the same child alike.
   */
  childKeys?: RespondentIndex;
}

/** The collection year and LA a CIN census file states in its Header, when it does, and how many children it lists. */
export interface CinHeader {
  year: number | null;
  lea: string | null;
  /** Child elements read (with or without an identifier). */
  children: number;
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
 * @returns the file's header facts; referrals, assessments and plans are appended to `into` (with their children's
 *   numbers, from `into.childKeys`, made by the first file read into it)
 * @throws DataError on malformed XML, or a ReferenceDate or Year in its Header of another year than `file.year`
 * @example
 * const data = { la: "E09000001", years: [], referrals: [], assessments: [], plans: [] };
 * readCinFile({ path: "cin.xml", name: "cin.xml", la: "E09000001", year: 2023 }, key, data, log);
 */
export function readCinFile(file: AttributedFile, key: Buffer, into: CinLaData, log: ReturnsImportLog): CinHeader {
  const reader = new CinCensusReader(file, key, into, log);
  try {
    streamXmlFile(file.path, reader, file.name);
    // a child listed twice: an exact copy read once (said), another version refused (cin-repeated-children)
    reader.children.flush();
    reader.repeats.check(reader.rows, log);
  } catch (e) {
    // the children read before a malformed part are added (and logged, or throw their own error) as they were
    // before they waited for their pseudonyms: the same data, log and error
    reader.children.flush();
    throw e;
  }
  reader.children.flush();
  // a census whose dates were saved in another format (dd/mm/yyyy) had every referral dropped and its counts published as 0
  const format = reader.formats.refusal();
  if (format !== undefined) throw format;
  log.read(file.name, reader.rows);
  return { ...reader.header, children: reader.rows };
}

type DetailAssessment = Detail["assessments"][number];
type DetailPlan = Detail["plans"][number];

/** A Child element read, waiting for its pseudonym. */
interface ChildRead {
  /** Position of the Child element in the file (1 = first), the "row" of log entries. */
  childNo: number;
  details: Detail[];
  /** The PersonBirthDate when it is after the census's reference date (warned about in order with the child's entries), else "". */
  bornAfterCensus: string;
}

/**
 * The streaming handler of one census file: collects a Child's elements; when it closes, queues them for the
 * child's pseudonym (hashed four children at a time), then checks and appends them in the order read. Anything that
 * logs outside the queue (a child without an identifier) flushes it first, so the log keeps the file's order.
 */
class CinCensusReader implements XmlStreamHandler {
  readonly names = CIN_ELEMENT_NAMES;
  readonly header: Omit<CinHeader, "children"> = { year: null, lea: null };
  /** The census's dates not read, by element: many of one element refuse the file (date-formats). */
  readonly formats: DateFormatCheck;
  /** Child elements read. */
  rows = 0;
  private headerDepth = 0;
  private collectionDepth = 0;
  private buffered = "";
  /** The elements open, innermost last: only the text of one of {@link CIN_TEXT_ELEMENTS} is kept. */
  private readonly openElements: string[] = [];
  /** Where the text last given starts ("at line 3, byte 120"), from the tokenizer. */
  private where: () => string = () => "";
  private childNo = 0;
  private childId = "";
  private bornAfterCensus = "";
  /** The census's last day (31 March of its year) as yyyy-mm-dd, which an ISO date after it exceeds as text. */
  private readonly lastDay: string;
  private details: Detail[] = [];
  private detail: Detail | null = null;
  private assessment: DetailAssessment | null = null;
  private plan: DetailPlan | null = null;
  /** Children read, waiting for their pseudonyms; {@link readCinFile} flushes it at the end. */
  readonly children: KeyedPseudonymQueue<ChildRead>;
  /** The file's Child elements by child, telling repeats (read once, or refused: {@link readCinFile}). */
  readonly repeats: CinChildRepeats;
  private readonly childKeys: RespondentIndex;

  constructor(
    private readonly file: AttributedFile,
    key: Buffer,
    private readonly into: CinLaData,
    private readonly log: ReturnsImportLog,
  ) {
    this.repeats = new CinChildRepeats(file.name);
    this.children = new KeyedPseudonymQueue<ChildRead>(key, (read, child, hi, lo) => this.addChild(read, child, hi, lo));
    this.childKeys = into.childKeys ??= new RespondentIndex();
    this.lastDay = `${file.year}-03-31`;
    this.formats = new DateFormatCheck(file.name, "yyyy-mm-dd", "elements", "Child element");
  }

  located(where: () => string): void {
    this.where = where;
  }

  open(name: string): void {
    this.buffered = "";
    this.openElements.push(name);
    if (name === "Child") {
      this.childNo++;
      this.childId = "";
      this.bornAfterCensus = "";
      this.details = [];
    } else if (name === "CINdetails") this.details.push((this.detail = { referral: "", closure: "", nfa: "", assessments: [], plans: [] }));
    else if (name === "Assessments") {
      if (this.detail) this.detail.assessments.push((this.assessment = { start: "", authorised: "" }));
    } else if (name === "ChildProtectionPlans") {
      if (this.detail) this.detail.plans.push((this.plan = { start: "", end: "", previous: "" }));
    } else if (name === "Header") this.headerDepth++;
    else if (name === "CollectionDetails") this.collectionDepth++;
  }

  text(t: string): void {
    // every text run of every element had been appended, so a 400 MB <Note> took 878 MB and a 700 MB one stopped
    // the import with "Invalid string length" (round 24 H9): only the text of an element read is kept, and capped
    if (!CIN_TEXT_ELEMENTS.has(this.openElements[this.openElements.length - 1])) return;
    if (this.buffered.length + t.length > MAX_CIN_TEXT_CHARS) throw this.textTooLong();
    this.buffered = this.buffered === "" ? t : this.buffered + t;
  }

  /** An element read whose text is longer than any id, date, code or count: named with its line, never quoted (an id). */
  private textTooLong(): DataError {
    return new DataError({ file: this.file.name, column: this.openElements[this.openElements.length - 1], value: `more than ${MAX_CIN_TEXT_CHARS} characters of text (${this.where()})`, expected: `an id, date, code or number of at most ${MAX_CIN_TEXT_CHARS} characters (is the file a CIN census export?)` });
  }

  /** An id with a control character (a NUL) is another child's id, or none: named by element and line, never shown (round 24 H12). */
  private refuseControlCharacter(element: string, v: string): void {
    const found = controlCharacterIn(v);
    if (found !== undefined) throw new DataError({ file: this.file.name, column: element, value: `${found} (${this.where()})`, expected: "a child's id without control characters (a damaged copy or export? the id is not shown)" });
  }

  close(name: string): void {
    this.openElements.pop();
    const v = this.buffered.trim();
    this.buffered = "";
    const { detail, assessment, plan } = this;
    switch (name) {
      case "LAchildID":
        this.refuseControlCharacter(name, v);
        this.childId = v;
        break;
      case "PersonBirthDate":
        // compared as text (no date made per child); only a later one is parsed, to tell a date from other text
        if (v.slice(0, 10) > this.lastDay && parseIsoDate(v) !== undefined) this.bornAfterCensus = v;
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
        this.assessment = null;
        break;
      case "ChildProtectionPlans":
        this.plan = null;
        break;
      case "CINdetails":
        this.detail = null;
        break;
      case "Child":
        this.flushChild();
        break;
      default:
        this.closeHeaderElement(name, v);
    }
  }

  /** Header facts: the collection year (ReferenceDate, else CollectionDetails/Year) and the LEA. */
  private closeHeaderElement(name: string, v: string): void {
    if (name === "Header") this.headerDepth--;
    else if (name === "CollectionDetails") this.collectionDepth--;
    else if (name === "ReferenceDate") {
      if (parseIsoDate(v) !== undefined && this.headerDepth > 0) this.header.year = this.censusYear(name, v, Number(v.slice(0, 4)));
    } else if (name === "Year") {
      if (this.collectionDepth > 0 && /^\d{4}$/.test(v)) {
        const year = this.censusYear(name, v, Number(v));
        if (this.header.year === null) this.header.year = year;
      }
    } else if (name === "LEA" && this.headerDepth > 0) this.header.lea = v;
  }

  /**
   * The year a ReferenceDate or Year element gives, checked against the year the census is filed under (discover
   * checks the file's start; this, a Header further on): counted under the one, it would be of the other.
   */
  private censusYear(element: string, value: string, year: number): number {
    if (year !== this.file.year) {
      throw new DataError({
        file: this.file.name,
        column: element,
        value,
        expected: `a ${element} in ${collectionYearLabel(this.file.year)} (the year ending 31 March ${this.file.year}), the collection year the census is filed under (its folder's, or where its path names none, the first ReferenceDate's in it): move it to the folder of its year, or correct its ${element}`,
      });
    }
    return year;
  }

  /** A date element: null when blank, undefined (and a warning) when not a date; counted for the file's format check. */
  private date(v: string, element: string, childNo: number): number | null | undefined {
    if (v === "") return null;
    const d = parseIsoDate(v);
    this.formats.seen(element);
    if (d === undefined) {
      this.formats.add(childNo, element, v);
      this.log.warn(this.file.name, childNo, element, v, "not a date yyyy-mm-dd");
    }
    return d;
  }

  private flushChild(): void {
    this.rows++;
    if (this.childId === "") {
      this.children.flush();
      this.log.drop(this.file.name, this.childNo, "LAchildID", "", "child without LAchildID (its referrals are not used)");
      return;
    }
    // a child is listed once in a census: no cache by identifier (a repeated id is hashed again, to the same pseudonym)
    this.children.push(this.file.la, this.childId, { childNo: this.childNo, details: this.details, bornAfterCensus: this.bornAfterCensus });
    // a CINdetails element between Child elements must not join the queued child's (it was never read)
    this.details = [];
  }

  /** Check and append a child's referrals, assessments and plans, under its pseudonym (whose 64 bits are hi, lo). */
  private addChild(read: ChildRead, child: string, hi: number, lo: number): void {
    const childKey = this.childKeys.internPseudonym(hi, lo);
    // a child listed again in the file: an exact copy is read once, another version refuses the file (cin-repeated-children)
    const repeat = this.repeats.see(childKey, read);
    if (repeat.kind === "copy") {
      this.log.drop(this.file.name, read.childNo, "Child", "", CIN_EXACT_COPY_RULE, `a copy of Child element ${repeat.of}`);
      return;
    }
    if (read.bornAfterCensus !== "") {
      this.log.warn(this.file.name, read.childNo, "PersonBirthDate", read.bornAfterCensus, `date of birth after the census's reference date ${this.lastDay} (a mistyped year?): kept, no indicator uses it`);
    }
    for (const d of read.details) {
      this.addReferral(d, child, childKey, read.childNo);
      for (const a of d.assessments) this.addAssessment(a, child, childKey, read.childNo);
      for (const p of d.plans) this.addPlan(p, child, childKey, read.childNo);
    }
  }

  /** Append the referral, or drop it (a log entry saying its assessments and plans are kept). */
  private addReferral(d: Detail, child: string, childKey: number, childNo: number): void {
    const { file, log } = this;
    const kept = `its ${d.assessments.length} assessment(s) and ${d.plans.length} plan(s) are kept (their own dates decide assessment timeliness and second-time plans); the referral-based counts leave it out`;
    const referral = this.date(d.referral, "CINreferralDate", childNo);
    if (referral === null || referral === undefined) {
      log.drop(file.name, childNo, "CINreferralDate", d.referral, "referral without a valid referral date", kept);
      return;
    }
    const closure = this.date(d.closure, "CINclosureDate", childNo);
    if (closure !== undefined && closure !== null && closure < referral) {
      log.drop(file.name, childNo, "CINclosureDate", d.closure, "episode closed before the referral date", kept);
      return;
    }
    const nfa = d.nfa === "1" || d.nfa.toLowerCase() === "true";
    if (d.nfa !== "" && !NFA_RE.test(d.nfa)) log.warn(file.name, childNo, "ReferralNFA", d.nfa, "unknown code (expected 0, 1, true or false)");
    this.into.referrals.push({ child, childKey, referral, closure: closure ?? null, nfa });
  }

  private addAssessment(a: DetailAssessment, child: string, childKey: number, childNo: number): void {
    const { file, log } = this;
    const start = this.date(a.start, "AssessmentActualStartDate", childNo);
    if (start === null || start === undefined) {
      log.drop(file.name, childNo, "AssessmentActualStartDate", a.start, "assessment without a valid start date");
      return;
    }
    const authorised = this.date(a.authorised, "AssessmentAuthorisationDate", childNo);
    if (authorised === undefined) {
      log.drop(file.name, childNo, "AssessmentAuthorisationDate", a.authorised, "assessment with an invalid authorisation date");
      return;
    }
    if (authorised !== null && authorised < start) {
      log.drop(file.name, childNo, "AssessmentAuthorisationDate", a.authorised, "assessment authorised before it started");
      return;
    }
    if (!inBankHolidayYears(start) || (authorised !== null && !inBankHolidayYears(authorised))) {
      throw new DataError({
        file: file.name,
        row: childNo,
        column: inBankHolidayYears(start) ? "AssessmentAuthorisationDate" : "AssessmentActualStartDate",
        // the year alone: a census date is withheld from messages as from the log (import-issues.ts loggableValue)
        value: `a date in ${calendarDate(inBankHolidayYears(start) ? authorised! : start).year}`,
        expected: `a date in ${BANK_HOLIDAY_FIRST_YEAR}–${BANK_HOLIDAY_LAST_YEAR}, the years of the England and Wales bank-holiday table (working days cannot be counted outside them)`,
      });
    }
    this.into.assessments.push({ child, childKey, start, authorised });
  }

  private addPlan(p: DetailPlan, child: string, childKey: number, childNo: number): void {
    const { file, log } = this;
    const start = this.date(p.start, "CPPstartDate", childNo);
    if (start === null || start === undefined) {
      log.drop(file.name, childNo, "CPPstartDate", p.start, "plan without a valid start date");
      return;
    }
    const end = this.date(p.end, "CPPendDate", childNo);
    if (end === undefined || (end !== null && end < start)) {
      log.drop(file.name, childNo, "CPPendDate", p.end, end === undefined ? "plan with an invalid end date" : "plan ends before it starts");
      return;
    }
    let previousPlans: number | null = null;
    if (p.previous !== "") {
      if (WHOLE_NUMBER_RE.test(p.previous)) previousPlans = Number(p.previous);
      else log.warn(file.name, childNo, "NumberOfPreviousCPP", p.previous, "not a whole number (treated as absent)");
    }
    this.into.plans.push({ child, childKey, start, end, previousPlans });
  }
}

/** The element names the reader compares with (the tokenizer reports these very strings). */
const CIN_ELEMENT_NAMES = [
  "Child", "CINdetails", "Assessments", "ChildProtectionPlans", "Header", "CollectionDetails", "LAchildID", "PersonBirthDate", "CINreferralDate", "CINclosureDate",
  "ReferralNFA", "AssessmentActualStartDate", "AssessmentAuthorisationDate", "CPPstartDate", "CPPendDate", "NumberOfPreviousCPP", "ReferenceDate", "Year", "LEA",
] as const;

/** The elements whose text is read (ids, dates, codes, counts); the others' text is not kept. */
const CIN_TEXT_ELEMENTS: ReadonlySet<string> = new Set<string>([
  "LAchildID", "PersonBirthDate", "CINreferralDate", "CINclosureDate", "ReferralNFA", "AssessmentActualStartDate", "AssessmentAuthorisationDate",
  "CPPstartDate", "CPPendDate", "NumberOfPreviousCPP", "ReferenceDate", "Year", "LEA",
]);

/**
 * Longest text kept of an element read: 4,096 characters, far above any id (LAchildID: at most 10 in the
 * specification), date, code or count with the white space around it; text past it is an error naming the element and
 * line, never quoting the text.
 */
export const MAX_CIN_TEXT_CHARS = 4096;

/** ReferralNFA codes (the specification's boolean: 0/1, or false/true as some systems write it). */
const NFA_RE = /^(0|1|true|false)$/i;
const WHOLE_NUMBER_RE = /^\d+$/;

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
    ...(data.childKeys === undefined ? {} : { childKeys: data.childKeys }),
    years: [...data.years],
    referrals: latest(data.referrals, (r) => r.referral),
    assessments: latest(data.assessments, (a) => a.start),
    plans: latest(data.plans, (p) => p.start),
  };
}
