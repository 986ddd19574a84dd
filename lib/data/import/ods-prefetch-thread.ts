/**
 * The thread ./ods-prefetch.ts reads workbooks on, kept between imports in one process: once an import's worker
 * has posted everything it was given, it is kept idle (unreferenced, so it never keeps the process alive) and
 * the next import takes it instead of starting another. A kept thread has its modules loaded and its code
 * compiled, so a second import in a process (notebooks, tests, the import benchmark) does not pay the
 * worker's start-up (about 0.15 s) and cold code again. A worker that had not finished, failed or exited is
 * never kept: it is terminated, as before.
 */
import * as fs from "node:fs";
import type { Worker } from "node:worker_threads";
import { startLibraryWorker } from "../../worker-threads";

/**
 * Least total size of the .ods sources (bytes) worth a worker thread: 256 KiB. Starting one costs tens of
 * milliseconds (more under tsx); the official workbooks (3.4 MB, 70 MB of XML inflated) take about 0.9 s.
 */
export const ODS_PREFETCH_MIN_BYTES = 256 * 1024;

/**
 * Whether these workbooks total at least {@link ODS_PREFETCH_MIN_BYTES} (a file that cannot be looked at counts 0:
 * the import reports it).
 * @example
 * odsWorthAWorker(["../shared/data/official/finance/RO3_LA_Data_2024-25_data_by_LA.ods"]) // true (864 KB)
 */
export function odsWorthAWorker(odsFiles: readonly string[]): boolean {
  let total = 0;
  for (const f of odsFiles) {
    try {
      total += fs.statSync(f).size;
    } catch {
      // unreadable: counts 0
    }
  }
  return total >= ODS_PREFETCH_MIN_BYTES;
}

/**
 * How long a worker is kept idle (ms) before it is ended: a kept thread holds ≈ 40–55 MB (its heap and compiled
 * code), which a long-lived process (a notebook) should not hold for good after one import.
 */
export const ODS_WORKER_IDLE_LIMIT_MS = 60_000;

/** The idle worker, the listener that forgets it if it fails or exits while idle, and the timer that ends it. */
let idle: { worker: Worker; forget: () => void; timer: NodeJS.Timeout } | undefined;

/**
 * End a worker whose results are no longer wanted. An error it raised just before (already queued, e.g. out of
 * memory on a hostile workbook) is then ignored: with no 'error' listener Node would throw it in this thread and
 * end the process.
 * @example
 * void endOdsWorker(worker);
 */
export function endOdsWorker(worker: Worker): Promise<number> {
  worker.on("error", () => undefined);
  return worker.terminate();
}

/**
 * The idle worker (referenced again) when there is one, else a new one; undefined when none can start.
 * @example
 * const worker = takeOdsWorker(); …; keepOdsWorker(worker) // or worker.terminate()
 */
export function takeOdsWorker(): Worker | undefined {
  const kept = idle;
  idle = undefined;
  if (kept !== undefined) {
    clearTimeout(kept.timer);
    kept.worker.off("error", kept.forget).off("exit", kept.forget);
    kept.worker.ref();
    return kept.worker;
  }
  try {
    return startLibraryWorker(__dirname, "ods-prefetch-worker");
  } catch {
    return undefined;
  }
}

/**
 * Start a worker now for an import about to begin, kept idle ({@link keepOdsWorker}) until the import takes it
 * ({@link takeOdsWorker}), when these workbooks are worth one ({@link odsWorthAWorker}) and none is kept already: its
 * start-up (≈ 0.1–0.15 s, loading its modules) then overlaps the caller's loading of the importers, instead of
 * following it. Not taken within {@link ODS_WORKER_IDLE_LIMIT_MS}, it is ended.
 * @example
 * prestartOdsWorker(odsFiles); const { importOfficial } = require("./import-official"); await importOfficial(paths) // takes it
 */
export function prestartOdsWorker(odsFiles: readonly string[]): void {
  if (idle !== undefined || odsFiles.length === 0 || !odsWorthAWorker(odsFiles)) return;
  let worker: Worker;
  try {
    worker = startLibraryWorker(__dirname, "ods-prefetch-worker");
  } catch {
    return; // the import starts its own, or reads the workbooks itself
  }
  keepOdsWorker(worker);
}

/**
 * Keep a worker that has finished its import for the next one (a second worker kept at once is terminated), for
 * at most `idleLimitMs` ({@link ODS_WORKER_IDLE_LIMIT_MS}): then it is ended.
 * @example
 * keepOdsWorker(worker); takeOdsWorker() === worker // true
 */
export function keepOdsWorker(worker: Worker, idleLimitMs = ODS_WORKER_IDLE_LIMIT_MS): void {
  if (idle !== undefined) {
    void endOdsWorker(worker);
    return;
  }
  const forget = () => {
    if (idle?.worker === worker) {
      clearTimeout(idle.timer);
      idle = undefined;
    }
  };
  worker.on("error", forget).on("exit", forget);
  worker.unref();
  const timer = setTimeout(() => {
    if (idle?.worker !== worker) return;
    idle = undefined;
    void endOdsWorker(worker);
  }, idleLimitMs);
  timer.unref();
  idle = { worker, forget, timer };
}

/**
 * Terminate the idle worker, if one is kept (its thread and memory are released at once rather than at exit).
 * @example
 * await stopIdleOdsWorker();
 */
export async function stopIdleOdsWorker(): Promise<void> {
  const kept = idle;
  idle = undefined;
  if (kept === undefined) return;
  clearTimeout(kept.timer);
  await endOdsWorker(kept.worker);
}

/**
 * Whether a worker is kept idle for the next import.
 * @example
 * await importOfficial(["../shared/data/official"]); hasIdleOdsWorker() // true
 */
export function hasIdleOdsWorker(): boolean {
  return idle !== undefined;
}
