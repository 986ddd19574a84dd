/**
 * Worker thread of lib/vitals/resample-parallel.ts: evaluates claimed chunks of the drawn resamples and
 * tallies into its row of the shared array; on an error it raises the shared error flag (the caller throws).
 * Its data come as workerData, or by one message when it was started early (prewarmResampleWorkers); then it
 * warms up while it waits. After its share it waits for the next resampling's data by message (the caller
 * keeps it idle between resamplings; lib/vitals/resample-parallel.ts).
 */
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { evaluateClaimedChunks, type ResampleWorkerData } from "./resample-parallel";
import { warmUpResampling } from "./resample-warm-up";

function evaluate(data: ResampleWorkerData): void {
  try {
    evaluateClaimedChunks(data);
  } catch (error) {
    Atomics.store(data.control, 2, 1);
    Atomics.notify(data.control, 1);
    throw error;
  }
}

// started with its data, or started early (prewarmResampleWorkers), warmed up while the caller is busy
// (lib/vitals/resample-warm-up.ts) and given its data by one message
// (and stops warming as soon as the data are there: they are taken off the port between warm-up resamples)
if (parentPort) {
  const port = parentPort;
  if (workerData) evaluate(workerData as ResampleWorkerData);
  else {
    let data: ResampleWorkerData | undefined;
    warmUpResampling(() => {
      data ??= receiveMessageOnPort(port)?.message as ResampleWorkerData | undefined;
      return data !== undefined;
    });
    if (data !== undefined) evaluate(data);
  }
  // every later resampling's data, one message each, while the caller keeps this worker
  port.on("message", (message: ResampleWorkerData) => evaluate(message));
}
