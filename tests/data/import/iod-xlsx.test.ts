/**
 * IoD 2019 File 11 (lib/data/import/iod-xlsx.ts) from small synthetic workbooks: a numeric cell's <v> must be a
 * decimal number (Number() read "0x23" as 35), and each score must lie in its range (an IDACI score is a
 * proportion, an IMD score ≥ 0), each rank a whole number from 1 to the number of areas, given once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError, DataErrors } from "../../../lib/errors";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { importIod } from "../../../lib/data/import/iod-xlsx";
import { readXlsxSheets } from "../../../lib/data/import/spreadsheet/xlsx";

const LOOKUP = "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note\n301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,\n302,E09000003,Barnet,E13000002,Outer London,2013,2025,\n";
/** The areas of the data rows, in order. */
const AREAS = [["E09000002", "Barking and Dagenham"], ["E09000003", "Barnet"]];
const CODE = "Upper Tier Local Authority District code (2019)";
const NAME = "Upper Tier Local Authority District name (2019)";

/** A sheet of inline-string header cells and a data row per area of {@link AREAS}: code, name, then the numeric cells' <v> texts. */
function sheetXml(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const cols = ["A", "B", "C", "D"];
  const dataRow = (values: readonly string[], k: number) => {
    const n = k + 2;
    return `<row r="${n}">${text(`A${n}`, AREAS[k][0])}${text(`B${n}`, AREAS[k][1])}${values.map((v, c) => `<c r="${cols[c + 2]}${n}"><v>${v}</v></c>`).join("")}</row>`;
  };
  return `<row r="1">${header.map((h, k) => text(`${cols[k]}1`, h)).join("")}</row>${rows.map(dataRow).join("")}`;
}

/** File 11 with an IMD and an IDACI sheet of one area, their score and rank cells as given. */
function iodWorkbook(imd: [string, string], idaci: [string, string]): Uint8Array {
  return iodWorkbookOf([imd], [idaci]);
}

/** File 11 with an IMD and an IDACI sheet, a row of score and rank cells per area. */
function iodWorkbookOf(imd: readonly (readonly string[])[], idaci: readonly (readonly string[])[]): Uint8Array {
  return zipSync({
    "xl/workbook.xml": strToU8('<workbook><sheets><sheet name="IMD" sheetId="1" r:id="rId1"/><sheet name="IDACI" sheetId="2" r:id="rId2"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>'),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheetXml([CODE, NAME, "IMD - Average score", "IMD - Rank of average score"], imd)}</sheetData></worksheet>`),
    "xl/worksheets/sheet2.xml": strToU8(`<worksheet><sheetData>${sheetXml([CODE, NAME, "IDACI - Average score", "IDACI - Rank of average score"], idaci)}</sheetData></worksheet>`),
  });
}

const read = (bytes: Uint8Array) => importIod(bytes, "File_11.xlsx", buildAreas(LOOKUP, "lookup.csv"), new ImportLog());

test("IoD: decimal numeric cells are read as written", () => {
  const rows = read(iodWorkbook(["35.036999999999999", "1"], ["0.28299999999999997", "1.0"]));
  assert.deepEqual(rows.map((r) => [r.variable, r.value]), [["imd_score", 35.037], ["imd_rank", 1], ["idaci_score", 0.283], ["idaci_rank", 1]]);
  assert.deepEqual(read(iodWorkbook(["3.5E1", "1"], ["0", "1"])).map((r) => r.value), [35, 1, 0, 1], "E notation and zero are decimal");
});

test("XLSX: a numeric cell whose <v> is not a decimal number (hex, binary, octal, Infinity) is an error naming file, sheet and cell", () => {
  for (const v of ["0x23", "0b1", "0o7", "Infinity", "1_000", "35,0"]) {
    assert.throws(
      () => readXlsxSheets(iodWorkbook([v, "1"], ["0.283", "1"]), "File_11.xlsx", ["IMD"]),
      (e: unknown) => e instanceof DataError && e.file === "File_11.xlsx" && e.sheet === "IMD" && e.row === 2 && e.column === "C" && /got "C2 \(\d+ characters\)", expected a decimal number in a numeric cell/.test(e.message),
      v,
    );
  }
});

test("IoD: an IMD score below 0 or an IDACI score outside 0–1 is an error naming sheet, row, column and value", () => {
  const refused = (imd: string, idaci: string, column: string, expected: RegExp) =>
    assert.throws(
      () => read(iodWorkbook([imd, "1"], [idaci, "1"])),
      (e: unknown) => e instanceof DataErrors && e.errors.length === 1 && e.errors[0].row === 1 && `${e.errors[0].sheet}!${e.errors[0].column}` === column && expected.test(e.errors[0].message),
      `${imd} ${idaci}`,
    );
  refused("-35.037", "0.283", "IMD!IMD - Average score", /got "-35\.037", expected an IMD average score ≥ 0/);
  refused("35.037", "1.2", "IDACI!IDACI - Average score", /got "1\.2", expected an IDACI average score between 0 and 1/);
  refused("35.037", "-0.01", "IDACI!IDACI - Average score", /got "-0\.01"/);
  assert.equal(read(iodWorkbook(["0", "1"], ["1", "1"])).length, 4, "the ends of the ranges are in them");
});

test("IoD: a rank that is not a whole number from 1 to the number of areas, or is given twice, is an error naming file, sheet, row, column and value", () => {
  const refused = (idaciRanks: [string, string], row: number, expected: RegExp) =>
    assert.throws(
      () => read(iodWorkbookOf([["35", "1"], ["20", "2"]], [["0.3", idaciRanks[0]], ["0.2", idaciRanks[1]]])),
      (e: unknown) =>
        e instanceof DataErrors && e.errors.length === 1 && e.errors[0].file === "File_11.xlsx" && e.errors[0].row === row && e.errors[0].sheet === "IDACI" && e.errors[0].column === "IDACI - Rank of average score" && expected.test(e.errors[0].message),
      idaciRanks.join(" "),
    );
  refused(["0", "2"], 1, /got "0", expected a whole-number rank from 1 to 2 \(the areas on the sheet\)/);
  refused(["1", "9999"], 2, /got "9999", expected a whole-number rank from 1 to 2/);
  refused(["1.5", "2"], 1, /got "1\.5", expected a whole-number rank/);
  refused(["2", "2"], 2, /got "2", expected a rank no other area has \(row 1 has it too\)/);
  assert.deepEqual(read(iodWorkbookOf([["35", "2"], ["20", "1"]], [["0.3", "2"], ["0.2", "1"]])).filter((r) => r.variable.endsWith("_rank")).map((r) => r.value), [2, 1, 2, 1]);
});
