import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { buildAreas } from "../../../lib/data/import/areas";
import { applyEesMappings, readEesTable } from "../../../lib/data/import/ees";
import { ImportLog } from "../../../lib/data/import/import-log";
import { ATTAINMENT_VERSIONS, type EesMapping } from "../../../lib/data/import/mappings";
import { referenceApplyEesMappings, referenceReadEesTable } from "./ees-reference";
import { importOutcome } from "../../helpers/import-outcome";

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,",
  "314,E09000021,Kingston upon Thames,E13000002,Outer London,2013,2025,",
  "318,E09000027,Richmond upon Thames,E13000002,Outer London,2013,2025,",
  "370,E08000016,Barnsley,E12000003,Yorkshire and The Humber,2013,2025,recode",
  "370,E08000038,Barnsley,E12000003,Yorkshire and The Humber,2025,2025,recode",
  "909,E10000006,Cumbria,E12000002,North West,2013,2016,ends",
].join("\n");
const areas = buildAreas(LOOKUP, "lookup.csv");

const HEAD = ["time_period", "geographic_level", "country_code", "region_code", "old_la_code", "new_la_code", "cla_group", "version", "v", "n", "d"];
const MAPPINGS: readonly EesMapping[] = [
  { indicator: "wide", file: /^t\.csv$/, value: { column: "v" }, numerator: { column: "n" }, denominator: { column: "d" } },
  { indicator: "long", file: /^t\.csv$/, value: { column: "v", where: { cla_group: "Pct" } }, numerator: { column: "n", where: { cla_group: "Missing" } }, denominator: { column: "n", where: { cla_group: "All" } } },
  { indicator: "versioned", file: /^t\.csv$/, versions: ATTAINMENT_VERSIONS, value: { column: "v", where: { cla_group: "All" } }, denominator: { column: "d", where: { cla_group: "All" } } },
  { indicator: "computed", file: /^t\.csv$/, valueFromCounts: 100, periodOffset: 1, value: { column: "v", where: { cla_group: "Missing", version: "Final" } }, numerator: { column: "n", where: { cla_group: "Missing", version: "Final" } }, denominator: { column: "d", where: { cla_group: "Missing", version: "Final" } } },
  { indicator: "other file", file: /^u\.csv$/, value: { column: "v" } },
];

const cell = (values: readonly string[]) => fc.constantFrom(...values);
/** A row's cells: from the clean pools (values that read) or from pools with bad values too. */
const row = (clean: boolean) =>
  fc.tuple(
    cell(clean ? ["2015", "201415", " 2016 ", "2017", "2026"] : ["2015", "201415", "2015/16", "2026"]),
    cell(clean ? ["National", "Regional", "Local authority", "Local authority", "Local authority", " Local authority", "Ward"] : ["National", "Regional", "Local authority", "Ward"]),
    cell(["E92000001", "", " E92000001"]),
    cell(clean ? ["E13000002", "E12000003 "] : ["E13000002", ""]),
    cell(clean ? ["301|E09000002", "314|E09000021", "314 / 318|E09000021 / E09000027", "370|E08000016", "370|E08000038", "909|E10000006", "999|E0", " 301|E09000002 ", "|E09000002"] : ["301|E09000002", "301 / 999|"]),
    cell(["All", "Missing", " All", "Pct", "Pct"]),
    cell(clean ? ["Final", "Final", "Revised", "Provisional"] : ["Final", "Draft"]),
    fc.array(cell(clean ? ["1", "c", "x", "", "10", " 7 ", "0", "z", "25", "+4", "007", "-0", "22.5", "1234567890123456"] : ["1", "2.5", "-3", "n/a", "c"]), { minLength: 3, maxLength: 3 }),
  );
const FILE = fc
  .boolean()
  .chain((clean) => fc.array(row(clean), { maxLength: 40 }))
  .map((rows) => [HEAD.join(","), ...rows.map(([tp, level, country, region, la, group, version, cells]) => [tp, level, country, region, ...la.split("|"), group, version, ...cells].join(","))].join("\n"));

/** Rows, log and errors of one import, or the error's messages (the importer's other results left out). */
const outcome = (f: (log: ImportLog) => { indicators: unknown; benchmarks: unknown; mappings: unknown }): unknown => importOutcome((log) => {
  const { indicators, benchmarks, mappings } = f(log);
  return { indicators, benchmarks, mappings };
});

test("readEesTable + applyEesMappings by code give the rows, log and errors (in order) of the reader before it (a string and a key per row)", () => {
  fc.assert(
    fc.property(FILE, fc.boolean(), (text, asBytes) => {
      const expected = outcome((log) => referenceApplyEesMappings(referenceReadEesTable(text, "t.csv", areas, log, ["cla_group", "version", "v", "n", "d"]), MAPPINGS, areas, log));
      const input = asBytes ? Buffer.from(text, "utf8") : text;
      const got = outcome((log) => applyEesMappings(readEesTable(input, "t.csv", areas, log, ["cla_group", "v"]), MAPPINGS, areas, log));
      assert.deepEqual(got, expected, text);
    }),
    { numRuns: 2000 },
  );
});
