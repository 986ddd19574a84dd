/**
 * {@link tallyPilotRecordFiles} with a respondent key on several threads (worker_threads), with the same result as on one: the
 * record files are cut into blocks at line feeds (lib/pilot/record-blocks.ts), the calling thread and the workers
 * each claim the next block not yet taken from a shared counter (a worker slow to start only means the others read
 * more), and the threads' tallies are put together in block order (lib/pilot/tally-merge.ts): the counts, periods,
 * respondents and every error text and row are those of one thread reading the files in order, whatever the number
 * of workers and whichever thread read which block. What crosses threads is the plan and the respondent key one way,
 * and counts, the respondents' 64-bit hashes, answered-item bits and errors (which never show an id) the other.
 *
 * When only reading in order can settle the result (a block cut inside a quoted field that holds a line feed, a file
 * refused part-way, more than MAX_PERIODS periods, one respondent answering the same item in blocks of two threads:
 * see lib/pilot/tally-merge.ts), or a worker failed, the calling thread reads every file again alone: slower, the
 * same answer.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import type { Worker } from "node:worker_threads";
import { isSystemError } from "../errors";
import type * as WorkerThreads from "../worker-threads";
import type { InstrumentSet } from "./instruments";
import type * as RecordBlocks from "./record-blocks";
import type { RecordBlockPlan } from "./record-blocks";
import { readableRecords } from "./record-errors";
import { READ_CHUNK_BYTES } from "./read-chunks";
import type * as TallyBlocks from "./tally-blocks";
import type { BlockClaims } from "./tally-blocks";
import type { ThreadTally } from "./tally-merge";
import { tallyPilotRecordFiles } from "./tally-records";
import type { PilotTally } from "./tally-types";

/**
 * Below this many bytes of records, one thread: a worker takes ≈ 0.1 s of CPU to start (its isolate, modules,
 * WebAssembly and compiling the tally), and one thread reads 16 MiB (≈ 250,000 records) in about that time.
 */
export const PARALLEL_MIN_BYTES = 16 << 20;
/** Most worker threads used by default (beyond a few, reading the files and merging the respondents dominate). */
export const MAX_DEFAULT_WORKERS = 3;
/** Blocks per thread aimed at: enough for a thread slow to start, or slowed by other work, to be made up by the others. */
const BLOCKS_PER_THREAD = 8;
/** Smallest and largest block (64 KiB: a small input cut when workers are asked for; 16 MiB: ≈ 250,000 records). */
export const MIN_BLOCK_BYTES = 1 << 16;
export const MAX_BLOCK_BYTES = 16 << 20;

/**
 * The modules only a tally on several threads needs (blocks, their tally and merge, starting a worker), loaded on first
 * use: a run on one thread (below PARALLEL_MIN_BYTES, on a busy machine, --workers 0) does not load these five modules.
 */
function threadModules(): typeof RecordBlocks & typeof TallyBlocks & typeof WorkerThreads {
  return { ...(require("./record-blocks") as typeof RecordBlocks), ...(require("./tally-blocks") as typeof TallyBlocks), ...(require("../worker-threads") as typeof WorkerThreads) };
}

/** What a worker is given (structured-cloned; `control` is shared). */
export interface PilotWorkerData {
  plan: RecordBlockPlan;
  instruments: InstrumentSet;
  areaCodes: readonly string[];
  /** The SipHash key every thread hashes respondent ids with (lib/pilot/siphash.ts). */
  respondentKey: Uint8Array;
  claims: BlockClaims;
  chunkBytes: number;
  expectedBytes: number;
}

/** Options of {@link tallyPilotRecordFilesInParallel}. */
export interface ParallelTallyOptions {
  /** The 16-byte key respondent ids are hashed with (lib/pilot/siphash.ts: newSipHashKey, one per run), in every thread. */
  respondentKey: Uint8Array;
  /** Worker threads besides the calling one (default {@link defaultPilotWorkers}: none on a busy machine). */
  workers?: number;
  /** Bytes per block (default {@link defaultBlockBytes}). */
  blockBytes?: number;
  /**
   * True: the blocks are dealt in turn (thread t, the calling thread being 0, reads blocks t, t + threads, …) instead
   * of each going to the first thread free: for tests, which then know which thread reads which block.
   */
  dealBlocks?: boolean;
  chunkBytes?: number;
  /** Told when a worker could not do its part (the calling thread then reads everything: the same result, later). */
  onWorkerFailure?: (reason: string) => void;
  /** Told why the blocks were no help and every file was read again on the calling thread. */
  onReadAgain?: (reason: string) => void;
  /** Workers started ahead ({@link startPilotWorkers}): used first; those not used are ended. */
  startedWorkers?: readonly PilotWorker[];
}

/**
 * The default number of worker threads: none below {@link PARALLEL_MIN_BYTES} of records; else one per core that the
 * machine's load average over the last minute (`load`) leaves idle beside the calling thread's, at most one fewer
 * than the cores and {@link MAX_DEFAULT_WORKERS}. A worker shortens the wait only with a core to itself: it costs
 * CPU (1 M records: ≈ 0.25 s, its start and compiling the tally's code again, on top of ≈ 0.62 s), and on this 2-core
 * machine shared with other sessions a run with one worker took longer than one without at load averages of 8–12
 * (1 M records: 2.36 against 1.84 s median wall, 5 M: 6.76 against 6.28 s), and less at 4 (1 M: 0.49 against 0.55 s).
 * @example defaultPilotWorkers(65e6, 0) // 1 on two idle cores; defaultPilotWorkers(65e6, 8) // 0
 */
export function defaultPilotWorkers(totalBytes: number, load: number = os.loadavg()[0]): number {
  if (totalBytes < PARALLEL_MIN_BYTES) return 0;
  const cores = os.availableParallelism();
  return Math.max(0, Math.min(cores - 1, MAX_DEFAULT_WORKERS, Math.round(cores - load) - 1));
}

/**
 * Bytes per block for `threads` threads: {@link BLOCKS_PER_THREAD} blocks each, within
 * [{@link MIN_BLOCK_BYTES}, {@link MAX_BLOCK_BYTES}].
 * @example defaultBlockBytes(64 << 20, 2) // 4 MiB
 */
export function defaultBlockBytes(totalBytes: number, threads: number): number {
  return Math.min(MAX_BLOCK_BYTES, Math.max(MIN_BLOCK_BYTES, Math.ceil(totalBytes / (threads * BLOCKS_PER_THREAD))));
}

/**
 * A worker thread of the tally, started before it is given its part (while the calling thread still reads the
 * instruments and areas: a worker takes ≈ 50–100 ms to load its modules). Idle, it does not keep the process alive.
 */
export class PilotWorker {
  private readonly worker: Worker | null;
  private result: ThreadTally | { failed: string } = { failed: "the worker exited without a result" };
  /** Resolves when the worker has exited (its result, or why it gave none). */
  readonly done: Promise<ThreadTally | { failed: string }>;

  constructor() {
    let worker: Worker | null = null;
    try {
      worker = threadModules().startLibraryWorker(__dirname, "tally-worker");
    } catch (e) {
      this.result = { failed: e instanceof Error ? e.message : String(e) };
    }
    this.worker = worker;
    // listened to at once: a worker that fails while loading is not missed
    this.done = new Promise((resolve) => {
      if (worker === null) return resolve(this.result);
      worker.on("message", (m: ThreadTally) => (this.result = m));
      worker.on("error", (e) => (this.result = { failed: e.message }));
      worker.on("exit", () => resolve(this.result));
      worker.unref();
    });
  }

  /** Give the worker its part; its tally, or the reason it could not give one. */
  run(data: PilotWorkerData): Promise<ThreadTally | { failed: string }> {
    this.worker?.ref();
    this.worker?.postMessage(data);
    return this.done;
  }

  /** End a worker that will not be given a part. */
  end(): void {
    void this.worker?.terminate();
  }
}

/**
 * Start the workers a tally of `estimatedBytes` of records will use by default ({@link defaultPilotWorkers}), or
 * `workers` of them, ahead of the tally (give them to it as `startedWorkers`; it ends those it does not use).
 * @example const started = startPilotWorkers(sizeOfCsvFiles(dir)); // [] below PARALLEL_MIN_BYTES
 */
export function startPilotWorkers(estimatedBytes: number, workers?: number): PilotWorker[] {
  return Array.from({ length: workers ?? defaultPilotWorkers(estimatedBytes) }, () => new PilotWorker());
}

/**
 * Validate and count the records of `files` with `workers` worker threads besides the calling one; the same tally,
 * and the same DataErrors, as tallyPilotRecordFiles with the same respondent key.
 * @throws DataErrors as tallyPilotRecordFiles
 * @example
 * const tally = await tallyPilotRecordFilesInParallel(files, set, codes, { respondentKey: newSipHashKey(), workers: 1 });
 */
export async function tallyPilotRecordFilesInParallel(files: readonly string[], instruments: InstrumentSet, areaCodes: readonly string[], options: ParallelTallyOptions): Promise<PilotTally> {
  const started = [...(options.startedWorkers ?? [])];
  try {
    return await tallyOnThreads(files, instruments, areaCodes, options, started);
  } finally {
    for (const w of started) w.end();
  }
}

/** {@link tallyPilotRecordFilesInParallel}, taking workers from `started` (those left in it are not used). */
async function tallyOnThreads(files: readonly string[], instruments: InstrumentSet, areaCodes: readonly string[], options: ParallelTallyOptions, started: PilotWorker[]): Promise<PilotTally> {
  const key = options.respondentKey;
  const chunkBytes = options.chunkBytes ?? READ_CHUNK_BYTES;
  const alone = () => tallyPilotRecordFiles(files, instruments, areaCodes, { respondentKey: key, chunkBytes });
  const sizes = files.map((f) => readableRecords(f, "file", () => fs.statSync(f)).size);
  const total = sizes.reduce((s, n) => s + n, 0);
  const workers = options.workers ?? defaultPilotWorkers(total);
  if (workers === 0 || files.length === 0) return alone();
  const { planRecordBlocks, BlockTallyBuilder, tallyClaimedBlocks } = threadModules();
  const plan = planRecordBlocks(files, sizes, options.blockBytes ?? defaultBlockBytes(total, workers + 1));
  if (plan.blocks.length === 1) return alone();
  const threads = Math.min(workers, plan.blocks.length - 1) + 1;
  const control = new Int32Array(new SharedArrayBuffer(4));
  const claimsOf = (thread: number): BlockClaims => (options.dealBlocks ? { thread, threads } : { control });
  const data = (thread: number): PilotWorkerData => ({ plan, instruments, areaCodes, respondentKey: new Uint8Array(key), claims: claimsOf(thread), chunkBytes, expectedBytes: Math.ceil(total / threads) });
  const pending = Array.from({ length: threads - 1 }, (_, k) => (started.shift() ?? new PilotWorker()).run(data(k + 1)));
  const builder = new BlockTallyBuilder(instruments, areaCodes, { respondentKey: key, expectedBytes: total });
  try {
    tallyClaimedBlocks(builder, plan, claimsOf(0), chunkBytes);
  } catch (e) {
    if (!isSystemError(e)) throw e;
    // a file that cannot be read (any more): named as one thread names it
    await Promise.all(pending);
    return alone();
  }
  const results = await Promise.all(pending);
  const failed = results.find((r): r is { failed: string } => "failed" in r);
  if (failed !== undefined) {
    options.onWorkerFailure?.(failed.failed);
    return alone();
  }
  const merged = builder.mergeInto(results as ThreadTally[], plan);
  if (merged.redo === undefined) return merged.tally;
  options.onReadAgain?.(merged.redo);
  return alone();
}
