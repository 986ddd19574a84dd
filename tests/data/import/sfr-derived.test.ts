import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { importDerivedCla } from "../../../lib/data/import/sfr-derived";
import { referenceImportDerivedCla } from "./sfr-derived-reference";
import { importOutcome } from "../../helpers/import-outcome";

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "301,E09000002,Barking and Dagenham,E13000002,Outer London,2011,2025,",
  "370,E08000016,Barnsley,E12000003,Yorkshire and The Humber,2011,2025,recode",
  "370,E08000038,Barnsley,E12000003,Yorkshire and The Humber,2025,2025,recode",
  "909,E10000006,Cumbria,E12000002,North West,2011,2013,ends",
].join("\n");
const areas = buildAreas(LOOKUP, "lookup.csv");
const HEAD = "geographic_level,old_la_code,new_la_code,la_name,time_period,indicator,value,basis,source";

const cell = (values: readonly string[]) => fc.constantFrom(...values);
/** A row's cells: from clean pools (values that read) or from pools with bad values too. */
const row = (clean: boolean) =>
  fc.tuple(
    cell(clean ? ["Local authority", "Local authority", " Local authority", "National"] : ["Local authority", "National", "Regional"]),
    cell(clean ? ["301|E09000002", "370|E08000016", "370|E08000038", " 909|E10000006", "999|E0", "|E09000002", "301|"] : ["301|E09000002", "999|E0"]),
    cell(clean ? ["2013", "2014", " 2015 "] : ["2014", "201415", "15"]),
    cell(["missing_pct", "missing_children_count", "cla_during_year_count", "away_pct", " cla_rate_per10k", "cla_31mar_count", "sdq_average_score", ...(clean ? [] : ["unknown_pct"])]),
    cell(clean ? ["10", "", "2.5", "0", "c", "12", " 7 ", "-0"] : ["10", "n/a", "-5", "50.5"]),
    cell(["published", "computed from counts", " computed"]),
  );
const FILE = fc
  .boolean()
  .chain((clean) => fc.array(row(clean), { maxLength: 30 }))
  .map((rows) => [HEAD, ...rows.map(([level, la, tp, ind, value, basis]) => [level, ...la.split("|"), "Name", tp, ind, value, basis, "SFR.xlsx"].join(","))].join("\n"));

/** Rows, log and errors of one import, or the error's messages (the importer's other results left out). */
const outcome = (f: (log: ImportLog) => { indicators: unknown; benchmarks: unknown }): unknown => importOutcome((log) => {
  const { indicators, benchmarks } = f(log);
  return { indicators, benchmarks };
});

test("importDerivedCla by code gives the rows, log and errors (in order) of the importer before it (a string and a key per row), from text and from bytes", () => {
  fc.assert(
    fc.property(FILE, fc.boolean(), (text, asBytes) => {
      const expected = outcome((log) => referenceImportDerivedCla(text, "long.csv", areas, log));
      assert.deepEqual(outcome((log) => importDerivedCla(asBytes ? Buffer.from(text) : text, "long.csv", areas, log)), expected, text);
    }),
    { numRuns: 2000 },
  );
});

test("importDerivedCla: a missing column and a repeated one are errors naming them", () => {
  assert.throws(() => importDerivedCla("geographic_level,old_la_code\nNational,\n", "long.csv", areas, new ImportLog()), /column named new_la_code/);
  assert.throws(() => importDerivedCla(`${HEAD},value\n`, "long.csv", areas, new ImportLog()), /column "value": got .*in columns 7 and 10/);
});
