/**
 * `add` with a workbook: a row's error names the sheet and the row as Excel numbers it (round 26's helpers: "own.xlsx,
 * row 2, column …" named no sheet, and its row was the table's, one above the row Excel shows even with nothing above
 * the header).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { readPackage } from "../../../lib/data/package";
import { planOwnData } from "../../../lib/data/own-data/add";
import { placedInSheet, readOwnTable } from "../../../lib/data/own-data/read-table";
import { tempFile, writeFixturePackage } from "./fixture";

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;

/** A workbook of a text-only "Cover" sheet and a "Visits 2023" sheet of inline-string cells ([] an empty row). */
function workbook(rows: readonly (readonly string[])[]): Uint8Array {
  const cells = (r: readonly string[], i: number) => r.map((v, k) => `<c r="${String.fromCharCode(65 + k)}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`).join("");
  const sheetData = rows.map((r, i) => (r.length === 0 ? "" : `<row r="${i + 1}">${cells(r, i)}</row>`)).join("");
  return zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="Cover" sheetId="1" r:id="rId1"/><sheet name="Visits 2023" sheetId="2" r:id="rId2"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Local measures</t></is></c></row></sheetData></worksheet>`),
    "xl/worksheets/sheet2.xml": strToU8(`<worksheet><sheetData>${sheetData}</sheetData></worksheet>`),
  });
}

test("a workbook's row errors name the sheet and the row Excel shows, empty rows above and between counted", () => {
  const rows = [[], ["la_code", "period", "visits_pct"], ["E06000023", "2023", "45"], [], ["E06000010", "2023", "x7"], ["E99999999", "2023", "50"]];
  const file = tempFile("visits.xlsx", workbook(rows));
  const plan = planOwnData(readPackage(writeFixturePackage()), file, { metadata: META });
  assert.deepEqual(plan.errors.map((e) => e.message), [
    `${file}, sheet "Visits 2023", row 5, column "visits_pct": got "x7", expected a number or a DfE symbol (c, low, k, x, :, z, u, ., or a letter one in square brackets as GSS tables write them: [c], [low]; blank = not available)`,
    `${file}, sheet "Visits 2023", row 6, column "la_code": got "E99999999", expected an LA of the package: ONS code E99999999 is not in areas.csv or its earlier codes`,
  ]);
  // the header's: the sheet's row of the header (row 0 of the table)
  const noPeriod = tempFile("no-period.xlsx", workbook([[], ["la_code", "visits_pct"], ["E06000023", "45"]]));
  assert.equal(
    planOwnData(readPackage(writeFixturePackage()), noPeriod, { metadata: META }).errors[0]?.message,
    `${noPeriod}, sheet "Visits 2023", row 2, column "period": expected a period column (one of period, year, time_period) or the period given as an option`,
  );
});

test("a workbook's header error thrown while reading names the sheet and the header's row", () => {
  const file = tempFile("twice.xlsx", workbook([[], [], ["la_code", "period", "Visits pct", "visits_pct"], ["E06000023", "2023", "45", "46"]]));
  assert.throws(() => readOwnTable(file), {
    message: `${file}, sheet "Visits 2023", row 3, column "visits_pct": got "visits_pct", expected each column named once (column 3, "Visits pct", is read as the same name, visits_pct)`,
  });
});

test("placedInSheet leaves a CSV's errors, another file's and those naming a sheet as they are", () => {
  const table = { file: "own.xlsx", sheet: "Data", sheetRows: [2, 3, 5], header: [] };
  const e = new DataError({ file: "own.xlsx", row: 2, column: "rate", value: "x", expected: "a number" });
  assert.equal(placedInSheet(e, table).message, 'own.xlsx, sheet "Data", row 5, column "rate": got "x", expected a number');
  for (const kept of [new DataError({ file: "own.meta.csv", row: 2, expected: "a unit" }), new DataError({ file: "own.xlsx", sheet: "Data", row: 7, expected: "a cell" })]) {
    assert.equal(placedInSheet(kept, table), kept);
  }
  assert.equal(placedInSheet(e, { file: "own.xlsx", header: [] }), e);
});
