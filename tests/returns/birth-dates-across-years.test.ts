/**
 * A child whose Headers of two years of one run give different dates of birth: which is the child's cannot be told, so
 * none is taken, as for a child's Header rows of one year that differ in it (header-repeated-children.test.ts). The
 * latest year's date had been taken without a word (round 24's closing note). The log counts the children and names
 * neither a child nor a date; the count joins the Header's children read without a date of birth in the nested pair
 * that keeps long-term stability's "left out for want of a date of birth" from giving a small count back.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { leftOutRule, NO_BIRTH_DATE } from "../../lib/returns/cla-indicators";
import { importReturns } from "../../lib/returns/import-returns";
import { controlledSummary, fullImportLog } from "../../lib/returns/returns-package";
import { BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE } from "../../lib/returns/ssda903-repeated-children";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const KID = "QZ7700";
const OTHER = "QZ7701";
/** KID's date of birth in one year (11 at 31 March 2023: in long-term stability's cohort) and in another (18: not). */
const BORN = "14/02/2012";
const BORN_ELSE = "23/09/2004";

/** Returns of 2021-22 and 2022-23 (one run) for OTHER and KID, each in one placement since 01/05/2020, KID born as each year's Header says. */
function twoYears(kidBorn: { 2022: string; 2023: string }): string {
  const dir = path.join(tempDir(), "in");
  for (const year of [2022, 2023] as const) {
    const yearDir = path.join(LA, `${year - 1}-${String(year).slice(2)}`);
    writeCsv(dir, path.join(yearDir, "header.csv"), HEADER_COLS, [headerRow(OTHER, "01/01/2012"), headerRow(KID, kidBorn[year])]);
    writeCsv(dir, path.join(yearDir, "episodes.csv"), EPISODE_COLS, [episodeRow(OTHER, "01/05/2020", "S", "C2", "U1"), episodeRow(KID, "01/05/2020", "S", "C2", "U1")]);
  }
  return dir;
}

const run = (dir: string) => importReturns(dir, { key: TEST_KEY, threshold: 1 });
const stability = (r: ReturnType<typeof run>) => {
  const x = r.indicators.find((i) => i.indicator === "cla_long_term_stability_pct" && i.period === 2023)!;
  return [x.numerator, x.denominator];
};

test("a child whose Headers of two years give different dates of birth is read without one (the latest year's had been taken), as a child whose Headers give none", () => {
  const differ = run(twoYears({ 2022: BORN_ELSE, 2023: BORN }));
  const none = run(twoYears({ 2022: "", 2023: "" }));
  // OTHER alone is in the cohort: KID's age cannot be told (the 2023 Header's date had made KID 11, in it: 2 of 2)
  assert.deepEqual(stability(differ), [1, 1]);
  assert.deepEqual(differ.indicators, none.indicators);
  // the same date in both years is taken
  assert.deepEqual(stability(run(twoYears({ 2022: BORN, 2023: BORN }))), [2, 2]);
  // a date in one year only is taken, as before
  assert.deepEqual(stability(run(twoYears({ 2022: "", 2023: BORN }))), [2, 2]);
});

test("the import log counts the children once for the run and says it once on the screen, naming neither a child nor a date", () => {
  const r = run(twoYears({ 2022: BORN_ELSE, 2023: BORN }));
  const counted = r.log.entries().filter((e) => e.rule === BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE);
  assert.deepEqual(counted.map((e) => [e.action, e.file, e.count]), [["warning", `${LA} 2021-22, 2022-23`, 1]]);
  assert.equal(r.log.notices.filter((n) => /Headers of two years of the run give different dates of birth/.test(n.rule)).length, 1);
  const everything = JSON.stringify(fullImportLog(r.log)) + JSON.stringify(r.log.notices);
  for (const secret of [KID, BORN, BORN_ELSE, "2012", "2004"]) assert.ok(!everything.includes(secret), `the log shows ${secret}`);
  assert.equal(run(twoYears({ 2022: BORN, 2023: BORN })).log.entries().filter((e) => e.rule === BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE).length, 0);
});

test("the children read without a date for differing years hold those long-term stability leaves out: given both, a small difference hides the part", () => {
  const part = leftOutRule("cla_long_term_stability_pct", NO_BIRTH_DATE);
  const records = [
    { action: "warning" as const, rule: BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE, file: `${LA} 2021-22, 2022-23`, count: 12 },
    { action: "warning" as const, rule: part, file: `${LA} 2022-23`, count: 10 },
  ];
  const entries = records.map((r) => ({ action: r.action, file: r.file, rule: r.rule, count: r.count }));
  const summary = controlledSummary(entries, records, 10);
  // 12 − 10 = 2 children outside the cohort with differing dates: the part is left out, the whole given
  assert.equal(summary.byRule.find((r) => r.rule === part)!.count, null);
  assert.equal(summary.byRule.find((r) => r.rule === BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE)!.count, 12);
});
