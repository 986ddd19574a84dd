/**
 * Children-looked-after indicators from SSDA903 data, by LA and collection year, following DfE's published
 * definitions ("Children looked after in England including adoptions", methodology and table notes):
 *
 * - `cla_3plus_placements_pct`: children looked after at 31 March with 3 or more placements during the year,
 *   of all children looked after at 31 March; children whose episode at 31 March is a series of short-term
 *   placements (LS V3/V4) are excluded, and V3/V4 episodes are not placements. A placement begins with an
 *   episode whose RNE is S, P or T (a new carer) or after a break in care; L, U and B continue it. A placement
 *   counts when the child was in it on any day from 1 April to 31 March (one ending on 1 April counts; a
 *   placement starting and ending on the same day counts).
 * - `cla_long_term_stability_pct`: of children under 16 at 31 March looked after continuously for at least
 *   2.5 years (period of care started on or before 31 March − 30 months), those in the same placement for at
 *   least 2 years (placement started on or before 31 March − 24 months), or placed for adoption (PLACE A3–A6)
 *   with the adoption placement and the placement before it together lasting at least 2 years. V3/V4 excluded.
 * - `cla_missing_pct`: children looked after during the year (any non-V3/V4 episode open on a day of the year)
 *   who had at least one missing incident (MISSING = M) starting in the year.
 * - `care_leavers_eet_19_21_pct`, `care_leavers_suitable_accom_19_21_pct`: OC3 young people whose 19th, 20th
 *   or 21st birthday fell in the year, excluding those who died (IN_TOUCH DIED) or returned home for 6 months
 *   or more (RHOM); EET = activity F1–F5/P1–P5; suitable = accommodation code ending in Y.
 * - `cla_convicted_pct`, `cla_substance_misuse_pct` (OC2: children looked after continuously for 12 months at
 *   31 March, as the LA's OC2 table lists them): convicted or given a final warning, reprimand or youth caution
 *   in the year (CONVICTED = 1) of those aged 10–17 at 31 March with CONVICTED recorded; identified as having
 *   a substance misuse problem (SUBSTANCE_MISUSE = 1) of all with SUBSTANCE_MISUSE recorded.
 * - children looked after at 31 March (non-V3/V4), the numerator of `cla_rate_per_10k`.
 *
 * Long-term stability needs the two previous collection years (a placement or period of care may have begun
 * before the earliest file): without them the figure is computed from what the files hold and flagged
 * low-reliability:history, and a cohort of none is `not-available:no-history` (NO_HISTORY_STATUS), not a year
 * without such children: the earlier episodes that would put a child in it are missing.
 */
import { addMonths, ageAt31March, ageOnBirthdayInYear, collectionYear } from "./dates";
import type { CareLeaverRecord, ClaEpisode, ClaLaData, Oc2Record } from "./ssda903-records";
import {
  ADOPTION_PLACEMENTS, CARE_LEAVER_EXCLUDED_IN_TOUCH, EET_ACTIVITY_RE, NEW_PLACEMENT_RNE, SHORT_BREAK_LS, SUITABLE_ACCOMMODATION_RE,
} from "./ssda903-tables";

/**
 * The columns of OC2, OC3 and Header (beside CHILD) that the figures read: OC2's give cla_convicted_pct (DOB for the ages
 * 10–17, CONVICTED) and cla_substance_misuse_pct (SUBSTANCE_MISUSE); OC3's the care-leaver figures (DOB for the ages
 * 19–21, IN_TOUCH for who is in the cohort, ACTIV for EET, ACCOM for suitable accommodation); Header's DOB the age
 * cohort of cla_long_term_stability_pct (children under 16; SEX, ETHNIC and the rest are read by no figure). One list:
 * the row readers check an OC2 table has its columns by it, and ssda903-repeated-children compares a child's rows on it
 * (rows the same in these columns say the same to every figure).
 */
export const FIGURE_COLUMNS = Object.freeze({
  OC2: Object.freeze(["DOB", "CONVICTED", "SUBSTANCE_MISUSE"] as const),
  OC3: Object.freeze(["DOB", "IN_TOUCH", "ACTIV", "ACCOM"] as const),
  Header: Object.freeze(["DOB"] as const),
});

/** A column of OC2, OC3 or Header that a figure reads (FIGURE_COLUMNS). */
export type FigureColumn = (typeof FIGURE_COLUMNS)[keyof typeof FIGURE_COLUMNS][number];

/** Months looked after for the long-term stability cohort (2.5 years). */
export const LONG_TERM_CARE_MONTHS = 30;
/** Months in the same placement for the long-term stability numerator (2 years). */
export const LONG_TERM_PLACEMENT_MONTHS = 24;
/** Age (at 31 March) from which children leave the long-term stability cohort. */
export const LONG_TERM_MAX_AGE_EXCLUSIVE = 16;
/** Placements in the year from which a child counts in `cla_3plus_placements_pct`. */
export const MANY_PLACEMENTS = 3;
/** Ages (at 31 March) of the convictions cohort (DfE: children aged 10 to 17; 10 is the age of criminal responsibility). */
export const CONVICTION_MIN_AGE = 10;
export const CONVICTION_MAX_AGE = 17;
/** Ages of the care leavers counted (DfE: the 19th, 20th or 21st birthday in the year); OC3 lists those of 17 and 18 too. */
export const CARE_LEAVER_MIN_AGE = 19;
export const CARE_LEAVER_MAX_AGE = 21;
/** Youngest age on the birthday in the year that OC3 collects (DfE: 17 and 18 since 2016, besides 19–21). */
export const OC3_MIN_AGE = 17;
/** Collection years before the one measured that long-term stability needs (2.5 years of history). */
export const LONG_TERM_HISTORY_YEARS = 2;
/** Flag of a figure computed without the earlier collection years its definition needs. */
export const HISTORY_FLAG = "low-reliability:history";
/**
 * Status of a figure whose cohort is empty because the earlier collection years it needs are missing: a first year's
 * long-term stability had read "0 of 0" as not-available:no-children, which says the LA had no such children.
 */
export const NO_HISTORY_STATUS = "not-available:no-history";

/**
 * A count x of n for one LA, year and indicator; `flag` is a status when the count is incomplete (a low-reliability
 * one qualifies the value; a not-available one, with a denominator of 0, says why there is none).
 */
export interface ReturnsCount {
  la_code: string;
  period: number;
  indicator: string;
  numerator: number;
  /** Denominator (children), or for rates null (the population comes later). */
  denominator: number | null;
  flag?: string;
  /** Records the definition would take in but the data could not place (logged per LA and year; the count is without them). */
  leftOut?: { count: number; reason: string };
  /**
   * Rows of the table (or children) outside the indicator's ages, not counted: on the first count of a table only, so
   * that import-returns logs them once per table, LA and year, as a count (no record). They had gone without a word.
   */
  outsideAges?: { count: number; rule: string };
}

/** The log's rule for each table's rows outside its indicators' ages (the count is the entry's). */
export const OUTSIDE_AGES_RULES = {
  oc2: `OC2: rows with CONVICTED recorded outside ages ${CONVICTION_MIN_AGE}–${CONVICTION_MAX_AGE} at 31 March: not counted in cla_convicted_pct`,
  oc3: `OC3: rows outside the ages OC3 collects, ${OC3_MIN_AGE}–${CARE_LEAVER_MAX_AGE} (on the birthday in the year): not counted in care_leavers_eet_19_21_pct or care_leavers_suitable_accom_19_21_pct`,
} as const;

/** The outsideAges field of a count: none when no row was outside. */
function outsideAgesFor(count: number, rule: string): Pick<ReturnsCount, "outsideAges"> {
  return count === 0 ? {} : { outsideAges: { count, rule } };
}

/** Why a child or OC2 row without a date of birth is left out of an age-based indicator. */
export const NO_BIRTH_DATE = "no valid date of birth (the cohort is by age)";

/**
 * The log's rule of the children an indicator leaves out (ReturnsCount.leftOut), as import-returns logs it.
 * @example leftOutRule("cla_convicted_pct", NO_BIRTH_DATE) // "cla_convicted_pct: children left out: no valid date of birth (the cohort is by age)"
 */
export function leftOutRule(indicator: string, reason: string): string {
  return `${indicator}: children left out: ${reason}`;
}

/** Episodes as at 31 March `end`: those started by then, with later end dates treated as still open. */
function episodesAsAt(list: readonly ClaEpisode[], end: number): ClaEpisode[] {
  const out: ClaEpisode[] = [];
  for (const e of list) {
    if (e.start > end) break;
    out.push(e.end !== null && e.end > end ? { ...e, end: null } : e);
  }
  return out;
}

/** Index of the first episode of the placement containing episode i (same carer, continuous). */
function placementStartIndex(es: readonly ClaEpisode[], i: number): number {
  let k = i;
  while (k > 0 && !NEW_PLACEMENT_RNE.has(es[k].rne) && es[k - 1].end === es[k].start && !SHORT_BREAK_LS.has(es[k - 1].ls)) k--;
  return k;
}

/** Index of the first episode of the period of care containing episode i. */
function periodStartIndex(es: readonly ClaEpisode[], i: number): number {
  let k = i;
  while (k > 0 && es[k].rne !== "S" && es[k - 1].end === es[k].start) k--;
  return k;
}

/**
 * Number of placements a child was in during the year [start, end] (V3/V4 episodes are not placements).
 * @example
 * // episodes S 01/05, P 10/06 (ended 10/06), P 10/06 — three placements
 */
export function placementsInYear(es: readonly ClaEpisode[], start: number, end: number): number {
  let n = 0;
  for (let i = 0; i < es.length; i++) {
    const e = es[i];
    if (SHORT_BREAK_LS.has(e.ls)) continue;
    const prev = es[i - 1];
    const begins = i === 0 || NEW_PLACEMENT_RNE.has(e.rne) || prev.end !== e.start || SHORT_BREAK_LS.has(prev.ls);
    if (!begins) continue;
    // the placement runs until the episode before the next placement start
    let j = i;
    while (j + 1 < es.length && !SHORT_BREAK_LS.has(es[j + 1].ls) && !NEW_PLACEMENT_RNE.has(es[j + 1].rne) && es[j].end === es[j + 1].start) j++;
    const pEnd = es[j].end;
    if (e.start <= end && (pEnd === null || pEnd >= start)) n++;
  }
  return n;
}

/**
 * The SSDA903 counts of one LA for one collection year.
 * @example
 * claCounts(byLa.get("E09000001")!, 2023).find((c) => c.indicator === "cla_3plus_placements_pct")
 */
export function claCounts(data: ClaLaData, year: number): ReturnsCount[] {
  const tables = data.tables.get(year) ?? new Set();
  const c = episodeCounts(data, year);
  const la_code = data.la;
  const count = (indicator: string, numerator: number, denominator: number | null): ReturnsCount => ({ la_code, period: year, indicator, numerator, denominator });
  const out: ReturnsCount[] = [count("cla_31mar_count", c.lookedAfter31March, null), count("cla_3plus_placements_pct", c.manyPlacements, c.lookedAfter31March)];
  const history = Array.from({ length: LONG_TERM_HISTORY_YEARS }, (_, k) => year - 1 - k).every((y) => data.years.includes(y));
  out.push({
    ...count("cla_long_term_stability_pct", c.longTermStable, c.longTermCohort),
    ...(history ? {} : { flag: c.longTermCohort === 0 ? NO_HISTORY_STATUS : HISTORY_FLAG }),
    ...leftOutFor(c.longTermWithoutBirthDate),
  });
  if (tables.has("Missing")) out.push(count("cla_missing_pct", c.withMissing, c.lookedAfterDuringYear));
  if (tables.has("OC2") && data.outcomes.has(year)) {
    const o = outcomeCounts(data.outcomes.get(year)!, year);
    out.push(
      { ...count("cla_convicted_pct", o.convicted, o.agedTenToSeventeen), ...leftOutFor(o.convictedWithoutBirthDate), ...outsideAgesFor(o.convictedOutsideAges, OUTSIDE_AGES_RULES.oc2) },
      count("cla_substance_misuse_pct", o.misuse, o.misuseRecorded),
    );
  }
  if (tables.has("OC3")) {
    const l = careLeaverCounts(data.careLeavers.get(year) ?? [], year);
    out.push({ ...count("care_leavers_eet_19_21_pct", l.eet, l.cohort), ...outsideAgesFor(l.outsideAges, OUTSIDE_AGES_RULES.oc3) }, count("care_leavers_suitable_accom_19_21_pct", l.suitable, l.cohort));
  }
  return out;
}

/** The leftOut field of a count: none when no record was left out. */
function leftOutFor(count: number): Pick<ReturnsCount, "leftOut"> {
  return count === 0 ? {} : { leftOut: { count, reason: NO_BIRTH_DATE } };
}

/** What the Episodes (and Missing) tables give for one year. */
interface EpisodeCounts {
  lookedAfter31March: number;
  manyPlacements: number;
  longTermCohort: number;
  longTermStable: number;
  /** Children looked after at 31 March for 2.5 years or more whose age is unknown (no date of birth in Header). */
  longTermWithoutBirthDate: number;
  lookedAfterDuringYear: number;
  withMissing: number;
}

/**
 * Children looked after at 31 March, with 3+ placements, in the long-term cohort and stable, and during the year with a
 * missing incident: of the children the year's Episodes table lists (ClaLaData.listed), each with its episodes of the
 * run, so that an episode open in an earlier year's table does not count a child the year's return does not list.
 */
function episodeCounts(data: ClaLaData, year: number): EpisodeCounts {
  const { start: S, end: E } = collectionYear(year);
  const longCareBy = addMonths(E, -LONG_TERM_CARE_MONTHS);
  const longPlacementBy = addMonths(E, -LONG_TERM_PLACEMENT_MONTHS);
  const c: EpisodeCounts = { lookedAfter31March: 0, manyPlacements: 0, longTermCohort: 0, longTermStable: 0, longTermWithoutBirthDate: 0, lookedAfterDuringYear: 0, withMissing: 0 };
  const missingChildren = new Set<string>();
  for (const m of data.missing.get(year) ?? []) if (m.kind === "M" && m.start >= S && m.start <= E) missingChildren.add(m.child);
  // the children the year's return lists, each with its history from the run's other years (ClaLaData.listed)
  for (const child of data.listed.get(year) ?? []) {
    const es = episodesAsAt(data.episodes.get(child)!, E);
    if (es.length === 0) continue;
    if (es.some((e) => !SHORT_BREAK_LS.has(e.ls) && e.start <= E && (e.end === null || e.end >= S))) {
      c.lookedAfterDuringYear++;
      if (missingChildren.has(child)) c.withMissing++;
    }
    const last = es[es.length - 1];
    if (last.end !== null || SHORT_BREAK_LS.has(last.ls)) continue;
    c.lookedAfter31March++;
    if (placementsInYear(es, S, E) >= MANY_PLACEMENTS) c.manyPlacements++;
    if (es[periodStartIndex(es, es.length - 1)].start > longCareBy) continue;
    const bm = data.birthMonth.get(child);
    if (bm === undefined) {
      c.longTermWithoutBirthDate++;
      continue;
    }
    if (ageAt31March(bm, year) >= LONG_TERM_MAX_AGE_EXCLUSIVE) continue;
    c.longTermCohort++;
    if (inLongTermPlacement(es, longPlacementBy)) c.longTermStable++;
  }
  return c;
}

/**
 * Whether the child's current placement (the last episode's) began by `by`, or it is an adoption placement that
 * with the placement before it (continuous, not a new period of care) began by then.
 */
function inLongTermPlacement(es: readonly ClaEpisode[], by: number): boolean {
  const last = es[es.length - 1];
  const p = placementStartIndex(es, es.length - 1);
  if (es[p].start <= by) return true;
  if (ADOPTION_PLACEMENTS.has(last.place) && p > 0 && es[p - 1].end === es[p].start && es[p].rne !== "S") {
    return es[placementStartIndex(es, p - 1)].start <= by;
  }
  return false;
}

/** OC2: convictions among those aged 10–17 with CONVICTED recorded; substance misuse among those with it recorded. */
function outcomeCounts(
  records: readonly Oc2Record[],
  year: number,
): { agedTenToSeventeen: number; convicted: number; convictedWithoutBirthDate: number; convictedOutsideAges: number; misuseRecorded: number; misuse: number } {
  const o = { agedTenToSeventeen: 0, convicted: 0, convictedWithoutBirthDate: 0, convictedOutsideAges: 0, misuseRecorded: 0, misuse: 0 };
  for (const r of records) {
    if (r.birthMonth === null) {
      if (r.convicted !== "") o.convictedWithoutBirthDate++;
    } else if (r.convicted !== "" && !inConvictionAges(ageAt31March(r.birthMonth, year))) {
      o.convictedOutsideAges++;
    } else if (r.convicted !== "") {
      o.agedTenToSeventeen++;
      if (r.convicted === "1") o.convicted++;
    }
    if (r.substanceMisuse !== "") {
      o.misuseRecorded++;
      if (r.substanceMisuse === "1") o.misuse++;
    }
  }
  return o;
}

function inConvictionAges(age: number): boolean {
  return age >= CONVICTION_MIN_AGE && age <= CONVICTION_MAX_AGE;
}

/** OC3: care leavers whose 19th–21st birthday fell in the year (not died or returned home), in EET and in suitable accommodation. */
function careLeaverCounts(records: readonly CareLeaverRecord[], year: number): { cohort: number; eet: number; suitable: number; outsideAges: number } {
  const l = { cohort: 0, eet: 0, suitable: 0, outsideAges: 0 };
  for (const r of records) {
    const age = ageOnBirthdayInYear(r.birthMonth, year);
    // 17 and 18 are in OC3 by design and out of the 19–21 figures by definition: only other ages are a finding
    if (age < CARE_LEAVER_MIN_AGE || age > CARE_LEAVER_MAX_AGE) {
      if (age < OC3_MIN_AGE || age > CARE_LEAVER_MAX_AGE) l.outsideAges++;
      continue;
    }
    if (CARE_LEAVER_EXCLUDED_IN_TOUCH.has(r.inTouch)) continue;
    l.cohort++;
    if (EET_ACTIVITY_RE.test(r.activity)) l.eet++;
    if (SUITABLE_ACCOMMODATION_RE.test(r.accommodation)) l.suitable++;
  }
  return l;
}
