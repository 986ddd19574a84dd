/**
 * No indicator row is stored for an LA outside its lifespan: a predecessor's value after its last period goes to the
 * successor the reorganisation says the source continued its number for (LAIT's "Dorset (Pre LG)" 835 → Dorset UA
 * 838) unless the successor has a value; everything else outside a lifespan is left out; all logged per source and LA.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { rowsWithinLifespans } from "../../../lib/data/import/lifespans";
import type { IndicatorRow } from "../../../lib/data/types";

const AREAS = buildAreas(
  [
    "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
    "835,E10000009,Dorset,E12000009,South West,2013,2022,Dorset CC (pre-2019); replaced by 838 Dorset UA",
    "838,E06000059,Dorset,E12000009,South West,2018,2025,",
    "839,E06000058,\"Bournemouth, Christchurch and Poole\",E12000009,South West,2018,2025,",
    "928,E10000021,Northamptonshire,E12000004,East Midlands,2013,2025,split",
    "940,E06000061,North Northamptonshire,E12000004,East Midlands,2021,2025,",
    "941,E06000062,West Northamptonshire,E12000004,East Midlands,2021,2025,",
    "201,E09000001,City of London,E13000001,Inner London,2013,2025,",
  ].join("\n"),
  "lookup.csv",
);

const row = (la_code: string, period: number, indicator: string, value: number | null): IndicatorRow =>
  Object.freeze({ la_code, period, indicator, value, numerator: null, denominator: null, status: value === null ? "not-available:-" : "" });

test("a predecessor's value after its last period goes to the successor the source continued its number for, replacing the successor's missing row", () => {
  const rows = Object.freeze([
    row("E10000009", 2019, "a", 11), // within Dorset CC's lifespan: kept
    row("E10000009", 2020, "a", 12.7), // LAIT's 835 after 2019: Dorset UA's
    row("E06000059", 2020, "a", null), // Dorset UA's own missing row of the same source: replaced
    row("E10000009", 2021, "a", 10.3), // no row of Dorset UA: becomes one
    row("E09000001", 2020, "a", 3),
  ]) as IndicatorRow[];
  const log = new ImportLog();
  const kept = rowsWithinLifespans(rows, "bds.parquet", AREAS, log, []);
  assert.deepEqual(kept.map((r) => [r.la_code, r.period, r.value]), [["E10000009", 2019, 11], ["E06000059", 2020, 12.7], ["E06000059", 2021, 10.3], ["E09000001", 2020, 3]]);
  const entries = log.entries();
  assert.deepEqual(entries.map((e) => [e.action, e.file, e.value, e.count]), [["recoded", "bds.parquet", "E10000009 (Dorset, periods …–2019) → E06000059", 2]]);
});

test("a predecessor's value is left out when its successor has a value, the same or another, or another source's missing row", () => {
  const rows = [row("E10000009", 2020, "eet", 48), row("E10000009", 2020, "neet", 41), row("E10000009", 2020, "he", 6)];
  const others = [[row("E06000059", 2020, "eet", 48), row("E06000059", 2020, "neet", 40), row("E06000059", 2020, "he", null)]];
  const log = new ImportLog();
  assert.deepEqual(rowsWithinLifespans(rows, "bds.parquet", AREAS, log, others), []);
  assert.deepEqual(
    log.entries().map((e) => [e.action, e.rule, e.count]),
    [
      ["dropped", "value of a predecessor after its last period left out: its successor has the same value", 1],
      ["dropped", "value of a predecessor after its last period left out: its successor has another value", 1],
      ["dropped", "value of a predecessor after its last period left out: another source gives its successor a missing value", 1],
    ],
  );
});

test("values of a split LA after its end, of a successor before its start, and missing-value rows outside a lifespan are left out and counted per LA", () => {
  const rows = [
    row("E10000021", 2022, "careapps", 8.9), // Northamptonshire after its split: two successors
    row("E06000058", 2019, "careapps", 7.4), // BCP before it existed
    row("E06000058", 2018, "careapps", 6.3),
    row("E10000009", 2021, "x", null), // a placeholder
    row("E06000061", 2022, "careapps", 5),
  ];
  const log = new ImportLog();
  assert.deepEqual(rowsWithinLifespans(rows, "f.parquet", AREAS, log, []), [rows[4]]);
  assert.deepEqual(
    log.entries().map((e) => [e.rule, e.value, e.count]),
    [
      ["value of a predecessor after its last period left out (no single successor the source continued it for)", "E10000021 (Northamptonshire, periods …–2021)", 1],
      ["value for an LA before its first period left out (a figure for the area before the LA existed)", "E06000058 (Bournemouth, Christchurch and Poole, periods 2020–…)", 2],
      ["missing-value row for an LA outside its lifespan left out", "E10000009 (Dorset, periods …–2019)", 1],
    ],
  );
});

test("rows all within their LAs' lifespans are returned as they are, with nothing logged", () => {
  const rows = [row("E10000009", 2019, "a", 1), row("E06000059", 2020, "a", 2), row("E09000001", 2010, "a", 3)];
  const log = new ImportLog();
  assert.equal(rowsWithinLifespans(rows, "f.csv", AREAS, log, []), rows);
  assert.equal(log.entries().length, 0);
});

test("a predecessor's value never overwrites its successor's suppressed, not-applicable or low-reliability row of the same source", () => {
  // a fuzzed school-moves file: Dorset UA's 2024 mid-year moves "c", a row under 835 with 30 of 276 = 11
  const withheld = (status: string): IndicatorRow => Object.freeze({ ...row("E06000059", 2024, status, null), status });
  const rows = Object.freeze([
    withheld("suppressed:c"),
    row("E10000009", 2024, "suppressed:c", 11),
    withheld("not-applicable:z"),
    row("E10000009", 2024, "not-applicable:z", 4),
    withheld("low-reliability:u"),
    row("E10000009", 2024, "low-reliability:u", 9),
  ]) as IndicatorRow[];
  const log = new ImportLog();
  assert.deepEqual(rowsWithinLifespans(rows, "la_cla_school_moves.csv", AREAS, log, []), [rows[0], rows[2], rows[4]]);
  assert.deepEqual(
    log.entries().map((e) => [e.action, e.rule, e.value, e.count]),
    [["dropped", "value of a predecessor after its last period left out: its successor's own row of the same source is withheld (suppressed, not applicable or low reliability), not a gap", "E10000009 (Dorset, periods …–2019)", 3]],
  );
});
