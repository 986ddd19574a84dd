/**
 * The cluster-robust sandwich B (Σ_g s_g s_gᵀ) B, s_g = Σ_{rows r of cluster g} x_r·u_r, shared by the two-way
 * fixed-effects panel (lib/stats/panel.ts, on its within-transformed design) and pooled least squares clustered by
 * unit (lib/stats/ols-cluster.ts). Unscaled (HC0): each caller applies its own small-sample factor.
 */
import { multiply } from "./panel-within";

/**
 * B (Σ_g s_g s_gᵀ) B for the coefficients whose design columns are `columns` (column-major `design` of `n` rows;
 * `columns[a]` is the column of coefficient a) and the bread `bread` (m × m, m = columns.length, column-major, in
 * the same order), with residuals `resid` and each row's cluster `unitCodes` (0 … G − 1).
 * @example
 * // one regressor, two clusters of two rows
 * clusterSandwich(Float64Array.of(1 / 30), Float64Array.of(1, 2, 3, 4), 4, [0], [0.5, -0.5, 1, -1], Int32Array.of(0, 0, 1, 1), 2)
 * // [ (1/30)² · ((1·0.5 + 2·−0.5)² + (3·1 + 4·−1)²) ]
 */
export function clusterSandwich(
  bread: Float64Array, design: ArrayLike<number>, n: number, columns: ArrayLike<number>, resid: ArrayLike<number>, unitCodes: Int32Array, G: number,
): Float64Array {
  const m = columns.length;
  const scores = new Float64Array(G * m);
  for (let a = 0; a < m; a++) {
    const off = columns[a] * n;
    for (let r = 0; r < n; r++) scores[unitCodes[r] * m + a] += design[off + r] * resid[r];
  }
  const meat = new Float64Array(m * m);
  for (let g = 0; g < G; g++) {
    for (let a = 0; a < m; a++) {
      const sa = scores[g * m + a];
      if (sa === 0) continue;
      for (let c = 0; c < m; c++) meat[a + c * m] += sa * scores[g * m + c];
    }
  }
  return multiply(multiply(bread, meat, m), bread, m);
}
