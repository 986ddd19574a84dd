/**
 * Which SSDA903 table a CSV is, from its whole header row: a Reviews table with a DECOM column (some LAs' exports merge
 * the episode's start into the reviews file) had been taken for a second Episodes table, by DECOM alone, and the folder
 * refused as holding "two different SSDA903 Episodes tables". A file that fits two tables as well as each other is
 * refused, naming both and the names that would have it read, not guessed at.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import { discoverReturns } from "../../lib/returns/discover";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { importReturns } from "../../lib/returns/import-returns";
import { SSDA903_COLUMNS, SSDA903_FILE_NAMES, detectSsda903Table, ssda903TableOfName, type Ssda903Table } from "../../lib/returns/ssda903-tables";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const YEAR_DIR = path.join(LA, "2023");
/** A Reviews table as some LAs export it: the episode's start (DECOM) beside each review. */
const REVIEWS_WITH_DECOM = ["CHILD", "DOB", "DECOM", "REVIEW", "REVIEW_CODE"];

/** The DataError `f` throws; fails the test when it throws none. */
function refusal(f: () => unknown): DataError {
  try {
    f();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  assert.fail("no DataError");
}

test("a Reviews table with a DECOM column is a Reviews table, whatever it is called: it holds four of Reviews' columns and two of Episodes'", () => {
  assert.equal(detectSsda903Table("reviews.csv", REVIEWS_WITH_DECOM)?.table, "Reviews");
  assert.equal(detectSsda903Table("export1.csv", REVIEWS_WITH_DECOM)?.table, "Reviews");
  assert.equal(detectSsda903Table("export1.csv", ["CHILD", "DECOM", "REVIEW", "REVIEW_CODE"])?.table, "Reviews");
});

test("a folder with episodes.csv and a reviews.csv holding DECOM is read: the reviews file as Reviews, the figures those of the folder without it", () => {
  const d = path.join(tempDir(), "in");
  writeCsv(d, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, ["A", "B"].map((c) => headerRow(c, "01/05/2012")));
  writeCsv(d, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, [episodeRow("A", "01/05/2022", "S", "C2", "U1"), episodeRow("B", "01/06/2022", "S", "C2", "U1")]);
  const without = importReturns(d, { key: TEST_KEY, threshold: 1 });
  writeCsv(d, path.join(YEAR_DIR, "reviews.csv"), REVIEWS_WITH_DECOM, [["A", "01/05/2012", "01/05/2022", "01/06/2022", "PN1"], ["B", "01/05/2012", "01/06/2022", "01/07/2022", "PN1"]]);
  const found = discoverReturns(d, new ReturnsImportLog());
  assert.deepEqual(found.ssda903.map((f) => [path.basename(f.name), f.table]), [["episodes.csv", "Episodes"], ["header.csv", "Header"], ["reviews.csv", "Reviews"]]);
  const withReviews = importReturns(d, { key: TEST_KEY, threshold: 1 });
  assert.deepEqual(withReviews.indicators, without.indicators);
  assert.ok(withReviews.indicators.length > 0);
});

test("a table's extra column of another table does not make it that table: Episodes with a REVIEW column, Header with a DECOM column", () => {
  assert.equal(detectSsda903Table("export1.csv", [...SSDA903_COLUMNS.Episodes, "REVIEW"])?.table, "Episodes");
  assert.equal(detectSsda903Table("header.csv", ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "DECOM"])?.table, "Header");
  assert.equal(detectSsda903Table("export1.csv", [...SSDA903_COLUMNS.Header, "DUC"])?.table, "Header");
  assert.equal(detectSsda903Table("export1.csv", SSDA903_COLUMNS.UASC)?.table, "UASC");
});

test("a file that fits two tables as well as each other is taken for the one its name names, or else refused, naming both tables and the names that have it read", () => {
  const cols = ["CHILD", "DOB", "REVIEW", "SDQ_SCORE"];
  assert.equal(detectSsda903Table("reviews.csv", cols)?.table, "Reviews");
  assert.equal(detectSsda903Table("903_oc2_2023.csv", cols)?.table, "OC2");
  const e = refusal(() => detectSsda903Table("export1.csv", cols, "E09000001/2023/export1.csv"));
  assert.equal(e.file, "E09000001/2023/export1.csv");
  assert.equal(e.row, 0);
  assert.match(e.expected, /the columns of one SSDA903 table/);
  assert.match(e.expected, /Reviews table \(CHILD, DOB, REVIEW\) and the OC2 table \(CHILD, DOB, SDQ_SCORE\)/);
  assert.match(e.expected, /reviews\.csv or oc2\.csv/);
  // of two that fit as well, one with every column it needs and one without is no tie: the other could not be read
  assert.equal(detectSsda903Table("export1.csv", ["CHILD", "DOB", "REVIEW", "DECOM", "RNE"])?.table, "Reviews");
});

test("through discoverReturns the refusal names the file as the folder gives it", () => {
  const d = path.join(tempDir(), "in");
  writeCsv(d, path.join(YEAR_DIR, "export1.csv"), ["CHILD", "DOB", "REVIEW", "SDQ_SCORE"], [["A", "01/05/2012", "01/06/2022", "12"]]);
  const e = refusal(() => discoverReturns(d, new ReturnsImportLog()));
  assert.equal(e.file, path.join(YEAR_DIR, "export1.csv"));
});

test("the name the refusal suggests for each table is read as that table", () => {
  for (const table of Object.keys(SSDA903_COLUMNS) as Ssda903Table[]) assert.equal(ssda903TableOfName(SSDA903_FILE_NAMES[table]), table, table);
});

test("a table whose columns are incomplete is still recognised by its own column or its name, to be refused for the columns it lacks", () => {
  assert.equal(detectSsda903Table("uasc.csv", ["CHILD", "SEX", "DOB"])?.table, "UASC");
  assert.equal(detectSsda903Table("ep.csv", ["CHILD", "DECOM", "RNE"])?.table, "Episodes");
  assert.equal(detectSsda903Table("children.csv", ["CHILD", "SEX", "DOB"]), null);
});

test("the table found says what a file named for another table was read as, counting the columns it was chosen by; a file named for its table, or for none, says nothing more", () => {
  const mixed = ["CHILD", "SEX", "DOB", "DECOM", "RNE", "LS", "PLACE", "DEC"];
  assert.deepEqual(detectSsda903Table("header.csv", mixed), { table: "Episodes", readAs: "read as an Episodes table: it holds 6 of Episodes' columns, 3 of Header's" });
  assert.deepEqual(detectSsda903Table("episodes.csv", mixed), { table: "Episodes" });
  assert.deepEqual(detectSsda903Table("export1.csv", mixed), { table: "Episodes" });
  assert.deepEqual(detectSsda903Table("missing.csv", [...SSDA903_COLUMNS.Reviews]), { table: "Reviews", readAs: "read as a Reviews table: it holds 4 of Reviews' columns, 2 of Missing's" });
});

test("a header.csv holding Header's and Episodes' columns is read as Episodes, and when the year then gives nothing the screen says it found no Header table and what header.csv was read as (hostile review, round 23: it had said 'give the year's Episodes table')", () => {
  const d = path.join(tempDir(), "in");
  const flat = [...HEADER_COLS, ...EPISODE_COLS.slice(1)];
  const row = (c: string, decom: string) => [...headerRow(c, "01/05/2012"), ...episodeRow(c, decom, "S", "C2", "U1").slice(1)];
  writeCsv(d, path.join(YEAR_DIR, "header.csv"), flat, [row("A", "01/05/2022"), row("B", "01/06/2022")]);
  const found = discoverReturns(d, new ReturnsImportLog());
  assert.deepEqual(found.ssda903.map((f) => [path.basename(f.name), f.table, f.readAs]), [["header.csv", "Episodes", "read as an Episodes table: it holds 13 of Episodes' columns, 7 of Header's"]]);
  const r = importReturns(d, { key: TEST_KEY, threshold: 1 });
  const notices = r.log.notices.filter((n) => n.file === `${LA} 2023`);
  assert.equal(notices.length, 1, JSON.stringify(notices));
  assert.equal(
    notices[0].rule,
    `no Header table (the year's SSDA903 files: ${path.join(YEAR_DIR, "header.csv")} (read as an Episodes table: it holds 13 of Episodes' columns, 7 of Header's)): an Episodes table is not read without one (its children are checked against it), so the year's children-looked-after indicators are left out, those of its other tables too`,
  );
  assert.match(notices[0].detail ?? "", /^give the year's Header table \(CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB\) in a file of its own/);
  assert.ok(!r.log.notices.some((n) => /give the year's Episodes table/.test(n.detail ?? "")), "it does not ask for the Episodes table it read");
  // a file named for the table it was read as is named alone
  writeCsv(d, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, [headerRow("A", "01/05/2012")]);
  assert.deepEqual(discoverReturns(d, new ReturnsImportLog()).ssda903.map((f) => f.readAs), [undefined]);
});

test("a file whose name names one table and whose columns are another's is always named on the screen and in the log: what its name says, what its columns say, which was read and why (round 24: an oc2.csv holding OC3 was read as OC3 without a word)", () => {
  const d = path.join(tempDir(), "in");
  writeCsv(d, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, [headerRow("A", "01/05/2012")]);
  writeCsv(d, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, [episodeRow("A", "01/05/2022", "S", "C2", "U1")]);
  writeCsv(d, path.join(YEAR_DIR, "oc2.csv"), ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], [["L", "10/06/2003", "YES", "F1", "D1"]]);
  const log = new ReturnsImportLog();
  const found = discoverReturns(d, log);
  assert.deepEqual(found.ssda903.map((f) => [path.basename(f.name), f.table]), [["episodes.csv", "Episodes"], ["header.csv", "Header"], ["oc2.csv", "OC3"]]);
  const file = path.join(YEAR_DIR, "oc2.csv");
  assert.deepEqual(log.notices, [{
    file,
    rule: "named as an SSDA903 OC2 table, its columns those of an OC3 table: read as an OC3 table, by its columns (it holds 5 of OC3's columns, 2 of OC2's columns; a CSV is read as the table whose columns it holds most of)",
    detail: "if it is the OC3 table, name it for it (oc3.csv, keeping the LA and year its path gives); if it is the OC2 table, export it again with OC2's columns (CHILD, DOB, SDQ_SCORE, SDQ_REASON, CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED)",
  }]);
  assert.deepEqual(log.entries().map((e) => [e.action, e.file, e.count]), [["warning", file, 1]]);
  // the import goes on with it read as OC3, and the notice is among those the command shows
  const r = importReturns(d, { key: TEST_KEY, threshold: 1 });
  assert.equal(r.log.notices.filter((n) => n.file === file).length, 1);
  assert.ok(r.indicators.some((x) => x.indicator === "care_leavers_eet_19_21_pct"));
});

test("a header_2023.csv holding Episodes' columns beside episodes.csv is refused as a second Episodes table, the refusal saying what it was read as", () => {
  const d = path.join(tempDir(), "in");
  writeCsv(d, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, [episodeRow("A", "01/05/2022", "S", "C2", "U1")]);
  writeCsv(d, path.join(YEAR_DIR, "header_2023.csv"), EPISODE_COLS, [episodeRow("B", "01/06/2022", "S", "C2", "U1")]);
  const log = new ReturnsImportLog();
  assert.throws(
    () => discoverReturns(d, log),
    (e: Error) => e.message.includes(`${path.join(YEAR_DIR, "header_2023.csv")} (read as an Episodes table: it holds 13 of Episodes' columns, 1 of Header's)`),
  );
  assert.match(log.notices.map((n) => `${n.file}: ${n.rule}`).join("\n"), /header_2023\.csv: named as an SSDA903 Header table, its columns those of an Episodes table: read as an Episodes table, by its columns/);
});

test("a file whose columns fit another table as well as the one its name names is read as the named one, and the log says so", () => {
  const d = path.join(tempDir(), "in");
  writeCsv(d, path.join(YEAR_DIR, "reviews.csv"), ["CHILD", "DOB", "REVIEW", "SDQ_SCORE"], [["A", "01/05/2012", "01/06/2022", "12"]]);
  const log = new ReturnsImportLog();
  assert.deepEqual(discoverReturns(d, log).ssda903.map((f) => [f.table, f.readAs]), [["Reviews", undefined]]);
  assert.deepEqual(log.notices.map((n) => [n.rule, n.detail]), [[
    "its columns fit an OC2 table as well as a Reviews table (3 of Reviews' columns; 3 of OC2's columns): read as a Reviews table, the table its name names",
    "if it is the OC2 table, name it for that table (oc2.csv, keeping the LA and year its path gives)",
  ]]);
});

test("files named for the tables they hold, or named for none, are read without a word about their names", () => {
  const d = path.join(tempDir(), "in");
  writeCsv(d, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, [headerRow("A", "01/05/2012")]);
  writeCsv(d, path.join(YEAR_DIR, "export1.csv"), EPISODE_COLS, [episodeRow("A", "01/05/2022", "S", "C2", "U1")]);
  const log = new ReturnsImportLog();
  assert.deepEqual(discoverReturns(d, log).ssda903.map((f) => f.table), ["Episodes", "Header"]);
  assert.deepEqual(log.notices, []);
});
