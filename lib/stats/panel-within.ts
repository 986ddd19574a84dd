/**
 * The within transformation of lib/stats/panel.ts ({@link twoWayFixedEffects}): complete rows, the panel's
 * integrity checks, iterative removal of singleton units and periods, and the exact residual maker for unit
 * and time effects. Internal to lib/stats (pure numerics).
 */
import { InputError } from "../errors";
import { applyQ, applyQt, householderQr, invertSpd, type QrFactorisation } from "./linear-algebra";

/** Map labels to dense integer codes 0..m−1 in order of first appearance. */
export function encode(labels: ArrayLike<string | number>, rows: ArrayLike<number>): { codes: Int32Array; m: number } {
  const index = new Map<string | number, number>();
  const codes = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const key = labels[rows[k]];
    let c = index.get(key);
    if (c === undefined) {
      c = index.size;
      index.set(key, c);
    }
    codes[k] = c;
  }
  return { codes, m: index.size };
}

/** Residual of v after least-squares projection on the column space of a factorised matrix: Q·[0; (Qᵀv)₂]. */
function residualOn(f: QrFactorisation, v: Float64Array): Float64Array {
  const c = applyQt(f, Float64Array.from(v));
  c.fill(0, 0, f.rank);
  return applyQ(f, c);
}

export function sumSquares(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}

/**
 * Rows with y and every regressor present; ±Infinity is an error (NaN = missing).
 * @example completeRows([1, NaN, 3], [[1, 2, 3]], ["x"], "f") // [0, 2]
 */
export function completeRows(y: ArrayLike<number>, X: readonly ArrayLike<number>[], names: readonly string[], fn: string): number[] {
  const complete: number[] = [];
  for (let i = 0; i < y.length; i++) {
    let ok = !Number.isNaN(y[i]);
    if (!Number.isFinite(y[i]) && ok) throw new InputError(fn, `y row ${i} must be finite or NaN`, y[i]);
    for (let j = 0; j < X.length && ok; j++) {
      const v = X[j][i];
      if (Number.isNaN(v)) ok = false;
      else if (!Number.isFinite(v)) throw new InputError(fn, `${names[j]} row ${i} must be finite or NaN`, v);
    }
    if (ok) complete.push(i);
  }
  return complete;
}

/** Duplicated (unit, time) pairs make no panel: an InputError naming the first duplicate. */
export function checkUniquePairs(
  unit: ArrayLike<string | number>, time: ArrayLike<string | number>, complete: readonly number[],
  uAll: { codes: Int32Array; m: number }, tAll: { codes: Int32Array; m: number }, fn: string,
): void {
  const cell = new Uint8Array(uAll.m * tAll.m);
  for (let r = 0; r < complete.length; r++) {
    const c = uAll.codes[r] * tAll.m + tAll.codes[r];
    if (cell[c] === 1) {
      const i = complete[r];
      throw new InputError(fn, `each (unit, time) pair must appear once (row ${i}: unit ${String(unit[i])}, time ${String(time[i])})`, "a duplicate");
    }
    cell[c] = 1;
  }
}

/** Iteratively remove singleton units and singleton time periods; returns the rows kept (indices into the data). */
export function dropSingletons(complete: readonly number[], uAll: { codes: Int32Array; m: number }, tAll: { codes: Int32Array; m: number }): number[] {
  const keep = new Uint8Array(complete.length).fill(1);
  for (;;) {
    const cu = new Int32Array(uAll.m);
    const ct = new Int32Array(tAll.m);
    for (let r = 0; r < complete.length; r++) {
      if (keep[r] === 0) continue;
      cu[uAll.codes[r]]++;
      ct[tAll.codes[r]]++;
    }
    let dropped = 0;
    for (let r = 0; r < complete.length; r++) {
      if (keep[r] === 1 && (cu[uAll.codes[r]] < 2 || ct[tAll.codes[r]] < 2)) {
        keep[r] = 0;
        dropped++;
      }
    }
    if (dropped === 0) break;
  }
  return complete.filter((_, r) => keep[r] === 1);
}

/**
 * The two-way within transformation of a column over the kept rows: unit-demeaned, then residualised on the
 * unit-demeaned period dummies 2..T. Fast exact path: the normal equations WᵀW γ = Wᵀṽ, with WᵀW built from each
 * unit's set of periods, WᵀW = diag(n_t) − Σ_g 1_{S_g}1_{S_g}ᵀ/n_g and Wᵀṽ = per-period sums of ṽ; singular WᵀW
 * (units and periods not one connected panel) falls back to Householder QR of W, which finds the rank.
 */
export function withinTransformer(rows: readonly number[], unitCodes: Int32Array, timeCodes: Int32Array, G: number, T: number): { timeEffectsRank: number; within: (get: (i: number) => number) => Float64Array } {
  const n = rows.length;
  const uCount = new Float64Array(G);
  for (let r = 0; r < n; r++) uCount[unitCodes[r]]++;
  const unitDemean = (get: (i: number) => number): Float64Array => {
    const sums = new Float64Array(G);
    const v = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      v[r] = get(rows[r]);
      sums[unitCodes[r]] += v[r];
    }
    for (let r = 0; r < n; r++) v[r] -= sums[unitCodes[r]] / uCount[unitCodes[r]];
    return v;
  };
  const residualiseOnTime = timeEffectsProjector(unitCodes, timeCodes, uCount, G, T);
  return { timeEffectsRank: residualiseOnTime.rank, within: (get) => residualiseOnTime.residual(unitDemean(get)) };
}

/**
 * Residual maker for the time effects of unit-demeaned data (see {@link twoWayFixedEffects}): the exact
 * least-squares residual of a unit-demeaned vector on the unit-demeaned period dummies 2..T.
 */
export function timeEffectsProjector(
  unitCode: Int32Array,
  timeCode: Int32Array,
  uCount: Float64Array,
  G: number,
  T: number,
): { rank: number; residual: (v: Float64Array) => Float64Array } {
  const n = unitCode.length;
  const m = T - 1;
  // Periods observed by each unit (a unit has each period at most once).
  const start = new Int32Array(G + 1);
  for (let r = 0; r < n; r++) start[unitCode[r] + 1]++;
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const order = new Int32Array(n); // rows grouped by unit (counting sort)
  const fill = start.slice(0, G);
  for (let r = 0; r < n; r++) order[fill[unitCode[r]]++] = r;
  const A = new Float64Array(m * m);
  for (let r = 0; r < n; r++) if (timeCode[r] > 0) A[(timeCode[r] - 1) * (m + 1)] += 1;
  for (let g = 0; g < G; g++) {
    const w = 1 / uCount[g];
    for (let a = start[g]; a < start[g + 1]; a++) {
      const s = timeCode[order[a]] - 1;
      if (s < 0) continue;
      for (let b = start[g]; b < start[g + 1]; b++) {
        const t = timeCode[order[b]] - 1;
        if (t >= 0) A[s + t * m] -= w;
      }
    }
  }
  const inverse = m > 0 ? invertSpd(A, m) : new Float64Array(0);
  if (inverse !== null) {
    return {
      rank: m,
      residual(v: Float64Array): Float64Array {
        const b = new Float64Array(m);
        for (let r = 0; r < n; r++) if (timeCode[r] > 0) b[timeCode[r] - 1] += v[r];
        const gamma = new Float64Array(T); // gamma[0] = 0: the first period is the reference
        for (let s = 0; s < m; s++) {
          let acc = 0;
          for (let t = 0; t < m; t++) acc += inverse[s + t * m] * b[t];
          gamma[s + 1] = acc;
        }
        const unitMean = new Float64Array(G);
        for (let r = 0; r < n; r++) unitMean[unitCode[r]] += gamma[timeCode[r]] / uCount[unitCode[r]];
        const out = new Float64Array(n);
        for (let r = 0; r < n; r++) out[r] = v[r] - (gamma[timeCode[r]] - unitMean[unitCode[r]]);
        return out;
      },
    };
  }
  const W = new Float64Array(n * m);
  const share = new Float64Array(G * T); // share[g*T + t] = 1/n_g if unit g is observed at t
  for (let r = 0; r < n; r++) share[unitCode[r] * T + timeCode[r]] = 1 / uCount[unitCode[r]];
  for (let c = 0; c < m; c++) {
    const off = c * n;
    for (let r = 0; r < n; r++) W[off + r] = (timeCode[r] === c + 1 ? 1 : 0) - share[unitCode[r] * T + c + 1];
  }
  const fw = householderQr(W, n, m);
  return { rank: fw.rank, residual: (v) => residualOn(fw, v) };
}

/** C = A·B for m×m column-major matrices. */
export function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    for (let l = 0; l < m; l++) {
      const blj = b[l + j * m];
      if (blj === 0) continue;
      for (let i = 0; i < m; i++) c[i + j * m] += a[i + l * m] * blj;
    }
  }
  return c;
}

