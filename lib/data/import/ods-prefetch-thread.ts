/**
 * The thread ./ods-prefetch.ts reads workbooks on, kept between imports in one process: once an import's worker
 * has posted everything it was given, it is kept idle (unreferenced, so it never keeps the process alive) and
 * the next import takes it instead of starting another. A kept thread has its modules loaded and its code
 * compiled, so a second import in a process (notebooks, tests, the import benchmark) does not pay the
 * worker's start-up (about 0.15 s) and cold code again. A worker that had not finished, failed or exited is
 * never kept: it is terminated, as before.
 */
import type { Worker } from "node:worker_threads";
import { startLibraryWorker } from "../../worker-threads";

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
