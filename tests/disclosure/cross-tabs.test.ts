/**
 * Cross-tabs as R and pandas print them (lib/disclosure/printed-cross-tabs.ts, html-frames.ts, cross-tabs.ts). A review
 * passed a small count of children in each form below with 0 findings (round 24, S2-3 and S3-5). The texts are R
 * 4.2's prints (`print(ftable(table(la, pl, sex)))`, knitr's `## `) and pandas 1.5.3's (`pd.crosstab(…).to_string()`,
 * `.to_html()`) of made-up children, as /tmp/h24-rev2/cdx/gen.R and gen.py and this round's variants printed them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";
import { textTables } from "../../lib/disclosure/text-tables";

const scan = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings;
const small = (file: string, text: string) => scan(file, text).filter((f) => f.rule === "small-count").map((f) => f.value);
const lines = (...l: string[]) => `${l.join("\n")}\n`;
const knit = (text: string) => text.split("\n").map((l) => (l === "" ? l : `## ${l}`)).join("\n");

/** R's ftable of an unnamed three-way table(df$la, df$pl, df$sex): no names, a line of spaces under the sexes. */
const FTABLE = lines(
  "                       F  M",
  "                           ",
  "Bradford Foster       63 64",
  "         Kinship      21 14",
  "         Residential  16 10",
  "Rutland  Foster        3  3",
  "         Kinship       3  1",
  "         Residential   0  0",
);

/** The same with names (table(la, pl, sex)): the column variable's name before the sexes, the row variables' below. */
const FTABLE_NAMED = lines(
  "                                          sex F M",
  "la                   pl                          ",
  "Barking and Dagenham Foster                   1 3",
  "                     Kinship                  2 2",
  "                     Requires improvement     2 2",
  "Leeds                Foster                  40 60",
);

/** pandas' crosstab with margins, to_string(). */
const CROSSTAB = lines(
  "placement  Foster  Kinship  Residential  All",
  "la                                          ",
  "Bradford      118       44           12  174",
  "Leeds         118       42           29  189",
  "Rutland         2        4            0    6",
  "All           238       90           41  369",
);

/** pandas' pivot(index="la", columns="year", values="grade"): LAs' values, not counts. */
const GRADES = lines("year     2022  2023", "la                 ", "Leeds       1     2", "Rutland     2     3");

test("R's ftable is read cell by cell, each a count of its row's and column's categories, in text, knitr and knitr's HTML", () => {
  const [table] = textTables(FTABLE);
  assert.deepEqual(table.header, ["row 1", "row 2", "column", "cross-tab count"]);
  assert.deepEqual(table.rows.slice(0, 3), [["Bradford", "Foster", "F", "63"], ["Bradford", "Foster", "M", "64"], ["Bradford", "Kinship", "F", "21"]]);
  assert.deepEqual(small("r.txt", FTABLE), ["3", "3", "3", "1"]);
  assert.deepEqual(small("r.txt", knit(FTABLE)), ["3", "3", "3", "1"]);
  assert.deepEqual(small("r.html", `<pre class="r"><code>ftable(table(df$la, df$pl, df$sex))</code></pre>\n<pre><code>${knit(FTABLE).trimEnd()}</code></pre>`), ["3", "3", "3", "1"]);
});

test("a named ftable keeps its variables' names, and labels holding spaces (Barking and Dagenham, Requires improvement)", () => {
  const [table] = textTables(FTABLE_NAMED);
  assert.deepEqual(table.header, ["la", "pl", "sex", "cross-tab count"]);
  assert.deepEqual(table.rows[4], ["Barking and Dagenham", "Requires improvement", "F", "2"]);
  assert.deepEqual(small("r.txt", FTABLE_NAMED), ["1", "3", "2", "2", "2", "2"]);
});

test("pandas' crosstab printed (margins too) is read as counts, located by LA and category, with what to do", () => {
  const found = scan("py.txt", CROSSTAB).filter((f) => f.rule === "small-count");
  assert.deepEqual(found.map((f) => f.value), ["2", "4", "6"]);
  assert.match(found[0].location, /cell "Rutland, Foster" column "cross-tab count"/);
  assert.match(found[0].message, /suppress counts below the threshold/);
  // a MultiIndex of rows: the outer level carried down
  const multi = lines("placement    Foster  Kinship", "la      sex                 ", "Leeds   F        40       50", "        M        60       70", "Rutland F         1        0", "        M         1        0");
  assert.deepEqual(textTables(multi)[0].rows.slice(-2), [["Rutland", "M", "Foster", "1"], ["Rutland", "M", "Kinship", "0"]]);
  assert.deepEqual(small("py.txt", multi), ["1", "1"]);
  // LAs' grades by year, pivoted: with the columns' name it cannot be told from a cross-tab, and the finding says what to do
  assert.match(scan("py.txt", GRADES)[0].message, /rename_axis\(columns=None\)/);
  // pivot_table(aggfunc="count") where a cell had no row: 3.0 and NaN
  assert.deepEqual(small("py.txt", lines("placement  Foster  Kinship", "la                        ", "Leeds        40.0     30.0", "Rutland       2.0      NaN")), ["2.0"]);
});

test("two column variables (R's ftable col.vars = 2:3, pandas' crosstab of two): each cell named by both categories", () => {
  const where = (text: string) => scan("t.txt", text).filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
  // R 4.2: print(ftable(table(la, pl, sex), row.vars = 1))
  const r = lines("        pl  Foster    Kinship   ", "        sex      F  M       F  M", "la                              ", "Leeds           15 15      15 15", "Rutland          2 12      10 10");
  assert.deepEqual(where(r), ['line 5, printed table cell "Rutland, Foster, F" column "cross-tab count": 2']);
  // pandas 1.5.3: pd.crosstab(df.la, [df.placement, df.sex]).to_string()
  const py = lines("placement Foster     Kinship    ", "sex            F   M       F   M", "la                              ", "Leeds         15  15      15  15", "Rutland       12  12      10   2");
  assert.deepEqual(where(py), ['line 5, printed table cell "Rutland, Kinship, M" column "cross-tab count": 2']);
  // a table printed just above is no second column variable
  const stacked = lines("la      sex   ", "Leeds   F   15", "        M   15", "dtype: int64", ...py.trimEnd().split("\n"));
  assert.ok(where(stacked).some((w) => /Rutland, Kinship, M/.test(w)));
});

test("twins that pass: every count 10 or more, cross-tabs of LAs by region and grade, a frame without a columns' name", () => {
  assert.deepEqual(scan("py.txt", CROSSTAB.replace(/ {2}2 {8}4 {12}0 {4}6/, " 20       40           10   70")), []);
  assert.deepEqual(scan("r.txt", lines("                sex2  F  M", "la2     pl2               ", "Leeds   Foster       15 15", "        Kinship      15 15", "Rutland Foster       20 20", "        Kinship      20 20")), []);
  const byRegion = lines("grade          Good  Outstanding  Requires improvement", "region                                                ", "East Midlands     3            3                     3", "North East        4            4                     4");
  assert.deepEqual(scan("py.txt", byRegion), []);
  // LAs' grades by year printed without the columns' name (the advice of the finding they give with it: see above)
  assert.deepEqual(scan("py.txt", GRADES.replace("year    ", "        ")), []);
  // a describe() grouped by LA keeps its own reading (its count is a finding, its statistics are not cells of a cross-tab)
  const described = lines("          count      mean       std  min   25%  50%    75%   max", "la                                                              ", "Bradford  174.0  8.919540  5.073377  0.0  5.00  9.5  14.00  17.0", "Rutland     6.0  8.666667  4.844241  3.0  4.75  8.5  12.25  15.0");
  assert.deepEqual(scan("py.txt", described).map((f) => [f.location, f.value]), [['line 4, printed table row 2 column "count of rows per la"', "6.0"]]);
  // prose: a line ending in a number, a blank line, lines ending in numbers under it
  assert.deepEqual(scan("notes.txt", lines("Step 1", "", "Run 1", "Run 2", "Run 3")), []);
  // a frame with a named index and no columns' name is read by its columns' names, not as a cross-tab
  assert.deepEqual(scan("py.txt", lines("            cla_rate_per_10k", "la_name                     ", "Hartlepool                 98", "Leeds                      71")), []);
});

const CROSSTAB_HTML = `<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;"><th>placement</th><th>Foster</th><th>Kinship</th><th>Residential</th></tr>
    <tr><th>la</th><th></th><th></th><th></th></tr>
  </thead>
  <tbody>
    <tr><th>Bradford</th><td>118</td><td>44</td><td>12</td></tr>
    <tr><th>Rutland</th><td>2</td><td>4</td><td>0</td></tr>
    <tr><th>York</th><td>18</td><td>17</td><td>16</td></tr>
  </tbody>
</table>`;

test("pandas' crosstab to_html() is read as a cross-tab: its columns' name and the index's name are in two header rows", () => {
  const found = scan("t.html", CROSSTAB_HTML).filter((f) => f.rule === "small-count");
  assert.deepEqual(found.map((f) => f.value), ["2", "4"]);
  assert.equal(found[0].location, 'table 1 cell "Rutland, Foster" column "cross-tab count"');
  // a MultiIndex of rows: pandas spans the outer level over its rows (rowspan)
  const multi = `<table><thead><tr><th></th><th>placement</th><th>Foster</th><th>Kinship</th></tr><tr><th>la</th><th>sex</th><th></th><th></th></tr></thead>
<tbody><tr><th rowspan="2" valign="top">Leeds</th><th>F</th><td>41</td><td>50</td></tr><tr><th>M</th><td>60</td><td>70</td></tr>
<tr><th rowspan="2" valign="top">Rutland</th><th>F</th><td>1</td><td>0</td></tr><tr><th>M</th><td>12</td><td>0</td></tr></tbody></table>`;
  const multiFound = scan("t.html", multi).filter((f) => f.rule === "small-count");
  assert.deepEqual(multiFound.map((f) => [f.value, f.location]), [["1", 'table 1 cell "Rutland, F, Foster" column "cross-tab count"']]);
  // a MultiIndex of columns (pd.crosstab(df.la, [df.placement, df.sex])): categories spanning theirs (colspan)
  const columns2 = `<table><thead><tr><th>placement</th><th colspan="2" halign="left">Foster</th><th colspan="2" halign="left">Kinship</th></tr>
<tr><th>sex</th><th>F</th><th>M</th><th>F</th><th>M</th></tr><tr><th>la</th><th></th><th></th><th></th><th></th></tr></thead>
<tbody><tr><th>Leeds</th><td>15</td><td>15</td><td>15</td><td>15</td></tr><tr><th>Rutland</th><td>2</td><td>12</td><td>10</td><td>0</td></tr></tbody></table>`;
  assert.deepEqual(scan("t.html", columns2).map((f) => [f.value, f.location]), [["2", 'table 1 cell "Rutland, Foster, F" column "cross-tab count"']]);
  // in a notebook's output
  const nb = JSON.stringify({ cells: [{ cell_type: "code", source: [], outputs: [{ output_type: "execute_result", data: { "text/html": CROSSTAB_HTML } }] }] });
  assert.deepEqual(small("n.ipynb", nb), ["2", "4"]);
  // twins: counts of 10 or more, and LAs by region and grade
  assert.deepEqual(scan("t.html", CROSSTAB_HTML.replace("<td>2</td><td>4</td>", "<td>20</td><td>40</td>")), []);
  const byRegion = CROSSTAB_HTML.replace(">placement<", ">grade<").replace(">la<", ">region<");
  assert.deepEqual(scan("t.html", byRegion), []);
});

test("a pandas frame indexed by child_id, to_html(): the index is a column named child_id, its ids record identifiers never shown", () => {
  const html = `<table border="1" class="dataframe"><thead><tr style="text-align: right;"><th></th><th>n</th></tr><tr><th>child_id</th><th></th></tr></thead>
<tbody><tr><th>C90001</th><td>2</td></tr><tr><th>C90002</th><td>11</td></tr></tbody></table>`;
  const found = scan("t.html", html);
  assert.deepEqual(found.map((f) => [f.rule, f.location, f.value]), [
    ["record-identifier", "table 1 row 1 column 1", "(hidden: 6 characters)"],
    ["record-identifier", "table 1 row 2 column 1", "(hidden: 6 characters)"],
    ["small-count", "table 1 row 1 column 2", "2"],
  ]);
  assert.ok(!JSON.stringify(found).includes("C9000"));
  // a frame indexed by LA passes when its counts are 10 or more
  assert.deepEqual(scan("t.html", html.replace("child_id", "la_name").replace("C90001", "Leeds").replace("C90002", "York").replace("<td>2</td>", "<td>12</td>")), []);
});

test("a cross-tab's cell labels are shown only when they are words: a crosstab of child_id gives row numbers, never the id", () => {
  const byChild = lines("placement  Foster  Kinship", "child_id                  ", "C90001          1        0", "C90002          0        1");
  const found = scan("py.txt", byChild);
  assert.ok(found.some((f) => f.rule === "record-identifier"));
  assert.ok(!JSON.stringify(found).includes("C9000"), JSON.stringify(found));
  const small = found.filter((f) => f.rule === "small-count");
  assert.ok(small.length > 0 && small.every((f) => /printed table cell \(row \d+, column \d+\) column/.test(f.location)), JSON.stringify(small));
});
