/**
 * Printed Series and R named vectors (lib/disclosure/printed-series.ts). A hostile review (round 23, D2) passed a 3 with
 * 0 findings in each form below; the texts are its reproductions (pandas 1.5 and 2.x, R 4.2 prints).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { textTables } from "../../lib/disclosure/text-tables";
import { scanFileText } from "../../lib/disclosure/scan";

const findings = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.map((f) => `${f.rule} ${f.value}: ${f.message}`);
const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => f.value);
const lines = (...l: string[]) => `${l.join("\n")}\n`;

test("a Series with a frequency in its footer (a time series) is read", () => {
  const text = lines("date", "2022-03-31      3", "2023-03-31     80", "2024-03-31    120", "Freq: A-MAR, Name: children, dtype: int64");
  assert.deepEqual(textTables(text)[0], { index: 0, header: ["date", "children"], rows: [["2022-03-31", "3"], ["2023-03-31", "80"], ["2024-03-31", "120"]], rowStarts: [5, 23, 41] });
  assert.deepEqual(small("s.txt", text), ["3"]);
  assert.deepEqual(small("s.txt", text.replace("Name: children, ", "Name: children, Length: 3, ")), ["3"]);
});

test("pandas 1's value_counts() of a column of categories is read as counts; a Series named for a measure is not", () => {
  const counted = lines("Hartlepool     3", "Leeds         80", "Name: la_name, dtype: int64");
  assert.deepEqual(textTables(counted)[0].header, ["la_name", "count"]);
  assert.deepEqual(small("s.txt", counted), ["3"]);
  assert.deepEqual(small("s.txt", lines("Good                    70", "Outstanding              3", "Name: ofsted_rating, dtype: int64")), ["3"]);
  for (const name of ["rate", "score", "year", "mean_age"]) assert.deepEqual(small("s.txt", counted.replace("la_name", name)), [], name);
  assert.deepEqual(small("s.txt", counted.replace("int64", "float64").replace(" 3\n", " 3.5\n")), []);
});

test("an unnamed groupby().size() over a named index (or a MultiIndex) is read as a count of rows", () => {
  const sized = lines("la_name", "Hartlepool     3", "Leeds         80", "Sheffield    120", "dtype: int64");
  assert.deepEqual(textTables(sized)[0].header, ["la_name", "count of rows"]);
  assert.deepEqual(small("s.txt", sized), ["3"]);
  const multi = lines("la_name     sex", "Hartlepool  F      3", "            M     80", "Leeds       F    120", "            M     95", "dtype: int64");
  assert.deepEqual(textTables(multi)[0].header, ["la_name sex", "count of rows"]);
  assert.deepEqual(small("s.txt", multi), ["3"]);
  // a Series named for what it counts is read by its name: LAs are not people
  assert.deepEqual(small("s.txt", sized.replace("dtype: int64", "Name: n_las, dtype: int64")), []);
  // no index name (df.isna().sum() of an unnamed index), or floats: nothing said of what the values count
  assert.deepEqual(small("s.txt", sized.replace("la_name\n", "")), []);
  assert.deepEqual(small("s.txt", sized.replace("dtype: int64", "dtype: float64").replace(/(\d)\n/g, "$1.5\n")), []);
});

test("groupby().count() of an id column is a count of ids, not identifiers; a Series of ids is identifiers", () => {
  const counted = lines("la_name", "Hartlepool     3", "Leeds         80", "Sheffield    120", "Name: child_id, dtype: int64");
  assert.deepEqual(findings("s.txt", counted), ['small-count 3: a count below 10 in column "child_id count"']);
  // the same LA twice: a Series of children's ids by LA (df.set_index("la_name")["child_id"])
  const ids = lines("la_name", "Hartlepool     30211", "Hartlepool     30877", "Leeds          41502", "Name: child_id, dtype: int64");
  assert.equal(findings("s.txt", ids).filter((f) => f.startsWith("record-identifier")).length, 3);
});

test("a line of prose above a Series that ends in a number is not a row (pandas right-aligns a Series' values)", () => {
  for (const above of ["Children per LA, see table 2", 'print("Version 2")\nVersion 2']) {
    const text = lines(above, "Hartlepool    30", "Leeds         80", "Name: children, dtype: int64");
    assert.deepEqual(small("s.txt", text), [], above);
    assert.deepEqual(textTables(text).find((t) => t.header[1] === "children")?.rows, [["Hartlepool", "30"], ["Leeds", "80"]]);
  }
  // a missing value (<NA>) out of line is still a row
  assert.deepEqual(small("s.txt", lines("la_name", "Hartlepool     3", "Leeds         80", "Sheffield    <NA>", "Name: children, dtype: Int64")), ["3"]);
});

test("R's print of a named vector or table(), with its dnn line and wrapped, is read as counts", () => {
  const vector = lines("Hartlepool      Leeds  Sheffield ", "         3         80        120 ");
  assert.deepEqual(textTables(vector)[0], { index: 0, header: ["name", "count"], rows: [["Hartlepool", "3"], ["Leeds", "80"], ["Sheffield", "120"]], rowStarts: [34, 34, 34] });
  assert.deepEqual(small("r.txt", vector), ["3"]);
  assert.deepEqual(small("r.txt", `\n${vector}`), ["3"]);
  const dnn = `la_name\n${vector}`;
  assert.deepEqual(textTables(dnn)[0].header, ["la_name", "count"]);
  assert.deepEqual(small("r.txt", dnn), ["3"]);
  const wrapped = lines("Barking and Dagenham               Leeds", "                 120                  80", "           Sheffield          Hartlepool", "                  40                   4");
  assert.deepEqual(textTables(wrapped)[0].rows.map((r) => r[0]), ["Barking and Dagenham", "Leeds", "Sheffield", "Hartlepool"]);
  assert.deepEqual(small("r.txt", wrapped), ["4"]);
});

test("a one-row frame's header over numbers, summary() and names that are numbers are not read as R vectors", () => {
  // df.to_string(index=False) of one row: a frame, read as one
  assert.deepEqual(textTables(lines("children  rate", "     120   5.5"))[0].header, ["children", "rate"]);
  assert.deepEqual(textTables(lines("children  rate", "     120     5"))[0].header, ["children", "rate"]);
  assert.deepEqual(small("t.txt", lines("children  rate", "       3    12")), ["3"]);
  assert.deepEqual(small("r.txt", lines("   Min. 1st Qu.  Median    Mean 3rd Qu.    Max. ", "      1       2       3       3       4       5 ")), []);
  assert.deepEqual(small("r.txt", lines("  2019   2020", "     3     80")), []);
});
