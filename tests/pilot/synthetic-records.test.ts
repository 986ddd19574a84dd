import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pearsonR } from "../../lib/stats/pearson";
import { findRecordFiles, importPilotRecords } from "../../lib/pilot/import-pilot";
import { readInstruments } from "../../lib/pilot/instruments";
import { buildSyntheticPilotDataset } from "../../lib/synthetic/pilot-dataset";
import { choosePilotAreas, generatePilotRecords, itemTruth, SMALL_SAMPLES, syntheticInstruments } from "../../lib/synthetic/pilot-records";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "..", "..");
const DATASET = path.join(ROOT, "datasets", "pilot-records-synthetic");
const KEY = Buffer.from("test-key-for-the-synthetic-pilot");
const areas = Object.freeze([
  { la_code: "E06900001", quality: -1 },
  { la_code: "E06900002", quality: 0 },
  { la_code: "E06900003", quality: 1.5 },
]);

describe("generatePilotRecords", () => {
  test("the same seed gives the same records; another seed different ones", () => {
    const a = generatePilotRecords({ seed: 5, period: 2023, areas });
    const b = generatePilotRecords({ seed: 5, period: 2023, areas });
    const c = generatePilotRecords({ seed: 6, period: 2023, areas });
    assert.deepEqual(a.records, b.records);
    assert.notDeepEqual(a.records, c.records);
  });

  test("plants small samples so that suppression can be seen", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ la_code: `E069000${String(i + 10)}`, quality: 0 }));
    const pilot = generatePilotRecords({ seed: 1, period: 2023, areas: many });
    for (const s of SMALL_SAMPLES) assert.equal(pilot.truth.areas[s.position].respondents[s.instrument], s.respondents);
  });

  test("true shares rise with quality for every item (and audit mean grades fall)", () => {
    for (const ins of syntheticInstruments().instruments) {
      for (const item of ins.items) {
        const lo = itemTruth(item, { intercept: 0.5, loading: 0.8 }, -1);
        const hi = itemTruth(item, { intercept: 0.5, loading: 0.8 }, 1);
        assert.ok(hi.sharePositive > lo.sharePositive, item.id);
        if (item.scale === "audit4") assert.ok(hi.meanScore! < lo.meanScore!);
        if (item.scale === "likert5") assert.ok(hi.meanScore! > lo.meanScore!);
      }
    }
  });

  test("choosePilotAreas draws without replacement and keeps the listed order", () => {
    const list = Array.from({ length: 150 }, (_, i) => i);
    const chosen = choosePilotAreas(list, 20, 2019);
    assert.equal(new Set(chosen).size, 20);
    assert.deepEqual(chosen, [...chosen].sort((x, y) => x - y));
    assert.deepEqual(choosePilotAreas(list, 20, 2019), chosen);
  });
});

describe("datasets/pilot-records-synthetic", () => {
  const truth = JSON.parse(fs.readFileSync(path.join(DATASET, "truth.json"), "utf8"));

  test("is exactly what the generator makes from its recorded source and seed (byte-identical)", () => {
    const out = tempDir("vsw-pilot-gen-");
    const source = path.join(ROOT, truth.areasSource);
    const r = buildSyntheticPilotDataset(out, { seed: truth.seed, source, root: ROOT });
    for (const f of r.files) assert.equal(fs.readFileSync(path.join(out, f), "utf8"), fs.readFileSync(path.join(DATASET, f), "utf8"), f);
  });

  const set = readInstruments(path.join(DATASET, "instruments.json"));
  const codes = fs.readFileSync(path.join(DATASET, "areas.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);
  const result = importPilotRecords(findRecordFiles(DATASET), set, codes, { key: KEY });

  test("covers about 20 LAs, with the planted small samples suppressed", () => {
    assert.equal(codes.length, 20);
    const suppressed = result.estimates.filter((e) => e.status === "suppressed:disclosure");
    assert.ok(suppressed.length > 0);
    for (const s of SMALL_SAMPLES) {
      const la = truth.areas[s.position].la_code;
      assert.ok(suppressed.some((e) => e.la_code === la && e.instrument === s.instrument), `${la} ${s.instrument}`);
    }
  });

  test("estimated shares track the planted truth (r > 0.8) and Wilson intervals cover it about 95% of the time", () => {
    const est: number[] = [];
    const tru: number[] = [];
    let covered = 0;
    for (const e of result.estimates) {
      if (e.status !== "" || e.kind !== "share_positive") continue;
      const t = truth.areas.find((a: { la_code: string }) => a.la_code === e.la_code).indicators[e.indicator];
      est.push(e.estimate);
      tru.push(t);
      if (e.lower <= t && t <= e.upper) covered++;
    }
    const r = pearsonR(est, tru);
    assert.ok(r > 0.8, `r = ${r}`);
    const coverage = covered / est.length;
    assert.ok(coverage > 0.85 && coverage <= 1, `coverage ${coverage} over ${est.length}`);
  });

  test("LA-level estimates go with the LA's latent quality (which drives the synthetic outcome)", () => {
    const q = new Map(truth.areas.map((a: { la_code: string; quality: number }) => [a.la_code, a.quality]));
    const xs: number[] = [];
    const ys: number[] = [];
    for (const e of result.estimates) {
      if (e.status !== "" || e.indicator !== "pilot_case_audit_plan_quality_pct_positive") continue;
      xs.push(q.get(e.la_code) as number);
      ys.push(e.estimate);
    }
    const r = pearsonR(xs, ys);
    assert.ok(r > 0.6, `r = ${r}`);
  });
});
