import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import type { OhidMapping } from "../../../lib/data/import/mappings";
import { importOhid, valueNotesOfLog } from "../../../lib/data/import/ohid-fingertips";
import { referenceImportOhid } from "./ohid-fingertips-reference";
import { importOutcome } from "../../helpers/import-outcome";

const LOOKUP = ["old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note", "805,E06000001,Hartlepool,E12000001,North East,2013,2025,", "370,E08000016,Barnsley,E12000003,Y,2013,2025,recode", "370,E08000038,Barnsley,E12000003,Y,2025,2025,recode"].join("\n");
const areas = buildAreas(LOOKUP, "lookup.csv");
const OHID: readonly OhidMapping[] = [
  { indicator: "injuries", file: /^admissions\.csv$/, indicatorId: "90284", sex: "Persons", age: "<15 yrs" },
  { indicator: "other", file: /^admissions\.csv$/, indicatorId: "111", sex: "Male", age: "All ages" },
];
const HEAD = "Indicator ID,Indicator Name,Area Code,Area Type,Sex,Age,Category Type,Time period,Value,Count,Denominator,Value note";

const cell = (values: readonly string[]) => fc.constantFrom(...values);
const row = (clean: boolean) =>
  fc.tuple(
    cell(["90284", "111", " 90284", "222"]),
    cell(["E92000001|England", "E06000001|Counties & UAs (from Apr 2023)", "E08000016|Counties & UAs (from Apr 2023)", "E06000099|Counties & UAs (from Apr 2023)", "E12000001|Regions"]),
    cell(["Persons", "Male", " Persons"]),
    cell(["<15 yrs", "All ages"]),
    cell(["", "", "", '"County & UA deprivation deciles in England (IMD2019, 4/19 and 4/20 geog.)"']),
    cell(clean ? ["2022/23", "2023/24", " 2023/24 "] : ["2023/24", "2023", "2023/25"]),
    fc.array(cell(clean ? ["104.9", "", "130", " 7 ", "16780", "0"] : ["104.9", "n/a", "c"]), { minLength: 3, maxLength: 3 }),
    cell(["", "", '"Should be treated with caution, as it, contains ""areas"""', "note"]),
  );
const FILE = fc
  .boolean()
  .chain((clean) => fc.array(row(clean), { maxLength: 30 }))
  .map((rows) => [HEAD, ...rows.map(([id, area, sex, age, cat, tp, nums, note]) => [id, "Name", ...area.split("|"), sex, age, cat, tp, ...nums, note].join(","))].join("\n"));

/** Rows, log and errors of one import, or the error's messages (the importer's other results left out). */
const outcome = (f: (log: ImportLog) => { indicators: unknown; benchmarks: unknown; mappings: unknown }): unknown => importOutcome((log) => {
  const { indicators, benchmarks, mappings } = f(log);
  return { indicators, benchmarks, mappings };
});

test("importOhid by column gives the rows, log and errors (in order) of the importer before it (parseCsv rows), from text and from bytes", () => {
  fc.assert(
    fc.property(FILE, fc.boolean(), (text, asBytes) => {
      const expected = outcome((log) => referenceImportOhid(text, "admissions.csv", OHID, areas, log));
      assert.deepEqual(outcome((log) => importOhid(asBytes ? Buffer.from(text) : text, "admissions.csv", OHID, areas, log)), expected, text);
    }),
    { numRuns: 1500 },
  );
});

test("a value note is logged with the areas of its imported rows: the package keeps the values, not the note (Cornwall and the Isles of Scilly combined)", () => {
  const text = [
    HEAD,
    "90284,Name,E92000001,England,Persons,<15 yrs,,2023/24,104.9,100,10000,",
    "90284,Name,E08000016,Counties & UAs (from Apr 2023),Persons,<15 yrs,,2023/24,51.6,450,87281,Value for Cornwall and Isles of Scilly combined",
    "90284,Name,E06000001,Counties & UAs (from Apr 2023),Persons,<15 yrs,,2023/24,,,,Value for Cornwall and Isles of Scilly combined",
    "90284,Name,E12000001,Regions,Persons,<15 yrs,,2023/24,90,9,1000,Regional note",
  ].join("\n");
  const log = new ImportLog();
  importOhid(text, "admissions.csv", OHID, areas, log);
  const notes = log.entries().filter((e) => e.rule.startsWith("OHID value note"));
  assert.deepEqual(notes.map((e) => [e.value, e.count, e.detail]), [
    ["Value for Cornwall and Isles of Scilly combined", 2, "areas: E06000001, E08000038; periods: 2024"], // Barnsley by its canonical code
    ["Regional note", 1, "areas: none imported (rows of other area types)"],
  ]);
  // the package's provenance gets them back as data (a profile names its LA's), the note of no imported row left out
  assert.deepEqual(valueNotesOfLog(log.entries()), [{ file: "admissions.csv", note: "Value for Cornwall and Isles of Scilly combined", areas: ["E06000001", "E08000038"], periods: [2024] }]);
  assert.ok(notes.every((e) => e.rule === "OHID value note (the package keeps the values, not the note: read the values of these areas with it)"));
});
