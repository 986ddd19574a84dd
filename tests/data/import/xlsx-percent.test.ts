import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { percentAsShown, readXlsxSheets, shiftDecimalPoint } from "../../../lib/data/import/spreadsheet/xlsx";

/** A one-sheet workbook whose styles.xml has the custom formats `formats` (ids 164, 165, …) and the cellXfs `xfs` (numFmtId of each). */
function workbook(sheetXml: string, xfs: number[], formats: string[] = []): Uint8Array {
  const numFmts = formats.map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${code.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"/>`).join("");
  return zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/styles.xml": strToU8(`<styleSheet><numFmts>${numFmts}</numFmts><cellXfs>${xfs.map((id) => `<xf numFmtId="${id}"/>`).join("")}</cellXfs></styleSheet>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheetXml}</sheetData></worksheet>`),
  });
}

/** Row 1 holds `values` in columns A, B, …, each with the style index given beside it. */
function cells(values: [string, number][]): string {
  return `<row r="1">${values.map(([v, s], i) => `<c r="${String.fromCharCode(65 + i)}1" s="${s}"><v>${v}</v></c>`).join("")}</row>`;
}

test("XLSX percent: built-in 9 (0%) and 10 (0.00%) cells are read as shown with the option, and as stored without it", () => {
  const bytes = workbook(cells([["0.45", 1], ["0.125", 2], ["0.45", 0]]) + `<row r="2"><c r="A2" s="1"><v>1</v></c></row>`, [0, 9, 10]);
  const [shown] = readXlsxSheets(bytes, "p.xlsx", undefined, { percentAsShown: true });
  assert.deepEqual(shown.rows, [["45", "12.5", "0.45"], ["100"]]);
  assert.deepEqual(shown.percentCells, [{ column: 0, rows: [0, 1] }, { column: 1, rows: [0] }]);
  const [stored] = readXlsxSheets(bytes, "p.xlsx");
  assert.deepEqual(stored.rows, [["0.45", "0.125", "0.45"], ["1"]]);
  assert.equal(stored.percentCells, undefined, "the official import and the Annex A reader get no percent report");
});

test("XLSX percent: a custom format is a percentage when a '%' stands outside quotes, brackets and escapes", () => {
  const formats = ["0.0%", "#,##0.00%", '"%"0', "0\\%", "[Red]0%", "0_%", "0*%", "0.0%;[Red]-0.0%", "0;-0%", "[$%-809]0", "dd/mm/yyyy%"];
  const bytes = workbook(cells(formats.map((_, i) => ["0.45", i + 1] as [string, number]).concat([["-0.2", 8], ["-0.2", 9]])), [0, ...formats.map((_, i) => 164 + i)], formats);
  const [s] = readXlsxSheets(bytes, "p.xlsx", undefined, { percentAsShown: true });
  assert.deepEqual(s.rows[0], [
    "45", // 0.0%
    "45", // #,##0.00%
    "0.45", // "%"0: a quoted % is shown as text, the value is not scaled
    "0.45", // 0\%: an escaped % likewise
    "45", // [Red]0%: a colour in brackets, then a percentage
    "0.45", // 0_%: the space the width of a '%'
    "0.45", // 0*%: '%' repeated to fill the cell
    "45", // 0.0%;[Red]-0.0%
    "0.45", // 0;-0%: a positive value uses the first section, which has no '%'
    "0.45", // [$%-809]0: a currency/locale bracket
    "1900-01-00T10:48:00", // a date format stays a date (serial 0.45 in the 1900 system, as Excel shows it: day 0 is 1900-01-00)
    "-20", // -0.2 in 0.0%;[Red]-0.0%
    "-20", // -0.2 in 0;-0%: a negative value uses the second section
  ]);
  assert.deepEqual(s.percentCells, [0, 1, 4, 7, 11, 12].map((column) => ({ column, rows: [0] })));
});

test("XLSX percent: the decimal point moves by string arithmetic, so awkward <v> texts come out exact", () => {
  const cases: [string, string][] = [
    ["0.45", "45"], ["0.125", "12.5"], ["1", "100"], ["0.0005", "0.05"], ["1.5E-2", "1.5"], ["1.5e+2", "15000"], ["-0.2", "-20"], ["0", "0"], ["-0", "0"],
    ["0.1", "10"], ["0.07", "7"], ["0.575", "57.5"], ["0.0001", "0.01"], [".5", "50"], ["5.", "500"], ["+0.3", "30"], ["1E-7", "0.00001"],
    // Excel writes up to 17 significant digits; it shows at most 15, so the cell is read as the analyst sees it
    ["0.45000000000000001", "45"], ["0.30000000000000004", "30"], ["5.0000000000000001E-3", "0.5"], ["0.123456789012345", "12.3456789012345"],
  ];
  for (const [v, shown] of cases) assert.equal(percentAsShown(v), shown, v);
  // the naive product is not exact: these are the cases the string arithmetic is for
  assert.notEqual(String(0.07 * 100), "7");
  assert.notEqual(String(0.575 * 100), "57.5");
  const bytes = workbook(cells(cases.map(([v]) => [v, 1] as [string, number])), [0, 9]);
  assert.deepEqual(readXlsxSheets(bytes, "p.xlsx", undefined, { percentAsShown: true })[0].rows[0], cases.map(([, shown]) => shown));
});

test("XLSX percent: a percent cell whose <v> is not a decimal number is an error naming the cell, not its text", () => {
  for (const v of ["0x10", "INF", "-INF", "NaN", "1e999", "45%", "1,5"]) {
    const bytes = workbook(cells([[v, 1]]), [0, 9]);
    assert.throws(() => readXlsxSheets(bytes, "p.xlsx", undefined, { percentAsShown: true }), (e: unknown) =>
      e instanceof DataError && e.message === `p.xlsx, sheet "Data", row 1, column "A": got "A1 (${v.length} characters)", expected a decimal number in a numeric cell`, v);
  }
});

test("XLSX percent: text cells, booleans and empty cells in a percent style are left as they are", () => {
  const bytes = workbook(`<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>45%</t></is></c><c r="B1" s="1" t="b"><v>1</v></c><c r="C1" s="1"/><c r="D1" s="1" t="str"><v>0.5</v></c></row>`, [0, 9]);
  const [s] = readXlsxSheets(bytes, "p.xlsx", undefined, { percentAsShown: true });
  assert.deepEqual(s.rows, [["45%", "true", "", "0.5"]]);
  assert.deepEqual(s.percentCells, []);
});

test("shiftDecimalPoint moves the point either way and writes the shortest form", () => {
  assert.equal(shiftDecimalPoint("45", -2), "0.45");
  assert.equal(shiftDecimalPoint("12.5", -2), "0.125");
  assert.equal(shiftDecimalPoint("-0.05", 2), "-5");
  assert.equal(shiftDecimalPoint("100", -2), "1");
  assert.equal(shiftDecimalPoint("0.000", 2), "0");
});
