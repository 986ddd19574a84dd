/**
 * Tables printed as text are checked as tables: a small count shown by console.table (the usual way in a tslab
 * notebook), by a pandas frame's text/plain, or in a Markdown table had passed with 0 findings (review F15).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";
import { textTables } from "../../lib/disclosure/text-tables";

const CONSOLE_TABLE = [
  "┌─────────┬─────────────┬──────────┐",
  "│ (index) │ la_code     │ children │",
  "├─────────┼─────────────┼──────────┤",
  "│ 0       │ 'E06000001' │ 3        │",
  "│ 1       │ 'E06000002' │ 120      │",
  "└─────────┴─────────────┴──────────┘",
].join("\n");
const PANDAS = "     la_code  period  children\n0  E06000001    2023         3\n1  E06000002    2023       120\n";
const MARKDOWN = "| la_code | children |\n|---|---:|\n| E06000001 | 3 |\n| E06000002 | 120 |\n";
const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.map((f) => [f.rule, f.value]);

test("console.table, a pandas frame and a Markdown table are read as tables, without their index", () => {
  assert.deepEqual(textTables(CONSOLE_TABLE).map((t) => [t.header, t.rows]), [[["la_code", "children"], [["E06000001", "3"], ["E06000002", "120"]]]]);
  assert.deepEqual(textTables(PANDAS).map((t) => [t.header, t.rows]), [[["la_code", "period", "children"], [["E06000001", "2023", "3"], ["E06000002", "2023", "120"]]]]);
  assert.deepEqual(textTables(MARKDOWN).map((t) => t.rows), [[["E06000001", "3"], ["E06000002", "120"]]]);
});

test("their small counts are found in .txt, .md and a notebook's stream and text/plain outputs", () => {
  assert.deepEqual(small("out.txt", CONSOLE_TABLE), [["small-count", "3"]]);
  assert.deepEqual(small("out.md", MARKDOWN), [["small-count", "3"]]);
  const nb = (output: object) => JSON.stringify({ cells: [{ cell_type: "code", outputs: [output] }] });
  assert.deepEqual(small("a.ipynb", nb({ output_type: "stream", name: "stdout", text: CONSOLE_TABLE.split(/(?<=\n)/) })), [["small-count", "3"]]);
  assert.deepEqual(small("b.ipynb", nb({ output_type: "execute_result", data: { "text/plain": PANDAS } })), [["small-count", "3"]]);
});

test("prose, and tables of no count, give nothing", () => {
  assert.deepEqual(small("notes.txt", "The analysis used 150 LAs  and  10 periods.\nIt selected 5 indicators.\n"), []);
  assert.deepEqual(small("t.txt", "     indicator   rho\n0  cla_pct  0.31\n1  cin_pct  0.05\n"), []);
});

test("a pandas table whose cells hold spaces (LA names, 'No. of children') is read whole", () => {
  const text = "                 la_name  period  No. of children\n0  Barking and Dagenham    2023              120\n1         Isles of Scilly    2023                3\n";
  assert.deepEqual(textTables(text).map((t) => [t.header, t.rows]), [[["la_name", "period", "No. of children"], [["Barking and Dagenham", "2023", "120"], ["Isles of Scilly", "2023", "3"]]]]);
  assert.deepEqual(small("out.txt", text), [["small-count", "3"]]);
});

test("counts of people in prose: '3 of 24 children', '3 adoptions', '3 care leavers', '2 looked-after children'", () => {
  for (const text of ["Of the cohort, 3 of 24 children left care.", "There were 3 adoptions in 2023.", "3 care leavers were in touch.", "2 looked-after children moved."]) {
    assert.equal(small("notes.md", text).length, 1, text);
  }
  for (const text of ["24 of 150 LAs reported.", "fewer than 5 children are suppressed", "We analysed 152 LAs and 12 indicators."]) assert.deepEqual(small("notes.md", text), [], text);
});

test("a number that names a list, table, age or year before people is no count ('List 9 care leavers', 'aged 3 children')", () => {
  for (const text of ["From Ofsted Annex A List 9 care leavers whose birthday fell in the year", "See Table 4 children in need", "aged 3 children"]) assert.deepEqual(small("notes.md", text), [], text);
});

test("a table printed under lines of words is still found, its header the first line with a column of numbers under it", () => {
  const text = "ab  cd\nef  gh\nla  children\nLeeds  3\nYork  80\n";
  assert.deepEqual(textTables(text).map((t) => t.header), [["la", "children"]]);
  assert.deepEqual(scanFileText("out.txt", text, { threshold: 10 }).findings.map((f) => f.value), ["3"]);
});
