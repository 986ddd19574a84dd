import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { buildLaProfile, profileIndex, type ProfileIndex } from "../../lib/profile";
import { profileReport } from "../../lib/report/profile-report";
import { benchmarkValue, MIN_COMPUTED_BENCHMARK_LAS } from "../../lib/profile/comparators";

const SYNTHETIC = path.join(__dirname, "..", "..", "datasets", "pilot-synthetic");

/** The synthetic package's index, its first percentage indicator, that indicator's first period and its LA values there. */
function firstPercentage() {
  const index = profileIndex(readPackage(SYNTHETIC));
  const cat = index.catalogue.find((c) => c.unit === "percent")!;
  const [period, byLa] = [...index.byIndicator.get(cat.indicator)!.entries()][0];
  return { index, cat, period, byLa };
}

/** Keep the values of `keep` LAs only (and, with `areasToo`, areas.csv's rows of them), clearing the benchmark cache. */
function keepOnly(index: ProfileIndex, byLa: Map<string, unknown>, keep: readonly string[], areasToo = false): void {
  for (const la of [...byLa.keys()]) if (!keep.includes(la)) byLa.delete(la);
  if (areasToo) index.areas = index.areas.filter((a) => keep.includes(a.la_code));
  index.cache.benchmarks.clear();
}

/** The first LA with a value of each of `n` regions. */
function oneLaPerRegion(index: ProfileIndex, byLa: Map<string, unknown>, n: number): string[] {
  const byRegion = new Map<string, string>();
  for (const a of index.areas) if (byLa.has(a.la_code) && !byRegion.has(a.region_code)) byRegion.set(a.region_code, a.la_code);
  return [...byRegion.values()].slice(0, n);
}

test("an England value is computed from at least 3 LAs with a value; from fewer there is no benchmark (a one-LA package is not England)", () => {
  const { index, cat, period, byLa } = firstPercentage();
  const three = oneLaPerRegion(index, byLa, MIN_COMPUTED_BENCHMARK_LAS);
  keepOnly(index, byLa, three, true);
  const computed = benchmarkValue(index, "england", "E92000001", period, cat, null);
  assert.ok(computed.value !== null && /(pooled from|median of) 3 LAs/.test(computed.source), computed.source);
  keepOnly(index, byLa, three.slice(0, 1));
  assert.deepEqual(benchmarkValue(index, "england", "E92000001", period, cat, null), { value: null, source: "no benchmark: only 1 LA with a value and no published figure" });
});

test("no England value is computed from one region's LAs, or from fewer than half the package's LAs (a walkthrough: 15 Yorkshire LAs called England)", () => {
  const oneRegion = firstPercentage();
  const region = oneRegion.index.areas[0].region_code;
  const inRegion = oneRegion.index.areas.filter((a) => a.region_code === region && oneRegion.byLa.has(a.la_code)).map((a) => a.la_code);
  assert.ok(inRegion.length >= MIN_COMPUTED_BENCHMARK_LAS);
  keepOnly(oneRegion.index, oneRegion.byLa, inRegion);
  assert.deepEqual(benchmarkValue(oneRegion.index, "england", "E92000001", oneRegion.period, oneRegion.cat, null), {
    value: null, source: `no England figure: the ${inRegion.length} LAs with a value are all in one region, and none is published`,
  });
  assert.ok(benchmarkValue(oneRegion.index, "region", region, oneRegion.period, oneRegion.cat, new Set(inRegion)).value !== null, "the region's figure is still computed");
  const few = firstPercentage();
  const spread = oneLaPerRegion(few.index, few.byLa, 3);
  keepOnly(few.index, few.byLa, spread);
  assert.deepEqual(benchmarkValue(few.index, "england", "E92000001", few.period, few.cat, null), {
    value: null, source: `no England figure: only 3 of the package's ${few.index.areas.length} LAs have a value, and none is published`,
  });
});

test("profile.html says in the benchmark note why an indicator has no England figure", () => {
  const { index, cat, period, byLa } = firstPercentage();
  const region = index.areas[0].region_code;
  keepOnly(index, byLa, index.areas.filter((a) => a.region_code === region).map((a) => a.la_code));
  const profile = buildLaProfile(index, index.areas[0].la_code, { neighbours: "context", period });
  const x = profile.indicators.find((i) => i.indicator === cat.indicator)!;
  assert.equal(x.england.value, null);
  assert.equal(x.comparisons.england.outcome, "not-compared");
  const row = profileReport(profile, SYNTHETIC, { now: new Date(0) }).split("<tr>").find((r) => r.includes(`>${x.label}<`))!;
  assert.match(row, /England: no England figure: the \d+ LAs with a value are all in one region, and none is published/);
});
