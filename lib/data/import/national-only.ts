/**
 * Measure-years that hold one national figure repeated for every LA, not LA data. LAIT's `Stability_School` has
 * one value for all 158 LAs in 2018 (12) and 2019 (5), England's; imported as LA values they filled
 * cla_school_midyear_moves_pct for 316 LA-years without a word. The rule is general: in a measure-year where
 * at least {@link NATIONAL_ONLY_MIN_LAS} LAs have a value, all the same one, their numerators and denominators
 * (where given) do not differ, and the one value is England's published figure for that measure-year (in the same
 * file), the values are stored as missing with the status {@link NATIONAL_ONLY_STATUS} and a warning names the
 * file, the measure and the years.
 *
 * Equal values alone are not enough: a fuzzed school-moves file had 12 LAs at 0 (the other 143 "c", as DfE
 * suppresses 1–5 and leaves 0) with England at 8 (4,280 of 52,670), and all 12 LA values were removed. So a
 * shared value that is not England's, or rows whose counts differ, are LA data, kept without a word; where the
 * file has no England figure for the measure-year, the values are kept and a warning asks for a check (nothing
 * confirms they are England's, and removing real LA values is the worse mistake).
 */
import type { BenchmarkRow, IndicatorRow } from "../types";
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

/** One period's LA values so far: the first value, numerator and denominator (NaN: none yet), and whether all agree. */
interface PeriodCounts {
  value: number;
  las: number;
  uniform: boolean;
  numerator: number;
  denominator: number;
}

/**
 * One measure's LA values counted by period, as they come: whether each period's are all the same number. A class
 * fed a value at a time, so callers with rows in typed arrays (LAIT) or as objects need no list or callback per row.
 */
export class UniformByPeriod {
  private readonly byPeriod = new Map<number, PeriodCounts>();
  private lastPeriod = Number.NaN;
  private last: PeriodCounts | undefined;

  /**
   * Count one LA's value of `period` (NaN, missing: not counted) with its numerator and denominator (NaN: none;
   * two that differ make the period's equal values LA data, however equal).
   */
  add(period: number, value: number, numerator = Number.NaN, denominator = Number.NaN): void {
    if (Number.isNaN(value)) return;
    // rows come in runs of one period (a file's rows by year, LAIT's by measure and year): one lookup per run
    let seen = period === this.lastPeriod ? this.last : this.byPeriod.get(period);
    if (seen === undefined) this.byPeriod.set(period, (seen = { value, las: 0, uniform: true, numerator: Number.NaN, denominator: Number.NaN }));
    this.lastPeriod = period;
    this.last = seen;
    seen.las++;
    if (value !== seen.value) seen.uniform = false;
    if (!Number.isNaN(numerator)) {
      if (Number.isNaN(seen.numerator)) seen.numerator = numerator;
      else if (numerator !== seen.numerator) seen.uniform = false;
    }
    if (!Number.isNaN(denominator)) {
      if (Number.isNaN(seen.denominator)) seen.denominator = denominator;
      else if (denominator !== seen.denominator) seen.uniform = false;
    }
  }

  /** The periods of {@link NATIONAL_ONLY_MIN_LAS} or more values, all the same, with counts that do not differ (ascending). */
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

/** A measure's years of one value for every LA ({@link UniformByPeriod.found}), by what England's figure says of them. */
export interface NationalOnlyJudged {
  /** England's figure repeated for every LA: stored as missing. */
  national: NationalOnlyYear[];
  /** No England figure to compare with: kept as LA values, with a warning. */
  unconfirmed: NationalOnlyYear[];
}

/**
 * Sort `found` by England's published figure of each year: the same number → national; none → unconfirmed;
 * another number → LA data that happen to agree (in neither list).
 * @param englandAt - England's published value of a period of the measure (undefined: none in the file, or missing)
 * @example
 * judgeByEngland([{ period: 2018, value: 12, las: 158 }, { period: 2024, value: 0, las: 12 }], (p) => (p === 2018 ? 12 : 8))
 * // { national: [{ period: 2018, value: 12, las: 158 }], unconfirmed: [] }
 */
export function judgeByEngland(found: readonly NationalOnlyYear[], englandAt: (period: number) => number | undefined): NationalOnlyJudged {
  const judged: NationalOnlyJudged = { national: [], unconfirmed: [] };
  for (const y of found) {
    const england = englandAt(y.period);
    if (england === undefined) judged.unconfirmed.push(y);
    else if (england === y.value) judged.national.push(y);
  }
  return judged;
}

/**
 * Log a measure's judged years: one warning for those stored as missing (England's figure for every LA), one for
 * those kept with no England figure to compare with.
 * @example
 * logJudged(log, "bds.parquet", "cla_school_midyear_moves_pct (LAIT Stability_School)", { national: [{ period: 2018, value: 12, las: 158 }], unconfirmed: [] });
 */
export function logJudged(log: ImportLog, file: string, measure: string, judged: NationalOnlyJudged): void {
  logNationalOnly(log, file, measure, judged.national);
  if (judged.unconfirmed.length === 0) return;
  log.add({
    action: "warning",
    file,
    rule: `one value for every LA in a measure-year, and no England figure in the file to compare it with: kept as LA values (stored as missing, ${NATIONAL_ONLY_STATUS}, only when it is England's); check whether it is a national figure`,
    column: measure,
    value: describeYears(judged.unconfirmed),
    count: judged.unconfirmed.reduce((n, y) => n + y.las, 0),
  });
}

const describeYears = (years: readonly NationalOnlyYear[]) => years.map((y) => `${y.period}: ${y.value} for all ${y.las} LAs with a value`).join("; ");

/**
 * Log one warning for a measure whose years `found` hold England's figure for every LA.
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
    value: describeYears(found),
    count: found.reduce((n, y) => n + y.las, 0),
  });
}

/**
 * One file's indicator rows with the values of each national-only measure-year ({@link UniformByPeriod}, by
 * indicator, {@link judgeByEngland} against the file's England rows in `benchmarks`) made missing with
 * {@link NATIONAL_ONLY_STATUS} (new row objects; `rows` is not changed), each such indicator logged. `rows`
 * itself when there is none (the usual case).
 * @example
 * const rows = withoutNationalOnly(r.indicators, "la_cla_school_moves.csv", log, r.benchmarks);
 */
export function withoutNationalOnly(rows: IndicatorRow[], file: string, log: ImportLog, benchmarks: readonly BenchmarkRow[]): IndicatorRow[] {
  // the loops over every row are small functions of their own, so that V8 optimises them alone: this function,
  // inlined whole with its loop, was compiled again by TurboFan in each later import of a process (node --trace-opt)
  const byIndicator = uniformByIndicator(rows);
  const national = new Map<string, ReadonlySet<number>>();
  let england: Map<string, number> | undefined; // indicator|period → England's value, made only for a uniform year
  for (const [id, c] of byIndicator) {
    const found = c.found();
    if (found.length === 0) continue;
    england ??= englandValues(benchmarks);
    const englandOf = england;
    const judged = judgeByEngland(found, (period) => englandOf.get(`${id}|${period}`));
    logJudged(log, file, id, judged);
    if (judged.national.length > 0) national.set(id, new Set(judged.national.map((y) => y.period)));
  }
  if (national.size === 0) return rows;
  return nationalOnlyMissing(rows, national);
}

/** Each indicator's LA values counted by period ({@link UniformByPeriod}), indicators in order of first row. */
function uniformByIndicator(rows: readonly IndicatorRow[]): Map<string, UniformByPeriod> {
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
    if (r.value !== null) counts.add(r.period, r.value, r.numerator ?? Number.NaN, r.denominator ?? Number.NaN);
  }
  return byIndicator;
}

/** England's values of `benchmarks` by `indicator|period`. */
function englandValues(benchmarks: readonly BenchmarkRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of benchmarks) if (b.geography === "england" && b.value !== null) out.set(`${b.indicator}|${b.period}`, b.value);
  return out;
}

/** `rows` with the values of the `national` indicator-years made missing ({@link NATIONAL_ONLY_STATUS}; new row objects). */
function nationalOnlyMissing(rows: readonly IndicatorRow[], national: ReadonlyMap<string, ReadonlySet<number>>): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out.push(r.value !== null && national.get(r.indicator)?.has(r.period) === true ? { ...r, value: null, numerator: null, denominator: null, status: NATIONAL_ONLY_STATUS } : r);
  }
  return out;
}
