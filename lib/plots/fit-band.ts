/**
 * The fitted straight line of a scatter plot and its pointwise confidence band for the mean, as drawn by
 * ggplot2's `geom_smooth(method = "lm")` and R's `predict(lm(y ~ x), interval = "confidence")`:
 *
 *   ŷ(x₀) ± t_{1−α/2, n−2} · σ̂ · √(1/n + (x₀ − x̄)² / Σ(xᵢ − x̄)²)
 *
 * The fit itself is lib/stats/ols; this file only evaluates the line and band on a grid for drawing.
 */
import { InputError } from "../errors";
import { checkConf } from "../stats/conf";
import { tQuantile } from "../stats/distributions";
import { ols } from "../stats/ols";

/** The line and band evaluated at `x`. */
export interface FitBand {
  x: number[];
  fit: number[];
  lower: number[];
  upper: number[];
  intercept: number;
  slope: number;
  r2: number;
  /** Complete pairs used. */
  n: number;
  conf: number;
}

/** Default confidence of the band. */
export const FIT_BAND_CONFIDENCE = 0.95;
/** Points along the x range at which the band is evaluated. */
export const FIT_BAND_POINTS = 40;

/**
 * Least-squares line of y on x with its confidence band, on an even grid over the range of x.
 * Pairs with NaN in either coordinate are dropped.
 * @throws InputError when fewer than 3 complete pairs remain or x is constant.
 * @example
 * const band = linearFitBand([1, 2, 3, 4], [2, 4.1, 5.9, 8.2]);
 * band.slope; // 2.04
 */
export function linearFitBand(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { conf?: number; points?: number } = {},
): FitBand {
  const conf = options.conf ?? FIT_BAND_CONFIDENCE;
  const points = options.points ?? FIT_BAND_POINTS;
  if (x.length !== y.length) throw new InputError("linearFitBand", "x and y must have the same length", `${x.length} vs ${y.length}`);
  checkConf("linearFitBand", conf);
  if (!(points >= 2)) throw new InputError("linearFitBand", "points must be >= 2", points);
  const xs: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) xs.push(x[i]);
  const n = xs.length;
  if (n < 3) throw new InputError("linearFitBand", "needs at least 3 complete pairs", n);
  const fit = ols(y, [x], { names: ["x"] });
  if (fit.rankDeficient) throw new InputError("linearFitBand", "x is constant: no line can be fitted");
  const intercept = fit.coefficients[0].estimate;
  const slope = fit.coefficients[1].estimate;
  let mean = 0;
  for (const v of xs) mean += v;
  mean /= n;
  let sxx = 0;
  for (const v of xs) sxx += (v - mean) ** 2;
  const t = tQuantile(1 - (1 - conf) / 2, n - 2);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const out: FitBand = { x: [], fit: [], lower: [], upper: [], intercept, slope, r2: fit.r2, n, conf };
  for (let k = 0; k < points; k++) {
    const x0 = min + ((max - min) * k) / (points - 1);
    const yhat = intercept + slope * x0;
    const half = t * fit.sigma * Math.sqrt(1 / n + (x0 - mean) ** 2 / sxx);
    out.x.push(x0);
    out.fit.push(yhat);
    out.lower.push(yhat - half);
    out.upper.push(yhat + half);
  }
  return out;
}
