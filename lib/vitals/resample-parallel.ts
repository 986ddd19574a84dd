/**
 * The resamples of the selection on several threads (worker_threads), with the same answer as on one.
 *
 * **One random stream, whatever the number of workers.** Every resample is drawn in the calling thread, in
 * order, from the one seeded stream (lib/vitals/resample.ts `drawResamples`): which stacked rows each resample
 * brings. The workers only *evaluate* resamples — they draw nothing — so the random numbers, and hence the
 * result, cannot depend on how many workers there are or which resample each evaluates. Each thread counts
 * passes per indicator in its own row of a shared array; the counts are integers, so their sum is exact in
 * any order, and the frequencies are identical to the one-thread loop's (tests/vitals/resample-parallel.test.ts).
 *
 * The calling thread works too: resamples are claimed in chunks from a shared counter (Atomics), so a worker
 * that is slow to start only means the others do more. The workers begin as soon as the resamples are drawn
 * ({@link beginParallelResampling}), while the caller still screens; the caller then joins them (`finish`),
 * blocking (Atomics.wait) until every claimed chunk is done and reporting progress as resamples complete. A
 * worker's error is rethrown in the caller. Passes are tallied by the sign of the resample's correlation
 * (the full-sample sign, from the screen, is applied at the end: lib/vitals/resample-counter.ts `signedCounts`).
 *
 * **Started early.** A worker thread takes ≈ 0.1–0.3 s to start (loading modules). {@link prewarmResampleWorkers}
 * starts them while the caller still has other work (the screen), idle and not keeping the process alive;
 * {@link beginParallelResampling} then hands them the frame by message instead of starting new ones. Which thread
 * evaluates which resample never changes the answer (above), so neither does warming.
 *
 * **Kept for the next resampling.** A worker that finished its share without error goes back to an idle pool
 * (at most {@link MAX_IDLE_WORKERS}, not keeping the process alive) instead of being ended, so a second analysis
 * in the same process (a notebook, a benchmark, `analyse` over several outcomes) finds workers already started
 * and compiled; a worker that failed or exited is never reused.
 *
 * **Ready before it is asked.** Each worker raises a shared flag once its modules are loaded
 * ({@link ResampleWorkerStart}); a tail of the error bound goes only to an idle worker that has raised it. A worker
 * still loading (one started with a selection whose calling thread did every resample before it could start) would
 * have kept the caller waiting for its start-up instead of computing the tail itself.
 */
import type { Worker } from "node:worker_threads";
import type { ProgressCallback } from "../progress";
import { rConcaveTail, type RConcaveTailArguments } from "../stats/stability-bounds";
import { startLibraryWorker } from "../worker-threads";
import { createResampleCounter, type ResampleCounter, type ResampleTest, type Resampling, type SignSplitCounts, type StackedFrame } from "./resample-counter";

/** Resamples claimed at a time: small enough to balance two threads, large enough to keep Atomics traffic low. */
export const RESAMPLE_CHUNK = 10;
/** How long the caller waits for progress between checks (ms); only the reporting cadence depends on it. */
const WAIT_SLICE_MS = 20;

/**
 * The resamples as drawn: resample b brings the stacked rows `rows[offsets[b] … offsets[b + 1])` (a row may
 * repeat). A class, not an object literal, for the reason lib/vitals/kernel-scratch.ts gives.
 */
export class DrawnResamples {
  constructor(
    public rows: Int32Array,
    public offsets: Int32Array,
  ) {}
}

/**
 * Everything a worker needs (structured-cloned once; the frame's shared orders stay shared). A class, not an
 * object literal, for the reason lib/vitals/kernel-scratch.ts gives (one shape in every analysis).
 */
export class ResampleWorkerData {
  constructor(
    public frame: StackedFrame,
    public test: ResampleTest,
    public resampling: Resampling,
    public drawn: DrawnResamples,
    /**
     * [next chunk to claim, resamples done, error flag, threads started, threads whose tallies are written,
     * resamples drawn so far (the caller draws while the workers evaluate: {@link ParallelResampling.drawnUpTo})].
     */
    public control: Int32Array,
    /** One row of 2J + 1 per thread (passes with r > 0…, with r < 0…, usable); row 0 is the caller's. */
    public tallies: Float64Array,
    public thread: number,
  ) {}
}

/**
 * What a resampling worker is started with: the flag it raises (to 1) once its modules are loaded and it reads its
 * messages (a tail of the error bound is given only to a worker that has raised it: rConcaveTailOnIdleWorker), and
 * the data of its first resampling, or none when it was started early (prewarmResampleWorkers). A class, not an object
 * literal, for the reason lib/vitals/kernel-scratch.ts gives (one shape in every analysis).
 */
export class ResampleWorkerStart {
  constructor(
    public ready: Int32Array,
    public data: ResampleWorkerData | undefined,
  ) {}
}

/**
 * Evaluate resamples from the shared chunk counter until none is left, tallying into `tallies` row `thread`;
 * returns how many this thread evaluated. Used by the caller (with its progress, updated after each resample)
 * and by each worker (lib/vitals/resample-worker.ts).
 */
export function evaluateClaimedChunks(d: ResampleWorkerData, progress?: ProgressReport): number {
  Atomics.add(d.control, 3, 1);
  const counter = createResampleCounter(d.frame, d.test, d.resampling);
  const B = d.drawn.offsets.length - 1;
  const chunks = Math.ceil(B / RESAMPLE_CHUNK);
  const w = new Float64Array(d.frame.rows);
  let evaluated = 0;
  for (;;) {
    const chunk = Atomics.add(d.control, 0, 1);
    if (chunk >= chunks) break;
    const end = Math.min(B, (chunk + 1) * RESAMPLE_CHUNK);
    waitForDraws(d.control, end);
    evaluated += evaluateChunk(d, counter, w, chunk * RESAMPLE_CHUNK, end, progress);
  }
  const split = counter.split();
  const J = d.frame.prepared.length;
  const off = d.thread * (2 * J + 1);
  d.tallies.set(split.positive, off);
  d.tallies.set(split.negative, off + J);
  d.tallies[off + 2 * J] = split.usable;
  // after the tallies (an Atomics write orders them): the caller sums only once every started thread got here
  Atomics.add(d.control, 4, 1);
  Atomics.notify(d.control, 1);
  return evaluated;
}

/**
 * Resamples `from` … `to` − 1 counted, each announced to the caller (and its progress updated) when done; returns
 * how many. A function of its own, called once per chunk, so that V8 optimises it as a whole early (in a process's
 * first analysis) instead of compiling evaluateClaimedChunks, called once per analysis, again in the second one.
 */
function evaluateChunk(d: ResampleWorkerData, counter: ResampleCounter, w: Float64Array, from: number, to: number, progress: ProgressReport | undefined): number {
  const { rows, offsets } = d.drawn;
  for (let b = from; b < to; b++) {
    w.fill(0);
    for (let t = offsets[b]; t < offsets[b + 1]; t++) w[rows[t]]++;
    counter.count(w);
    Atomics.add(d.control, 1, 1);
    Atomics.notify(d.control, 1);
    progress?.update();
  }
  return to - from;
}

/** Block until the caller has drawn the first `count` resamples (control[5]); they are in shared memory then. */
function waitForDraws(control: Int32Array, count: number): void {
  for (let drawn = Atomics.load(control, 5); drawn < count; drawn = Atomics.load(control, 5)) Atomics.wait(control, 5, drawn, WAIT_SLICE_MS);
}

/** The worker entry beside this module (lib/vitals/resample-worker). */
const WORKER_ENTRY = "resample-worker";

/**
 * Workers waiting for their data: started ahead by {@link prewarmResampleWorkers} or kept from an earlier
 * resampling; taken by the next one.
 */
const warmWorkers: Worker[] = [];
/** Each started worker's ready flag ({@link ResampleWorkerStart}), 1 once it has loaded. */
const readyFlags = new WeakMap<Worker, Int32Array>();
/** Idle workers kept between resamplings (each holds a V8 isolate, ≈ 10–20 MB); the 2-core default uses one. */
const MAX_IDLE_WORKERS = 4;

/** Keep `worker` idle for the next resampling (it no longer keeps the process alive), or end it if enough wait. */
function keepIdle(worker: Worker): void {
  if (warmWorkers.length >= MAX_IDLE_WORKERS) {
    void worker.terminate();
    return;
  }
  worker.unref();
  warmWorkers.push(worker);
}

/**
 * A tail of the r-concave error bound for an idle worker ({@link rConcaveTailOnIdleWorker}): the worker writes
 * it into `result[0]` and then sets `done[0]` to 1, or to 2 when it failed.
 */
export interface RConcaveTailJob {
  kind: "r-concave-tail";
  tail: RConcaveTailArguments;
  result: Float64Array;
  done: Int32Array;
}

/** Compute a tail job (in a worker) and signal the caller; a failure leaves the tail to the caller. */
export function runRConcaveTailJob(job: RConcaveTailJob): void {
  try {
    job.result[0] = rConcaveTail(job.tail);
    Atomics.store(job.done, 0, 1);
  } catch {
    Atomics.store(job.done, 0, 2);
  }
  Atomics.notify(job.done, 0);
}

/**
 * Longest wait for a worker's tail (ms) before the caller computes it itself (the same number): the tail takes
 * tens of milliseconds, so only a worker that died (it never answers) or is starved for a core reaches it.
 */
const TAIL_WAIT_LIMIT_MS = 5_000;

/**
 * Start computing one tail of the r-concave error bound (lib/stats/stability-bounds.ts rConcaveTail) on a worker
 * waiting idle, so that the caller computes the other tail and the verdicts meanwhile; returns how to get the
 * value (waiting for the worker; the caller computes it itself if the worker failed), or undefined when no
 * worker waits. The same value either way: the same function on the same numbers.
 * @example const second = rConcaveTailOnIdleWorker(split.tails[1]); …; const d2 = second ? second() : rConcaveTail(split.tails[1]);
 */
export function rConcaveTailOnIdleWorker(tail: RConcaveTailArguments): (() => number) | undefined {
  // only a worker that has loaded: one still starting would answer after its start-up (0.1–0.3 s, more under tsx
  // on a busy machine), where the caller computes the tail in tens of milliseconds (in the analysis bench's warm-up
  // the caller waited for the worker's whole start-up so)
  const at = warmWorkers.findIndex((w) => isReady(w));
  if (at < 0) return undefined;
  const [worker] = warmWorkers.splice(at, 1);
  const job: RConcaveTailJob = {
    kind: "r-concave-tail", tail,
    result: new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT)),
    done: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
  };
  worker.postMessage(job);
  return () => {
    const since = Date.now();
    while (Atomics.load(job.done, 0) === 0 && Date.now() - since < TAIL_WAIT_LIMIT_MS) Atomics.wait(job.done, 0, 0, WAIT_SLICE_MS);
    if (Atomics.load(job.done, 0) === 1) {
      keepIdle(worker);
      return job.result[0];
    }
    // failed (the caller's own computation throws the same error) or never answered: not reused
    void worker.terminate();
    return rConcaveTail(tail);
  };
}

/** How many workers wait idle now (for tests). */
export function idleResampleWorkers(): number {
  return warmWorkers.length;
}

/** How many of the idle workers have loaded (for tests): those a tail of the error bound may be given to. */
export function readyIdleResampleWorkers(): number {
  return warmWorkers.filter((w) => isReady(w)).length;
}

/** True once `worker` has raised its ready flag (it loaded and reads its messages). */
function isReady(worker: Worker): boolean {
  const flag = readyFlags.get(worker);
  return flag !== undefined && Atomics.load(flag, 0) === 1;
}

/**
 * Start `count` resampling workers now (in addition to any already waiting), so that their start-up overlaps
 * the caller's other work; the next {@link beginParallelResampling} uses them. They wait without keeping the
 * process alive (unref) and, like the workers of any resampling that finished, stay idle for the next one.
 * @example prewarmResampleWorkers(defaultResampleWorkers(indicators, resamples)); // then screen, then select
 */
export function prewarmResampleWorkers(count: number): void {
  for (let t = warmWorkers.length; t < count; t++) {
    const worker = newResampleWorker(undefined);
    worker.unref();
    warmWorkers.push(worker);
  }
}

/**
 * A new resampling worker (with its data, or none: it warms up and waits for them by message). Its listeners
 * are attached here, once for its whole life however many resamplings it serves: an error while evaluating
 * raises the shared flag (thrown by the caller), and a worker that exits (error, terminate) leaves the idle pool.
 */
function newResampleWorker(data: ResampleWorkerData | undefined): Worker {
  const ready = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const worker = startLibraryWorker(__dirname, WORKER_ENTRY, { workerData: new ResampleWorkerStart(ready, data) });
  readyFlags.set(worker, ready);
  worker.on("error", () => undefined);
  worker.once("exit", () => {
    const at = warmWorkers.indexOf(worker);
    if (at >= 0) warmWorkers.splice(at, 1);
  });
  return worker;
}

/**
 * A worker for thread `thread`: a waiting one given its data by message, else a new one started with it. It
 * never keeps the process alive (unref): the caller joins it synchronously (finish blocks until every chunk is
 * done), so only a selection begun and then dropped, never finished, lets the process end with its worker.
 */
function startWorker(data: ResampleWorkerData): Worker {
  const warm = warmWorkers.shift();
  if (warm === undefined) {
    const worker = newResampleWorker(data);
    worker.unref();
    return worker;
  }
  warm.postMessage(data);
  return warm;
}

/** A resampling under way on the workers ({@link beginParallelResampling}); the caller joins it with {@link finish}. */
export interface ParallelResampling {
  /**
   * Evaluate the chunks still unclaimed on the calling thread, wait for the workers' last ones and sum every
   * thread's tallies; progress is reported for every resample done, the workers' earlier ones included.
   */
  finish(onProgress: ProgressCallback | undefined): SignSplitCounts;
  /** End the workers without waiting (the caller failed before joining): none keeps evaluating stale data. */
  abandon(): void;
  /**
   * Tell the workers that the first `count` resamples are drawn (in `drawn`, shared memory), so that they
   * evaluate them while the rest are drawn; `finish` needs all B drawn.
   */
  drawnUpTo(count: number): void;
}

/**
 * Hand the resamples to `workers` worker threads, which evaluate each chunk as soon as the caller has drawn it
 * (`drawnUpTo`) while the calling thread draws the rest and does other work (the screen) before joining them
 * with `finish`; the same counts as one thread (module comment). With `workers` = 0 the caller evaluates them
 * all in `finish`.
 * @example const run = beginParallelResampling(frame, test, "complementary-pairs", drawn, 1); …; run.finish(undefined).positive
 */
export function beginParallelResampling(frame: StackedFrame, test: ResampleTest, resampling: Resampling, drawn: DrawnResamples, workers: number): ParallelResampling {
  const J = frame.prepared.length;
  const threads = workers + 1;
  const control = new Int32Array(new SharedArrayBuffer(6 * Int32Array.BYTES_PER_ELEMENT));
  const tallies = new Float64Array(new SharedArrayBuffer(threads * (2 * J + 1) * Float64Array.BYTES_PER_ELEMENT));
  const data = new ResampleWorkerData(frame, test, resampling, drawn, control, tallies, 0);
  const started: Worker[] = [];
  let settledWorkers = false;
  const endWorkers = (finished: boolean) => {
    if (settledWorkers) return;
    settledWorkers = true;
    // after a resampling that finished, the workers wait idle for the next one (module comment); after an error
    // anywhere (a worker's, this thread's, a progress callback's, the caller's) they end, so none is left
    // evaluating stale data
    for (const worker of started) {
      if (finished) keepIdle(worker);
      else void worker.terminate();
    }
  };
  try {
    // a worker that fails to start claims no chunk, so the calling thread evaluates them all and the result is
    // complete; one that fails while evaluating raises the shared error flag (thrown by finish)
    for (let t = 1; t < threads; t++) started.push(startWorker(new ResampleWorkerData(frame, test, resampling, drawn, control, tallies, t)));
  } catch (error) {
    endWorkers(false);
    throw error;
  }
  return {
    finish: (onProgress) => {
      let finished = false;
      try {
        joinWorkers(data, onProgress);
        finished = true;
      } finally {
        endWorkers(finished);
      }
      return sumTallies(tallies, J, threads);
    },
    abandon: () => endWorkers(false),
    drawnUpTo: (count) => {
      Atomics.store(control, 5, count);
      Atomics.notify(control, 5);
    },
  };
}

/**
 * The caller's progress: every resample done (by any thread) since the last update is reported. A class, so that
 * the resampling loop's call of `update` has one target in every analysis (lib/vitals/kernel-scratch.ts).
 */
export class ProgressReport {
  private reported = 0;
  constructor(
    private readonly control: Int32Array,
    private readonly B: number,
    private readonly onProgress: ProgressCallback | undefined,
  ) {}

  /** Report the resamples done since the last update. */
  update(): void {
    const done = Atomics.load(this.control, 1);
    // (not `onProgress?.(++reported, B)`: an optional call skips its arguments, and the count with them)
    for (; this.reported < done; this.reported++) this.onProgress?.(this.reported + 1, this.B);
  }
}

/** The calling thread's share of the resampling, then the wait for the workers' (see ParallelResampling.finish). */
function joinWorkers(data: ResampleWorkerData, onProgress: ProgressCallback | undefined): void {
  const { control } = data;
  const B = data.drawn.offsets.length - 1;
  if (Atomics.load(control, 5) < B) throw new Error(`beginParallelResampling: finish needs all ${B} resamples drawn (got ${Atomics.load(control, 5)})`);
  const progress = new ProgressReport(control, B, onProgress);
  onProgress?.(0, B);
  evaluateClaimedChunks(data, progress);
  // every chunk is claimed; wait for the workers' last ones and their tallies (a worker that starts only now
  // finds no chunk and writes zeros)
  const settled = () => Atomics.load(control, 1) >= B && Atomics.load(control, 4) >= Atomics.load(control, 3);
  while (!settled()) {
    if (Atomics.load(control, 2) !== 0) break;
    Atomics.wait(control, 1, Atomics.load(control, 1), WAIT_SLICE_MS);
    progress.update();
  }
  if (Atomics.load(control, 2) !== 0) throw new Error("beginParallelResampling: a resampling worker failed (run with workers: 0 to see the error)");
  progress.update();
}

/** Every thread's row of tallies summed (integers: exact in any order). */
function sumTallies(tallies: Float64Array, J: number, threads: number): SignSplitCounts {
  const positive = new Float64Array(J);
  const negative = new Float64Array(J);
  let usable = 0;
  for (let t = 0; t < threads; t++) {
    const off = t * (2 * J + 1);
    for (let j = 0; j < J; j++) {
      positive[j] += tallies[off + j];
      negative[j] += tallies[off + J + j];
    }
    usable += tallies[off + 2 * J];
  }
  return { positive, negative, usable };
}
