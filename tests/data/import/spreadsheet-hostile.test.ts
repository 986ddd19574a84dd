/**
 * Regression tests for the spreadsheet attacks of issue 15 (High 1): each hostile file is generated small,
 * read in a child process limited to a 512 MB heap and a timeout, and must end in a DataError or the
 * correct result — never an abort, another exception or a hang.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, readOdsSheets } from "../../../lib/data/import/spreadsheet/ods";
import { parseXmlAttributes } from "../../../lib/data/import/spreadsheet/xml-tokens";
import { readXlsxSheets } from "../../../lib/data/import/spreadsheet/xlsx";
import { boundedRead } from "../../helpers/bounded-read";
import { buildZip, deflatedZeros } from "../../helpers/hostile-zip";
import { tempDir } from "../../helpers/temp-dirs";

/** Memory bound of the issue: no input may take more than 512 MB. */
const MAX_HEAP_MB = 512;
const MAX_RSS_MB = 512;
/** Time bound per hostile file, child start-up (tsx, ~1 s) included. */
const TIMEOUT_MS = 20_000;
/**
 * CPU bound for one in-process read of a regex bomb: the quadratic versions took minutes, the linear ones ≈ 0.1–0.3 s.
 * CPU of this process, not wall time, and far above the linear cost: a guard against a hang, not a speed test (at a
 * load average of 12 one read took 2.9 s of wall time against a 2 s wall bound and failed npm test).
 */
const BOMB_CPU_MS = 10_000;

/** CPU milliseconds (user + system) this process has used since `since` (process.cpuUsage()). */
const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const content = (tables: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
const ods = (tables: string) => zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": strToU8(content(tables)) });

/**
 * The deflate stream of a 250 MB part of zeros, made once for the two tests that use it (≈ 0.5 s of CPU each time
 * here); the archives built around it are each test's own.
 */
let junk250Mb: ReturnType<typeof deflatedZeros> | undefined;
const deflated250MbOfZeros = () => (junk250Mb ??= deflatedZeros(250 * 1024 * 1024));

function tmpFile(name: string, bytes: Uint8Array): string {
  const dir = tempDir("vsw-hostile-");
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

test("XLSX with 16 unused parts of 250 MB each (a 4 MB file): read correctly, the junk never inflated", async () => {
  const junk = await deflated250MbOfZeros();
  const entries = [
    { name: "xl/workbook.xml", data: strToU8(`<workbook><sheets><sheet name="IDACI" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: "xl/_rels/workbook.xml.rels", data: strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`) },
    { name: "xl/worksheets/sheet1.xml", data: strToU8(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`) },
    ...Array.from({ length: 16 }, (_, k) => ({ name: `xl/junk/junk${k}.xml`, ...junk })),
  ];
  const bytes = buildZip(entries);
  assert.ok(bytes.length < 5 * 1024 * 1024, `the attack file is small (${bytes.length} bytes)`);
  const r = boundedRead("xlsx", tmpFile("junk.xlsx", bytes), { timeoutMs: TIMEOUT_MS, heapMb: MAX_HEAP_MB });
  assert.equal(r.outcome, "ok", r.message);
  assert.equal(r.message, JSON.stringify([{ name: "IDACI", rows: [["ok", "2"]] }]));
  assert.ok(r.maxRssMb < MAX_RSS_MB, `peak RSS ${r.maxRssMb} MB`);
});

test("XLSX whose wanted sheet itself declares 250 MB: a DataError before inflating", async () => {
  const junk = await deflated250MbOfZeros();
  const bytes = buildZip([
    { name: "xl/workbook.xml", data: strToU8(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: "xl/_rels/workbook.xml.rels", data: strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`) },
    { name: "xl/worksheets/sheet1.xml", ...junk },
  ]);
  assert.throws(() => readXlsxSheets(bytes, "big.xlsx"), (e: unknown) => e instanceof DataError && e.sheet === "S" && e.column === undefined && /^big\.xlsx, sheet "S": got "\d+ bytes", expected zip parts of at most 134217728 bytes/.test(e.message));
});

test("ODS of ~500 bytes with 16,384 columns × number-rows-repeated=1048576: a DataError within bounds", () => {
  const bytes = ods(
    `<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">` +
      `<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell>` +
      `</table:table-row></table:table>`,
  );
  assert.ok(bytes.length < 1024);
  const r = boundedRead("ods", tmpFile("cells.ods", bytes), { timeoutMs: TIMEOUT_MS, heapMb: MAX_HEAP_MB });
  assert.equal(r.outcome, "DataError", r.message);
  assert.match(r.message, new RegExp(`at most ${MAX_SHEET_CELLS} cells`));
  assert.ok(r.maxRssMb < MAX_RSS_MB, `peak RSS ${r.maxRssMb} MB`);
});

test("ODS: trailing repeated empty rows and cells never materialise; repeated used rows expand to the used range", () => {
  const bytes = ods(
    `<table:table table:name="S"><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>v</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/></table:table-row>` +
      `<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>`,
  );
  assert.deepEqual(readOdsSheets(bytes, "t.ods")[0].rows, [["v", "v"], ["v", "v"], ["v", "v"]]);
});

test("XLSX: a cell at column XFD on many rows hits the cell budget as a DataError", () => {
  const rows = Array.from({ length: Math.ceil(MAX_SHEET_CELLS / MAX_SHEET_COLUMNS) + 1 }, (_, r) => `<row r="${r + 1}"><c r="XFD${r + 1}"><v>1</v></c></row>`).join("");
  const bytes = zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`),
  });
  assert.throws(() => readXlsxSheets(bytes, "wide.xlsx"), (e: unknown) => e instanceof DataError && /cells/.test(e.message));
});

test("ODS sheet-name regex bomb (27 KB of unterminated <table:table table:name=…>): a DataError in milliseconds", () => {
  const bomb = `<table:table table:name="a" `.repeat(1000);
  assert.ok(bomb.length > 27_000);
  const started = process.cpuUsage();
  assert.throws(() => readOdsSheets(ods(bomb), "bomb.ods"), DataError);
  assert.ok(cpuMsSince(started) < BOMB_CPU_MS, `took ${cpuMsSince(started)} ms of CPU`);
});

test("ODS attribute bomb (2 M characters of one attribute-less run in a tag, a 2.4 KB file): a DataError in milliseconds", () => {
  const bytes = ods(`<table:table table:name="S"><table:table-row ${"a".repeat(2_000_000)}></table:table-row></table:table>`);
  assert.ok(bytes.length < 4096, `file of ${bytes.length} bytes`);
  const started = process.cpuUsage();
  assert.throws(() => readOdsSheets(bytes, "attrs.ods"), (e: unknown) => e instanceof DataError && /'=' after the attribute name/.test(e.message));
  assert.ok(cpuMsSince(started) < BOMB_CPU_MS, `took ${cpuMsSince(started)} ms of CPU`);
});

test("parseXmlAttributes is linear: 2 M characters of names without values, or of values, in well under a second", () => {
  for (const attrs of [" " + "a".repeat(2_000_000), ` x="${"v".repeat(2_000_000)}"`, " a=\"1\"".repeat(300_000)]) {
    const started = process.cpuUsage();
    try {
      parseXmlAttributes(attrs, "x.xml");
    } catch (e) {
      assert.ok(e instanceof DataError);
    }
    assert.ok(cpuMsSince(started) < BOMB_CPU_MS, `took ${cpuMsSince(started)} ms of CPU`);
  }
});

test("parseXmlAttributes: values decoded, both quote styles, __proto__ an ordinary key, repeats and junk are DataErrors", () => {
  assert.deepEqual({ ...parseXmlAttributes(` a="1" b:c = 'x &amp; y'`, "x.xml") }, { a: "1", "b:c": "x & y" });
  const proto = parseXmlAttributes(` __proto__="p"`, "x.xml");
  assert.equal(proto.__proto__, "p");
  assert.equal(Object.getPrototypeOf(proto), null);
  assert.throws(() => parseXmlAttributes(` a="1" a="2"`, "x.xml"), DataError);
  assert.throws(() => parseXmlAttributes(` a="1`, "x.xml"), DataError);
  assert.throws(() => parseXmlAttributes(` a`, "x.xml"), DataError);
});

test("XLSX: a custom number format of 100 k unclosed brackets and a 100 k-digit cell reference are read in linear time", () => {
  const styles = `<styleSheet><numFmts><numFmt numFmtId="200" formatCode="${"[".repeat(100_000)}"/></numFmts><cellXfs><xf numFmtId="200"/></cellXfs></styleSheet>`;
  const bytes = zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/styles.xml": strToU8(styles),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData><row r="1"><c r="A1" s="0"><v>1</v></c><c r="A${"1".repeat(100_000)}x"><v>1</v></c></row></sheetData></worksheet>`),
  });
  const started = process.cpuUsage();
  assert.throws(() => readXlsxSheets(bytes, "fmt.xlsx"), (e: unknown) => e instanceof DataError && /cell reference like B12/.test(e.message));
  assert.ok(cpuMsSince(started) < BOMB_CPU_MS, `took ${cpuMsSince(started)} ms of CPU`);
});

test("XLSX: a workbook naming one sheet part many times is a DataError, not a re-read per name", () => {
  const sheetsXml = Array.from({ length: 50_000 }, (_, k) => `<sheet name="S${k}" sheetId="${k + 1}" r:id="rId1"/>`).join("");
  const bytes = zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets>${sheetsXml}</sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${"<!-- padding -->".repeat(10_000)}</sheetData></worksheet>`),
  });
  const started = process.cpuUsage();
  assert.throws(() => readXlsxSheets(bytes, "many.xlsx"), (e: unknown) => e instanceof DataError && e.message === `many.xlsx, the workbook's list of sheets: got "sheet \\"S1\\" stored in the place of sheet \\"S0\\"", expected each sheet listed once, each in a place of its own (a damaged workbook: save it again from Excel or LibreOffice)`);
  assert.ok(cpuMsSince(started) < BOMB_CPU_MS, `took ${cpuMsSince(started)} ms of CPU`);
});

test("XLSX: a part holding a byte that is not UTF-8 is a DataError naming the part and the byte, not U+FFFD in a cell", () => {
  // before: the shared string "Caf\xe9" was read as "Caf\ufffd", and a sheet's inline string likewise
  const workbook = {
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
  };
  const shared = `<sst><si><t>Caf\xe9</t></si></sst>`;
  const fromShared = zipSync({
    ...workbook,
    "xl/sharedStrings.xml": Buffer.from(shared, "latin1"),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`),
  });
  assert.throws(() => readXlsxSheets(fromShared, "shared.xlsx"), (e: unknown) =>
    e instanceof DataError && e.message === `shared.xlsx, the workbook's shared text table: got "byte 0xe9 at offset ${shared.indexOf("\xe9")}", expected UTF-8 text, as Excel and LibreOffice write it (save the workbook again from either)`);
  const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Caf\xe9</t></is></c></row></sheetData></worksheet>`;
  const inline = zipSync({ ...workbook, "xl/worksheets/sheet1.xml": Buffer.from(sheet, "latin1") });
  assert.throws(() => readXlsxSheets(inline, "inline.xlsx"), (e: unknown) =>
    e instanceof DataError && /^inline\.xlsx, sheet "S": got "byte 0xe9 at offset \d+"/.test(e.message));
  const utf8 = zipSync({ ...workbook, "xl/worksheets/sheet1.xml": strToU8(sheet.replace("\xe9", "é")) });
  assert.deepEqual(readXlsxSheets(utf8, "utf8.xlsx")[0].rows, [["Café"]]);
});

test("ODS: a byte that is not UTF-8 in a sheet read, or in a sheet's name, is a DataError naming sheet and offset, not U+FFFD", () => {
  const plainCell = `<table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string"><text:p>Caf\xe9</text:p></table:table-cell></table:table-row></table:table>`;
  // a comment inside the paragraph: read by the text path (ods.ts readTableRows), not the byte path
  const commentCell = plainCell.replace("<text:p>Caf\xe9</text:p>", "<text:p>Ca<!-- c -->f\xe9</text:p>");
  for (const tables of [plainCell, commentCell]) {
    const xml = content(tables);
    const bytes = zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": Buffer.from(xml, "latin1") });
    assert.throws(() => readOdsSheets(bytes, "b.ods"), (e: unknown) =>
      e instanceof DataError && e.message === `b.ods, sheet "Data": got "byte 0xe9 at offset ${xml.indexOf("\xe9")} of the spreadsheet's contents", expected UTF-8 text, as LibreOffice and Excel write it (save the spreadsheet again from either)`);
    const good = ods(tables.replace("\xe9", "é"));
    assert.deepEqual(readOdsSheets(good, "b.ods")[0].rows, [["Café"]]);
  }
  const named = content(`<table:table table:name="Donn\xe9es"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row></table:table>`);
  const badName = zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": Buffer.from(named, "latin1") });
  assert.throws(() => readOdsSheets(badName, "n.ods"), (e: unknown) =>
    e instanceof DataError && e.message === `n.ods, the spreadsheet's contents (all its sheets): got "byte 0xe9 at offset ${named.indexOf("\xe9")}", expected UTF-8 text, as LibreOffice and Excel write it (save the spreadsheet again from either)`);
});
