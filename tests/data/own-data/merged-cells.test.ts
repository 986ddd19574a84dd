/**
 * Merged cells below an own-data sheet's header get advice that fits them (round 25's second read, xl/twohead_m.xlsx
 * and xl/foot_merge.xlsx): "unmerge and fill each cell" would have made a two-row header's second row, or a footnote,
 * a row of data.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { mergedRangesBelowHeader } from "../../../lib/data/own-data/merged-cells";
import { readOwnTable } from "../../../lib/data/own-data/read-table";
import { tempFile } from "./fixture";

/** A one-sheet workbook ("Data") of inline-string cells (rows of cells from A; "" leaves a cell out) and merged ranges. */
function workbook(rows: readonly (readonly string[])[], merged: readonly string[]): Uint8Array {
  const cells = (r: readonly string[], i: number) =>
    r.map((v, k) => (v === "" ? "" : `<c r="${String.fromCharCode(65 + k)}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`)).join("");
  const sheetData = rows.map((r, i) => (r.length === 0 ? "" : `<row r="${i + 1}">${cells(r, i)}</row>`)).join("");
  const mergeCells = merged.length === 0 ? "" : `<mergeCells count="${merged.length}">${merged.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  return zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheetData}</sheetData>${mergeCells}</worksheet>`),
  });
}

const HEADER = ["la_code", "period", "my_ind"];
const DATA = [["E06900001", "2023", "45.5"], ["E06900002", "2023", "50.1"]];

/** The DataError readOwnTable throws for a workbook. */
function refusal(name: string, rows: readonly (readonly string[])[], merged: readonly string[]): DataError {
  try {
    readOwnTable(tempFile(name, workbook(rows, merged)));
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    return e;
  }
  assert.fail(`${name} was read`);
}

test("a header merged down over two rows is refused saying to make it one row, not to fill its cells", () => {
  const e = refusal("twohead_m.xlsx", [HEADER, ["", "", "(%)"], ...DATA], ["A1:A2", "B1:B2"]);
  assert.equal(e.sheet, "Data");
  assert.equal(e.column, undefined, "the sheet is not a column");
  assert.match(e.message, /twohead_m\.xlsx, sheet "Data": got "merged cells A1:A2, B1:B2", expected a table without merged cells below its header: A1:A2, B1:B2 merge the header \(row 1\) with row 2 below it: the header is one row; unmerge them, give each column its whole name in row 1 \(with its unit, as "my_indicator \(%\)"\) and delete row 2, then add the file again$/);
  assert.doesNotMatch(e.message, /fill/);
  // a header of three rows: both rows below it go
  assert.match(refusal("threehead.xlsx", [HEADER, [], ["", "", "(%)"], ...DATA], ["A1:A3"]).message, /A1:A3 merges the header \(row 1\) with rows 2–3 below it: .*unmerge it, .* and delete rows 2–3,/);
});

test("a note merged across below the data is refused saying to delete or move it, since a blank row above it does not end the table", () => {
  const e = refusal("foot_merge.xlsx", [HEADER, ...DATA, [], ["Source: local survey, 2023. Figures rounded."]], ["A5:C5"]);
  assert.equal(e.sheet, "Data");
  assert.match(e.message, /foot_merge\.xlsx, sheet "Data": got "merged cells A5:C5", expected a table without merged cells below its header: A5:C5 is below the data \(a note or source\?\): delete it or move it to another sheet \(every row below the header is read: a blank row above a note does not end the table\), then add the file again$/);
  assert.doesNotMatch(e.message, /fill/);
  // the claim the advice rests on: the same note unmerged, after a blank row, is read as a row of data
  assert.deepEqual(readOwnTable(tempFile("foot_nomerge.xlsx", workbook([HEADER, ...DATA, [], ["Source: local survey"]], []))).rows.at(-1), ["Source: local survey", "", ""]);
});

test("merged ranges are told apart by where they are: in the header, within the data, or below the last row with a value of its own", () => {
  const sheet = (rows: string[][], merged: string[]) => ({ name: "Data", rows, merged });
  // a period merged down the data (B2:B3): its first cell is not the only value of row 2, so the data reaches row 3
  assert.deepEqual(mergedRangesBelowHeader(sheet([HEADER, ["E06900001", "2023", "1"], ["E06900002", "", "2"]], ["B2:B3"]), 1), [{ ref: "B2:B3", kind: "data" }]);
  // the last data row's value merged down into a blank row is still data
  assert.deepEqual(mergedRangesBelowHeader(sheet([HEADER, ["E06900001", "2023", "1"], ["E06900002", "2023", "2"]], ["C3:C4"]), 1), [{ ref: "C3:C4", kind: "data" }]);
  // two notes, one after the other; a title above the header and a range inside the header row are not below it
  assert.deepEqual(
    mergedRangesBelowHeader(sheet([["Title"], HEADER, ...DATA, ["Note 1"], ["Note 2"]], ["A1:C1", "A2:B2", "A5:C5", "A6:C6"]), 2),
    [{ ref: "A5:C5", kind: "note" }, { ref: "A6:C6", kind: "note" }],
  );
  assert.deepEqual(mergedRangesBelowHeader(sheet([HEADER, ...DATA], []), 1), []);
  // several kinds at once: each named with its advice
  const e = refusal("mixed.xlsx", [HEADER, ["", "", "(%)"], ["E06900001", "2023", "1"], ["E06900002", "", "2"], ["Note"]], ["A1:A2", "B3:B4", "A5:C5"]);
  assert.match(e.message, /got "merged cells A1:A2, B3:B4, A5:C5", expected .*: A1:A2 merges the header \(row 1\) with row 2 below it: .*; A5:C5 is below the data .*; B3:B4 within the data: only the first cell of a merged range holds its value, the others are blank; unmerge them and fill each cell/);
});
