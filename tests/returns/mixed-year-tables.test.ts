/**
 * SSDA903 tables of one collection year holding rows of a later year (episodes or missing incidents starting after
 * its 31 March, children born after it): a hostile review's episodes.csv with 30% of its rows moved a year on was read,
 * exit 0, and cla_3plus_placements_pct fell from 13.9% to 5.7%. A few such rows are dropped with their rule; a table
 * where they are many is refused as mixing years, naming how many.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { packageImportLog } from "../../lib/returns/returns-package";
import { MIXED_YEARS_MIN_ROWS, MIXED_YEARS_SHARE, rowsOfLaterYears } from "../../lib/returns/ssda903-table-year";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { EPISODE_COLS, HEADER_COLS, MISSING_COLS, TEST_KEY, episodeRow, headerRow, tempDir, importRefusal, writeCsv } from "./helpers";

const LA = "E09000001";
const YEAR_DIR = path.join(LA, "2023");

/** The identifiers of children C00 … C{n-1}. */
const children = (n: number) => Array.from({ length: n }, (_, i) => `C${String(i).padStart(2, "0")}`);

/**
 * A 2022-23 return of `n` children, two episodes each (01/06/2022 to 01/09/2022, then open) and one missing incident
 * each in August 2022; the first `later.episodes` children get a third episode starting 01/05/2023 (after the year), the first
 * `later.incidents` an incident in April 2023 instead, and the first `later.births` a date of birth in May 2023 (the
 * others born in 2012, but the last, 18 in May 2022: no later year's Header would list that child).
 */
function returnFolder(n: number, later: { episodes?: number; incidents?: number; births?: number }): string {
  const dir = path.join(tempDir(), "in");
  const ids = children(n);
  writeCsv(dir, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, ids.map((c, i) => headerRow(c, i < (later.births ?? 0) ? "03/05/2023" : i === n - 1 ? "01/05/2004" : "01/05/2012")));
  const episodes = ids.flatMap((c) => [episodeRow(c, "01/06/2022", "S", "C2", "U1", "01/09/2022", "E4A"), episodeRow(c, "01/09/2022", "P", "C2", "U1")]);
  ids.slice(0, later.episodes ?? 0).forEach((c) => episodes.push(episodeRow(c, "01/05/2023", "P", "C2", "U1")));
  writeCsv(dir, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, episodes);
  const incidents = ids.map((c, i) => [c, "01/05/2012", "M", ...(i < (later.incidents ?? 0) ? ["10/04/2023", "11/04/2023"] : ["10/08/2022", "11/08/2022"])]);
  writeCsv(dir, path.join(YEAR_DIR, "missing.csv"), MISSING_COLS, incidents);
  return dir;
}

const refusal = importRefusal;

test("an episode starting after 31 March of its return's year is dropped under its own rule (not as overlapping the child's episode), counted, and said once on the screen", () => {
  const result = importReturns(returnFolder(40, { episodes: 1 }), { key: TEST_KEY });
  const file = path.join(YEAR_DIR, "episodes.csv");
  const dropped = result.log.entries().filter((e) => e.action === "dropped");
  assert.deepEqual(
    dropped.map((e) => [e.file, e.row, e.column, e.value, e.rule]),
    [[file, 81, "DECOM", "(withheld)", "episode starts after 31 March of its return's year (a row of a later year, or a mistyped date)"]],
  );
  assert.deepEqual(
    result.log.notices.filter((n) => n.file.endsWith(".csv")).map((n) => [n.file, n.rule]),
    [[file, "episodes starting after 31 March of the return's year dropped (the import log counts them): a return lists those of its year"]],
  );
  // the year's own episodes all count: 40 children looked after at 31 March
  assert.equal(result.indicators.find((r) => r.indicator === "cla_3plus_placements_pct")?.denominator, 40);
});

test("twelve such episodes are one rule in the package's import log with its count of 12, not withheld", () => {
  const result = importReturns(returnFolder(240, { episodes: 12 }), { key: TEST_KEY });
  const rules = packageImportLog(result.log, 10).summary.byRule.filter((r) => /starts after 31 March/.test(r.rule));
  assert.deepEqual(rules.map((r) => [r.action, r.count, r.files]), [["dropped", 12, 1]]);
});

test("an Episodes table where more than 5% (and 5 or more) of the episodes start after the year is refused as mixing years, naming how many of how many", () => {
  const error = refusal(returnFolder(40, { episodes: 6 }));
  assert.equal(error.file, path.join(YEAR_DIR, "episodes.csv"));
  assert.equal(error.column, "DECOM");
  assert.equal(error.value, "6 of its 86 episodes");
  assert.match(error.message, /the episodes open in 2022-23, the collection year of its folder, which ends on 31 March 2023: 6\.9% of its episodes start after that day \(more than 5%\), so the table mixes 2022-23 with a later year/);
  assert.match(error.message, /export the 2022-23 table again/);
  // four of 84 are fewer than a refusal needs: read, those four dropped
  const four = importReturns(returnFolder(40, { episodes: 4 }), { key: TEST_KEY });
  assert.equal(four.log.entries().filter((e) => /^episode starts after 31 March/.test(e.rule)).length, 4);
});

test("the refusal says the rule in words true for a table of any size: a small LA's 5 episodes after the year (of 75) refuse it, which 'an export taken a few days late would have been read' had denied", () => {
  const error = refusal(returnFolder(35, { episodes: 5 }));
  assert.equal(error.value, "5 of its 75 episodes");
  assert.doesNotMatch(error.message, /a few days late/);
  assert.match(error.message, /export the 2022-23 table again \(a table is read, those episodes dropped and each counted in the import log, only when they are at most 5% of its episodes or fewer than 5\)/);
});

test("a Missing table with incidents after the year: a few dropped under their rule, many refused as mixing years", () => {
  const one = importReturns(returnFolder(40, { incidents: 1 }), { key: TEST_KEY });
  const file = path.join(YEAR_DIR, "missing.csv");
  assert.deepEqual(
    one.log.entries().filter((e) => e.action === "dropped").map((e) => [e.file, e.row, e.column, e.rule]),
    [[file, 1, "MIS_START", "incident starts after 31 March of its return's year (a row of a later year, or a mistyped date)"]],
  );
  assert.deepEqual(one.log.notices.filter((n) => n.file.endsWith(".csv")).map((n) => n.file), [file]);
  const error = refusal(returnFolder(40, { incidents: 8 }));
  assert.deepEqual([error.file, error.column, error.value], [file, "MIS_START", "8 of its 40 incidents"]);
  assert.match(error.message, /the missing and away incidents of 2022-23, .* 20% of its incidents start after that day/);
});

test("a Header table with many children born after the year is refused as mixing years; one such child is a warning, the child kept", () => {
  const error = refusal(returnFolder(40, { births: 6 }));
  assert.deepEqual([error.file, error.column, error.value], [path.join(YEAR_DIR, "header.csv"), "DOB", "6 of its 40 dates of birth"]);
  assert.match(error.message, /children looked after at some time in 2022-23 .* 15% of its dates of birth are after that day/);
  const one = importReturns(returnFolder(40, { births: 1 }), { key: TEST_KEY });
  assert.equal(one.log.entries().filter((e) => e.action === "warning" && /^date of birth after the collection year/.test(e.rule)).length, 1);
  assert.equal(one.indicators.find((r) => r.indicator === "cla_3plus_placements_pct")?.denominator, 40);
});

test("rowsOfLaterYears refuses more than 5% of a table's dated rows when they are 5 or more, and nothing at or under either bound", () => {
  const file = { path: "e.csv", name: "e.csv", la: LA, year: 2023, table: "Episodes" as const };
  const what = { column: "DECOM", listed: "the episodes open in 2022-23", rows: "episodes", after: "start after" };
  assert.equal(MIXED_YEARS_SHARE, 0.05);
  assert.equal(MIXED_YEARS_MIN_ROWS, 5);
  assert.equal(rowsOfLaterYears(file, 5, 100, what), undefined, "5% exactly");
  assert.equal(rowsOfLaterYears(file, 6, 100, what)?.value, "6 of its 100 episodes");
  assert.equal(rowsOfLaterYears(file, 4, 4, what), undefined, "under 5 rows");
  assert.equal(rowsOfLaterYears(file, 5, 5, what)?.value, "5 of its 5 episodes");
  assert.equal(rowsOfLaterYears(file, 0, 0, what), undefined);
});

test("a synthetic LA's episodes.csv with 30% of its rows moved a year on is refused, naming the episodes after the year; 1% is read with them dropped and counted", () => {
  const dir = path.join(tempDir(), "in");
  writeSyntheticReturns(dir, { seed: 11, las: [{ la: LA, lookedAfterChildren: 120, cinChildren: 50, careLeaversPerYear: 5 }], firstYear: 2023, lastYear: 2023 });
  const file = path.join(dir, YEAR_DIR, "episodes.csv");
  const clean = fs.readFileSync(file, "utf8");
  /** Every date of the rows `moved` picks, a year later (as the review's shift.py did). */
  const moveRows = (moved: (i: number) => boolean) => {
    const lines = clean.split("\n").map((l, i) => (i > 0 && l !== "" && moved(i) ? l.replace(/(\d\d\/\d\d\/)(\d{4})/g, (_, dm: string, y: string) => `${dm === "29/02/" ? "28/02/" : dm}${Number(y) + 1}`) : l));
    fs.writeFileSync(file, lines.join("\n"));
    // the rows now starting after 31 March 2023 (DECOM is the second column), and the rows
    const rows = lines.slice(1).filter((l) => l !== "");
    return { later: rows.filter((l) => l.split(",")[1].slice(6) + l.split(",")[1].slice(3, 5) > "202303").length, rows: rows.length };
  };
  const most = moveRows((i) => i % 10 < 3);
  assert.ok(most.later > 0.05 * most.rows, `${most.later} of ${most.rows} after the year`);
  assert.equal(refusal(dir).value, `${most.later} of its ${most.rows} episodes`);
  const few = moveRows((i) => i % 100 === 7);
  assert.ok(few.later > 0 && few.later <= 0.05 * few.rows, `${few.later} of ${few.rows} after the year`);
  const result = importReturns(dir, { key: TEST_KEY });
  assert.equal(result.log.entries().filter((e) => /^episode starts after 31 March/.test(e.rule)).length, few.later);
});
