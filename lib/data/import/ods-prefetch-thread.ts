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

/** The idle worker, and the listener that forgets it if it fails or exits while idle. */
let idle: { worker: Worker; forget: () => void } | undefined;

/**
 * The idle worker (referenced again) when there is one, else a new one; undefined when none can start.
 * @example
 * const worker = takeOdsWorker(); …; keepOdsWorker(worker) // or worker.terminate()
 */
export function takeOdsWorker(): Worker | undefined {
  const kept = idle;
  idle = undefined;
  if (kept !== undefined) {
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
 * Keep a worker that has finished its import for the next one (a second worker kept at once is terminated).
 * @example
 * keepOdsWorker(worker); takeOdsWorker() === worker // true
 */
export function keepOdsWorker(worker: Worker): void {
  if (idle !== undefined) {
    void worker.terminate();
    return;
  }
  const forget = () => {
    if (idle?.worker === worker) idle = undefined;
  };
  worker.on("error", forget).on("exit", forget);
  worker.unref();
  idle = { worker, forget };
}

/**
 * Terminate the idle worker, if one is kept (its thread and memory are released at once rather than at exit).
 * @example
 * await stopIdleOdsWorker();
 */
export async function stopIdleOdsWorker(): Promise<void> {
  const kept = idle;
  idle = undefined;
  if (kept !== undefined) await kept.worker.terminate();
}

/**
 * Whether a worker is kept idle for the next import.
 * @example
 * await importOfficial(["../shared/data/official"]); hasIdleOdsWorker() // true
 */
export function hasIdleOdsWorker(): boolean {
  return idle !== undefined;
}
