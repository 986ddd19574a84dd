/**
 * Sample quantiles by linear interpolation between order statistics: R's default `quantile(x, type = 7)`,
 * Excel's PERCENTILE.INC. NaN values are dropped (the count used is returned).
 */
import { InputError } from "../errors";

/**
 * Type-7 quantile of an ascending-sorted array with no NaN: h = (n − 1)·p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
 * (0-based; Hyndman & Fan 1996 type 7, R `quantile(x, p, type = 7)`). Returns NaN for an empty array.
 * @example
 * quantileSorted([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Quantiles of `values` at each probability in `probs` (R `quantile(x, probs, type = 7, na.rm = TRUE)`).
 * @throws InputError if a probability is outside [0, 1]
 * @example
 * quantile([1, 2, 3, 4], [0.5, 0.25]) // { values: [2.5, 1.75], n: 4, nMissing: 0 }
 */
export function quantile(
  values: ArrayLike<number>,
  probs: readonly number[],
): { values: number[]; n: number; nMissing: number } {
  for (const p of probs) if (!(p >= 0 && p <= 1)) throw new InputError("quantile", "probabilities must be in [0, 1]", p);
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept.push(values[i]);
  const sorted = Float64Array.from(kept).sort();
  // by push, not map: one array kind whatever the tier of the caller (lib/stats/predictor-names.ts says why)
  const at: number[] = [];
  for (const p of probs) at.push(quantileSorted(sorted, p));
  return { values: at, n: sorted.length, nMissing: values.length - sorted.length };
}
