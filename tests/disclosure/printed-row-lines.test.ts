/**
 * A printed table's finding gives the line of the row holding the count: a second read found every one at `line 1`,
 * the table's first line, for a row 70 lines down (round 25; /tmp/h25-read/ct2, wide3, rr). Row and column numbers,
 * and a cross-tab cell's categories, are kept.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const places = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
/** 70 made-up LAs of 20 children each, and Medway's 3 at the bottom. */
const LAS = Array.from({ length: 70 }, (_, k) => `Borough ${String.fromCharCode(65 + Math.floor(k / 26))}${String.fromCharCode(65 + (k % 26))}`);

test("a cross-tab 70 rows long: the row's own line, with its cell's categories", () => {
  const text = lines("placement     Foster  Secure", "la                          ", ...LAS.map((la, k) => `${la.padEnd(12)}${"20".padStart(8)}${(k === 69 ? "3" : "20").padStart(8)}`));
  assert.deepEqual(places("ct.txt", text), ['line 72, printed table cell "Borough CR, Secure" column "cross-tab count": 3']);
});

test("frames, Series, tibbles, box-drawn, ruled and tab-separated tables, R's tables: each finding on its row's line", () => {
  const frame = lines("note", "", "      la_name  children", ...LAS.slice(0, 5).map((la, k) => `${k}  ${la}  ${k === 3 ? "3" : "20"}`.padStart(23)));
  assert.deepEqual(places("f.txt", frame), ['line 7, printed table row 4 column "children": 3']);
  const series = lines("la_name", "Borough AA    20", "Borough AB    20", "Borough AC     3", "Name: children, dtype: int64");
  assert.deepEqual(places("s.txt", series), ['line 4, printed table row 3 column "children": 3']);
  const tibble = lines("# A tibble: 3 × 2", "  la_name    children", "  <chr>         <int>", "1 Borough AA       20", "2 Borough AB       20", "3 Borough AC        3");
  assert.deepEqual(places("t.txt", tibble), ['line 6, printed table row 3 column "children": 3']);
  const box = lines("┌─────────┬────────────┬──────────┐", "│ (index) │  la_name   │ children │", "├─────────┼────────────┼──────────┤", "│    0    │ 'Borough A' │    20    │", "│    1    │ 'Borough B' │    3     │", "└─────────┴────────────┴──────────┘");
  assert.deepEqual(places("b.txt", box), ['line 5, printed table row 2 column "children": 3']);
  const ruled = lines("la_name       children", "----------  ----------", "Borough AA          20", "Borough AB           3");
  assert.deepEqual(places("r.txt", ruled), ['line 4, printed table row 2 column "children": 3']);
  assert.deepEqual(places("tab.txt", "la_name\tchildren\nBorough AA\t20\nBorough AB\t3\n"), ['line 3, printed table row 2 column "children": 3']);
  const rTable = lines("            pl", "la           Foster Residential", "  Hartlepool     30          20", "  Kent           77          13", "  Leeds          65           4");
  assert.deepEqual(places("r2.txt", rTable), ['line 5, printed table cell "Leeds, Residential" column "count": 4']);
  // a row of withheld cells alone keeps no cell: the rows after it keep their own lines
  const withheld = lines("            pl", "la           Foster Residential", "  Hartlepool      c           c", "  Kent           77          13", "  Leeds          65           4");
  assert.deepEqual(places("r3.txt", withheld), ['line 5, printed table cell "Leeds, Residential" column "count": 4']);
  const vector = lines("Hartlepool      Leeds  Sheffield ", "        30         80        120 ", "     Kent ", "        3 ");
  assert.deepEqual(places("v.txt", vector), ['line 4, printed table row 4 column "count": 3']);
});
