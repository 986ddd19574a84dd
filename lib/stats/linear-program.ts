/**
 * A small dense linear-programme solver: minimise c·x subject to A x = b and x ≥ 0, by the two-phase simplex
 * method (Dantzig's rule, then Bland's rule, which cannot cycle). Meant for the interval attack on suppressed tables (tens of
 * variables, entries of A in {−1, 0, 1}); R's equivalent is `lpSolve::lp("min", c, A, "=", b)`.
 *
 * Numerics: plain doubles with a pivot tolerance of {@link LP_TOLERANCE}. For a totally unimodular A and
 * integer b (the line equations of a two-way table with its margins) every vertex is integer, so callers may
 * round the optimum to the nearest integer.
 */
import { InputError } from "../errors";
import { maxOf } from "./extreme";

/** Entries smaller than this in absolute value are treated as zero (pivots, reduced costs, feasibility). */
export const LP_TOLERANCE = 1e-9;

/** Outcome of {@link solveLinearProgram}: `optimal` with x and the objective, `infeasible`, or `unbounded`. */
export type LinearProgramResult =
  | { status: "optimal"; x: number[]; objective: number }
  | { status: "infeasible" }
  | { status: "unbounded" };

/**
 * Minimise c·x subject to A x = b, x ≥ 0.
 * @param A m × n constraint matrix (rows of length n)
 * @param b right-hand sides (length m)
 * @param c objective coefficients (length n); maximise by passing −c
 * @throws InputError on mismatched sizes or non-finite entries
 * @example
 * // min −x0 subject to x0 + x1 = 4: x0 = 4
 * solveLinearProgram([[1, 1]], [4], [-1, 0]) // { status: "optimal", x: [4, 0], objective: -4 }
 */
export function solveLinearProgram(A: readonly (readonly number[])[], b: readonly number[], c: readonly number[]): LinearProgramResult {
  const m = A.length;
  const n = c.length;
  if (b.length !== m) throw new InputError("solveLinearProgram", `b must have one entry per row of A (${m})`, b.length);
  A.forEach((row, i) => {
    if (row.length !== n) throw new InputError("solveLinearProgram", `row ${i} of A must have ${n} entries (one per entry of c)`, row.length);
  });
  for (const v of [...A.flat(), ...b, ...c]) if (!Number.isFinite(v)) throw new InputError("solveLinearProgram", "entries must be finite", v);

  // tableau: m constraint rows [A | I_artificial | b] (b ≥ 0 after sign flips); columns 0..n-1 real, n..n+m-1 artificial
  const width = n + m + 1;
  const T: number[][] = A.map((row, i) => {
    const sign = b[i] < 0 ? -1 : 1;
    const r = new Array<number>(width).fill(0);
    for (let j = 0; j < n; j++) r[j] = sign * row[j];
    r[n + i] = 1;
    r[width - 1] = sign * b[i];
    return r;
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);

  // phase 1: minimise the sum of artificials
  const phase1 = new Array<number>(n + m).fill(0);
  for (let i = 0; i < m; i++) phase1[n + i] = 1;
  if (simplex(T, basis, phase1, n + m) === "unbounded") return { status: "infeasible" }; // cannot happen: bounded below by 0
  const infeasibility = basis.reduce((s, k, i) => s + (k >= n ? T[i][width - 1] : 0), 0);
  if (infeasibility > LP_TOLERANCE * Math.max(1, maxOf(b.map(Math.abs)))) return { status: "infeasible" };
  // drive artificials out of the basis (degenerate rows: pivot on any real column, or drop a redundant row)
  for (let i = m - 1; i >= 0; i--) {
    if (basis[i] < n) continue;
    const j = T[i].findIndex((v, k) => k < n && Math.abs(v) > LP_TOLERANCE);
    if (j >= 0) pivot(T, basis, i, j);
    else {
      T.splice(i, 1);
      basis.splice(i, 1);
    }
  }
  for (const row of T) for (let k = n; k < n + m; k++) row[k] = 0; // artificials leave for good

  // phase 2
  const cost = [...c, ...new Array<number>(m).fill(0)];
  if (simplex(T, basis, cost, n) === "unbounded") return { status: "unbounded" };
  const x = new Array<number>(n).fill(0);
  basis.forEach((k, i) => {
    if (k < n) x[k] = T[i][width - 1];
  });
  return { status: "optimal", x, objective: x.reduce((s, v, j) => s + v * c[j], 0) };
}

/** Pivot on (row, col): the column enters the basis in that row. */
function pivot(T: number[][], basis: number[], row: number, col: number): void {
  const p = T[row][col];
  const r = T[row];
  for (let k = 0; k < r.length; k++) r[k] /= p;
  for (let i = 0; i < T.length; i++) {
    if (i === row) continue;
    const f = T[i][col];
    if (f === 0) continue;
    const t = T[i];
    for (let k = 0; k < t.length; k++) t[k] -= f * r[k];
  }
  basis[row] = col;
}

/**
 * Primal simplex over columns 0..columns-1; the tableau must hold a feasible basis. The reduced costs are kept
 * as an extra row updated by each pivot. Entering column: the most negative reduced cost (Dantzig), or, after
 * {@link DANTZIG_STEPS} pivots, the lowest index with a negative one (Bland's rule, which cannot cycle).
 */
function simplex(T: number[][], basis: number[], cost: readonly number[], columns: number): "optimal" | "unbounded" {
  const m = T.length;
  const width = m === 0 ? cost.length + 1 : T[0].length;
  const last = width - 1;
  // reduced-cost row: d_j = c_j − Σ_i c_basis(i) T[i][j]
  const d = new Array<number>(width).fill(0);
  for (let j = 0; j < cost.length; j++) d[j] = cost[j];
  for (let i = 0; i < m; i++) {
    const cb = cost[basis[i]];
    if (cb === 0) continue;
    for (let j = 0; j < width; j++) d[j] -= cb * T[i][j];
  }
  const inBasis = new Uint8Array(width);
  for (const k of basis) inBasis[k] = 1;
  for (let step = 0; ; step++) {
    let enter = -1;
    if (step < DANTZIG_STEPS) {
      let most = -LP_TOLERANCE;
      for (let j = 0; j < columns; j++) {
        if (!inBasis[j] && d[j] < most) {
          most = d[j];
          enter = j;
        }
      }
    } else {
      for (let j = 0; j < columns; j++) {
        if (!inBasis[j] && d[j] < -LP_TOLERANCE) {
          enter = j;
          break;
        }
      }
    }
    if (enter < 0) return "optimal";
    // leaving row: minimum ratio, ties to the lowest basis index
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < m; i++) {
      const a = T[i][enter];
      if (a <= LP_TOLERANCE) continue;
      const ratio = T[i][last] / a;
      if (ratio < best - LP_TOLERANCE || (Math.abs(ratio - best) <= LP_TOLERANCE && basis[i] < basis[leave])) {
        best = ratio;
        leave = i;
      }
    }
    if (leave < 0) return "unbounded";
    inBasis[basis[leave]] = 0;
    inBasis[enter] = 1;
    pivot(T, basis, leave, enter);
    const f = d[enter];
    const r = T[leave];
    for (let j = 0; j < width; j++) d[j] -= f * r[j];
  }
}

/** Pivots by the most negative reduced cost before switching to Bland's rule (guards against cycling). */
const DANTZIG_STEPS = 5000;
