/**
 * A child listed in more than one row of Header (DfE's validation INT32: a child is in Header once). Header says that the
 * child is looked after in the year and gives the date of birth, which only long-term stability's age cohort reads:
 * rows that differ in DOB had been resolved by taking the first row's, an age from a date the return itself
 * contradicts, without a word. Now the child is kept, read without a date of birth (left out of the age cohort as a
 * child without one is), the rows named in the import log (never the child or the date), and the children counted as
 * OC2's and OC3's are; rows that agree in DOB are read once, the drop naming the columns that differ (SEX).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { leftOutRule, NO_BIRTH_DATE } from "../../lib/returns/cla-indicators";
import { importReturns } from "../../lib/returns/import-returns";
import { fullImportLog, packageImportLog } from "../../lib/returns/returns-package";
import { AGREEING_ROW_RULES, REPEATED_CHILD_RULES, REPEATED_CHILDREN_LEFT_OUT } from "../../lib/returns/ssda903-repeated-children";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, episodeRow, headerRow, importRefusal, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const YEAR_DIR = path.join(LA, "2022-23");
const HEADER_FILE = path.join(YEAR_DIR, "header.csv");
/** Children of the fixtures: identifiers no rule, detail or count of the log may show. */
const KID = "QZ7700";
const OTHER = "QZ7701";
/** A date of birth of the fixtures (11 at 31 March 2023), and another (18): neither may appear in the log. */
const BORN = "14/02/2012";
const BORN_ELSE = "23/09/2004";

/** A Header row with its SEX. */
const headerRowOfSex = (child: string, dob: string, sex: string) => [child, sex, dob, "WBRI", "", "", ""];

/**
 * A 2022-23 return (in `dir`, a new folder by default) of OTHER and KID, each in one placement since 01/05/2020 (in the
 * long-term cohort when under 16, stable), with KID's Header rows given.
 */
function folder(kidRows: string[][], dir = path.join(tempDir(), "in"), yearDir = YEAR_DIR): string {
  writeCsv(dir, path.join(yearDir, "header.csv"), HEADER_COLS, [headerRow(OTHER, "01/01/2012"), ...kidRows]);
  writeCsv(dir, path.join(yearDir, "episodes.csv"), EPISODE_COLS, [episodeRow(OTHER, "01/05/2020", "S", "C2", "U1"), episodeRow(KID, "01/05/2020", "S", "C2", "U1")]);
  return dir;
}

const run = (d: string) => importReturns(d, { key: TEST_KEY, threshold: 1 });
const fraction = (r: ReturnType<typeof run>, id: string, period = 2023) => {
  const x = r.indicators.find((i) => i.indicator === id && i.period === period)!;
  return [x.numerator, x.denominator];
};

test("a child in two Header rows with different dates of birth is read without one: left out of long-term stability's age cohort, counted in every other figure, as a child whose Header gives no date of birth is (the first row's date had been taken)", () => {
  const twice = run(folder([headerRow(KID, BORN), headerRow(KID, BORN_ELSE)]));
  const noDate = run(folder([headerRow(KID, "")]));
  // OTHER alone is in the cohort: KID's age cannot be told (the first row made KID 11, in it: 2 of 2)
  assert.deepEqual(fraction(twice, "cla_long_term_stability_pct"), [1, 1]);
  assert.deepEqual(twice.indicators, noDate.indicators);
  // KID is looked after: the other figures count both children
  assert.deepEqual(fraction(twice, "cla_3plus_placements_pct"), [0, 2]);
  const leftOut = twice.log.entries().filter((e) => e.rule === leftOutRule("cla_long_term_stability_pct", NO_BIRTH_DATE));
  assert.deepEqual(leftOut.map((e) => e.count), [1]);
  // the two rows in the other order say the same
  assert.deepEqual(run(folder([headerRow(KID, BORN_ELSE), headerRow(KID, BORN)])).indicators, noDate.indicators);
  // the definition says so, quoting the log's warning, so that a reader of the package alone knows the exclusion
  const definition = twice.catalogue.find((c) => c.indicator === "cla_long_term_stability_pct")!.definition;
  assert.ok(definition.includes(`'${REPEATED_CHILDREN_LEFT_OUT.Header}'`), definition);
});

test("the import log names the child's rows and the column, a warning on the first row (read without its date of birth) and a drop of the other, counts the children and says it once on the screen; never the child or a date", () => {
  const r = run(folder([headerRow(KID, BORN), headerRowOfSex(KID, BORN_ELSE, "2"), headerRow(KID, "1/1/2006")]));
  const rule = REPEATED_CHILD_RULES.Header;
  const entries = r.log.entries().filter((e) => e.file === HEADER_FILE);
  assert.deepEqual(entries.filter((e) => e.rule === rule).map((e) => [e.action, e.row, e.column, e.value, e.detail]), [
    ["warning", 2, "DOB", "(withheld)", "the child's other rows: 3, 4; the row is read without its date of birth"],
    ["dropped", 3, "DOB", "(withheld)", "the child's other rows: 2, 4"],
    ["dropped", 4, "DOB", "(withheld)", "the child's other rows: 2, 3"],
  ]);
  assert.deepEqual(
    entries.filter((e) => e.rule === REPEATED_CHILDREN_LEFT_OUT.Header).map((e) => [e.action, e.count, e.detail]),
    [["warning", 1, "their rows: 2, 3, 4 (the first of each child read without its date of birth, the others dropped)"]],
  );
  assert.equal(r.log.notices.filter((n) => n.file === HEADER_FILE && /more than one row of Header with different dates of birth/.test(n.rule)).length, 1);
  assert.ok(!entries.some((e) => e.rule === "child listed twice in Header"), "no row is dropped as a plain repeat");
  assert.match(rule, /DfE's validation: a child is in Header once/);
  assert.ok(!/\brow \d|\d{1,2}\/\d{1,2}\/\d{4}/.test(rule + REPEATED_CHILDREN_LEFT_OUT.Header), "the rules name no row or date");
  const log = JSON.stringify(fullImportLog(r.log));
  for (const secret of [KID, BORN, BORN_ELSE, "1/1/2006"]) assert.ok(!log.includes(secret), `${secret} is not in the log`);
  assert.deepEqual(fraction(r, "cla_long_term_stability_pct"), [1, 1]);
});

test("Header rows of a child the same in DOB (however written), another column differing, are read once: the drop names the columns that differ, and the child keeps its date of birth", () => {
  const once = run(folder([headerRow(KID, BORN)]));
  assert.deepEqual(fraction(once, "cla_long_term_stability_pct"), [2, 2]);
  const sex = run(folder([headerRowOfSex(KID, BORN, "1"), headerRowOfSex(KID, "14/2/2012", "2")]));
  assert.deepEqual(sex.indicators, once.indicators);
  const dropped = sex.log.entries().filter((e) => e.action === "dropped").map((e) => [e.row, e.column, e.rule, e.detail]);
  assert.deepEqual(dropped, [[3, "(row)", AGREEING_ROW_RULES.Header, "the same as row 2 in DOB (DOB written differently); different in SEX"]]);
  assert.ok(!sex.log.entries().some((e) => e.rule === REPEATED_CHILDREN_LEFT_OUT.Header), "no child is read without a date of birth");
  // an exact copy is read once, said to be one
  const copy = run(folder([headerRow(KID, BORN), headerRow(KID, BORN)]));
  assert.deepEqual(copy.indicators, once.indicators);
  assert.deepEqual(copy.log.entries().filter((e) => e.action === "dropped").map((e) => e.detail), ["the same as row 2 in DOB (every column the same: a copy)"]);
});

test("a child's date of birth from another year's Header of the run is kept when this year's rows differ: the child is read without one in this year alone, as with a date missing", () => {
  const d = path.join(tempDir(), "in");
  folder([headerRow(KID, BORN)], d, path.join(LA, "2021-22"));
  folder([headerRow(KID, BORN), headerRow(KID, BORN_ELSE)], d);
  const r = run(d);
  assert.deepEqual(fraction(r, "cla_long_term_stability_pct"), [2, 2]);
  assert.deepEqual(r.log.entries().filter((e) => e.rule === REPEATED_CHILDREN_LEFT_OUT.Header).map((e) => e.count), [1]);
  const missing = path.join(tempDir(), "in");
  folder([headerRow(KID, BORN)], missing, path.join(LA, "2021-22"));
  folder([headerRow(KID, "")], missing);
  assert.deepEqual(r.indicators, run(missing).indicators);
});

test("the package gives the children read without a date of birth and never their rows, nor a total holding them: rows dropped − children would give a small count back", () => {
  const d = path.join(tempDir(), "in");
  const many = Array.from({ length: 500 }, (_, i) => headerRow(`W${i}`, "01/01/2012"));
  const eleven = Array.from({ length: 11 }, (_, i) => `QZ78${String(i).padStart(2, "0")}`);
  // 11 children in 23 rows (one in three): 11 warned about, 12 dropped
  const rows = [...eleven.map((k) => headerRow(k, BORN)), ...many, ...eleven.map((k) => headerRow(k, BORN_ELSE)), headerRow(eleven[0], "01/01/2010")];
  writeCsv(d, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, rows);
  writeCsv(d, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, [episodeRow("W0", "01/05/2020", "S", "C2", "U1")]);
  const r = run(d);
  const full = fullImportLog(r.log).summary.byRule;
  const fullCount = (action: string, rule: string) => full.find((x) => x.action === action && x.rule === rule)?.count;
  assert.deepEqual([fullCount("warning", REPEATED_CHILD_RULES.Header), fullCount("dropped", REPEATED_CHILD_RULES.Header), fullCount("warning", REPEATED_CHILDREN_LEFT_OUT.Header)], [11, 12, 11]);
  const pkg = packageImportLog(r.log, 10);
  const count = (action: string, rule: string) => pkg.summary.byRule.find((x) => x.action === action && x.rule === rule)?.count;
  assert.equal(count("warning", REPEATED_CHILDREN_LEFT_OUT.Header), 11, "the children are given");
  assert.equal(count("dropped", REPEATED_CHILD_RULES.Header), null, "the rows dropped are not");
  assert.equal(count("warning", REPEATED_CHILD_RULES.Header), null);
  const header = pkg.files.find((f) => f.file === HEADER_FILE)!;
  assert.deepEqual([header.dropped, header.warnings], [null, null]);
  assert.match(pkg.note, /Rows of a child listed in more than one row of Header with different dates of birth are not given/);
  const numbers = (JSON.stringify(pkg).match(/(?<=":)\d+/g) ?? []).map(Number);
  assert.ok(numbers.includes(11));
  assert.ok(!numbers.includes(12) && !numbers.includes(23), `published: ${numbers.join(", ")}`);
  assert.equal(packageImportLog(r.log, 1).summary.byRule.find((x) => x.action === "dropped" && x.rule === REPEATED_CHILD_RULES.Header)?.count, 12);
});

test("a Header with many children in rows of different dates of birth (another export pasted in) is refused, naming the file, the rows and what to do; as many among 20 times more rows are read", () => {
  const thirty = Array.from({ length: 30 }, (_, i) => `QZ79${String(i).padStart(2, "0")}`);
  const mixed = [...thirty.map((k) => headerRow(k, BORN)), ...thirty.slice(0, 3).map((k) => headerRow(k, BORN_ELSE))];
  const d = folder(mixed);
  const e = importRefusal(d);
  assert.equal(e.file, HEADER_FILE);
  assert.equal(e.column, "CHILD");
  // 30 + 3 of KID's fixture rows, OTHER's first: 34 rows, 6 of them of the three children
  assert.equal(e.value, "6 of its 34 rows");
  assert.match(e.expected, /a child is in Header once\): 17\.6% of its rows \(more than 5%\) are of children listed in more than one row with rows that differ in DOB.*export the 2022-23 table again/);
  for (const secret of ["QZ79", BORN, BORN_ELSE]) assert.ok(!e.message.includes(secret));
  const many = Array.from({ length: 200 }, (_, i) => headerRow(`W${i}`, "01/01/2012"));
  assert.deepEqual(fraction(run(folder([...mixed, ...many])), "cla_long_term_stability_pct"), [1, 1]);
});

test("the children long-term stability leaves out for want of a date of birth are not given beside the Header's children read without one when the two differ by fewer than the threshold: 12 and 10 would give back 2 children outside the cohort", () => {
  const d = path.join(tempDir(), "in");
  const twelve = Array.from({ length: 12 }, (_, i) => `QZ80${String(i).padStart(2, "0")}`);
  const many = Array.from({ length: 500 }, (_, i) => headerRow(`W${i}`, "01/01/2012"));
  writeCsv(d, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, [...twelve.map((k) => headerRow(k, BORN)), ...many, ...twelve.map((k) => headerRow(k, BORN_ELSE))]);
  // ten in care since 2020 (in the long-term cohort, their age unknown: left out), two since 2022 (not in it)
  const episodes = twelve.map((k, i) => episodeRow(k, i < 10 ? "01/05/2020" : "01/05/2022", "S", "C2", "U1"));
  writeCsv(d, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, [...episodes, episodeRow("W0", "01/05/2020", "S", "C2", "U1")]);
  const r = run(d);
  const stabilityLeftOut = leftOutRule("cla_long_term_stability_pct", NO_BIRTH_DATE);
  const count = (threshold: number, rule: string) => packageImportLog(r.log, threshold).summary.byRule.find((x) => x.action === "warning" && x.rule === rule)?.count;
  assert.deepEqual([count(1, REPEATED_CHILDREN_LEFT_OUT.Header), count(1, stabilityLeftOut)], [12, 10]);
  assert.deepEqual([count(10, REPEATED_CHILDREN_LEFT_OUT.Header), count(10, stabilityLeftOut)], [12, null]);
  assert.match(packageImportLog(r.log, 10).note, /left out too when the two differ by 1 to 9 \(the Header's children read without a date of birth \(missing, after the collection year, or different in two rows of the child or in two years' Headers\) hold those cla_long_term_stability_pct leaves out/);
  // under a threshold of 2 a difference of 2 is not small: both are given
  assert.equal(count(2, stabilityLeftOut), 10);
});
