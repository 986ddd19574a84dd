/**
 * Warming a resampling worker up while it waits for its data (lib/vitals/resample-parallel.ts
 * prewarmResampleWorkers): the t quantile is loaded (lib/stats/distributions.ts loads @stdlib on first use,
 * ≈ 0.15–0.3 s per thread; the p-value itself is rarely needed by complementary pairs, lib/vitals/kernels.ts) and the resampling kernel is run on a small made-up frame until V8 has
 * compiled it, so the worker's first real resamples run at full speed instead of arriving after the calling
 * thread has done most of the work. Nothing of it reaches a result: the made-up data and their counts are
 * thrown away, and which thread evaluates which resample never changes the answer.
 */
import { createFastRng } from "../stats/random";
import { tQuantile } from "../stats/distributions";
import { prepareBaseRanking } from "./kernel-base-ranks";
import { prepareCorrelation } from "./kernels";
import { createResampleCounter, StackedFrame } from "./resample-counter";

/** Rows (LA-periods), indicators and resamples of the made-up frame: ≈ 3,000 kernel calls, ≈ 60 ms from cold. */
const WARM_ROWS = 150;
const WARM_INDICATORS = 20;
export const WARM_RESAMPLES = 150;
/** Level of the per-resample test of the default analysis (selection.ts PAIRS_TEST_LEVEL; not imported: no cycle). */
const WARM_LEVEL = 0.1;

/** Resamples between two checks whether the real work has come (`stop`). */
const WARM_CHECK_EVERY = 10;

/**
 * Load the t quantile's modules (@stdlib, ≈ 0.15–0.3 s on first use in a thread; instant afterwards): a worker does it
 * before it says it is ready, so that it then answers a message within a few warm-up resamples.
 * @example loadTQuantile(); // then the kernel's first p-value cut-off costs nothing more
 */
export function loadTQuantile(): void {
  tQuantile(1 - WARM_LEVEL / 2, WARM_ROWS);
}

/**
 * Load the t quantile and compile the resampling kernel by running it on a made-up frame (module comment);
 * stops early once `stop()` says the real work has come (checked every {@link WARM_CHECK_EVERY} resamples).
 * @example warmUpResampling(); // in a worker started early, before its data arrive
 */
export function warmUpResampling(stop: () => boolean = () => false): void {
  if (stop()) return;
  loadTQuantile();
  const rng = createFastRng(1);
  // rounded values: tie groups as in real indicators; a few missing values: the kernel's masked paths
  const column = (missingEvery: number) => Float64Array.from({ length: WARM_ROWS }, (_, i) => (missingEvery > 0 && i % missingEvery === 0 ? NaN : Math.round(rng.nextNormal() * 4) / 4));
  const y = column(0);
  const z = column(0);
  const base = Uint8Array.from({ length: WARM_ROWS }, () => 1);
  const ranking = prepareBaseRanking([y, z], base);
  const prepared = Array.from({ length: WARM_INDICATORS }, (_, j) => {
    const x = column(j % 4 === 0 ? 0 : 7 + j);
    return prepareCorrelation([x, y, z], Uint8Array.from(x, (v) => (Number.isNaN(v) ? 0 : 1)), undefined, ranking);
  });
  const frame = new StackedFrame(WARM_ROWS, WARM_ROWS, 3, prepared, Uint32Array.from(prepared.keys()));
  const counter = createResampleCounter(frame, { method: "spearman", level: WARM_LEVEL }, "complementary-pairs");
  const w = new Float64Array(WARM_ROWS);
  for (let b = 0; b < WARM_RESAMPLES; b++) {
    if (b % WARM_CHECK_EVERY === 0 && stop()) return;
    for (let i = 0; i < WARM_ROWS; i++) w[i] = rng.nextInt(2);
    counter.count(w);
  }
}
