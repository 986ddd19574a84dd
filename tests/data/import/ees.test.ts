import assert from "node:assert/strict";
import { test } from "node:test";
import { DataError, DataErrors } from "../../../lib/errors";
import { buildAreas } from "../../../lib/data/import/areas";
import { applyEesMappings, isEesHeader, parseTimePeriod, readEesTable } from "../../../lib/data/import/ees";
import { ImportLog } from "../../../lib/data/import/import-log";
import type { EesMapping } from "../../../lib/data/import/mappings";

// A small lookup in the format of derived/la_lookup_dfe_ons_codes.csv
const LOOKUP = Object.freeze(
  [
    "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
    "301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,",
    "314,E09000021,Kingston upon Thames,E13000002,Outer London,2013,2025,",
    "318,E09000027,Richmond upon Thames,E13000002,Outer London,2013,2025,",
    "370,E08000016,Barnsley,E12000003,Yorkshire and The Humber,2013,2025,recode",
    "370,E08000038,Barnsley,E12000003,Yorkshire and The Humber,2025,2025,recode",
    "909,E10000006,Cumbria,E12000002,North West,2013,2025,split",
  ].join("\n"),
);
const HEAD = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name";

const WIDE: readonly EesMapping[] = Object.freeze([
  { indicator: "cin_rereferral_pct", file: /^wide\.csv$/, value: { column: "rereferral_percent" }, numerator: { column: "rereferral_count" }, denominator: { column: "referral_count" } },
]);
const LONG: readonly EesMapping[] = Object.freeze([
  {
    indicator: "cla_missing_pct",
    file: /^long\.csv$/,
    value: { column: "number", where: { CLA_group: "Percentage missing" } },
    numerator: { column: "number", where: { CLA_group: "Missing" } },
    denominator: { column: "number", where: { CLA_group: "All" } },
  },
]);

function run(file: string, text: string, mappings: readonly EesMapping[]) {
  const areas = buildAreas(LOOKUP, "lookup.csv");
  const log = new ImportLog();
  const r = applyEesMappings(readEesTable(text, file, areas, log), mappings, areas, log);
  return { ...r, log: log.entries() };
}

test("EES headers are recognised by time_period, geographic_level and an LA code column", () => {
  assert.equal(isEesHeader(HEAD.split(",")), true);
  assert.equal(isEesHeader(["LA num", "LA Name", "SN1"]), false);
  assert.equal(parseTimePeriod("2015"), 2015);
  assert.equal(parseTimePeriod("201415"), 2015);
  assert.equal(parseTimePeriod("201416"), undefined);
});

test("a wide file gives LA rows with numerator and denominator, national/regional rows go to benchmarks, a BOM is ignored", () => {
  const text =
    "\uFEFF" +
    [
      `${HEAD},referral_count,rereferral_count,rereferral_percent`,
      "2025,Reporting year,National,E92000001,England,,,,,,632830,142900,22.6",
      "2025,Reporting year,Regional,E92000001,England,E13000002,Outer London,,,,1000,200,20",
      "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking and Dagenham,3000,600,20",
      "2025,Reporting year,Local authority,E92000001,England,E12000003,Y,370,E08000016,Barnsley,100,c,c",
    ].join("\n");
  const r = run("wide.csv", text, WIDE);
  assert.deepEqual(r.indicators, [
    { la_code: "E09000002", period: 2025, indicator: "cin_rereferral_pct", value: 20, numerator: 600, denominator: 3000, status: "" },
    { la_code: "E08000038", period: 2025, indicator: "cin_rereferral_pct", value: null, numerator: null, denominator: 100, status: "suppressed:c" },
  ]);
  assert.deepEqual(
    r.benchmarks.map((b) => [b.geography, b.code, b.value]),
    [
      ["england", "E92000001", 22.6],
      ["region", "E13000002", 20],
    ],
  );
  assert.ok(r.log.some((e) => e.action === "recoded" && e.value === "E08000016 → E08000038"));
  assert.ok(r.log.some((e) => e.action === "benchmark" && e.count === 2));
});

test("a long file is read through the filter column of the mapping", () => {
  const text = [
    `${HEAD},CLA_group,number`,
    "2024,Reporting year,Local authority,E92000001,England,R,R,301,E09000002,Barking and Dagenham,Percentage missing,12",
    "2024,Reporting year,Local authority,E92000001,England,R,R,301,E09000002,Barking and Dagenham,Missing,60",
    "2024,Reporting year,Local authority,E92000001,England,R,R,301,E09000002,Barking and Dagenham,All,500",
    "2024,Reporting year,Local authority,E92000001,England,R,R,301,E09000002,Barking and Dagenham,Other,1",
  ].join("\n");
  assert.deepEqual(run("long.csv", text, LONG).indicators, [
    { la_code: "E09000002", period: 2024, indicator: "cla_missing_pct", value: 12, numerator: 60, denominator: 500, status: "" },
  ]);
});

test("an unknown cell is a DataError naming file, row, column and value", () => {
  const text = [`${HEAD},referral_count,rereferral_count,rereferral_percent`, "2025,Reporting year,Local authority,E,E,R,R,301,E09000002,B,10,2,n/a"].join("\n");
  assert.throws(
    () => run("wide.csv", text, WIDE),
    (e: unknown) => {
      assert.ok(e instanceof DataErrors);
      const d = e.errors[0];
      assert.deepEqual([d.file, d.row, d.column, d.value], ["wide.csv", 1, "rereferral_percent", "n/a"]);
      return true;
    },
  );
});

test("a duplicate key and a missing expected column are DataErrors", () => {
  const dup = [
    `${HEAD},CLA_group,number`,
    "2024,R,Local authority,E,E,R,R,301,E09000002,B,Percentage missing,12",
    "2024,R,Local authority,E,E,R,R,301,E09000002,B,Percentage missing,13",
  ].join("\n");
  assert.throws(() => run("long.csv", dup, LONG), (e: unknown) => e instanceof DataErrors && e.errors[0].row === 2 && /one row per period/.test(e.errors[0].message));
  const missing = [`${HEAD},referral_count,rereferral_count`, "2025,R,Local authority,E,E,R,R,301,E09000002,B,10,2"].join("\n");
  assert.throws(() => run("wide.csv", missing, WIDE), (e: unknown) => e instanceof DataErrors && e.errors[0].column === "rereferral_percent" && e.errors[0].row === 0);
  assert.throws(() => run("wide.csv", "a,b\n1,2\n", WIDE), DataError);
});

test("an LA code not in the areas table is a logged warning with file, row and value — never silently dropped", () => {
  const text = [`${HEAD},referral_count,rereferral_count,rereferral_percent`, "2025,R,Local authority,E,E,R,R,999,E09999999,Nowhere,10,2,20"].join("\n");
  const r = run("wide.csv", text, WIDE);
  assert.equal(r.indicators.length, 0);
  const w = r.log.find((e) => e.action === "warning");
  assert.deepEqual([w?.file, w?.row, w?.value], ["wide.csv", 1, "999 / E09999999"]);
});

test("a joint row (314 / 318) is attached to both LAs as a shared rate without counts, and logged", () => {
  const text = [`${HEAD},referral_count,rereferral_count,rereferral_percent`, "2025,R,Local authority,E,E,R,R,314 / 318,E09000021 / E09000027,K / R,10,2,20"].join("\n");
  const r = run("wide.csv", text, WIDE);
  assert.deepEqual(
    r.indicators.map((x) => [x.la_code, x.value, x.numerator, x.denominator]),
    [
      ["E09000021", 20, null, null],
      ["E09000027", 20, null, null],
    ],
  );
  assert.ok(r.log.some((e) => e.action === "merged" && e.count === 2));
});

test("placeholder rows of an LA outside its lifespan are dropped and logged; values are left to the import's lifespan rule (lifespans.ts)", () => {
  const text = [
    `${HEAD},referral_count,rereferral_count,rereferral_percent`,
    "2024,R,Local authority,E,E,R,R,909,E10000006,Cumbria,x,x,x",
    "2025,R,Local authority,E,E,R,R,909,E10000006,Cumbria,10,1,10",
  ].join("\n");
  const r = run("wide.csv", text, WIDE);
  assert.deepEqual(r.indicators.map((x) => x.period), [2025]);
  assert.ok(r.log.some((e) => e.action === "dropped" && e.count === 1));
  assert.ok(!r.log.some((e) => e.action === "warning"));
});

test("an LA's percentage more than rounding from its own numerator / denominator is kept and warned about, naming row and counts; national rows (counts rounded to tens) are not checked", () => {
  const text = [
    `${HEAD},rereferral_count,referral_count,rereferral_percent`,
    "2023,Financial year,National,E92000001,England,,,,,,550,10020,6", // 5.49: counts rounded, not checked
    "2023,Financial year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking and Dagenham,68,691,1e2",
    "2023,Financial year,Local authority,E92000001,England,E13000002,Outer London,314,E09000021,Kingston upon Thames,58,471,.5",
    "2023,Financial year,Local authority,E92000001,England,E13000002,Outer London,318,E09000027,Richmond upon Thames,30,276,11", // 10.87: rounding
  ].join("\n");
  const r = run("wide.csv", text, WIDE);
  assert.deepEqual(r.indicators.map((x) => x.value), [100, 0.5, 11]);
  const warnings = r.log.filter((e) => e.rule?.startsWith("percentage more than rounding"));
  assert.deepEqual(warnings.map((e) => [e.action, e.file, e.column, e.value, e.count]), [["warning", "wide.csv", "cin_rereferral_pct", "row 2: 100 beside 68 of 691 (9.84); row 3: 0.5 beside 58 of 471 (12.31)", 2]]);
});
