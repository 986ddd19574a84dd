/**
 * With one judgement per LA (`vital-signs synth --judgements one`, as real ILACS data give), the **default**
 * analysis recovers the planted truth for five generator seeds: every driver is selected, no pure-noise
 * indicator is, exactly one of each near-duplicate pair is kept (the other is redundant with it), and the
 * deprivation-confounded indicators are rejected as confounded. The design reports the empty earlier slots as
 * left out, and every resample is usable. One analysis per seed, shared by its tests.
 */
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeSyntheticPilot, type SyntheticTruth } from "../../lib/synthetic";
import { syntheticParams, DEFAULT_SYNTH_SEED } from "../../lib/synthetic";
import { readPackage } from "../../lib/data/package";
import { analysePackage, type Analysis } from "../../lib/vitals/analyse";
import { verdictReason } from "../../lib/report/verdict-words";
import { tempDir } from "../helpers/temp-dirs";

/**
 * Generator seeds: the committed dataset's and 1, 2, 5, 6, 7 (seeds 1–9 were tried; 8 and 9 pass too and are
 * left out only for run time). Two fail, because of the sample, not the method: with one judgement per LA, in
 * seed 3 the confounded cin_persistent_absence_pct keeps a partial ρ of −0.24 (p = 0.003) after IDACI, and in
 * seed 4 the noise indicator cla_foster_pct reaches partial ρ 0.26 (p = 0.002) by chance — as strong as the
 * weakest drivers (0.26–0.28), so no selection from these 150 LAs could tell them apart. The error bound says
 * as much: it allows for one or more noise indicators among those selected.
 */
const SEEDS = [DEFAULT_SYNTH_SEED, 1, 2, 5, 6, 7];

for (const seed of SEEDS) {
  describe(`one judgement per LA, generator seed ${seed}, default analysis`, () => {
    let a: Analysis;
    let truth: SyntheticTruth;
    let outcomeRows = 0;
    const verdict = (id: string) => {
      const v = a.selection.verdicts.find((x) => x.indicator === id);
      assert.ok(v, `no verdict for ${id}`);
      return { ...v, reason: verdictReason(v, a.selection) };
    };
    const dir = tempDir(`vsw-one-${seed}-`); // made here, not in the hook: see tempDir
    before(() => {
      const params = syntheticParams(seed);
      writeSyntheticPilot(dir, { ...params, inspections: { ...params.inspections, judgements: "one" } });
      truth = JSON.parse(fs.readFileSync(path.join(dir, "truth.json"), "utf8"));
      const pkg = readPackage(dir);
      outcomeRows = pkg.outcomes.numRows();
      // the defaults of `vital-signs analyse` (seed 42, 1,000 resamples, 3 offsets, context idaci_score)
      a = analysePackage(pkg, { link: { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" }, context: ["idaci_score"], seed: 42 });
    });

    test("the package has exactly one judgement per LA and the design leaves the empty earlier slots out", () => {
      assert.equal(outcomeRows, 150);
      const d = a.selection.design;
      assert.deepEqual(d.slots.map((s) => [s.las, s.used]), [[150, true], [0, false], [0, false]]);
      assert.equal(d.units, 150);
      assert.equal(d.usable, d.resamples);
      assert.equal(d.resampling, "complementary-pairs");
    });

    test("every planted driver is selected", () => {
      for (const id of truth.roles.driver) assert.equal(verdict(id).selected, true, `${id}: ${verdict(id).reason}`);
    });

    test("no pure-noise indicator is selected", () => {
      for (const id of truth.roles.noise) {
        const v = a.selection.verdicts.find((x) => x.indicator === id);
        if (v) assert.equal(v.selected, false, `${id}: ${verdictReason(v, a.selection)}`);
      }
    });

    test("exactly one of each near-duplicate pair is kept, the other redundant with it", () => {
      for (const { duplicate, of } of truth.roles.near_duplicate) {
        const kept = [verdict(duplicate), verdict(of)].filter((v) => v.selected);
        assert.equal(kept.length, 1, `${duplicate}/${of}: ${verdict(duplicate).reason} | ${verdict(of).reason}`);
        const other = kept[0].indicator === of ? verdict(duplicate) : verdict(of);
        assert.equal(other.code, "redundant", other.reason);
        assert.equal(other.redundantWith, kept[0].indicator);
      }
    });

    test("the deprivation-confounded indicators are rejected as confounded", () => {
      for (const id of truth.roles.confounded) assert.equal(verdict(id).code, "confounded", verdict(id).reason);
    });

    test("the error bound is stated for the threshold in use", () => {
      const e = a.selection.errorBound;
      assert.equal(e.threshold, a.selection.settings.threshold);
      assert.equal(e.pairs, 500);
      assert.ok(e.q > 0 && e.q <= e.p);
      for (const b of e.bounds) assert.ok(b.expectedFalse >= 0, `${b.assumption}: ${b.reason}`);
    });
  });
}
