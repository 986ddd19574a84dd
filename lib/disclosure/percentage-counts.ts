/**
 * The whole counts a written percentage of a denominator stands for, for the disclosure scanner: a percentage
 * beside its denominator gives its numerator back.
 */
import { isSmallCount } from "./suppress-counts";

/** A range of whole counts lo … hi (lo = hi when one count fits). */
export interface CountRange {
  lo: number;
  hi: number;
}

/**
 * The whole counts x of a denominator d that a percentage p, as written, can stand for: p to k decimals stands for
 * a share within 0.5 × 10^−k, so x = p × d / 100 lies within u = 0.5 × 10^−k × d / 100 of it; null when the text is
 * not a percentage 0–100, d is not a whole number > 0, or no whole count fits (41.7 of 1,200 fits 500 or so; a
 * value that fits no whole count of d is not a share of it). `per` reads other shares the same way: 1 for a
 * proportion (x = p × d), 10,000 for a rate per 10k (x = p × d / 10,000).
 * @example
 * countsOfPercentage("41.7", "12") // { lo: 5, hi: 5 }
 * countsOfPercentage("3", "120") // { lo: 3, hi: 4 }
 * countsOfPercentage("0.025", "120", 1) // { lo: 3, hi: 3 }
 */
export function countsOfPercentage(percentText: string | undefined, denominatorText: string | undefined, per = 100): CountRange | null {
  const text = (percentText ?? "").trim();
  const p = Number(text);
  const d = Number((denominatorText ?? "").trim());
  if (text === "" || !Number.isFinite(p) || !Number.isInteger(d) || d <= 0 || p < 0 || p > per) return null;
  const decimals = /^[^eE]*\.(\d+)$/.exec(text)?.[1].length ?? (/[eE]/.test(text) ? 15 : 0);
  const x = (p * d) / per;
  const u = (0.5 * 10 ** -decimals * d) / per + 1e-6;
  const lo = Math.max(0, Math.ceil(x - u));
  const hi = Math.min(d, Math.floor(x + u));
  return lo > hi ? null : { lo, hi };
}

/**
 * The small counts a percentage p of a denominator d gives back. p as written (to k decimals) stands for a share
 * within 0.5 × 10^−k, so the count x = p × d / 100 lies within u = 0.5 × 10^−k × d / 100 of it: a description when
 * every whole count in [x − u, x + u] is 1 … threshold − 1 (5% of 100 is 5; 3% of 120 is 3 or 4; 41.7 of 12 is 5),
 * or every complement d − x is, else null (41.7 of 1,200 is 500 or so; a value that fits no whole count of d is
 * not a share of it); `per` as in {@link countsOfPercentage}. Only an exact whole x had been taken (a review: 41.7 of 12 passed); the first rounding rule
 * then missed whole percentages of 100 or more (a second review: 5 of 100, 3 of 120).
 * @example
 * recoveredCounts("41.7", "12", 10) // "a count of 5"
 * recoveredCounts("89.79591836734694", "49", 10) // "a complement of 5 (denominator − 44)"
 */
export function recoveredCounts(percentText: string | undefined, denominatorText: string | undefined, threshold: number, per = 100): string | null {
  const range = countsOfPercentage(percentText, denominatorText, per);
  if (range === null) return null;
  const { lo, hi } = range;
  const d = Number((denominatorText ?? "").trim());
  const counts = lo === hi ? `${lo}` : `${lo} to ${hi}`;
  if (isSmallCount(lo, threshold) && isSmallCount(hi, threshold)) return `a count of ${counts}`;
  if (isSmallCount(d - hi, threshold) && isSmallCount(d - lo, threshold)) return `a complement of ${lo === hi ? d - lo : `${d - hi} to ${d - lo}`} (denominator − ${counts})`;
  return null;
}
