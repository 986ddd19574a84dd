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
 * - `cin_assessments_45wd_pct`: assessments authorised in the year completed within 45 working days: working
 *   days after AssessmentActualStartDate up to and including AssessmentAuthorisationDate ≤ 45 (England and
 *   Wales bank holidays, lib/returns/bank-holidays).
 * - children in need at 31 March (a referral on or before 31 March not closed by then; one closed on 31 March is
 *   not open), numerator of `cin_rate_per_10k`; referrals in the year, numerator of `cin_referrals_rate_per_10k`.
 */
import { DataError } from "../errors";
import { inBankHolidayYears, workingDaysBetween } from "./bank-holidays";
import { collectionYear, isoDate } from "./dates";
import type { CinLaData } from "./read-cin";
import type { ReturnsCount } from "./cla-indicators";

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
  // referrals per child, unique dates, sorted
  const byChild = new Map<string, number[]>();
  for (const r of data.referrals) {
    const list = byChild.get(r.child);
    if (list) list.push(r.referral);
    else byChild.set(r.child, [r.referral]);
  }
  let referrals = 0;
  let rereferrals = 0;
  for (const dates of byChild.values()) {
    dates.sort((a, b) => a - b);
    let prev: number | undefined;
    for (const d of dates) {
      if (d === prev) continue;
      if (d >= S && d <= E) {
        referrals++;
        if (prev !== undefined && d - prev >= 1 && d - prev <= REREFERRAL_MAX_DAYS) rereferrals++;
      }
      prev = d;
    }
  }
  const openChildren = new Set<string>();
  for (const r of data.referrals) if (r.referral <= E && (r.closure === null || r.closure > E)) openChildren.add(r.child);

  const plansByChild = new Map<string, number[]>();
  for (const p of data.plans) {
    const list = plansByChild.get(p.child);
    if (list) list.push(p.start);
    else plansByChild.set(p.child, [p.start]);
  }
  for (const l of plansByChild.values()) l.sort((a, b) => a - b);
  let plans = 0;
  let repeatPlans = 0;
  for (const p of data.plans) {
    if (p.start < S || p.start > E) continue;
    plans++;
    const earlier = plansByChild.get(p.child)![0] < p.start;
    if ((p.previousPlans !== null && p.previousPlans >= 1) || earlier) repeatPlans++;
  }

  let assessments = 0;
  let timely = 0;
  for (const a of data.assessments) {
    if (a.authorised === null || a.authorised < S || a.authorised > E) continue;
    if (!inBankHolidayYears(a.start) || !inBankHolidayYears(a.authorised)) {
      throw new DataError({
        file: `CIN census ${la_code} ${year}`,
        column: "AssessmentActualStartDate",
        value: `${isoDate(a.start)} → ${isoDate(a.authorised)}`,
        expected: "assessment dates within the years of the England and Wales bank-holiday table (2011–2027)",
      });
    }
    assessments++;
    if (workingDaysBetween(a.start, a.authorised) <= ASSESSMENT_WORKING_DAYS) timely++;
  }
  const history = data.years.includes(year - 1);
  return [
    { la_code, period: year, indicator: "cin_31mar_count", numerator: openChildren.size, denominator: null },
    { la_code, period: year, indicator: "cin_referrals_count", numerator: referrals, denominator: null },
    { la_code, period: year, indicator: "cin_rereferral_pct", numerator: rereferrals, denominator: referrals, ...(history ? {} : { flag: "low-reliability:history" }) },
    { la_code, period: year, indicator: "cpp_second_time_pct", numerator: repeatPlans, denominator: plans },
    { la_code, period: year, indicator: "cin_assessments_45wd_pct", numerator: timely, denominator: assessments },
  ];
}
