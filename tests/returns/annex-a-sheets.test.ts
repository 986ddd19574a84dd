/**
 * A sheet copied in a spreadsheet program keeps its list's name ("List 7 (2)"), and both sheets had been read: the
 * round-27 trial's copied List 7 doubled cpp_second_time_pct 41/93 → 82/186, exit 0. An exact copy is read once and
 * said; two different sheets of one list are refused, as two workbooks of one LA and year are.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import { annexAListOfSheet } from "../../lib/returns/annex-a-lists";
import { importReturns } from "../../lib/returns/import-returns";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { TEST_KEY, tempDir } from "./helpers";

const LA = "E09000001";
const WORKBOOK = "annex_a_2024-01-15.xlsx";
const LIST_7_HEADER = ["Child Unique ID", "Child Protection Plan Start Date", "Number of Previous Child Protection Plans"];
/** Plans of October–December 2023: 2 of 4 children with a plan before. */
const PLANS = [["P1", "02/10/2023", "0"], ["P2", "10/11/2023", "1"], ["P3", "05/12/2023", "2"], ["P4", "06/12/2023", "0"]];
const REFERRALS = { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "02/10/2023"], ["R2", "10/11/2023"]] };

/** Import one workbook of `sheets` (its name giving the extract date 15 January 2024). */
function importWorkbook(sheets: Parameters<typeof xlsxBytes>[0]) {
  const dir = tempDir();
  const file = path.join(dir, LA, WORKBOOK);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, xlsxBytes(sheets));
  return importReturns(dir, { key: TEST_KEY, threshold: 1 });
}

const secondTime = (r: ReturnType<typeof importWorkbook>) => {
  const row = r.indicators.find((i) => i.indicator === "cpp_second_time_pct")!;
  return [row.numerator, row.denominator];
};

test("a copied sheet keeps its list's name in Excel, Numbers, Google Sheets and LibreOffice; a name holding it elsewhere names no list", () => {
  for (const name of ["List 7 (2)", "List 7 copy", "Copy of List 7", "copy of list7", "List 7_2", "List 7 - Child protection (2)"]) assert.equal(annexAListOfSheet(name), 7, name);
  assert.equal(annexAListOfSheet("List 10_2"), 10);
  for (const name of ["Notes on List 7", "Old List 7", "Copy of Notes", "List 7x"]) assert.equal(annexAListOfSheet(name), null, name);
});

test("an exact copy of a list sheet, under any copy's name, is read once (it had doubled the list's counts) and said so on the screen", () => {
  const alone = importWorkbook([REFERRALS, { name: "List 7", header: LIST_7_HEADER, rows: PLANS }]);
  assert.deepEqual(secondTime(alone), [2, 4]);
  for (const copy of ["List 7 (2)", "Copy of List 7", "List 7_2", "List 7 copy"]) {
    // the copy first in the workbook: the one of the shortest name is read whatever the order
    const twice = importWorkbook([REFERRALS, { name: copy, header: LIST_7_HEADER, rows: PLANS }, { name: "List 7", header: LIST_7_HEADER, rows: PLANS }]);
    assert.deepEqual(twice.indicators, alone.indicators, copy);
    assert.deepEqual(
      twice.log.notices.filter((n) => /Annex A sheet not read/.test(n.rule)).map((n) => [n.file, n.rule, n.detail]),
      [[`${LA}/${WORKBOOK} [${copy}]`, "Annex A sheet not read: an exact copy of [List 7] (the same cells), which is read", "its children are counted once"]],
    );
    assert.deepEqual(twice.log.fileSummary().map((f) => f.file), [`${LA}/${WORKBOOK} [List 3]`, `${LA}/${WORKBOOK} [List 7]`]);
  }
  // a copy written with empty cells after each row and an empty row after the last holds the same cells (the rows as
  // read end at their last cell that holds text; oneSheetPerList also compares without empty cells at the ends)
  const wider = importWorkbook([
    REFERRALS,
    { name: "List 7", header: LIST_7_HEADER, rows: PLANS },
    { name: "List 7 (2)", header: [...LIST_7_HEADER, ""], rows: [...PLANS.map((r) => [...r, ""]), ["", "", ""]] },
  ]);
  assert.deepEqual(wider.indicators, alone.indicators);
  assert.equal(wider.log.notices.filter((n) => /Annex A sheet not read/.test(n.rule)).length, 1);
});

test("two different sheets of one list are refused, naming the workbook and both sheets", () => {
  const changed = PLANS.map((r) => (r[0] === "P4" ? ["P4", "06/12/2023", "1"] : r));
  assert.throws(
    () => importWorkbook([REFERRALS, { name: "List 7", header: LIST_7_HEADER, rows: PLANS }, { name: "List 7 (2)", header: LIST_7_HEADER, rows: changed }]),
    (e: Error) => {
      assert.ok(e instanceof DataError);
      assert.equal(
        e.message,
        `${LA}/${WORKBOOK}, sheet "List 7 (2)": got "a second sheet of Annex A list 7 (child protection), beside \\"List 7\\"", ` +
          `expected one sheet per list: "List 7" and "List 7 (2)" are two different sheets of Annex A list 7 (child protection) (their cells differ), so a child listed in both would be counted twice; keep the one to count and delete the other sheet`,
      );
      return true;
    },
  );
});

test("a second sheet of a list without the list's columns (notes on it) is skipped with a note, as before, not refused", () => {
  const r = importWorkbook([REFERRALS, { name: "List 7", header: LIST_7_HEADER, rows: PLANS }, { name: "List 7 - notes", header: ["About this list"], rows: [["Plans since October"]] }]);
  assert.deepEqual(secondTime(r), [2, 4]);
  assert.ok(r.log.entries().some((e) => e.file === `${LA}/${WORKBOOK} [List 7 - notes]` && e.action === "skipped-file"));
});
