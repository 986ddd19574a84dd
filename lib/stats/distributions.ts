/**
 * Distribution functions used for p-values and interval limits: normal, Student t, F and chi-square
 * cumulative distributions, upper tails and quantiles.
 *
 * **Accuracy rule.** Upper tails are computed directly from the regularized incomplete beta and gamma
 * functions of `@stdlib` (which evaluate the upper tail without forming `1 − cdf`), so p-values stay
 * accurate to full relative precision far below 1e-12 — they are tested against R's
 * `pt`, `pf`, `pchisq(lower.tail = FALSE)` and `pnorm` down to 1e-300 in `tests/stats/distributions.test.ts`.
 * jstat is **not** used here: its `1 − cdf` upper tails underflow (jstat issue #182: `1 − chisq.cdf(161, 4)`
 * is 0 where R gives 8.35e-34) and its maintainer states an accuracy of 1e-6. Quantiles come from
 * `@stdlib/stats-base-dists-{normal,t,chisquare}-quantile`, tested against `qnorm`, `qt`, `qchisq`.
 *
 * Every function returns `NaN` for `NaN` input or impossible parameters (df ≤ 0, p outside [0, 1]),
 * like the corresponding R function.
 */
import betainc = require("@stdlib/math-base-special-betainc");
import gammainc = require("@stdlib/math-base-special-gammainc");
import stdlibNormalQuantile = require("@stdlib/stats-base-dists-normal-quantile");
import stdlibChisqQuantile = require("@stdlib/stats-base-dists-chisquare-quantile");
import stdlibTQuantile = require("@stdlib/stats-base-dists-t-quantile");

/**
 * Upper tail of the standard normal, P(Z > z) (R: `pnorm(z, lower.tail = FALSE)`).
 * Computed as ½·Q(½, z²/2) (regularized upper incomplete gamma) for z ≥ 0, which equals ½·erfc(z/√2).
 * @example normalUpperTail(1.959964) // ≈ 0.025
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const half = 0.5 * gammainc(0.5 * z * z, 0.5, true, true);
  return z >= 0 ? half : 1 - half;
}

/**
 * Standard normal cumulative distribution, P(Z ≤ z) (R: `pnorm(z)`).
 * @example normalCdf(-1.959964) // ≈ 0.025
 */
export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}

/**
 * Standard normal quantile Φ⁻¹(p) (R: `qnorm(p)`), from @stdlib.
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  return stdlibNormalQuantile(p, 0, 1);
}

/**
 * Upper tail of Student's t with `df` degrees of freedom, P(T > t) (R: `pt(t, df, lower.tail = FALSE)`).
 * For t ≥ 0: ½·I_{df/(df+t²)}(df/2, ½) (regularized incomplete beta).
 * @example tUpperTail(2.228139, 10) // ≈ 0.025
 */
export function tUpperTail(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const half = 0.5 * tailBeta(t, df);
  return t >= 0 ? half : 1 - half;
}

/**
 * Student t cumulative distribution P(T ≤ t) (R: `pt(t, df)`).
 * @example tCdf(-2.228139, 10) // ≈ 0.025
 */
export function tCdf(t: number, df: number): number {
  return tUpperTail(-t, df);
}

/**
 * Two-sided p-value of a t statistic, P(|T| ≥ |t|) (R: `2 * pt(-abs(t), df)`).
 * @example tTwoSidedP(2.228139, 10) // ≈ 0.05
 */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  return tailBeta(t, df);
}

/** I_{df/(df+t²)}(df/2, ½), choosing the form that keeps precision for both small and large |t|. */
function tailBeta(t: number, df: number): number {
  const t2 = t * t;
  // When t² is small relative to df, x = df/(df+t²) is close to 1; use the complement form instead.
  if (t2 < df) return betainc(t2 / (df + t2), 0.5, 0.5 * df, true, true);
  return betainc(df / (df + t2), 0.5 * df, 0.5, true, false);
}

/**
 * Student t quantile (R: `qt(p, df)`), from @stdlib.
 * @example tQuantile(0.975, 10) // 2.228138851986274
 */
export function tQuantile(p: number, df: number): number {
  if (!(df > 0)) return NaN;
  return stdlibTQuantile(p, df);
}

/**
 * Upper tail of the F distribution, P(F > f) (R: `pf(f, df1, df2, lower.tail = FALSE)`):
 * I_{df2/(df2+df1·f)}(df2/2, df1/2). This is Excel's "Significance F" for a regression.
 * @example fUpperTail(3.5, 2, 30) // ≈ 0.04312
 */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const num = df1 * f;
  // x = df2/(df2 + df1 f); when x is near 1 use the complement with 1 − x = df1 f/(df2 + df1 f).
  if (num < df2) return betainc(num / (df2 + num), 0.5 * df1, 0.5 * df2, true, true);
  return betainc(df2 / (df2 + num), 0.5 * df2, 0.5 * df1, true, false);
}

/**
 * Upper tail of chi-square with `df` degrees of freedom (R: `pchisq(x, df, lower.tail = FALSE)`):
 * Q(df/2, x/2), the regularized upper incomplete gamma.
 * @example chiSquareUpperTail(161, 4) // ≈ 8.35e-34 (jstat gives 0)
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(0.5 * x, 0.5 * df, true, true);
}

/**
 * Chi-square cumulative distribution (R: `pchisq(x, df)`).
 * @example chiSquareCdf(3.841459, 1) // ≈ 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return gammainc(0.5 * x, 0.5 * df, true, false);
}

/**
 * Chi-square quantile (R: `qchisq(p, df)`), from @stdlib. `df = 0` is the point mass at 0
 * (R's convention, needed by the exact Poisson interval for a zero count).
 * @example chiSquareQuantile(0.95, 1) // 3.841458820694124
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(df >= 0) || !(p >= 0 && p <= 1)) return NaN;
  if (df === 0) return 0;
  return stdlibChisqQuantile(p, df);
}
