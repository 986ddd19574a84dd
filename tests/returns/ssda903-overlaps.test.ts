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
import { HISTORY_OVERLAP_RULE, OVERLAP_RULE, episodeOrder, withoutOverlaps } from "../../lib/returns/ssda903-overlaps";
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
  const early = episode(1, "01/05/2022", null, "S");
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
  /** `n` children with one open episode, the first `k` with a second overlapping it. */
  const table = (n: number, k: number) => {
    const byChild = new Map<string, ClaEpisode[]>();
    for (let i = 0; i < n; i++) {
      const first = { ...episode(2 * i + 1, "01/05/2022", null, "S"), child: `c${i}` };
      byChild.set(`c${i}`, i < k ? [first, { ...episode(2 * i + 2, "01/06/2022", null, "P"), child: `c${i}` }] : [first]);
    }
    return withoutOverlaps(byChild, FILE, new ReturnsImportLog()).error;
  };
  assert.equal(table(95, 5), undefined, "5 of 100: 5%");
  assert.equal(table(20, 4), undefined, "4 of 24");
  const error = table(94, 6)!;
  assert.deepEqual([error.file, error.column, error.value], ["episodes.csv", "DECOM, DEC", "6 of its 100 episodes"]);
  assert.match(error.message, /6% of its episodes overlap another of the child's \(more than 5%\), so the table probably mixes two extracts/);
});
