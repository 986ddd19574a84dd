import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { profileIndex } from "../../lib/profile";
import { benchmarkValue, MIN_COMPUTED_BENCHMARK_LAS } from "../../lib/profile/comparators";

const SYNTHETIC = path.join(__dirname, "..", "..", "datasets", "pilot-synthetic");

test("an England value is computed from at least 3 LAs with a value; from fewer there is no benchmark (a one-LA package is not England)", () => {
  const index = profileIndex(readPackage(SYNTHETIC));
  const cat = index.catalogue.find((c) => c.unit === "percent")!;
  const byPeriod = index.byIndicator.get(cat.indicator)!;
  const [period, byLa] = [...byPeriod.entries()][0];
  const keep = (n: number) => {
    for (const la of [...byLa.keys()].slice(n)) byLa.delete(la);
    index.cache.benchmarks.clear();
  };
  keep(MIN_COMPUTED_BENCHMARK_LAS);
  const three = benchmarkValue(index, "england", "E92000001", period, cat, null);
  assert.ok(three.value !== null && /(pooled from|median of) 3 LAs/.test(three.source), three.source);
  keep(1);
  assert.deepEqual(benchmarkValue(index, "england", "E92000001", period, cat, null), { value: null, source: "no benchmark: only 1 LA with a value and no published figure" });
});
