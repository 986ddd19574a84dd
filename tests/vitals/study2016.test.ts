/**
 * The 2016 feasibility study reproduced on the official data (skipped with the reason when the official
 * folder is absent; required in CI). Expectations come from the study's published Table A2a and Tables 1–4.
 */
import { describe, before } from "node:test";
import assert from "node:assert/strict";
import { loadOfficial } from "../../lib/notebook/official-cache";
import { STUDY_2016_VARIABLES, reproduceStudy2016, type Study2016Reproduction } from "../../lib/vitals/study2016";
import { main } from "../../lib/cli/main";
import { OFFICIAL_DATA_DIR, officialDataAvailable, officialTest } from "../helpers/official";

describe("reproduce-2016 on the official data", () => {
  let r: Study2016Reproduction;
  let dir: string;
  before(async () => {
    if (!officialDataAvailable()) return;
    const official = await loadOfficial(OFFICIAL_DATA_DIR); // imported once per machine (tests/notebook/official-cache.test.ts)
    dir = official.dir;
    r = reproduceStudy2016(official.pkg);
  });

  officialTest("the sample is LAs whose first SIF judgement was published by 31 March 2016", () => {
    assert.equal(r.sample.nLas, 152);
    // the study inspected "about two-thirds" of LAs by then; first judgements by the cut-off are fewer
    assert.ok(r.sample.nLinked > 70 && r.sample.nLinked < 110, `n = ${r.sample.nLinked}`);
    assert.deepEqual(r.sample.distribution.map((d) => d.value), [1, 2, 3, 4]);
  });

  officialTest("Table A2a: the missing-incident variable is the one clear association, as published", () => {
    const missing = r.rows.find((x) => x.variable === 4)!;
    assert.equal(missing.indicator, "cla_missing_pct");
    assert.equal(missing.publishedMultipleR, 0.35181615);
    assert.ok(Math.abs(missing.multipleR - 0.35181615) < 0.1, `R = ${missing.multipleR}`);
    assert.ok(missing.significanceF < 0.01);
    // and in the paper's direction: more missing incidents, better grade
    assert.ok(missing.screen!.spearmanRho > 0);
    for (const x of r.rows.filter((y) => y.variable <= 11 && y.variable !== 4)) {
      assert.ok(x.significanceF > 0.05, `variable ${x.variable} (${x.indicator}) p = ${x.significanceF}`);
    }
  });

  officialTest("the workforce variables cannot be had and say why; the published values are kept beside", () => {
    for (const v of [12, 13, 14]) {
      const x = r.rows.find((y) => y.variable === v)!;
      assert.equal(x.n, 0);
      assert.ok(Number.isNaN(x.multipleR));
      assert.match(x.note ?? "", /30 September 2015 workforce census .* not in the official files/);
      assert.equal(x.publishedMultipleR, STUDY_2016_VARIABLES[v - 1].multiple_r);
    }
  });

  officialTest("Tables 1 and 3 cover all 152 LAs beside the published counts", () => {
    assert.equal(r.table1.reduce((s, t) => s + t.ours, 0), 152);
    assert.equal(r.table3.reduce((s, t) => s + t.ours, 0), 152);
    assert.deepEqual(r.table1.slice(0, 6).map((t) => t.published), [59, 47, 26, 14, 3, 3]);
    assert.deepEqual(r.table3.slice(0, 5).map((t) => t.published), [63, 42, 27, 14, 6]);
    assert.ok(r.table2.some((t) => t.laName === "Salford"), "Salford is among the best in both");
    assert.ok(r.table4.some((t) => t.laName === "Leicester"), "Leicester is among the worst in both");
  });

  officialTest("the CLI prints Table A2a beside the paper from an imported package", async () => {
    const out: string[] = [];
    const code = await main(["reproduce-2016", "--package", dir], { out: (t) => void out.push(t), err: (t) => void out.push(t), isTTY: false });
    assert.equal(code, 0, out.join(""));
    const text = out.join("");
    assert.match(text, /Table A2a/);
    assert.match(text, /cla_missing_pct\s+2015\s+\d+\s+0\.\d{3}\s+0\.352/);
    assert.match(text, /Why the numbers differ/);
  });
});
