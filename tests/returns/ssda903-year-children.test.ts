/**
 * A year's return is the record of who was looked after in it (DfE: every child looked after at any time in the year).
 * Counted over the run's merged episodes, an episode open at the end of one year's table kept its child in every later
 * year whose return did not list the child, and a child of a later return whose episodes began before was counted in
 * the earlier year: a child whose CHILD id changed between years was counted twice in every year (the round-27 trial's
 * S1-1: looked after at 31 March 69 → 130, an earlier year's denominator 61 → 122), and dropping a child's Header row
 * made a count go up.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { fullImportLog, packageImportLog } from "../../lib/returns/returns-package";
import { NOT_IN_EARLIER_RETURN_RULE, NOT_IN_NEXT_RETURN_RULE } from "../../lib/returns/ssda903-year-children";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, episodeRow, headerRow, importRefusal, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);

/** One year's folder of an LA: a Header and an Episodes table of `children`, each in one open episode begun `since`. */
function writeYear(dir: string, year: number, children: readonly { id: string; since: string; header?: boolean }[]): void {
  const yearDir = path.join(LA, String(year));
  writeCsv(dir, path.join(yearDir, "header.csv"), HEADER_COLS, children.filter((c) => c.header !== false).map((c) => headerRow(c.id, "01/01/2012")));
  writeCsv(dir, path.join(yearDir, "episodes.csv"), EPISODE_COLS, children.map((c) => episodeRow(c.id, c.since, "S", "C2", "U1")));
}

/** A made-up child population of the LA in both years, so that the looked-after count is given (cla_rate_per_10k's numerator). */
const population = new Map([2022, 2023].map((year) => [`${LA}|${year}`, 50000] as const));
const run = (dir: string) => importReturns(dir, { key: TEST_KEY, threshold: 1, population });
const lookedAfter31March = (r: ReturnType<typeof run>, period: number) => r.indicators.find((i) => i.indicator === "cla_rate_per_10k" && i.period === period)!.numerator;
const placementsDenominator = (r: ReturnType<typeof run>, period: number) => r.indicators.find((i) => i.indicator === "cla_3plus_placements_pct" && i.period === period)!.denominator;

test("a child looked after at the end of 2021-22 whom the 2022-23 return does not list is counted in 2021-22 only, and counted by its rule in the import log", () => {
  const dir = path.join(tempDir(), "in");
  const stay = ids("C", 20).map((id) => ({ id, since: "01/05/2020" }));
  writeYear(dir, 2022, [...stay, { id: "GONE", since: "01/05/2020" }]);
  writeYear(dir, 2023, stay);
  const r = run(dir);
  // the 2021-22 open episode had kept GONE looked after at 31 March 2023: 21
  assert.deepEqual([lookedAfter31March(r, 2022), lookedAfter31March(r, 2023)], [21, 20]);
  assert.deepEqual(placementsDenominator(r, 2023), 20);
  const rules = packageImportLog(r.log, 1).summary.byRule.filter((x) => x.rule === NOT_IN_NEXT_RETURN_RULE);
  assert.deepEqual(rules, [{ action: "warning", rule: NOT_IN_NEXT_RETURN_RULE, count: 1, files: 1 }]);
  // the row is named in --log's entries only (GONE's episode is row 21 of the 2021-22 table), never the child
  const entries = fullImportLog(r.log).entries.filter((e) => e.rule === NOT_IN_NEXT_RETURN_RULE);
  assert.deepEqual(entries.map((e) => [e.file, e.row, e.detail]), [
    [path.join(LA, "2022", "episodes.csv"), 21, `no episode read from the 2022-23 Episodes table (${path.join(LA, "2023", "episodes.csv")}): counted in 2021-22 only`],
  ]);
  assert.ok(!JSON.stringify(packageImportLog(r.log, 1)).includes("GONE") && !JSON.stringify(fullImportLog(r.log)).includes("GONE"));
  assert.deepEqual(
    r.log.notices.filter((n) => n.file === `${LA} 2021-22, 2022-23`).map((n) => n.rule),
    [`children looked after across the end of 2021-22 whom one of the two years' Episodes tables does not list (${path.join(LA, "2022", "episodes.csv")}; ${path.join(LA, "2023", "episodes.csv")}): each is counted only in the year whose return lists the child (the import log counts them; returns --log names their rows)`],
  );
});

test("dropping a child's 2022-23 Header row (its episodes dropped with it) no longer makes its looked-after count go up", () => {
  const children = ids("C", 20).map((id) => ({ id, since: "01/05/2020" }));
  const whole = path.join(tempDir(), "in");
  writeYear(whole, 2022, children);
  writeYear(whole, 2023, children);
  const headerless = path.join(tempDir(), "in");
  writeYear(headerless, 2022, children);
  writeYear(headerless, 2023, children.map((c, i) => (i === 7 ? { ...c, header: false } : c)));
  // C007's 2022-23 episode is dropped as of a child missing from Header: 19, not C007 carried from 2021-22 (20) either
  assert.deepEqual([lookedAfter31March(run(whole), 2023), lookedAfter31March(run(headerless), 2023)], [20, 19]);
});

test("a child the 2022-23 return lists whose episode began in 2021-22, and whom the 2021-22 return does not list, is not counted in 2021-22", () => {
  const dir = path.join(tempDir(), "in");
  const both = ids("C", 20).map((id) => ({ id, since: "01/05/2020" }));
  writeYear(dir, 2022, both);
  writeYear(dir, 2023, [...both, { id: "LATE", since: "01/06/2021" }]);
  const r = run(dir);
  // LATE's 2022-23 episode, begun in 2021-22, had counted it at 31 March 2022 too: 21
  assert.deepEqual([lookedAfter31March(r, 2022), lookedAfter31March(r, 2023)], [20, 21]);
  assert.equal(placementsDenominator(r, 2022), 20);
  const entries = fullImportLog(r.log).entries.filter((e) => e.rule === NOT_IN_EARLIER_RETURN_RULE);
  assert.deepEqual(entries.map((e) => [e.file, e.row, e.column, e.value]), [[path.join(LA, "2023", "episodes.csv"), 21, "DECOM", "(withheld)"]]);
});

test("CHILD ids changed between two years (a system migration) are refused, naming the LA, both years, both counts, both files and what to do", () => {
  const dir = path.join(tempDir(), "in");
  writeYear(dir, 2022, ids("C", 20).map((id) => ({ id, since: "01/05/2020" })));
  writeYear(dir, 2023, ids("Z", 20).map((id) => ({ id, since: "01/05/2020" })));
  const e = importRefusal(dir);
  const earlier = path.join(LA, "2022", "episodes.csv");
  const later = path.join(LA, "2023", "episodes.csv");
  assert.equal(
    e.message,
    `${later}, column "CHILD": got "20 of the 20 children it gives as looked after in 2021-22 absent from 2021-22's table; 20 of the 20 children looked after on 31 March 2022 in 2021-22's table absent from it", ` +
      `expected for ${LA}, the children of 2022-23's return (${later}) carried over from 2021-22's (${earlier}) under the same CHILD identifiers: a child looked after on 31 March 2022 is looked after on 1 April, so both returns list it. ` +
      "More than 5% of the children on both sides of the years' end (and 5 or more) are listed by one year alone, so the CHILD identifiers probably changed between 2021-22 and 2022-23 (a case-management system migration), " +
      "and each child would be counted as two, the 2021-22 history lost to 2022-23's figures; export both years' tables with one CHILD identifier per child across years (the same system's identifiers in every year), or import each year on its own",
  );
});

test("a few children on both sides, or many on one side alone, are read with a warning each, not refused as changed ids", () => {
  const cases = [
    // 5 of 100 on both sides: 5%, not more
    { kept: 95, gone: 5, fresh: 5 },
    // 4 of 8 on both sides: half, but fewer than 5
    { kept: 4, gone: 4, fresh: 4 },
    // 40 of 60 gone, none new: a 2022-23 export short of children
    { kept: 20, gone: 40, fresh: 0 },
  ];
  for (const { kept, gone, fresh } of cases) {
    const dir = path.join(tempDir(), "in");
    const stay = ids("C", kept).map((id) => ({ id, since: "01/05/2020" }));
    writeYear(dir, 2022, [...stay, ...ids("G", gone).map((id) => ({ id, since: "01/05/2020" }))]);
    writeYear(dir, 2023, [...stay, ...ids("N", fresh).map((id) => ({ id, since: "01/05/2020" }))]);
    const r = run(dir);
    assert.deepEqual([lookedAfter31March(r, 2022), lookedAfter31March(r, 2023)], [kept + gone, kept + fresh], JSON.stringify({ kept, gone, fresh }));
    const counts = r.log.recordCounts().filter((c) => c.rule === NOT_IN_NEXT_RETURN_RULE || c.rule === NOT_IN_EARLIER_RETURN_RULE);
    assert.deepEqual(counts.map((c) => [c.rule, c.count]), [
      ...(gone > 0 ? [[NOT_IN_NEXT_RETURN_RULE, gone]] : []),
      ...(fresh > 0 ? [[NOT_IN_EARLIER_RETURN_RULE, fresh]] : []),
    ]);
  }
  // one more of 100 on both sides (6 of 101) is refused
  const dir = path.join(tempDir(), "in");
  const stay = ids("C", 95).map((id) => ({ id, since: "01/05/2020" }));
  writeYear(dir, 2022, [...stay, ...ids("G", 6).map((id) => ({ id, since: "01/05/2020" }))]);
  writeYear(dir, 2023, [...stay, ...ids("N", 6).map((id) => ({ id, since: "01/05/2020" }))]);
  assert.match(importRefusal(dir).message, /got "6 of the 101 children it gives as looked after in 2021-22 absent from 2021-22's table; 6 of the 101 children looked after on 31 March 2022/);
});
