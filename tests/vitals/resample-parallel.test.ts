/**
 * Worker threads never change the answer: the resamples are drawn in the calling thread from one seeded
 * stream and only evaluated on the workers (lib/vitals/resample-parallel.ts). 0, 1 and 2 workers give the
 * identical selection, and the identical results.json on a synthetic package.
 */
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { createRng } from "../../lib/stats/random";
import { screenIndicators } from "../../lib/vitals/screen";
import { beginSelection, selectVitalSigns, type SelectionInput } from "../../lib/vitals/selection";
import { idleResampleWorkers, prewarmResampleWorkers, rConcaveTailOnIdleWorker, readyIdleResampleWorkers } from "../../lib/vitals/resample-parallel";
import { rConcaveTail, rConcaveTails } from "../../lib/stats/stability-bounds";
import { warmUpResampling } from "../../lib/vitals/resample-warm-up";
import { syntheticParams, writeSyntheticPilot } from "../../lib/synthetic";
import { readPackage } from "../../lib/data/package";
import type { DataPackage } from "../../lib/data/types";
import { analysePackage } from "../../lib/vitals/analyse";
import { toResults } from "../../lib/vitals/results";
import { resultsWords } from "../../lib/report/results-words";
import { tempDir } from "../helpers/temp-dirs";

/** 120 LAs in two slots (some LAs in one only), 6 indicators with missing values, one context variable. */
function world(seed: number): SelectionInput {
  const rng = createRng(seed);
  const n = 120;
  const slot = () => {
    const z = Float64Array.from({ length: n }, () => rng.nextNormal());
    const values = Array.from({ length: 6 }, (_, j) => Float64Array.from({ length: n }, (_, i) => (i % (j + 5) === 0 ? NaN : rng.nextNormal())));
    const grade = Float64Array.from({ length: n }, (_, i) => (i % 9 === 0 && z.length > 0 ? NaN : 0.6 * values[0][i] - 0.4 * z[i] + rng.nextNormal()));
    return { outcomeBetter: grade, context: [z], values };
  };
  const slots = [slot(), slot()];
  const indicators = Array.from({ length: 6 }, (_, j) => ({ indicator: `x${j}`, domain: "child-safe" as const, polarity: "up" as const }));
  const screen = screenIndicators({
    indicators: indicators.map((d, j) => ({ ...d, values: slots[0].values[j] })),
    outcome: Float64Array.from(slots[0].outcomeBetter, (g) => -g), outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: slots[0].context[0] }],
  });
  return { indicators, screen, contextNames: ["idaci_score"], reliability: new Float64Array(6).fill(0.8), slots };
}

describe("resampling on worker threads", () => {
  const input = world(3);
  for (const resampling of ["complementary-pairs", "bootstrap"] as const) {
    test(`${resampling}: 0, 1 and 2 workers give the identical selection, with every resample reported in order`, () => {
      const one = selectVitalSigns(input, { seed: 9, resamples: 400, resampling, workers: 0, minSlotLas: 10 });
      for (const workers of [1, 2]) {
        const calls: number[] = [];
        const many = selectVitalSigns(input, { seed: 9, resamples: 400, resampling, workers, minSlotLas: 10, onProgress: (done) => calls.push(done) });
        assert.deepEqual(many, one, `${workers} workers`);
        assert.deepEqual(calls, Array.from({ length: 401 }, (_, i) => i));
      }
      assert.ok(one.frequencies.some((f) => f > 0 && f < 1), "the frequencies are not trivial");
      assert.equal(one.bootstrapOffsets.length, 2, "both slots are drawn from");
    });
  }

  test("workers started early (prewarmResampleWorkers) give the identical selection, and wait idle afterwards", () => {
    const one = selectVitalSigns(input, { seed: 5, resamples: 200, workers: 0, minSlotLas: 10 });
    prewarmResampleWorkers(3);
    const warm = selectVitalSigns(input, { seed: 5, resamples: 200, workers: 2, minSlotLas: 10 });
    assert.deepEqual(warm, one);
    // the two that worked went back to the pool, beside the third that was not needed
    assert.equal(idleResampleWorkers(), 3);
    assert.deepEqual(selectVitalSigns(input, { seed: 5, resamples: 200, workers: 1, minSlotLas: 10 }), one);
    assert.equal(idleResampleWorkers(), 3);
  });

  test("workers kept from earlier resamplings evaluate later ones, other data and seeds, with the one-thread answer", () => {
    prewarmResampleWorkers(2);
    for (const seed of [11, 12, 13]) {
      const other = world(seed);
      for (const resampling of ["complementary-pairs", "bootstrap"] as const) {
        const one = selectVitalSigns(other, { seed, resamples: 300, resampling, workers: 0, minSlotLas: 10 });
        assert.deepEqual(selectVitalSigns(other, { seed, resamples: 300, resampling, workers: 2, minSlotLas: 10 }), one, `seed ${seed}, ${resampling}`);
      }
    }
    assert.ok(idleResampleWorkers() >= 2 && idleResampleWorkers() <= 4, `idle workers kept, at most four (got ${idleResampleWorkers()})`);
  });

  test("a worker kept for many resamplings gathers no listeners (no MaxListenersExceededWarning after 15)", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const one = selectVitalSigns(input, { seed: 4, resamples: 40, workers: 0, minSlotLas: 10 });
      for (let k = 0; k < 15; k++) assert.deepEqual(selectVitalSigns(input, { seed: 4, resamples: 40, workers: 1, minSlotLas: 10 }), one);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    assert.deepEqual(warnings.filter((w) => w === "MaxListenersExceededWarning"), []);
  });

  test("after an error on the calling thread (here a progress callback's) the workers it used are ended, not kept", () => {
    prewarmResampleWorkers(2);
    const idleBefore = idleResampleWorkers();
    assert.ok(idleBefore >= 2);
    const failing = (done: number) => {
      if (done === 50) throw new Error("progress callback failed");
    };
    assert.throws(() => selectVitalSigns(input, { seed: 8, resamples: 300, workers: 2, minSlotLas: 10, onProgress: failing }), /progress callback failed/);
    assert.equal(idleResampleWorkers(), idleBefore - 2, "the two workers taken from the pool are not returned to it");
    const one = selectVitalSigns(input, { seed: 8, resamples: 300, workers: 0, minSlotLas: 10 });
    assert.deepEqual(selectVitalSigns(input, { seed: 8, resamples: 300, workers: 2, minSlotLas: 10 }), one);
  });

  test("a worker started early that finished its warm-up before its data came gives the identical selection", () => {
    const one = selectVitalSigns(input, { seed: 6, resamples: 200, workers: 0, minSlotLas: 10 });
    prewarmResampleWorkers(1);
    // long enough for the warm-up (≈ 0.1–0.3 s with start-up) to end on a quiet machine: the data then come by message
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 800);
    assert.deepEqual(selectVitalSigns(input, { seed: 6, resamples: 200, workers: 1, minSlotLas: 10 }), one);
  });

  test("the warm-up a worker started early runs while it waits leaves nothing behind (same selection after it on this thread)", () => {
    const before = selectVitalSigns(input, { seed: 7, resamples: 100, workers: 0, minSlotLas: 10 });
    warmUpResampling();
    assert.deepEqual(selectVitalSigns(input, { seed: 7, resamples: 100, workers: 0, minSlotLas: 10 }), before);
  });

  for (const resampling of ["complementary-pairs", "bootstrap"] as const) {
    test(`${resampling}: a selection begun before its screen (beginSelection) and finished with it gives selectVitalSigns' answer, with 0, 1 and 2 workers`, () => {
      const one = selectVitalSigns(input, { seed: 11, resamples: 300, resampling, workers: 0, minSlotLas: 10 });
      const { screen, reliability, ...withoutScreen } = input;
      for (const workers of [0, 1, 2]) {
        const calls: number[] = [];
        const pending = beginSelection(withoutScreen, { seed: 11, resamples: 300, resampling, workers, minSlotLas: 10, onProgress: (done) => calls.push(done) });
        // the workers evaluate while this thread does other work; progress is reported only by finish, in order
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        assert.deepEqual(calls, [], `${workers} workers: no progress before finish`);
        assert.deepEqual(pending.finish(screen, reliability), one, `${workers} workers`);
        assert.deepEqual(calls, Array.from({ length: 301 }, (_, i) => i));
      }
      // the sign counted is the full-sample one: flipping every screen sign counts the other side's passes
      const flipped = screen.map((row) => ({ ...row, partialR: -row.partialR }));
      const other = beginSelection(withoutScreen, { seed: 11, resamples: 300, resampling, workers: 1, minSlotLas: 10 }).finish(flipped, reliability);
      assert.deepEqual(other, selectVitalSigns({ ...input, screen: flipped }, { seed: 11, resamples: 300, resampling, workers: 0, minSlotLas: 10 }));
      assert.notDeepEqual(Array.from(other.frequencies), Array.from(one.frequencies));
    });
  }

  test("a begun selection that is abandoned, or finished with a screen for other indicators, ends its workers", () => {
    prewarmResampleWorkers(2);
    const idleBefore = idleResampleWorkers();
    assert.ok(idleBefore >= 2);
    const { screen, reliability, ...withoutScreen } = input;
    beginSelection(withoutScreen, { seed: 12, resamples: 300, workers: 2, minSlotLas: 10 }).abandon();
    assert.equal(idleResampleWorkers(), idleBefore - 2, "the two workers taken from the pool are not returned to it");
    prewarmResampleWorkers(2);
    const pending = beginSelection(withoutScreen, { seed: 12, resamples: 300, workers: 2, minSlotLas: 10 });
    assert.throws(() => pending.finish(screen.slice(1), reliability), /one entry per indicator/);
    assert.equal(idleResampleWorkers(), idleBefore - 2);
  });

  test("a tail of the r-concave bound computed on an idle worker is the one computed here, and the worker goes back to the pool", () => {
    const split = rConcaveTails({ q: 10.46, p: 60, threshold: 0.6, pairs: 500 });
    assert.ok("tails" in split);
    prewarmResampleWorkers(1);
    // a tail goes only to a worker that has loaded (the next test): wait for one
    for (let waited = 0; readyIdleResampleWorkers() === 0 && waited < 60_000; waited += 50) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    assert.ok(readyIdleResampleWorkers() > 0, "a worker loaded within a minute");
    const idle = idleResampleWorkers();
    const onWorker = rConcaveTailOnIdleWorker(split.tails[1]);
    assert.ok(onWorker !== undefined);
    assert.equal(idleResampleWorkers(), idle - 1, "taken from the pool while it computes");
    assert.equal(onWorker(), rConcaveTail(split.tails[1]));
    assert.equal(idleResampleWorkers(), idle, "back in the pool");
  });

  test("a tail is not given to a worker still starting (the caller computes it), and one given during the warm-up is answered and the worker then evaluates with the one-thread answer", () => {
    // a fresh process, whose only worker is the one started here
    const script = [
      `const { prewarmResampleWorkers, rConcaveTailOnIdleWorker, readyIdleResampleWorkers, idleResampleWorkers } = require(${JSON.stringify(path.join(__dirname, "../../lib/vitals/resample-parallel"))});`,
      `const { rConcaveTail, rConcaveTails } = require(${JSON.stringify(path.join(__dirname, "../../lib/stats/stability-bounds"))});`,
      `const { selectVitalSigns } = require(${JSON.stringify(path.join(__dirname, "../../lib/vitals/selection"))});`,
      `const { screenIndicators } = require(${JSON.stringify(path.join(__dirname, "../../lib/vitals/screen"))});`,
      `const { createRng } = require(${JSON.stringify(path.join(__dirname, "../../lib/stats/random"))});`,
      "const tail = rConcaveTails({ q: 10.46, p: 60, threshold: 0.6, pairs: 500 }).tails[1];",
      "prewarmResampleWorkers(1);",
      "const whileStarting = rConcaveTailOnIdleWorker(tail) === undefined && idleResampleWorkers() === 1;",
      "for (let waited = 0; readyIdleResampleWorkers() === 0 && waited < 60000; waited += 20) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);",
      // the worker warms up as soon as it is ready: the tail comes during its warm-up
      "const onWorker = rConcaveTailOnIdleWorker(tail);",
      "const sameTail = onWorker !== undefined && onWorker() === rConcaveTail(tail) && idleResampleWorkers() === 1;",
      "const rng = createRng(3); const n = 120;",
      "const slot = () => ({ outcomeBetter: Float64Array.from({ length: n }, () => rng.nextNormal()), context: [Float64Array.from({ length: n }, () => rng.nextNormal())], values: [0, 1, 2].map(() => Float64Array.from({ length: n }, () => rng.nextNormal())) });",
      "const slots = [slot(), slot()];",
      "const indicators = [0, 1, 2].map((j) => ({ indicator: `x${j}`, domain: 'child-safe', polarity: 'up' }));",
      "const screen = screenIndicators({ indicators: indicators.map((d, j) => ({ ...d, values: slots[0].values[j] })), outcome: Float64Array.from(slots[0].outcomeBetter, (g) => -g), outcomeLowerIsBetter: true, context: [{ variable: 'idaci_score', values: slots[0].context[0] }] });",
      "const input = { indicators, slots, contextNames: ['idaci_score'], screen, reliability: new Float64Array(3).fill(0.8) };",
      "const one = JSON.stringify(selectVitalSigns(input, { seed: 4, resamples: 400, workers: 0, minSlotLas: 10 }));",
      "const sameSelection = JSON.stringify(selectVitalSigns(input, { seed: 4, resamples: 400, workers: 1, minSlotLas: 10 })) === one;",
      "console.log(JSON.stringify({ whileStarting, sameTail, sameSelection }));",
    ].join("\n");
    const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { encoding: "utf8", timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1) ?? ""), { whileStarting: true, sameTail: true, sameSelection: true });
  });

  test("a selection begun and then dropped (neither finished nor abandoned) does not keep the process alive", () => {
    const script = [
      `const { beginSelection } = require(${JSON.stringify(path.join(__dirname, "../../lib/vitals/selection"))});`,
      `const { createRng } = require(${JSON.stringify(path.join(__dirname, "../../lib/stats/random"))});`,
      "const rng = createRng(3); const n = 120;",
      "const slot = () => ({ outcomeBetter: Float64Array.from({ length: n }, () => rng.nextNormal()), context: [Float64Array.from({ length: n }, () => rng.nextNormal())], values: [0, 1, 2].map(() => Float64Array.from({ length: n }, () => rng.nextNormal())) });",
      "const indicators = [0, 1, 2].map((j) => ({ indicator: `x${j}`, domain: 'child-safe', polarity: 'up' }));",
      "beginSelection({ indicators, slots: [slot(), slot()], contextNames: ['idaci_score'] }, { seed: 1, resamples: 20000, workers: 1, minSlotLas: 10 });",
    ].join("\n");
    const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { encoding: "utf8", timeout: 20_000 });
    assert.equal(run.error, undefined, "the process ended by itself (no timeout)");
    assert.equal(run.status, 0, run.stderr);
  });

  test("refuses a negative or fractional number of workers", () => {
    assert.throws(() => selectVitalSigns(input, { seed: 1, resamples: 10, workers: -1 }), /workers must be an integer >= 0/);
    assert.throws(() => selectVitalSigns(input, { seed: 1, resamples: 10, workers: 1.5 }), /workers must be an integer >= 0/);
  });
});

describe("results.json with 0, 1 and 2 workers (synthetic package, every judgement: several slots)", () => {
  let pkg: DataPackage;
  const dir = tempDir("vsw-workers-"); // made here, not in the hook: see tempDir
  before(() => {
    writeSyntheticPilot(dir, syntheticParams(7));
    pkg = readPackage(dir);
  });
  test("identical", () => {
    const versions = { package: "test", node: "test", commit: null };
    const run = (workers: number) => {
      const a = analysePackage(pkg, {
        link: { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" }, context: ["idaci_score"], seed: 42, resamples: 200, selection: { workers },
      });
      assert.ok(a.selection.bootstrapOffsets.length > 1, "several slots drawn from");
      return JSON.stringify(toResults(a, pkg.descriptor, versions, resultsWords));
    };
    const one = run(1);
    assert.equal(run(2), one);
    assert.equal(run(0), one);
  });
});
