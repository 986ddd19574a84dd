/**
 * An Annex A list sheet found but not read is said on the screen, naming the sheet and the columns in the words of
 * Ofsted's template, never a pattern (round-27 trial S2-3: 11 title rows above List 7's header, cpp_second_time_pct
 * gone, exit 0, and only the log saying "without the column(s) child.*\bid\b; …").
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importReturns } from "../../lib/returns/import-returns";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { TEST_KEY, tempDir } from "./helpers";

const LA = "E09000001";
const NAME = path.join(LA, "annex_a_2024-03-31.xlsx");
const LIST_7 = ["Child Unique ID", "Child Protection Plan Start Date", "Number of Previous Child Protection Plans"];
const plans = Array.from({ length: 20 }, (_, i) => [`P${i}`, "02/12/2023", i < 6 ? "1" : "0"]);
const referrals = { name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: Array.from({ length: 20 }, (_, i) => [`R${i}`, "02/12/2023"]) };

/** Import a workbook of List 3 and `list7` (a sheet); the notices and the log's entries about List 7. */
function importWith(list7: { name: string; header: string[]; rows: string[][] }) {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, LA));
  fs.writeFileSync(path.join(dir, NAME), xlsxBytes([referrals, list7]));
  const r = importReturns(dir, { key: TEST_KEY, threshold: 1 });
  const file = `${NAME} [${list7.name}]`;
  return {
    indicators: r.indicators.map((x) => x.indicator),
    notices: r.log.notices.filter((n) => n.file === file).map((n) => [n.rule, n.detail]),
    entries: r.log.entries().filter((e) => e.file === file).map((e) => [e.action, e.rule]),
  };
}

test("a list sheet whose header row is below the first 10 rows is said on the screen with the row, and what to do", () => {
  const titles = Array.from({ length: 10 }, (_, i) => [`Title line ${i + 2}`]);
  const r = importWith({ name: "List 7", header: ["Annex A: List 7"], rows: [...titles, LIST_7, ...plans] });
  assert.ok(!r.indicators.includes("cpp_second_time_pct"));
  const rule = 'Annex A sheet "List 7" (list 7, child protection) not read: its header row, row 12, is below the first 10 rows, where the header must be: delete title rows above it';
  assert.deepEqual(r.notices, [[rule, "the indicators it gives are left out; with the header within the first 10 rows, run again"]]);
  assert.deepEqual(r.entries, [["skipped-file", rule], ["warning", rule]]);
  // the same sheet with its header on row 10 is read
  const read = importWith({ name: "List 7", header: ["Annex A: List 7"], rows: [...titles.slice(2), LIST_7, ...plans] });
  assert.ok(read.indicators.includes("cpp_second_time_pct"));
  assert.deepEqual(read.notices, []);
});

test("a list sheet without a column it needs names the columns missing in the template's words, never a pattern", () => {
  const r = importWith({ name: "List 7 - CP", header: ["Child Unique ID", "Plan Start", "Previous plans"], rows: plans });
  assert.deepEqual(r.notices.map((n) => n[0]), [
    'Annex A sheet "List 7 - CP" (list 7, child protection) not read: no columns "Child Protection Plan Start Date", "Number of Previous Child Protection Plans" in its header row (row 1)',
  ]);
  assert.match(r.notices[0][1] ?? "", /the list needs the columns "Child Unique ID", "Child Protection Plan Start Date", "Number of Previous Child Protection Plans" \(case and spacing ignored\)/);
  const none = importWith({ name: "List 7", header: ["Reference", "Start"], rows: plans });
  assert.deepEqual(none.notices.map((n) => n[0]), [
    'Annex A sheet "List 7" (list 7, child protection) not read: no columns "Child Unique ID", "Child Protection Plan Start Date", "Number of Previous Child Protection Plans" in its first 10 rows (nor below)',
  ]);
  for (const [, rule] of [...r.entries, ...none.entries]) assert.doesNotMatch(rule ?? "", /\\b|\.\*|\(\?/);
});
