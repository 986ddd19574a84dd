/**
 * Children-in-need indicators from CIN census data, by LA and collection year (DfE "Characteristics of
 * children in need" methodology):
 *
 * - `cin_rereferral_pct`: referrals in the year (CINreferralDate 1 April–31 March) that were within 12 months
 *   of a previous referral of the same child, of all referrals in the year. **Rule for "within 12 months":** the
 *   previous referral is 1 to 365 days earlier (day 365 counts, day 366 does not, also across 29 February).
 *   Needs the previous collection year: without it, earlier referrals closed before 1 April are unseen and the
 *   figure is flagged.
 * - `cpp_second_time_pct`: child protection plans starting in the year that are a second or subsequent plan:
 *   NumberOfPreviousCPP ≥ 1, or an earlier plan of the same child in the files read.
 * - `lait_continue_assess_comp`: assessments authorised in the year completed within 45 working days: working
 *   days after AssessmentActualStartDate up to and including AssessmentAuthorisationDate ≤ 45 (England and
 *   Wales bank holidays, lib/returns/bank-holidays).
 * - children in need at 31 March (a referral on or before 31 March not closed by then; one closed on 31 March is
 *   not open), numerator of `cin_rate_per_10k`; referrals in the year, numerator of `cin_referrals_rate_per_10k`.
 */
import { DataError } from "../errors";
import { inBankHolidayYears, workingDaysBetween } from "./bank-holidays";
import { calendarDate, collectionYear } from "./dates";
import type { CinLaData } from "./read-cin";
import { HISTORY_FLAG, type ReturnsCount } from "./cla-indicators";

/** "Within 12 months" of a previous referral: at most this many days later. */
export const REREFERRAL_MAX_DAYS = 365;
/** Assessment timeliness limit (Working Together to Safeguard Children: 45 working days). */
export const ASSESSMENT_WORKING_DAYS = 45;

/**
 * The CIN census counts of one LA for one collection year. `data` must hold each referral, assessment and plan
 * once (one census, or several merged by latestCinRecords).
 * @throws DataError when an assessment authorised in the year has a date outside the bank-holiday table's years
 * @example
 * cinCounts(byLa.get("E09000001")!, 2023).find((c) => c.indicator === "cin_rereferral_pct")
 */
export function cinCounts(data: CinLaData, year: number): ReturnsCount[] {
  const { start: S, end: E } = collectionYear(year);
  const la_code = data.la;
  const children = childNumbers(data);
  const { referrals, rereferrals } = referralCounts(data, children, S, E);
  const { plans, repeatPlans } = planCounts(data, children, S, E);
  let openChildren = 0;
  const open = new Uint8Array(children.count);
  data.referrals.forEach((r, k) => {
    if (r.referral > E || (r.closure !== null && r.closure <= E)) return;
    const id = children.ofReferral[k];
    if (open[id] === 0) openChildren++;
    open[id] = 1;
  });

  let assessments = 0;
  let timely = 0;
  for (const a of data.assessments) {
    if (a.authorised === null || a.authorised < S || a.authorised > E) continue;
    if (!inBankHolidayYears(a.start) || !inBankHolidayYears(a.authorised)) {
      throw new DataError({
        file: `CIN census ${la_code} ${year}`,
        column: "AssessmentActualStartDate",
        // years alone: a census date is withheld from messages as from the log (import-issues.ts loggableValue)
        value: `dates in ${calendarDate(a.start).year} → ${calendarDate(a.authorised).year}`,
        expected: "assessment dates within the years of the England and Wales bank-holiday table (2011–2027)",
      });
    }
    assessments++;
    if (workingDaysBetween(a.start, a.authorised) <= ASSESSMENT_WORKING_DAYS) timely++;
  }
  const history = data.years.includes(year - 1);
  return [
    { la_code, period: year, indicator: "cin_31mar_count", numerator: openChildren, denominator: null },
    { la_code, period: year, indicator: "cin_referrals_count", numerator: referrals, denominator: null },
    { la_code, period: year, indicator: "cin_rereferral_pct", numerator: rereferrals, denominator: referrals, ...(history ? {} : { flag: HISTORY_FLAG }) },
    { la_code, period: year, indicator: "cpp_second_time_pct", numerator: repeatPlans, denominator: plans },
    { la_code, period: year, indicator: "lait_continue_assess_comp", numerator: timely, denominator: assessments },
  ];
}

/**
 * Numbers for the children of the referrals and plans: the same number exactly when the same child, all below
 * `count` (they index typed arrays). Every count of cinCounts is a sum over children or records, the same whatever
 * the numbering, so the reader's childKey (numbered as the files were read into one CinLaData, whose childKeys is then
 * set) serves when every record has one; else (records of Annex A lists, made by hand, or of several reads put
 * together) the children are numbered by their pseudonyms in order of first sight.
 * The reader's numbers spare a Map lookup by pseudonym per record: 0.39 s of a 5.7 s single-thread run on the
 * synthetic national year (200 µs sampling), for 652,000 referrals and 151,000 plans looked up ≈ 1.1 M times.
 */
interface ChildNumbers {
  ofReferral: Int32Array;
  ofPlan: Int32Array;
  count: number;
}

/** The children's numbers in `data` (see {@link ChildNumbers}). */
function childNumbers(data: CinLaData): ChildNumbers {
  const { referrals, plans } = data;
  const ofReferral = new Int32Array(referrals.length);
  const ofPlan = new Int32Array(plans.length);
  // the reader's numbers are one numbering only within the CinLaData it made (childKeys set): records of two reads
  // concatenated by hand could give two children one number
  if (data.childKeys !== undefined) {
    const referralCount = readerNumbers(referrals, ofReferral);
    const planCount = referralCount < 0 ? -1 : readerNumbers(plans, ofPlan);
    if (planCount >= 0) return { ofReferral, ofPlan, count: Math.max(referralCount, planCount) };
  }
  const ids = new Map<string, number>();
  const of = (child: string): number => {
    let id = ids.get(child);
    if (id === undefined) ids.set(child, (id = ids.size));
    return id;
  };
  for (let k = 0; k < referrals.length; k++) ofReferral[k] = of(referrals[k].child);
  for (let k = 0; k < plans.length; k++) ofPlan[k] = of(plans[k].child);
  return { ofReferral, ofPlan, count: ids.size };
}

/** Each record's childKey into `out`; the count the numbers need (the largest + 1, 0 for none), or −1 when a record has no key. */
function readerNumbers(records: readonly { childKey?: number }[], out: Int32Array): number {
  let count = 0;
  for (let k = 0; k < records.length; k++) {
    const key = records[k].childKey;
    if (key === undefined) return -1;
    if ((out[k] = key) >= count) count = key + 1;
  }
  return count;
}

/**
 * Referrals in the year and re-referrals: each child's distinct referral dates in order (a counting sort by
 * child, then each child's few dates sorted); a date in the year is a re-referral when the child's previous
 * date is 1 to REREFERRAL_MAX_DAYS days earlier.
 */
function referralCounts(data: CinLaData, children: ChildNumbers, S: number, E: number): { referrals: number; rereferrals: number } {
  const n = data.referrals.length;
  const { ofReferral: child, count } = children;
  const first = new Int32Array(count + 1);
  for (let k = 0; k < n; k++) first[child[k] + 1]++;
  for (let c = 0; c < count; c++) first[c + 1] += first[c];
  const dates = new Float64Array(n);
  const fill = first.slice(0, count);
  for (let k = 0; k < n; k++) dates[fill[child[k]]++] = data.referrals[k].referral;
  let referrals = 0;
  let rereferrals = 0;
  for (let c = 0; c < count; c++) {
    const group = dates.subarray(first[c], first[c + 1]);
    if (group.length > 1) group.sort();
    let prev = NaN;
    for (const d of group) {
      if (d === prev) continue;
      if (d >= S && d <= E) {
        referrals++;
        if (d - prev >= 1 && d - prev <= REREFERRAL_MAX_DAYS) rereferrals++;
      }
      prev = d;
    }
  }
  return { referrals, rereferrals };
}

/** Plans starting in the year, and those that are second or subsequent (NumberOfPreviousCPP ≥ 1 or an earlier plan of the child). */
function planCounts(data: CinLaData, children: ChildNumbers, S: number, E: number): { plans: number; repeatPlans: number } {
  const child = children.ofPlan;
  const firstStart = new Float64Array(children.count).fill(Infinity);
  data.plans.forEach((p, k) => (firstStart[child[k]] = Math.min(firstStart[child[k]], p.start)));
  let plans = 0;
  let repeatPlans = 0;
  data.plans.forEach((p, k) => {
    if (p.start < S || p.start > E) return;
    plans++;
    if ((p.previousPlans !== null && p.previousPlans >= 1) || firstStart[child[k]] < p.start) repeatPlans++;
  });
  return { plans, repeatPlans };
}
