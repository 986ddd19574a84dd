/**
 * Least squares with standard errors robust to correlation within clusters (pooled LA-years clustered by LA):
 * R's `lmtest::coeftest(fit, vcov = sandwich::vcovCL(fit, cluster = ~g, type = "HC1"), df = G - 1)`, the
 * convention of Stata's `regress …, vce(cluster g)`.
 *
 * Years of one LA are not independent observations: a p-value that counts 554 LA-years from about 150 LAs as
 * 554 independent draws is too small (Cameron & Miller 2015, "A practitioner's guide to cluster-robust
 * inference", J. Human Resources 50(2)). The cluster-robust covariance sums the scores within each cluster first.
 */
import { InputError } from "../errors";
import { completeCases } from "./complete-cases";
import { tTwoSidedP } from "./distributions";
import { clusterSandwich } from "./cluster-sandwich";
import { invertSpd } from "./linear-algebra";
import { ols } from "./ols";
import { predictorNames } from "./predictor-names";

/** One coefficient with its cluster-robust (CR1) standard error, t and p (t on G − 1 df). */
export interface ClusterRobustCoefficient {
  name: string;
  estimate: number;
  se: number;
  t: number;
  p: number;
}

/** Result of {@link olsClusterRobust}. Statistics that cannot be computed are NaN and `reasons` says why. */
export interface ClusterRobustOls {
  coefficients: ClusterRobustCoefficient[];
  /** Complete rows used. */
  n: number;
  /** Clusters among the complete rows (G). */
  clusters: number;
  /** Degrees of freedom of the t tests: G − 1. */
  df: number;
  reasons: string[];
}

/** Fewest clusters for a cluster-robust test (with fewer the covariance has rank below the coefficients' count or is unusable). */
const MIN_CLUSTERS = 3;

/**
 * Fit y = b₀ + Σ bⱼ·Xⱼ + ε by least squares (as {@link ols}) and give each coefficient a cluster-robust
 * standard error: V = (XᵀX)⁻¹ (Σ_g X_gᵀ u_g u_gᵀ X_g) (XᵀX)⁻¹ · G/(G − 1) · (n − 1)/(n − K), K = coefficients,
 * t = b/√V_jj on G − 1 df. Rows with NaN in y or a predictor are dropped (listwise).
 * @param clusters one label per row (e.g. the LA's index); rows of a label form one cluster
 * @throws InputError on unequal lengths, infinite values, a cluster label that is not a finite number, or no complete rows
 * @example
 * const fit = olsClusterRobust(y, [idaci, caseload], laOfRow, ["idaci", "caseload"]);
 * fit.coefficients[2].p // p of caseload, clustered by LA
 */
export function olsClusterRobust(
  y: ArrayLike<number>,
  X: readonly ArrayLike<number>[],
  clusters: ArrayLike<number>,
  names: readonly string[] = predictorNames(X.length),
): ClusterRobustOls {
  const fn = "olsClusterRobust";
  if (clusters.length !== y.length) throw new InputError(fn, `clusters must have one label per row (${y.length})`, clusters.length);
  // a NaN label would otherwise become one cluster of every unlabelled row (a Map keys NaN as one value)
  for (let r = 0; r < clusters.length; r++) if (!Number.isFinite(clusters[r])) throw new InputError(fn, `clusters must be finite numbers (index ${r})`, clusters[r]);
  const fit = ols(y, X, { names, coefficientP: false, fTestP: false });
  const cc = completeCases(fn, [y, ...X]);
  const n = cc.n;
  const K = X.length + 1;
  const labels = new Map<number, number>();
  const clusterOf = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const g = clusters[cc.rows[k]];
    let code = labels.get(g);
    if (code === undefined) labels.set(g, (code = labels.size));
    clusterOf[k] = code;
  }
  const G = labels.size;
  const reasons: string[] = [];
  const nan = (why: string) => {
    reasons.push(why);
    return { coefficients: fit.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, se: NaN, t: NaN, p: NaN })), n, clusters: G, df: G - 1, reasons };
  };
  if (fit.rankDeficient) return nan(`rank-deficient design: ${fit.aliased.join(", ")} aliased (linear combination of earlier columns)`);
  if (G < MIN_CLUSTERS) return nan(`fewer than ${MIN_CLUSTERS} clusters (G = ${G}): no cluster-robust test`);
  if (n <= K) return nan(`no residual degrees of freedom (n = ${n}, coefficients = ${K})`);
  // the complete rows' design, column-major [1, X₁, …], their residuals, and XᵀX for the bread
  const design = new Float64Array(n * K);
  const resid = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = cc.rows[k];
    design[k] = 1;
    for (let j = 1; j < K; j++) design[j * n + k] = X[j - 1][r];
    resid[k] = fit.residuals[r];
  }
  const xtx = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += design[a * n + k] * design[b * n + k];
      xtx[a + b * K] = xtx[b + a * K] = sum;
    }
  }
  const bread = invertSpd(xtx, K);
  if (bread === null) return nan("XᵀX is not numerically positive definite");
  const sandwich = clusterSandwich(bread, design, n, Int32Array.from({ length: K }, (_, j) => j), resid, clusterOf, G);
  const factor = (G / (G - 1)) * ((n - 1) / (n - K));
  const coefficients = fit.coefficients.map((c, j) => {
    const se = Math.sqrt(sandwich[j + j * K] * factor);
    const t = c.estimate / se;
    return { name: c.name, estimate: c.estimate, se, t, p: tTwoSidedP(t, G - 1) };
  });
  return { coefficients, n, clusters: G, df: G - 1, reasons };
}
