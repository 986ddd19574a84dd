/**
 * Which sheet of a workbook `add` reads by default: the first whose header names an LA column. An LA analyst's
 * workbook opened on a text-only "Cover" sheet, read as the table and refused without naming --sheet or the others.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as XLSX from "xlsx";
import { readOwnTable, detectLayout } from "../../../lib/data/own-data/read-table";
import { tempDir } from "../../helpers/temp-dirs";

/** An .xlsx of the given sheets (name → rows), written by the registry's `xlsx` package. */
function workbook(sheets: Record<string, (string | number)[][]>): string {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  const file = path.join(tempDir("vsw-own-sheets-"), "own.xlsx");
  fs.writeFileSync(file, XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
  return file;
}

const COVER = [["Local performance measures — Y&H benchmarking"], ["Source: council case management systems"], ["Suppressed: [c]"]];
const DATA = [["LA code", "Year", "Measure", "Value"], ["E06000002", "2023-24", "cp_review_in_time", 72.8]];

test("a workbook opened on a text-only cover sheet is read from its first sheet with an LA column", () => {
  const table = readOwnTable(workbook({ Cover: COVER, Notes: [["see cover"]], Data: DATA }));
  assert.equal(table.sheet, "Data");
  assert.deepEqual(table.rows, [["E06000002", "2023-24", "cp_review_in_time", "72.8"]]);
  // a sheet named with --sheet is read as it is
  assert.equal(readOwnTable(workbook({ Cover: COVER, Data: DATA }), { sheet: "Cover" }).sheet, "Cover");
});

test("a workbook with no sheet naming an LA column is refused listing its sheets and naming --sheet", () => {
  const file = workbook({ Cover: COVER, Figures: [["Authority code", "2024"], ["E06000002", 5]] });
  const table = readOwnTable(file);
  assert.equal(table.sheet, "Cover");
  assert.throws(() => detectLayout(table), (e: Error) =>
    e.message.startsWith(`${file}, row 0: got "Local performance measures — Y&H benchmarking", expected a column identifying the LA: one of la_code, new_la_code, old_la_code, la_name, local_authority in sheet "Cover" (the workbook's sheets: "Cover", "Figures"; choose the one with the table with --sheet NAME)`));
});

test("a workbook with a table on each of several sheets is refused naming each and --sheet (the first had been read, the others dropped)", () => {
  const year = (y: number) => [["la_code", "period", "my_pct"], ["E06000002", y, 40]];
  const file = workbook({ Cover: COVER, "2023": year(2023), "2024": year(2024) });
  assert.throws(() => readOwnTable(file), (e: Error) =>
    e.message === `${file}: got "2 sheets with an LA column", expected one table: sheets "2023" and "2024" each have a header row naming the LA, and add reads one sheet at a time: add each with --sheet NAME (--sheet "2023", then --sheet "2024")`);
  assert.deepEqual(readOwnTable(file, { sheet: "2024" }).rows, [["E06000002", "2024", "40"]]);
});
