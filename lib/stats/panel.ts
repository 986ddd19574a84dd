/**
 * Two-way fixed-effects (unit and time) panel regression by the within transformation, with
 * cluster-robust standard errors by unit in the two conventions users meet, and the between-unit
 * association beside it (R: `plm(y ~ x, model = "within", effect = "twoways")` with
 * `lmtest::coeftest(fit, vcov = vcovHC(fit, type = "HC0", cluster = "group"))`; Stata
 * `reghdfe y x, absorb(id year) vce(cluster id)`; fixest `feols(y ~ x | id + year, cluster = ~id)`).
 */
import { InputError } from "../errors";
import { tTwoSidedP } from "./distributions";
import { applyQt, householderQr, QR_TOLERANCE, solveR, unscaledCovariance, type QrFactorisation } from "./linear-algebra";
import { clusterSandwich } from "./cluster-sandwich";
import { checkUniquePairs, completeRows, dropSingletons, encode, sumSquares, withinTransformer } from "./panel-within";
import { ols, type OlsCoefficient } from "./ols";
import { pearsonR } from "./pearson";

/**
 * A regressor whose two-way within-transformed column has norm ≤ this fraction of the norm of its
 * centred raw column has no variation left once unit and time effects are removed (constant within
 * every unit, or moving only with the year). Same relative tolerance as R's `lm`/`qr` (1e-7).
 */
export const WITHIN_VARIATION_TOLERANCE = QR_TOLERANCE;

/** The two cluster-robust covariance conventions, labelled as users meet them. */
export type ClusterSeConvention = "cr1" | "hc0";

/** Human-readable labels of {@link ClusterSeConvention}, for tables and results.json. */
export const CLUSTER_SE_LABELS: Record<ClusterSeConvention, string> = {
  cr1: "CR1 by unit (fixest's default ssc, fixef.K = \"nested\"): V·(n−1)/(n−K)·G/(G−1), K = regressors + years (unit effects nested in clusters not counted; reghdfe counts one year fewer), t on G−1 df",
  hc0: "HC0 by unit (plm vcovHC(type = \"HC0\", cluster = \"group\")): no small-sample factor, t on the within residual df n − k − N − T + 1 (lmtest::coeftest)",
};

/** Inference for one coefficient under one covariance convention. */
export interface PanelInference {
  se: number;
  t: number;
  /** Two-sided p-value from Student t on `df` degrees of freedom. */
  p: number;
  df: number;
}

/** One row of the within (two-way FE) coefficient table. */
export interface PanelCoefficient {
  name: string;
  /** Within estimate; NaN when the regressor is aliased. */
  estimate: number;
  /** CR1 as fixest's default ssc (K = k + T; reghdfe's K is one less). */
  cr1: PanelInference;
  /** plm HC0 convention. */
  hc0: PanelInference;
  /**
   * Why the coefficient is NaN: `"no-within-variation"` (constant within every unit, or moving only
   * with the year), `"collinear"` (a linear combination of earlier regressors after the within
   * transformation), or undefined when estimated.
   */
  aliased?: "no-within-variation" | "collinear";
}

/** Between-unit association: unit means of y against unit means of each regressor. */
export interface PanelBetween {
  /** Pearson r of unit means of y and of each regressor, in regressor order (NaN when < 3 units or a constant mean). */
  r: number[];
  /** Between estimator: OLS of unit means of y on unit means of all regressors, with intercept (plm `model = "between"`). */
  coefficients: OlsCoefficient[];
  /** Units used (every unit with at least one complete row, singletons included). */
  nUnits: number;
}

/** Result of {@link twoWayFixedEffects}. NaN fields come with a line in `reasons`. */
export interface TwoWayFixedEffectsResult {
  /** One row per regressor, in input order. */
  coefficients: PanelCoefficient[];
  /** Cluster-robust covariance matrices (k×k column-major, input order; NaN rows/columns for aliased regressors). */
  vcovCr1: Float64Array;
  vcovHc0: Float64Array;
  /** Observations in the within estimation (complete rows, singletons removed). */
  n: number;
  /** Units (clusters, G) and time periods in the within estimation. */
  nUnits: number;
  nTimes: number;
  /** Rows dropped because y or a regressor was NaN. */
  nMissing: number;
  /** Units with a single complete observation, dropped from the within estimator (they carry no within information). */
  singletonUnits: number;
  /** Observations dropped as singletons (a unit, or a time period, left with one observation; removed iteratively). */
  singletonObservations: number;
  /** Time periods with complete rows that the removal of singletons left out (a period left with one unit), as labels, in order of first appearance. */
  singletonTimes: string[];
  /** Unit×time cells absent from the estimation sample: nUnits·nTimes − n (0 for a balanced panel). */
  missingCells: number;
  balanced: boolean;
  /** Number of regressors estimated (rank of the within-transformed design). */
  rank: number;
  /** Rank of the time effects after unit demeaning: nTimes − 1 when units and years form one connected panel. */
  timeEffectsRank: number;
  /** plm/lm residual df: n − rank − nUnits − timeEffectsRank (= n − k − N − T + 1 when connected). */
  dfResidual: number;
  /** K in the CR1 factor: rank + nTimes (fixest `fixef.K = "nested"`: the unit effects, nested in the clusters, are not counted; reghdfe's K is one less). */
  kCr1: number;
  /** The CR1 small-sample factor (n − 1)/(n − K)·G/(G − 1). */
  cr1Factor: number;
  /** Residual sum of squares of the within regression. */
  rss: number;
  /** Within R²: 1 − RSS / Σ ỹ² (the within-transformed y; plm's `r.squared`). */
  withinR2: number;
  between: PanelBetween;
  method: "within-fwl-exact";
  reasons: string[];
}

const NAN_INFERENCE: PanelInference = { se: NaN, t: NaN, p: NaN, df: NaN };

/**
 * Fit y_it = β·x_it + α_i + γ_t + ε_it (two-way fixed effects) by the within transformation and
 * report cluster-robust (by unit) inference in two labelled conventions, plus the between-unit
 * association.
 *
 * **Within transformation (exact, balanced or not).** By Frisch–Waugh–Lovell, β is the OLS slope of
 * M·y on M·X where M removes unit and time effects. Every column is demeaned within units, then
 * residualised on the unit-demeaned time dummies W — the route plm takes for unbalanced two-way panels
 * (`Within.pseries`: `lm.fit(WDmu, x)`) — and exact: no iteration, hence no convergence tolerance, for
 * balanced and unbalanced panels and for panels with missing years. WᵀW ((T−1)×(T−1)) is built from each
 * unit's set of periods and inverted by Cholesky; when it is singular (units and periods fall apart into
 * separate groups) the residuals come from Householder QR of W, whose rank is `timeEffectsRank`.
 *
 * **Covariances** (Cameron & Miller 2015, "A practitioner's guide to cluster-robust inference",
 * J. Human Resources 50(2), eqs. 11–12): with X̃, ẽ the within-transformed regressors and residuals,
 * B = (X̃ᵀX̃)⁻¹ and s_g = Σ_{i∈g} X̃_iᵀẽ_i over units g = 1..G,
 * - `hc0`: V = B (Σ_g s_g s_gᵀ) B — plm's `vcovHC(type = "HC0", cluster = "group")` (its default
 *   method "arellano"); p from t on the model's residual df n − k − N − T + 1, which is what
 *   `lmtest::coeftest(fit, vcov = ...)` uses for a plm fit (`df.residual`).
 * - `cr1`: the same V times (n − 1)/(n − K)·G/(G − 1) with K = k + T; p from t on G − 1 df. This is
 *   fixest's default `ssc(adj = TRUE, fixef.K = "nested", cluster.adj = TRUE, t.df = "min")`: feols counts
 *   nparams = k + Σ(levels − 1) + 1 = k + G + T − 1 (R/fixest_env.R) and "nested" takes off the G − 1
 *   unit effects nested in the clusters (R/VCOV.R), leaving k + T; the "On standard-errors" vignette's
 *   figure gives K_fixef = 2 for two periods. reghdfe (`absorb(id year) vce(cluster id)`) counts
 *   K = k + T − 1: its df_a is the T − 1 year effects, and it adds 1 only when nothing but the nested
 *   effect is absorbed (reghdfe_common.mata, reghdfe_cluster). So CR1 SEs here are fixest's, and
 *   reghdfe's are smaller by √((n − K)/(n − K + 1)): care leavers' EET on lait_stayingput, n = 1,203,
 *   SE 0.019803 (K = 11) against reghdfe's 0.019795 (K = 10), tests/reference/panel-cr1-k.R.
 *
 * **Singletons.** A unit with one complete observation (or a year with one, after that) is fitted
 * exactly by its own effect and carries no within information; such rows are removed iteratively and
 * counted (as reghdfe does; Correia 2015, "Singletons, cluster-robust standard errors and fixed
 * effects"). Coefficients and the HC0 covariance are unchanged by this; the CR1 factor uses n and G
 * without singletons (fixest, which keeps them, would count them in n and G).
 *
 * **Between.** Unit means over all complete rows (singletons included): Pearson r of the means of y and
 * of each regressor, and the between estimator (OLS on the means with an intercept, plm `model = "between"`).
 *
 * Missing values: a row with NaN in y or any regressor is dropped and counted. Regressors with no
 * within variation, or collinear with earlier ones, get NaN with `aliased` saying which; too few
 * observations give NaN with a reason.
 *
 * @param y outcome; NaN = missing
 * @param X regressors as columns (each the length of y)
 * @param unit unit label of each row (e.g. LA code); the cluster variable
 * @param time time label of each row (e.g. year)
 * @param options `names` of the regressors (default x1, x2, …)
 * @throws InputError on unequal lengths, no regressor, infinite values, or a duplicated (unit, time) pair
 * @example
 * const fit = twoWayFixedEffects(
 *   [1, 2, 4, 2, 3, 6, 3, 5],
 *   [[0, 1, 2, 0, 1, 3, 1, 2]],
 *   ["a", "a", "a", "b", "b", "b", "c", "c"],
 *   [2019, 2020, 2021, 2019, 2020, 2021, 2019, 2020],
 *   { names: ["caseload"] },
 * );
 * fit.coefficients[0].estimate; // within slope
 * fit.coefficients[0].cr1.se;   // fixest's clustered SE (default ssc)
 */
export function twoWayFixedEffects(
  y: ArrayLike<number>,
  X: readonly ArrayLike<number>[],
  unit: ArrayLike<string | number>,
  time: ArrayLike<string | number>,
  options: { names?: readonly string[] } = {},
): TwoWayFixedEffectsResult {
  const fn = "twoWayFixedEffects";
  const k = X.length;
  if (k === 0) throw new InputError(fn, "needs at least one regressor", 0);
  const names = options.names ?? X.map((_, j) => `x${j + 1}`);
  if (names.length !== k) throw new InputError(fn, `names must have one entry per regressor (${k})`, names.length);
  for (const [label, col] of [["unit", unit], ["time", time], ...X.map((c, j) => [names[j], c] as const)] as const) {
    if (col.length !== y.length) throw new InputError(fn, `${label} must have the length of y (${y.length})`, col.length);
  }
  const complete = completeRows(y, X, names, fn);
  const uAll = encode(unit, complete);
  const tAll = encode(time, complete);
  checkUniquePairs(unit, time, complete, uAll, tAll, fn);
  const between = betweenAssociation(y, X, uAll, complete, names);
  const rows = dropSingletons(complete, uAll, tAll);
  const n = rows.length;
  const units = encode(unit, rows);
  const times = encode(time, rows);
  const G = units.m;
  const T = times.m;
  const kept = new Set(rows.map((i) => String(time[i])));
  const singletonTimes = [...new Set(complete.map((i) => String(time[i])))].filter((t) => !kept.has(t));
  const counts = { n, nUnits: G, nTimes: T, nMissing: y.length - complete.length, singletonUnits: uAll.m - G, singletonObservations: complete.length - n, singletonTimes, missingCells: G * T - n, balanced: n === G * T };
  const reasons: string[] = [];
  if (G < 2 || T < 2) {
    reasons.push(`too few observations for a two-way within estimate: after removing ${counts.singletonObservations} singleton observation(s), ${n} observation(s) in ${G} unit(s) and ${T} time period(s) remain (need at least 2 units each observed in at least 2 periods)`);
    const vc = new Float64Array(k * k).fill(NaN);
    return {
      coefficients: names.map((name) => ({ name, estimate: NaN, cr1: NAN_INFERENCE, hc0: NAN_INFERENCE })), vcovCr1: vc, vcovHc0: Float64Array.from(vc), ...counts,
      rank: 0, timeEffectsRank: 0, dfResidual: NaN, kCr1: NaN, cr1Factor: NaN, rss: NaN, withinR2: NaN, between, method: "within-fwl-exact", reasons,
    };
  }
  const transform = withinTransformer(rows, units.codes, times.codes, G, T);
  const yw = transform.within((i) => y[i]);
  const fit = withinOls(X, X.map((col) => transform.within((i) => col[i])), yw, rows, names, reasons);
  const vPivot = panelSandwich(fit, units.codes, G);
  const inference = panelInference(fit, vPivot, { n, G, T, timeEffectsRank: transform.timeEffectsRank, names }, reasons);
  const tssWithin = sumSquares(yw);
  return {
    ...inference, ...counts, rank: fit.rank, timeEffectsRank: transform.timeEffectsRank,
    rss: fit.rss, withinR2: tssWithin > 0 ? 1 - fit.rss / tssWithin : NaN, between, method: "within-fwl-exact", reasons,
  };
}

/** The within OLS: regressors without within variation or collinear are aliased (with reasons); pivoted QR fit. */
interface WithinFit {
  k: number;
  n: number;
  rank: number;
  fx: QrFactorisation;
  design: Float64Array;
  active: number[];
  b: Float64Array;
  /** Per input regressor: estimate (NaN if aliased), position in the pivoted rank block (−1 if aliased), why aliased. */
  estimateOf: Float64Array;
  posOf: Int32Array;
  aliasedWhy: PanelCoefficient["aliased"][];
  resid: Float64Array;
  rss: number;
}

function withinOls(X: readonly ArrayLike<number>[], Xw: readonly Float64Array[], yw: Float64Array, rows: readonly number[], names: readonly string[], reasons: string[]): WithinFit {
  const k = X.length;
  const n = rows.length;
  const aliasedWhy: PanelCoefficient["aliased"][] = new Array(k).fill(undefined);
  const active: number[] = [];
  for (let j = 0; j < k; j++) {
    let mean = 0;
    for (let r = 0; r < n; r++) mean += X[j][rows[r]];
    mean /= n;
    let raw = 0;
    for (let r = 0; r < n; r++) raw += (X[j][rows[r]] - mean) ** 2;
    const wn = sumSquares(Xw[j]);
    if (!(raw > 0) || !(Math.sqrt(wn) > WITHIN_VARIATION_TOLERANCE * Math.sqrt(raw))) {
      aliasedWhy[j] = "no-within-variation";
      reasons.push(`${names[j]}: no variation within units once unit and time effects are removed (constant within every unit, or moving only with the year)`);
    } else active.push(j);
  }
  const design = new Float64Array(n * active.length);
  active.forEach((j, a) => design.set(Xw[j], a * n));
  const fx = householderQr(design, n, active.length);
  const rank = fx.rank;
  for (let a = rank; a < active.length; a++) {
    const j = active[fx.pivot[a]];
    aliasedWhy[j] = "collinear";
    reasons.push(`${names[j]}: collinear with earlier regressors after the within transformation`);
  }
  const b = solveR(fx, applyQt(fx, Float64Array.from(yw)));
  const estimateOf = new Float64Array(k).fill(NaN);
  const posOf = new Int32Array(k).fill(-1);
  for (let a = 0; a < rank; a++) {
    const j = active[fx.pivot[a]];
    estimateOf[j] = b[a];
    posOf[j] = a;
  }
  const resid = Float64Array.from(yw);
  for (let a = 0; a < rank; a++) {
    const off = fx.pivot[a] * n;
    for (let r = 0; r < n; r++) resid[r] -= b[a] * design[off + r];
  }
  return { k, n, rank, fx, design, active, b, estimateOf, posOf, aliasedWhy, resid, rss: sumSquares(resid) };
}

/** The cluster sandwich B (Σ_g s_g s_gᵀ) B in the pivoted rank block (unscaled: HC0). */
function panelSandwich(fit: WithinFit, unitCodes: Int32Array, G: number): Float64Array {
  const { rank, n, fx, design, resid } = fit;
  const bread = rank > 0 ? unscaledCovariance(fx) : new Float64Array(0);
  return clusterSandwich(bread, design, n, fx.pivot.subarray(0, rank), resid, unitCodes, G);
}

/** Degrees of freedom, the CR1 factor, both covariance matrices in input order, and each coefficient's inference. */
function panelInference(
  fit: WithinFit, vPivot: Float64Array, d: { n: number; G: number; T: number; timeEffectsRank: number; names: readonly string[] }, reasons: string[],
): Pick<TwoWayFixedEffectsResult, "coefficients" | "vcovCr1" | "vcovHc0" | "dfResidual" | "kCr1" | "cr1Factor"> {
  const { k, rank, posOf, estimateOf, aliasedWhy } = fit;
  const { n, G, T } = d;
  const dfResidual = n - rank - G - d.timeEffectsRank;
  const kCr1 = rank + T;
  const cr1Factor = ((n - 1) / (n - kCr1)) * (G / (G - 1));
  if (!(dfResidual > 0)) reasons.push(`no residual degrees of freedom (n = ${n}, ${rank} regressor(s), ${G} unit and ${d.timeEffectsRank} time effect(s)): HC0 p-values are undefined`);
  if (!(n - kCr1 > 0)) reasons.push(`n − K ≤ 0 (n = ${n}, K = ${kCr1}): the CR1 factor is undefined`);
  if (rank > 0 && G < 3) reasons.push(`only ${G} clusters: cluster-robust standard errors rest on very few units`);
  const vcovHc0 = new Float64Array(k * k).fill(NaN);
  const vcovCr1 = new Float64Array(k * k).fill(NaN);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (posOf[i] < 0 || posOf[j] < 0) continue;
      const v = vPivot[posOf[i] + posOf[j] * rank];
      vcovHc0[i + j * k] = v;
      vcovCr1[i + j * k] = n - kCr1 > 0 ? v * cr1Factor : NaN;
    }
  }
  const inference = (est: number, variance: number, df: number): PanelInference => {
    const se = Math.sqrt(variance);
    const t = est / se;
    return { se, t, p: df > 0 ? tTwoSidedP(t, df) : NaN, df };
  };
  const coefficients: PanelCoefficient[] = d.names.map((name, j) => {
    if (posOf[j] < 0) return { name, estimate: NaN, cr1: NAN_INFERENCE, hc0: NAN_INFERENCE, aliased: aliasedWhy[j] };
    const est = estimateOf[j];
    return { name, estimate: est, cr1: inference(est, vcovCr1[j + j * k], G - 1), hc0: inference(est, vcovHc0[j + j * k], dfResidual) };
  });
  return { coefficients, vcovCr1, vcovHc0, dfResidual, kCr1, cr1Factor: n - kCr1 > 0 ? cr1Factor : NaN };
}

/** Unit means of y and of each regressor over the complete rows; their correlations and the between OLS. */
function betweenAssociation(
  y: ArrayLike<number>,
  X: readonly ArrayLike<number>[],
  u: { codes: Int32Array; m: number },
  rows: readonly number[],
  names: readonly string[],
): PanelBetween {
  const count = new Float64Array(u.m);
  const my = new Float64Array(u.m);
  const mx = X.map(() => new Float64Array(u.m));
  rows.forEach((i, r) => {
    const g = u.codes[r];
    count[g]++;
    my[g] += y[i];
    X.forEach((col, j) => (mx[j][g] += col[i]));
  });
  for (let g = 0; g < u.m; g++) {
    my[g] /= count[g];
    for (const m of mx) m[g] /= count[g];
  }
  const r = mx.map((m) => (u.m >= MIN_UNITS_FOR_BETWEEN_R ? pearsonR(m, my) : NaN));
  const coefficients =
    u.m > X.length + 1
      ? ols(my, mx, { names }).coefficients
      : ["(Intercept)", ...names].map((name) => ({ name, estimate: NaN, se: NaN, t: NaN, p: NaN, aliased: true }));
  return { r, coefficients, nUnits: u.m };
}

/** Fewest units for a between-unit correlation (r of 2 points is ±1 by construction; `cor.test` needs 3). */
export const MIN_UNITS_FOR_BETWEEN_R = 3;
