/**
 * Correlation matrix of many columns with pairwise-complete observations (R:
 * `cor(X, use = "pairwise.complete.obs", method = "pearson" | "spearman")`), with the n and the
 * two-sided t-test p-value of every pair. Built for screens (60 indicators × 150 LAs, repeated in a
 * bootstrap): scratch buffers are allocated once per call, not per pair.
 */
import { InputError } from "../errors";
import { tTwoSidedP } from "./distributions";
import { pearsonR } from "./pearson";
import { averageRanks } from "./ranks";

/** A symmetric m×m result, row-major: element (i, j) at `i * m + j`. */
export interface CorrelationMatrix {
  /** Correlations; NaN (with n < 3 or a constant column within the pair) where undefined; 1 on the diagonal. */
  r: Float64Array;
  /** Pairwise-complete n per pair. */
  n: Int32Array;
  /** Two-sided p-value of t = r√((n − 2)/(1 − r²)) on n − 2 df (R `cor.test`, `exact = FALSE` for Spearman). */
  p: Float64Array;
  m: number;
  method: "pearson" | "spearman";
}

/**
 * Pairwise-complete correlation matrix.
 * @param columns m columns of equal length; NaN = missing
 * @example
 * const cm = correlationMatrix([caseload, turnover, agency], { method: "spearman" });
 * cm.r[0 * 3 + 1]; // caseload vs turnover
 */
export function correlationMatrix(
  columns: readonly ArrayLike<number>[],
  options: { method?: "pearson" | "spearman" } = {},
): CorrelationMatrix {
  const method = options.method ?? "pearson";
  if (method !== "pearson" && method !== "spearman") throw new InputError("correlationMatrix", 'method must be "pearson" or "spearman"', method);
  const m = columns.length;
  if (m === 0) throw new InputError("correlationMatrix", "needs at least one column");
  const len = columns[0].length;
  const complete = new Uint8Array(m);
  for (let c = 0; c < m; c++) {
    if (columns[c].length !== len) throw new InputError("correlationMatrix", `columns must have equal length (first has ${len})`, columns[c].length);
    let ok = 1;
    for (let i = 0; i < len; i++) {
      const v = columns[c][i];
      if (Number.isNaN(v)) ok = 0;
      else if (!Number.isFinite(v)) throw new InputError("correlationMatrix", `column ${c} row ${i} must be finite (NaN marks missing)`, v);
    }
    complete[c] = ok;
  }
  // Ranks of complete columns can be computed once; pairs with missing values re-rank their common rows.
  const ranked: (Float64Array | null)[] = columns.map((col, c) => (method === "spearman" && complete[c] ? averageRanks(col) : null));
  const r = new Float64Array(m * m);
  const n = new Int32Array(m * m);
  const p = new Float64Array(m * m);
  const bx = new Float64Array(len);
  const by = new Float64Array(len);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const xa = columns[a];
      const xb = columns[b];
      let k = 0;
      let rr: number;
      if (complete[a] && complete[b]) {
        k = len;
        rr = a === b ? 1 : method === "spearman" ? pearsonR(ranked[a] as Float64Array, ranked[b] as Float64Array) : pearsonR(xa, xb);
      } else {
        for (let i = 0; i < len; i++) {
          const u = xa[i];
          const v = xb[i];
          if (!Number.isNaN(u) && !Number.isNaN(v)) {
            bx[k] = u;
            by[k] = v;
            k++;
          }
        }
        const sx = bx.subarray(0, k);
        const sy = by.subarray(0, k);
        rr = k < 3 ? NaN : method === "spearman" ? pearsonR(averageRanks(sx), averageRanks(sy)) : pearsonR(sx, sy);
        if (a === b && k >= 3 && !Number.isNaN(rr)) rr = 1;
      }
      if (k < 3) rr = NaN;
      const df = k - 2;
      const t = Math.abs(rr) === 1 ? Infinity : rr * Math.sqrt(df / (1 - rr * rr));
      const pv = Number.isNaN(rr) ? NaN : a === b ? 0 : tTwoSidedP(t, df);
      r[a * m + b] = r[b * m + a] = rr;
      n[a * m + b] = n[b * m + a] = k;
      p[a * m + b] = p[b * m + a] = pv;
    }
  }
  return { r, n, p, m, method };
}
