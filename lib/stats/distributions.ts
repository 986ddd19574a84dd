/**
 * Distribution functions used for p-values and interval limits: normal, Student t, F and chi-square
 * cumulative distributions, upper tails and quantiles.
 *
 * **Accuracy rule.** Upper tails are computed directly from regularized incomplete functions, never as
 * `1 − cdf`: the incomplete beta of `@stdlib/math-base-special-betainc` (t, F) and the incomplete gamma of
 * lib/stats/incomplete-gamma (chi-square, normal; `@stdlib` for shapes < 100, its own series/continued
 * fraction above, where `@stdlib` is wrong near the median). p-values keep full relative precision far
 * below 1e-12: tested against R's `pt`, `pf`, `pchisq(lower.tail = FALSE)` and `pnorm` down to 1e-198 in
 * `tests/stats/distributions.test.ts`. jstat is **not** used here: its `1 − cdf` upper tails underflow
 * (jstat issue #182: `1 − chisq.cdf(161, 4)` is 0 where R gives 8.35e-34) and its maintainer states an
 * accuracy of 1e-6. Quantiles: normal by Wichura's AS 241 (as R); chi-square by Brent's method on the
 * accurate cdf; t from `@stdlib/stats-base-dists-t-quantile`. All are tested against `qnorm`, `qchisq`, `qt`.
 *
 * Every function returns `NaN` for `NaN` input or impossible parameters (df ≤ 0, p outside [0, 1]),
 * like the corresponding R function.
 */
import { regularizedGamma } from "./incomplete-gamma";
import { stdlibKernels } from "./stdlib-kernels";

// @stdlib's kernels (vendor/stdlib-distributions.js) are loaded on first use, not at import (issue #19: start-up)
const betainc = (x: number, a: number, b: number, regularized: boolean, upper: boolean): number => stdlibKernels().betainc(x, a, b, regularized, upper);
const stdlibChisqQuantile = (p: number, df: number): number => stdlibKernels().chisquareQuantile(p, df);
const stdlibTQuantile = (p: number, df: number): number => stdlibKernels().tQuantile(p, df);

/**
 * Upper tail of the standard normal, P(Z > z) (R: `pnorm(z, lower.tail = FALSE)`).
 * Computed as ½·Q(½, z²/2) (regularized upper incomplete gamma) for z ≥ 0, which equals ½·erfc(z/√2).
 * @example normalUpperTail(1.959964) // ≈ 0.025
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const half = 0.5 * regularizedGamma(0.5, 0.5 * z * z, true);
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
 * Standard normal quantile Φ⁻¹(p) (R: `qnorm(p)`), by Wichura's algorithm AS 241 (PPND16, Applied
 * Statistics 37:477–484, 1988), the algorithm R uses; relative accuracy about 1e-16. The @stdlib normal
 * quantile is not used: it is off by 4e-7 relative at p = 1e-12 (tested).
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -val : val;
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
 * @example fUpperTail(3.5, 2, 30) // ≈ 0.04303214
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
 * @example chiSquareUpperTail(161, 4) // ≈ 8.921786e-34, as R (jstat gives 0)
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return regularizedGamma(0.5 * df, 0.5 * x, true);
}

/**
 * Chi-square cumulative distribution (R: `pchisq(x, df)`).
 * @example chiSquareCdf(3.841459, 1) // ≈ 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return regularizedGamma(0.5 * df, 0.5 * x, false);
}

/**
 * Chi-square quantile (R: `qchisq(p, df)`). `df = 0` is the point mass at 0 (R's convention, needed by the
 * exact Poisson interval for a zero count). Solved by Brent's method on {@link chiSquareCdf} (p ≤ ½) or
 * {@link chiSquareUpperTail} (p > ½, so 1 − p stays exact), to 1e-15 relative, starting from @stdlib's
 * value: @stdlib's quantile alone is wrong for large df (qchisq(0.5, 5000): 5001.30 vs R's 4999.33; tested).
 * @example chiSquareQuantile(0.95, 1) // 3.841458820694124
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(df >= 0) || !(p >= 0 && p <= 1)) return NaN;
  if (df === 0) return 0;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const lowerSide = p <= 0.5;
  const target = lowerSide ? p : 1 - p;
  // g(x) increases in x: cdf(x) − p, or (1 − p) − upper(x).
  const g = (x: number): number => (lowerSide ? chiSquareCdf(x, df) - target : target - chiSquareUpperTail(x, df));
  const guess = stdlibChisqQuantile(p, df);
  let lo = Number.isFinite(guess) && guess > 0 ? guess / 2 : 0;
  let hi = Number.isFinite(guess) && guess > 0 ? guess * 1.5 + 1 : df + 10;
  while (lo > 0 && g(lo) > 0) lo /= 2;
  if (lo < 1e-300) lo = 0;
  while (g(hi) < 0) hi *= 2;
  return brentRoot(g, lo, hi);
}

/** Brent's (1973) root finder for an increasing function with g(a) ≤ 0 ≤ g(b); relative tolerance 1e-15. */
function brentRoot(g: (x: number) => number, a: number, b: number): number {
  let fa = g(a);
  let fb = g(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 200; iter++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-300;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let pp: number;
      let qq: number;
      if (a === c) {
        pp = 2 * m * s;
        qq = 1 - s;
      } else {
        const q0 = fa / fc;
        const r = fb / fc;
        pp = s * (2 * m * q0 * (q0 - r) - (b - a) * (r - 1));
        qq = (q0 - 1) * (r - 1) * (s - 1);
      }
      if (pp > 0) qq = -qq;
      else pp = -pp;
      if (2 * pp < Math.min(3 * m * qq - Math.abs(tol * qq), Math.abs(e * qq))) {
        e = d;
        d = pp / qq;
      } else {
        d = m;
        e = d;
      }
    } else {
      d = m;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = g(b);
  }
  return b;
}
