/**
 * Pearson's product-moment correlation with a t-test p-value and a Fisher-z confidence interval
 * (R: `cor.test(x, y, method = "pearson")`).
 */
import { completeCases, pick } from "./complete-cases";
import { checkConf } from "./conf";
import { normalQuantile, tTwoSidedP } from "./distributions";

/** Result of a correlation test. `NaN` fields come with a `reason`. */
export interface CorrelationResult {
  /** The correlation coefficient (r, ρ or τ_b). */
  r: number;
  /** Two-sided p-value for H0: no association. */
  p: number;
  /** Confidence interval for the coefficient. */
  lower: number;
  upper: number;
  conf: number;
  /** Test statistic (t for Pearson/Spearman/partial, z for Kendall). */
  statistic: number;
  /** Degrees of freedom of the t statistic (NaN for z). */
  df: number;
  /** Pairs (or rows) used. */
  n: number;
  /** Rows dropped because a value was missing (NaN). */
  nMissing: number;
  method: "pearson" | "spearman" | "kendall" | "partial-pearson" | "partial-spearman";
  /** Why some fields are NaN ("n < 3", "x is constant", "n <= 3: no Fisher-z interval"). */
  reason?: string;
}

/** Default confidence level for correlation intervals. */
export const CORRELATION_CONF = 0.95;

/**
 * Pearson r of two complete, equal-length samples, computed from centred values scaled by their
 * largest absolute deviation (so huge and tiny magnitudes neither overflow nor underflow).
 * Returns NaN when either sample is constant. r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)²·Σ(y − ȳ)²) (R: `cor(x, y)`).
 * @example
 * pearsonR([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) // 0.8
 */
export function pearsonR(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  // Second pass corrects the mean for rounding (as R does with long doubles).
  let cx = 0;
  let cy = 0;
  let ax = 0;
  let ay = 0;
  for (let i = 0; i < n; i++) {
    cx += x[i] - mx;
    cy += y[i] - my;
  }
  mx += cx / n;
  my += cy / n;
  for (let i = 0; i < n; i++) {
    ax = Math.max(ax, Math.abs(x[i] - mx));
    ay = Math.max(ay, Math.abs(y[i] - my));
  }
  if (ax === 0 || ay === 0) return NaN;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] - mx) / ax;
    const dy = (y[i] - my) / ay;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/**
 * t-test and Fisher-z interval for a correlation r from n pairs, with `k` variables partialled out
 * and the standard error of z given by `seZ` (default 1/√(n − 3 − k)).
 * t = r√(df/(1 − r²)), df = n − 2 − k; CI = tanh(atanh r ± z_{(1+conf)/2}·seZ) (Fisher 1921; R `cor.test`).
 * @example
 * correlationInference(0.5, 30, 0, 0.95) // { p: 0.004899934, statistic: 3.05505, df: 28, lower: 0.1704314, upper: 0.7289586 }
 */
export function correlationInference(
  r: number,
  n: number,
  k: number,
  conf: number,
  seZ: number = 1 / Math.sqrt(n - 3 - k),
): { p: number; statistic: number; df: number; lower: number; upper: number; reason?: string } {
  const df = n - 2 - k;
  if (Number.isNaN(r) || df < 1) {
    return { p: NaN, statistic: NaN, df, lower: NaN, upper: NaN };
  }
  const statistic = Math.abs(r) === 1 ? Math.sign(r) * Infinity : r * Math.sqrt(df / (1 - r * r));
  const p = tTwoSidedP(statistic, df);
  if (n - 3 - k < 1) {
    return { p, statistic, df, lower: NaN, upper: NaN, reason: `n = ${n}: a Fisher-z interval needs n > ${3 + k}` };
  }
  const zc = normalQuantile((1 + conf) / 2);
  const zr = Math.atanh(r);
  return { p, statistic, df, lower: Math.tanh(zr - zc * seZ), upper: Math.tanh(zr + zc * seZ) };
}

/**
 * Pearson correlation of x and y over pairwise-complete rows, with a t-test p-value
 * (t = r√((n − 2)/(1 − r²)), df = n − 2) and a Fisher-z interval tanh(atanh r ± z/√(n − 3)),
 * as R's `cor.test(x, y)`. n < 3 or a constant column gives NaN with a `reason`; n = 3 has no interval.
 * @param x, y equal-length numeric arrays; NaN = missing
 * @example
 * pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) // { r: 0.8, p: 0.1040880, lower: -0.2796400, upper: 0.9861962, n: 5, … }
 */
export function pearson(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { conf?: number } = {},
): CorrelationResult {
  const { conf, xs, ys, nMissing } = completePairs("pearson", x, y, options.conf);
  return correlationFromSamples("pearson", xs, ys, nMissing, conf);
}

/**
 * Shared opening of pearson, spearman and kendall: the confidence level (default
 * {@link CORRELATION_CONF}, checked to be in (0, 1)), then the pairwise-complete samples of x and y.
 * @param fn the calling function's name, for error messages
 * @example
 * completePairs("spearman", [1, NaN, 3, 4], [2, 5, NaN, 1]) // { conf: 0.95, xs: [1, 4], ys: [2, 1], n: 2, nMissing: 2 }
 */
export function completePairs(
  fn: "pearson" | "spearman" | "kendall",
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  confOption: number | undefined,
): { conf: number; xs: Float64Array; ys: Float64Array; n: number; nMissing: number } {
  const conf = confOption ?? CORRELATION_CONF;
  checkConf(fn, conf);
  const cc = completeCases(fn, [x, y]);
  return { conf, xs: pick(x, cc.rows), ys: pick(y, cc.rows), n: cc.n, nMissing: cc.nMissing };
}

/**
 * Shared by pearson and spearman: r of complete samples ({@link pearsonR}) plus {@link correlationInference}
 * (t-test, Fisher-z interval; `seZ` overrides 1/√(n − 3), e.g. Bonett–Wright for Spearman), or NaN with a reason.
 * @example
 * correlationFromSamples("pearson", Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(2, 1, 4, 3, 5), 0, 0.95)
 * // { r: 0.8, p: 0.1040880, statistic: 2.309401, df: 3, lower: -0.2796400, upper: 0.9861962, n: 5, … }
 */
export function correlationFromSamples(
  method: "pearson" | "spearman",
  x: Float64Array,
  y: Float64Array,
  nMissing: number,
  conf: number,
  seZ?: (r: number, n: number) => number,
): CorrelationResult {
  const n = x.length;
  const empty = { r: NaN, p: NaN, lower: NaN, upper: NaN, conf, statistic: NaN, df: n - 2, n, nMissing, method };
  if (n < 3) return { ...empty, reason: `n = ${n}: at least 3 complete pairs are needed` };
  const r = pearsonR(x, y);
  if (Number.isNaN(r)) return { ...empty, reason: "a column is constant: the correlation is undefined" };
  const inf = correlationInference(r, n, 0, conf, seZ ? seZ(r, n) : undefined);
  return { r, conf, n, nMissing, method, ...inf };
}
