/**
 * The outcome's and the context's weighted ranks, computed once per resample for every indicator
 * (lib/vitals/kernels.ts). Every indicator is ranked over its own complete rows (outcome, context and its
 * value), so the outcome's ranks differ from indicator to indicator only by the rows where that indicator is
 * missing. Over the *base* rows (outcome and context complete) the outcome and each context variable are
 * sorted once ({@link prepareBaseRanking}); per resample the drawn base rows are listed once in that order
 * with their tie groups ({@link rankBaseForResample}), and one indicator's ranks are then a walk of that short
 * list that skips its missing rows ({@link baseRanksFor}): O(drawn rows) instead of a scatter over every
 * row's tie group, a walk of all groups and a gather per indicator. An indicator with no drawn row missing
 * takes the ranks over all drawn base rows as they are.
 *
 * The ranks are the same numbers as the per-indicator ones: a tie group of total weight W after cumulative
 * weight c gets c + (W + 1)/2, and with whole-number weights every sum is exact in any order.
 */
import { InputError } from "../errors";

/**
 * The outcome and context variables sorted over the base rows, shared by every indicator's prepared set. A class,
 * not an object literal, for the reason lib/vitals/kernel-scratch.ts gives (one shape in every analysis).
 */
export class BaseRanking {
  constructor(
    /** The variables (outcome, then context), the very arrays every sharing prepared set has as variables 1…. */
    public variables: readonly ArrayLike<number>[],
    /** 1 for the base rows (every variable has a value). */
    public mask: Uint8Array,
    /** Per variable: the base rows sorted ascending by value (ties by row). */
    public orders: Uint32Array[],
    /** Per variable: start offsets of tie groups in `orders[v]`, with the number of base rows appended. */
    public groups: Uint32Array[],
    /** Per variable: the tie group of every base row (other rows: 0); increasing with the value. */
    public groupOf: Uint32Array[],
  ) {}
}

/**
 * Sort `variables` over the rows with `mask[i] = 1` and find their tie groups.
 * @example const base = prepareBaseRanking([better, idaci], baseMask); prepareCorrelation([x, better, idaci], mask, undefined, base);
 */
export function prepareBaseRanking(variables: readonly ArrayLike<number>[], mask: Uint8Array): BaseRanking {
  const n = mask.length;
  for (const v of variables) if (v.length !== n) throw new InputError("prepareBaseRanking", `every variable needs ${n} values`, v.length);
  const list: number[] = [];
  for (let i = 0; i < n; i++) if (mask[i] === 1) list.push(i);
  const orders: Uint32Array[] = [];
  const groups: Uint32Array[] = [];
  const groupOf: Uint32Array[] = [];
  for (const v of variables) {
    const tied = tieGroups(v, list, n);
    orders.push(tied.order);
    groups.push(tied.groups);
    groupOf.push(tied.groupOf);
  }
  return new BaseRanking(variables, Uint8Array.from(mask), orders, groups, groupOf);
}

/**
 * `rows` sorted ascending by `v` (ties by row), the start offsets of its tie groups (with `rows.length`
 * appended) and the group of every listed row in an array of `n` (other rows: 0). The values at `rows` must not
 * be NaN. Without a comparator: the distinct values are sorted natively, each row finds its group by binary
 * search, and the rows are placed group by group in ascending row order (a counting sort) — the order and groups
 * a sort by (value, row) gives (−0 and 0 are one value, as `===` has them).
 * @example tieGroups([3, 1, 3], [0, 1, 2], 3) // order [1, 0, 2], groups [0, 1, 3], groupOf [1, 0, 1]
 */
export function tieGroups(v: ArrayLike<number>, rows: readonly number[], n: number): { order: Uint32Array; groups: Uint32Array; groupOf: Uint32Array } {
  const m = rows.length;
  const ascending = ascendingRows(rows);
  // the distinct values, ascending
  const distinct = new Float64Array(m);
  for (let k = 0; k < m; k++) distinct[k] = v[ascending[k]];
  distinct.sort();
  let G = 0;
  for (let k = 0; k < m; k++) if (G === 0 || distinct[k] !== distinct[G - 1]) distinct[G++] = distinct[k];
  // every row's group, and where each group starts
  const groupOf = new Uint32Array(n);
  const starts = new Uint32Array(G + 1);
  for (let k = 0; k < m; k++) {
    const r = ascending[k];
    const g = firstNotBelow(distinct, G, v[r]);
    groupOf[r] = g;
    starts[g + 1]++;
  }
  for (let g = 0; g < G; g++) starts[g + 1] += starts[g];
  const order = new Uint32Array(m);
  const next = starts.slice(0, G);
  for (let k = 0; k < m; k++) {
    const r = ascending[k];
    order[next[groupOf[r]]++] = r;
  }
  return { order, groups: starts, groupOf };
}

/** `rows` as given when already ascending (as every caller lists them), else an ascending copy. */
function ascendingRows(rows: readonly number[]): ArrayLike<number> {
  for (let k = 1; k < rows.length; k++) if (rows[k] < rows[k - 1]) return Uint32Array.from(rows).sort();
  return rows;
}

/** Index of the first of the `count` ascending `values` that is ≥ x. */
function firstNotBelow(values: Float64Array, count: number, x: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * "No weights" for the scratch's weights fields (BaseResampleRanks.weightsFor, KernelScratch.activeFor): an array
 * never used as a resample's weights, instead of null, as they are only compared (===) with the weights (see
 * lib/vitals/kernel-scratch.ts NO_ROWS for why not null).
 */
export const NO_WEIGHTS: ArrayLike<number> = new Float64Array(0);

/**
 * Scratch of one resample's base ranks (part of the kernel's scratch); valid for `weightsFor` only. A class, not
 * an object literal, for the reason lib/vitals/kernel-scratch.ts gives (one shape in every analysis).
 * @example const state = new BaseResampleRanks(450, 2); // outcome and one context variable
 */
export class BaseResampleRanks {
  ranking: BaseRanking | null;
  /** The weights these ranks are for; NO_WEIGHTS after the weights changed (lib/vitals/kernels.ts newResample). */
  weightsFor: ArrayLike<number>;
  /** Base rows drawn at least once. */
  drawn: number;
  /** Per variable: the drawn base rows in value order, their tie groups and their weights (`drawn` of each). */
  sortedRows: Uint32Array[];
  sortedGroups: Uint32Array[];
  sortedWeights: Float64Array[];
  /** Per variable: the rank of every drawn base row among all drawn base rows (indexed by row). */
  fullRanks: Float64Array[];
  /** The ranks of one indicator's rows (indexed by row), written by {@link baseRanksFor}. */
  rowRank: Float64Array;

  /** Scratch for `variables` base variables over `nRows` rows. */
  constructor(nRows: number, variables: number) {
    const each = <T>(make: () => T) => Array.from({ length: variables }, make);
    this.ranking = null;
    this.weightsFor = NO_WEIGHTS;
    this.drawn = 0;
    this.sortedRows = each(() => new Uint32Array(nRows));
    this.sortedGroups = each(() => new Uint32Array(nRows));
    this.sortedWeights = each(() => new Float64Array(nRows));
    this.fullRanks = each(() => new Float64Array(nRows));
    this.rowRank = new Float64Array(nRows);
  }
}

/**
 * List the base rows drawn under weights `w` in each variable's value order, and rank them all; the state
 * then serves every indicator of this resample ({@link baseRanksFor}).
 * @example rankBaseForResample(state, base, counts); baseRanksFor(state, 0, mask, false);
 */
export function rankBaseForResample(state: BaseResampleRanks, ranking: BaseRanking, w: ArrayLike<number>): void {
  if (ranking.variables.length > state.sortedRows.length) throw new InputError("rankBaseForResample", `the scratch holds ${state.sortedRows.length} base variables`, ranking.variables.length);
  let drawn = 0;
  for (let v = 0; v < ranking.variables.length; v++) {
    const order = ranking.orders[v];
    const groupOf = ranking.groupOf[v];
    const rows = state.sortedRows[v];
    const groups = state.sortedGroups[v];
    const weights = state.sortedWeights[v];
    drawn = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const wi = w[i];
      if (wi > 0) {
        rows[drawn] = i;
        groups[drawn] = groupOf[i];
        weights[drawn] = wi;
        drawn++;
      }
    }
    walkRanks(rows, groups, weights, drawn, null, state.fullRanks[v]);
  }
  state.drawn = drawn;
  state.ranking = ranking;
  state.weightsFor = w;
}

/**
 * Variable `v`'s ranks among the drawn base rows with `mask[i] = 1` (indexed by row): the ranks over all drawn
 * base rows when `allDrawn` (no drawn base row is outside the mask), else a walk of the drawn list skipping the
 * rows outside the mask.
 * @example const ranks = baseRanksFor(state, 0, prep.mask, K === state.drawn); vals[q] = ranks[rows[q]];
 */
export function baseRanksFor(state: BaseResampleRanks, v: number, mask: Uint8Array, allDrawn: boolean): Float64Array {
  if (allDrawn) return state.fullRanks[v];
  walkRanks(state.sortedRows[v], state.sortedGroups[v], state.sortedWeights[v], state.drawn, mask, state.rowRank);
  return state.rowRank;
}

/**
 * Ranks of the `count` listed rows (in value order, with their tie groups and weights) into `out[row]`: a tie
 * group of total weight W (rows outside `mask` weigh 0) after cumulative weight c gets c + (W + 1)/2. Rows
 * outside the mask get a rank too, never read.
 */
function walkRanks(rows: Uint32Array, groups: Uint32Array, weights: Float64Array, count: number, mask: Uint8Array | null, out: Float64Array): void {
  let cum = 0;
  let k = 0;
  while (k < count) {
    const g = groups[k];
    let total = 0;
    let e = k;
    if (mask === null) {
      do total += weights[e++];
      while (e < count && groups[e] === g);
    } else {
      do {
        total += mask[rows[e]] * weights[e];
        e++;
      } while (e < count && groups[e] === g);
    }
    const rank = cum + (total + 1) / 2;
    for (; k < e; k++) out[rows[k]] = rank;
    cum += total;
  }
}
