/**
 * A Header table from which no child is read, beside an Episodes or Missing table with rows: every row of those would
 * be dropped as a child missing from Header. A hostile review's header.csv cut to its header row was read, exit 0,
 * "6661 row(s) dropped" and a notice blaming the Episodes table ("no episode read from the Episodes table").
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { EPISODE_COLS, HEADER_COLS, MISSING_COLS, TEST_KEY, episodeRow, headerRow, tempDir, importRefusal, writeCsv } from "./helpers";

const YEAR_DIR = path.join("E09000001", "2023");

/** A 2022-23 folder with the given rows of Header, Episodes and Missing. */
function folder(header: string[][], episodes: string[][], missing: string[][]): string {
  const dir = path.join(tempDir(), "in");
  writeCsv(dir, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, header);
  writeCsv(dir, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, episodes);
  writeCsv(dir, path.join(YEAR_DIR, "missing.csv"), MISSING_COLS, missing);
  return dir;
}

const EPISODES = [episodeRow("A", "01/06/2022", "S", "C2", "U1"), episodeRow("B", "01/07/2022", "S", "C2", "U1", "01/09/2022", "E11")];
const INCIDENTS = [["A", "01/05/2012", "M", "10/08/2022", "11/08/2022"]];

const refusal = importRefusal;

test("a header.csv holding its header row alone, beside an Episodes table with rows, is refused naming the Header table, not read with every episode dropped", () => {
  const error = refusal(folder([], EPISODES, INCIDENTS));
  assert.equal(error.file, path.join(YEAR_DIR, "header.csv"));
  assert.equal(error.column, "CHILD");
  assert.equal(error.value, "no child: the table's header row alone");
  assert.match(
    error.message,
    new RegExp(`the children looked after in 2022-23, whom the year's Episodes table \\(${path.join(YEAR_DIR, "episodes.csv")}, 2 rows\\) is checked against: every one of its rows would be dropped as a child missing from Header; give the year's Header table`),
  );
});

test("a Header table whose rows all lack a CHILD is refused the same way, naming how many rows it has; so is one beside a Missing table with rows alone", () => {
  const blank = ["", "1", "01/05/2012", "WBRI", "", "", ""];
  assert.equal(refusal(folder([blank, blank], EPISODES, INCIDENTS)).value, "no child: none of its 2 rows has a CHILD");
  const error = refusal(folder([], [], INCIDENTS));
  assert.match(error.message, /whom the year's Missing table \(.*missing\.csv, 1 row\) is checked against/);
});

test("Header, Episodes and Missing tables all holding their header rows alone are read, the year's figures left out with the notice naming the Episodes table, as before", () => {
  const result = importReturns(folder([], [], []), { key: TEST_KEY });
  assert.deepEqual(result.indicators.filter((r) => r.indicator.startsWith("cla_")), []);
  assert.ok(result.log.notices.some((n) => n.rule.startsWith("no episode read from the Episodes table")));
});

test("a Header table with its children is read as before", () => {
  const result = importReturns(folder([headerRow("A", "01/05/2012"), headerRow("B", "01/05/2013")], EPISODES, INCIDENTS), { key: TEST_KEY });
  assert.deepEqual(result.log.entries().filter((e) => e.action === "dropped"), []);
  assert.ok(result.indicators.some((r) => r.indicator === "cla_missing_pct"));
});

test("a Header table of one row without a CHILD is refused saying its one row has no CHILD (the words for many rows had said 'its one row has a CHILD')", () => {
  assert.equal(refusal(folder([["", "1", "01/05/2012", "WBRI", "", "", ""]], EPISODES, INCIDENTS)).value, "no child: its one row has no CHILD");
});
