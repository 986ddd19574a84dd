/**
 * pandas' cross-tabs of more than `display.max_rows` (60) rows, as it prints them with a `...` row in place of the rows
 * it leaves out (lib/disclosure/printed-cross-tabs.ts isEllipsisRow, html-frames.ts): the rows on both sides are read. A
 * hostile read passed a crosstab of every LA with 0 findings as Jupyter's HTML, and as text read only down to the `...`
 * (round 25, S1-1: /tmp/h25-read/ct3, ct5, ct6, ct8). The texts are pandas 1.5.3's `str(pd.crosstab(…))` and
 * `_repr_html_()` (its style block left out) of 70 made-up LAs, the labels renamed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
const all = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings;

/** pd.crosstab(df.la, df.placement), 70 LAs: York's Kinship 3 is below the `...`. */
const TEXT = lines(
  "placement  Foster  Kinship",
  "la                        ",
  "Barnsley       41       54",
  "Bath           26       55",
  "Bedford        33       46",
  "Bolton         42       35",
  "Bradford       44       25",
  "...           ...      ...",
  "Warrington     41       50",
  "Wigan          43       52",
  "Wiltshire      40       49",
  "Wirral         46       46",
  "York           53        3",
  "",
  "[70 rows x 2 columns]",
);

/** A row of a two-column crosstab as pandas aligns it: the labels, then each count right-aligned under its category. */
const row = (labels: string, foster: string, kinship: string) => `${labels.padEnd(17 - foster.length)}${foster}${kinship.padStart(9)}`;

/** pd.crosstab([df.la, df.sex], df.placement): the `...` under the outer level only; York's F Kinship 3. */
const MULTI_TEXT = lines(
  "placement  Foster  Kinship",
  "la       sex              ",
  row("Barnsley F", "20", "25"),
  row("         M", "21", "29"),
  row("...", "...", "..."),
  row("Wirral   M", "26", "25"),
  row("York     F", "29", "3"),
  row("         M", "24", "10"),
);

const HTML = `<div><table border="1" class="dataframe"><thead><tr style="text-align: right;"><th>placement</th><th>Foster</th><th>Kinship</th></tr><tr><th>la</th><th></th><th></th></tr></thead><tbody><tr><th>Barnsley</th><td>41</td><td>54</td></tr><tr><th>Bath</th><td>26</td><td>55</td></tr><tr><th>...</th><td>...</td><td>...</td></tr><tr><th>Wirral</th><td>46</td><td>46</td></tr><tr><th>York</th><td>53</td><td>3</td></tr></tbody></table><p>70 rows × 2 columns</p></div>`;

const MULTI_HTML = `<div><table border="1" class="dataframe"><thead><tr style="text-align: right;"><th></th><th>placement</th><th>Foster</th><th>Kinship</th></tr><tr><th>la</th><th>sex</th><th></th><th></th></tr></thead><tbody><tr><th rowspan="2" valign="top">Barnsley</th><th>F</th><td>20</td><td>25</td></tr><tr><th>M</th><td>21</td><td>29</td></tr><tr><th>Bath</th><th>F</th><td>16</td><td>27</td></tr><tr><th>...</th><th>...</th><td>...</td><td>...</td></tr><tr><th>Wirral</th><th>M</th><td>26</td><td>25</td></tr><tr><th rowspan="2" valign="top">York</th><th>F</th><td>29</td><td>3</td></tr><tr><th>M</th><td>24</td><td>0</td></tr></tbody></table><p>140 rows × 2 columns</p></div>`;

test("a printed crosstab shortened with a `...` row is read on both sides of it", () => {
  assert.deepEqual(small("out.txt", TEXT), ['line 13, printed table cell "York, Kinship" column "cross-tab count": 3']);
  assert.deepEqual(all("out.txt", TEXT.replace("53        3", "53       13")), []);
  assert.deepEqual(small("out.txt", MULTI_TEXT), ['line 7, printed table cell "York, F, Kinship" column "cross-tab count": 3']);
  assert.deepEqual(all("out.txt", MULTI_TEXT.replace("29        3", "29       13")), []);
});

test("Jupyter's HTML of a crosstab shortened with a `...` row is read on both sides of it, in a notebook too", () => {
  assert.deepEqual(small("out.html", HTML), ['table 1 cell "York, Kinship" column "cross-tab count": 3']);
  assert.deepEqual(all("out.html", HTML.replace("<td>3</td>", "<td>13</td>")), []);
  assert.deepEqual(small("out.html", MULTI_HTML), ['table 1 cell "York, F, Kinship" column "cross-tab count": 3']);
  assert.deepEqual(all("out.html", MULTI_HTML.replace("<td>3</td>", "<td>13</td>")), []);
  const nb = JSON.stringify({ cells: [{ cell_type: "code", source: [], outputs: [{ output_type: "execute_result", data: { "text/html": HTML, "text/plain": TEXT } }] }] });
  assert.equal(small("nb.ipynb", nb).length, 2);
});

test("a `...` row is skipped once: a second ends the table, and one before any row starts none", () => {
  const twice = TEXT.replace("Wirral         46       46", "...           ...      ...");
  assert.deepEqual(small("out.txt", twice), []);
  const first = TEXT.replace("Barnsley       41       54", "...           ...      ...");
  assert.equal(small("out.txt", first).length, 0);
});

test("a plain frame shortened with a `...` row (a RangeIndex: `..` under it) is read on both sides of it", () => {
  // pandas 1.5.3: str(pd.DataFrame({"la": las, "children": n})) of 70 rows
  const frame = lines("            la  children", "0   Borough AA        20", "1   Borough AB        20", "..         ...       ...", "68  Borough CQ        20", "69  Borough CR         3", "", "[70 rows x 2 columns]");
  assert.deepEqual(small("frame.txt", frame), ['line 6, printed table row 4 column "children": 3']);
  assert.deepEqual(all("frame.txt", frame.replace("         3", "        13")), []);
});
