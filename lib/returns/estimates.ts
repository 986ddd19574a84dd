/**
 * From counts to published indicator rows: percentages with Wilson intervals, rates per 10,000 with PHE's
 * exact-Poisson/Byar rule (lib/indicators/intervals), then disclosure control (lib/disclosure):
 * - `suppressIndicatorRows`: a denominator of 1 … threshold − 1 suppresses the row;
 * - and, stricter here, a numerator of 1 … threshold − 1 suppresses the value too (not only the numerator),
 *   because value × denominator would give the small count back; for rates the population is public, so this
 *   is what keeps a count of 1–9 children from being recoverable.
 * - and, secondary, of two published counts of one LA whose populations are nested (children looked after
 *   during the year, at 31 March of that year and of the year before: COUNTED_POPULATION, NESTED_POPULATIONS), the
 *   rows of one side are suppressed when the two differ by 1 … threshold − 1, since the difference is a count of
 *   children.
 * A denominator of 0 gives `not-available:no-children` (nothing to divide), or the count's own not-available flag when
 * it has one (`not-available:no-history`: the cohort is empty because earlier years are missing). Counts used only to build rates
 * (children at 31 March, referrals) are not rows of their own.
 */
import type { IndicatorRow } from "../data/types";
import { DEFAULT_DISCLOSURE_THRESHOLD, DISCLOSURE_STATUS, isSmallCount } from "../disclosure/suppress-counts";
import { suppressIndicatorRows } from "../disclosure/suppress-indicators";
import { CONFIDENCE_95, PER_10K, rateInterval, wilsonInterval } from "../indicators/intervals";
import { COUNTED_POPULATION, NESTED_POPULATIONS, RATE_NUMERATORS, RETURNS_CATALOGUE } from "./catalogue";
import { NO_HISTORY_STATUS, type ReturnsCount } from "./cla-indicators";

/** Status of a percentage whose denominator is 0. */
export const NO_CHILDREN_STATUS = "not-available:no-children";

/** One LA-year estimate with its interval (NaN limits when withheld). */
export interface ReturnsEstimate {
  la_code: string;
  period: number;
  indicator: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  conf: number;
  method: "wilson" | "exact" | "byar" | "none";
  status: string;
}

/** Population aged 0–17 by `${la_code}|${period}`. */
export type PopulationTable = ReadonlyMap<string, number>;

/**
 * Turn counts into disclosure-controlled indicator rows and interval estimates.
 * @param counts from claCounts / cinCounts
 * @param population child population by LA and period (for rates; rates are left out without it)
 * @example
 * const { rows, estimates } = returnsIndicatorRows(counts, new Map([["E09000001|2023", 1500]]));
 */
export function returnsIndicatorRows(
  counts: readonly ReturnsCount[],
  population: PopulationTable,
  options: { threshold?: number; conf?: number } = {},
): { rows: IndicatorRow[]; estimates: ReturnsEstimate[]; ratesWithoutPopulation: string[] } {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const conf = options.conf ?? CONFIDENCE_95;
  const catalogued = new Set(RETURNS_CATALOGUE.map((c) => c.indicator));
  const raw: (IndicatorRow & { lower: number | null; upper: number | null; method: ReturnsEstimate["method"] })[] = [];
  const ratesWithoutPopulation: string[] = [];
  for (const c of counts) {
    if (catalogued.has(c.indicator) && c.denominator !== null) {
      if (c.denominator === 0) {
        const status = c.flag === NO_HISTORY_STATUS ? NO_HISTORY_STATUS : NO_CHILDREN_STATUS;
        raw.push({ la_code: c.la_code, period: c.period, indicator: c.indicator, value: null, numerator: 0, denominator: 0, status, lower: null, upper: null, method: "none" });
        continue;
      }
      const w = wilsonInterval(c.numerator, c.denominator, { conf, multiplier: 100 });
      raw.push({
        la_code: c.la_code, period: c.period, indicator: c.indicator, value: w.estimate, numerator: c.numerator, denominator: c.denominator,
        status: c.flag ?? "", lower: w.lower, upper: w.upper, method: "wilson",
      });
    }
  }
  for (const [rate, countId] of Object.entries(RATE_NUMERATORS)) {
    for (const c of counts) {
      if (c.indicator !== countId) continue;
      const pop = population.get(`${c.la_code}|${c.period}`);
      if (pop === undefined || !(pop > 0)) {
        ratesWithoutPopulation.push(`${rate} ${c.la_code} ${c.period}`);
        continue;
      }
      const r = rateInterval(c.numerator, pop, { conf, multiplier: PER_10K });
      raw.push({
        la_code: c.la_code, period: c.period, indicator: rate, value: r.estimate, numerator: c.numerator, denominator: pop,
        status: "", lower: r.lower, upper: r.upper, method: r.method,
      });
    }
  }
  const { rows: controlled } = suppressIndicatorRows(raw, { threshold });
  const primary = controlled.map((r, i) => r.status === DISCLOSURE_STATUS || (raw[i].numerator !== null && isSmallCount(raw[i].numerator!, threshold)));
  const hidden = secondarySuppression(raw, primary, threshold);
  const rows: IndicatorRow[] = [];
  const estimates: ReturnsEstimate[] = [];
  controlled.forEach((r, i) => {
    const suppressed = hidden[i];
    const row: IndicatorRow = suppressed
      ? { la_code: r.la_code, period: r.period, indicator: r.indicator, value: null, numerator: null, denominator: null, status: DISCLOSURE_STATUS }
      : { la_code: r.la_code, period: r.period, indicator: r.indicator, value: r.value, numerator: r.numerator, denominator: r.denominator, status: r.status };
    rows.push(row);
    estimates.push({
      la_code: r.la_code, period: r.period, indicator: r.indicator, value: row.value,
      lower: suppressed ? null : raw[i].lower, upper: suppressed ? null : raw[i].upper, conf, method: suppressed ? "none" : raw[i].method, status: row.status,
    });
  });
  const order = (a: { la_code: string; period: number; indicator: string }, b: typeof a) =>
    a.la_code < b.la_code ? -1 : a.la_code > b.la_code ? 1 : a.period - b.period || (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0);
  rows.sort(order);
  estimates.sort(order);
  return { rows, estimates, ratesWithoutPopulation };
}

/**
 * Which rows are suppressed once nested populations are checked: starting from `primary`, for each LA and each
 * triple of {@link NESTED_POPULATIONS} whose counts (the inner one's from its year, the same or the one before) are
 * both still published and differ by 1 … threshold − 1, the rows of the side that publishes fewer rows (the outer
 * on a tie) are suppressed too; repeated until nothing changes, since a population hidden in one pair leaves the
 * others of its chain to check.
 * @example
 * // looked after during the year 62 (cla_missing_pct), at 31 March 58 (cla_3plus_placements_pct): 4 apart
 * secondarySuppression(rows, [false, false], 10) // [true, false]: cla_missing_pct (a tie: the outer side)
 */
export function secondarySuppression(rows: readonly IndicatorRow[], primary: readonly boolean[], threshold: number): boolean[] {
  const hidden = [...primary];
  const byLa = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (COUNTED_POPULATION[r.indicator] !== undefined) listAt(byLa, r.la_code).push(i);
  });
  const at = (population: string, period: number) => `${population}|${period}`;
  for (const indices of byLa.values()) {
    const periods = [...new Set(indices.map((i) => rows[i].period))];
    for (let changed = true; changed; ) {
      changed = false;
      // the published count of each population in each year, and the rows that publish it
      const count = new Map<string, number>();
      const carriers = new Map<string, number[]>();
      for (const i of indices) {
        const { field, population } = COUNTED_POPULATION[rows[i].indicator];
        const n = rows[i][field];
        if (hidden[i] || n === null) continue;
        const key = at(population, rows[i].period);
        count.set(key, n);
        listAt(carriers, key).push(i);
      }
      search: for (const period of periods) {
        for (const [outer, inner, yearsBefore] of NESTED_POPULATIONS) {
          const [o, n] = [at(outer, period), at(inner, period - yearsBefore)];
          const [a, b] = [count.get(o), count.get(n)];
          if (a === undefined || b === undefined || !isSmallCount(a - b, threshold)) continue;
          const side = (carriers.get(n) as number[]).length < (carriers.get(o) as number[]).length ? n : o;
          for (const i of carriers.get(side) as number[]) hidden[i] = true;
          changed = true;
          break search;
        }
      }
    }
  }
  return hidden;
}

/** The list under `key`, made empty when absent. */
function listAt(lists: Map<string, number[]>, key: string): number[] {
  let list = lists.get(key);
  if (list === undefined) lists.set(key, (list = []));
  return list;
}
