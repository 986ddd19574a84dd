/**
 * SSDA903 tables of one collection year holding rows of an earlier year (the second review of round 21, R1): a year's
 * episodes.csv with 1,203 copies of its rows dated April–June 2021 added at the top was read, exit 0, and the overlap
 * rule dropped the year's own episodes in their place (cla_3plus_placements_pct 13.88% → 13.71%); with the copies a
 * year earlier, open ones left open, 933 rows were dropped as overlapping and the figure fell to 11.92%. An earlier
 * episode of a child looked after in the year is that child's history (long-term stability counts from it) and stays;
 * one of a child with no episode in the year is another year's, dropped under its own rule, and a table with many is
 * refused; an earlier episode never displaces one of the year, and a table with many overlapping episodes is refused.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { importReturns, type ReturnsImport } from "../../lib/returns/import-returns";
import { packageImportLog } from "../../lib/returns/returns-package";
import { EARLIER_EPISODE_RULE, EARLIER_INCIDENT_RULE } from "../../lib/returns/ssda903-row-readers";
import { HISTORY_OVERLAP_RULE, OPEN_BEFORE_LATER_RULE, OVERLAP_RULE } from "../../lib/returns/ssda903-overlaps";
import { EPISODE_COLS, HEADER_COLS, MISSING_COLS, TEST_KEY, episodeRow, headerRow, importRefusal, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const YEAR_DIR = path.join(LA, "2023");
const EPISODES = path.join(YEAR_DIR, "episodes.csv");
const MISSING = path.join(YEAR_DIR, "missing.csv");

/** The identifiers of children C00 … C{n-1}. */
const children = (n: number) => Array.from({ length: n }, (_, i) => `C${String(i).padStart(2, "0")}`);

/**
 * The episodes of a 2022-23 return of `n` children, each in care since 01/05/2021 (the first episode ending
 * 01/10/2022), then in a second placement, and every third child in a third from 01/12/2022 (20 of 60 with 3
 * placements in the year). Under 2.5 years in care at 31 March 2023: long-term stability has no cohort.
 */
function yearEpisodes(n: number): string[][] {
  return children(n).flatMap((c, i) =>
    i % 3 === 0
      ? [episodeRow(c, "01/05/2021", "S", "C2", "U1", "01/10/2022", "X1"), episodeRow(c, "01/10/2022", "P", "C2", "U4", "01/12/2022", "X1"), episodeRow(c, "01/12/2022", "P", "C2", "U5")]
      : [episodeRow(c, "01/05/2021", "S", "C2", "U1", "01/10/2022", "X1"), episodeRow(c, "01/10/2022", "P", "C2", "U4")],
  );
}

/**
 * A return folder of `n` children (born 01/05/2012) and `alsoInHeader`, the episodes given, and a missing incident in
 * August 2022 of every other child plus `incidents`.
 */
function returnFolder(n: number, episodes: readonly string[][], incidents: readonly string[][] = [], alsoInHeader: readonly string[] = []): string {
  const dir = path.join(tempDir(), "in");
  writeCsv(dir, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, [...children(n), ...alsoInHeader].map((c) => headerRow(c, "01/05/2012")));
  writeCsv(dir, EPISODES, EPISODE_COLS, episodes);
  const august = children(n).filter((_, i) => i % 2 === 0).map((c) => [c, "01/05/2012", "M", "10/08/2022", "11/08/2022"]);
  writeCsv(dir, MISSING, MISSING_COLS, [...august, ...incidents]);
  return dir;
}

/** Each indicator's value, numerator, denominator and status. */
const figures = (r: ReturnsImport) => r.indicators.map((x) => [x.indicator, x.value, x.numerator, x.denominator, x.status]);

/** The dropped rows of the import's log: file, row, column and rule. */
const drops = (r: ReturnsImport) => r.log.entries().filter((e) => e.action === "dropped").map((e) => [e.file, e.row, e.column, e.rule]);

/** A copy of the first row of each of the first `k` children of yearEpisodes(n), with its dates changed by `dates`. */
function copies(n: number, k: number, dates: (row: string[]) => [string, string]): string[][] {
  const firstRows = children(n).slice(0, k).map((c) => yearEpisodes(n).find((r) => r[0] === c)!);
  return firstRows.map((r) => {
    const [decom, dec] = dates(r);
    return [r[0], decom, "S", ...r.slice(3, 7), dec, dec === "" ? "" : "E11", ...r.slice(9)];
  });
}

/** Last year's closed episodes (10/04/2021 to 01/06/2021, as in the review): each overlaps the child's first episode of the year. */
const closedLastYear = (): [string, string] => ["10/04/2021", "01/06/2021"];

test("last year's closed episodes of children looked after in the year, at the top or the bottom of the table, are dropped as overlapping, never the year's own: the clean table's figures", () => {
  const n = 60;
  const clean = importReturns(returnFolder(n, yearEpisodes(n)), { key: TEST_KEY });
  assert.deepEqual(drops(clean), []);
  assert.deepEqual(clean.indicators.find((x) => x.indicator === "cla_3plus_placements_pct")?.numerator, 20);
  // 6 copies of 146 episodes (4%): few enough to read
  const pasted = copies(n, 6, closedLastYear);
  const top = importReturns(returnFolder(n, [...pasted, ...yearEpisodes(n)]), { key: TEST_KEY });
  const bottom = importReturns(returnFolder(n, [...yearEpisodes(n), ...pasted]), { key: TEST_KEY });
  assert.deepEqual(figures(top), figures(clean));
  assert.deepEqual(figures(bottom), figures(clean));
  // the copies are dropped (rows 1–6 at the top, 141–146 at the bottom), each under the rule of an earlier episode
  assert.deepEqual(drops(top), [1, 2, 3, 4, 5, 6].map((row) => [EPISODES, row, "DECOM", HISTORY_OVERLAP_RULE]));
  assert.deepEqual(drops(bottom), [141, 142, 143, 144, 145, 146].map((row) => [EPISODES, row, "DECOM", HISTORY_OVERLAP_RULE]));
  // and said once on the screen
  assert.deepEqual(top.log.notices.filter((x) => x.file === EPISODES).map((x) => x.rule), [
    "episodes that ended before 1 April of the return's year and overlap an episode of the year of the same child dropped (the import log counts them): the year's episodes are kept",
  ]);
});

test("a table where last year's episodes pasted in overlap more than 5% of its episodes is refused as mixing two extracts, wherever the copies are", () => {
  const n = 60;
  // 12 copies (20% of the children, as in the review): 12 of 152 episodes overlap
  const pasted = copies(n, 12, closedLastYear);
  for (const episodes of [[...pasted, ...yearEpisodes(n)], [...yearEpisodes(n), ...pasted]]) {
    const error = importRefusal(returnFolder(n, episodes));
    assert.deepEqual([error.file, error.column, error.value], [EPISODES, "DECOM, DEC", "12 of its 152 episodes"]);
    assert.match(error.message, /each child's episodes one after another \(DfE's validation rule 501: no episode starts before the child's previous one ended\): 7\.8% of its episodes overlap another of the child's \(more than 5%\), so the table probably mixes two extracts/);
    assert.match(error.message, /export the 2022-23 table again \(a table is read, those episodes dropped and each counted in the import log, only when they are at most 5% of its episodes or fewer than 5\)/);
  }
});

test("episodes copied a year earlier, open ones left open (the review's second case): many are refused; a few are read, the same figures wherever they are", () => {
  const n = 60;
  /** The row's dates a year earlier (its open end left open). */
  const yearEarlier = (r: string[]): [string, string] => [r[1].replace(/\d{4}$/, (y) => String(Number(y) - 1)), r[7].replace(/\d{4}$/, (y) => String(Number(y) - 1))];
  const secondRows = (k: number) =>
    children(n).slice(0, k).map((c) => {
      const r = yearEpisodes(n).filter((x) => x[0] === c)[1];
      const [decom, dec] = yearEarlier(r);
      return [r[0], decom, r[2], ...r.slice(3, 7), dec, r[8], ...r.slice(9)];
    });
  // every child's second placement a year earlier (open for two in three): 60 of 200 episodes are copies
  const many = secondRows(n);
  for (const episodes of [[...many, ...yearEpisodes(n)], [...yearEpisodes(n), ...many]]) {
    const error = importRefusal(returnFolder(n, episodes));
    assert.equal(error.column, "DECOM, DEC");
    assert.match(error.value!, /^\d+ of its 200 episodes$/);
    assert.match(error.message, /so the table probably mixes two extracts/);
  }
  // four: read, each dropped as overlapping, the same figures at the top and the bottom
  const few = secondRows(4);
  const top = importReturns(returnFolder(n, [...few, ...yearEpisodes(n)]), { key: TEST_KEY });
  const bottom = importReturns(returnFolder(n, [...yearEpisodes(n), ...few]), { key: TEST_KEY });
  assert.deepEqual(figures(top), figures(bottom));
  assert.equal(drops(top).length, 4);
  // a copy left open before the child's later episodes is dropped as such (OPEN_BEFORE_LATER_RULE), a closed one as overlapping
  assert.ok(drops(top).every((d) => d[3] === OVERLAP_RULE || d[3] === HISTORY_OVERLAP_RULE || d[3] === OPEN_BEFORE_LATER_RULE), JSON.stringify(drops(top)));
});

test("a table whose children looked after in the year carry their earlier episodes (44% of its rows ended before the year) is read whole: long-term stability counts from that history", () => {
  const ids = children(20);
  const episodes = ids.flatMap((c, i) => [
    episodeRow(c, "01/06/2019", "S", "C2", "U1", "01/02/2020", "X1"),
    episodeRow(c, "01/02/2020", "P", "C2", "U4", "01/03/2021", "X1"),
    ...(i % 2 === 0 ? [episodeRow(c, "01/03/2021", "P", "C2", "U5")] : [episodeRow(c, "01/03/2021", "P", "C2", "U5", "01/06/2022", "X1"), episodeRow(c, "01/06/2022", "P", "C2", "U6")]),
  ]);
  const result = importReturns(returnFolder(20, episodes), { key: TEST_KEY, threshold: 6 });
  assert.deepEqual(drops(result), []);
  // in care since 01/06/2019 (2.5 years by 30/09/2020): all 20 in the cohort; the 10 in their placement since 01/03/2021 stable
  const stability = result.indicators.find((x) => x.indicator === "cla_long_term_stability_pct")!;
  assert.deepEqual([stability.numerator, stability.denominator, stability.status], [10, 20, "low-reliability:history"]);
});

test("a child whose only episodes ended before the year is dropped under its own rule, counted, said once on the screen, in or out of Header; the year's figures stand", () => {
  const n = 60;
  const gone = (c: string) => [episodeRow(c, "01/05/2021", "S", "C2", "U1", "01/09/2021", "X1"), episodeRow(c, "01/09/2021", "P", "C2", "U4", "01/12/2021", "E11")];
  // the episodes of 2021 of a child the Header lists (GONE) and of one it does not (OUT): rows 141–144
  const dir = returnFolder(n, [...yearEpisodes(n), ...gone("GONE"), ...gone("OUT")], [], ["GONE"]);
  const result = importReturns(dir, { key: TEST_KEY });
  assert.deepEqual(drops(result), [141, 142, 143, 144].map((row) => [EPISODES, row, "DEC", EARLIER_EPISODE_RULE]));
  assert.deepEqual(
    result.log.notices.filter((x) => x.file === EPISODES).map((x) => x.rule),
    ["episodes that ended before 1 April of the return's year, of children with none in the year, dropped (the import log counts them): a return lists those of its year, and earlier ones only of a child looked after in it"],
  );
  assert.deepEqual(figures(result), figures(importReturns(returnFolder(n, yearEpisodes(n), [], ["GONE"]), { key: TEST_KEY })));
  // the rule names no row, child or date: one rule, its count in the package's import log (10 of 220 episodes: read)
  assert.doesNotMatch(EARLIER_EPISODE_RULE + EARLIER_INCIDENT_RULE + HISTORY_OVERLAP_RULE, /\brow \d|\d{2}\/\d{2}\/\d{4}/);
  const many = importReturns(returnFolder(90, [...yearEpisodes(90), ...children(5).flatMap((c) => gone(`X${c}`))]), { key: TEST_KEY });
  assert.deepEqual(packageImportLog(many.log, 10).summary.byRule.filter((r) => r.rule === EARLIER_EPISODE_RULE).map((r) => [r.action, r.count]), [["dropped", 10]]);
});

test("an Episodes table where more than 5% (and 5 or more) of the episodes ended before the year, of children with none in it, is refused as mixing years", () => {
  const n = 60;
  const gone = children(9).map((c) => episodeRow(`X${c}`, "01/05/2021", "S", "C2", "U1", "01/12/2021", "E11"));
  const error = importRefusal(returnFolder(n, [...gone, ...yearEpisodes(n)]));
  assert.deepEqual([error.file, error.column, error.value], [EPISODES, "DEC", "9 of its 149 episodes"]);
  assert.match(error.message, /the episodes open in 2022-23, the collection year of its folder, which begins on 1 April 2022: 6% of its episodes \(more than 5%\) ended before that day, of children with none in 2022-23, so the table mixes 2022-23 with an earlier year \(the earlier episodes of a child looked after in 2022-23 are kept, as its history\)/);
  assert.match(error.message, /only when they are at most 5% of its episodes or fewer than 5/);
  // seven of 147 (4.8%): read, the seven dropped
  const seven = importReturns(returnFolder(n, [...gone.slice(2), ...yearEpisodes(n)]), { key: TEST_KEY });
  assert.equal(drops(seven).filter((d) => d[3] === EARLIER_EPISODE_RULE).length, 7);
});

test("missing incidents wholly before the year are dropped under their own rule and said on the screen, however many; the figures are those without them", () => {
  const n = 60;
  const before = children(20).map((c) => [c, "01/05/2012", "M", "10/05/2021", "11/05/2021"]);
  const result = importReturns(returnFolder(n, yearEpisodes(n), before), { key: TEST_KEY });
  assert.deepEqual(drops(result), before.map((_, k) => [MISSING, 31 + k, "MIS_END", EARLIER_INCIDENT_RULE]));
  assert.deepEqual(result.log.notices.filter((x) => x.file === MISSING).map((x) => x.rule), [
    "incidents that ended before 1 April of the return's year dropped (the import log counts them): a return lists those of its year, and no figure counts earlier ones",
  ]);
  assert.deepEqual(figures(result), figures(importReturns(returnFolder(n, yearEpisodes(n)), { key: TEST_KEY })));
});
