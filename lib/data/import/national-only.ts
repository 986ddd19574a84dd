/**
 * Measure-years that hold one national figure repeated for every LA, not LA data. LAIT's `Stability_School` has
 * one value for all 158 LAs in 2018 (12) and 2019 (5), England's; imported as LA values they filled
 * cla_school_midyear_moves_pct for 316 LA-years without a word. The rule is general: in a measure-year where
 * at least {@link NATIONAL_ONLY_MIN_LAS} LAs have a value and all have the same one, the values are stored as
 * missing with the status {@link NATIONAL_ONLY_STATUS} and a warning names the file, the measure and the years.
 */
import type { IndicatorRow } from "../types";
import type { ImportLog } from "./import-log";

/**
 * Fewest LA values of one measure-year that, all equal, are taken for a national figure. In the official package
 * the nearest genuine case is 17 of 23 LAs at 0 % (lait_lac_sgo_ffc_othpct 2019, the other 6 differ): ten equal
 * values of a measure that varies between LAs do not happen by chance, while a handful may.
 */
export const NATIONAL_ONLY_MIN_LAS = 10;

/** The status of an LA value that was one national figure repeated for every LA. */
export const NATIONAL_ONLY_STATUS = "not-available:national-only";

/** A measure-year found to hold one figure for every LA: the figure and how many LAs had it. */
export interface NationalOnlyYear {
  period: number;
  value: number;
  las: number;
}

/**
 * One measure's LA values counted by period, as they come: whether each period's are all the same number. A class
 * fed a value at a time, so callers with rows in typed arrays (LAIT) or as objects need no list or callback per row.
 */
export class UniformByPeriod {
  private readonly byPeriod = new Map<number, { value: number; las: number; uniform: boolean }>();
  private lastPeriod = Number.NaN;
  private last: { value: number; las: number; uniform: boolean } | undefined;

  /** Count one LA's value of `period` (NaN, missing: not counted). */
  add(period: number, value: number): void {
    if (Number.isNaN(value)) return;
    // rows come in runs of one period (a file's rows by year, LAIT's by measure and year): one lookup per run
    let seen = period === this.lastPeriod ? this.last : this.byPeriod.get(period);
    if (seen === undefined) this.byPeriod.set(period, (seen = { value, las: 0, uniform: true }));
    this.lastPeriod = period;
    this.last = seen;
    seen.las++;
    if (value !== seen.value) seen.uniform = false;
  }

  /** The periods of {@link NATIONAL_ONLY_MIN_LAS} or more values, all the same (ascending). */
  found(): NationalOnlyYear[] {
    const found: NationalOnlyYear[] = [];
    for (const [period, p] of this.byPeriod) if (p.uniform && p.las >= NATIONAL_ONLY_MIN_LAS) found.push({ period, value: p.value, las: p.las });
    return found.sort((a, b) => a.period - b.period);
  }
}

/**
 * The periods of one measure's LA values ({@link NATIONAL_ONLY_MIN_LAS} or more, missing ones not counted) that
 * are all the same number.
 * @param count - how many values
 * @param periodAt - the period of the k-th value
 * @param valueAt - the k-th value (NaN: missing)
 * @example
 * uniformPeriods(12, (k) => (k < 11 ? 2018 : 2019), () => 12) // [{ period: 2018, value: 12, las: 11 }]
 */
export function uniformPeriods(count: number, periodAt: (k: number) => number, valueAt: (k: number) => number): NationalOnlyYear[] {
  const counts = new UniformByPeriod();
  for (let k = 0; k < count; k++) counts.add(periodAt(k), valueAt(k));
  return counts.found();
}

/**
 * Log one warning for a measure whose years `found` hold one figure for every LA.
 * @example
 * logNationalOnly(log, "bds.parquet", "cla_school_midyear_moves_pct (LAIT Stability_School)", [{ period: 2018, value: 12, las: 158 }]);
 */
export function logNationalOnly(log: ImportLog, file: string, measure: string, found: readonly NationalOnlyYear[]): void {
  if (found.length === 0) return;
  log.add({
    action: "warning",
    file,
    rule: `one value for every LA in a measure-year is a national figure, not LA data: stored as missing (${NATIONAL_ONLY_STATUS}), not as each LA's value`,
    column: measure,
    value: found.map((y) => `${y.period}: ${y.value} for all ${y.las} LAs with a value`).join("; "),
    count: found.reduce((n, y) => n + y.las, 0),
  });
}

/**
 * One file's indicator rows with the values of each national-only measure-year ({@link uniformPeriods}, by
 * indicator) made missing with {@link NATIONAL_ONLY_STATUS} (new row objects; `rows` is not changed), each such
 * indicator logged. `rows` itself when there is none (the usual case).
 * @example
 * const rows = withoutNationalOnly(r.indicators, "la_cla_school_moves.csv", log);
 */
export function withoutNationalOnly(rows: IndicatorRow[], file: string, log: ImportLog): IndicatorRow[] {
  const byIndicator = new Map<string, UniformByPeriod>();
  let indicator = "";
  let counts: UniformByPeriod | undefined;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.indicator !== indicator || counts === undefined) {
      indicator = r.indicator;
      counts = byIndicator.get(indicator);
      if (counts === undefined) byIndicator.set(indicator, (counts = new UniformByPeriod()));
    }
    if (r.value !== null) counts.add(r.period, r.value);
  }
  const national = new Map<string, ReadonlySet<number>>();
  for (const [id, c] of byIndicator) {
    const found = c.found();
    if (found.length === 0) continue;
    logNationalOnly(log, file, id, found);
    national.set(id, new Set(found.map((y) => y.period)));
  }
  if (national.size === 0) return rows;
  return rows.map((r) => (r.value !== null && national.get(r.indicator)?.has(r.period) === true ? { ...r, value: null, numerator: null, denominator: null, status: NATIONAL_ONLY_STATUS } : r));
}
