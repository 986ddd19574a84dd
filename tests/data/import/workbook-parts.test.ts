/**
 * A workbook's errors say where in it the problem is as its user knows it: the sheet by its tab name, or what the
 * workbook's structure holds in words, never an internal part's name (`xl/worksheets/sheet1.xml`, which had been
 * given as the column: round 26's helpers).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { readXlsxSheets, xlsxSheetNames } from "../../../lib/data/import/spreadsheet/xlsx";
import { readOdsSheets } from "../../../lib/data/import/spreadsheet/ods";
import { locatedIn, partPlace } from "../../../lib/data/import/spreadsheet/workbook-parts";

const WORKBOOK = `<workbook><sheets><sheet name="Indicators 2023" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET = `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`;

/** A one-sheet workbook ("Indicators 2023") whose parts are these, a part given as undefined left out. */
function workbook(parts: { workbook?: string; rels?: string; sheet?: string | Uint8Array; shared?: string | Uint8Array }): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, v: string | Uint8Array | undefined) => {
    if (v !== undefined) files[name] = typeof v === "string" ? strToU8(v) : v;
  };
  put("xl/workbook.xml", parts.workbook);
  put("xl/_rels/workbook.xml.rels", parts.rels);
  put("xl/worksheets/sheet1.xml", parts.sheet);
  put("xl/sharedStrings.xml", parts.shared);
  return zipSync(files);
}

const complete = { workbook: WORKBOOK, rels: RELS, sheet: SHEET, shared: `<sst><si><t>la_code</t></si></sst>` };

/** The message of the DataError `read` throws, after checking that it names no part as its column. */
function message(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.column, undefined, e.message);
    assert.doesNotMatch(e.message, /xl\/|\.xml|\.rels/, "no part's name");
    return e.message;
  }
  assert.fail("read");
}

test("a problem inside a sheet's stored cells names the sheet by its tab name", () => {
  const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Caf\xe9</t></is></c></row></sheetData></worksheet>`;
  assert.equal(
    message(() => readXlsxSheets(workbook({ ...complete, sheet: Buffer.from(sheet, "latin1") }), "own.xlsx")),
    `own.xlsx, sheet "Indicators 2023": got "byte 0xe9 at offset ${sheet.indexOf("\xe9")}", expected UTF-8 text, as Excel and LibreOffice write it (save the workbook again from either)`,
  );
  assert.equal(message(() => readXlsxSheets(workbook({ ...complete, sheet: `<worksheet><sheetData><` }), "own.xlsx")), 'own.xlsx, sheet "Indicators 2023": got "<", expected a terminated XML tag');
  assert.equal(
    message(() => readXlsxSheets(workbook({ ...complete, sheet: undefined }), "own.xlsx")),
    'own.xlsx, sheet "Indicators 2023": expected the sheet\'s cells, which the workbook lists but does not hold (a damaged workbook: save it again from Excel or LibreOffice)',
  );
});

test("a problem in the workbook's structure says which structure, in words", () => {
  assert.equal(
    message(() => readXlsxSheets(workbook({ ...complete, shared: `<sst><si><t>&nbsp;</t></si></sst>` }), "own.xlsx")),
    "own.xlsx, the workbook's shared text table: got \"&nbsp;\", expected one of the predefined XML entities (&amp; &lt; &gt; &quot; &apos;)",
  );
  assert.equal(message(() => readXlsxSheets(workbook({ ...complete, rels: `<Relationships><Relationship Id="rId1" Target="a"` }), "own.xlsx")), "own.xlsx, the workbook's list of where its sheets are stored: got \"<\", expected a terminated XML tag");
  assert.equal(
    message(() => readXlsxSheets(workbook({ ...complete, workbook: `<workbook><sheets><sheet sheetId="1" r:id="rId1"/></sheets></workbook>` }), "own.xlsx")),
    "own.xlsx, the workbook's list of sheets: got \"\", expected a sheet with a name and a stored place (a damaged workbook: save it again from Excel or LibreOffice)",
  );
  assert.equal(message(() => xlsxSheetNames(workbook({ ...complete, workbook: `<workbook><sheets><sheet name="a` }), "own.xlsx")), "own.xlsx, the workbook's list of sheets: got \"<\", expected a terminated XML tag");
  assert.equal(
    message(() => readXlsxSheets(workbook({ ...complete, rels: undefined }), "own.xlsx")),
    "own.xlsx: expected an .xlsx workbook with the workbook's list of where its sheets are stored (a damaged workbook: save it again from Excel or LibreOffice)",
  );
  for (const read of [() => readXlsxSheets(zipSync({ "notes.txt": strToU8("x") }), "own.xlsx"), () => xlsxSheetNames(zipSync({ "notes.txt": strToU8("x") }), "own.xlsx")]) {
    assert.equal(message(read), "own.xlsx: expected an .xlsx workbook (this zip has no list of sheets: save the file from Excel or LibreOffice as an Excel workbook, .xlsx)");
  }
  assert.equal(message(() => readOdsSheets(zipSync({ "notes.txt": strToU8("x") }), "own.ods")), "own.ods: expected an OpenDocument spreadsheet, .ods (this zip holds no sheets: save the file from LibreOffice or Excel as an .ods)");
});

test("partPlace names a sheet's part by its sheet, a structure part in words; locatedIn places only errors that say nowhere", () => {
  assert.deepEqual(partPlace("xl/worksheets/sheet1.xml", new Map([["xl/worksheets/sheet1.xml", "Data"]])), { sheet: "Data" });
  assert.deepEqual(partPlace("xl/styles.xml"), { part: "the workbook's cell formats" });
  assert.deepEqual(partPlace("xl/worksheets/sheet9.xml"), { part: "a part of the workbook's structure" });
  const placed = (e: DataError) => {
    try {
      locatedIn({ sheet: "Data" }, () => {
        throw e;
      });
    } catch (thrown) {
      return thrown;
    }
  };
  assert.equal((placed(new DataError({ file: "f.xlsx", value: "<", expected: "a tag" })) as DataError).message, 'f.xlsx, sheet "Data": got "<", expected a tag');
  const already = new DataError({ file: "f.xlsx", sheet: "Other", row: 2, column: "B", expected: "a number" });
  assert.equal(placed(already), already);
});
