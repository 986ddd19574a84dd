/**
 * The hot loop of the selection (lib/vitals/selection.ts): the selection frequency of every indicator over B
 * resamples of LAs (lib/vitals/resampling-design.ts). The used slots are stacked into one long frame of n·S
 * rows (row s·n + i = LA i in used slot s); a resample is a weight per stacked row: 1 (or the bootstrap count)
 * for the one observation each drawn LA brings. In each resample every indicator's partial correlation with
 * the better outcome given context is computed by the allocation-free kernel (lib/vitals/kernels.ts).
 */
import { InputError } from "../errors";
import type { ProgressCallback } from "../progress";
import { tQuantile } from "../stats/distributions";
import { createRng, type Rng } from "../stats/random";
import { createKernelScratch, newResample, prepareCorrelation, preparedPartialCorrelation, type KernelScratch, type PreparedCorrelation, type PValueCutoff } from "./kernels";
import type { ResamplingDesign } from "./resampling-design";
import type { SelectionInput } from "./selection";

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

/** The stacked frame of the used slots: every indicator prepared over its complete rows. */
interface StackedFrame {
  /** LAs per slot. */
  n: number;
  /** Stacked rows (n × used slots). */
  rows: number;
  /** Variables per kernel call: x, y and the context variables. */
  variables: number;
  prepared: PreparedCorrelation[];
  /**
   * The indicators in the order the kernel evaluates them: those with the same complete rows next to each
   * other (first appearance order), so the outcome's and the context's ranks are computed once per group.
   */
  evaluationOrder: Uint32Array;
}

/**
 * Selection frequencies over B resamples (module comment), with progress reported after each.
 * @example resampleFrequencies(input, plan, 1000, 42, { method: "spearman", level: 0.1 }, "complementary-pairs", undefined).frequencies
 */
export function resampleFrequencies(
  input: SelectionInput,
  design: ResamplingDesign,
  B: number,
  seed: number,
  test: ResampleTest,
  resampling: Resampling,
  onProgress: ProgressCallback | undefined,
): ResampleCounts {
  const frame = stackUsedSlots(input, design);
  const refSign = input.screen.map((r) => Math.sign(r.partial_r));
  const counter = createResampleCounter(frame, refSign, test, resampling);
  const rng = createRng(seed);
  const w = new Float64Array(frame.rows);
  onProgress?.(0, B);
  if (resampling === "complementary-pairs") {
    drawComplementaryPairs(design, frame.n, B, rng, w, () => counter.count(w), onProgress);
  } else {
    for (let b = 0; b < B; b++) {
      w.fill(0);
      for (let i = 0; i < design.units.length; i++) bringObservation(design, frame.n, rng, w, rng.nextInt(design.units.length));
      counter.count(w);
      onProgress?.(b + 1, B);
    }
  }
  return counter.result();
}

/** Weight 1 (bootstrap: +1) on the observation unit u brings: one of its own used slots, drawn uniformly. */
function bringObservation(design: ResamplingDesign, n: number, rng: Rng, w: Float64Array, u: number): void {
  const own = design.unitSlots[u];
  const s = own.length > 1 ? own[rng.nextInt(own.length)] : own[0];
  w[s * n + design.units[u]]++;
}

/** B/2 pairs: a uniformly random half of the LAs (partial Fisher–Yates) and its complement, each counted. */
function drawComplementaryPairs(
  design: ResamplingDesign,
  n: number,
  B: number,
  rng: Rng,
  w: Float64Array,
  count: () => void,
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
    count();
    onProgress?.(b + 1, B);
    w.fill(0);
    for (let i = half; i < U; i++) bringObservation(design, n, rng, w, order[i]);
    count();
    onProgress?.(b + 2, B);
  }
}

/** The used slots stacked, each indicator's [x, y, z…] prepared over its complete rows (orders, tie groups). */
function stackUsedSlots(input: SelectionInput, design: ResamplingDesign): StackedFrame {
  const J = input.indicators.length;
  const n = input.slots[0].outcomeBetter.length;
  const k = input.contextNames.length;
  const used = design.usedSlots;
  const N = n * used.length;
  const stack = (get: (slot: SelectionInput["slots"][number]) => ArrayLike<number>) => {
    const out = new Float64Array(N);
    used.forEach((slotIndex, s) => {
      const v = get(input.slots[slotIndex]);
      if (v.length !== n) throw new InputError("selectVitalSigns", `slot ${slotIndex} must have ${n} LAs`, v.length);
      out.set(Float64Array.from(v), s * n);
    });
    return out;
  };
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
  // indicators with the same complete rows share y's and the context's orders (and, per resample, ranks)
  const byRows = new Map<string, { first: PreparedCorrelation; members: number[] }>();
  const prepared = input.indicators.map((ind, j) => {
    const x = stack((slot) => {
      if (slot.values[j].length !== n) throw new InputError("selectVitalSigns", `${ind.indicator}: values must have one entry per LA (${n})`, slot.values[j].length);
      return slot.values[j];
    });
    const mask = new Uint8Array(N);
    for (let r = 0; r < N; r++) mask[r] = base[r] === 1 && !Number.isNaN(x[r]) ? 1 : 0;
    const key = Buffer.from(mask.buffer, mask.byteOffset, mask.byteLength).toString("latin1");
    const group = byRows.get(key);
    const prep = prepareCorrelation([x, y, ...Z], mask, group?.first);
    if (group) group.members.push(j);
    else byRows.set(key, { first: prep, members: [j] });
    return prep;
  });
  const evaluationOrder = Uint32Array.from([...byRows.values()].flatMap((g) => g.members));
  return { n, rows: N, variables: k + 2, prepared, evaluationOrder };
}

/**
 * p-values above the level can never pass (BH: q ≥ p), so the kernel need not compute them exactly (it
 * reports 1); the critical t per degrees of freedom is computed once.
 */
function pValueCutoff(level: number): PValueCutoff {
  const tCrit = new Map<number, number>();
  return {
    alpha: level,
    tCritical: (df: number) => {
      let c = tCrit.get(df);
      if (c === undefined) {
        c = tQuantile(1 - level / 2, df);
        tCrit.set(df, c);
      }
      return c;
    },
  };
}

/** Tests every indicator on a resample's weights and counts the ones passing with the full-sample sign. */
function createResampleCounter(frame: StackedFrame, refSign: readonly number[], test: ResampleTest, resampling: Resampling) {
  const J = frame.prepared.length;
  const scratch: KernelScratch = createKernelScratch(frame.rows, frame.variables);
  const cutoff = pValueCutoff(test.level);
  const p = new Float64Array(J);
  const r = new Float64Array(J);
  const tested = new Uint32Array(J);
  const counts = new Float64Array(J);
  let usable = 0;
  let selectedTotal = 0;
  const count = (w: Float64Array) => {
    newResample(scratch);
    for (let e = 0; e < J; e++) {
      const j = frame.evaluationOrder[e];
      const res = preparedPartialCorrelation(frame.prepared[j], w, test.method, scratch, cutoff);
      p[j] = res.p;
      r[j] = res.r;
    }
    let mValid = 0;
    for (let j = 0; j < J; j++) if (!Number.isNaN(p[j])) tested[mValid++] = j;
    if (mValid === 0) return;
    usable++;
    const passing = resampling === "complementary-pairs" ? passEach(tested, mValid, p, test.level) : passBenjaminiHochberg(tested, mValid, p, test.level);
    for (let i = 0; i < passing.length; i++) {
      const j = passing[i];
      if (Math.sign(r[j]) === refSign[j] && refSign[j] !== 0) {
        counts[j]++;
        selectedTotal++;
      }
    }
  };
  const result = (): ResampleCounts => ({
    frequencies: Float64Array.from(counts, (c) => (usable > 0 ? c / usable : 0)),
    usable,
    meanSelected: usable > 0 ? selectedTotal / usable : 0,
  });
  return { count, result };
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
