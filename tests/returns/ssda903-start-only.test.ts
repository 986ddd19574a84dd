/**
 * An Episodes table exported as "the episodes that started in the year" (round-27 trial S1-6: no episode starting
 * before the year, counts halved, exit 0): refused when the year before, in the run, ended with children in care.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import { importReturns, type ReturnsImport } from "../../lib/returns/import-returns";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";

/** Children C00 … C{n-1}. */
const children = (n: number) => Array.from({ length: n }, (_, i) => `C${String(i).padStart(2, "0")}`);

/**
 * The Episodes rows of 2021-22 and 2022-23 of `stay` children in care since 01/05/2021 (still in care at 31 March 2023)
 * and `fresh` children who came into care on 01/06/2022 (in the 2022-23 table only).
 */
function twoYears(stay: number, fresh: number): { 2022: string[][]; 2023: string[][]; freshRows: string[][] } {
  const stayers = children(stay);
  const freshRows = Array.from({ length: fresh }, (_, i) => episodeRow(`N${String(i).padStart(2, "0")}`, "01/06/2022", "S", "C2", "U1"));
  return {
    2022: stayers.map((c) => episodeRow(c, "01/05/2021", "S", "C2", "U1")),
    2023: [...stayers.map((c) => episodeRow(c, "01/05/2021", "S", "C2", "U1")), ...freshRows],
    freshRows,
  };
}

/** A folder with each year's Header (every child of its Episodes rows, born 01/05/2012) and Episodes table. */
function folder(years: Record<number, string[][]>): string {
  const dir = path.join(tempDir(), "in");
  for (const [year, rows] of Object.entries(years)) {
    const kids = [...new Set(rows.map((r) => r[0]))];
    writeCsv(dir, path.join(LA, year, "header.csv"), HEADER_COLS, kids.map((c) => headerRow(c, "01/05/2012")));
    writeCsv(dir, path.join(LA, year, "episodes.csv"), EPISODE_COLS, rows);
  }
  return dir;
}

function run(dir: string): ReturnsImport | DataError {
  try {
    return importReturns(dir, { key: TEST_KEY, threshold: 1, population: new Map([[`${LA}|2022`, 1000], [`${LA}|2023`, 1000]]) });
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
}

const lookedAfter = (r: ReturnsImport | DataError, year: number) => {
  assert.ok(!(r instanceof DataError), String(r));
  return r.indicators.find((x) => x.indicator === "cla_rate_per_10k" && x.period === year)?.numerator;
};

test("a year's Episodes table holding only the episodes that started in it is refused when the year before ended with children in care", () => {
  const t = twoYears(30, 12);
  const refused = run(folder({ 2022: t[2022], 2023: t.freshRows }));
  assert.ok(refused instanceof DataError, "the start-only table had been read: 12 looked after at 31 March 2023 for 42");
  assert.equal(refused.file, path.join(LA, "2023", "episodes.csv"));
  assert.equal(refused.column, "DECOM");
  assert.equal(refused.value, "every one of its 12 episode(s) starts in 2022-23");
  assert.equal(
    refused.expected,
    `the table to also hold the episodes open on 1 April 2022 that started earlier (an Episodes table lists every episode open during its year): ${path.join(LA, "2022", "episodes.csv")} has 30 child(ren) in care at its end, 31 March 2022, none of them in this table with an episode that started before 2022-23. Was it exported by start date? Export the 2022-23 Episodes table again with every episode open during the year`,
  );
});

test("the whole table, the first year of a run, a year after one that ended with no child in care and an LA of one child are read", () => {
  const t = twoYears(30, 12);
  assert.equal(lookedAfter(run(folder({ 2022: t[2022], 2023: t[2023] })), 2023), 42);
  // the first year of a run: nothing says which children it must hold
  assert.equal(lookedAfter(run(folder({ 2023: t.freshRows })), 2023), 12);
  // the year before ended with no child in care (its one episode ended on 31 March 2022)
  const ended = [episodeRow("C00", "01/05/2021", "S", "C2", "U1", "31/03/2022", "E11")];
  assert.equal(lookedAfter(run(folder({ 2022: ended, 2023: t.freshRows })), 2023), 12);
  // one child, in care across the years' end, then a child new in the year
  const one = twoYears(1, 1);
  assert.equal(lookedAfter(run(folder({ 2022: one[2022], 2023: one[2023] })), 2023), 2);
});

test("a rate left out for want of a population says whether one was given (a user trial, round 27: 'give --population' to a user who had given one)", () => {
  const t = twoYears(30, 12);
  const dir = folder({ 2022: t[2022], 2023: t[2023] });
  const rules = (population: Map<string, number>) =>
    importReturns(dir, { key: TEST_KEY, threshold: 1, population }).log.entries().filter((e) => /^rate left out/.test(e.rule)).map((e) => e.rule);
  const lacking2022 = rules(new Map([[`${LA}|2023`, 1000]]));
  assert.ok(lacking2022.length > 0, "2022's rates are left out");
  assert.ok(lacking2022.every((r) => r === "rate left out: the child population given (--population) has no row for this LA and year"), lacking2022.join("\n"));
  const none = rules(new Map());
  assert.ok(none.length > 0 && none.every((r) => r === "rate left out: no child population for this LA and year (give --population)"), none.join("\n"));
});

test("a year whose Episodes table is there but not read (no Header) is said to be not read, not missing (a user trial, round 27)", () => {
  const stay = children(12);
  const rows = stay.map((c) => episodeRow(c, "01/05/2021", "S", "C2", "U1"));
  const dir = path.join(tempDir(), "in");
  for (const year of [2022, 2023, 2024]) {
    if (year !== 2023) writeCsv(dir, path.join(LA, String(year), "header.csv"), HEADER_COLS, stay.map((c) => headerRow(c, "01/05/2012")));
    writeCsv(dir, path.join(LA, String(year), "episodes.csv"), EPISODE_COLS, rows);
  }
  const r = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  const gaps = r.log.notices.map((n) => n.rule).filter((rule) => rule.startsWith("SSDA903 Episodes"));
  assert.deepEqual(gaps, ["SSDA903 Episodes not read for 2022-23 (see above): years up to 2021-22 and from 2023-24 are counted apart"]);
});
