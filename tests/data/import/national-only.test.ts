/**
 * A measure-year in which every LA has one value, England's, is a national figure, not LA data: stored as missing
 * (not-available:national-only) with a warning, from LAIT (Stability_School 2018 and 2019 held England's 12 and 5
 * for all 158 LAs) or from any other source. Equal values that are not England's, or whose counts differ, are LA data.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { combineLait } from "../../../lib/data/import/lait-combine";
import type { LaitMeasure, LaitValues } from "../../../lib/data/import/lait-parquet";
import { NATIONAL_ONLY_MIN_LAS, NATIONAL_ONLY_STATUS, judgeByEngland, uniformPeriods, withoutNationalOnly } from "../../../lib/data/import/national-only";
import type { BenchmarkRow, IndicatorRow } from "../../../lib/data/types";

test("uniformPeriods finds the years in which at least NATIONAL_ONLY_MIN_LAS LAs have a value and all the same one", () => {
  const periods = [...Array(12).fill(2018), ...Array(12).fill(2019), ...Array(NATIONAL_ONLY_MIN_LAS - 1).fill(2020), 2018];
  const values = [...Array(12).fill(12), ...Array(11).fill(5), 6, ...Array(NATIONAL_ONLY_MIN_LAS - 1).fill(3), Number.NaN];
  // 2018: twelve 12s and one missing value (not counted); 2019: one LA differs; 2020: too few LAs
  assert.deepEqual(uniformPeriods(periods.length, (k) => periods[k], (k) => values[k]), [{ period: 2018, value: 12, las: 12 }]);
  assert.deepEqual(uniformPeriods(0, () => 0, () => 0), []);
});

const england = (period: number, value: number, indicator = "x_pct"): BenchmarkRow => ({ geography: "england", code: "E92000001", period, indicator, value, numerator: null, denominator: null, status: "" });

const row = (la: number, period: number, value: number | null, indicator = "x_pct"): IndicatorRow =>
  Object.freeze({ la_code: `E0600${String(la).padStart(4, "0")}`, period, indicator, value, numerator: value === null ? null : 1, denominator: value === null ? null : 10, status: value === null ? "suppressed:c" : "" });

test("withoutNationalOnly makes a national figure repeated for every LA missing, logs file, measure and years, and changes nothing else", () => {
  const rows = Object.freeze([
    ...Array.from({ length: 10 }, (_, k) => row(k, 2018, 12)),
    row(10, 2018, null),
    ...Array.from({ length: 10 }, (_, k) => row(k, 2019, k)),
    ...Array.from({ length: 10 }, (_, k) => row(k, 2018, 7, "y_pct")).slice(0, 9), // nine LAs: too few
  ]) as IndicatorRow[];
  const log = new ImportLog();
  const out = withoutNationalOnly(rows, "file.csv", log, [england(2018, 12), england(2018, 7, "y_pct")]);
  assert.equal(out.length, rows.length);
  assert.deepEqual(out.slice(0, 10).map((r) => [r.value, r.numerator, r.denominator, r.status]), Array(10).fill([null, null, null, NATIONAL_ONLY_STATUS]));
  assert.deepEqual(out.slice(10), rows.slice(10));
  const entries = log.entries();
  assert.equal(entries.length, 1);
  assert.deepEqual([entries[0].action, entries[0].file, entries[0].column, entries[0].value, entries[0].count], ["warning", "file.csv", "x_pct", "2018: 12 for all 10 LAs with a value", 10]);
  const untouched = rows.slice(10);
  assert.equal(withoutNationalOnly(untouched, "file.csv", new ImportLog(), []), untouched, "no national figure: the same rows");
});

test("withoutNationalOnly keeps equal LA values that are not England's figure, or whose numerators differ, and warns when England's is not in the file", () => {
  // the fuzzed school-moves file: 12 LAs at 0 (0 of their own totals), the rest "c", England 8 (4,280 of 52,670)
  const zeros = Array.from({ length: 12 }, (_, k) => ({ ...row(k, 2024, 0), numerator: 0, denominator: 200 + k }));
  const eights = Array.from({ length: 12 }, (_, k) => ({ ...row(k, 2023, 8), numerator: 20 + k, denominator: 250 + 12 * k }));
  const unconfirmed = Array.from({ length: 12 }, (_, k) => row(k, 2022, 5));
  const rows = Object.freeze([...zeros, ...eights, ...unconfirmed, ...Array.from({ length: 12 }, (_, k) => row(k, 2024, null))]) as IndicatorRow[];
  const log = new ImportLog();
  assert.equal(withoutNationalOnly(rows, "la_cla_school_moves.csv", log, [england(2024, 8), england(2023, 8), { ...england(2022, 0), value: null, status: "not-available:x" }]), rows);
  assert.deepEqual(
    log.entries().map((e) => [e.action, e.file, e.column, e.value, e.count]),
    [["warning", "la_cla_school_moves.csv", "x_pct", "2022: 5 for all 12 LAs with a value", 12]],
  );
  assert.match(log.entries()[0].rule ?? "", /no England figure in the file to compare it with: kept as LA values/);
});

test("judgeByEngland: England's figure → national, none → unconfirmed, another figure → neither", () => {
  const found = [2018, 2019, 2020].map((period) => ({ period, value: 12, las: 158 }));
  assert.deepEqual(judgeByEngland(found, (p) => (p === 2018 ? 12 : p === 2019 ? 12.5 : undefined)), { national: [found[0]], unconfirmed: [found[2]] });
});

test("combineLait stores a LAIT measure-year of one value for every LA as missing, neither filling the EES series with it nor cross-checking it", () => {
  const las = Array.from({ length: 12 }, (_, k) => ({ number: String(301 + k), code: `E0600${String(k + 1).padStart(4, "0")}` }));
  const areas = buildAreas(["old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note", ...las.map((l, k) => `${l.number},${l.code},LA ${k},E12000001,North East,2010,2025,`)].join("\n"), "lookup.csv");
  const dictionary = new Map<string, LaitMeasure>([
    ["Stability_School", { code: "Stability_School", topic: "Children Looked After", measure: "mid-year moves", polarity: "down", yAxis: "Percent", description: "d", yearType: "Financial Year" }],
    ["LAC_Foster_Placements", { code: "LAC_Foster_Placements", topic: "Children Looked After", measure: "% in foster care", polarity: "up", yAxis: "%", description: "d", yearType: "Financial Year" }],
  ]);
  // Stability_School: 2018 all 12 (national), 2021 varied (fills); LAC_Foster_Placements: 2019 all 70 (national)
  const rows = [
    ...las.map((_, k) => ({ code: 0, year: 0, la: k, value: 12 })),
    ...las.map((_, k) => ({ code: 0, year: 1, la: k, value: k })),
    ...las.map((_, k) => ({ code: 1, year: 2, la: k, value: 70 })),
    { code: 0, year: 0, la: las.length, value: 12 }, // England's rows: the figure repeated
    { code: 1, year: 2, la: las.length, value: 70 },
  ];
  const column = (texts: string[], of: (r: (typeof rows)[number]) => number) => ({ of: Int32Array.from(rows, of), texts });
  const values: LaitValues = {
    length: rows.length,
    code: column(["Stability_School", "LAC_Foster_Placements"], (r) => r.code),
    years: column(["2018", "2021", "2019"], (r) => r.year),
    laNumber: column([...las.map((l) => l.number), "921"], (r) => r.la),
    laName: column([...las.map((_, k) => `LA ${k}`), "England"], (r) => r.la),
    status: column([""], () => 0),
    value: Float64Array.from(rows, (r) => r.value),
    row: Int32Array.from(rows, (_, i) => i + 1),
  };
  // EES has the first LA's 2021 value (agreeing), so LAIT fills the other LA-years
  const ees: IndicatorRow[] = [{ la_code: las[0].code, period: 2021, indicator: "cla_school_midyear_moves_pct", value: 0, numerator: null, denominator: null, status: "" }];
  const log = new ImportLog();
  const r = combineLait(dictionary, values, new Map(), ees, areas, "bds.parquet", log);
  const fills2018 = r.fills.filter((f) => f.period === 2018);
  assert.equal(fills2018.length, 12);
  assert.ok(fills2018.every((f) => f.value === null && f.status === NATIONAL_ONLY_STATUS));
  assert.deepEqual(r.fills.filter((f) => f.period === 2021).map((f) => f.value), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(r.crossCheck.map((c) => [c.indicator, c.overlap, c.agree, c.filled]), [["cla_school_midyear_moves_pct", 1, 1, 11]]);
  assert.ok(r.laitOnly.every((x) => x.indicator === "lait_lac_foster_placements" && x.value === null && x.status === NATIONAL_ONLY_STATUS));
  assert.equal(r.laitOnly.length, 12);
  const warnings = log.entries().filter((e) => e.action === "warning");
  assert.deepEqual(warnings.map((w) => [w.file, w.column, w.value]), [
    ["bds.parquet", "cla_school_midyear_moves_pct (LAIT Stability_School)", "2018: 12 for all 12 LAs with a value"],
    ["bds.parquet", "lait_lac_foster_placements (LAIT LAC_Foster_Placements)", "2019: 70 for all 12 LAs with a value"],
  ]);
});
