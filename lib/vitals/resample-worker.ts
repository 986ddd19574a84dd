/**
 * Worker thread of lib/vitals/resample-parallel.ts: evaluates claimed chunks of the drawn resamples and
 * tallies into its row of the shared array; on an error it raises the shared error flag (the caller throws).
 */
import { workerData } from "node:worker_threads";
import { evaluateClaimedChunks, type ResampleWorkerData } from "./resample-parallel";

const data = workerData as ResampleWorkerData;
try {
  evaluateClaimedChunks(data);
} catch (error) {
  Atomics.store(data.control, 2, 1);
  Atomics.notify(data.control, 1);
  throw error;
}
