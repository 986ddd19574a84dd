/**
 * The catalogue domains of LAIT-only measures follow the EES series of the same kind of measure (LAIT_DOMAIN_RULES):
 * a walkthrough found LAIT's attainment outcomes under "reaching-children" and "child-wellbeing" and care leavers'
 * NEET under "child-wellbeing", while their EES equivalents are "child-education".
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { combineLait } from "../../../lib/data/import/lait-combine";
import { laitDomain, laitFrameworkTags } from "../../../lib/data/import/lait-measures";
import type { LaitMeasure, LaitValues } from "../../../lib/data/import/lait-parquet";
import { INDICATOR_META } from "../../../lib/data/import/mappings";

const measure = (code: string, topic: string, unit = "percent") => Object.freeze({ code, measure: `${code} measure`, unit, topic });

test("LAIT attainment, development, absence and exclusion measures are child-education, as their EES equivalents are", () => {
  for (const m of [
    measure("CIN_KS2_ExpStd_M", "Children in Need"),
    measure("CIN_EngMaths9_5", "Children in Need"),
    measure("LAC_KS2_ExpStd_R", "Children Looked After"),
    measure("LAC_KS2_AVG_Prog8_M", "Children Looked After", "score"),
    measure("CIN_Good_Develop", "Children in Need"),
    measure("CINAuthAb_3Term", "Children in Need"),
  ]) {
    assert.equal(laitFrameworkTags(m).framework_area, "education", m.code);
    assert.equal(laitDomain(m), "child-education", m.code);
  }
  // the EES series they stand beside
  assert.equal(INDICATOR_META.cin_ks2_rwm_expected_pct.domain, "child-education");
  assert.equal(INDICATOR_META.cla_ks2_rwm_expected_pct.domain, "child-education");
});

test("care leavers in or out of education, employment or training, and in higher education, are child-education; their accommodation stays child-wellbeing", () => {
  for (const code of ["CareLeaversNEET", "LAC_19_HE"]) assert.equal(laitDomain(measure(code, "Children Looked After")), "child-education", code);
  for (const code of ["CareLeaverEETNum", "LAC_19_HE_num"]) assert.equal(laitDomain(measure(code, "Children Looked After", "count")), "child-education", code);
  assert.equal(INDICATOR_META.care_leavers_eet_19_21_pct.domain, "child-education");
  assert.equal(laitDomain(measure("CareLeaverAccNum", "Children Looked After", "count")), "child-wellbeing");
  assert.equal(INDICATOR_META.care_leavers_suitable_accom_19_21_pct.domain, "child-wellbeing");
});

test("other LAIT-only measures keep their topic's domain", () => {
  assert.equal(laitDomain(measure("CINTime3months", "Children in Need")), "reaching-children");
  assert.equal(laitDomain(measure("CP_Conf_15days", "Child Protection")), "child-safe");
  assert.equal(laitDomain(measure("LAC_Foster_Placements", "Children Looked After")), "child-wellbeing");
  assert.equal(laitDomain(measure("Work_Force_AgencyCover", "Children's Services Workforce")), "workforce");
});

test("combineLait writes the domain into the catalogue row of a LAIT-only measure", () => {
  const areas = buildAreas(["old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note", "201,E09000001,City of London,E12000007,London,2010,2025,"].join("\n"), "lookup.csv");
  const dictionary = new Map<string, LaitMeasure>([["CIN_KS2_ExpStd_M", { code: "CIN_KS2_ExpStd_M", topic: "Children in Need", measure: "% of CIN achieving expected standard KS2 in Maths", polarity: "up", yAxis: "%", description: "d", yearType: "Academic Year" }]]);
  const one = (texts: string[]) => ({ of: Int32Array.of(0), texts });
  const values: LaitValues = { length: 1, code: one(["CIN_KS2_ExpStd_M"]), years: one(["2019"]), laNumber: one(["201"]), laName: one(["City of London"]), status: one([""]), value: Float64Array.of(40), row: Int32Array.of(1) };
  const r = combineLait(dictionary, values, new Map(), [], areas, "bds.parquet", new ImportLog());
  assert.deepEqual(r.catalogue.map((c) => [c.indicator, c.domain]), [["lait_cin_ks2_expstd_m", "child-education"]]);
});
