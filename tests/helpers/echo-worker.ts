/** A worker entry for tests/worker-threads.test.ts: answers with its workerData doubled, from TypeScript. */
import { parentPort, workerData } from "node:worker_threads";

const input: number = workerData;
parentPort?.postMessage(input * 2);
