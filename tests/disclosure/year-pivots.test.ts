/**
 * Pivots whose columns are years (`df.pivot(index="la", columns="year", values="children").to_csv()`): round 25 left
 * them unread, as LAs' values by year (rates, grades) are written the same way. They are read as counts only when the
 * table says it counts: its file's or sheet's name or title, a column naming what is counted, or a total that sums.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText, scanSheets } from "../../lib/disclosure/scan";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
const PIVOT = lines("la,2022,2023", "Rutland,3,4", "Leeds,40,45", "York,12,15");

test("a pivot by year that says it counts is read as counts per LA and year, with what to do", () => {
  assert.deepEqual(small("cla_counts_by_year.csv", PIVOT), ['row 1 column "2022": 3', 'row 1 column "2023": 4']);
  assert.deepEqual(small("number_of_children.tsv", PIVOT.replace(/,/g, "\t")), ['row 1 column "2022": 3', 'row 1 column "2023": 4']);
  const found = scanFileText("children_in_care.csv", PIVOT, { threshold: 10 }).findings;
  assert.match(found[0].message, /years, all whole numbers, and the table says it counts/);
  // a column naming what is counted in every row
  assert.deepEqual(small("table1.csv", lines("la_code,la_name,measure,2022-23,2023-24", "E06000017,Rutland,Number of children looked after,3,4", "E08000035,Leeds,Number of children looked after,40,45")), ['row 1 column "2022-23": 3', 'row 1 column "2023-24": 4']);
  // a total row that is each year's sum
  assert.deepEqual(small("table2.csv", `${PIVOT}Total,55,64\n`), ['row 1 column "2022": 3', 'row 1 column "2023": 4']);
  // a sheet whose title says what it counts
  const sheet = scanSheets("tables.xlsx", [{ name: "Table 3", rows: [["Children looked after at 31 March, number"], ["la", "2022", "2023"], ["Rutland", "3", "4"], ["Leeds", "40", "45"]] }], { threshold: 10 });
  assert.deepEqual(sheet.findings.map((f) => f.value), ["3", "4"]);
});

test("twins that say nothing: a plain pivot by year, one that says it holds rates, a total that does not sum, mixed measures", () => {
  assert.deepEqual(small("table1.csv", PIVOT), []);
  assert.deepEqual(small("grades.csv", lines("la_name,2022-23,2023-24", "Rutland,2,3", "Leeds,1,1")), []);
  assert.deepEqual(small("cla_rate_per_10k.csv", PIVOT), []);
  assert.deepEqual(small("children_per_10000_counts.csv", PIVOT), []);
  assert.deepEqual(small("table2.csv", `${PIVOT}Total,56,64\n`), []);
  assert.deepEqual(small("table3.csv", lines("la,measure,2022,2023", "Rutland,Rate per 10000,3,4", "Leeds,Number of children,40,45")), []);
  const sheet = scanSheets("tables.xlsx", [{ name: "Table 3", rows: [["Children looked after per 10,000 children"], ["la", "2022", "2023"], ["Rutland", "3", "4"], ["Leeds", "40", "45"]] }], { threshold: 10 });
  assert.deepEqual(sheet.findings, []);
});
