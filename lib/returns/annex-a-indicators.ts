/**
 * Indicators from Ofsted Annex A lists, by LA and collection year, where the lists carry what the DfE
 * definitions need (the same ids as from the statutory returns, so they compare side by side):
 *
 * - List 3 → `cin_rereferral_pct`: referrals dated in the year; re-referral = a previous referral of the child in the
 *   lists read 1–365 days earlier (as cinCounts). List 3 holds only the inspection window's referrals (the year's
 *   referral count is never given, below), and without the previous year's workbook the earlier referrals are
 *   missing too. The list's own "Number of Referrals in Last 12 Months" is not used (Ofsted's guidance does not fix
 *   whether it counts the referral itself).
 * - List 4 → `lait_continue_assess_comp`: assessments authorised in the year within 45 working days (as cinCounts).
 * - List 7 → `cpp_second_time_pct`: plans starting in the year with Number of Previous Child Protection Plans ≥ 1
 *   or an earlier plan of the child in the lists.
 * - List 8 → children looked after at 31 March (`cla_rate_per_10k`): started on or before 31 March, not ceased by
 *   then (ceasing on 31 March is not looked after at 31 March), legal status not V3/V4.
 * - List 9 → `care_leavers_eet_19_21_pct`, `care_leavers_suitable_accom_19_21_pct`: care leavers whose 19th–21st
 *   birthday fell in the year and in a month of the window (the others counted as left out), excluding Died and
 *   Rhom; EET = activity F1–F5/P1–P5; suitable = "Suitable" (blank activity or suitability counts as not).
 *
 * The window: Ofsted asks for the events of the six months before the extract (ANNEX_A_WINDOW_MONTHS), and for
 * children looked after, those looked after at the extract and those who ceased in those months. Every Annex A list
 * is such an extract: a workbook whose file name gives its extract date (annex_a_2024-01-15.xlsx) is taken to hold
 * that window; one named by collection year only (2023-24/annex_a.xlsx) holds a window too, of months unknown, and is
 * said so on the screen with how to name it (it had been taken to hold the whole year, as its name seemed to say). A
 * figure whose DfE definition the window does not cover is not given as if it did:
 * - a count of the year (referrals, the numerator of `cin_referrals_rate_per_10k`) is never computed: six months
 *   are not the year, and no flag makes a part-year count an annual rate (it would be plotted and ranked as one);
 * - the count at 31 March (List 8) is not computed when 31 March is outside the window (extracted before it, or
 *   more than six months after: a child who ceased in between is no longer listed) or the window is unknown;
 * - a share of the year's events (re-referrals, assessments in 45 working days, second-time plans) is computed from
 *   the months held and flagged low-reliability:window: those months are a sample of the year's events, not the year.
 * What is not computed is returned with the reason ({@link AnnexACounts}.notCovered), for the log and the screen.
 *
 * Not computed from Annex A (the lists lack what the definition needs): CIN at 31 March (List 3 has no closure
 * date), 3+ placements and long-term stability (List 8 has a 12-month placement count relative to the extract
 * date, and no placement history), missing incidents as a share of children looked after during the year.
 */
import { cinCounts } from "./cin-indicators";
import type { ReturnsCount } from "./cla-indicators";
import { addMonths, ageOnBirthdayInYear, calendarDate, collectionYear, isoDate } from "./dates";
import { ANNEX_A_WINDOW_MONTHS, type AnnexACareLeaver, type AnnexAData } from "./read-annex-a";
import { latestCinRecords, type CinLaData } from "./read-cin";
import { CARE_LEAVER_EXCLUDED_IN_TOUCH, EET_ACTIVITY_RE } from "./ssda903-tables";
import { append } from "../data/append";

/** The CIN indicators each list gives (cin_31mar_count is never taken from Annex A). */
const CIN_INDICATORS_OF_LIST: Readonly<Record<number, readonly string[]>> = Object.freeze({
  3: ["cin_referrals_count", "cin_rereferral_pct"],
  4: ["lait_continue_assess_comp"],
  7: ["cpp_second_time_pct"],
});

/** Status of a share computed from a window that holds only part of the year. */
export const WINDOW_FLAG = "low-reliability:window";

/** A count the workbooks could not give for its definition, and why. */
export interface AnnexANotCovered {
  la_code: string;
  period: number;
  indicator: string;
  reason: string;
}

/** What {@link annexACounts} gives: the counts, and those left out because the window does not cover their definition. */
export interface AnnexACounts {
  counts: ReturnsCount[];
  notCovered: AnnexANotCovered[];
}

/**
 * Whether a workbook's window holds 31 March of its collection year: its extract date is on or after that day and at
 * most {@link ANNEX_A_WINDOW_MONTHS} months later; false when its name gives no extract date (the window is unknown).
 */
function windowHolds31March(w: AnnexAData): boolean {
  if (w.extractDate === null) return false;
  const { end } = collectionYear(w.year);
  return addMonths(w.extractDate, -ANNEX_A_WINDOW_MONTHS) <= end && w.extractDate >= end;
}

/** How a reason names the windows of a year's workbooks: by their extract dates, or as unknown. */
function extractWords(ws: readonly AnnexAData[]): string {
  const dates = ws.flatMap((w) => (w.extractDate === null ? [] : [isoDate(w.extractDate)]));
  if (dates.length === ws.length) return `extracted ${dates.join(" and ")}`;
  return ws.length === 1 ? "of a workbook whose name gives no extract date" : "of workbooks not all of whose names give an extract date";
}

/** The workbooks of each collection year, years in order. */
function byYear(sorted: readonly AnnexAData[]): Map<number, AnnexAData[]> {
  const out = new Map<number, AnnexAData[]>();
  for (const w of sorted) out.set(w.year, [...(out.get(w.year) ?? []), w]);
  return out;
}

/**
 * The counts of one LA from its Annex A workbooks, with what the windows do not cover left out or flagged. A year may
 * have several workbooks whose windows do not overlap (lib/returns/annex-a-extracts refuses others): their lists are
 * combined. Workbooks are read in year order and, within a year, in extract order: a later workbook's copy of a
 * referral, assessment or plan wins, and a care leaver's row is that of the latest workbook whose window holds their
 * birthday in the year (careLeaverCounts), so a child listed in two is counted once.
 * @example
 * annexACounts([readAnnexAWorkbook(file, key, log)!]).counts.find((c) => c.indicator === "cpp_second_time_pct")
 */
export function annexACounts(workbooks: readonly AnnexAData[]): AnnexACounts {
  const sorted = [...workbooks].sort((a, b) => a.year - b.year || (a.extractDate ?? 0) - (b.extractDate ?? 0));
  const notCovered: AnnexANotCovered[] = [];
  if (sorted.length === 0) return { counts: [], notCovered };
  const la = sorted[0].la;
  const merged: CinLaData = { la, years: [...new Set(sorted.map((w) => w.year))], referrals: [], assessments: [], plans: [] };
  for (const w of sorted) {
    append(merged.referrals, w.referrals);
    append(merged.assessments, w.assessments);
    append(merged.plans, w.plans);
  }
  const cin = sorted.length === 1 ? merged : latestCinRecords(merged);
  const out: ReturnsCount[] = [];
  for (const [year, ws] of byYear(sorted)) {
    const wanted = new Set(ws.flatMap((w) => [...w.read].flatMap((list) => CIN_INDICATORS_OF_LIST[list] ?? [])));
    for (const c of wanted.size === 0 ? [] : cinCounts(cin, year)) {
      if (!wanted.has(c.indicator)) continue;
      // a list holds ANNEX_A_WINDOW_MONTHS (< 12) months: never the year a count of the year needs
      if (c.denominator === null) {
        const unknown = ws.some((w) => w.extractDate === null);
        notCovered.push({ ...c, reason: `Annex A List 3 ${extractWords(ws)} holds the referrals of the ${ANNEX_A_WINDOW_MONTHS} months before${unknown ? " its extract" : ""}, not of the year ending 31 March ${year}` });
      } else out.push({ ...c, flag: WINDOW_FLAG });
    }
    const list8 = ws.filter((w) => w.read.has(8));
    const holding = list8.find(windowHolds31March);
    if (holding !== undefined) out.push({ la_code: la, period: year, indicator: "cla_31mar_count", numerator: lookedAfterAt31March(holding), denominator: null });
    else if (list8.length > 0) {
      notCovered.push({ la_code: la, period: year, indicator: "cla_31mar_count", reason: `Annex A List 8 ${extractWords(list8)} does not show who was looked after on 31 March ${year} (its window is the ${ANNEX_A_WINDOW_MONTHS} months before the extract)` });
    }
    const list9 = ws.filter((w) => w.read.has(9));
    if (list9.length > 0) append(out, careLeaverCounts(list9));
  }
  return { counts: out, notCovered };
}

/** Distinct children in List 8 looked after at 31 March (not short-break series). */
function lookedAfterAt31March(w: AnnexAData): number {
  const { end } = collectionYear(w.year);
  const children = new Set<string>();
  for (const r of w.lookedAfter) if (!r.shortBreak && r.started <= end && (r.ceased === null || r.ceased > end)) children.add(r.child);
  return children.size;
}

/** Why a List 9 care leaver of the year's cohort is left out of a window's shares. */
export const BIRTHDAY_OUTSIDE_WINDOW = `birthday in the year outside the Annex A window (the ${ANNEX_A_WINDOW_MONTHS} months before the extract, by month of birth)`;

/** A month as `year * 12 + (month − 1)`, as birthMonth gives a month of birth. */
function monthIndex(day: number): number {
  const c = calendarDate(day);
  return c.year * 12 + (c.month - 1);
}

/**
 * The care-leaver shares of a year's List 9s, as the other lists' shares, of their windows: a young person of the
 * year's cohort counts when their birthday in the year falls in a month of a window (wholly or partly: only the month
 * of birth is kept), the list giving their status at the extract, not at a birthday months away; the latest such row
 * of a child is the one counted (workbooks in extract order), so a child in two lists counts once. The others are
 * left out and counted (leftOut: a count in the log, no record). The shares are flagged low-reliability:window, a
 * workbook whose name gives no extract date included (its rows cannot be checked: its months are unknown).
 */
function careLeaverCounts(ws: readonly AnnexAData[]): ReturnsCount[] {
  const { la, year } = ws[0];
  const counted = new Map<string, AnnexACareLeaver>();
  const outside = new Set<string>();
  for (const w of ws) {
    const window = w.extractDate === null ? null : { first: monthIndex(addMonths(w.extractDate, -ANNEX_A_WINDOW_MONTHS)), last: monthIndex(w.extractDate) };
    for (const r of w.careLeavers) {
      const age = ageOnBirthdayInYear(r.birthMonth, year);
      if (age < 19 || age > 21 || CARE_LEAVER_EXCLUDED_IN_TOUCH.has(r.inTouch)) continue;
      const birthday = r.birthMonth + age * 12;
      if (window !== null && (birthday < window.first || birthday > window.last)) outside.add(r.child);
      else counted.set(r.child, r);
    }
  }
  for (const child of counted.keys()) outside.delete(child);
  let eet = 0;
  let suitable = 0;
  for (const r of counted.values()) {
    if (EET_ACTIVITY_RE.test(r.activity)) eet++;
    if (r.suitable === true) suitable++;
  }
  const leftOut = outside.size === 0 ? {} : { leftOut: { count: outside.size, reason: BIRTHDAY_OUTSIDE_WINDOW } };
  return [
    { la_code: la, period: year, indicator: "care_leavers_eet_19_21_pct", numerator: eet, denominator: counted.size, flag: WINDOW_FLAG, ...leftOut },
    { la_code: la, period: year, indicator: "care_leavers_suitable_accom_19_21_pct", numerator: suitable, denominator: counted.size, flag: WINDOW_FLAG, ...leftOut },
  ];
}
