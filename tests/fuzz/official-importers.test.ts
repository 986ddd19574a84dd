/**
 * Property-based fuzzing of the official importers: EES CSV, SFR CSV, the LAIT parquet, the Ofsted .ods
 * and the IoD .xlsx, with hostile inputs (random and truncated structures, duplicate headers, extreme and
 * symbolic cells, huge declared repeats and sizes). Each must give a result or a DataError/DataErrors
 * within the time and memory bounds; a result's counts are whole and ≥ 0 (FTE aside) and numbers finite.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import fc from "fast-check";
import { buildAreas } from "../../lib/data/import/areas";
import { applyEesMappings, readEesTable } from "../../lib/data/import/ees";
import { ImportLog } from "../../lib/data/import/import-log";
import { importIod } from "../../lib/data/import/iod-xlsx";
import { laitValueAt, readLaitParquet } from "../../lib/data/import/lait-parquet";
import type { EesMapping, SfrMapping } from "../../lib/data/import/mappings";
import { importOfstedOds } from "../../lib/data/import/ofsted-ods";
import { importSfrCsv } from "../../lib/data/import/sfr-csv";
import { readOdsSheets } from "../../lib/data/import/spreadsheet/ods";
import { readXlsxSheets } from "../../lib/data/import/spreadsheet/xlsx";
import type { BenchmarkRow, IndicatorRow } from "../../lib/data/types";
import { officialDataAvailable, officialFile } from "../helpers/official";
import { expectClearOutcome, expectClearOutcomeAsync, fuzzParams, hostileCell, hostileCsv, seedNote } from "./fuzz-settings";

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,",
  "314,E09000021,Kingston upon Thames,E13000002,Outer London,2013,2025,",
  "370,E08000016,Barnsley,E12000003,Yorkshire and The Humber,2013,2025,recode",
].join("\n");
const areas = buildAreas(LOOKUP, "lookup.csv");

/** A result's rows: finite numbers, counts whole and ≥ 0. */
function checkRows(rows: readonly (IndicatorRow | BenchmarkRow)[]): void {
  for (const r of rows) {
    assert.ok(r.value === null || Number.isFinite(r.value), `value ${r.value}`);
    for (const c of [r.numerator, r.denominator]) assert.ok(c === null || (Number.isInteger(c) && c >= 0), `count ${c}`);
  }
}

const EES_HEAD = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code", "region_name", "old_la_code", "new_la_code", "la_name", "At31_episodes", "At31_rate", "population"];
const EES_MAPPING: readonly EesMapping[] = [{ indicator: "cin_rate", file: /^b1\.csv$/, value: { column: "At31_rate" }, numerator: { column: "At31_episodes" }, denominator: { column: "population" } }];
const EES_ROW = fc.record({
  tp: fc.constantFrom("2015", "201415", "2015/16", "", "99999999"),
  level: fc.constantFrom("National", "Regional", "Local authority", "Ward", ""),
  la: fc.constantFrom(["301", "E09000002"], ["314", "E09000021"], ["301 / 314", "E09000002 / E09000021"], ["999", "E0"], ["", ""]),
  cells: fc.array(hostileCell, { minLength: 3, maxLength: 3 }),
});

test("EES CSV: hostile files give indicators or DataErrors", (t) => {
  t.diagnostic(seedNote());
  const structured = fc.array(EES_ROW, { maxLength: 10 }).map((rows) =>
    [EES_HEAD.join(","), ...rows.map((r) => [r.tp, "Financial year", r.level, "E92000001", "England", "E13000002", "Outer London", r.la[0], r.la[1], "X", ...r.cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))].join(","))].join("\n"),
  );
  fc.assert(
    fc.property(fc.oneof(structured, hostileCsv(EES_HEAD, ["At31_episodes"])), (text) => {
      const r = expectClearOutcome("EES", () => {
        const log = new ImportLog();
        return applyEesMappings(readEesTable(text, "b1.csv", areas, log), EES_MAPPING, areas, log);
      });
      if (r) {
        checkRows(r.indicators);
        checkRows(r.benchmarks);
      }
    }),
    fuzzParams(300),
  );
});

test("SFR CSV: hostile files give indicators or DataErrors", (t) => {
  t.diagnostic(seedNote());
  const mapping: readonly SfrMapping[] = [{ indicator: "x_pct", file: /^2015__T\.csv$/, numerator: ["A"], denominator: ["A", "B"] }];
  const head = ["New_geog_code", "geog_l", "geog_c", "geog_n", "A", "B"];
  const structured = fc
    .array(fc.record({ geo: fc.constantFrom(["E09000002", "LA", "301", "Barking"], ["E92000001", "NATIONAL", "", "England"], ["E13000002", "REGION", "", "Inner London"], ["", "", "", ""], ["E0", "LA", "999", "?"]), a: hostileCell, b: hostileCell }), { maxLength: 10 })
    .map((rows) => [head.join(","), ...rows.map((r) => [...r.geo, r.a, r.b].map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))].join("\n"));
  fc.assert(
    fc.property(fc.oneof(structured, hostileCsv(head, ["A"])), (text) => {
      const r = expectClearOutcome("SFR", () => importSfrCsv(text, "2015__T.csv", areas, new ImportLog(), mapping));
      if (r) {
        checkRows(r.indicators);
        checkRows(r.benchmarks);
      }
    }),
    fuzzParams(300),
  );
});

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
/** XML fragments that have broken spreadsheet readers: huge repeats, unterminated tags, entities, DTDs. */
const ODS_TOKENS = [
  '<table:table table:name="ILACS_inspection_history">', '<table:table table:name="S">', "<table:table ", "</table:table>",
  "<table:table-row>", '<table:table-row table:number-rows-repeated="1048576">', '<table:table-row table:number-rows-repeated="-1">', "</table:table-row>", "<table:table-row/>",
  '<table:table-cell office:value-type="string">', '<table:table-cell office:value-type="float" office:value="1e309">', '<table:table-cell office:value-type="date" office:date-value="2019-13-45">',
  '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">', '<table:table-cell table:number-columns-repeated="16384"/>', "<table:table-cell/>", "</table:table-cell>",
  "<text:p>", "</text:p>", '<text:s text:c="1000"/>', '<text:s text:c="99999999"/>', "<text:tab/>", "<office:annotation>", "</office:annotation>",
  "&amp;", "&#x10FFFF;", "&#xD800;", "&#99999999;", "&bogus;", "&", "<!--", "-->", "<![CDATA[", "]]>", "<?pi", "?>", "<!DOCTYPE x>", '"', "'", "<", ">", "=", " a", '__proto__="x"', 'a="1" a="2"',
  "Local authority", "Good", "Inadequate", "E09000002", "301", "2019-01-14",
];
const xmlSoup = (tokens: readonly string[]) => fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...tokens) }, { weight: 1, arbitrary: hostileCell }), { maxLength: 120 }).map((a) => a.join(""));
const odsOf = (body: string) => zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": strToU8(`<?xml version="1.0"?><office:document-content ${NS}><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`) }, { level: 0 });

test("ODS reader: token soup, huge repeats and truncated archives give sheets or a DataError", (t) => {
  t.diagnostic(seedNote());
  fc.assert(
    fc.property(xmlSoup(ODS_TOKENS), fc.option(fc.nat()), (body, cut) => {
      let bytes = odsOf(body);
      if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
      expectClearOutcome("readOdsSheets", () => readOdsSheets(bytes, "fuzz.ods"));
      expectClearOutcome("importOfstedOds", () => importOfstedOds(bytes, "fuzz.ods", areas, new ImportLog()));
    }),
    fuzzParams(300),
  );
});

test("Ofsted .ods: mutations of the real workbook give outcomes on the 1–4 scale or a DataError", (t) => {
  if (!officialDataAvailable()) return t.skip("official data not available");
  t.diagnostic(seedNote());
  const real = fs.readFileSync(officialFile("ofsted", "LA_Inspection_Outcomes_as_at_31_March_2025.ods"));
  const { unzipSync, strFromU8 } = require("fflate") as typeof import("fflate");
  const xml = strFromU8(unzipSync(real, { filter: (f) => f.name === "content.xml" })["content.xml"]);
  const mutation = fc.record({ at: fc.nat(), len: fc.nat({ max: 400 }), op: fc.constantFrom("delete", "duplicate", "insert", "cut"), insert: fc.oneof(fc.constantFrom(...ODS_TOKENS), hostileCell) });
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      let text = xml;
      for (const m of ms) {
        const at = m.at % (text.length + 1);
        if (m.op === "delete") text = text.slice(0, at) + text.slice(at + m.len);
        else if (m.op === "duplicate") text = text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
        else if (m.op === "insert") text = text.slice(0, at) + m.insert + text.slice(at);
        else text = text.slice(0, at);
      }
      const bytes = zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": strToU8(text) }, { level: 0 });
      const rows = expectClearOutcome("importOfstedOds", () => importOfstedOds(bytes, "ofsted.ods", areas, new ImportLog()));
      for (const r of rows ?? []) assert.ok(r.value === null || [1, 2, 3, 4].includes(r.value), `grade ${r.value}`);
    }),
    fuzzParams(25),
  );
});

const XLSX_TOKENS = [
  '<row r="1">', '<row r="2">', '<row r="1048577">', '<row r="0">', "<row>", "</row>", '<c r="A1" t="s">', '<c r="XFD1">', '<c r="AAAA1">', '<c r="B2" t="inlineStr">', '<c r="C3" s="1">', '<c t="b">', "<c>", "</c>",
  "<v>", "</v>", "<is><t>", "</t></is>", "0", "1", "42185", "1e309", "-1", "99999", "&amp;", "&#0;", "<!DOCTYPE x>", "<", '"', "Upper Tier Local Authority District code (2019)", "IDACI - Average score", "E09000002",
];
const xlsxOf = (sheet: string, shared: string, styles: string) =>
  zipSync({
    "xl/workbook.xml": strToU8('<workbook><sheets><sheet name="IMD" sheetId="1" r:id="rId1"/><sheet name="IDACI" sheetId="2" r:id="rId2"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet1.xml"/></Relationships>'),
    "xl/sharedStrings.xml": strToU8(`<sst>${shared}</sst>`),
    "xl/styles.xml": strToU8(`<styleSheet>${styles}</styleSheet>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`),
  }, { level: 0 });

test("XLSX reader and IoD import: token soup in sheets, shared strings and styles gives rows or a DataError", (t) => {
  t.diagnostic(seedNote());
  const shared = fc.array(fc.oneof(fc.constantFrom("<si><t>", "</t></si>", "<si/>", "<r><t>", "</t></r>", "<rPh>", "</rPh>"), hostileCell), { maxLength: 20 }).map((a) => a.join(""));
  const styles = fc.array(fc.constantFrom("<numFmts>", '<numFmt numFmtId="200" formatCode="[[[[yyyy"/>', '<numFmt numFmtId="200" formatCode="&quot;d&quot;0"/>', "</numFmts>", "<cellXfs>", '<xf numFmtId="14"/>', '<xf numFmtId="200"/>', "</cellXfs>", "<"), { maxLength: 10 }).map((a) => a.join(""));
  fc.assert(
    fc.property(xmlSoup(XLSX_TOKENS), shared, styles, fc.option(fc.nat()), (sheet, sst, sty, cut) => {
      let bytes = xlsxOf(sheet, sst, sty);
      if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
      expectClearOutcome("readXlsxSheets", () => readXlsxSheets(bytes, "fuzz.xlsx"));
      const rows = expectClearOutcome("importIod", () => importIod(bytes, "fuzz.xlsx", areas, new ImportLog()));
      for (const r of rows ?? []) assert.ok(r.value === null || Number.isFinite(r.value));
    }),
    fuzzParams(300),
  );
});

/** CPU bound per LAIT input: decoding the real 1.8 MB file in full takes ~2.1 s of CPU on the 2-core machine. */
const LAIT_MAX_MS = 6000;

test("LAIT parquet: truncated, bit-flipped and footer-forged files give values or a DataError", async (t) => {
  if (!officialDataAvailable()) return t.skip("official data not available");
  t.diagnostic(seedNote());
  const real = new Uint8Array(fs.readFileSync(officialFile("lait", "bds_long_0.parquet")));
  const mutation = fc.oneof(
    fc.nat().map((n) => (b: Uint8Array) => b.subarray(0, n % (b.length + 1))),
    fc.tuple(fc.nat({ max: 4096 }), fc.integer({ min: 0, max: 255 })).map(([back, v]) => (b: Uint8Array) => {
      const c = b.slice();
      c[Math.max(0, c.length - 1 - back)] = v;
      return c;
    }),
    fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((len) => (b: Uint8Array) => {
      const c = b.slice();
      new DataView(c.buffer).setUint32(c.length - 8, len, true);
      return c;
    }),
    fc.uint8Array({ maxLength: 64 }).map((junk) => () => new Uint8Array([0x50, 0x41, 0x52, 0x31, ...junk, 0x50, 0x41, 0x52, 0x31])),
  );
  await fc.assert(
    fc.asyncProperty(mutation, async (mutate) => {
      const bytes = mutate(real);
      const r = await expectClearOutcomeAsync("readLaitParquet", () => readLaitParquet(bytes, "bds.parquet", (code) => code === "ReReferral"), LAIT_MAX_MS);
      const values = r?.values;
      for (let i = 0; i < (values?.length ?? 0); i++) {
        const v = laitValueAt(values!, i);
        assert.ok(v.value === null || Number.isFinite(v.value));
      }
    }),
    fuzzParams(8),
  );
});
