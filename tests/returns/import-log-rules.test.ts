/**
 * The rules of the returns import log name what was wrong, never which record: the package's import-log.json gives
 * each rule with its count (controlled for disclosure), so a rule naming a row, a child or a date is one rule per
 * record, a list of children's rows in the package and a count of 1 withheld. A hostile review found
 * "overlapping episodes: starts before the child's previous episode (… row 23) ended", 423 such rules, each withheld,
 * and 507 rows dropped shown as "a withheld number".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { fullImportLog, packageImportLog } from "../../lib/returns/returns-package";
import { EPISODE_COLS, HEADER_COLS, MISSING_COLS, OC3_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const YEAR_DIR = path.join(LA, "2023");

/** A row number, a child identifier of the fixtures, or a date, in a rule's text. */
const RECORD_POINTER = /\brow \d|\bC\d{3}\b|\d{2}\/\d{2}\/\d{4}|\d{4}-\d{2}-\d{2}/;

/**
 * A 2022-23 return of `n` children, each with an episode overlapping the one before it (both starting in the year,
 * the first ending after the second starts: an open one would be dropped as left open, OPEN_BEFORE_LATER_RULE), 19 × `n` children with one episode each (so that the overlapping episodes are under 5% of the
 * table's: a table with more is refused as mixing two extracts), and damaged rows of every other kind the SSDA903
 * readers drop or warn about.
 */
function returnFolder(n: number): string {
  const dir = path.join(tempDir(), "in");
  const ids = Array.from({ length: n }, (_, i) => `C${String(i).padStart(3, "0")}`);
  const others = Array.from({ length: 19 * n }, (_, i) => `F${String(i).padStart(4, "0")}`);
  writeCsv(dir, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, [
    ...ids.map((c) => headerRow(c, "01/05/2012")),
    ...others.map((c) => headerRow(c, "01/05/2012")),
    headerRow("C900", "not a date"),
    headerRow("C901", "01/05/2030"),
    // 18 in May 2022: with C901's mistyped year, no other year's ages fit every child (the table is of 2022-23)
    headerRow("C903", "01/05/2004"),
    headerRow(ids[0], "01/05/2012"),
    ["", "1", "01/05/2012", "WBRI", "", "", ""],
    ["C902", "9", "01/05/2012", "WBRI", "", "", ""],
  ]);
  writeCsv(dir, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, [
    ...ids.flatMap((c) => [episodeRow(c, "01/06/2022", "S", "C2", "U1", "15/07/2022", "X1"), episodeRow(c, "01/07/2022", "P", "C2", "U1", "01/08/2022", "E4A")]),
    ...others.map((c) => episodeRow(c, "01/06/2022", "S", "C2", "U1")),
    episodeRow("C900", "01/06/2022", "S", "C2", "U1", "01/12/2022", "E11"),
    episodeRow("C901", "32/06/2022", "S", "C2", "U1"),
    episodeRow("C902", "01/06/2022", "X", "C2", "U1"),
    episodeRow("C999", "01/06/2022", "S", "C2", "U1"),
    episodeRow("C900", "01/06/2022", "S", "C2", "U1", "01/05/2022", "E11"),
    episodeRow("C901", "01/06/2022", "S", "Z9", "ZZ"),
    episodeRow("C902", "01/05/2023", "S", "C2", "U1"),
  ]);
  writeCsv(dir, path.join(YEAR_DIR, "missing.csv"), MISSING_COLS, [
    [ids[0], "01/05/2012", "M", "10/08/2022", "11/08/2022"],
    ["C999", "01/05/2012", "M", "10/08/2022", ""],
    [ids[1], "01/05/2012", "Q", "10/08/2022", ""],
    [ids[2], "01/05/2012", "M", "10/08/2022", "01/08/2022"],
  ]);
  writeCsv(dir, path.join(YEAR_DIR, "oc3.csv"), OC3_COLS, [
    ["L1", "10/06/2003", "YES", "F1", "D1"],
    ["L2", "bad", "YES", "F1", "D1"],
    ["L3", "10/06/2003", "MAYBE", "F1", "D1"],
    ["L4", "10/06/2003", "YES", "ZZ", "D1"],
  ]);
  return dir;
}

test("twelve children's overlapping episodes are one rule in the package's import log, counted 12, with the previous episode's row only in --log's entries", () => {
  const result = importReturns(returnFolder(12), { key: TEST_KEY });
  const rules = packageImportLog(result.log, 10).summary.byRule.filter((r) => /overlapping/.test(r.rule));
  assert.deepEqual(rules, [{ action: "dropped", rule: "overlapping episodes: starts before the child's previous episode ended", count: 12, files: 1 }]);
  const entries = fullImportLog(result.log).entries.filter((e) => /overlapping/.test(e.rule));
  assert.equal(entries.length, 12);
  // the first child's second episode (row 2) overlaps its first (row 1)
  assert.deepEqual([entries[0].row, entries[0].detail], [2, `the previous episode: ${path.join(YEAR_DIR, "episodes.csv")} row 1`]);
});

test("no rule of the import log names a row, a child or a date: every drop and warning of a damaged return is one rule per kind of problem", () => {
  const result = importReturns(returnFolder(12), { key: TEST_KEY });
  const rules = fullImportLog(result.log).summary.byRule;
  assert.ok(rules.length >= 15, `${rules.length} rules`);
  const pointing = rules.filter((r) => RECORD_POINTER.test(r.rule)).map((r) => r.rule);
  assert.deepEqual(pointing, []);
  // each rule of a dropped row is met once per kind: as many rules as kinds, however many rows
  const twice = importReturns(returnFolder(24), { key: TEST_KEY });
  assert.deepEqual(fullImportLog(twice.log).summary.byRule.map((r) => r.rule), rules.map((r) => r.rule));
});
