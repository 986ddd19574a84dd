/**
 * A title above an own-data sheet's header (merged across the columns or not, the header on row 2 or 3: common in LA
 * spreadsheets) is left out and the header found below it, saying so; rows above the header that could be part of it
 * are refused with what to do. The title had been taken as the header: "row 0: got 'Family group conferences…',
 * expected a column identifying the LA … choose the one with the table with --sheet NAME".
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { readPackage } from "../../../lib/data/package";
import { planOwnData } from "../../../lib/data/own-data/add";
import { readOwnTable } from "../../../lib/data/own-data/read-table";
import { findSheetHeader } from "../../../lib/data/own-data/sheet-header";
import { tempFile, writeFixturePackage } from "./fixture";

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;
const HEADER = ["la_code", "period", "visits_pct"];
const DATA = [["E06000023", "2023", "45"], ["E06000010", "2023", "52"]];
const TITLE = "Visits within 20 working days, 2023 (%)";

/** A workbook of sheets (name → rows of inline-string cells from A; "" leaves a cell out; [] an empty row) with merged ranges. */
function workbook(sheets: Record<string, { rows: readonly (readonly string[])[]; merged?: readonly string[] }>): Uint8Array {
  const names = Object.keys(sheets);
  const cells = (r: readonly string[], i: number) => r.map((v, k) => (v === "" ? "" : `<c r="${String.fromCharCode(65 + k)}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`)).join("");
  const sheetXml = ({ rows, merged = [] }: { rows: readonly (readonly string[])[]; merged?: readonly string[] }) =>
    `<worksheet><sheetData>${rows.map((r, i) => (r.length === 0 ? "" : `<row r="${i + 1}">${cells(r, i)}</row>`)).join("")}</sheetData>${merged.length === 0 ? "" : `<mergeCells>${merged.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`}</worksheet>`;
  const files: Record<string, Uint8Array> = {
    "xl/workbook.xml": strToU8(`<workbook><sheets>${names.map((n, k) => `<sheet name="${n}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join("")}</sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships>${names.map((_, k) => `<Relationship Id="rId${k + 1}" Target="worksheets/sheet${k + 1}.xml"/>`).join("")}</Relationships>`),
  };
  names.forEach((n, k) => (files[`xl/worksheets/sheet${k + 1}.xml`] = strToU8(sheetXml(sheets[n]))));
  return zipSync(files);
}

test("a title merged across above the header is left out, the header found below it, and add says which row it took", () => {
  const file = tempFile("visits.xlsx", workbook({ Data: { rows: [[TITLE], HEADER, ...DATA], merged: ["A1:C1"] } }));
  const table = readOwnTable(file);
  assert.deepEqual([table.header, table.rows, table.sheetRows, table.titleRows], [HEADER, DATA, [2, 3, 4], [1]]);
  const plan = planOwnData(readPackage(writeFixturePackage()), file, { metadata: META });
  assert.deepEqual(plan.errors, []);
  assert.ok(plan.report.notes.includes('sheet "Data": row 2 taken as the header; row 1 above it (a title) left out'), plan.report.notes.join("\n"));
  assert.equal(plan.report.indicators[0].values, 2);
});

test("a title and a source line, unmerged, with an empty row before the header on row 4; and a Cover sheet of titles passed over", () => {
  const file = tempFile("visits.xlsx", workbook({ Cover: { rows: [["Local measures"], ["Prepared by the performance team"]] }, Data: { rows: [[TITLE], ["Source: case records"], [], HEADER, ...DATA] } }));
  const plan = planOwnData(readPackage(writeFixturePackage()), file, { metadata: META });
  assert.deepEqual(plan.errors, []);
  assert.equal(plan.report.sheet, "Data");
  assert.ok(plan.report.notes.includes('sheet "Data": row 4 taken as the header; rows 1, 2 above it (titles or notes in column A) left out'), plan.report.notes.join("\n"));
});

test("labels above the header that could be part of it are refused, saying to delete the rows above the header", () => {
  const twoLevel = tempFile("two.xlsx", workbook({ Data: { rows: [["", "", "Rates"], HEADER, ...DATA] } }));
  assert.throws(() => readOwnTable(twoLevel), {
    message: `${twoLevel}, sheet "Data", row 2: got "la_code,period,visits_pct", expected a table whose header is its first row (or below a title in column A): row 2 names the LA column, but row 1 above it is more than a title in column A (labels over the columns?), so which row is the header cannot be told; delete the rows above row 2 or move them to another sheet, so that the header, with each column's whole name, is the first row, then add the file again`,
  });
  const grouped = tempFile("grouped.xlsx", workbook({ Data: { rows: [[TITLE], ["Area", "", "Rates"], HEADER, ...DATA] } }));
  assert.throws(() => readOwnTable(grouped), {
    message: `${grouped}, sheet "Data", row 2: got "Area,Rates", expected a table whose header is its first row (or below a title in column A): rows 2 and 3 both name an LA column, so which is the header cannot be told; delete the rows above row 3 or move them to another sheet, so that the header, with each column's whole name, is the first row, then add the file again`,
  });
});

test("findSheetHeader: the first row with a value when it names the LA or no row below does; titles only within five rows", () => {
  const namesArea = (r: readonly string[]) => r.includes("la_code");
  assert.deepEqual(findSheetHeader([[], HEADER, ...DATA], namesArea), { index: 1, above: [] });
  assert.deepEqual(findSheetHeader([["Notes"], ["x", "y"]], namesArea), { index: 0, above: [] });
  assert.deepEqual(findSheetHeader([], namesArea), { index: -1, above: [] });
  const titles = Array.from({ length: 6 }, (_, k) => [`note ${k}`]);
  assert.deepEqual(findSheetHeader([...titles.slice(0, 5), HEADER], namesArea), { index: 5, above: [0, 1, 2, 3, 4] });
  assert.deepEqual(findSheetHeader([...titles, HEADER], namesArea), { index: 0, above: [] });
});
