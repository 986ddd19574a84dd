/**
 * Printed tables whose columns are found by position (round 21's second review: each passed with 0 findings): a pandas
 * frame with a named index or a MultiIndex, an R tibble, tabulate's grid and simple formats, tab-separated text.
 * The frames below are as pandas 1.5, R 4.2's tibble 3 and tabulate 0.9 print them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { textTables } from "../../lib/disclosure/text-tables";
import { scanFileText } from "../../lib/disclosure/scan";

const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => f.value);
const notebook = (text: string) => JSON.stringify({ cells: [{ cell_type: "code", outputs: [{ output_type: "execute_result", data: { "text/plain": text } }] }] });

const NAMED_INDEX = ["            children  rate", "la_name                   ", "Hartlepool         3  12.5", "Darlington        80  10.1"].join("\n");
const MULTI_INDEX = [
  "                                 children",
  "region     la_name                       ",
  "North East Hartlepool                   3",
  "           Darlington                  80",
  "London     Barking and Dagenham       120",
].join("\n");
const TIBBLE = ["# A tibble: 3 × 3", "  la_name              children  rate", "  <chr>                   <int> <dbl>", "1 Hartlepool                  3  12.5", "2 Darlington                 80  10.1", "3 Barking and Dagenham      120   9  "].join("\n");
const GRID = ["+----------------------+------------+", "| la_name              |   children |", "+======================+============+", "| Hartlepool           |          3 |", "+----------------------+------------+", "| Barking and Dagenham |        120 |", "+----------------------+------------+"].join("\n");
const SIMPLE = ["la_name                 children", "--------------------  ----------", "Hartlepool                     3", "Barking and Dagenham         120"].join("\n");
const TABS = "la_name\tchildren\nHartlepool\t3\nBarking and Dagenham\t120\n";

test("a pandas frame with a named index or a MultiIndex is a table with its index levels as columns", () => {
  assert.deepEqual(textTables(NAMED_INDEX)[0], { index: 0, header: ["la_name", "children", "rate"], rows: [["Hartlepool", "3", "12.5"], ["Darlington", "80", "10.1"]], rowStarts: [54, 81] });
  // a MultiIndex's blank level is the one above, carried down
  assert.deepEqual(textTables(MULTI_INDEX)[0].rows, [["North East", "Hartlepool", "3"], ["North East", "Darlington", "80"], ["London", "Barking and Dagenham", "120"]]);
  for (const text of [NAMED_INDEX, MULTI_INDEX]) {
    assert.deepEqual(small("out.txt", text), ["3"]);
    assert.deepEqual(small("nb.ipynb", notebook(text)), ["3"]);
  }
});

test("an R tibble, tabulate's grid and simple tables and tab-separated text are tables", () => {
  assert.deepEqual(textTables(TIBBLE)[0].rows, [["Hartlepool", "3", "12.5"], ["Darlington", "80", "10.1"], ["Barking and Dagenham", "120", "9"]]);
  assert.deepEqual(textTables(GRID)[0].rows, [["Hartlepool", "3"], ["Barking and Dagenham", "120"]]);
  assert.deepEqual(textTables(SIMPLE)[0], { index: 0, header: ["la_name", "children"], rows: [["Hartlepool", "3"], ["Barking and Dagenham", "120"]], rowStarts: [66, 99] });
  assert.deepEqual(textTables(TABS)[0].rows, [["Hartlepool", "3"], ["Barking and Dagenham", "120"]]);
  for (const text of [TIBBLE, GRID, SIMPLE, TABS]) {
    assert.deepEqual(small("out.txt", text), ["3"], text);
    assert.deepEqual(small("nb.ipynb", notebook(text)), ["3"], text);
  }
});

test("the same tables of no count, and prose, give nothing", () => {
  for (const text of [NAMED_INDEX, MULTI_INDEX, TIBBLE, GRID, SIMPLE, TABS]) assert.deepEqual(small("out.txt", text.replace(/children/g, "score   ".slice(0, 8))), [], text);
  const prose = "  The screen kept these indicators\nbelow.\n  Leeds   3\n\nSee the table\n-----  -----\n";
  assert.deepEqual(small("out.txt", prose), []);
});

test("a pandas Series is a table of its index and its values, named by its footer (round 22 read it as nothing)", () => {
  // as pandas 1.5 prints df.groupby("la_name")["children"].sum(), value_counts() and a long Series cut with ".."
  const summed = ["la_name", "Barking and Dagenham    120", "Darlington               80", "Hartlepool                3", "Name: children, dtype: int64"].join("\n");
  const counted = ["placement", "foster         120", "residential      3", "Name: count, dtype: int64"].join("\n");
  const cut = ["E06000001     40", "E06000002     80", "             ..", "E09000033      4", "Name: looked_after, Length: 152, dtype: int64"].join("\n");
  assert.deepEqual(textTables(summed)[0], { index: 0, header: ["la_name", "children"], rows: [["Barking and Dagenham", "120"], ["Darlington", "80"], ["Hartlepool", "3"]], rowStarts: [8, 36, 64] });
  assert.deepEqual(textTables(cut)[0].header, ["index", "looked_after"]);
  assert.deepEqual(textTables(cut)[0].rows.map((r) => r[1]), ["40", "80", "4"]);
  for (const text of [summed, counted, cut]) {
    assert.equal(small("out.txt", text).length, 1, text);
    assert.equal(small("nb.ipynb", notebook(text)).length, 1, text);
  }
  // values that are not counts, or a Series that does not say what it holds: nothing
  assert.deepEqual(small("out.txt", summed.replace("Name: children", "Name: rate")), []);
  // an unnamed Series is read only as groupby().size() (tests/disclosure/printed-series.test.ts): a named index over
  // whole numbers of an integer dtype; without an index name, or of floats, it says nothing of what it holds
  assert.deepEqual(small("out.txt", summed.replace("Name: children, dtype: int64", "dtype: float64")), []);
  assert.deepEqual(small("out.txt", summed.replace("la_name\n", "").replace("Name: children, dtype: int64", "dtype: int64")), []);
});
