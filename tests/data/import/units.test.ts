/** Unit tests of the small importer functions, on hand-made inputs (no official files needed). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataErrors } from "../../../lib/errors";
import { areaExistsIn, buildAreas, normaliseAreaName } from "../../../lib/data/import/areas";
import { ImportLog, summariseImportLog } from "../../../lib/data/import/import-log";
import { laitIndicatorId, laitPeriod, laitUnit } from "../../../lib/data/import/lait-parquet";
import { ofstedGrade, ofstedPeriod } from "../../../lib/data/import/ofsted-ods";
import { checkPublishedRates, ratesFromCounts } from "../../../lib/data/import/population";
import { importSfrCsv } from "../../../lib/data/import/sfr-csv";
import type { ContextRow, IndicatorRow } from "../../../lib/data/types";

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  '801,E06000023,"Bristol, City of",E12000009,South West,2013,2025,',
  "835,E10000009,Dorset,E12000009,South West,2013,2022,pre-2019",
  "838,E06000059,Dorset,E12000009,South West,2020,2025,",
  "370,E08000016,Barnsley,E12000003,Yorkshire and The Humber,2013,2025,recode",
  "370,E08000038,Barnsley,E12000003,Yorkshire and The Humber,2025,2025,recode",
  "390,E08000037,Gateshead,E12000001,North East,2013,2025,",
].join("\n");

test("areas: one row per DfE number with the latest ONS code, aliases re-coded, lifespans from the reorganisation rules", () => {
  const a = buildAreas(LOOKUP, "lookup.csv");
  assert.deepEqual(a.areas.map((x) => [x.la_code, x.old_la_code, x.first_period, x.last_period]), [
    ["E06000023", "801", null, null],
    ["E06000059", "838", 2020, null],
    ["E08000037", "390", null, null],
    ["E08000038", "370", null, null],
    ["E10000009", "835", null, 2019],
  ]);
  assert.deepEqual(a.resolve("370", "E08000016"), { laCode: "E08000038", recoded: true });
  assert.deepEqual(a.resolve("", "E08000038"), { laCode: "E08000038", recoded: false });
  assert.equal(a.resolve("370", "E06000023"), undefined, "a number and a code of different LAs do not resolve");
  assert.equal(a.resolve("999", ""), undefined);
  assert.deepEqual(a.resolve("390", "E08000020"), { laCode: "E08000037", recoded: true }, "a documented pre-2013 code is an alias");
  assert.deepEqual([...a.byName("Dorset")].sort(), ["E06000059", "E10000009"]);
  assert.deepEqual(a.byName("Bristol"), ["E06000023"]);
  assert.equal(areaExistsIn(a.get("E10000009")!, 2019), true);
  assert.equal(areaExistsIn(a.get("E10000009")!, 2020), false);
  assert.equal(normaliseAreaName("Bedford Borough"), normaliseAreaName("Bedford"));
  assert.equal(normaliseAreaName("St. Helens"), normaliseAreaName("St Helens"));
});

test("Ofsted: labels map to grades 1–4, old labels to 3, blanks to no judgement, unknown labels to undefined", () => {
  assert.equal(ofstedGrade("Outstanding"), 1);
  assert.equal(ofstedGrade("Good"), 2);
  assert.equal(ofstedGrade("Requires improvement to be good"), 3);
  assert.equal(ofstedGrade("Requires  improvement"), 3);
  assert.equal(ofstedGrade("Adequate"), 3);
  assert.equal(ofstedGrade("Inadequate"), 4);
  assert.equal(ofstedGrade(" -"), null);
  assert.equal(ofstedGrade(""), null);
  assert.equal(ofstedGrade("Satisfactory-ish"), undefined);
  // the latest year ending 31 March on or before publication (the year the inspection judged)
  assert.equal(ofstedPeriod("2014-06-30"), 2014);
  assert.equal(ofstedPeriod("2015-03-30"), 2014);
  assert.equal(ofstedPeriod("2015-03-31"), 2015);
  assert.equal(ofstedPeriod("2015-04-01"), 2015);
  assert.equal(ofstedPeriod("2015-12-31"), 2015);
});

test("rates per 10,000 are count / population × 10,000; a missing count keeps its reason, a missing population says so", () => {
  const ind: readonly IndicatorRow[] = Object.freeze([
    { la_code: "A", period: 2015, indicator: "cin_at31_count", value: 300, numerator: null, denominator: null, status: "" },
    { la_code: "B", period: 2015, indicator: "cin_at31_count", value: null, numerator: null, denominator: null, status: "suppressed:c" },
    { la_code: "C", period: 2015, indicator: "cin_at31_count", value: 10, numerator: null, denominator: null, status: "" },
  ]);
  const pop: readonly ContextRow[] = Object.freeze([
    { la_code: "A", period: 2015, variable: "child_population_0_17", value: 60000 },
    { la_code: "B", period: 2015, variable: "child_population_0_17", value: 1000 },
  ]);
  const r = ratesFromCounts(ind, pop).filter((x) => x.indicator === "cin_rate_per_10k");
  assert.deepEqual(r.map((x) => [x.la_code, x.value, x.numerator, x.denominator, x.status]), [
    ["A", 50, 300, 60000, ""],
    ["B", null, null, 1000, "suppressed:c"],
    ["C", null, 10, null, "not-available:population"],
  ]);
  const published: IndicatorRow[] = [
    { la_code: "A", period: 2015, indicator: "cla_rate_per_10k", value: 50, numerator: 300, denominator: 60000, status: "" },
    { la_code: "B", period: 2015, indicator: "cla_rate_per_10k", value: 99, numerator: 5, denominator: 1000, status: "" },
  ];
  const c = checkPublishedRates(published, "cla_rate_per_10k", pop);
  assert.deepEqual([c.n, c.agree, c.disagree, c.examples[0].la_code], [2, 1, 1, "B"]);
});

test("LAIT year labels, units and ids", () => {
  assert.equal(laitPeriod("2016", "Financial Year"), 2016);
  assert.equal(laitPeriod("2016-17", "Financial Year"), 2017);
  assert.equal(laitPeriod("2016-17 (OT)", "Financial Year"), 2017);
  assert.equal(laitPeriod("2016", "Annual (end of Sept)"), 2017);
  assert.equal(laitPeriod("2014-16", "Annual"), undefined);
  assert.equal(laitPeriod("2018 (Rev)", "Annual"), undefined);
  assert.equal(laitUnit("Rate per 10,000"), "rate_per_10k");
  assert.equal(laitUnit("% of referrals"), "percent");
  assert.equal(laitUnit("Number of children"), "count");
  assert.equal(laitUnit("Unit Cost"), undefined);
  assert.equal(laitIndicatorId("LAC_RetHome_CarePlan_%"), "lait_lac_rethome_careplan_pct");
});

test("SFR CEA files: returns home as part of the care plan = 100 × planned / (planned + not planned); x is suppressed", () => {
  const areas = buildAreas(LOOKUP, "lookup.csv");
  const text = [
    "New_geog_code,geog_l,geog_c,geog_n,CLA_ceaParPlan,CLA_ceaParNPlan",
    "E92000001,NATIONAL,999,ENGLAND,8100,1710",
    "E12000007,REGION,H,INNER LONDON,100,20",
    "E06000023,LA,801,Bristol,30,10",
    "E10000009,LA,835,Dorset,x,4",
    "E08000016,LA,370,Barnsley,0,0",
  ].join("\n");
  const log = new ImportLog();
  const r = importSfrCsv(text, "2015__SFR34_CEA2015.csv", areas, log);
  assert.deepEqual(r.indicators.map((x) => [x.la_code, x.period, x.value, x.numerator, x.denominator, x.status]), [
    ["E06000023", 2015, 75, 30, 40, ""],
    ["E10000009", 2015, null, null, null, "suppressed:x"],
    ["E08000038", 2015, null, 0, 0, "not-applicable:zero-denominator"],
  ]);
  assert.deepEqual(r.benchmarks.map((b) => [b.code, b.numerator, b.denominator]), [
    ["E92000001", 8100, 9810],
    ["E13000001", 100, 120],
  ]);
  assert.throws(() => importSfrCsv(text.replace("30,10", "30,ten"), "2015__SFR34_CEA2015.csv", areas, log), (e: unknown) => e instanceof DataErrors && e.errors[0].column === "CLA_ceaParNPlan" && e.errors[0].value === "ten");
  assert.throws(() => importSfrCsv(text, "SFR34_CEA2015.csv", areas, log), /file name starting with the year/);
});

test("the import log summary counts per action and rule", () => {
  const log = new ImportLog();
  log.add({ action: "dropped", file: "a.csv", rule: "r1", count: 3 });
  log.add({ action: "dropped", file: "b.csv", rule: "r1" });
  log.add({ action: "fixed", file: "a.csv", rule: "r2" });
  const s = summariseImportLog(log.entries());
  assert.deepEqual(s.byAction, { dropped: 4, fixed: 1 });
  assert.deepEqual(s.byRule.find((x) => x.rule === "r1"), { action: "dropped", rule: "r1", count: 4, files: 2 });
});
