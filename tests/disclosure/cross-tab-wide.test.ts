/**
 * pandas' cross-tabs wider than the display (lib/disclosure/printed-cross-tabs.ts, cross-tabs.ts): a `...` column in
 * place of the columns left out (more than `display.max_columns`, 20), or blocks of columns each ending its lines with
 * ` \` (`display.max_columns = None`, wrapped at 80 characters). A hostile read passed York's 3s in the first column and
 * the last with 0 findings in the first form, and read only the last block of the second (round 25, S1-2:
 * /tmp/h25-read/wide1, wide2). The texts are pandas 1.5.3's `str(pd.crosstab(df.la, df.ethnicity))` of 25 categories.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
const all = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings;

const HIDDEN = lines(
  "ethnicity  CatA  CatB  CatC  CatD  CatE  ...  CatU  CatV  CatW  CatX  CatY",
  "la                                       ...                              ",
  "Bradford     15    15    15    15    15  ...    15    15    15    15    15",
  "Leeds        15    15    15    15    15  ...    15    15    15    15    15",
  "York          3    15    15    15    15  ...    15    15    15    15     3",
  "",
  "[3 rows x 25 columns]",
);

const WRAPPED = lines(
  "ethnicity  CatA  CatB  CatC  CatD  CatE  CatF  CatG  CatH  CatI  CatJ  CatK  \\",
  "la                                                                            ",
  "Bradford     15    15    15    15    15    15    15    15    15    15    15   ",
  "Leeds        15    15    15    15    15    15    15    15    15    15    15   ",
  "York          3    15    15    15    15    15    15    15    15    15    15   ",
  "",
  "ethnicity  CatL  CatM  CatN  CatO  CatP  CatQ  CatR  CatS  CatT  CatU  CatV  \\",
  "la                                                                            ",
  "Bradford     15    15    15    15    15    15    15    15    15    15    15   ",
  "Leeds        15    15    15    15    15    15    15    15    15    15    15   ",
  "York         15    15    15    15    15    15    15    15    15    15    15   ",
  "",
  "ethnicity  CatW  CatX  CatY  ",
  "la                           ",
  "Bradford     15    15    15  ",
  "Leeds        15    15    15  ",
  "York         15    15     3  ",
);

test("a crosstab printed with a `...` column in place of those left out: the columns shown are read", () => {
  assert.deepEqual(small("wide.txt", HIDDEN), ['line 5, printed table cell "York, CatA" column "cross-tab count": 3', 'line 5, printed table cell "York, CatY" column "cross-tab count": 3']);
  assert.deepEqual(all("wide.txt", HIDDEN.replace(/York {10}3/, "York         13").replace(/ {5}3\n/, "    13\n")), []);
  // with a `...` row too (more rows than display.max_rows)
  const both = HIDDEN.replace("Leeds        15    15    15    15    15  ...    15    15    15    15    15", "...         ...   ...   ...   ...   ...  ...   ...   ...   ...   ...   ...");
  assert.equal(small("wide.txt", both).length, 2);
});

test("a crosstab wrapped into blocks of columns: every block is read", () => {
  assert.deepEqual(small("wrap.txt", WRAPPED), ['line 5, printed table cell "York, CatA" column "cross-tab count": 3', 'line 17, printed table cell "York, CatY" column "cross-tab count": 3']);
  assert.deepEqual(all("wrap.txt", WRAPPED.replace(/York {10}3/, "York         13").replace(/ {5}3 {2}\n/, "    13  \n")), []);
});

test("HTML of a crosstab with a `...` column (to_html(max_cols=10), as Jupyter shows a wide frame): the columns shown are read", () => {
  const cells = (york: [string, string]) => ["Bradford", "Leeds", "York"].map((la) => `<tr><th>${la}</th>${[...(la === "York" ? [york[0]] : ["15"]), "15", "...", "15", ...(la === "York" ? [york[1]] : ["15"])].map((v) => `<td>${v}</td>`).join("")}</tr>`).join("");
  const html = (york: [string, string]) => `<table border="1" class="dataframe"><thead><tr style="text-align: right;"><th>ethnicity</th><th>CatA</th><th>CatB</th><th>...</th><th>CatX</th><th>CatY</th></tr><tr><th>la</th><th></th><th></th><th></th><th></th><th></th></tr></thead><tbody>${cells(york)}</tbody></table>`;
  assert.deepEqual(small("wide.html", html(["3", "3"])), ['table 1 cell "York, CatA" column "cross-tab count": 3', 'table 1 cell "York, CatY" column "cross-tab count": 3']);
  assert.deepEqual(all("wide.html", html(["13", "13"])), []);
});
