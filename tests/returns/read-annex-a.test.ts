import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { discoverReturns } from "../../lib/returns/discover";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { AFTER_EXTRACT_RULE, readAnnexAWorkbook } from "../../lib/returns/read-annex-a";
import { packageImportLog } from "../../lib/returns/returns-package";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { TEST_KEY, tempDir } from "./helpers";

const LA = "E09000001";

/** A workbook of two lists and a sheet of notes, as Excel writes its workbook part (names in double quotes, no '>' in a value). */
const WORKBOOK = xlsxBytes([
  { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "01/05/2022"], ["R2", "02/06/2022"]] },
  { name: "Notes", header: ["About this workbook"], rows: [] },
  { name: "List 7", header: ["Child Unique ID", "Child Protection Plan Start Date", "Number of Previous Child Protection Plans"], rows: [["P1", "01/07/2022", "0"]] },
]);

/**
 * The sheet tags of WORKBOOK's workbook part as other valid XML may write them: an attribute holding '>' before the
 * name (XML 1.0 §2.3 forbids only '<' and '&' in a value), names in single quotes, and another attribute's value
 * holding the text `name="List 9"` (which is not the sheet's name).
 */
const REWRITES: Record<string, [string, string][]> = {
  "greater-than.xlsx": [['<sheet name="List 3"', '<sheet note="a>b" name="List 3"']],
  "single-quotes.xlsx": [['name="List 3"', "name='List 3'"], ['name="Notes"', "name='Notes'"], ['name="List 7"', "name='List 7'"]],
  "name-in-a-value.xlsx": [['<sheet name="Notes"', `<sheet note='name="List 9"' name="Notes"`]],
};

/** WORKBOOK with its workbook part's text replaced as `rewrites` say. */
function rewrittenWorkbook(rewrites: [string, string][]): Uint8Array {
  const parts = unzipSync(WORKBOOK);
  const index = strFromU8(parts["xl/workbook.xml"]);
  const rewritten = rewrites.reduce((text, [from, to]) => text.replace(from, to), index);
  assert.equal(rewritten.length, index.length + rewrites.reduce((sum, [from, to]) => sum + to.length - from.length, 0), "every rewrite applies");
  parts["xl/workbook.xml"] = strToU8(rewritten);
  return zipSync(parts, { mtime: new Date(Date.UTC(2020, 0, 1)) });
}

/** What reading the workbook written in `folder/name` gives: the data, the log entries and the error (its message), if any. */
function read(folder: string, name: string): { data: unknown; entries: unknown[]; error: string | null } {
  const log = new ReturnsImportLog();
  try {
    const data = readAnnexAWorkbook({ path: path.join(folder, name), name, la: LA, year: 2023 }, TEST_KEY, log);
    return { data, entries: [...log.entries()], error: null };
  } catch (e) {
    return { data: null, entries: [...log.entries()], error: String(e) };
  }
}

test("a workbook whose sheet tags hold '>' in a value, names in single quotes or name=\"…\" inside another value reads its lists as written plainly", () => {
  const folder = path.join(tempDir(), LA, "2023");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "plain.xlsx"), WORKBOOK);
  const plain = read(folder, "plain.xlsx");
  assert.equal(plain.error, null);
  assert.deepEqual([...(plain.data as { read: Set<number> }).read].sort(), [3, 7]);
  for (const [name, rewrites] of Object.entries(REWRITES)) {
    fs.writeFileSync(path.join(folder, name), rewrittenWorkbook(rewrites));
    assert.deepEqual(read(folder, name), plain, name);
  }
  // each is found as an Annex A workbook by its List sheets (no file name says "annex"); each in a year of its own, as
  // different workbooks of one LA and year without extract dates are refused (annex-a-extracts)
  const root = tempDir();
  ["plain.xlsx", ...Object.keys(REWRITES)].forEach((name, k) => {
    fs.mkdirSync(path.join(root, LA, String(2020 + k)), { recursive: true });
    fs.copyFileSync(path.join(folder, name), path.join(root, LA, String(2020 + k), name));
  });
  const found = discoverReturns(root, new ReturnsImportLog());
  assert.deepEqual(found.annexA.map((f) => path.basename(f.name)).sort(), ["plain.xlsx", ...Object.keys(REWRITES)].sort());
});

test("a list's cell over 32,767 characters is refused naming the workbook, the list and the row, saying the length and quoting none of it (it may start with a child's id)", () => {
  const folder = path.join(tempDir(), LA, "2023");
  fs.mkdirSync(folder, { recursive: true });
  const id = `N0012345${"x".repeat(32_767)}`;
  fs.writeFileSync(path.join(folder, "long.xlsx"), xlsxBytes([{ name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "01/05/2022"], [id, "02/06/2022"]] }]));
  const { error } = read(folder, "long.xlsx");
  assert.match(error ?? "", /long\.xlsx, sheet "List 3", row 3: got "more than 32767 characters", expected cell text of at most 32767 characters/);
  assert.doesNotMatch(error ?? "", /N001|2345|xxxx/);
});

test("a row of any list dated after the workbook's extract date is dropped as a data error, named by sheet, row and column, and the screen says so without its number", () => {
  // extracted 15 January 2024; in every list one row dated after it (the 16th), beside one that is not, and 150
  // referrals before it: 8 late rows of 163 are few, dropped (many would refuse the workbook as misnamed)
  const onTime = Array.from({ length: 150 }, (_, i) => [`F${i}`, "02/10/2023"]);
  const late = xlsxBytes([
    { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "02/10/2023"], ["R2", "16/01/2024"], ...onTime] },
    { name: "List 4", header: ["Child Unique ID", "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"], rows: [["A1", "02/10/2023", "20/10/2023"], ["A2", "02/10/2023", "16/01/2024"], ["A3", "16/01/2024", ""]] },
    {
      name: "List 7",
      header: ["Child Unique ID", "Child Protection Plan Start Date", "Child Protection Plan End Date", "Number of Previous Child Protection Plans"],
      rows: [["P1", "02/10/2023", "", "0"], ["P2", "02/10/2023", "16/01/2024", "1"], ["P3", "16/01/2024", "", "0"]],
    },
    {
      name: "List 8",
      header: ["Child Unique ID", "Date Started to be Looked After", "Date Ceased to be Looked After", "Legal Status"],
      rows: [["L1", "01/09/2022", "", "C2"], ["L2", "01/09/2022", "16/01/2024", "C2"], ["L3", "16/01/2024", "", "C2"]],
    },
    {
      name: "List 9",
      header: ["Child Unique ID", "Date of Birth", "LA in Touch", "Activity Status", "Suitability of Accommodation"],
      rows: [["C1", "10/10/2004", "Yes", "F1", "Suitable"], ["C2", "16/01/2024", "Yes", "F1", "Suitable"]],
    },
  ]);
  const dir = tempDir();
  const name = path.join(LA, "annex_a_2024-01-15.xlsx");
  fs.mkdirSync(path.join(dir, LA));
  fs.writeFileSync(path.join(dir, name), late);
  const log = new ReturnsImportLog();
  const data = readAnnexAWorkbook({ path: path.join(dir, name), name, la: LA, year: 2024 }, TEST_KEY, log)!;
  assert.deepEqual(
    [data.referrals.length, data.assessments.length, data.plans.length, data.lookedAfter.length, data.careLeavers.length],
    [151, 1, 1, 1, 1],
    "only the rows dated on or before the extract date are kept",
  );
  const dropped = log.entries().filter((e) => e.action === "dropped").map((e) => [e.file, e.row, e.column, e.value, e.rule]);
  const after = (what: string) => `${what} is after the extract date the file name gives (a list extracted that day cannot hold it)`;
  assert.deepEqual(dropped, [
    [`${name} [List 3]`, 3, "Referral Date", "(withheld)", after("date of referral")],
    [`${name} [List 4]`, 3, "Continuous Assessment Date of Authorisation", "(withheld)", after("authorisation date")],
    [`${name} [List 4]`, 4, "Continuous Assessment Start Date", "(withheld)", after("assessment start date")],
    [`${name} [List 7]`, 3, "Child Protection Plan End Date", "(withheld)", after("plan end date")],
    [`${name} [List 7]`, 4, "Child Protection Plan Start Date", "(withheld)", after("plan start date")],
    [`${name} [List 8]`, 3, "Date Ceased to be Looked After", "(withheld)", after("date ceased to be looked after")],
    [`${name} [List 8]`, 4, "Date Started to be Looked After", "(withheld)", after("date started to be looked after")],
    [`${name} [List 9]`, 3, "Date of Birth", "(withheld)", after("date of birth (needed for the 19–21 age cohort)")],
  ]);
  // the screen: the file and the extract date, no count (1 … 9 rows would be a count of children)
  assert.deepEqual(log.notices.map((n) => [n.file, n.rule]), [[name, "Annex A rows dated after the workbook's extract date 2024-01-15 (its file name) left out: a list extracted that day cannot hold them"]]);
  assert.doesNotMatch(log.notices[0].rule + log.notices[0].detail, /\d+ rows?/);
  // the package gives each rule's count of 1 row controlled (threshold 10)
  const summary = packageImportLog(log, 10).summary;
  assert.ok(summary.byRule.filter((r) => r.rule.endsWith(AFTER_EXTRACT_RULE)).every((r) => r.count === null));
  assert.equal(summary.byRule.filter((r) => r.rule.endsWith(AFTER_EXTRACT_RULE)).length, 8);
});

test("a workbook whose name gives no extract date has nothing to check its dates against: no row is dropped for a late date", () => {
  const dir = tempDir();
  const name = path.join(LA, "2023-24", "annex_a.xlsx");
  fs.mkdirSync(path.join(dir, LA, "2023-24"), { recursive: true });
  fs.writeFileSync(path.join(dir, name), xlsxBytes([{ name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "02/10/2023"], ["R2", "16/01/2024"]] }]));
  const log = new ReturnsImportLog();
  const data = readAnnexAWorkbook({ path: path.join(dir, name), name, la: LA, year: 2024 }, TEST_KEY, log)!;
  assert.equal(data.referrals.length, 2);
  assert.equal(log.entries().filter((e) => e.action === "dropped").length, 0);
});
