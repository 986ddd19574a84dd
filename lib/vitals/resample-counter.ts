/**
 * Counting one resample of the selection (lib/vitals/resample.ts): every indicator's partial correlation on
 * the resample's weights (lib/vitals/kernels.ts), the test it must pass, and the tally of passes with the
 * full-sample sign. Shared by the one-thread loop and the worker threads (lib/vitals/resample-parallel.ts).
 */
import { InputError } from "../errors";
import { tQuantile } from "../stats/distributions";
import { createKernelScratch, newResample, preparedPartialCorrelation, type KernelCorrelation, type KernelScratch, type PreparedCorrelation, type PValueCutoff } from "./kernels";

/** How a resample is drawn: complementary pairs of half-samples of LAs (default) or an n-of-n bootstrap of LAs. */
export type Resampling = "complementary-pairs" | "bootstrap";

/** What the resampling produced. */
export interface ResampleCounts {
  frequencies: Float64Array;
  /** Resamples in which at least one indicator could be tested. */
  usable: number;
  /** Average number of indicators selected per usable resample (q of the error bounds). */
  meanSelected: number;
}

/** What one resample tests: the correlation method and the level a test must reach. */
export interface ResampleTest {
  method: "pearson" | "spearman";
  /** Per test for complementary pairs; the Benjamini–Hochberg level for the bootstrap. */
  level: number;
}

/**
 * The stacked frame of the used slots: every indicator prepared over its complete rows. A class, not an object
 * literal, for the reason lib/vitals/kernel-scratch.ts gives (one shape in every analysis).
 */
export class StackedFrame {
  constructor(
    /** LAs per slot. */
    public n: number,
    /** Stacked rows (n × used slots). */
    public rows: number,
    /** Variables per kernel call: x, y and the context variables. */
    public variables: number,
    public prepared: PreparedCorrelation[],
    /**
     * The indicators in the order the kernel evaluates them: those with the same complete rows next to each
     * other (first appearance order), so the outcome's and the context's ranks are computed once per group.
     */
    public evaluationOrder: Uint32Array,
  ) {}
}

/**
 * p-values above the level can never pass (BH: q ≥ p), so the kernel need not compute them exactly (it
 * reports 1); the critical t per degrees of freedom is computed once. With complementary pairs only p ≤ level
 * matters, so p clearly below it is not computed either (`decisionOnly`, lib/vitals/kernels.ts). A class, so that the
 * kernel's call of `tCritical` has one target in every analysis (a closure made per analysis is a new target
 * each time, and the optimised kernel that called the previous one is thrown away: lib/vitals/kernel-scratch.ts).
 */
class CachedCutoff implements PValueCutoff {
  private readonly critical = new Map<number, number>();
  constructor(
    readonly alpha: number,
    readonly decisionOnly: boolean,
  ) {}

  /** The two-sided critical t at `alpha` on `df` degrees of freedom. */
  tCritical(df: number): number {
    let c = this.critical.get(df);
    if (c === undefined) {
      c = tQuantile(1 - this.alpha / 2, df);
      this.critical.set(df, c);
    }
    return c;
  }
}

/** Counts so far: passes per indicator, usable resamples, and passes summed over indicators. */
export interface RawCounts {
  counts: Float64Array;
  usable: number;
  selectedTotal: number;
}

/**
 * Passes per indicator split by the sign of the resample's correlation, before the full-sample sign is known:
 * the resamples can be evaluated while the screen that gives that sign still runs ({@link signedCounts}).
 */
export interface SignSplitCounts {
  /** Passes with r > 0 and with r < 0, per indicator. */
  positive: Float64Array;
  negative: Float64Array;
  usable: number;
}

/**
 * The passes that count: those with the full-sample sign (`refSign`; none for an indicator whose sign is 0),
 * summed over indicators for q. Integer counts, so the sums are exact in any order.
 * @example signedCounts({ positive: Float64Array.of(3, 1), negative: Float64Array.of(0, 2), usable: 4 }, [1, -1]) // counts [3, 2], selectedTotal 5
 */
export function signedCounts(split: SignSplitCounts, refSign: readonly number[]): RawCounts {
  const J = split.positive.length;
  if (refSign.length !== J) throw new InputError("signedCounts", `needs one sign per indicator (${J})`, refSign.length);
  const counts = new Float64Array(J);
  let selectedTotal = 0;
  for (let j = 0; j < J; j++) {
    counts[j] = refSign[j] > 0 ? split.positive[j] : refSign[j] < 0 ? split.negative[j] : 0;
    selectedTotal += counts[j];
  }
  return { counts, usable: split.usable, selectedTotal };
}

/**
 * Tests every indicator on a resample's weights and counts the ones passing, by the sign of their resample
 * correlation ({@link SignSplitCounts}: the full-sample sign is applied at the end, {@link signedCounts}).
 * @example const counter = createResampleCounter(frame, test, "complementary-pairs"); counter.count(w); signedCounts(counter.split(), refSign);
 */
export function createResampleCounter(frame: StackedFrame, test: ResampleTest, resampling: Resampling): ResampleCounter {
  return new ResampleCounter(frame, test, resampling);
}

/**
 * {@link createResampleCounter}'s counter. A class, so that `count` has one call target in every analysis (a
 * closure made per analysis is a new target, and optimised code that called the previous one is thrown away).
 */
export class ResampleCounter {
  private readonly scratch: KernelScratch;
  private readonly cutoff: PValueCutoff;
  private readonly p: Float64Array;
  private readonly r: Float64Array;
  private readonly tested: Uint32Array;
  private readonly positive: Float64Array;
  private readonly negative: Float64Array;
  private usable = 0;
  // every field a double from the start (NaN, not 0): a field that starts as a small integer and later holds a
  // double changes the object's shape, so the next counter's `res` would have another one (kernel-scratch.ts)
  private readonly res: KernelCorrelation = { r: NaN, p: NaN, t: NaN, df: NaN, n: NaN };

  constructor(
    private readonly frame: StackedFrame,
    private readonly test: ResampleTest,
    private readonly resampling: Resampling,
  ) {
    const J = frame.prepared.length;
    this.scratch = createKernelScratch(frame.rows, frame.variables);
    this.cutoff = new CachedCutoff(test.level, resampling === "complementary-pairs");
    this.p = new Float64Array(J);
    this.r = new Float64Array(J);
    this.tested = new Uint32Array(J);
    this.positive = new Float64Array(J);
    this.negative = new Float64Array(J);
  }

  /** Test every indicator on the resample with weights `w` and count those passing. */
  count(w: Float64Array): void {
    const { frame, test, scratch, cutoff, res, p, r, tested, positive, negative } = this;
    const J = frame.prepared.length;
    newResample(scratch, w);
    for (let e = 0; e < J; e++) {
      const j = frame.evaluationOrder[e];
      preparedPartialCorrelation(frame.prepared[j], w, test.method, scratch, cutoff, res);
      p[j] = res.p;
      r[j] = res.r;
    }
    let mValid = 0;
    for (let j = 0; j < J; j++) if (!Number.isNaN(p[j])) tested[mValid++] = j;
    if (mValid === 0) return;
    this.usable++;
    const passing = this.resampling === "complementary-pairs" ? passEach(tested, mValid, p, test.level) : passBenjaminiHochberg(tested, mValid, p, test.level);
    for (let i = 0; i < passing.length; i++) {
      const j = passing[i];
      if (r[j] > 0) positive[j]++;
      else if (r[j] < 0) negative[j]++;
    }
  }

  /** The counts so far. */
  split(): SignSplitCounts {
    return { positive: this.positive, negative: this.negative, usable: this.usable };
  }
}

/** Complementary pairs: each test at its level; the threshold and the error bound control false selections. */
function passEach(tested: Uint32Array, mValid: number, p: Float64Array, level: number): Uint32Array {
  let np = 0;
  for (let i = 0; i < mValid; i++) if (p[tested[i]] <= level) tested[np++] = tested[i];
  return tested.subarray(0, np);
}

/** Benjamini–Hochberg step-up: the largest rank i with p(i) ≤ α·i/m; all with smaller p pass. */
function passBenjaminiHochberg(tested: Uint32Array, mValid: number, p: Float64Array, level: number): Uint32Array {
  const sorted = tested.subarray(0, mValid).sort((a, c) => p[a] - p[c]);
  let cut = -1;
  for (let i = mValid - 1; i >= 0; i--) {
    if (p[sorted[i]] <= (level * (i + 1)) / mValid) {
      cut = i;
      break;
    }
  }
  return sorted.subarray(0, cut + 1);
}

/** Frequencies = passes / usable resamples; q = passes per usable resample. */
export function frequenciesFrom(raw: RawCounts): ResampleCounts {
  const { counts, usable, selectedTotal } = raw;
  return {
    frequencies: Float64Array.from(counts, (c) => (usable > 0 ? c / usable : 0)),
    usable,
    meanSelected: usable > 0 ? selectedTotal / usable : 0,
  };
}
