/**
 * A child listed in more than one row of OC2 or OC3, the rows different, is left out of the figures its table gives
 * (DfE's validation INT33/INT34: a child is in OC2 and in OC3 once; which row is true cannot be told): both rows had been
 * read, the child counted twice in the denominator. A table where such rows are many is refused as two exports mixed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import type { DataError } from "../../lib/errors";
import { importReturns } from "../../lib/returns/import-returns";
import { fullImportLog, packageImportLog } from "../../lib/returns/returns-package";
import { EXACT_COPY_RULE } from "../../lib/returns/ssda903-exact-copies";
import { AGREEING_ROW_RULES, REPEATED_CHILD_RULES, REPEATED_CHILDREN_LEFT_OUT, withoutRepeatedChildren } from "../../lib/returns/ssda903-repeated-children";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { EPISODE_COLS, HEADER_COLS, OC3_COLS, TEST_KEY, episodeRow, headerRow, importRefusal, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";
const YEAR_DIR = path.join(LA, "2023");
const OC2_COLS = ["CHILD", "DOB", "SDQ_SCORE", "CONVICTED", "SUBSTANCE_MISUSE"];
/** Children of the fixtures' OC2 and OC3: an identifier no rule, detail or count of the log may show. */
const KIDS = Array.from({ length: 40 }, (_, i) => `QZ${String(7700 + i)}`);

/** A care leaver of 2022-23, aged 19 on the birthday in the year: in EET (F1) or not (G4), in suitable accommodation (D1) or not (D2). */
const leaver = (id: string, activity = "F1", accommodation = "D1") => [id, "10/06/2003", "YES", activity, accommodation];
/** An OC2 row of a child aged 12 at 31 March 2023. */
const outcome = (id: string, convicted = "0", misuse = "0") => [id, "01/05/2010", "", convicted, misuse];

/** A 2022-23 return of one child looked after with the OC2 and OC3 rows given. */
function folder(oc2: string[][], oc3: string[][]): string {
  const d = path.join(tempDir(), "in");
  writeCsv(d, path.join(YEAR_DIR, "header.csv"), HEADER_COLS, [headerRow("A", "01/05/2012")]);
  writeCsv(d, path.join(YEAR_DIR, "episodes.csv"), EPISODE_COLS, [episodeRow("A", "01/05/2020", "S", "C2", "U1")]);
  writeCsv(d, path.join(YEAR_DIR, "oc2.csv"), OC2_COLS, oc2);
  writeCsv(d, path.join(YEAR_DIR, "oc3.csv"), OC3_COLS, oc3);
  return d;
}

const run = (d: string) => importReturns(d, { key: TEST_KEY, threshold: 1 });
const figure = (r: ReturnType<typeof run>, id: string) => r.indicators.find((x) => x.indicator === id)!;

test("a care leaver in two different rows of OC3 is left out of both care-leaver figures, numerator and denominator: the figures are those of OC3 without the child", () => {
  const others = KIDS.slice(1, 31).map((k, i) => leaver(k, i < 20 ? "F1" : "G4", i < 25 ? "D1" : "D2"));
  const oc2 = KIDS.slice(0, 20).map((k) => outcome(k));
  const twice = run(folder(oc2, [leaver(KIDS[0], "F1", "D1"), ...others, leaver(KIDS[0], "G4", "D2")]));
  const without = run(folder(oc2, others));
  for (const id of ["care_leavers_eet_19_21_pct", "care_leavers_suitable_accom_19_21_pct"]) {
    assert.equal(figure(twice, id).denominator, 30, id);
    assert.deepEqual(figure(twice, id), figure(without, id), id);
  }
  assert.equal(figure(twice, "care_leavers_eet_19_21_pct").numerator, 20);
  assert.deepEqual(twice.indicators, without.indicators);
});

test("a child in two different rows of OC2 is left out of cla_convicted_pct and cla_substance_misuse_pct, numerator and denominator", () => {
  const others = KIDS.slice(1, 21).map((k, i) => outcome(k, i < 3 ? "1" : "0", i < 4 ? "1" : "0"));
  const oc3 = KIDS.slice(0, 30).map((k) => leaver(k));
  const twice = run(folder([outcome(KIDS[0], "1", "1"), ...others, outcome(KIDS[0], "0", "0")], oc3));
  const without = run(folder(others, oc3));
  assert.deepEqual([figure(twice, "cla_convicted_pct").numerator, figure(twice, "cla_convicted_pct").denominator], [3, 20]);
  assert.deepEqual([figure(twice, "cla_substance_misuse_pct").numerator, figure(twice, "cla_substance_misuse_pct").denominator], [4, 20]);
  assert.deepEqual(twice.indicators, without.indicators);
});

test("the import log drops each of the child's rows under one rule naming no row, each entry naming the child's other rows; one warning counts the children and names their rows; one notice; the child's identifier is nowhere", () => {
  // 5 rows of 2 children among 133 (under 5%: the table is read)
  const oc3 = [leaver(KIDS[0]), leaver(KIDS[1]), leaver(KIDS[0], "G4"), ...KIDS.slice(2, 30).map((k) => leaver(k)), leaver(KIDS[1], "F1", "D2"), leaver(KIDS[0], "F2"), ...Array.from({ length: 100 }, (_, i) => leaver(`W${i}`))];
  const r = run(folder(KIDS.slice(0, 20).map((k) => outcome(k)), oc3));
  const file = path.join(YEAR_DIR, "oc3.csv");
  const dropped = r.log.entries().filter((e) => e.action === "dropped").map((e) => [e.file, e.row, e.column, e.value, e.rule, e.detail]);
  const rule = REPEATED_CHILD_RULES.OC3;
  assert.deepEqual(dropped, [
    [file, 1, "CHILD", "(withheld)", rule, "the child's other rows: 3, 33"],
    [file, 2, "CHILD", "(withheld)", rule, "the child's other row: 32"],
    [file, 3, "CHILD", "(withheld)", rule, "the child's other rows: 1, 33"],
    [file, 32, "CHILD", "(withheld)", rule, "the child's other row: 2"],
    [file, 33, "CHILD", "(withheld)", rule, "the child's other rows: 1, 3"],
  ]);
  const leftOut = r.log.entries().filter((e) => e.rule === REPEATED_CHILDREN_LEFT_OUT.OC3);
  assert.deepEqual(leftOut.map((e) => [e.action, e.file, e.count, e.detail]), [["warning", file, 2, "their rows: 1, 2, 3, 32, 33 (each dropped); the figures are computed without them"]]);
  assert.equal(r.log.notices.filter((n) => n.file === file && /more than one row of OC3/.test(n.rule)).length, 1);
  assert.ok(!/\brow \d|\d{2}\/\d{2}\/\d{4}/.test(rule + REPEATED_CHILDREN_LEFT_OUT.OC3), "the rules name no row or date");
  assert.ok(!JSON.stringify(fullImportLog(r.log)).includes("QZ77"), "no child identifier in the log");
  assert.equal(figure(r, "care_leavers_eet_19_21_pct").denominator, 128);
});

test("the package's import log gives the children left out and the rows dropped as counts of records, withheld under the disclosure threshold", () => {
  const oc3 = [leaver(KIDS[0]), ...KIDS.slice(1, 30).map((k) => leaver(k)), leaver(KIDS[0], "G4")];
  const r = run(folder(KIDS.slice(0, 20).map((k) => outcome(k)), oc3));
  const byRule = (threshold: number) => packageImportLog(r.log, threshold).summary.byRule.filter((x) => x.rule === REPEATED_CHILD_RULES.OC3 || x.rule === REPEATED_CHILDREN_LEFT_OUT.OC3);
  assert.deepEqual(byRule(10).map((x) => [x.action, x.count]), [["dropped", null], ["warning", null]]);
  assert.deepEqual(byRule(1).map((x) => [x.action, x.count]), [["dropped", 2], ["warning", 1]]);
});

test("an exact copy is read once, not taken for a child listed twice; a row without a CHILD is left to the row reader", () => {
  const oc3 = [leaver(KIDS[0]), leaver(KIDS[0]), ["", "10/06/2003", "YES", "F1", "D1"], ["", "10/06/2003", "YES", "G4", "D1"], ...KIDS.slice(1, 30).map((k) => leaver(k))];
  const r = run(folder(KIDS.slice(0, 20).map((k) => outcome(k)), oc3));
  const rules = r.log.entries().filter((e) => e.action === "dropped").map((e) => [e.row, e.rule]);
  assert.deepEqual(rules, [[2, EXACT_COPY_RULE], [3, "missing child identifier"], [4, "missing child identifier"]]);
  assert.equal(figure(r, "care_leavers_eet_19_21_pct").denominator, 30);
});

test("an OC3 table with many children in more than one row (another export pasted in) is refused, naming the file, how many rows and what to do; as many in a table 20 times larger are dropped and the table read", () => {
  // 3 children twice: 6 of 36 rows (more than 5%, and 5 or more)
  const mixed = [...KIDS.slice(0, 30).map((k) => leaver(k)), ...KIDS.slice(0, 3).map((k) => leaver(k, "G4"))];
  const e: DataError = importRefusal(folder(KIDS.slice(0, 20).map((k) => outcome(k)), mixed));
  assert.equal(e.file, path.join(YEAR_DIR, "oc3.csv"));
  assert.equal(e.column, "CHILD");
  assert.equal(e.value, "6 of its 33 rows");
  assert.match(e.expected, /a child is in OC3 once\): 18\.1% of its rows \(more than 5%\).*mixes two exports.*export the 2022-23 table again/);
  assert.ok(!e.message.includes("QZ77"));
  // the same three children among 200 other care leavers' rows: 6 of 203 rows, under 5%: read, the three left out
  const many = Array.from({ length: 200 }, (_, i) => leaver(`W${i}`));
  const r = run(folder(KIDS.slice(0, 20).map((k) => outcome(k)), [...mixed, ...many]));
  assert.equal(figure(r, "care_leavers_eet_19_21_pct").denominator, 227);
  // four rows of two children, however large a share, are too few to refuse a table for
  const two = [leaver(KIDS[0]), leaver(KIDS[1]), leaver(KIDS[0], "G4"), leaver(KIDS[1], "G4"), leaver(KIDS[2])];
  assert.equal(figure(run(folder(KIDS.slice(0, 20).map((k) => outcome(k)), two)), "care_leavers_eet_19_21_pct").denominator, 1);
});

test("withoutRepeatedChildren does not change its input, returns a table without repeated children as it is, and leaves other tables alone", () => {
  const file = { path: "oc2.csv", name: "oc2.csv", la: LA, year: 2023, table: "OC2" as const };
  // A's rows differ in CONVICTED, a column the OC2 figures read (the table has them all: oc2Usable skips one without)
  const cells = (child: string, convicted: string) => [child, "01/05/2010", convicted, "0"];
  const rows = Object.freeze([{ row: 1, cells: cells("A", "1") }, { row: 2, cells: cells("B", "0") }, { row: 3, cells: cells("A", "0") }]);
  const col = new Map([["CHILD", 0], ["DOB", 1], ["CONVICTED", 2], ["SUBSTANCE_MISUSE", 3]]);
  const t = { file, col, rows: rows as { row: number; cells: string[] }[] };
  const { table, error } = withoutRepeatedChildren(t, new ReturnsImportLog());
  assert.deepEqual(table.rows.map((r) => r.row), [2]);
  assert.equal(error, undefined, "two rows are too few to refuse");
  assert.equal(t.rows.length, 3);
  const clean = { ...t, rows: rows.slice(0, 2) as { row: number; cells: string[] }[] };
  assert.equal(withoutRepeatedChildren(clean, new ReturnsImportLog()).table, clean);
  const missing = { ...t, file: { ...file, table: "Missing" as const } };
  const log = new ReturnsImportLog();
  assert.equal(withoutRepeatedChildren(missing, log).table, missing);
  assert.equal(log.entries().length, 0);
});

test("an OC2 table its indicators cannot use (no CONVICTED) is skipped whole, its repeated children not dropped nor said to be left out of figures it does not give", () => {
  const d = folder([], KIDS.slice(0, 30).map((k) => leaver(k)));
  writeCsv(d, path.join(YEAR_DIR, "oc2.csv"), ["CHILD", "DOB", "SDQ_SCORE", "SUBSTANCE_MISUSE"], [[KIDS[0], "01/05/2010", "", "1"], [KIDS[0], "01/05/2010", "", "0"], [KIDS[1], "01/05/2010", "", "0"]]);
  const r = run(d);
  const entries = r.log.entries().filter((e) => e.file === path.join(YEAR_DIR, "oc2.csv"));
  assert.deepEqual(entries.map((e) => [e.action, e.count]), [["skipped-file", 3]]);
  assert.equal(r.indicators.filter((x) => x.indicator === "cla_convicted_pct").length, 0);
});

test("a child filling many rows is logged in linear room: each drop names at most 5 of the child's other rows and how many more (hostile review, round 23: 16,000 rows of one child had logged 16,000 lists of 16,000)", () => {
  const log = new ReturnsImportLog();
  const rows = 3000;
  // every row different in a column the figures read (its DOB): rows the same there are read once (AGREEING_ROW_RULES)
  const dob = (i: number) => `${String(1 + (i % 28)).padStart(2, "0")}/${String(1 + (Math.floor(i / 28) % 12)).padStart(2, "0")}/${1990 + Math.floor(i / 336)}`;
  const oc3 = Array.from({ length: rows }, (_, i) => ({ row: i + 1, cells: [KIDS[0], dob(i), "YES", "F1", "D1"] }));
  const file = { name: "oc3.csv", table: "OC3", year: 2023, la: LA } as unknown as Parameters<typeof withoutRepeatedChildren>[0]["file"];
  const col = new Map(OC3_COLS.map((c, k) => [c, k] as const));
  const { table, error } = withoutRepeatedChildren({ file, col, rows: oc3 } as unknown as Parameters<typeof withoutRepeatedChildren>[0], log);
  assert.equal(table.rows.length, 0);
  assert.match(String((error as DataError | undefined)?.message), /3000 of its 3000 rows/);
  const details = log.entries().filter((e) => e.action === "dropped").map((e) => e.detail ?? "");
  assert.equal(details.length, rows);
  assert.equal(details[0], "the child's other rows: 2, 3, 4, 5, 6 and 2994 more (the warning lists every row)");
  assert.equal(details[2], "the child's other rows: 1, 2, 4, 5, 6 and 2994 more (the warning lists every row)");
  assert.ok(details.every((d) => d.length < 100), "each detail is short");
});

/** OC3 of `rows` (each a leaver's cells) with a column of the export's own before them: a row id, 1, 2, 3, … */
const withRowIds = (rows: readonly string[][]) => rows.map((r, i) => [String(i + 1), ...r]);

test("a child's rows the same in every column the figures read, other columns differing (an export's own row id), are read once: the child counted once, the figures those of one row (hostile review, round 23: care leavers 447/668 → 445/666)", () => {
  const others = KIDS.slice(1, 31).map((k, i) => leaver(k, i < 20 ? "F1" : "G4", i < 25 ? "D1" : "D2"));
  const oc2 = KIDS.slice(0, 20).map((k) => outcome(k));
  const once = run(folder(oc2, [leaver(KIDS[0], "G4", "D2"), ...others]));
  const d = folder(oc2, []);
  writeCsv(d, path.join(YEAR_DIR, "oc3.csv"), ["ROW_ID", ...OC3_COLS], withRowIds([leaver(KIDS[0], "G4", "D2"), ...others, leaver(KIDS[0], "G4", "D2")]));
  const r = run(d);
  assert.deepEqual(r.indicators, once.indicators);
  assert.equal(figure(r, "care_leavers_eet_19_21_pct").denominator, 31);
  const dropped = r.log.entries().filter((e) => e.action === "dropped").map((e) => [e.row, e.rule, e.detail]);
  assert.deepEqual(dropped, [[32, AGREEING_ROW_RULES.OC3, "the same as row 1 in DOB, IN_TOUCH, ACTIV and ACCOM; different in ROW_ID"]]);
  assert.ok(!r.log.entries().some((e) => e.rule === REPEATED_CHILDREN_LEFT_OUT.OC3), "no child is left out");
  assert.equal(r.log.notices.filter((n) => /same as an earlier row of the child in every column the OC3 figures read/.test(n.rule)).length, 1);
  assert.ok(!AGREEING_ROW_RULES.OC3.includes("every column the same"), "the rule does not say the rows are the same in every column");
});

test("a code's case and a date's zero padding do not make a child's rows differ: REFU and refu, 10/06/2003 and 10/6/2003 are read as the row readers read them", () => {
  const others = KIDS.slice(1, 31).map((k) => leaver(k));
  const oc2 = KIDS.slice(0, 20).map((k) => outcome(k));
  const once = run(folder(oc2, [[KIDS[0], "10/06/2003", "REFU", "F1", "D1"], ...others]));
  const r = run(folder(oc2, [[KIDS[0], "10/06/2003", "REFU", "F1", "D1"], ...others, [KIDS[0], "10/6/2003", "refu", "f1", "d1"]]));
  assert.deepEqual(r.indicators, once.indicators);
  assert.equal(figure(r, "care_leavers_eet_19_21_pct").denominator, 31);
  assert.deepEqual(r.log.entries().filter((e) => e.action === "dropped").map((e) => e.rule), [AGREEING_ROW_RULES.OC3]);
});

test("an OC2 child's rows differing only in SDQ_SCORE (a column no figure reads) are read once; rows differing in CONVICTED still leave the child out", () => {
  const others = KIDS.slice(1, 21).map((k, i) => outcome(k, i < 3 ? "1" : "0", i < 4 ? "1" : "0"));
  const oc3 = KIDS.slice(0, 30).map((k) => leaver(k));
  const once = run(folder([outcome(KIDS[0], "1", "1"), ...others], oc3));
  const sdq = run(folder([outcome(KIDS[0], "1", "1"), ...others, [KIDS[0], "01/05/2010", "12", "1", "1"]], oc3));
  assert.deepEqual(sdq.indicators, once.indicators);
  assert.deepEqual([figure(sdq, "cla_convicted_pct").numerator, figure(sdq, "cla_convicted_pct").denominator], [4, 21]);
  assert.deepEqual(sdq.log.entries().filter((e) => e.action === "dropped").map((e) => e.rule), [AGREEING_ROW_RULES.OC2]);
  const differ = run(folder([outcome(KIDS[0], "1", "1"), ...others, [KIDS[0], "01/05/2010", "12", "0", "1"]], oc3));
  assert.deepEqual([figure(differ, "cla_convicted_pct").numerator, figure(differ, "cla_convicted_pct").denominator], [3, 20]);
  assert.deepEqual(differ.log.entries().filter((e) => e.action === "dropped").map((e) => e.rule), [REPEATED_CHILD_RULES.OC2, REPEATED_CHILD_RULES.OC2]);
});

test("a child with two rows the same in the figures' columns and a third differing is left out: the copy read once, then the two rows that differ dropped", () => {
  const others = KIDS.slice(1, 31).map((k) => leaver(k));
  const oc2 = KIDS.slice(0, 20).map((k) => outcome(k));
  const r = run(folder(oc2, [leaver(KIDS[0], "F1"), ...others, [KIDS[0], "10/06/2003", "yes", "F1", "D1"], leaver(KIDS[0], "G4")]));
  assert.deepEqual(r.indicators, run(folder(oc2, others)).indicators);
  const dropped = r.log.entries().filter((e) => e.action === "dropped").map((e) => [e.row, e.rule]);
  assert.deepEqual(dropped, [[32, AGREEING_ROW_RULES.OC3], [1, REPEATED_CHILD_RULES.OC3], [33, REPEATED_CHILD_RULES.OC3]]);
  assert.deepEqual(r.log.entries().filter((e) => e.rule === REPEATED_CHILDREN_LEFT_OUT.OC3).map((e) => [e.count, e.detail]), [[1, "their rows: 1, 33 (each dropped); the figures are computed without them"]]);
});

test("an OC3 appended to itself with a row id per row is read once, not refused as two exports mixed", () => {
  const leavers = KIDS.slice(0, 30).map((k, i) => leaver(k, i < 20 ? "F1" : "G4"));
  const oc2 = KIDS.slice(0, 20).map((k) => outcome(k));
  const d = folder(oc2, []);
  writeCsv(d, path.join(YEAR_DIR, "oc3.csv"), ["ROW_ID", ...OC3_COLS], withRowIds([...leavers, ...leavers]));
  const r = run(d);
  assert.deepEqual(r.indicators, run(folder(oc2, leavers)).indicators);
  assert.equal(r.log.entries().filter((e) => e.rule === AGREEING_ROW_RULES.OC3).length, 30);
});

test("the package gives the children left out and never the rows dropped with them, nor a total holding those rows: rows − 2 × children would give a small count back (hostile review, round 23: 23 rows, 11 children: one child in three rows)", () => {
  const many = Array.from({ length: 500 }, (_, i) => leaver(`W${i}`));
  const eleven = KIDS.slice(0, 11);
  const oc3 = [...eleven.map((k) => leaver(k)), ...many, ...eleven.map((k) => leaver(k, "G4")), leaver(KIDS[0], "F2")];
  const r = run(folder(KIDS.slice(0, 20).map((k) => outcome(k)), oc3));
  const full = fullImportLog(r.log).summary.byRule;
  assert.deepEqual([REPEATED_CHILD_RULES.OC3, REPEATED_CHILDREN_LEFT_OUT.OC3].map((rule) => full.find((x) => x.rule === rule)?.count), [23, 11]);
  const pkg = packageImportLog(r.log, 10);
  const count = (rule: string) => pkg.summary.byRule.find((x) => x.rule === rule)?.count;
  assert.equal(count(REPEATED_CHILDREN_LEFT_OUT.OC3), 11, "the children left out are given");
  assert.equal(count(REPEATED_CHILD_RULES.OC3), null, "the rows dropped with them are not");
  const oc3File = pkg.files.find((f) => f.file === path.join(YEAR_DIR, "oc3.csv"))!;
  assert.equal(oc3File.dropped, null, "nor the file's rows dropped, which hold them");
  assert.match(oc3File.note ?? "", /dropped: holding a count of one rule the package does not give/);
  assert.equal(pkg.summary.byAction.dropped, null, "nor all rows dropped");
  assert.match(pkg.note, /Rows dropped as rows of a child listed in more than one row of OC2 or OC3 are not given/);
  // no published number is 23 (the rows), so none less 2 × 11 gives 1
  const numbers = (JSON.stringify(pkg).match(/(?<=":)\d+/g) ?? []).map(Number);
  assert.ok(numbers.includes(11));
  assert.ok(!numbers.includes(23), `published: ${numbers.join(", ")}`);
  // a package not for publication (threshold 1) gives every count
  assert.equal(packageImportLog(r.log, 1).summary.byRule.find((x) => x.rule === REPEATED_CHILD_RULES.OC3)?.count, 23);
});
