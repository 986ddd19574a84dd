/**
 * The scratch space of the bootstrap kernel (lib/vitals/kernels.ts), a class rather than an object literal: V8
 * records the class of the typed arrays a literal's fields first hold, and when the literal runs a second time
 * (the second analysis in a process) it widens those field types and throws away the optimised kernel code
 * that relied on them, which then runs slowly and is compiled again. A class's instances keep one shape.
 */
import { BaseResampleRanks, NO_WEIGHTS } from "./kernel-base-ranks";

/**
 * "No rows" for {@link KernelScratch.activeRowsOf} and {@link KernelScratch.rankedFor}: an array never used as a
 * prepared set's rows, instead of null. Those fields are only compared (===) with a prepared set's rows; were one
 * null in a new scratch, the kernel optimised where they held arrays (the bench's warm-up) would be thrown away
 * ('not a JavaScript object') in the next analysis and compiled again.
 */
export const NO_ROWS: Uint32Array = new Uint32Array(0);

/** Scratch space for the kernel (lib/vitals/kernels.ts); make one per (rows, variables) size and reuse it (createKernelScratch). */
export class KernelScratch {
  /** Working values of the m variables at the K active rows, per variable: values[v * nRows + q] for active row q. */
  values: Float64Array;
  /** m × m cross-product matrix. */
  matrix: Float64Array;
  means: Float64Array;
  /** Deviations of one row (length m). */
  deviations: Float64Array;
  /** The diagonal of the cross-product matrix before sweeping (length m): each covariate's own spread. */
  spreadBefore: Float64Array;
  /** Active rows (in the mask with weight > 0) and their weights. */
  rows: Uint32Array;
  weights: Float64Array;
  nRows: number;
  m: number;
  /**
   * The rows drawn at least once in the current resample, ascending (`activeCount` of them), shared by every
   * prepared set; valid for the weights `activeFor` only (kernels.ts newResample with the weights sets them).
   */
  active: Uint32Array;
  activeCount: number;
  activeFor: ArrayLike<number>;
  /** Total weight of the active rows of the current kernel call. */
  totalWeight: number;
  /**
   * The complete rows (`rows` of a prepared set, shared by indicators with the same complete rows) whose active
   * rows `rows`, `weights` and `totalWeight` hold under the resample's weights `activeFor`, or NO_ROWS.
   */
  activeRowsOf: Uint32Array;
  /** The number of those active rows. */
  activeRowsCount: number;
  /**
   * Per tie group (one more than the groups): the total weight, then the weight before the group (its prefix
   * sum) while ranking; all zero between calls.
   */
  groupWeight: Float64Array;
  /**
   * The complete rows (`rows` of a PreparedCorrelation shared by indicators with the same complete rows)
   * for which `values` holds the y and context ranks under the current weights, or NO_ROWS. Reset it with
   * newResample whenever the weights change.
   */
  rankedFor: Uint32Array;
  /** The outcome's and context's ranks of the current resample over the base rows (lib/vitals/kernel-base-ranks.ts). */
  baseRanks: BaseResampleRanks;

  /** Scratch for up to `m` variables over `nRows` rows (checked by createKernelScratch). */
  constructor(nRows: number, m: number) {
    this.values = new Float64Array(nRows * m);
    this.matrix = new Float64Array(m * m);
    this.means = new Float64Array(m);
    this.deviations = new Float64Array(m);
    this.spreadBefore = new Float64Array(m);
    this.rows = new Uint32Array(nRows);
    this.weights = new Float64Array(nRows);
    this.nRows = nRows;
    this.m = m;
    this.rankedFor = NO_ROWS;
    this.active = new Uint32Array(nRows);
    this.activeCount = 0;
    this.activeFor = NO_WEIGHTS;
    this.totalWeight = 0;
    this.activeRowsOf = NO_ROWS;
    this.activeRowsCount = 0;
    this.groupWeight = new Float64Array(nRows + 1);
    this.baseRanks = new BaseResampleRanks(nRows, m - 1);
  }
}
