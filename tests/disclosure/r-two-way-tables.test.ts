/**
 * R output as it is published (lib/disclosure/r-two-way-tables.ts, and R's forms in ./printed-series.ts and
 * ./printed-frames.ts): a hostile review (round 23, L2–L4) passed a 3 with 0 findings in R's two-way `table()`, in
 * knitr's `## ` output of R Markdown, and in a `table()` printed right after a `summary()` of a data frame. The texts
 * are R 4.2's prints of made-up data (`print(table(la, pl))`; knitr's default `comment = "##"`).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { textTables } from "../../lib/disclosure/text-tables";
import { scanFileText } from "../../lib/disclosure/scan";

const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => f.value);
const lines = (...l: string[]) => `${l.join("\n")}\n`;

const twoWay = lines("            pl", "la           Foster Residential", "  Hartlepool      3           0", "  Kent           77          13", "  Leeds          65          15");

test("R's two-way table() is read cell by cell as counts of its row and column categories", () => {
  const [table] = textTables(twoWay);
  assert.deepEqual(table.header, ["la", "pl", "count"]);
  assert.deepEqual(table.rows.slice(0, 3), [["Hartlepool", "Foster", "3"], ["Hartlepool", "Residential", "0"], ["Kent", "Foster", "77"]]);
  assert.deepEqual(small("r.txt", twoWay), ["3"]);
  // with margins (addmargins), and with no names (table(x, y): a line of spaces over the categories)
  const margins = lines("            pl", "la           Foster Residential Sum", "  Hartlepool      3           0   3", "  Kent           77          13  90", "  Sum            80          13  93");
  assert.deepEqual(small("r.txt", margins), ["3", "3"]);
  const unnamed = lines("                ", "                 Good Inadequate Requires improvement", "  East Midlands    40         22                    4", "  North East       60         30                   12");
  assert.deepEqual(textTables(unnamed)[0].rows[2], ["East Midlands", "Requires improvement", "4"]);
  assert.deepEqual(small("r.txt", unnamed), ["4"]);
});

test("knitr's ## before R output is taken off: tables, named vectors and data frames are read", () => {
  const knit = (text: string) => text.split("\n").map((l) => (l === "" ? l : `## ${l}`)).join("\n");
  assert.deepEqual(small("r.md", knit(twoWay)), ["3"]);
  const vector = lines("la", "Hartlepool       Kent      Leeds ", "         3         90         80 ");
  assert.deepEqual(small("r.txt", knit(vector)), ["3"]);
  const frame = lines("     la_name children", "1 Hartlepool        3", "2      Leeds       80");
  assert.deepEqual(small("r.txt", knit(frame)), ["3"]);
  // R Markdown's HTML: the output in <pre><code>
  assert.deepEqual(small("r.html", `<pre class="r"><code>table(la)</code></pre>\n<pre><code>${knit(vector).trimEnd()}</code></pre>`), ["3"]);
  // a Markdown heading keeps its ##: it is not R output
  assert.deepEqual(textTables(lines("## Hartlepool", "Leeds  Kent", "   80    90")).length, 1);
});

test("a table() printed right after summary() of a data frame is its own table, not rows of the summary", () => {
  const summaryEnd = "                    Max.   :90.00  ";
  const vector = lines("la", "Hartlepool       Kent      Leeds ", "         3         90         80 ");
  assert.deepEqual(small("r.txt", `${summaryEnd}\n${vector}`), ["3"]);
  assert.deepEqual(small("r.txt", `${lines(" Length:3           Min.   : 3.00  ", " Class :character   1st Qu.:41.50  ", summaryEnd.trimEnd(), "la", "> xtabs(~la, d)")}${vector.split("\n").slice(1).join("\n")}`), ["3"]);
  // under an indented title, the names over their values are the vector's, not rows of a frame headed by the title
  assert.deepEqual(small("r.txt", lines("          Children in care by local authority, 2024", "la", "Hartlepool  Leeds ", "         3     80 ")), ["3"]);
  // a summary's line is no frame's header, whatever follows it
  assert.equal(textTables(`${summaryEnd}\nla\n  x  y\n`).some((t) => t.header.includes("Max.")), false);
});

test("a wrapped R table's last line of one name is read (Requires improvement alone under three grades)", () => {
  const wrapped = lines("                Good           Inadequate          Outstanding ", "                  60                   20                   30 ", "Requires improvement ", "                   8 ");
  assert.deepEqual(textTables(wrapped)[0].rows.at(-1), ["Requires improvement", "8"]);
  assert.deepEqual(small("r.txt", wrapped), ["8"]);
});

test("R prints that are not counts stay unread: summary(), a matrix with no names, a year table over numbers", () => {
  assert.deepEqual(small("r.txt", lines("   Min. 1st Qu.  Median    Mean 3rd Qu.    Max. ", "    0.0     3.0     4.0    15.4     9.0    61.0 ")), []);
  assert.deepEqual(small("r.txt", lines("   la_name             children    ", " Length:3           Min.   : 3.00  ", " Class :character   1st Qu.:41.50  ", " Mode  :character   Median :80.00  ")), []);
  // prose indented by two spaces under a heading is no table
  assert.deepEqual(small("r.txt", lines("  Notes", "Step one of the method", "  Run the import 3", "  Then the analysis 4")), []);
});

test("a two-way table's finding names its cell by LA and category (and a three-way table's slice), never by an id", () => {
  const where = (text: string) => scanFileText("r.txt", text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => f.location);
  assert.deepEqual(where(twoWay), ['line 3, printed table cell "Hartlepool, Foster" column "count"']);
  // print(table(la, pl, sex)) in R 4.2: each slice under its ", , sex = F"
  const threeWay = lines(", , sex = F", "", "         pl", "la        Foster Kinship", "  Leeds       15      15", "  Rutland      2      12", "", ", , sex = M", "", "         pl", "la        Foster Kinship", "  Leeds       15      15", "  Rutland     12       3", "");
  assert.deepEqual(where(threeWay), ['line 6, printed table cell "Rutland, Foster, F" column "count"', 'line 13, printed table cell "Rutland, Kinship, M" column "count"']);
  // rows of children: the location gives the cell's number, and the id is never shown
  const byChild = twoWay.replace("la  ", "UPN ").replace("Hartlepool", "A123456789");
  const found = scanFileText("r.txt", byChild, { threshold: 10 }).findings;
  assert.ok(found.some((f) => f.rule === "small-count" && /printed table cell \(row 1, column 1\) column "count"/.test(f.location)), JSON.stringify(found));
  assert.ok(!JSON.stringify(found).includes("A123456789"));
});
