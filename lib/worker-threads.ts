/**
 * Starting the library's worker threads the same way everywhere (vitals resampling, returns import). A worker's
 * entry is the `.ts` file beside its caller under tsx (tests, benchmarks) and the `.js` file when built. Under
 * tsx the worker needs tsx too, and on Node 20 only tsx's CommonJS hook loads a worker's `.ts` entry
 * (`--require tsx/cjs`): an inherited `--import tsx` leaves the entry to the ESM loader, which refuses ".ts"
 * ("Unknown file extension"), and a caller that treats a failed worker as "no help" then silently does all the
 * work on one thread. The worker gets its own Node options (a worker refuses heap flags such as
 * --max-old-space-size) and the calling thread's heap limit, so that flag bounds every thread alike.
 */
import * as path from "node:path";
import * as v8 from "node:v8";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** True when this module runs as TypeScript source (under tsx) rather than from the build. */
const RUNNING_TYPESCRIPT = path.extname(__filename) === ".ts";

/**
 * Start the worker whose entry is `dir/base.ts` under tsx or `dir/base.js` when built.
 * @example startLibraryWorker(__dirname, "resample-worker", { workerData: data })
 */
export function startLibraryWorker(dir: string, base: string, options: WorkerOptions = {}): Worker {
  const entry = path.join(dir, `${base}${RUNNING_TYPESCRIPT ? ".ts" : ".js"}`);
  return new Worker(entry, {
    ...options,
    execArgv: RUNNING_TYPESCRIPT ? ["--require", "tsx/cjs"] : [],
    resourceLimits: { maxOldGenerationSizeMb: Math.ceil(v8.getHeapStatistics().heap_size_limit / 2 ** 20), ...options.resourceLimits },
  });
}
