import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { yearFromPath } from "../../lib/returns/discover";
import { annexAExtractDate } from "../../lib/returns/read-annex-a";
import { parseIsoDate } from "../../lib/returns/dates";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { TEST_KEY, tempDir } from "./helpers";

const LA = "E09000001";

/**
 * Four referrals of October–December 2023 (R1 twice, 79 days apart: one re-referral) and two children looked after
 * since 2022 and 2023, not ceased.
 */
const WORKBOOK = xlsxBytes([
  { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "02/10/2023"], ["R2", "10/11/2023"], ["R3", "05/12/2023"], ["R1", "20/12/2023"]] },
  {
    name: "List 8",
    header: ["Child Unique ID", "Date Started to be Looked After", "Date Ceased to be Looked After", "Legal Status"],
    rows: [["L1", "01/09/2022", "", "C2"], ["L2", "01/06/2023", "", "C2"]],
  },
]);

/** Import WORKBOOK saved as `name` under the LA's folder, with a population of 10,000 for 2023-24. */
function importAs(name: string) {
  const dir = tempDir();
  const file = path.join(dir, LA, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, WORKBOOK);
  const result = importReturns(dir, { key: TEST_KEY, population: new Map([[`${LA}|2024`, 10_000]]), threshold: 1 });
  const rows = Object.fromEntries(result.indicators.map((r) => [r.indicator, [r.numerator, r.denominator, r.status]]));
  return { rows, notices: result.log.notices.map((n) => n.rule), noticed: result.log.notices, catalogue: new Map(result.catalogue.map((c) => [c.indicator, c.definition])) };
}

test("the extract date of an Annex A workbook is read from its file name; a name by collection year gives none", () => {
  assert.equal(annexAExtractDate(`${LA}/annex_a_2024-01-15.xlsx`), parseIsoDate("2024-01-15"));
  assert.equal(annexAExtractDate("annexa_20240415.xlsx"), parseIsoDate("2024-04-15"));
  assert.equal(annexAExtractDate(`${LA}/2023-24/annex_a.xlsx`), null);
  assert.equal(annexAExtractDate("annex_a_2023-24.xlsx"), null);
  assert.equal(annexAExtractDate("annex_a_2024-02-30.xlsx"), null); // not a day
});

test("a workbook named by collection year only is taken for a window of unknown months: no referral rate, no count at 31 March, the share flagged, and the screen says how to name it", () => {
  // it had been taken to hold the whole year: 4 referrals per 10,000 and 2 looked after at 31 March, unflagged
  const { rows, notices, noticed, catalogue } = importAs("2023-24/annex_a.xlsx");
  assert.deepEqual(rows, { cin_rereferral_pct: [1, 4, "low-reliability:window"] });
  assert.deepEqual(notices, [
    "Annex A workbook whose name gives no extract date: taken for the 6 months before an unknown day, not the year ending 31 March 2024 (no count of the year or at 31 March; shares flagged low-reliability:window)",
    "cin_referrals_rate_per_10k left out: Annex A List 3 of a workbook whose name gives no extract date holds the referrals of the 6 months before its extract, not of the year ending 31 March 2024",
    "cla_rate_per_10k left out: Annex A List 8 of a workbook whose name gives no extract date does not show who was looked after on 31 March 2024 (its window is the 6 months before the extract)",
    "cin_rereferral_pct: low-reliability:window (a share of the Annex A window's 6 months before the extract, not of the year ending 31 March)",
  ]);
  assert.equal(noticed[0].file, `${LA}/2023-24/annex_a.xlsx`);
  assert.match(noticed[0].detail!, /name the file by the day its lists were extracted \(annex_a_2024-01-15\.xlsx\)/);
  assert.match(catalogue.get("cin_rereferral_pct")!, /no extract date \(2023-24\/annex_a\.xlsx\) is taken for such a window of unknown months.*name the file by its extract date/);
});

test("a workbook extracted on 15 January gives no referral rate and no count at 31 March, and flags the re-referral share, on the log and the screen", () => {
  const { rows, notices, catalogue } = importAs("annex_a_2024-01-15.xlsx");
  assert.deepEqual(rows, { cin_rereferral_pct: [1, 4, "low-reliability:window"] });
  assert.deepEqual(notices, [
    "cin_referrals_rate_per_10k left out: Annex A List 3 extracted 2024-01-15 holds the referrals of the 6 months before, not of the year ending 31 March 2024",
    "cla_rate_per_10k left out: Annex A List 8 extracted 2024-01-15 does not show who was looked after on 31 March 2024 (its window is the 6 months before the extract)",
    "cin_rereferral_pct: low-reliability:window (a share of the Annex A window's 6 months before the extract, not of the year ending 31 March)",
  ]);
  assert.match(catalogue.get("cin_rereferral_pct")!, /flagged low-reliability:window/);
});

test("a workbook extracted on 15 April, two weeks after the year's end, shows 31 March but still not the whole year", () => {
  const { rows, notices } = importAs("annex_a_2024-04-15.xlsx");
  assert.deepEqual(rows, { cin_rereferral_pct: [1, 4, "low-reliability:window"], cla_rate_per_10k: [2, 10_000, ""] });
  assert.equal(notices.length, 2);
  assert.match(notices[0], /^cin_referrals_rate_per_10k left out: /);
});

test("a workbook whose name holds no calendar date (2024-02-30) is not read, and said so; not taken to hold the whole year", () => {
  const dir = tempDir();
  const file = path.join(dir, LA, "annex_a_2024-02-30.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, WORKBOOK);
  const result = importReturns(dir, { key: TEST_KEY, population: new Map([[`${LA}|2024`, 10_000]]), threshold: 1 });
  assert.equal(result.indicators.length, 0);
  const note = result.log.entries().find((e) => e.action === "unknown-file");
  assert.match(note?.rule ?? "", /holds 2024-02-30, not a calendar date: rename it by its extract date/);
});

test("the collection year: a folder's year that agrees with the extract date's window is taken; alone, the extract date's window decides", () => {
  assert.equal(yearFromPath("2024-25/annex_a_2024-10-15.xlsx"), 2025);
  assert.equal(yearFromPath(`${LA}/annex_a_2024-10-15.xlsx`), null);
  // an October extract alone: its window (April–October) is of the year to March 2025, with no 2025 population here
  const { rows } = importAs("annex_a_2024-10-15.xlsx");
  assert.ok(Object.keys(rows).every((k) => k !== "cin_referrals_rate_per_10k"), JSON.stringify(rows));
});

test("an Annex A workbook in a folder of another year than its extract date's window is refused, naming the file, the folder's year and the extract date's", () => {
  // 15 October 2024: a window of April–October 2024, the year to March 2025, filed under 2023 (the year to March 2023)
  for (const folder of ["2023", "2023-24"]) {
    assert.throws(
      () => importAs(`${folder}/annex_a_2024-10-15.xlsx`),
      (e: Error) =>
        e.name === "InputError" &&
        e.message.includes(`${path.join(LA, folder, "annex_a_2024-10-15.xlsx")} is in a folder of ${folder === "2023" ? "2022-23" : "2023-24"}, but its extract date 2024-10-15 puts its window (the 6 months before it) in 2024-25`),
    );
  }
  // the year may come from DIR's own name: the message names the path from it
  const dir = path.join(tempDir(), "returns-2023");
  fs.mkdirSync(path.join(dir, LA), { recursive: true });
  fs.writeFileSync(path.join(dir, LA, "annex_a_2024-10-15.xlsx"), WORKBOOK);
  assert.throws(() => importReturns(dir, { key: TEST_KEY }), (e: Error) => e.message.includes(`the Annex A workbook ${path.join("returns-2023", LA, "annex_a_2024-10-15.xlsx")} is in a folder of 2022-23, but its extract date 2024-10-15`));
  // the folder and the extract date agree: read (15 January 2024 is of the year to March 2024)
  assert.deepEqual(importAs("2023-24/annex_a_2024-01-15.xlsx").rows, importAs("annex_a_2024-01-15.xlsx").rows);
});

/**
 * List 9 care leavers of the year to 31 March 2024, by when their birthday in the year falls against the window of an
 * extract on 15 January 2024 (15 July 2023 – 15 January 2024): A (19 in September) and D (19 in July, the window's
 * first month) inside; B (20 in May) before it; C (21 in March) after it; E died (not in the cohort at all).
 */
const CARE_LEAVERS = xlsxBytes([
  {
    name: "List 9",
    header: ["Child Unique ID", "Date of Birth", "LA in Touch", "Activity Status", "Suitability of Accommodation"],
    rows: [
      ["A", "10/09/2004", "Yes", "F1", "Suitable"],
      ["B", "10/05/2003", "Yes", "F1", "Suitable"],
      ["C", "10/03/2003", "Yes", "F1", "Suitable"],
      ["D", "20/07/2004", "Yes", "G4", ""],
      ["E", "10/10/2004", "Died", "", ""],
    ],
  },
]);

function importCareLeavers(name: string) {
  const dir = tempDir();
  const file = path.join(dir, LA, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, CARE_LEAVERS);
  const result = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  const rows = Object.fromEntries(result.indicators.map((r) => [r.indicator, [r.numerator, r.denominator, r.status]]));
  const leftOut = result.log.entries().filter((e) => / left out: /.test(e.rule));
  return { rows, leftOut };
}

test("List 9 is checked against the window as the other lists: care leavers whose birthday in the year is outside it are left out, counted in the log, and the shares flagged", () => {
  // it had counted all four of the cohort (3 in EET of 4, unflagged) whatever the extract's window
  const { rows, leftOut } = importCareLeavers("annex_a_2024-01-15.xlsx");
  assert.deepEqual(rows, {
    care_leavers_eet_19_21_pct: [1, 2, "low-reliability:window"],
    care_leavers_suitable_accom_19_21_pct: [1, 2, "low-reliability:window"],
  });
  // a count per indicator and LA-year, nothing of the rows (no row, column or value)
  assert.deepEqual(
    leftOut.map((e) => [e.action, e.file, e.rule, e.count, e.row, e.column, e.value]),
    ["care_leavers_eet_19_21_pct", "care_leavers_suitable_accom_19_21_pct"].map((id) => [
      "warning", `${LA} 2024`, `${id}: children left out: birthday in the year outside the Annex A window (the 6 months before the extract, by month of birth)`, 2, undefined, undefined, undefined,
    ]),
  );
});

test("List 9 of a workbook whose name gives no extract date cannot be checked against its window: the year's cohort, flagged", () => {
  const { rows, leftOut } = importCareLeavers("2023-24/annex_a.xlsx");
  assert.deepEqual(rows, {
    care_leavers_eet_19_21_pct: [3, 4, "low-reliability:window"],
    care_leavers_suitable_accom_19_21_pct: [3, 4, "low-reliability:window"],
  });
  assert.deepEqual(leftOut, []);
});
