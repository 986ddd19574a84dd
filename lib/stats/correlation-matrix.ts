/**
 * Correlation matrix of many columns with pairwise-complete observations (R:
 * `cor(X, use = "pairwise.complete.obs", method = "pearson" | "spearman")`), with the n and the
 * two-sided t-test p-value of every pair. Built for screens (60 indicators × 150 LAs, repeated in a
 * bootstrap): scratch buffers are allocated once per call, not per pair.
 */
import { InputError } from "../errors";
import { tTwoSidedP } from "./distributions";
import { pearsonR } from "./pearson";

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
  // Spearman: each column's ascending order is computed once; a pair with missing values ranks its
  // common rows by walking that order and skipping rows missing in the partner (O(n) per pair, no sort).
  const order: Uint32Array[] = method === "spearman" ? columns.map((col) => ascendingOrder(col)) : [];
  const r = new Float64Array(m * m);
  const n = new Int32Array(m * m);
  const p = new Float64Array(m * m);
  const bx = new Float64Array(len);
  const by = new Float64Array(len);
  const rankA = new Float64Array(len);
  const rankB = new Float64Array(len);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const xa = columns[a];
      const xb = columns[b];
      let k = 0;
      let rr: number;
      if (method === "spearman") {
        rankWithin(order[a], xa, xb, rankA);
        rankWithin(order[b], xb, xa, rankB);
        for (let i = 0; i < len; i++) {
          if (!Number.isNaN(xa[i]) && !Number.isNaN(xb[i])) {
            bx[k] = rankA[i];
            by[k] = rankB[i];
            k++;
          }
        }
        rr = k < 3 ? NaN : pearsonR(bx.subarray(0, k), by.subarray(0, k));
      } else if (complete[a] && complete[b]) {
        k = len;
        rr = pearsonR(xa, xb);
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
        rr = k < 3 ? NaN : pearsonR(bx.subarray(0, k), by.subarray(0, k));
      }
      if (a === b && k >= 3 && !Number.isNaN(rr)) rr = 1;
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

/** Row indices of the non-missing values of `col`, in ascending order of value. */
function ascendingOrder(col: ArrayLike<number>): Uint32Array {
  const idx: number[] = [];
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) idx.push(i);
  idx.sort((u, v) => col[u] - col[v] || u - v);
  return Uint32Array.from(idx);
}

/**
 * Average ranks of `x` over the rows where `partner` is also present, written to `out[row]` (other rows
 * untouched), by walking `order` (x's ascending order) and skipping rows missing in the partner.
 */
function rankWithin(order: Uint32Array, x: ArrayLike<number>, partner: ArrayLike<number>, out: Float64Array): void {
  let pos = 0; // ranks assigned so far
  let i = 0;
  while (i < order.length) {
    // Collect the run of equal values (among rows present in the partner).
    const v = x[order[i]];
    let j = i;
    let count = 0;
    while (j < order.length && x[order[j]] === v) {
      if (!Number.isNaN(partner[order[j]])) count++;
      j++;
    }
    const avg = pos + (count + 1) / 2;
    for (let t = i; t < j; t++) if (!Number.isNaN(partner[order[t]])) out[order[t]] = avg;
    pos += count;
    i = j;
  }
}
