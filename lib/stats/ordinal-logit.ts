/**
 * Proportional-odds (cumulative logit) regression for an ordered outcome such as the 4-level Ofsted
 * grade, fitted by Newton–Raphson on the exact gradient and Hessian (R: `MASS::polr(method = "logistic")`).
 */
import { InputError } from "../errors";
import { completeCases } from "./complete-cases";
import { normalUpperTail } from "./distributions";
import { householderQr, invertSpd } from "./linear-algebra";
import { predictorNames } from "./predictor-names";
import { mean as meanOf, sampleSd } from "./summary";

/** Newton–Raphson stops when every step component is below this (on the standardised scale)… */
export const ORDINAL_STEP_TOLERANCE = 1e-10;
/** …and the log-likelihood changed by less than this. */
export const ORDINAL_LOGLIK_TOLERANCE = 1e-12;
export const ORDINAL_MAX_ITERATIONS = 100;
/**
 * Separation bound: when Newton–Raphson has not converged, a coefficient above this on the
 * standardised-predictor scale (an odds ratio above e^15 ≈ 3.3 million per SD) or a threshold gap above
 * twice it means the estimates are diverging: the MLE does not exist and the fit reports separation
 * instead of numbers. Iterations stop early once an estimate passes 4× the bound (gap 8×). A fit that
 * converges beyond the bound (categories overlap, so the MLE exists; e.g. polr's β = 22.6 per SD in
 * tests/reference audit.ordinal.nearSeparation) is reported with a near-separation reason, because its
 * Wald SEs and p-values are then unreliable (Hauck & Donner 1977).
 */
export const ORDINAL_SEPARATION_BOUND = 15;

/** One estimated parameter. */
export interface OrdinalParameter {
  name: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
}

/** Result of {@link ordinalLogit}. */
export interface OrdinalLogitResult {
  /** Cut-points ζ_k, named "k|k+1" after the observed categories. */
  thresholds: OrdinalParameter[];
  /** Slopes β, named after the predictors. */
  coefficients: OrdinalParameter[];
  logLik: number;
  /** −2·logLik + 2·(number of parameters). */
  aic: number;
  n: number;
  nMissing: number;
  /** Observed categories, ascending (empty ones removed). */
  categories: number[];
  /** Categories in 1..levels with no observations: dropped before fitting, their thresholds do not exist. */
  emptyCategories: number[];
  iterations: number;
  converged: boolean;
  /** True when (quasi-)complete separation makes the MLE not exist; estimates are then NaN. */
  separation: boolean;
  method: "proportional-odds-logit";
  /** logit P(Y ≤ k) = ζ_k − x·β (polr's convention): β > 0 shifts towards higher categories. */
  convention: string;
  reasons: string[];
}

const CONVENTION =
  "logit P(Y <= k) = zeta_k - x*beta, as MASS::polr: a positive coefficient shifts towards higher categories " +
  "(with Ofsted 1 = Outstanding … 4 = Inadequate, towards worse grades)";

function logistic(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/** Workspace for one fit: allocated once per call, reused across iterations (no allocation in loops). */
interface Work {
  n: number;
  p: number;
  q: number;
  x: Float64Array; // n×p standardised predictors, column-major
  cat: Int32Array; // 0-based observed category index
  g: Float64Array;
  h: Float64Array; // m×m negative Hessian
}

/** Log-likelihood at theta = (β, ζ); NaN if the thresholds are not strictly increasing. */
function logLikAt(w: Work, theta: Float64Array): number {
  if (!thresholdsOrdered(w, theta)) return NaN;
  const { n, p, q, x, cat } = w;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[i + j * n] * theta[j];
    const c = cat[i];
    const a = c < q ? theta[p + c] - eta : Infinity;
    const b = c > 0 ? theta[p + c - 1] - eta : -Infinity;
    ll += Math.log(intervalProb(a, b));
  }
  return ll;
}

/** F(a) − F(b) for b < a, computed on the side that avoids cancellation. */
function intervalProb(a: number, b: number): number {
  if (b > 0) return logistic(-b) - logistic(-a);
  return logistic(a) - logistic(b);
}

/** True when the thresholds in theta are strictly increasing. */
function thresholdsOrdered(w: Work, theta: Float64Array): boolean {
  for (let k = 1; k < w.q; k++) if (!(theta[w.p + k] > theta[w.p + k - 1])) return false;
  return true;
}

/**
 * Gradient w.g and negative Hessian w.h (observed information) at theta; returns the log-likelihood.
 * Per observation in category c, with a = ζ_c − η, b = ζ_{c−1} − η, F logistic, f = F(1 − F),
 * f' = f(1 − 2F), π = F(a) − F(b), the score is ∂ℓ/∂β = −x(f(a) − f(b))/π, ∂ℓ/∂ζ_c = f(a)/π,
 * ∂ℓ/∂ζ_{c−1} = −f(b)/π, and the information is (∇π∇πᵀ)/π² − (∇²π)/π, accumulated block by block
 * (β×β, β×ζ, ζ×ζ) using the sparsity of ∇π in ζ. No allocation.
 */
function derivatives(w: Work, theta: Float64Array): number {
  const { n, p, q, x, cat, g, h } = w;
  const m = p + q;
  g.fill(0);
  h.fill(0);
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[i + j * n] * theta[j];
    const c = cat[i];
    const hasA = c < q;
    const hasB = c > 0;
    const a = hasA ? theta[p + c] - eta : Infinity;
    const b = hasB ? theta[p + c - 1] - eta : -Infinity;
    const Fa = hasA ? logistic(a) : 1;
    const Fb = hasB ? logistic(b) : 0;
    const fa = Fa * (1 - Fa);
    const fb = Fb * (1 - Fb);
    // intervalProb(a, b) without evaluating F again where it is F(a) − F(b) (b ≤ 0; F(∞) = 1 and F(−∞) = 0
    // exactly, as Fa and Fb without a threshold): the same numbers
    const pr = b > 0 ? logistic(-b) - logistic(-a) : Fa - Fb;
    const inv = 1 / pr;
    const da = fa * (1 - 2 * Fa) * inv; // f'(a)/π
    const db = fb * (1 - 2 * Fb) * inv; // f'(b)/π
    const ga = fa * inv; // ∂ℓ/∂ζ_c
    const gb = -fb * inv; // ∂ℓ/∂ζ_{c−1}
    const dBeta = -(fa - fb) * inv; // ∂ℓ/∂β = x·dBeta
    ll += Math.log(pr);
    const wbb = dBeta * dBeta - (da - db); // information weight for x xᵀ
    for (let r = 0; r < p; r++) {
      const xr = x[i + r * n];
      g[r] += xr * dBeta;
      for (let s2 = r; s2 < p; s2++) h[r + s2 * m] += xr * x[i + s2 * n] * wbb;
      if (hasA) h[r + (p + c) * m] += xr * (dBeta * ga + da);
      if (hasB) h[r + (p + c - 1) * m] += xr * (dBeta * gb - db);
    }
    if (hasA) {
      g[p + c] += ga;
      h[p + c + (p + c) * m] += ga * ga - da;
    }
    if (hasB) {
      g[p + c - 1] += gb;
      h[p + c - 1 + (p + c - 1) * m] += gb * gb + db;
    }
    if (hasA && hasB) h[p + c - 1 + (p + c) * m] += ga * gb;
  }
  for (let r = 0; r < m; r++) for (let s2 = r + 1; s2 < m; s2++) h[s2 + r * m] = h[r + s2 * m];
  return ll;
}

/**
 * Proportional-odds logistic regression: logit P(Y ≤ k) = ζ_k − x·β, k = 1…K−1 (the MASS::polr
 * parameterisation and sign convention). Fitted by Newton–Raphson with step-halving on the exact
 * gradient and Hessian, on internally standardised predictors (results are transformed back, with the
 * covariance by the delta method, which is exact for this linear map). SEs come from the inverse of the
 * observed information at the MLE; z = estimate/SE, two-sided normal p.
 *
 * Explicit edge cases: rows with NaN are dropped and counted; categories in 1..levels with no
 * observations are listed in `emptyCategories` and dropped (their thresholds do not exist); collinear or
 * constant predictors, separation (diverging estimates, singular information) and non-convergence give
 * NaN estimates with `reasons`, never plausible-looking numbers.
 *
 * @param y integer categories 1..K (Ofsted: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate); NaN = missing
 * @param X predictors as an array of columns
 * @param options `names` of predictors; `levels` K (default: the largest observed category)
 * @example
 * const fit = ordinalLogit(grades, [idaci, turnover], { names: ["idaci", "turnover"] });
 * fit.coefficients[0]; // { name: "idaci", estimate, se, z, p }; positive = towards worse grades
 */
export function ordinalLogit(
  y: ArrayLike<number>,
  X: readonly ArrayLike<number>[],
  options: { names?: readonly string[]; levels?: number; maxIterations?: number } = {},
): OrdinalLogitResult {
  const names = options.names ?? predictorNames(X.length);
  const maxIterations = options.maxIterations ?? ORDINAL_MAX_ITERATIONS;
  if (names.length !== X.length) {
    throw new InputError("ordinalLogit", `names must have one entry per predictor (${X.length})`, names.length);
  }
  const cc = completeCases("ordinalLogit", [y, ...X]);
  const n = cc.n;
  const { counts, categories, emptyCategories, catIndex } = observedCategories(y, cc.rows, options.levels);
  const p = X.length;
  const q = categories.length - 1;
  const m = p + q;
  const reasons: string[] = [];
  if (emptyCategories.length > 0) reasons.push(`empty categories dropped: ${emptyCategories.join(", ")}`);
  const { x, mean, sd } = standardisedPredictors(X, cc.rows);
  const cat = new Int32Array(n);
  for (let k = 0; k < n; k++) cat[k] = catIndex[y[cc.rows[k]]];

  // built by push, not by map: an array made by map has a kind that depends on how far V8 has optimised the code
  // making it, and the optimised ordinalLogit, compiled on one, was thrown away on the other ('wrong map')
  const thresholdNames: string[] = [];
  for (let k = 0; k < q; k++) thresholdNames.push(`${categories[k]}|${categories[k + 1]}`);
  const nanParams = (list: string[]): OrdinalParameter[] => list.map((name) => ({ name, estimate: NaN, se: NaN, z: NaN, p: NaN }));
  const base = {
    n, nMissing: cc.nMissing, categories, emptyCategories, method: "proportional-odds-logit" as const, convention: CONVENTION,
  };
  const failed = (why: string, iterations: number, separation: boolean, ll = NaN): OrdinalLogitResult => ({
    ...base, thresholds: nanParams(thresholdNames), coefficients: nanParams([...names]), logLik: ll, aic: NaN,
    iterations, converged: false, separation, reasons: [...reasons, why],
  });
  const aliased = aliasedPredictors(x, sd, names, n);
  if (aliased !== null) return failed(`predictors are constant or collinear: ${aliased.join(", ")}`, 0, false);
  if (n <= m) return failed(`n = ${n} is not larger than the number of parameters (${m})`, 0, false);

  const w: Work = { n, p, q, x, cat, g: new Float64Array(m), h: new Float64Array(m * m) };
  const theta = startingValues(counts, categories, n, p);
  const fit = newtonRaphson(w, theta, maxIterations);
  const { ll, converged, iterations } = fit;
  let beyond = false;
  for (let j = 0; j < p; j++) if (Math.abs(theta[j]) > ORDINAL_SEPARATION_BOUND) beyond = true;
  for (let k = 1; k < q; k++) if (theta[p + k] - theta[p + k - 1] > 2 * ORDINAL_SEPARATION_BOUND) beyond = true;
  const cov = fit.singular ? null : invertSpd(w.h, m);
  if (fit.singular || cov === null || (beyond && !converged)) {
    return failed(
      "separation: the likelihood keeps increasing as estimates diverge (a predictor, or a threshold, perfectly separates " +
        "categories); the MLE does not exist",
      iterations, true, ll,
    );
  }
  if (!converged) return failed(`did not converge in ${maxIterations} Newton–Raphson iterations`, iterations, false, ll);
  if (beyond) {
    reasons.push(
      `near separation: an estimate exceeds ${ORDINAL_SEPARATION_BOUND} per SD of its predictor (or a threshold gap ${2 * ORDINAL_SEPARATION_BOUND}); ` +
        "the MLE exists but Wald SEs and p-values are unreliable (Hauck-Donner); prefer a likelihood-ratio test",
    );
  }
  const param = backTransform(theta, cov, mean, sd, p, q);
  return {
    ...base,
    thresholds: thresholdNames.map((name, k) => param(name, p + k)),
    coefficients: names.map((name, j) => param(name, j)),
    logLik: ll,
    aic: -2 * ll + 2 * m,
    iterations,
    converged: true,
    separation: false,
    reasons,
  };
}

/** The observed categories of y over the complete rows (validated as integers 1..levels), the empty ones and an index. */
function observedCategories(
  y: ArrayLike<number>,
  rows: Uint32Array,
  levelsOption: number | undefined,
): { counts: number[]; categories: number[]; emptyCategories: number[]; catIndex: Int32Array } {
  let maxY = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = y[rows[k]];
    if (!Number.isInteger(v) || v < 1) throw new InputError("ordinalLogit", `y must be integer categories 1..K (row ${rows[k]})`, v);
    maxY = Math.max(maxY, v);
  }
  const levels = levelsOption ?? maxY;
  if (!Number.isInteger(levels) || levels < maxY) {
    throw new InputError("ordinalLogit", `levels must be an integer >= the largest category (${maxY})`, levels);
  }
  const counts = new Array<number>(levels + 1).fill(0);
  for (let k = 0; k < rows.length; k++) counts[y[rows[k]]]++;
  const categories: number[] = [];
  const emptyCategories: number[] = [];
  for (let c = 1; c <= levels; c++) (counts[c] > 0 ? categories : emptyCategories).push(c);
  if (categories.length < 2) {
    throw new InputError("ordinalLogit", "y needs at least 2 observed categories", categories.length);
  }
  const catIndex = new Int32Array(levels + 1).fill(-1);
  categories.forEach((c, i) => (catIndex[c] = i));
  return { counts, categories, emptyCategories, catIndex };
}

/** The predictors over the complete rows standardised to mean 0, SD 1 (column-major; a constant one is all 0). */
function standardisedPredictors(X: readonly ArrayLike<number>[], rows: Uint32Array): { x: Float64Array; mean: Float64Array; sd: Float64Array } {
  const n = rows.length;
  const p = X.length;
  const x = new Float64Array(n * p);
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const col = Float64Array.from(rows, (row) => X[j][row]);
    mean[j] = meanOf(col);
    sd[j] = n > 1 ? sampleSd(col, mean[j]) : 0;
    for (let k = 0; k < n; k++) x[k + j * n] = sd[j] > 0 ? (col[k] - mean[j]) / sd[j] : 0;
  }
  return { x, mean, sd };
}

/**
 * Predictors that make β unidentifiable (constant, or collinear with others and the intercept: rank of
 * [1, x] below p + 1), or null when there are none.
 */
function aliasedPredictors(x: Float64Array, sd: Float64Array, names: readonly string[], n: number): string[] | null {
  const p = names.length;
  if (p === 0) return null;
  const design = new Float64Array(n * (p + 1));
  design.fill(1, 0, n);
  design.set(x, n);
  const f = householderQr(design, n, p + 1);
  if (f.rank === p + 1 && sd.every((s) => s > 0)) return null;
  const al = Array.from(f.pivot.subarray(f.rank)).map((j) => names[j - 1]);
  const constant = names.filter((_, j) => !(sd[j] > 0));
  return [...new Set([...constant, ...al])];
}

/** Starting values: β = 0 and the thresholds at the logits of the cumulative category shares. */
function startingValues(counts: readonly number[], categories: readonly number[], n: number, p: number): Float64Array {
  const q = categories.length - 1;
  const theta = new Float64Array(p + q);
  let cum = 0;
  for (let k = 0; k < q; k++) {
    cum += counts[categories[k]];
    const pk = cum / n;
    theta[p + k] = Math.log(pk / (1 - pk));
  }
  return theta;
}

/**
 * Newton–Raphson with step-halving from `theta` (updated in place): stops on convergence, a singular
 * Hessian, a step that cannot raise ℓ, divergence, or after `maxIterations`.
 */
function newtonRaphson(w: Work, theta: Float64Array, maxIterations: number): { ll: number; converged: boolean; iterations: number; singular: boolean } {
  const { p, q } = w;
  const m = p + q;
  const trial = new Float64Array(m);
  const step = new Float64Array(m);
  let ll = derivatives(w, theta);
  let converged = false;
  let iterations = 0;
  let singular = false;
  for (iterations = 1; iterations <= maxIterations; iterations++) {
    const inv = invertSpd(w.h, m);
    if (inv === null) {
      singular = true;
      break;
    }
    let maxStep = 0;
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += inv[r + c * m] * w.g[c];
      step[r] = s;
      maxStep = Math.max(maxStep, Math.abs(s));
    }
    const accepted = halvedStep(w, theta, step, trial, ll);
    if (accepted === null) {
      derivatives(w, theta); // restore the derivatives at the current point
      break;
    }
    const { llNew, scale } = accepted;
    theta.set(trial);
    const change = llNew - ll;
    if (scale !== 1) derivatives(w, theta);
    ll = llNew;
    if (maxStep * scale < ORDINAL_STEP_TOLERANCE && Math.abs(change) < ORDINAL_LOGLIK_TOLERANCE * (1 + Math.abs(ll))) {
      converged = true;
      break;
    }
    if (maxStep * scale < ORDINAL_STEP_TOLERANCE * 1e-3) {
      converged = true;
      break;
    }
    let diverging = false;
    for (let j = 0; j < p; j++) if (Math.abs(theta[j]) > 4 * ORDINAL_SEPARATION_BOUND) diverging = true;
    for (let k = 1; k < q; k++) if (theta[p + k] - theta[p + k - 1] > 8 * ORDINAL_SEPARATION_BOUND) diverging = true;
    if (diverging) break;
  }
  return { ll, converged, iterations: Math.min(iterations, maxIterations), singular };
}

/**
 * Step-halving: the first of step, step/2, … (40 halvings) that keeps the thresholds ordered and does not
 * lower ℓ, written to `trial`; null when none does. The derivatives are evaluated at the full step, so an
 * accepted full step needs no second pass.
 */
function halvedStep(w: Work, theta: Float64Array, step: Float64Array, trial: Float64Array, ll: number): { llNew: number; scale: number } | null {
  const m = theta.length;
  let scale = 1;
  for (let half = 0; half < 40; half++) {
    for (let r = 0; r < m; r++) trial[r] = theta[r] + scale * step[r];
    if (thresholdsOrdered(w, trial)) {
      const llNew = half === 0 ? derivatives(w, trial) : logLikAt(w, trial);
      if (!Number.isNaN(llNew) && llNew >= ll - 1e-12 * Math.abs(ll)) return { llNew, scale };
    }
    scale /= 2;
  }
  return null;
}

/**
 * Back to the predictors' own scale: β = β_s / sd; ζ_k = ζ_s,k + Σ_j β_s,j·mean_j/sd_j, i.e. θ = A θ_s, and
 * Cov = A Cov_s Aᵀ (delta method, exact for this linear map); returns a parameter row (estimate, SE, z, p) by index.
 */
function backTransform(theta: Float64Array, cov: Float64Array, mean: Float64Array, sd: Float64Array, p: number, q: number): (name: string, r: number) => OrdinalParameter {
  const m = p + q;
  const amat = new Float64Array(m * m);
  for (let j = 0; j < p; j++) amat[j + j * m] = 1 / sd[j];
  for (let k = 0; k < q; k++) {
    amat[p + k + (p + k) * m] = 1;
    for (let j = 0; j < p; j++) amat[p + k + j * m] = mean[j] / sd[j];
  }
  const est = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let s = 0;
    for (let c = 0; c < m; c++) s += amat[r + c * m] * theta[c];
    est[r] = s;
  }
  const seOf = (r: number): number => {
    let s = 0;
    for (let a = 0; a < m; a++) {
      const ara = amat[r + a * m];
      if (ara === 0) continue;
      for (let b = 0; b < m; b++) s += ara * cov[a + b * m] * amat[r + b * m];
    }
    return Math.sqrt(s);
  };
  return (name, r) => {
    const se = seOf(r);
    const z = est[r] / se;
    return { name, estimate: est[r], se, z, p: 2 * normalUpperTail(Math.abs(z)) };
  };
}
