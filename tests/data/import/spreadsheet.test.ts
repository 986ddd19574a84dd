import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { MAX_CELL_CHARS, MAX_SHEET_COLUMNS, readOdsSheets } from "../../../lib/data/import/spreadsheet/ods";
import { readXlsxSheets } from "../../../lib/data/import/spreadsheet/xlsx";
import { odsFromTables } from "../../helpers/ods";



test("ODS: repeated columns and rows expand, trailing empties are dropped, numbers keep full precision", () => {
  const bytes = odsFromTables(
    `<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>` +
      `<table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="0.283"><text:p>0.28</text:p></table:table-cell>` +
      `<table:table-cell table:number-columns-repeated="16000"/></table:table-row>` +
      `<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>r</text:p></table:table-cell></table:table-row>` +
      `<table:table-row table:number-rows-repeated="1048570"><table:table-cell/></table:table-row></table:table>`,
  );
  const [s] = readOdsSheets(bytes, "t.ods");
  assert.equal(s.name, "S");
  assert.deepEqual(s.rows, [["a", "", "", "0.283"], ["r", "r"], ["r", "r"]]);
});

test("ODS: dates become ISO, text keeps spaces, tabs and line breaks, annotations are ignored", () => {
  const bytes = odsFromTables(
    `<table:table table:name="D"><table:table-row>` +
      `<table:table-cell office:value-type="date" office:date-value="2014-06-30T00:00:00"><text:p>30/06/2014</text:p></table:table-cell>` +
      `<table:table-cell office:value-type="string"><office:annotation><text:p>a note</text:p></office:annotation><text:p>Requires<text:s text:c="2"/>improvement <text:span>to be</text:span> good</text:p><text:p>line2</text:p></table:table-cell>` +
      `<table:table-cell office:value-type="string"><text:p>A &amp; B<text:tab/>C<text:line-break/>D</text:p></table:table-cell>` +
      `</table:table-row></table:table>`,
  );
  assert.deepEqual(readOdsSheets(bytes, "t.ods")[0].rows, [["2014-06-30", "Requires  improvement to be good\nline2", "A & B\tC\nD"]]);
});

test("ODS: a missing sheet, a non-zip, a truncated zip and a DOCTYPE are DataErrors", () => {
  const good = odsFromTables(`<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`);
  assert.throws(() => readOdsSheets(good, "t.ods", ["Other"]), (e: unknown) => e instanceof DataError && /sheet named "Other"/.test(e.message));
  assert.throws(() => readOdsSheets(strToU8("not a zip"), "t.ods"), DataError);
  assert.throws(() => readOdsSheets(good.subarray(0, good.length - 30), "t.ods"), DataError);
  const doctype = zipSync({ "content.xml": strToU8('<!DOCTYPE x [<!ENTITY a "b">]><x/>') });
  assert.throws(() => readOdsSheets(doctype, "t.ods"), DataError);
});

function xlsx(sheetXml: string, shared: string[], styles = ""): Uint8Array {
  return zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="IDACI" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/sharedStrings.xml": strToU8(`<sst>${shared.map((s) => `<si><t>${s}</t></si>`).join("")}<si><r><t>rich </t></r><r><t>text</t></r><rPh><t>phonetic</t></rPh></si></sst>`),
    "xl/styles.xml": strToU8(styles || `<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheetXml}</sheetData></worksheet>`),
  });
}

test("XLSX: shared strings (incl. rich text, without phonetics), numbers as written, gaps and dates", () => {
  const bytes = xlsx(
    `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
      `<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>0.28299999999999997</v></c><c r="C3" s="1"><v>42185</v></c><c r="D3" t="inlineStr"><is><t>in</t></is></c><c r="E3" t="b"><v>1</v></c></row>`,
    ["code", "score"],
  );
  const [s] = readXlsxSheets(bytes, "t.xlsx", ["IDACI"]);
  assert.deepEqual(s.rows, [["code", "", "score"], [], ["rich text", "0.28299999999999997", "2015-06-30", "in", "true"]]);
});

test("XLSX: a cell written twice (or out of column order) and a formula saved without its value are DataErrors naming the cell; a formula with its value, or an empty one, is read", () => {
  const read = (row: string) => readXlsxSheets(xlsx(`<row r="2">${row}</row>`, []), "t.xlsx", ["IDACI"])[0].rows;
  assert.throws(() => read(`<c r="B2"><v>1</v></c><c r="C2"><v>2</v></c><c r="C2"><v>99</v></c>`),
    (e: unknown) => e instanceof DataError && e.value === "C2" && /each cell once, in column order/.test(e.message));
  assert.throws(() => read(`<c r="C2"><v>2</v></c><c r="B2"><v>1</v></c>`), (e: unknown) => e instanceof DataError && e.value === "B2");
  assert.throws(() => read(`<c r="B2"><v>1</v></c><c r="C2"><f>B2*2</f></c>`),
    (e: unknown) => e instanceof DataError && e.value === "C2" && /formula cell with its calculated value/.test(e.message));
  assert.deepEqual(read(`<c r="B2"><v>1</v></c><c r="C2"><f>B2*2</f><v>2</v></c><c r="D2" t="str"><f>""</f><v/></c>`), [[], ["", "1", "2"]]);
  // cells without references take the next column, as before
  assert.deepEqual(read(`<c><v>1</v></c><c><v>2</v></c>`), [[], ["1", "2"]]);
});

test("XLSX: a bad shared-string index, a missing workbook and a missing sheet are DataErrors", () => {
  assert.throws(() => readXlsxSheets(xlsx(`<row r="1"><c r="A1" t="s"><v>9</v></c></row>`, ["a"]), "t.xlsx"), DataError);
  assert.throws(() => readXlsxSheets(zipSync({ "x.xml": strToU8("<x/>") }), "t.xlsx"), DataError);
  assert.throws(() => readXlsxSheets(xlsx("", []), "t.xlsx", ["IMD"]), DataError);
});

/** A child's id followed by enough characters to pass the cell limit: an error must say the cell is too long without quoting it. */
const OVERLONG = `N0012345${"x".repeat(MAX_CELL_CHARS)}`;

/** `read` throws a DataError whose message matches `message` and quotes none of the cell's text (neither the id nor the rest). */
function throwsQuotingNoCellText(read: () => unknown, message: RegExp, label: string): void {
  assert.throws(read, (e: unknown) => e instanceof DataError && message.test(e.message) && !/N001|2345|xxxx/.test(e.message), label);
}

test("XLSX and ODS: a cell over 32,767 characters is an error naming file, sheet or part and row, saying the length, quoting none of its text (it may start with a child's id)", () => {
  const tooLong = `got "more than ${MAX_CELL_CHARS} characters", expected`;
  const string = (text: string) => `<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string">${text}</table:table-cell></table:table-row></table:table>`;
  const cases: [string, () => unknown, RegExp][] = [
    ["XLSX inline string", () => readXlsxSheets(xlsx(`<row r="1"><c r="A1" t="inlineStr"><is><t>${OVERLONG}</t></is></c></row>`, []), "t.xlsx"), new RegExp(`^t\\.xlsx, sheet "IDACI", row 1: ${tooLong} cell text of at most ${MAX_CELL_CHARS} characters$`)],
    ["XLSX formula string", () => readXlsxSheets(xlsx(`<row r="1"><c r="A1" t="str"><v>${OVERLONG}</v></c></row>`, []), "t.xlsx"), new RegExp(`^t\\.xlsx, sheet "IDACI", row 1: ${tooLong} cell text`)],
    ["XLSX shared string", () => readXlsxSheets(xlsx("", ["code", OVERLONG]), "t.xlsx"), new RegExp(`^t\\.xlsx, the workbook's shared text table: got "text 2 of more than ${MAX_CELL_CHARS} characters", expected texts of at most ${MAX_CELL_CHARS} characters, as a cell holds$`)],
    ["ODS paragraph", () => readOdsSheets(odsFromTables(string(`<text:p>${OVERLONG}</text:p>`)), "t.ods"), new RegExp(`^t\\.ods, sheet "S", row 1: ${tooLong} cell text of at most ${MAX_CELL_CHARS} characters$`)],
    ["ODS text and a span", () => readOdsSheets(odsFromTables(string(`<text:p>N0012345<text:span>${OVERLONG.slice(8)}</text:span></text:p>`)), "t.ods"), new RegExp(`^t\\.ods, sheet "S", row 1: ${tooLong} cell text`)],
  ];
  for (const [label, read, message] of cases) throwsQuotingNoCellText(read, message, label);
});

test("XLSX and ODS: errors about a cell's type or place quote none of its text (a numeric or shared-string cell holding text, a cell outside a row, a cell past the last column)", () => {
  const sheet = (body: string) => odsFromTables(`<table:table table:name="S">${body}</table:table>`);
  const cell = '<table:table-cell office:value-type="string"><text:p>N0012345</text:p></table:table-cell>';
  const cases: [string, () => unknown, RegExp][] = [
    ["XLSX numeric cell", () => readXlsxSheets(xlsx(`<row r="1"><c r="A1"><v>N0012345</v></c></row>`, []), "t.xlsx"), /^t\.xlsx, sheet "IDACI", row 1, column "A": got "A1 \(8 characters\)", expected a decimal number in a numeric cell$/],
    ["XLSX shared-string cell", () => readXlsxSheets(xlsx(`<row r="1"><c r="A1" t="s"><v>N0012345</v></c></row>`, []), "t.xlsx"), /^t\.xlsx, sheet "IDACI", row 1, column "A": got "A1 \(8 characters\)", expected a valid shared-string index$/],
    ["ODS cell outside a row", () => readOdsSheets(sheet(cell), "t.ods"), /^t\.ods, sheet "S": expected table cells inside a table row$/],
    ["XLSX inline string outside a row", () => readXlsxSheets(xlsx(`<c r="A1" t="inlineStr"><is><t>N0012345</t></is></c>`, []), "t.xlsx"), /^t\.xlsx, sheet "IDACI", row 1, column "A": got "A1 \(8 characters\)", expected cells inside a <row>$/],
    ["XLSX shared string after a row closed", () => readXlsxSheets(xlsx(`<row r="1"/><c t="s"><v>0</v></c>`, ["N0012345"]), "t.xlsx"), /^t\.xlsx, sheet "IDACI": got "a cell \(8 characters\)", expected cells inside a <row>$/],
    ["ODS cell past the last column", () => readOdsSheets(sheet(`<table:table-row><table:table-cell table:number-columns-repeated="${MAX_SHEET_COLUMNS}"/>${cell}</table:table-row>`), "t.ods"), new RegExp(`^t\\.ods, sheet "S", row 1: got "more than ${MAX_SHEET_COLUMNS} columns", expected at most ${MAX_SHEET_COLUMNS} columns$`)],
  ];
  for (const [label, read, message] of cases) throwsQuotingNoCellText(read, message, label);
});

test("XLSX: a stray '<' in a cell's text is an error quoting only the '<', never the text after it (it may be a child's id)", () => {
  throwsQuotingNoCellText(() => readXlsxSheets(xlsx(`<row r="1"><c r="A1" t="inlineStr"><is><t>N001<2345</t></is></c></row>`, []), "t.xlsx"), /^t\.xlsx, sheet "IDACI": got "<", expected a terminated XML tag$/, "in a sheet");
  throwsQuotingNoCellText(() => readXlsxSheets(xlsx("", ["N001<2345"]), "t.xlsx"), /^t\.xlsx, the workbook's shared text table: got "<", expected a terminated XML tag$/, "in a shared string");
});
