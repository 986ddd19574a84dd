import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { isLaitCscMeasure, laitCounterparts, laitIndicatorId, laitUnit, readLaitDictionary } from "../../lib/data/import/lait-parquet";
import { INDICATOR_META } from "../../lib/data/import/mappings";
import { RETURNS_CATALOGUE } from "../../lib/returns/catalogue";
import { officialFile, officialTest } from "../helpers/official";

/** The returns indicators the official import gives only from LAIT, by the LAIT measure (Measure_short) it has them from. */
const FROM_LAIT: Readonly<Record<string, string>> = { lait_continue_assess_comp: "Continue_Assess_Comp" };

test("every returns indicator has the id the official import gives the same measure, so an LA's figure meets the published ones (and their benchmarks)", () => {
  for (const { indicator } of RETURNS_CATALOGUE) {
    const code = FROM_LAIT[indicator];
    if (code === undefined) {
      assert.ok(indicator in INDICATOR_META, `${indicator} is no id of the official import`);
      continue;
    }
    // a LAIT measure without an EES counterpart is imported under laitIndicatorId (lib/data/import/lait-combine)
    assert.equal(laitIndicatorId(code), indicator);
    assert.equal(laitCounterparts().has(code), false, `${code} is imported under its EES id`);
  }
  // assessments within 45 working days had an id of its own, cin_assessments_45wd_pct, which nothing published
  assert.ok(RETURNS_CATALOGUE.some((r) => r.indicator === "lait_continue_assess_comp"));
});

officialTest("LAIT's Continue_Assess_Comp is a children's social care measure of the returns indicator's unit and polarity", () => {
  const dictionary = readLaitDictionary(fs.readFileSync(officialFile("lait", "lait_data_dictionary.csv"), "utf8"), "lait_data_dictionary.csv");
  const returns = RETURNS_CATALOGUE.find((r) => r.indicator === "lait_continue_assess_comp")!;
  for (const [indicator, code] of Object.entries(FROM_LAIT)) {
    const measure = dictionary.get(code);
    assert.ok(measure !== undefined && isLaitCscMeasure(dictionary, code), `${code} imported by the official import`);
    assert.equal(indicator, returns.indicator);
    assert.equal(measure.polarity, returns.polarity);
    assert.equal(laitUnit(measure.yAxis), returns.unit);
    assert.match(measure.measure, /assessments completed within 45 working days/i);
  }
});
