/**
 * Ofsted ILACS inspection history (lib/data/import/ofsted-ods.ts) from a small synthetic workbook: an inspection
 * date that is not a date cell, or falls after the report's publication, is an error (it had disappeared from the
 * label, or been kept); so is a date that is no calendar day, before ILACS (2018) or after the workbook's cover date;
 * a judgement label in another case or spacing is read and written in the scale's spelling.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataErrors } from "../../../lib/errors";
import { buildAreas } from "../../../lib/data/import/areas";
import { ImportLog } from "../../../lib/data/import/import-log";
import { ILACS_SHEET, importOfstedOds, isCalendarDate } from "../../../lib/data/import/ofsted-ods";
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

/**
 * The ILACS sheet with one inspection of Barking and Dagenham: its inspection date cell, overall judgement and
 * publication date as given; with `publishedOn`, a Cover sheet before it saying the workbook was published then.
 */
function ilacsWorkbook(inspected: string, overall = "Good", published = "2018-08-28", publishedOn?: string): Uint8Array {
  const data = [text("link"), text("E09000002"), text("Barking and Dagenham"), text("Active"), text("London"), inspected, dateCell(published), text("ILACS Standard Inspection"), text(overall), text("Good"), text("Good"), text("Good"), text("")];
  const cover = publishedOn === undefined ? "" : `<table:table table:name="Cover">${row([text("Local authority inspection outcomes as at 31 March 2025")])}${row([text("Published on:"), dateCell(publishedOn)])}</table:table>`;
  return odsFromTables(`${cover}<table:table table:name="${ILACS_SHEET}">${row([text("ILACS inspection history")])}${row(HEADER.map(text))}${row(data)}</table:table>`);
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
        e instanceof DataErrors && e.errors.length === 1 && e.errors[0].file === "outcomes.ods" && e.errors[0].row === 2 && e.errors[0].sheet === ILACS_SHEET && e.errors[0].column === "Inspection date" && e.errors[0].value === value && /expected an ISO date \(a date cell/.test(e.errors[0].message),
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

test("ILACS: a date that is no calendar day, before ILACS began (2018) or after the workbook's cover date is an error naming sheet, row, column and value", () => {
  const refused = (inspected: string, published: string, column: string, value: string, expected: RegExp) =>
    assert.throws(
      () => read(ilacsWorkbook(dateCell(inspected), "Good", published, "2025-09-25")),
      (e: unknown) => e instanceof DataErrors && e.errors.length === 1 && e.errors[0].file === "outcomes.ods" && e.errors[0].row === 2 && e.errors[0].sheet === ILACS_SHEET && e.errors[0].column === column && e.errors[0].value === value && expected.test(e.errors[0].message),
      `${inspected} ${published}`,
    );
  const range = /expected a date from 2018-01-01 \(ILACS began in 2018\) to 2025-09-25 \(the workbook's publication date, Cover\)/;
  refused("2099-01-10", "2099-03-04", "Publication date", "2099-03-04", range);
  refused("1900-01-01", "2018-08-28", "Inspection date", "1900-01-01", range);
  refused("2017-12-31", "2017-12-31", "Publication date", "2017-12-31", range);
  refused("2023-02-30", "2023-04-04", "Inspection date", "2023-02-30", /expected a calendar date \(yyyy-mm-dd\)/);
  refused("2023-02-01", "2023-04-31", "Publication date", "2023-04-31", /expected a calendar date \(yyyy-mm-dd\)/);
  assert.equal(read(ilacsWorkbook(dateCell("2024-02-29"), "Good", "2025-09-25", "2025-09-25")).length, 4, "a leap day, and a report published the day the workbook was");
});

test("ILACS: a workbook with no cover date is read with dates checked from 2018 and a warning saying there is no latest date", () => {
  const log = new ImportLog();
  assert.equal(importOfstedOds(ilacsWorkbook(dateCell("2030-01-10"), "Good", "2030-02-01"), "outcomes.ods", buildAreas(LOOKUP, "lookup.csv"), log).length, 4);
  assert.deepEqual(log.entries().filter((e) => e.action === "warning").map((e) => [e.rule, e.column]), [['no "Published on:" date on a Cover sheet: ILACS dates checked from 2018-01-01 with no latest date', "Cover"]]);
  assert.throws(() => read(ilacsWorkbook(dateCell("2017-06-01"), "Good", "2017-07-01")), /got "2017-07-01", expected a date from 2018-01-01 \(ILACS began in 2018\)/);
});

test("isCalendarDate: a yyyy-mm-dd day of the calendar", () => {
  assert.deepEqual(["2024-02-29", "2023-02-29", "2023-02-30", "2023-13-01", "2023-00-10", "2023-1-01", "2025-09-25"].map(isCalendarDate), [true, false, false, false, false, false, true]);
});
