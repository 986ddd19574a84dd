/**
 * Withheld cells in a cross-tab or a pivot (lib/disclosure/cross-tabs.ts isWithheldCell): read as missing, the other
 * cells still counts. A hostile read passed Rutland's 3 foster children with 0 findings in a table where one other
 * cell was `c`, `x`, `[c]`, `low`, `*`, `<5` or `-`, in pandas' crosstab printed and as HTML, in its pivot written to
 * CSV, and in R's `print(table(la, pl), zero.print = ".")` (round 25, S1-3; /tmp/h25-read/sup, sup2, rr/zero.txt).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";
import { isWithheldCell } from "../../lib/disclosure/cross-tabs";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
const all = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings;

const SYMBOLS = ["c", "x", "[c]", "[x]", "low", "*", "<5", "-", "."];

test("a printed crosstab with one withheld cell is still read: the others are counts", () => {
  for (const s of SYMBOLS) {
    const text = lines("placement  Foster  Kinship  Secure", "la                                ", `Leeds          40       30  ${s.padStart(6)}`, "Rutland         3       12      12");
    assert.deepEqual(small("a.txt", text), ['line 4, printed table cell "Rutland, Foster" column "cross-tab count": 3'], s);
    // the twin: every count 10 or more beside the same symbol
    assert.deepEqual(all("a.txt", text.replace("        3 ", "       13 ")), [], s);
  }
});

test("pandas' to_html() of a crosstab with a withheld cell is still read", () => {
  const html = (s: string, n: number) => `<table><thead><tr><th>placement</th><th>Foster</th><th>Kinship</th><th>Secure</th></tr><tr><th>la</th><th></th><th></th><th></th></tr></thead><tbody><tr><th>Leeds</th><td>40</td><td>30</td><td>${s}</td></tr><tr><th>Rutland</th><td>${n}</td><td>12</td><td>12</td></tr></tbody></table>`;
  for (const s of SYMBOLS) {
    assert.deepEqual(small("c.html", html(s, 3)), ['table 1 cell "Rutland, Foster" column "cross-tab count": 3'], s);
    assert.deepEqual(all("c.html", html(s, 13)), [], s);
  }
});

test("a pivot written to CSV with a withheld cell is still read as counts per LA and category", () => {
  for (const s of SYMBOLS) {
    const csv = lines("la,Foster,Kinship,Secure", `Leeds,40,30,${s}`, "Rutland,3,12,12");
    assert.deepEqual(small("b.csv", csv), ['row 2 column "Foster": 3'], s);
    assert.deepEqual(all("b.csv", csv.replace(",3,", ",13,")), [], s);
  }
  // a column of words is still no column of counts: the table is LAs' values, not a pivot
  assert.deepEqual(all("b.csv", lines("la,Foster,Kinship,Secure", "Leeds,40,30,Good", "Rutland,3,12,12")), []);
});

test("R's table printed with zero.print = '.' is read, its dots missing", () => {
  const zero = lines("         pl", "la        Foster Kinship Residential", "  Leeds       30      30           .", "  Rutland      5       .           .", "  York        10      10          10");
  assert.deepEqual(small("zero.txt", zero), ['line 4, printed table cell "Rutland, Foster" column "count": 5']);
  assert.deepEqual(all("zero.txt", zero.replace("      5 ", "     15 ")), []);
});

test("which cells are withheld: publishers' symbols and marks, not words or numbers", () => {
  for (const s of [...SYMBOLS, "C", "[low]", "k", "z", "u", ":", "< 10", "**", "..", "–"]) assert.equal(isWithheldCell(s), true, s);
  for (const s of ["", "3", "Foster", "Good", "n/a", "-3", "<50000", "cc", "[w]"]) assert.equal(isWithheldCell(s), false, s);
});
