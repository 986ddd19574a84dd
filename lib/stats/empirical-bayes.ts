/**
 * Empirical-Bayes shrinkage of noisy unit estimates (LA outcome values) with known sampling variances toward
 * a prior mean — the national mean, or a mean predicted from covariates (context) — after Morris (1983),
 * "Parametric empirical Bayes inference", JASA 78:47–55, with the between-unit variance τ² estimated by the
 * method of moments of DerSimonian & Laird (1986) / its meta-regression form (the `method = "DL"` estimator
 * of R's metafor::rma). Pure numerics: numbers in, numbers out.
 *
 * Model: y_i = x_iᵀβ + u_i + e_i, u_i ~ (0, τ²), e_i ~ (0, v_i) with v_i known.
 * - W = diag(1/v_i); Q = Σ w_i (y_i − x_iᵀβ̂_W)² from the weighted least-squares fit with weights w;
 * - τ² = max(0, (Q − (k − p)) / (Σw − tr((XᵀWX)⁻¹ XᵀW²X)));
 * - β* = WLS with weights 1/(τ² + v_i); prior mean μ_i = x_iᵀβ*;
 * - reliability λ_i = τ² / (τ² + v_i) (the weight on the unit's own value); shrunk θ_i = μ_i + λ_i (y_i − μ_i).
 * Units missing y, v or a covariate are left out (NaN in every per-unit output).
 */
import { InputError } from "../errors";
import { invertSpd } from "./linear-algebra";

/** What {@link empiricalBayesShrinkage} returns. */
export interface EmpiricalBayesResult {
  /** Between-unit variance of the true values (DL method of moments, truncated at 0). */
  tau2: number;
  /** Cochran's Q of the fixed-weight (1/v) fit and its degrees of freedom k − p. */
  q: number;
  df: number;
  /** Prior-mean coefficients β* (intercept first, then one per covariate). */
  coefficients: number[];
  /** Per unit (input order): prior mean μ_i, reliability λ_i and shrunk value θ_i; NaN for units left out. */
  priorMean: Float64Array;
  reliability: Float64Array;
  shrunk: Float64Array;
  /** Mean of λ_i over the units used: the share of a unit value's variance that is signal. */
  meanReliability: number;
  /** τ² / mean(v_i): between-unit (signal) variance over the average sampling (noise) variance. */
  signalToNoise: number;
  /** Units used (k) and coefficients (p). */
  n: number;
  p: number;
  reasons: string[];
}

/** Solve the weighted least-squares normal equations; returns β and (XᵀWX)⁻¹, or null when singular. */
function weightedFit(rows: number[], y: ArrayLike<number>, x: readonly ArrayLike<number>[], w: (i: number) => number) {
  const p = x.length + 1;
  const xtwx = new Float64Array(p * p);
  const xtwy = new Float64Array(p);
  const design = (i: number, a: number) => (a === 0 ? 1 : x[a - 1][i]);
  for (const i of rows) {
    const wi = w(i);
    for (let a = 0; a < p; a++) {
      xtwy[a] += wi * design(i, a) * y[i];
      for (let b = 0; b < p; b++) xtwx[a * p + b] += wi * design(i, a) * design(i, b);
    }
  }
  const inv = invertSpd(xtwx, p);
  if (inv === null) return null;
  const beta = Array.from({ length: p }, (_, a) => {
    let s = 0;
    for (let b = 0; b < p; b++) s += inv[a * p + b] * xtwy[b];
    return s;
  });
  const fitted = (i: number) => beta.reduce((s, bj, a) => s + bj * design(i, a), 0);
  return { beta, inv, fitted, design };
}

/**
 * Empirical-Bayes shrinkage of unit values toward the national (no covariates) or covariate-predicted mean.
 * @param y unit values (NaN = missing)
 * @param v their sampling variances (must be > 0 where y is present; NaN = unknown, unit left out)
 * @param covariates covariate columns aligned with y (none: shrink toward the precision-weighted mean)
 * @throws InputError on length mismatch or a non-positive variance
 * @example
 * const eb = empiricalBayesShrinkage([0.5, 0.7, 0.2, 0.6], [0.01, 0.02, 0.05, 0.01]);
 * eb.shrunk; // each value pulled toward the mean, the noisier ones further
 */
export function empiricalBayesShrinkage(y: ArrayLike<number>, v: ArrayLike<number>, covariates: readonly ArrayLike<number>[] = []): EmpiricalBayesResult {
  const fn = "empiricalBayesShrinkage";
  if (v.length !== y.length) throw new InputError(fn, `v must have one variance per value (${y.length})`, v.length);
  for (const c of covariates) if (c.length !== y.length) throw new InputError(fn, `every covariate must have one value per unit (${y.length})`, c.length);
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(y[i]) || Number.isNaN(v[i]) || covariates.some((c) => Number.isNaN(c[i]))) continue;
    if (!(v[i] > 0) || !Number.isFinite(v[i])) throw new InputError(fn, `sampling variances must be finite and > 0 (unit ${i})`, v[i]);
    rows.push(i);
  }
  const p = covariates.length + 1;
  const k = rows.length;
  const empty = (reason: string): EmpiricalBayesResult => ({
    tau2: NaN, q: NaN, df: k - p, coefficients: [], priorMean: new Float64Array(y.length).fill(NaN), reliability: new Float64Array(y.length).fill(NaN),
    shrunk: new Float64Array(y.length).fill(NaN), meanReliability: NaN, signalToNoise: NaN, n: k, p, reasons: [reason],
  });
  if (k <= p) return empty(`needs more units (${k}) than prior-mean coefficients (${p})`);
  const fixed = weightedFit(rows, y, covariates, (i) => 1 / v[i]);
  if (fixed === null) return empty("the covariates are collinear (or constant)");
  let q = 0;
  let sumW = 0;
  const xtw2x = new Float64Array(p * p);
  for (const i of rows) {
    const wi = 1 / v[i];
    q += wi * (y[i] - fixed.fitted(i)) ** 2;
    sumW += wi;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) xtw2x[a * p + b] += wi * wi * fixed.design(i, a) * fixed.design(i, b);
  }
  let trace = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) trace += fixed.inv[a * p + b] * xtw2x[b * p + a];
  const tau2 = Math.max(0, (q - (k - p)) / (sumW - trace));
  const random = weightedFit(rows, y, covariates, (i) => 1 / (tau2 + v[i]))!;
  const priorMean = new Float64Array(y.length).fill(NaN);
  const reliability = new Float64Array(y.length).fill(NaN);
  const shrunk = new Float64Array(y.length).fill(NaN);
  let sumLambda = 0;
  let sumV = 0;
  for (const i of rows) {
    priorMean[i] = random.fitted(i);
    reliability[i] = tau2 / (tau2 + v[i]);
    shrunk[i] = priorMean[i] + reliability[i] * (y[i] - priorMean[i]);
    sumLambda += reliability[i];
    sumV += v[i];
  }
  const reasons = tau2 === 0 ? ["Q ≤ its degrees of freedom: no between-unit variance beyond sampling noise (τ² = 0), every value shrinks to the prior mean"] : [];
  return { tau2, q, df: k - p, coefficients: random.beta, priorMean, reliability, shrunk, meanReliability: sumLambda / k, signalToNoise: tau2 / (sumV / k), n: k, p, reasons };
}
