/**
 * Allocation-free kernels for the bootstrap hot loop of {@link selectVitalSigns}: a (partial) correlation
 * of a bootstrap resample computed from the original rows and their resampling counts, without building
 * the resampled arrays.
 *
 * A bootstrap resample that draws row i `w[i]` times is the original sample with integer frequency weights,
 * so every statistic is a weighted sum over the original rows:
 * - means and the centred cross-product matrix C = Σ wᵢ(vᵢ − v̄)(vᵢ − v̄)ᵀ of the m = k + 2 variables
 *   (x, y, z₁…z_k);
 * - the partial covariance of (x, y) given Z by sweeping C on the covariates (Goodnight 1979's SWEEP:
 *   C_xy·Z = C_xy − C_xZ C_ZZ⁻¹ C_Zy), then r = C_xy·Z / √(C_xx·Z C_yy·Z);
 * - for Spearman, weighted average ranks: a group of tied values with total weight W after cumulative weight
 *   c gets rank c + (W + 1)/2 — exactly R's `rank(ties = "average")` of the expanded resample. The sort
 *   orders and tie groups are prepared once per variable set ({@link prepareCorrelation}); the outcome's and the
 *   context's are ranked once per resample for every indicator when the sets share a base ranking
 *   (lib/vitals/kernel-base-ranks.ts).
 * The result equals `partialCorrelation` (or `pearson`/`spearman` when k = 0) on the expanded resample;
 * tests/vitals/kernels.test.ts checks this.
 */
import { InputError } from "../errors";
import { tTwoSidedP } from "../stats/distributions";
import { CLEAR_PASS_MARGIN, type PValueCutoff } from "./kernel-p-cutoff";
import { baseRanksFor, NO_WEIGHTS, rankBaseForResample, tieGroups, type BaseRanking } from "./kernel-base-ranks";
import { KernelScratch, NO_ROWS } from "./kernel-scratch";

export { CLEAR_PASS_MARGIN, type PValueCutoff } from "./kernel-p-cutoff";
export type { KernelScratch } from "./kernel-scratch";

/** A pivot below this fraction of its original diagonal means the covariates are collinear (as QR_TOLERANCE). */
export const SWEEP_TOLERANCE = 1e-7;

/**
 * Tell the scratch that the weights changed (a new resample): ranks kept for shared variables are stale.
 * Given the new weights `w`, it also lists the rows drawn at least once (w[i] > 0) once for every indicator
 * of the resample, so each kernel call scans those instead of all its complete rows; the caller must call it
 * again before changing `w`.
 * @example newResample(scratch, counts); // before the first kernel call on new weights
 */
export function newResample(scratch: KernelScratch, w?: ArrayLike<number>): void {
  scratch.rankedFor = NO_ROWS;
  scratch.baseRanks.weightsFor = NO_WEIGHTS;
  scratch.activeFor = NO_WEIGHTS;
  scratch.activeCount = 0;
  scratch.activeRowsOf = NO_ROWS;
  if (w === undefined) return;
  if (w.length > scratch.nRows) throw new InputError("newResample", `scratch holds ${scratch.nRows} rows`, w.length);
  const active = scratch.active;
  let count = 0;
  for (let i = 0; i < w.length; i++) if (w[i] > 0) active[count++] = i;
  scratch.activeCount = count;
  scratch.activeFor = w;
}

/**
 * Scratch for up to `m` variables over `nRows` rows.
 * @example const scratch = createKernelScratch(150, 3); // x, y and one context variable
 */
export function createKernelScratch(nRows: number, m: number): KernelScratch {
  if (!Number.isInteger(nRows) || nRows < 1) throw new InputError("createKernelScratch", "nRows must be a positive integer", nRows);
  if (!Number.isInteger(m) || m < 2) throw new InputError("createKernelScratch", "m must be an integer >= 2", m);
  return new KernelScratch(nRows, m);
}

/** Result of {@link weightedPartialCorrelation}. */
export interface KernelCorrelation {
  r: number;
  /**
   * Two-sided t-test p-value on n − 2 − k df (NaN when r is). With `pAbove` given, a p-value that would
   * exceed it is not computed and reported as 1 (the hot loop only needs to know it is above α); with
   * `pAbove.decisionOnly`, one clearly below α is not computed either and reported as 0.
   */
  p: number;
  /** t statistic and its degrees of freedom. */
  t: number;
  df: number;
  /** Total weight (rows of the expanded resample) used. */
  n: number;
}

/**
 * What {@link preparedPartialCorrelation} needs about one set of variables over one set of complete rows,
 * computed once before the resamples: the complete rows, and per variable those rows sorted by value with
 * the boundaries of groups of tied values.
 */
export interface PreparedCorrelation {
  variables: readonly ArrayLike<number>[];
  /** Rows where every variable has a value, ascending (the very array of the set it shares with, if any). */
  rows: Uint32Array;
  /** 1 for those rows (the mask it was prepared with). */
  mask: Uint8Array;
  /** Per variable: `rows` sorted ascending by the variable's value (variables 1… with a `base`: the base rows). */
  orders: Uint32Array[];
  /** Per variable: start offsets of tie groups in `orders[v]`, with `rows.length` appended. */
  groups: Uint32Array[];
  /** Per variable: the tie group (index into `groups[v]`) of every complete row (other rows: 0). */
  groupOf: Uint32Array[];
  /**
   * True when variables 1… (y and the context) and their orders are shared with other prepared sets over the
   * same rows ({@link prepareCorrelation} `like`): their ranks in one resample are computed once for all.
   */
  sharesRest: boolean;
  /**
   * The outcome and context sorted over the base rows (a superset of `rows`), when variables 1… are ranked from
   * it once per resample for every indicator (lib/vitals/kernel-base-ranks.ts); else null.
   */
  base: BaseRanking | null;
}

/**
 * Prepare variables for repeated resampled (partial) correlations over the rows where `mask[i] = 1`. With
 * `like`, variables 1… are shared with that set over the same rows; with `base` (its variables are variables 1…,
 * the same arrays, and its rows include these), they are ranked from it (lib/vitals/kernel-base-ranks.ts).
 * @example
 * const prep = prepareCorrelation([x, y, idaci], mask); // once
 * preparedPartialCorrelation(prep, counts, "spearman", scratch); // per resample
 */
export function prepareCorrelation(variables: readonly ArrayLike<number>[], mask: Uint8Array, like?: PreparedCorrelation, base?: BaseRanking): PreparedCorrelation {
  const n = mask.length;
  for (const v of variables) if (v.length !== n) throw new InputError("prepareCorrelation", `every variable needs ${n} values`, v.length);
  const list: number[] = [];
  for (let i = 0; i < n; i++) if (mask[i] === 1) list.push(i);
  let rows = Uint32Array.from(list);
  if (like !== undefined) {
    checkShareable(variables, rows, like);
    if (base !== undefined && like.base !== base) throw new InputError("prepareCorrelation", "like must have the same base", "another");
    rows = like.rows;
  }
  const lender = like ?? (base !== undefined ? baseLender(variables, mask, base) : undefined);
  const orders: Uint32Array[] = [];
  const groups: Uint32Array[] = [];
  const groupOf: Uint32Array[] = [];
  variables.forEach((v, index) => {
    if (lender !== undefined && index > 0) {
      orders.push(lender.orders[index]);
      groups.push(lender.groups[index]);
      groupOf.push(lender.groupOf[index]);
      return;
    }
    const tied = tieGroups(v, list, n);
    orders.push(tied.order);
    groups.push(tied.groups);
    groupOf.push(tied.groupOf);
  });
  if (like !== undefined) like.sharesRest = true;
  return { variables, rows, mask: Uint8Array.from(mask), orders, groups, groupOf, sharesRest: like !== undefined, base: like?.base ?? base ?? null };
}

/** The base's orders as variables 1… (index 0 unused), after checking it may lend them (prepareCorrelation's `base`). */
function baseLender(variables: readonly ArrayLike<number>[], mask: Uint8Array, base: BaseRanking): Pick<PreparedCorrelation, "orders" | "groups" | "groupOf"> {
  const fn = "prepareCorrelation";
  if (base.variables.length !== variables.length - 1 || base.variables.some((v, index) => variables[index + 1] !== v)) {
    throw new InputError(fn, "base must rank variables 1… (the same arrays)", "different");
  }
  if (base.mask.length !== mask.length) throw new InputError(fn, "base must include every complete row", "a row outside");
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1 && base.mask[i] !== 1) throw new InputError(fn, "base must include every complete row", "a row outside");
  const empty = new Uint32Array(0);
  return { orders: [empty, ...base.orders], groups: [empty, ...base.groups], groupOf: [empty, ...base.groupOf] };
}

/** `like` may lend its variables 1… only when they are the very same arrays over the very same rows. */
function checkShareable(variables: readonly ArrayLike<number>[], rows: Uint32Array, like: PreparedCorrelation): void {
  let same = like.variables.length === variables.length && variables.every((v, index) => index === 0 || like.variables[index] === v) && like.rows.length === rows.length;
  for (let k = 0; same && k < rows.length; k++) same = like.rows[k] === rows[k];
  if (!same) throw new InputError("prepareCorrelation", "like must have the same variables 1… (same arrays) over the same rows", "different");
}

/**
 * (Partial) correlation of variables[0] and variables[1] given variables[2…] over the rows with
 * `mask[i] = 1`, each row counted `w[i]` times. Pearson on the values, or Spearman on weighted average
 * ranks. t = r√(df/(1 − r²)), df = n − 2 − k. NaN (with n) when df < 1, a variable is constant, or the
 * covariates are collinear. This is the reference form; the hot loop prepares once
 * ({@link prepareCorrelation}) and calls {@link preparedPartialCorrelation}.
 * @param mask 1 for rows where every variable has a value (the caller's complete cases)
 * @example
 * const s = createKernelScratch(150, 3);
 * weightedPartialCorrelation([x, y, idaci], counts, mask, "pearson", s) // { r, p, t, df, n }
 */
export function weightedPartialCorrelation(
  variables: readonly ArrayLike<number>[],
  w: ArrayLike<number>,
  mask: Uint8Array,
  method: "pearson" | "spearman",
  scratch: KernelScratch,
  pAbove?: PValueCutoff,
): KernelCorrelation {
  if (mask.length !== w.length) throw new InputError("weightedPartialCorrelation", `mask and weights must have equal length (${w.length})`, mask.length);
  return preparedPartialCorrelation(prepareCorrelation(variables, mask), w, method, scratch, pAbove);
}

/**
 * {@link weightedPartialCorrelation} on prepared variables: O(drawn rows·m + tie groups + m²) per call, no
 * allocation when given `out` (the result is written into it and returned). Ranks come from the prepared tie
 * groups (a group of total weight W after cumulative weight c gets c + (W + 1)/2), so their weighted mean is
 * exactly (n + 1)/2.
 * @example
 * const prep = prepareCorrelation([x, better, idaci], mask);
 * preparedPartialCorrelation(prep, counts, "spearman", createKernelScratch(150, 3)); // { r, p, t, df, n }
 */
export function preparedPartialCorrelation(
  prep: PreparedCorrelation,
  w: ArrayLike<number>,
  method: "pearson" | "spearman",
  scratch: KernelScratch,
  pAbove?: PValueCutoff,
  out?: KernelCorrelation,
): KernelCorrelation {
  const m = prep.variables.length;
  const nRows = w.length;
  if (m < 2 || m > scratch.m) throw new InputError("preparedPartialCorrelation", `needs 2..${scratch.m} variables`, m);
  if (nRows > scratch.nRows) throw new InputError("preparedPartialCorrelation", `scratch holds ${scratch.nRows} rows`, nRows);
  if (method !== "pearson" && method !== "spearman") throw new InputError("preparedPartialCorrelation", 'method must be "pearson" or "spearman"', method);
  const K = activeRows(prep, w, scratch);
  const n = scratch.totalWeight;
  const k = m - 2;
  const df = n - 2 - k;
  if (df < 1) return result(out, NaN, NaN, NaN, df, n);
  if (method === "spearman") weightedRanks(prep, w, nRows, K, n, scratch);
  else if (!centredValues(prep, nRows, K, n, scratch)) return result(out, NaN, NaN, NaN, df, n);
  crossProducts(m, nRows, K, scratch);
  const C = scratch.matrix;
  const sxxBefore = C[0];
  const syyBefore = C[m + 1];
  if (!sweepCovariates(m, scratch)) return result(out, NaN, NaN, NaN, df, n);
  const sxx = C[0];
  const syy = C[m + 1];
  // x or y fully explained by the covariates: what is left is rounding noise (as partialCorrelation)
  if (!(sxx > SWEEP_TOLERANCE * sxxBefore) || !(syy > SWEEP_TOLERANCE * syyBefore)) return result(out, NaN, NaN, NaN, df, n);
  let r = C[1] / Math.sqrt(sxx * syy);
  r = Math.max(-1, Math.min(1, r));
  const t = Math.abs(r) === 1 ? Math.sign(r) * Infinity : r * Math.sqrt(df / (1 - r * r));
  if (pAbove) {
    const critical = pAbove.tCritical(df);
    if (Math.abs(t) < critical) return result(out, r, 1, t, df, n);
    if (pAbove.decisionOnly === true && Math.abs(t) > critical * (1 + CLEAR_PASS_MARGIN)) return result(out, r, 0, t, df, n);
  }
  return result(out, r, tTwoSidedP(t, df), t, df, n);
}

/** The kernel's answer, written into `out` when the caller keeps one for the hot loop (no allocation), else new. */
function result(out: KernelCorrelation | undefined, r: number, p: number, t: number, df: number, n: number): KernelCorrelation {
  if (out === undefined) return { r, p, t, df, n };
  out.r = r;
  out.p = p;
  out.t = t;
  out.df = df;
  out.n = n;
  return out;
}

/**
 * The active rows (in the prepared complete rows and drawn at least once) into the scratch, ascending; returns
 * their number K, total weight into `scratch.totalWeight`. Scans the resample's drawn rows when
 * {@link newResample} listed them for these weights, else every complete row.
 */
function activeRows(prep: PreparedCorrelation, w: ArrayLike<number>, scratch: KernelScratch): number {
  const rows = scratch.rows;
  const wts = scratch.weights;
  let K = 0;
  let n = 0;
  if (scratch.activeFor === w) {
    // the previous indicator had the same complete rows: the same active rows (K kept in activeRowsCount)
    if (scratch.activeRowsOf === prep.rows) return scratch.activeRowsCount;
    const { active, activeCount } = scratch;
    const mask = prep.mask;
    for (let a = 0; a < activeCount; a++) {
      const i = active[a];
      if (mask[i] === 1) {
        const wi = w[i];
        rows[K] = i;
        wts[K] = wi;
        K++;
        n += wi;
      }
    }
    scratch.totalWeight = n;
    scratch.activeRowsOf = prep.rows;
    scratch.activeRowsCount = K;
    return K;
  }
  scratch.activeRowsOf = NO_ROWS;
  const all = prep.rows;
  for (let q = 0; q < all.length; q++) {
    const i = all[q];
    const wi = w[i];
    if (wi > 0) {
      rows[K] = i;
      wts[K] = wi;
      K++;
      n += wi;
    }
  }
  scratch.totalWeight = n;
  return K;
}

/**
 * Weighted average ranks of every variable at the K active rows into `scratch.values` (a tie group of total
 * weight W after cumulative weight c gets c + (W + 1)/2), mean (n + 1)/2: the active rows' weights are summed
 * per prepared tie group, the groups walked in order once, and each row given its group's rank — O(K + groups),
 * not a sort. Variables 1… shared with the previous call on the same weights (`scratch.rankedFor`) are already
 * ranked and skipped; with a base ranking and the resample's weights they come from the ranks of the resample
 * shared by every indicator ({@link ranksFromBase}).
 */
function weightedRanks(prep: PreparedCorrelation, w: ArrayLike<number>, nRows: number, K: number, n: number, scratch: KernelScratch): void {
  const m = prep.variables.length;
  const { values: vals, rows, weights: wts, groupWeight } = scratch;
  // y and the context ranked once per resample for every indicator sharing them (same rows, same weights)
  const ranked = prep.sharesRest && scratch.rankedFor === prep.rows;
  const fromBase = !ranked && prep.base !== null && scratch.activeFor === w;
  for (let v = 0; v < (ranked || fromBase ? 1 : m); v++) {
    const groupOf = prep.groupOf[v];
    const G = prep.groups[v].length - 1;
    const off = v * nRows;
    for (let q = 0; q < K; q++) groupWeight[groupOf[rows[q]]] += wts[q];
    // the weights are whole numbers (bootstrap counts), so these sums are exact in any order; the walk turns
    // each group's weight into the weight before it (a group no drawn row is in adds 0; no branch, which would
    // be unpredictable), and group g of weight W = before[g + 1] − before[g] gets before[g] + (W + 1)/2
    let cum = 0;
    for (let g = 0; g < G; g++) {
      const ws = groupWeight[g];
      groupWeight[g] = cum;
      cum += ws;
    }
    groupWeight[G] = cum;
    for (let q = 0; q < K; q++) {
      const g = groupOf[rows[q]];
      const before = groupWeight[g];
      vals[off + q] = before + (groupWeight[g + 1] - before + 1) / 2;
    }
    groupWeight.fill(0, 0, G + 1);
  }
  if (fromBase) ranksFromBase(prep, prep.base as BaseRanking, w, nRows, K, scratch);
  for (let v = 0; v < m; v++) scratch.means[v] = (n + 1) / 2;
  scratch.rankedFor = prep.sharesRest ? prep.rows : NO_ROWS;
}

/**
 * Variables 1… ranked at the K active rows from the base ranks of the resample (computed by the first
 * indicator that needs them, lib/vitals/kernel-base-ranks.ts): the ranks of all drawn base rows when none of
 * them is missing here (K equals the drawn base rows, the active rows being a subset), else a walk skipping
 * the missing ones.
 */
function ranksFromBase(prep: PreparedCorrelation, base: BaseRanking, w: ArrayLike<number>, nRows: number, K: number, scratch: KernelScratch): void {
  const state = scratch.baseRanks;
  if (state.weightsFor !== w || state.ranking !== base) rankBaseForResample(state, base, w);
  const { values: vals, rows } = scratch;
  const allDrawn = K === state.drawn;
  for (let v = 1; v < prep.variables.length; v++) {
    const ranks = baseRanksFor(state, v - 1, prep.mask, allDrawn);
    const off = v * nRows;
    for (let q = 0; q < K; q++) vals[off + q] = ranks[rows[q]];
  }
}

/** The values of the active rows into `scratch.values` with their weighted means; false when x or y is constant. */
function centredValues(prep: PreparedCorrelation, nRows: number, K: number, n: number, scratch: KernelScratch): boolean {
  scratch.rankedFor = NO_ROWS;
  const { values: vals, rows, weights: wts, means: mean } = scratch;
  for (let v = 0; v < prep.variables.length; v++) {
    const col = prep.variables[v];
    const off = v * nRows;
    let sum = 0;
    let varies = false;
    const first = col[rows[0]];
    for (let q = 0; q < K; q++) {
      const x = col[rows[q]];
      vals[off + q] = x;
      sum += wts[q] * x;
      if (x !== first) varies = true;
    }
    // a constant x or y: its centred values are rounding noise (sum/n need not equal the value), so r is undefined
    if (v < 2 && !varies) return false;
    mean[v] = sum / n;
  }
  return true;
}

/** The weighted centred cross-product matrix C = Σ wᵢ(vᵢ − v̄)(vᵢ − v̄)ᵀ of the m variables into `scratch.matrix`. */
function crossProducts(m: number, nRows: number, K: number, scratch: KernelScratch): void {
  if (m === 3) return crossProducts3(nRows, K, scratch);
  const { values: vals, matrix: C, means: mean, deviations: dev, weights: wts } = scratch;
  C.fill(0, 0, m * m);
  for (let q = 0; q < K; q++) {
    const wq = wts[q];
    for (let v = 0; v < m; v++) dev[v] = vals[v * nRows + q] - mean[v];
    for (let a = 0; a < m; a++) {
      const da = wq * dev[a];
      for (let b = a; b < m; b++) C[a * m + b] += da * dev[b];
    }
  }
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) C[b * m + a] = C[a * m + b];
}

/**
 * {@link crossProducts} for x, y and one context variable (the default analysis) in scalars: the same
 * products summed in the same order, so the same bits.
 */
function crossProducts3(nRows: number, K: number, scratch: KernelScratch): void {
  const { values: vals, matrix: C, means: mean, weights: wts } = scratch;
  const m0 = mean[0];
  const m1 = mean[1];
  const m2 = mean[2];
  let c00 = 0, c01 = 0, c02 = 0, c11 = 0, c12 = 0, c22 = 0;
  for (let q = 0; q < K; q++) {
    const wq = wts[q];
    const d0 = vals[q] - m0;
    const d1 = vals[nRows + q] - m1;
    const d2 = vals[2 * nRows + q] - m2;
    const a0 = wq * d0;
    c00 += a0 * d0;
    c01 += a0 * d1;
    c02 += a0 * d2;
    const a1 = wq * d1;
    c11 += a1 * d1;
    c12 += a1 * d2;
    c22 += wq * d2 * d2;
  }
  C[0] = c00;
  C[1] = C[3] = c01;
  C[2] = C[6] = c02;
  C[4] = c11;
  C[5] = C[7] = c12;
  C[8] = c22;
}

/**
 * SWEEP `scratch.matrix` on the covariates 2..m−1: afterwards C[0..1][0..1] is the partial cross-product
 * matrix. False when a pivot lost (almost) all of the covariate's own spread: collinear covariates.
 */
function sweepCovariates(m: number, scratch: KernelScratch): boolean {
  const { matrix: C, spreadBefore: before } = scratch;
  // each covariate's spread before sweeping, Σ w (v − mean)²: the diagonal as crossProducts summed it
  for (let c = 2; c < m; c++) before[c] = C[c * m + c];
  for (let c = 2; c < m; c++) {
    const d = C[c * m + c];
    if (!(d > 0) || d <= SWEEP_TOLERANCE * before[c]) return false;
    for (let a = 0; a < m; a++) {
      if (a === c) continue;
      const f = C[a * m + c] / d;
      if (f === 0) continue;
      for (let b = 0; b < m; b++) if (b !== c) C[a * m + b] -= f * C[c * m + b];
    }
    for (let a = 0; a < m; a++) {
      C[a * m + c] = 0;
      C[c * m + a] = 0;
    }
    C[c * m + c] = 1; // swept
  }
  return true;
}
