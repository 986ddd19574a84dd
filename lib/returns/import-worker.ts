/**
 * Worker thread of lib/returns/import-parallel: computes the SSDA903 and CIN units of the LAs it is given and
 * posts them back (plain data: log calls, counts, errors as data). Record-level data stays inside this thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { computeUnits } from "./import-returns";
import type { ImportWorkerData } from "./import-parallel";

const data = workerData as ImportWorkerData;
const units = computeUnits(data.ssda903, data.cin, Buffer.from(data.key));
parentPort!.postMessage({ ssda903: [...units.ssda903], cin: [...units.cin] });
