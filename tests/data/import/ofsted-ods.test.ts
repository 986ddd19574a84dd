/**
 * Ofsted ILACS inspection history (lib/data/import/ofsted-ods.ts) from a small synthetic workbook: an inspection
 * date that is not a date cell, or falls after the report's publication, is an error (it had disappeared from the
 * label, or been kept); a judgement label in another case or spacing is read and written in the scale's spelling.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataErrors } from "../../../lib/errors";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { ILACS_SHEET, importOfstedOds } from "../../../lib/data/import/ofsted-ods";
import { odsFromTables } from "../../helpers/ods";

const LOOKUP = "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note\n301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,\n";
const HEADER = [
  "Web link", "Local authority area code", "Local authority name", "Local authority status", "Ofsted region", "Inspection date", "Publication date", "Inspection type",
  "Overall effectiveness", "The impact of leaders on social work practice with children and families", "The experiences and progress of children who need help and protection",
  "The experiences and progress of children in care", "The experiences and progress of care leavers",
];

const text = (t: string) => `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
/** A date cell as LibreOffice writes one: the value in office:date-value, the text as shown. */
const dateCell = (iso: string) => `<table:table-cell office:value-type="date" office:date-value="${iso}T00:00:00"><text:p>${iso.split("-").reverse().join("/")}</text:p></table:table-cell>`;
const row = (cells: readonly string[]) => `<table:table-row>${cells.join("")}</table:table-row>`;

/** The ILACS sheet with one inspection of Barking and Dagenham: its inspection date cell and overall judgement as given. */
function ilacsWorkbook(inspected: string, overall = "Good"): Uint8Array {
  const data = [text("link"), text("E09000002"), text("Barking and Dagenham"), text("Active"), text("London"), inspected, dateCell("2018-08-28"), text("ILACS Standard Inspection"), text(overall), text("Good"), text("Good"), text("Good"), text("")];
  return odsFromTables(`<table:table table:name="${ILACS_SHEET}">${row([text("ILACS inspection history")])}${row(HEADER.map(text))}${row(data)}</table:table>`);
}

const read = (bytes: Uint8Array) => importOfstedOds(bytes, "outcomes.ods", buildAreas(LOOKUP, "lookup.csv"), new ImportLog());

test("ILACS: an inspection date cell is written into the label", () => {
  const rows = read(ilacsWorkbook(dateCell("2018-07-23")));
  assert.equal(rows.length, 4);
  assert.equal(rows[0].label, "Good [ILACS Standard Inspection; inspected 2018-07-23]");
  assert.equal(rows[0].date, "2018-08-28");
  assert.equal(read(ilacsWorkbook(text(""))).at(0)?.label, "Good [ILACS Standard Inspection]", "a blank inspection date is left out");
});

test("ILACS: an inspection date that is a number or a text, not a date cell, is an error naming file, sheet, row, column and value", () => {
  const numberCell = '<table:table-cell office:value-type="float" office:value="43304"><text:p>43304</text:p></table:table-cell>';
  for (const [cell, value] of [[numberCell, "43304"], [text("23/07/2018"), "23/07/2018"], [text("2018-07-23T10:00"), "2018-07-23T10:00"]] as const) {
    assert.throws(
      () => read(ilacsWorkbook(cell)),
      (e: unknown) =>
        e instanceof DataErrors && e.errors.length === 1 && e.errors[0].file === "outcomes.ods" && e.errors[0].row === 2 && e.errors[0].column === `${ILACS_SHEET}!Inspection date` && e.errors[0].value === value && /expected an ISO date \(a date cell/.test(e.errors[0].message),
      value,
    );
  }
});

test("ILACS: an inspection date after the report's publication date is an error", () => {
  assert.throws(
    () => read(ilacsWorkbook(dateCell("2099-07-23"))),
    (e: unknown) => e instanceof DataErrors && e.errors.length === 1 && e.errors[0].value === "2099-07-23" && /expected an inspection date on or before the publication date \(2018-08-28\)/.test(e.errors[0].message),
  );
  assert.equal(read(ilacsWorkbook(dateCell("2018-08-28"))).length, 4, "inspected and published the same day");
});

test("ILACS: a judgement in lower case or with stray spaces is read, and written in the scale's spelling", () => {
  const rows = read(ilacsWorkbook(dateCell("2018-07-23"), " outstanding "));
  assert.equal(rows[0].value, 1);
  assert.equal(rows[0].label, "Outstanding [ILACS Standard Inspection; inspected 2018-07-23]");
  assert.equal(read(ilacsWorkbook(dateCell("2018-07-23"), "requires  IMPROVEMENT to be good"))[0].label, "Requires improvement to be good [ILACS Standard Inspection; inspected 2018-07-23]");
});
