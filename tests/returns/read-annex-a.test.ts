import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { discoverReturns } from "../../lib/returns/discover";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { readAnnexAWorkbook } from "../../lib/returns/read-annex-a";
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
  assert.match(error ?? "", /long\.xlsx, row 3, column "List 3": got "more than 32767 characters", expected cell text of at most 32767 characters/);
  assert.doesNotMatch(error ?? "", /N001|2345|xxxx/);
});
