import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { startLibraryWorker } from "../lib/worker-threads";
import { ResampleWorkerStart } from "../lib/vitals/resample-parallel";

/** The worker's first message, or its error (the failure a caller would otherwise swallow). */
function firstMessage(dir: string, base: string, data: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = startLibraryWorker(dir, base, { workerData: data });
    worker.once("message", (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

test("a .ts worker entry runs under tsx (it needs tsx's CommonJS hook: a plain new Worker fails with 'Unknown file extension')", async () => {
  assert.equal(path.extname(__filename), ".ts");
  assert.equal(await firstMessage(path.join(__dirname, "helpers"), "echo-worker", 21), 42);
});

// (the returns import's workers are checked to have run in tests/returns/import-parallel.test.ts)
test("the resampling worker's entry loads under tsx, raises its ready flag and waits for its data", async () => {
  for (const [dir, base] of [["vitals", "resample-worker"]]) {
    // started as prewarmResampleWorkers starts it: a ready flag, no data yet
    const ready = new Int32Array(new SharedArrayBuffer(4));
    const worker = startLibraryWorker(path.join(__dirname, "..", "lib", dir), base, { workerData: new ResampleWorkerStart(ready, undefined) });
    const outcome = await new Promise<string>((resolve) => {
      worker.once("error", (e) => resolve(`error: ${e.message}`));
      // a loaded entry waits for its data; give the loader time to fail if it is going to
      setTimeout(() => resolve("loaded"), 1500);
    });
    await worker.terminate();
    assert.equal(outcome, "loaded", `${dir}/${base}`);
    assert.equal(Atomics.load(ready, 0), 1, "the worker raised its ready flag once loaded");
  }
});
