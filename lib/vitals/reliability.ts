/**
 * Reliability over time: an indicator that reshuffles the LAs every year cannot be a vital sign.
 *
 * - {@link yearToYearReliability}: the Pearson correlation across LAs of each pair of consecutive periods
 *   (test–retest reliability with years as occasions), summarised by the median over pairs.
 * - {@link associationStability}: how the association with the outcome varies when the indicator is taken
 *   from different periods — mean and SD of the coefficient and the share of periods agreeing in sign.
 */
import { InputError } from "../errors";
import { completeRowsInto } from "../stats/complete-cases";
import { pearsonR } from "../stats/pearson";
import { quantile } from "../stats/quantile";

/** Pairs of periods need at least this many LAs with both values to count. */
export const MIN_LAS_FOR_RELIABILITY = 10;

/** Result of {@link yearToYearReliability}. */
export interface YearToYearReliability {
  /** Median of the consecutive-period correlations (NaN when no pair qualifies). */
  r: number;
  pairs: { from: number; to: number; r: number; n: number }[];
  /** Pairs that qualified (≥ MIN_LAS_FOR_RELIABILITY LAs with both values). */
  nPairs: number;
  reason?: string;
}

/**
 * Year-to-year reliability: Pearson r across LAs between consecutive periods, median over the pairs.
 * @param byPeriod values per period (each aligned with the same LAs), in the order of `periods`
 * @param periods the periods, ascending
 * @example
 * yearToYearReliability([v2022, v2023, v2024], [2022, 2023, 2024]).r // e.g. 0.83
 */
export function yearToYearReliability(byPeriod: readonly ArrayLike<number>[], periods: readonly number[]): YearToYearReliability {
  if (byPeriod.length !== periods.length) {
    throw new InputError("yearToYearReliability", `needs one period per values array (${byPeriod.length})`, periods.length);
  }
  for (let k = 1; k < periods.length; k++) {
    if (!(periods[k] > periods[k - 1])) throw new InputError("yearToYearReliability", "periods must be strictly ascending", periods[k]);
  }
  const pairs: YearToYearReliability["pairs"] = [];
  // the pairs' r's, kept as they are found for the median
  const rs = new Float64Array(byPeriod.length);
  for (let k = 1; k < byPeriod.length; k++) {
    // Pearson's r of the LAs with both values (lib/stats/pearson `pearson(...).r`, without the p-value and
    // interval it also computes, which the reliability does not use)
    const a = byPeriod[k - 1];
    const b = byPeriod[k];
    if (pairScratch.rows.length < a.length) pairScratch = newPairScratch(a.length);
    const n = completeRowsInto("yearToYearReliability", [a, b], pairScratch.rows);
    if (n < MIN_LAS_FOR_RELIABILITY) continue;
    const { rows } = pairScratch;
    const xs = pairScratch.x.subarray(0, n);
    const ys = pairScratch.y.subarray(0, n);
    for (let q = 0; q < n; q++) {
      xs[q] = a[rows[q]];
      ys[q] = b[rows[q]];
    }
    const r = pearsonR(xs, ys);
    if (Number.isNaN(r)) continue;
    rs[pairs.length] = r;
    pairs.push({ from: periods[k - 1], to: periods[k], r, n });
  }
  if (pairs.length === 0) {
    return {
      r: NaN, pairs, nPairs: 0,
      reason: periods.length < 2
        ? "only one period: year-to-year reliability cannot be measured"
        : `no pair of consecutive periods has ${MIN_LAS_FOR_RELIABILITY} LAs with both values`,
    };
  }
  // the r's in a Float64Array, not mapped from the pairs: one array kind whatever the tier of this code (an array made
  // by map is holey or packed depending on it, and each new kind throws optimised code away: lib/stats/predictor-names.ts)
  return { r: quantile(rs.subarray(0, pairs.length), [0.5]).values[0], pairs, nPairs: pairs.length };
}

/** Scratch of {@link yearToYearReliability}: a pair's complete rows and their values, grown to the longest period seen. */
let pairScratch = newPairScratch(0);
function newPairScratch(length: number): { rows: Uint32Array; x: Float64Array; y: Float64Array } {
  return { rows: new Uint32Array(length), x: new Float64Array(length), y: new Float64Array(length) };
}

/** Result of {@link associationStability}. */
export interface AssociationStability {
  mean: number;
  sd: number;
  /** Share of periods whose coefficient has the sign of the reference (the analysis period's). */
  signAgreement: number;
  nPeriods: number;
}

/**
 * Stability of an association across periods: mean, SD (n − 1) and sign agreement of per-period
 * coefficients (NaN entries ignored).
 * @param reference the coefficient in the analysis period (its sign is the one agreed with)
 * @example
 * associationStability([0.31, 0.28, 0.35], 0.31) // { mean: 0.313, sd: 0.035, signAgreement: 1, nPeriods: 3 }
 */
export function associationStability(coefficients: ArrayLike<number>, reference: number): AssociationStability {
  const v: number[] = [];
  for (let i = 0; i < coefficients.length; i++) if (!Number.isNaN(coefficients[i])) v.push(coefficients[i]);
  const nPeriods = v.length;
  if (nPeriods === 0) return { mean: NaN, sd: NaN, signAgreement: NaN, nPeriods };
  const mean = v.reduce((s, x) => s + x, 0) / nPeriods;
  const sd = nPeriods > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (nPeriods - 1)) : NaN;
  const signAgreement = Number.isNaN(reference) || reference === 0
    ? NaN
    : v.filter((x) => Math.sign(x) === Math.sign(reference)).length / nPeriods;
  return { mean, sd, signAgreement, nPeriods };
}

