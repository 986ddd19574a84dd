/**
 * XLSX cells a hostile review of round 24 found misread (its files in /tmp/h24-revh/x): a cell of an unknown type
 * (`t="zz"`) read as a number; a date-formatted serial below 61 shown one day before what Excel shows (Excel's 1900
 * counts a 1900-02-29); a period merged down 20 rows giving 19 errors `got ""` instead of one saying to unmerge.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { isoCellDate, serialFitsIsoDate, serialToIso } from "../../../lib/data/import/spreadsheet/excel-dates";
import { readXlsxSheets } from "../../../lib/data/import/spreadsheet/xlsx";
import { readOwnTable } from "../../../lib/data/own-data/read-table";
import { tempFile } from "../own-data/fixture";

/** A one-sheet workbook ("Data") whose sheet part is `sheetData` then `after` (mergeCells); style 1 is a date. */
function workbook(sheetData: string, after = ""): Uint8Array {
  return zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/styles.xml": strToU8(`<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheetData}</sheetData>${after}</worksheet>`),
  });
}

const rowsOf = (bytes: Uint8Array) => readXlsxSheets(bytes, "t.xlsx")[0].rows;

test("a cell of a type Excel does not write is refused naming its sheet, cell and type, not read as a number", () => {
  const bytes = workbook(`<row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="C4" t="zz"><v>42</v></c></row>`);
  assert.throws(() => rowsOf(bytes), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.message, 't.xlsx, sheet "Data", row 4, column "C": got "C4 of type \\"zz\\"", expected a cell type Excel writes (b, d, e, inlineStr, n, s or str): save the workbook again from Excel or LibreOffice');
    return true;
  });
  // the types Excel writes are read as before; t="n" is a number as a cell without a type is
  assert.deepEqual(rowsOf(workbook(`<row r="1"><c r="A1" t="n"><v>1.5</v></c><c r="B1"><v>2</v></c><c r="C1" t="str"><v>x</v></c><c r="D1" t="e"><v>#N/A</v></c></row>`)), [["1.5", "2", "x", "#N/A"]]);
});

test("a t=\"d\" cell is read as the ISO date it holds (it had been refused as 'a decimal number'), and one that holds no date is refused", () => {
  const bytes = workbook(`<row r="1"><c r="A1" t="d"><v>2024-03-31T00:00:00Z</v></c><c r="B1" t="d"><v>2024-03-31T12:30:00</v></c><c r="C1" t="d"><v>2024-03-31</v></c></row>`);
  assert.deepEqual(rowsOf(bytes), [["2024-03-31", "2024-03-31T12:30:00", "2024-03-31"]]);
  assert.throws(() => rowsOf(workbook(`<row r="1"><c r="A1" t="d"><v>31/03/2024</v></c></row>`)), /got "A1 \(10 characters\)", expected an ISO 8601 date in a date cell/);
  assert.equal(isoCellDate("2024-03-31T00:00"), "2024-03-31");
  assert.equal(isoCellDate("2024-13"), undefined);
  // impossible days and times are no dates (a second read found them passed on)
  for (const bad of ["2024-13-45", "2024-02-30", "2023-02-29", "2024-03-31T24:00", "2024-03-31T12:60"]) assert.equal(isoCellDate(bad), undefined, bad);
  assert.equal(isoCellDate("2024-02-29"), "2024-02-29");
});

test("a date-formatted serial beyond 9999-12-31 is refused naming its cell, not a crash or '+010000' (a second read, round 25)", () => {
  for (const v of ["1000000000", "2958466", "-1e12"]) {
    assert.throws(() => rowsOf(workbook(`<row r="1"><c r="A1"><v>1</v></c><c r="D2" s="1"><v>${v}</v></c></row>`)), (e: unknown) => {
      assert.ok(e instanceof DataError, String(e));
      assert.match(e.message, /sheet "Data", row 2, column "D": got "D2 \(\d+ characters\)", expected a date Excel can show \(a day number up to 2958465, 9999-12-31\) in a date-formatted cell/);
      return true;
    }, v);
  }
  assert.equal(serialFitsIsoDate(2958465.5, false), true);
  assert.deepEqual(rowsOf(workbook(`<row r="1"><c r="A1" s="1"><v>2958465</v></c></row>`)), [["9999-12-31"]]);
});

test("date serials show as Excel shows them: 1900-02-29 exists in its 1900 system, so serials below 61 are a day later than a plain count", () => {
  // Excel 365, General → Short Date: 0 → 00/01/1900, 1 → 01/01/1900, 40 → 09/02/1900, 59 → 28/02/1900, 60 → 29/02/1900, 61 → 01/03/1900
  const shown: [number, string][] = [[0, "1900-01-00"], [1, "1900-01-01"], [40, "1900-02-09"], [59, "1900-02-28"], [60, "1900-02-29"], [61, "1900-03-01"], [45306, "2024-01-15"], [40.5, "1900-02-09T12:00:00"], [60.25, "1900-02-29T06:00:00"]];
  for (const [serial, iso] of shown) assert.equal(serialToIso(serial, false), iso, `serial ${serial}`);
  assert.equal(serialToIso(0, true), "1904-01-01");
  assert.equal(serialToIso(40, true), "1904-02-10");
  // through the reader: a value column formatted as a date (the review's valueasdate.xlsx) quotes what Excel shows
  assert.deepEqual(rowsOf(workbook(`<row r="1"><c r="A1" s="1"><v>40</v></c><c r="B1" s="1"><v>60</v></c></row>`)), [["1900-02-09", "1900-02-29"]]);
});

test("the reader lists a sheet's merged ranges; own data refuses merged cells below the header once, naming them and saying to unmerge", () => {
  const data = ['<row r="1"><c r="A1" t="inlineStr"><is><t>la_code</t></is></c><c r="B1" t="inlineStr"><is><t>period</t></is></c><c r="C1" t="inlineStr"><is><t>my_pct</t></is></c></row>'];
  for (let r = 2; r <= 21; r++) data.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>E060000${String(r).padStart(2, "0")}</t></is></c>${r === 2 ? '<c r="B2"><v>2024</v></c>' : ""}<c r="C${r}"><v>${r + 38}</v></c></row>`);
  const bytes = workbook(data.join(""), '<mergeCells count="2"><mergeCell ref="A1:A1"/><mergeCell ref="B2:B21"/></mergeCells>');
  assert.deepEqual(readXlsxSheets(bytes, "t.xlsx")[0].merged, ["A1:A1", "B2:B21"]);
  assert.equal(readXlsxSheets(workbook(data.join("")), "t.xlsx")[0].merged, undefined, "no merged ranges: no field");
  const file = tempFile("merged.xlsx", bytes);
  assert.throws(() => readOwnTable(file), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /merged\.xlsx, sheet "Data": got "merged cells B2:B21", expected a table without merged cells below its header: only the first cell of a merged range holds its value, the others are blank; unmerge them and fill each cell/);
    return true;
  });
  // a merged title in the header row is not the data's business
  const header = workbook(data.join(""), '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>');
  assert.equal(readOwnTable(tempFile("header.xlsx", header)).rows.length, 20);
});
