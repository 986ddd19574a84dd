/**
 * The hot loop of the selection (lib/vitals/selection.ts): the selection frequency of every indicator over B
 * resamples of LAs (lib/vitals/resampling-design.ts). The used slots are stacked into one long frame of n·S
 * rows (row s·n + i = LA i in used slot s); a resample is a weight per stacked row: 1 (or the bootstrap count)
 * for the one observation each drawn LA brings. In each resample every indicator's partial correlation with
 * the better outcome given context is computed by the allocation-free kernel (lib/vitals/kernels.ts).
 */
import * as os from "node:os";
import { InputError } from "../errors";
import type { ProgressCallback } from "../progress";
import { createFastRng, type Rng } from "../stats/random";
import { prepareCorrelation, type PreparedCorrelation } from "./kernels";
import { prepareBaseRanking, type BaseRanking } from "./kernel-base-ranks";
import { createResampleCounter, frequenciesFrom, type ResampleCounter, signedCounts, type ResampleCounts, type ResampleTest, type Resampling, type SignSplitCounts, StackedFrame } from "./resample-counter";
import { beginParallelResampling, RESAMPLE_CHUNK, DrawnResamples } from "./resample-parallel";
import type { ResamplingDesign } from "./resampling-design";
import type { SelectionInput } from "./selection-input";

export type { ResampleCounts, ResampleTest, Resampling } from "./resample-counter";

/**
 * Kernel calls (indicators × resamples) from which worker threads pay for their start-up (≈ 0.1–0.3 s each):
 * the default official analysis (180 × 1,000) uses them, the unit tests' small selections do not.
 */
export const MIN_KERNEL_CALLS_FOR_WORKERS = 50_000;
/** Most drawn observations held at once for the threads (4 bytes each: 64 MB); beyond, one thread. */
export const MAX_DRAWN_FOR_WORKERS = 16_000_000;

/**
 * Worker threads used by default: one fewer than the cores (the calling thread works too), none for a small
 * selection (below {@link MIN_KERNEL_CALLS_FOR_WORKERS}).
 * @example defaultResampleWorkers(180, 1000) // 1 on a 2-core machine
 */
export function defaultResampleWorkers(indicators: number, resamples: number): number {
  if (indicators * resamples < MIN_KERNEL_CALLS_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(os.availableParallelism() - 1, MAX_DEFAULT_WORKERS));
}
/** At most this many worker threads by default (the kernel is memory-light; more cores barely help at B = 1,000). */
const MAX_DEFAULT_WORKERS = 7;

/** What the resampling needs of a selection's input: no screen (the full-sample signs come at the end). */
export type ResamplingInput = Pick<SelectionInput, "indicators" | "slots" | "contextNames">;

/**
 * A resampling begun by {@link beginResampling}: with workers, they evaluate resamples already; `finish` does
 * the rest on the calling thread and counts the passes with the full-sample sign of each indicator.
 */
export interface PendingResampling {
  /** Selection frequencies with `refSign[j]` the sign of indicator j's full-sample partial correlation; progress after each resample. */
  finish(refSign: readonly number[], onProgress: ProgressCallback | undefined): ResampleCounts;
  /** End the workers of a resampling that will not be finished (the caller failed in between). */
  abandon(): void;
}

/**
 * Begin the selection frequencies over B resamples (module comment). With `workers` > 0 the resamples are drawn
 * here, in order, from the one seeded stream and handed to the workers, which evaluate them while the caller
 * does other work (the screen) until it joins them in `finish` (lib/vitals/resample-parallel.ts): identical
 * frequencies for any number of workers. Passes are counted by the sign of the resample's correlation and the
 * full-sample sign applied in `finish`, the same counts as testing the sign in every resample.
 * @example beginResampling(input, plan, 1000, 42, { method: "spearman", level: 0.1 }, "complementary-pairs", 1).finish(refSign, undefined).frequencies
 */
export function beginResampling(
  input: ResamplingInput,
  design: ResamplingDesign,
  B: number,
  seed: number,
  test: ResampleTest,
  resampling: Resampling,
  workers = 0,
): PendingResampling {
  const frame = stackUsedSlots(input, design);
  const drawnSize = B * design.units.length;
  if (workers > 0 && drawnSize <= MAX_DRAWN_FOR_WORKERS) {
    const drawn = allocateDraws(B, design.units.length);
    const run = beginParallelResampling(frame, test, resampling, drawn, workers);
    try {
      // the workers evaluate each chunk as soon as it is drawn
      drawResamples(design, frame.n, B, createFastRng(seed), resampling, drawn, (count) => run.drawnUpTo(count));
    } catch (error) {
      run.abandon();
      throw error;
    }
    return {
      finish: (refSign, onProgress) => frequenciesFrom(signedCounts(run.finish(onProgress), refSign)),
      abandon: () => run.abandon(),
    };
  }
  return {
    finish: (refSign, onProgress) => frequenciesFrom(signedCounts(resampleOnThisThread(frame, design, B, seed, test, resampling, onProgress), refSign)),
    abandon: () => undefined,
  };
}

/** Every resample drawn and evaluated in turn on the calling thread, progress after each. */
function resampleOnThisThread(
  frame: StackedFrame,
  design: ResamplingDesign,
  B: number,
  seed: number,
  test: ResampleTest,
  resampling: Resampling,
  onProgress: ProgressCallback | undefined,
): SignSplitCounts {
  const counter = createResampleCounter(frame, test, resampling);
  const rng = createFastRng(seed);
  const w = new Float64Array(frame.rows);
  onProgress?.(0, B);
  if (resampling === "complementary-pairs") {
    drawComplementaryPairs(design, frame.n, B, rng, w, counter, onProgress);
  } else {
    for (let b = 0; b < B; b++) {
      w.fill(0);
      for (let i = 0; i < design.units.length; i++) bringObservation(design, frame.n, rng, w, rng.nextInt(design.units.length));
      counter.count(w);
      onProgress?.(b + 1, B);
    }
  }
  return counter.split();
}

/** Shared memory for B resamples of U observations each ({@link drawResamples}), read by the worker threads without a copy. */
function allocateDraws(B: number, U: number): DrawnResamples {
  return new DrawnResamples(
    new Int32Array(new SharedArrayBuffer(Math.max(1, B * U) * Int32Array.BYTES_PER_ELEMENT)),
    new Int32Array(new SharedArrayBuffer((B + 1) * Int32Array.BYTES_PER_ELEMENT)),
  );
}

/**
 * Every resample's observations drawn into `drawn`, in exactly the order the one-thread loop draws them (same
 * random numbers): resample b brings stacked rows `rows[offsets[b] … offsets[b + 1])`. `published(count)` is
 * told after every {@link RESAMPLE_CHUNK} resamples and at the end that the first `count` are drawn. The drawing
 * itself runs chunk by chunk in {@link ResampleDrawer}, which calls no function made per analysis (the callback
 * here is one): a new call target in an optimised loop throws the loop's code away (lib/vitals/kernel-scratch.ts).
 */
function drawResamples(design: ResamplingDesign, n: number, B: number, rng: Rng, resampling: Resampling, drawn: DrawnResamples, published: (count: number) => void): void {
  const drawer = new ResampleDrawer(design, n, rng, resampling, drawn);
  // chunks end at multiples of RESAMPLE_CHUNK (even, so a complementary pair is never split) and at B
  for (let b = 0; b < B; ) {
    const end = Math.min(B, b - (b % RESAMPLE_CHUNK) + RESAMPLE_CHUNK);
    drawer.draw(b, end);
    published(end);
    b = end;
  }
}

/** Draws resamples into shared memory chunk by chunk ({@link drawResamples}), keeping its place between chunks. */
class ResampleDrawer {
  /** Next free slot of `drawn.rows`. */
  private t = 0;
  /** The LAs in the partial Fisher–Yates order the complementary pairs keep from pair to pair. */
  private readonly order: Uint32Array;

  constructor(
    private readonly design: ResamplingDesign,
    private readonly n: number,
    private readonly rng: Rng,
    private readonly resampling: Resampling,
    private readonly drawn: DrawnResamples,
  ) {
    this.order = Uint32Array.from({ length: design.units.length }, (_, u) => u);
  }

  /** Resamples `from` … `to` − 1 (for pairs, `from` and `to` even): offsets[b + 1] is written with resample b. */
  draw(from: number, to: number): void {
    const { design, n, rng, order } = this;
    const { rows, offsets } = this.drawn;
    const U = design.units.length;
    let t = this.t;
    if (this.resampling === "complementary-pairs") {
      const half = Math.floor(U / 2);
      for (let b = from; b < to; b += 2) {
        for (let i = 0; i < half; i++) {
          const pick = i + rng.nextInt(U - i);
          const tmp = order[i];
          order[i] = order[pick];
          order[pick] = tmp;
        }
        offsets[b] = t;
        for (let i = 0; i < half; i++) rows[t++] = observationRow(design, n, rng, order[i]);
        offsets[b + 1] = t;
        for (let i = half; i < U; i++) rows[t++] = observationRow(design, n, rng, order[i]);
        offsets[b + 2] = t;
      }
    } else {
      for (let b = from; b < to; b++) {
        offsets[b] = t;
        for (let i = 0; i < U; i++) rows[t++] = observationRow(design, n, rng, rng.nextInt(U));
        offsets[b + 1] = t;
      }
    }
    this.t = t;
  }
}

/** The stacked row of the observation unit u brings: one of its own used slots, drawn uniformly. */
function observationRow(design: ResamplingDesign, n: number, rng: Rng, u: number): number {
  const own = design.unitSlots[u];
  const s = own.length > 1 ? own[rng.nextInt(own.length)] : own[0];
  return s * n + design.units[u];
}

/** Weight 1 (bootstrap: +1) on the observation unit u brings: one of its own used slots, drawn uniformly. */
function bringObservation(design: ResamplingDesign, n: number, rng: Rng, w: Float64Array, u: number): void {
  w[observationRow(design, n, rng, u)]++;
}

/** B/2 pairs: a uniformly random half of the LAs (partial Fisher–Yates) and its complement, each counted. */
function drawComplementaryPairs(
  design: ResamplingDesign,
  n: number,
  B: number,
  rng: Rng,
  w: Float64Array,
  counter: ResampleCounter,
  onProgress: ProgressCallback | undefined,
): void {
  const U = design.units.length;
  const order = Uint32Array.from({ length: U }, (_, u) => u);
  const half = Math.floor(U / 2);
  for (let b = 0; b < B; b += 2) {
    for (let i = 0; i < half; i++) {
      const pick = i + rng.nextInt(U - i);
      const t = order[i];
      order[i] = order[pick];
      order[pick] = t;
    }
    w.fill(0);
    for (let i = 0; i < half; i++) bringObservation(design, n, rng, w, order[i]);
    counter.count(w);
    onProgress?.(b + 1, B);
    w.fill(0);
    for (let i = half; i < U; i++) bringObservation(design, n, rng, w, order[i]);
    counter.count(w);
    onProgress?.(b + 2, B);
  }
}

/** Indicators by their complete rows (the mask's bytes as a key): the first one's prepared set, and all of them. */
type IndicatorsByRows = Map<string, { first: PreparedCorrelation; members: number[] }>;

/**
 * Indicator j's [x, y, z…] stacked over the used slots and prepared over its complete rows (`rest` = [y, z…] and
 * their `base` rows), sharing the ranks of y and z with the first indicator of the same complete rows. Module
 * functions, not closures made per call of stackUsedSlots: V8 compiles a closure's code for the first closure
 * made and again for the second (the second analysis in a process).
 */
function prepareStackedIndicator(
  indicators: ResamplingInput["indicators"],
  slots: ResamplingInput["slots"],
  used: readonly number[],
  n: number,
  j: number,
  rest: readonly Float64Array[],
  base: Uint8Array,
  baseRanking: BaseRanking,
  byRows: IndicatorsByRows,
): PreparedCorrelation {
  const ind = indicators[j];
  const x = stackSlots(slots, used, n, (slot) => {
    if (slot.values[j].length !== n) throw new InputError("selectVitalSigns", `${ind.indicator}: values must have one entry per LA (${n})`, slot.values[j].length);
    return slot.values[j];
  });
  const N = x.length;
  const mask = new Uint8Array(N);
  for (let r = 0; r < N; r++) mask[r] = base[r] === 1 && !Number.isNaN(x[r]) ? 1 : 0;
  const key = Buffer.from(mask.buffer, mask.byteOffset, mask.byteLength).toString("latin1");
  const group = byRows.get(key);
  const prep = prepareCorrelation([x, ...rest], mask, group?.first, baseRanking);
  if (group) group.members.push(j);
  else byRows.set(key, { first: prep, members: [j] });
  return prep;
}

/**
 * The values `get` gives for each used slot, one after the other (n per slot). It and prepareStackedIndicator take
 * the input's arrays, not the input: callers build inputs of different shapes (the bench's warm-up calls
 * selectVitalSigns with its own object), and code optimised on one shape was thrown away on the next ('wrong map').
 */
function stackSlots(slots: ResamplingInput["slots"], used: readonly number[], n: number, get: (slot: SelectionInput["slots"][number]) => ArrayLike<number>): Float64Array {
  const out = new Float64Array(n * used.length);
  used.forEach((slotIndex, s) => {
    const v = get(slots[slotIndex]);
    if (v.length !== n) throw new InputError("selectVitalSigns", `slot ${slotIndex} must have ${n} LAs`, v.length);
    out.set(Float64Array.from(v), s * n);
  });
  return out;
}

/**
 * The used slots stacked, each indicator's [x, y, z…] prepared over its complete rows (orders, tie groups),
 * y and z from one base ranking (lib/vitals/kernel-base-ranks.ts).
 */
function stackUsedSlots(input: ResamplingInput, design: ResamplingDesign): StackedFrame {
  const J = input.indicators.length;
  const n = input.slots[0].outcomeBetter.length;
  const k = input.contextNames.length;
  const used = design.usedSlots;
  const N = n * used.length;
  const stack = (get: (slot: SelectionInput["slots"][number]) => ArrayLike<number>) => stackSlots(input.slots, used, n, get);
  for (const slotIndex of used) {
    const slot = input.slots[slotIndex];
    if (slot.context.length !== k || slot.values.length !== J) {
      throw new InputError("selectVitalSigns", `slot ${slotIndex} must have ${k} context variables and ${J} indicators`, `${slot.context.length}/${slot.values.length}`);
    }
  }
  const y = stack((slot) => slot.outcomeBetter);
  const Z = Array.from({ length: k }, (_, c) => stack((slot) => slot.context[c]));
  const base = new Uint8Array(N);
  for (let r = 0; r < N; r++) {
    let ok = !Number.isNaN(y[r]);
    for (let c = 0; ok && c < k; c++) if (Number.isNaN(Z[c][r])) ok = false;
    base[r] = ok ? 1 : 0;
  }
  // y and the context sorted once over the base rows, and ranked once per resample for every indicator
  const baseRanking = prepareBaseRanking([y, ...Z], base);
  // indicators with the same complete rows share y's and the context's ranks outright (no walk per indicator)
  const byRows: IndicatorsByRows = new Map();
  const prepared: PreparedCorrelation[] = [];
  for (let j = 0; j < J; j++) prepared.push(prepareStackedIndicator(input.indicators, input.slots, used, n, j, [y, ...Z], base, baseRanking, byRows));
  const evaluationOrder = Uint32Array.from([...byRows.values()].flatMap((g) => g.members));
  return new StackedFrame(n, N, k + 2, prepared, evaluationOrder);
}

