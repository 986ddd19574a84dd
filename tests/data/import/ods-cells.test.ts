/**
 * An .ods cell whose value does not fit its type is named as the XLSX reader names a cell: sheet, row and column
 * letter (round 26's helpers: the message gave the sheet alone, leaving an analyst to search every cell of it).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { readOdsSheets } from "../../../lib/data/import/spreadsheet/ods";
import { odsFromTables } from "../../helpers/ods";

const text = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
const HEADER = `<table:table-row>${text("la_code")}${text("period")}${text("rate")}</table:table-row>`;

/** A sheet "Rates" with a header, an empty row and a row ending in `cell` after `before` (blank cells between). */
function sheet(cell: string): Uint8Array {
  const row = `<table:table-row>${text("E06000001")}<table:table-cell table:number-columns-repeated="2"/>${cell}</table:table-row>`;
  return odsFromTables(`<table:table table:name="Rates">${HEADER}<table:table-row table:number-rows-repeated="2"/>${row}</table:table>`);
}

// each once as the byte path reads it, and once with a comment in its paragraph, which the text path reads
const paragraphs = ["<text:p>x</text:p>", "<text:p>x<!-- c --></text:p>"];

test("a numeric cell whose office:value is not a number is named by sheet, row and column letter", () => {
  for (const p of paragraphs) {
    for (const type of ["float", "percentage", "currency"]) {
      assert.throws(() => readOdsSheets(sheet(`<table:table-cell office:value-type="${type}" office:value="4,5">${p}</table:table-cell>`), "rates.ods"), {
        message: `rates.ods, sheet "Rates", row 4, column "D": got "4,5", expected a number in a ${type} cell (its office:value): save the file again from LibreOffice or Excel`,
      });
    }
  }
  assert.throws(() => readOdsSheets(sheet(`<table:table-cell office:value-type="float"/>`), "rates.ods"), {
    message: 'rates.ods, sheet "Rates", row 4, column "D": got "", expected a number in a float cell (its office:value): save the file again from LibreOffice or Excel',
  });
});

test("a date cell whose office:date-value is not a date is named by sheet, row and column letter", () => {
  for (const p of paragraphs) {
    assert.throws(() => readOdsSheets(sheet(`<table:table-cell office:value-type="date" office:date-value="31/03/2023">${p}</table:table-cell>`), "rates.ods"), {
      message: 'rates.ods, sheet "Rates", row 4, column "D": got "31/03/2023", expected a date written YYYY-MM-DD in a date cell (its office:date-value): save the file again from LibreOffice or Excel',
    });
  }
});
