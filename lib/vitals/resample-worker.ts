/**
 * Worker thread of lib/vitals/resample-parallel.ts: evaluates claimed chunks of the drawn resamples and
 * tallies into its row of the shared array; on an error it raises the shared error flag (the caller throws).
 * Its data come as workerData, or by one message when it was started early (prewarmResampleWorkers).
 */
import { parentPort, workerData } from "node:worker_threads";
import { evaluateClaimedChunks, type ResampleWorkerData } from "./resample-parallel";

function evaluate(data: ResampleWorkerData): void {
  try {
    evaluateClaimedChunks(data);
  } catch (error) {
    Atomics.store(data.control, 2, 1);
    Atomics.notify(data.control, 1);
    throw error;
  }
}

// started with its data, or started early (prewarmResampleWorkers) and given its data by one message
if (workerData) evaluate(workerData as ResampleWorkerData);
else parentPort?.once("message", (data: ResampleWorkerData) => evaluate(data));
