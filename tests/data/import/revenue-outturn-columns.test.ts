/**
 * readRevenueOutturn reads only the columns it uses (revenueOutturnColumns): its result and log are those of
 * reading every column, on the official RO3 and RSX workbooks and on synthetic ones with content only in
 * columns it does not read; and the filter keeps every column the importer reads, so a needed column dropped
 * from it fails here.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { after, test } from "node:test";
import fc from "fast-check";
import { DataError, DataErrors } from "../../../lib/errors";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { FINANCE_MAPPINGS, type FinanceMapping } from "../../../lib/data/import/mappings";
import { odsColumnsWanted } from "../../../lib/data/import/ods-prefetch";
import { readRevenueOutturn, revenueOutturnColumns, revenueOutturnSheet } from "../../../lib/data/import/revenue-outturn-ods";
import { odsSheetNames, readOdsSheets } from "../../../lib/data/import/spreadsheet/ods";
import { odsFromSheets, odsFromTables } from "../../helpers/ods";
import { officialFile, officialTest } from "../../helpers/official";
import { FUZZ_SEED } from "../../fuzz/fuzz-settings";

const LOOKUP_HEAD = "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note";

type Outcome = { result: ReturnType<typeof readRevenueOutturn>; log: string } | { error: string };

/** The result and log of readRevenueOutturn reading only its columns and reading all of them (or their errors). */
function bothWays(bytes: Uint8Array, lookup: string, mappings: readonly FinanceMapping[]): { filtered: Outcome; full: Outcome } {
  const run = (all: boolean): Outcome => {
    const log = new ImportLog();
    try {
      const names = odsSheetNames(bytes, "RO.ods");
      return { result: readRevenueOutturn(bytes, "RO.ods", names, mappings, buildAreas(lookup, "lookup.csv"), log, all), log: JSON.stringify(log) };
    } catch (e) {
      if (e instanceof DataErrors || e instanceof DataError) return { error: e.message };
      throw e;
    }
  };
  return { filtered: run(false), full: run(true) };
}

/** An official finance workbook: its bytes, sheet names and every column of its data sheet's rows. */
interface OfficialWorkbook { file: string; bytes: Uint8Array; names: string[]; rows: string[][] }

const officialWorkbooks = new Map<string, OfficialWorkbook>();
// the test runner may go on to other files in this process: the workbooks' rows are not kept for them
after(() => officialWorkbooks.clear());

/**
 * The official workbook `name` read once for the tests of this file (the RO3 sheet read whole took ≈ 1.5 s here,
 * and two tests read it whole; readRevenueOutturn's own reads, which are what the tests compare, are not shared).
 */
function officialWorkbook(name: string): OfficialWorkbook {
  let workbook = officialWorkbooks.get(name);
  if (!workbook) {
    const file = officialFile("finance", name);
    const bytes = fs.readFileSync(file);
    const names = odsSheetNames(bytes, file);
    const sheet = revenueOutturnSheet(names)!.sheet;
    workbook = { file, bytes, names, rows: readOdsSheets(bytes, file, [sheet])[0].rows };
    officialWorkbooks.set(name, workbook);
  }
  return workbook;
}

/** A lookup naming, as LAs, the authorities of the classes that run children's services in a full read of the sheet. */
function lookupOfLas({ file, rows }: OfficialWorkbook): string {
  const header = rows.find((r) => r[0]?.trim() === "E-code")!.map((h) => h.trim());
  const cls = header.indexOf("Class");
  const las = rows.filter((r) => /^E\d{8}$/.test((r[1] ?? "").trim()) && ["UA", "MD", "LB", "SC"].includes((r[cls] ?? "").trim()));
  assert.ok(las.length > 100, `LAs in ${file}: ${las.length}`);
  return [LOOKUP_HEAD, ...las.map((r, k) => `${100 + k},${r[1].trim()},LA ${k},E12000001,North East,2013,2025,`)].join("\n");
}

for (const name of ["RO3_LA_Data_2024-25_data_by_LA.ods", "RSX_LA_Data_2024-25_data_by_LA.ods"]) {
  officialTest(`official ${name.slice(0, 3)}: the same rows, cells and log reading only the columns used as reading all`, () => {
    const workbook = officialWorkbook(name);
    const { filtered, full } = bothWays(workbook.bytes, lookupOfLas(workbook), FINANCE_MAPPINGS);
    assert.ok("result" in full && full.result.rows.length > 100);
    assert.deepEqual(filtered, full);
  });
}

officialTest("official RO3: the filter keeps the codes, the name, Class and every mapped column, and reads about 2 % of the cells", () => {
  const { names, rows } = officialWorkbook("RO3_LA_Data_2024-25_data_by_LA.ods");
  const header = rows.find((r) => r[0]?.trim() === "E-code")!;
  const filter = odsColumnsWanted("revenue-outturn-ods", names)!;
  const kept = new Set(filter.columnsAfter(header));
  const trimmed = header.map((h) => h.trim());
  const needed = [0, 1, 2, trimmed.indexOf("Class")];
  for (const m of FINANCE_MAPPINGS.filter((m) => m.workbook === "RO3")) {
    for (const label of [m.numerator, m.denominator]) if (label !== "child_population_0_17") needed.push(trimmed.findIndex((h) => h.startsWith(label)));
  }
  assert.ok(needed.every((c) => c >= 0 && kept.has(c)), `needed ${needed} kept ${[...kept]}`);
  assert.ok(kept.size < 12 && header.length > 400, `${kept.size} of ${header.length} columns`);
});

const HEADER = ["E-code", "ONS Code", "Local authority", "Notes", "Class", "Spare", "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure", "Other - Net Current Expenditure", "Children's social care - Children Looked After - Net Current Expenditure"];
const MAPPINGS: readonly FinanceMapping[] = [
  { indicator: "csc_spend_per_child", workbook: "RO3", numerator: "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure", denominator: "child_population_0_17", scale: 1000 },
  { indicator: "csc_cla_spend_share_pct", workbook: "RO3", numerator: "Children's social care - Children Looked After - Net Current Expenditure", denominator: "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure", scale: 100 },
];
const LOOKUP = [LOOKUP_HEAD, "805,E06000001,Hartlepool,E12000001,North East,2013,2025,", "202,E09000007,Camden,E13000001,Inner London,2013,2025,"].join("\n");

test("synthetic RO3: rows whose only content is in columns not read are counted as the full read counts them; bad cells there are no error", () => {
  const rows = [
    ["Worksheet 2: RO3"],
    HEADER,
    ["E5011", "E09000007", "Camden", "", "LB", "x", "100", "lots", "40"],
    ["E0702", "E06000001", "Hartlepool", "M", "UA", " ", "[x]", "[z]", "[x]"],
    ["", "", "", "", "SD", "", "", "note only here"],
    ["", "", "", "", "SD", "  "],
    ["", "", "", "", "SC", "", "", "", "", "far right"],
    ["E3831", "E07000223", "Adur", "", "SD", "", "0", "0", "0"],
    ["Eng", "E92000001", "ENGLAND", "", "Eng", "", "900", "1", "300"],
    HEADER,
    ["[Y]", "E06", "Unitary Authorities", "", "UA", "", "54", "1", "2"],
  ];
  const { filtered, full } = bothWays(odsFromSheets({ Front_Page: [["Revenue outturn"]], RO3_LA_Data_202425: rows }), LOOKUP, MAPPINGS);
  assert.ok("result" in full && full.result.rows.length === 3, JSON.stringify(full));
  assert.deepEqual(filtered, full);
  // a mapped column with a bad cell is the same error both ways
  const bad = rows.map((r) => (r[1] === "E09000007" ? [...r.slice(0, 6), "lots", ...r.slice(7)] : r));
  const both = bothWays(odsFromSheets({ RO3_LA_Data_202425: bad }), LOOKUP, MAPPINGS);
  assert.ok("error" in both.full && /got "lots"/.test(both.full.error), JSON.stringify(both.full));
  assert.deepEqual(both.filtered, both.full);
});

test("synthetic RO3 with repeats and numeric cells: a cell repeated across read and unread columns, and a bad number in a column not read", () => {
  const text = (v: string, repeat = 1) => `<table:table-cell office:value-type="string"${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ""}><text:p>${v}</text:p></table:table-cell>`;
  const num = (v: string, repeat = 1) => `<table:table-cell office:value-type="float" office:value="${v}"${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ""}><text:p>${v}</text:p></table:table-cell>`;
  const row = (cells: string[]) => `<table:table-row>${cells.join("")}</table:table-row>`;
  const table = [
    row(HEADER.map((h) => text(h))),
    row([text("E5011"), text("E09000007"), text("Camden"), text(""), text("LB"), num("1e999"), num("7", 3)]),
    row([text("E0702"), text("E06000001"), text("Hartlepool"), text("", 3), num("12", 4)]),
    '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="9"/></table:table-row>',
    row([text("Eng"), text("E92000001"), text("ENGLAND"), text(""), text("Eng"), text(" "), num("5"), text("[x]"), num("2")]),
  ].join("");
  const bytes = odsFromTables(`<table:table table:name="RO3_LA_Data_202425">${table}</table:table>`);
  const { filtered, full } = bothWays(bytes, LOOKUP, MAPPINGS);
  // the full read rejects 1e999 (not a finite office:value) in the "Spare" column, which the importer does not read
  assert.ok("error" in full && /1e999/.test(full.error), JSON.stringify(full));
  assert.ok("result" in filtered && filtered.result.rows.length === 3, "the filtered read never decodes the unread bad number");
  const fixed = odsFromTables(`<table:table table:name="RO3_LA_Data_202425">${table.replace('office:value="1e999"', 'office:value="1"').replace(">1e999<", ">1<")}</table:table>`);
  const ok = bothWays(fixed, LOOKUP, MAPPINGS);
  assert.ok("result" in ok.full && ok.full.result.rows.length === 3, JSON.stringify(ok.full));
  assert.deepEqual(ok.filtered, ok.full);
  assert.deepEqual(ok.filtered, filtered);
});

test("revenueOutturnColumns: keyed by the mapped labels, and reading nothing before the header row chooses", () => {
  const a = revenueOutturnColumns(MAPPINGS);
  assert.equal(a.key, revenueOutturnColumns([...MAPPINGS]).key);
  assert.notEqual(a.key, revenueOutturnColumns(MAPPINGS.slice(0, 1)).key);
  assert.equal(a.columnsAfter(["Worksheet 2: RO3"]), undefined);
  assert.deepEqual([...(a.columnsAfter(HEADER) ?? [])].sort((x, y) => x - y), [0, 1, 2, 4, 6, 8]);
});

test("random revenue outturn sheets: reading only the columns used gives the full read's result and log, or its error, unless the full read failed on a cell (perhaps one not read)", () => {
  const cellXml = fc.oneof(
    fc.constantFrom("E09000007", "E06000001", "E07000223", "E92000001", "LB", "UA", "SD", "Eng", "[x]", "[z]", "", " ", "  \n", "12", "-3.5", "lots", "E-code", "ONS Code", "Local authority").map((v) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`),
    fc.constantFrom("1", "2.5", "-7", "bad", "1e999").map((v) => `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`),
    fc.constantFrom('<table:table-cell table:number-columns-repeated="3"/>', "<table:table-cell/>", '<table:table-cell office:value-type="string"><text:p> </text:p><text:p/></table:table-cell>', '<table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>7</text:p></table:table-cell>'),
  );
  const headerXml = HEADER.map((h) => `<table:table-cell office:value-type="string"><text:p>${h}</text:p></table:table-cell>`).join("");
  const rowXml = fc.array(cellXml, { maxLength: 11 }).map((cells) => `<table:table-row>${cells.join("")}</table:table-row>`);
  const laRow = fc.tuple(fc.constantFrom("E09000007", "E06000001", "E92000001", "E07000223"), fc.constantFrom("LB", "UA", "Eng", "SD"), fc.array(cellXml, { minLength: 2, maxLength: 6 })).map(
    ([ons, cls, rest]) => `<table:table-row><table:table-cell office:value-type="string"><text:p>E1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>${ons}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>N</text:p></table:table-cell><table:table-cell/><table:table-cell office:value-type="string"><text:p>${cls}</text:p></table:table-cell>${rest.join("")}</table:table-row>`,
  );
  let equal = 0;
  fc.assert(
    fc.property(fc.array(rowXml, { maxLength: 2 }), fc.array(fc.oneof(rowXml, laRow), { maxLength: 8 }), (before, after) => {
      const table = `${before.join("")}<table:table-row>${headerXml}</table:table-row>${after.join("")}`;
      const bytes = odsFromTables(`<table:table table:name="RO3_LA_Data_202425">${table}</table:table>`);
      const { filtered, full } = bothWays(bytes, LOOKUP, MAPPINGS);
      if ("result" in full) {
        equal++;
        assert.deepEqual(filtered, full, table);
      } else if (!/sheet "RO3_LA_Data_202425"(, row \d+, column "[A-Z]+")?: got /.test(full.error)) {
        // the importer's own errors (about cells it reads) are the same; a reader error (naming the sheet)
        // may be in a cell not read, which the filtered read never decodes
        assert.deepEqual(filtered, full, table);
      }
    }),
    { numRuns: 400, seed: FUZZ_SEED },
  );
  assert.ok(equal > 50, `the full read succeeded on ${equal} of 400 sheets`);
});
