/**
 * Exact copies of a row in an SSDA903 table are read once, under their own rule: a copied one-day episode had counted as
 * another placement, a copied OC3 or OC2 row had counted its young person twice, and other copied episodes had been
 * dropped as "overlapping episodes" of "two extracts mixed".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { importReturns } from "../../lib/returns/import-returns";
import { readSsda903, type Ssda903File } from "../../lib/returns/read-ssda903";
import { EXACT_COPY_RULE, withoutExactCopies } from "../../lib/returns/ssda903-exact-copies";
import { OVERLAP_RULE } from "../../lib/returns/ssda903-overlaps";
import { REPEATED_CHILD_RULES } from "../../lib/returns/ssda903-repeated-children";
import { EPISODE_COLS, HEADER_COLS, OC3_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const CHILDREN = Array.from({ length: 30 }, (_, i) => `C${i}`);

/**
 * A folder of 30 children looked after at 31 March, each in two placements in the year: S 01/05 to 10/06, then a
 * day's placement (P, 10/06 to 10/06) continued by an episode of a new legal status (L, open). `copy` rows of the
 * first `copied` children are given twice.
 */
function folder(copied: number, copy: (child: string) => string[]): string {
  const d = path.join(tempDir(), "in");
  writeCsv(d, path.join(LA, "2023", "header.csv"), HEADER_COLS, CHILDREN.map((c) => headerRow(c, "01/05/2012")));
  const rows = CHILDREN.flatMap((c, i) => {
    const own = [episodeRow(c, "01/05/2022", "S", "C2", "U1", "10/06/2022", "X1"), episodeRow(c, "10/06/2022", "P", "C2", "U3", "10/06/2022", "X1"), episodeRow(c, "10/06/2022", "L", "C1", "U3")];
    return i < copied ? [...own, copy(c)] : own;
  });
  writeCsv(d, path.join(LA, "2023", "episodes.csv"), EPISODE_COLS, rows);
  return d;
}

const dayEpisode = (c: string) => episodeRow(c, "10/06/2022", "P", "C2", "U3", "10/06/2022", "X1");

test("an exact copy of a day's episode is not another placement: the figures are those of the table without it, and the copy is counted under its own rule and said on the screen", () => {
  const run = (d: string) => importReturns(d, { key: TEST_KEY, threshold: 6 });
  const plain = run(folder(0, dayEpisode));
  const copied = run(folder(30, dayEpisode));
  const placements = (r: ReturnType<typeof run>) => r.indicators.find((x) => x.indicator === "cla_3plus_placements_pct")!;
  assert.equal(placements(plain).denominator, 30);
  assert.deepEqual(placements(copied), placements(plain));
  assert.deepEqual(copied.indicators, plain.indicators);
  const dropped = copied.log.entries().filter((e) => e.action === "dropped");
  assert.equal(dropped.length, 30);
  assert.ok(dropped.every((e) => e.rule === EXACT_COPY_RULE && e.file === `${LA}/2023/episodes.csv` && /^a copy of row \d+$/.test(e.detail ?? "")));
  assert.ok(!/\d|C\d/.test(EXACT_COPY_RULE), "the rule names no row, child or date");
  assert.equal(copied.log.notices.filter((n) => /exact copies of an earlier row/.test(n.rule)).length, 1, "said once for the table");
  assert.equal(plain.log.notices.filter((n) => /exact copies/.test(n.rule)).length, 0);
});

test("copied episodes that overlap are counted as copies, not as overlapping episodes of two extracts mixed, even when they are a quarter of the table (too many copies refuse no table: without them it is the table exported)", () => {
  const open = (c: string) => episodeRow(c, "10/06/2022", "L", "C1", "U3");
  const all = importReturns(folder(30, open), { key: TEST_KEY, threshold: 6 });
  const rules = new Set(all.log.entries().filter((e) => e.action === "dropped").map((e) => e.rule));
  assert.deepEqual([...rules], [EXACT_COPY_RULE]);
  assert.ok(!rules.has(OVERLAP_RULE));
  assert.deepEqual(all.indicators, importReturns(folder(0, open), { key: TEST_KEY, threshold: 6 }).indicators);
});

test("exact copies of OC3 and OC2 rows are read once (a care leaver or an outcome counted once); a child whose rows differ is left out (ssda903-repeated-children), its copies dropped first", () => {
  const dir = tempDir("vsw-ssda903-");
  const OC2_COLS = ["CHILD", "DOB", "SDQ_SCORE", "CONVICTED", "SUBSTANCE_MISUSE"];
  const leaver = (id: string, activity: string) => [id, "10/06/2003", "YES", activity, "D1"];
  const files: Ssda903File[] = [
    { path: writeCsv(dir, "header.csv", HEADER_COLS, [headerRow("A", "01/05/2012")]), name: "header.csv", la: LA, year: 2023, table: "Header" },
    { path: writeCsv(dir, "episodes.csv", EPISODE_COLS, [episodeRow("A", "01/05/2020", "S", "C2", "U1")]), name: "episodes.csv", la: LA, year: 2023, table: "Episodes" },
    { path: writeCsv(dir, "oc3.csv", OC3_COLS, [leaver("L1", "F1"), leaver("L2", "F1"), leaver("L1", "F1"), leaver("L3", "F1"), leaver("L3", "G4"), leaver("L1", "F1")]), name: "oc3.csv", la: LA, year: 2023, table: "OC3" },
    { path: writeCsv(dir, "oc2.csv", OC2_COLS, [["A", "01/05/2012", "", "0", "1"], ["A", "01/05/2012", "", "0", "1"]]), name: "oc2.csv", la: LA, year: 2023, table: "OC2" },
  ];
  const log = new ReturnsImportLog();
  const data = readSsda903(files, TEST_KEY, log).get(LA)![0];
  assert.equal(data.careLeavers.get(2023)!.length, 2, "L1 once and L2; L3's two different rows neither");
  assert.equal(data.outcomes.get(2023)!.length, 1);
  const dropped = log.entries().filter((e) => e.action === "dropped").map((e) => [e.file, e.row, e.rule, e.detail]);
  assert.deepEqual(dropped, [
    ["oc3.csv", 3, EXACT_COPY_RULE, "a copy of row 1"],
    ["oc3.csv", 6, EXACT_COPY_RULE, "a copy of row 1"],
    ["oc3.csv", 4, REPEATED_CHILD_RULES.OC3, "the child's other row: 5"],
    ["oc3.csv", 5, REPEATED_CHILD_RULES.OC3, "the child's other row: 4"],
    ["oc2.csv", 2, EXACT_COPY_RULE, "a copy of row 1"],
  ]);
});

test("a child's many rows (more than are compared one by one) still have their copies found, and rows differing in one column only are both kept; the input is not changed", () => {
  const cells = (i: number, place = "U1") => Object.freeze(["K", `${String(1 + (i % 28)).padStart(2, "0")}/${String(1 + Math.floor(i / 28)).padStart(2, "0")}/2022`, "P", "C2", place]);
  const own = Array.from({ length: 100 }, (_, i) => ({ row: i + 1, cells: cells(i) as string[] }));
  const input = Object.freeze([...own, { row: 101, cells: cells(0) as string[] }, { row: 102, cells: cells(49) as string[] }, { row: 103, cells: cells(49, "U2") as string[] }, { row: 104, cells: cells(2) as string[] }]);
  const t = { file: { path: "e.csv", name: "e.csv", table: "Episodes" as const }, col: new Map([["CHILD", 0]]), rows: input as { row: number; cells: string[] }[] };
  const log = new ReturnsImportLog();
  const out = withoutExactCopies(t, log);
  assert.deepEqual(out.rows.map((r) => r.row), [...own.map((r) => r.row), 103]);
  assert.deepEqual(log.entries().filter((e) => e.action === "dropped").map((e) => [e.row, e.detail]), [[101, "a copy of row 1"], [102, "a copy of row 50"], [104, "a copy of row 3"]]);
  assert.equal(t.rows.length, 104, "the input is not changed");
  // a table without copies is returned as it is, with nothing logged
  const clean = { ...t, rows: own };
  assert.equal(withoutExactCopies(clean, new ReturnsImportLog()), clean);
});
