/**
 * A child's overlapping episodes: which one is kept is decided by the episodes, never by the order of the table's rows;
 * an episode that ended before the year never displaces one of the year; a table with many overlapping is refused.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { parseUkDate } from "../../lib/returns/dates";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { importReturns } from "../../lib/returns/import-returns";
import { HISTORY_OVERLAP_RULE, OPEN_BEFORE_LATER_RULE, OVERLAP_RULE, episodeOrder, withoutOverlaps } from "../../lib/returns/ssda903-overlaps";
import { shareAboveLimit } from "../../lib/returns/ssda903-table-year";
import type { ClaEpisode, Ssda903File } from "../../lib/returns/ssda903-records";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const FILE: Ssda903File = { path: "episodes.csv", name: "episodes.csv", la: LA, year: 2023, table: "Episodes" };

/** An episode of child "c" read from row `row`. */
function episode(row: number, start: string, end: string | null, rne = "P", ls = "C2"): ClaEpisode {
  return Object.freeze({ child: "c", start: parseUkDate(start)!, end: end === null ? null : parseUkDate(end)!, rne, ls, place: "U1", file: FILE.name, row });
}

/** The rows kept of `list` (one child's episodes), and each dropped row with its rule. */
function kept(list: ClaEpisode[]) {
  const log = new ReturnsImportLog();
  const input = new Map([["c", Object.freeze([...list])]]);
  const { episodes, error } = withoutOverlaps(input, FILE, log);
  assert.equal(input.get("c")!.length, list.length, "the input is not changed");
  return { rows: episodes.get("c")!.map((e) => e.row), dropped: log.entries().filter((e) => e.action === "dropped").map((e) => [e.row, e.rule]), error };
}

test("of two overlapping episodes of the year, the earlier-starting is kept, whichever row comes first", () => {
  const early = episode(1, "01/05/2022", "01/08/2022", "S");
  const late = episode(2, "01/06/2022", null, "S");
  assert.deepEqual(kept([early, late]), { rows: [1], dropped: [[2, OVERLAP_RULE]], error: undefined });
  assert.deepEqual(kept([late, early]), { rows: [1], dropped: [[2, OVERLAP_RULE]], error: undefined });
});

test("an episode that ended before the year never displaces one of the year, even when it starts first; one that overlaps nothing is kept as history", () => {
  const history = episode(1, "10/04/2021", "01/06/2021", "S");
  const year = episode(2, "01/05/2021", "01/10/2022", "S");
  const then = episode(3, "01/10/2022", null);
  const earlier = episode(4, "01/01/2020", "01/02/2020", "S");
  assert.deepEqual(kept([history, year, then, earlier]), { rows: [4, 2, 3], dropped: [[1, HISTORY_OVERLAP_RULE]], error: undefined });
  assert.deepEqual(kept([then, earlier, year, history]), { rows: [4, 2, 3], dropped: [[1, HISTORY_OVERLAP_RULE]], error: undefined });
});

test("episodes ending as the next starts, and a day's episode, do not overlap", () => {
  const rows = [episode(1, "01/05/2022", "10/06/2022", "S"), episode(2, "10/06/2022", "10/06/2022"), episode(3, "10/06/2022", null)];
  assert.deepEqual(kept(rows), { rows: [1, 2, 3], dropped: [], error: undefined });
});

test("two rows of the same dates are ordered by their codes, so the same one is kept wherever it is: a short break (V3) and a care order (C2) of one day", () => {
  assert.ok(episodeOrder(episode(1, "01/06/2022", null, "S", "V3"), episode(2, "01/06/2022", null, "S", "C2")) > 0);
  // the child is looked after at 31 March (C2 kept) with the rows in either order
  const dir = (rows: string[][]) => {
    const d = path.join(tempDir(), "in");
    writeCsv(d, path.join(LA, "2023", "header.csv"), HEADER_COLS, ["A", "B", "C", "D", "E", "F"].map((c) => headerRow(c, "01/05/2012")));
    writeCsv(d, path.join(LA, "2023", "episodes.csv"), EPISODE_COLS, [...rows, ...["B", "C", "D", "E", "F"].map((c) => episodeRow(c, "01/06/2022", "S", "C2", "U1"))]);
    return d;
  };
  const v3 = episodeRow("A", "01/06/2022", "S", "V3", "U1");
  const c2 = episodeRow("A", "01/06/2022", "S", "C2", "U1");
  const count = (d: string) => importReturns(d, { key: TEST_KEY, threshold: 6 }).indicators.find((x) => x.indicator === "cla_3plus_placements_pct")!.denominator;
  assert.equal(count(dir([v3, c2])), 6);
  assert.equal(count(dir([c2, v3])), 6);
});

test("a table whose overlapping episodes are more than 5% and 5 or more is refused, naming how many; 5%, or 4, are dropped", () => {
  /** `n` children with one episode, the first `k` with a second starting before it ended (the first ended, not left open). */
  const table = (n: number, k: number) => {
    const byChild = new Map<string, ClaEpisode[]>();
    for (let i = 0; i < n; i++) {
      const first = { ...episode(2 * i + 1, "01/05/2022", i < k ? "01/08/2022" : null, "S"), child: `c${i}` };
      byChild.set(`c${i}`, i < k ? [first, { ...episode(2 * i + 2, "01/06/2022", null, "P"), child: `c${i}` }] : [first]);
    }
    return withoutOverlaps(byChild, FILE, new ReturnsImportLog()).error;
  };
  assert.equal(table(95, 5), undefined, "5 of 100: 5%");
  assert.equal(table(20, 4), undefined, "4 of 24");
  const error = table(94, 6)!;
  assert.deepEqual([error.file, error.column, error.value], ["episodes.csv", "DECOM, DEC", "6 of its 100 episodes"]);
  assert.match(error.message, /6% of its episodes overlap another of the child's \(more than 5%\), so the table probably mixes two extracts/);
  // 350 of 6,375 (5.49%) had read "5% … (more than 5%)"
  assert.match(table(6025, 350)!.message, /: 5\.4% of its episodes overlap another of the child's \(more than 5%\)/);
});

test("a share above the 5% limit is shown above it: one decimal rounded down, more decimals when one would show 5%", () => {
  assert.equal(shareAboveLimit(350, 6375), "5.4%");
  assert.equal(shareAboveLimit(501, 10000), "5.01%");
  assert.equal(shareAboveLimit(50001, 1000000), "5.0001%");
  assert.equal(shareAboveLimit(6, 100), "6%");
  assert.equal(shareAboveLimit(1203, 7218), "16.6%");
  assert.equal(shareAboveLimit(5, 5), "100%");
});

test("an episode left open before a later-starting episode of the child is dropped under its own rule, and the later episodes are kept, whichever row comes first", () => {
  const unclosed = episode(1, "01/06/2016", null, "S");
  const history = episode(2, "01/01/2020", "01/03/2021", "S");
  const year = episode(3, "01/03/2022", "01/09/2022", "S");
  const now = episode(4, "01/09/2022", null, "P");
  const expected = { rows: [2, 3, 4], dropped: [[1, OPEN_BEFORE_LATER_RULE]], error: undefined };
  assert.deepEqual(kept([unclosed, history, year, now]), expected);
  assert.deepEqual(kept([now, year, history, unclosed]), expected);
  // two open episodes: the latest-starting is kept
  assert.deepEqual(kept([episode(2, "01/06/2022", null, "P"), episode(1, "01/05/2022", null, "S")]), { rows: [2], dropped: [[1, OPEN_BEFORE_LATER_RULE]], error: undefined });
  // the latest episode open, or two open of the same start (an overlap: one is kept by the codes), are not this rule
  assert.deepEqual(kept([year, now]).dropped, []);
  assert.deepEqual(kept([episode(1, "01/06/2022", null, "S"), episode(2, "01/06/2022", null, "P")]).dropped, [[1, OVERLAP_RULE]]);
  assert.ok(!/\d/.test(OPEN_BEFORE_LATER_RULE), "the rule names no row or date");
});

test("30 children looked after all year, 4 of them with an old episode never closed: their episodes of the year are kept, the figures those without the old rows, and the screen says so; 10 refuse the table, saying why", () => {
  const run = (unclosed: number) => {
    const d = path.join(tempDir(), "in");
    const children = Array.from({ length: 30 }, (_, i) => `K${i}`);
    writeCsv(d, path.join(LA, "2023", "header.csv"), HEADER_COLS, children.map((c) => headerRow(c, "01/05/2010")));
    const rows = children.flatMap((c, i) => [
      ...(i < unclosed ? [episodeRow(c, "01/06/2016", "S", "C2", "U1")] : []),
      episodeRow(c, "01/05/2020", "S", "C2", "U1", "01/05/2022", "X1"),
      episodeRow(c, "01/05/2022", "P", "C2", "U3", "01/08/2022", "X1"),
      episodeRow(c, "01/08/2022", "P", "C2", "U4", "01/12/2022", "X1"),
      episodeRow(c, "01/12/2022", "P", "C2", "U5"),
    ]);
    writeCsv(d, path.join(LA, "2023", "episodes.csv"), EPISODE_COLS, rows);
    return importReturns(d, { key: TEST_KEY, threshold: 6 });
  };
  const plain = run(0);
  const unclosed = run(4);
  assert.equal(plain.indicators.find((x) => x.indicator === "cla_3plus_placements_pct")!.numerator, 30);
  assert.deepEqual(unclosed.indicators, plain.indicators);
  const dropped = unclosed.log.entries().filter((e) => e.action === "dropped");
  assert.deepEqual(dropped.map((e) => [e.rule, e.column, e.value]), Array.from({ length: 4 }, () => [OPEN_BEFORE_LATER_RULE, "DEC", ""]));
  assert.equal(unclosed.log.notices.filter((n) => /episodes left open \(no end date\)/.test(n.rule)).length, 1);
  // 10 of 130 episodes (7.7%) dropped: more than 5%, refused, saying they were left open and what to do
  assert.throws(() => run(10), (e: Error) => {
    assert.match(e.message, /"10 of its 130 episodes".*: 7\.6% of its episodes overlap another of the child's \(more than 5%, 10 of them left open \(no DEC\) before a later episode of the child\)/);
    assert.match(e.message, /export the 2022-23 table again, each episode before a child's latest with its end date \(/);
    return true;
  });
});
