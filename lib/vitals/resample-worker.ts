/**
 * Worker thread of lib/vitals/resample-parallel.ts: evaluates claimed chunks of the drawn resamples and
 * tallies into its row of the shared array; on an error it raises the shared error flag (the caller throws).
 * Its data come as workerData, or by one message when it was started early (prewarmResampleWorkers). It
 * warms up while it has nothing to do (lib/vitals/resample-warm-up.ts): before its first data when started
 * early; when started with them, after its share if that share was too small to have compiled the kernel (a
 * worker that started late may have found every chunk taken and never loaded the t quantile; the caller keeps
 * it idle for the next resampling, which it then serves at full speed). Then it waits for the next
 * resampling's data by message (the caller keeps it idle between resamplings; lib/vitals/resample-parallel.ts).
 * An idle worker may also be given one tail of the r-concave error bound to compute while the caller decides
 * the verdicts (rConcaveTailOnIdleWorker); it writes the number into shared memory. It raises its ready flag
 * (ResampleWorkerStart) once it is loaded (the t quantile's modules too), before any work, so that the caller knows
 * it will read such a job soon; a tail that comes during the warm-up is computed at once and the warm-up goes on (only a resampling's data
 * end it), since it was ending it and leaving the kernel uncompiled for the next resampling.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from "node:worker_threads";
import { evaluateClaimedChunks, runRConcaveTailJob, type RConcaveTailJob, type ResampleWorkerData, type ResampleWorkerStart } from "./resample-parallel";
import { loadTQuantile, WARM_RESAMPLES, warmUpResampling } from "./resample-warm-up";

/** A share of fewer resamples than this leaves the worker to warm up (as many as the warm-up itself runs). */
const WARM_SHARE = WARM_RESAMPLES;

/** Evaluate this worker's share of a resampling; returns how many resamples it evaluated. */
function evaluate(data: ResampleWorkerData): number {
  try {
    return evaluateClaimedChunks(data);
  } catch (error) {
    Atomics.store(data.control, 2, 1);
    Atomics.notify(data.control, 1);
    throw error;
  }
}

/** A message from the caller: a resampling's data, or a tail of the error bound (rConcaveTailOnIdleWorker). */
type WorkerMessage = ResampleWorkerData | RConcaveTailJob;

/** True when the message is a tail of the error bound, not a resampling's data. */
function isTailJob(message: WorkerMessage): message is RConcaveTailJob {
  return "kind" in message && message.kind === "r-concave-tail";
}

/** Do what a message asks; returns the resamples evaluated (0 for a tail). */
function handle(message: WorkerMessage): number {
  if (isTailJob(message)) {
    runRConcaveTailJob(message);
    return 0;
  }
  return evaluate(message);
}

/**
 * Warm up until done or until a resampling's data come (taken off the port between warm-up resamples, so the real
 * work is never kept waiting for more than a few resamples); a tail of the error bound that comes meanwhile is
 * computed at once and the warm-up goes on. Returns the data that came, if any.
 */
function warmUpUntilData(port: MessagePort): ResampleWorkerData | undefined {
  let data: ResampleWorkerData | undefined;
  warmUpResampling(() => {
    while (data === undefined) {
      const message = receiveMessageOnPort(port)?.message as WorkerMessage | undefined;
      if (message === undefined) break;
      if (isTailJob(message)) runRConcaveTailJob(message);
      else data = message;
    }
    return data !== undefined;
  });
  return data;
}

if (parentPort) {
  const port = parentPort;
  const start = workerData as ResampleWorkerStart;
  // ready once the t quantile is loaded too (its first resample would load it anyway): from then on a message is
  // read within a few warm-up resamples
  loadTQuantile();
  Atomics.store(start.ready, 0, 1);
  // started early: warms up before its data; started with them: after a small share (module comment)
  if (start.data === undefined || evaluate(start.data) < WARM_SHARE) {
    for (let data: WorkerMessage | undefined = warmUpUntilData(port); data !== undefined; data = receiveMessageOnPort(port)?.message as WorkerMessage | undefined) handle(data);
  }
  // every later resampling's data, one message each, while the caller keeps this worker
  port.on("message", (message: WorkerMessage) => handle(message));
}
