/**
 * pandas' CSV of a count of rows (lib/disclosure/pivot-columns.ts): a review passed Rutland's 6 children in
 * `groupby("la").size().to_csv()` (a column named 0) and 2 foster children in `.size().unstack(fill_value=0).to_csv()` and
 * `pivot_table(aggfunc="count").to_csv()` with 0 findings (round 24, S2-3). The texts are what pandas 1.5.3 wrote for
 * /tmp/h24-rev2/cdx/gen.py's made-up children and this round's variants.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";
import { pivotCountColumns } from "../../lib/disclosure/pivot-columns";

const scan = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings;
const small = (file: string, text: string) => scan(file, text).filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
const lines = (...l: string[]) => `${l.join("\n")}\n`;

test("groupby('la').size().to_csv(): the column 0 beside an LA column is a count of rows per LA, with what to do", () => {
  const csv = lines("la,0", "Bradford,174", "Leeds,189", "Rutland,6", "York,31");
  const found = scan("size.csv", csv);
  assert.deepEqual(found.map((f) => `${f.location}: ${f.value}`), ['row 3 column "0": 6']);
  assert.match(found[0].message, /groupby\(\)\.size\(\)\.to_csv\(\)/);
  // two levels (la, placement): the count is still the last column
  assert.deepEqual(small("size.csv", lines("la,placement,0", "Leeds,Foster,30", "Leeds,Kinship,30", "Rutland,Foster,5", "Rutland,Kinship,3")), ['row 3 column "0": 5', 'row 4 column "0": 3']);
  // in a sheet or TSV too (the rules of a CSV)
  assert.deepEqual(small("size.tsv", "la\t0\nRutland\t6\nLeeds\t189\n"), ['row 1 column "0": 6']);
});

test("twins that pass: grouped by region (counts of LAs), every count 10 or more, a 0 that is not last", () => {
  assert.deepEqual(scan("size.csv", lines("region,0", "East Midlands,9", "North East,12")), []);
  assert.deepEqual(scan("size.csv", lines("la,0", "Bradford,174", "Rutland,16")), []);
  assert.deepEqual(scan("size.csv", lines("la,0,mean_age", "Rutland,3,12.5", "Leeds,4,11.0")), []);
});

test("unstack() and pivot_table(aggfunc='count') to_csv(): columns named for categories after the LA are counts", () => {
  const unstacked = lines("la,Foster,Kinship,Residential", "Bradford,118,44,12", "Leeds,118,42,29", "Rutland,2,4,0", "York,18,17,16");
  const found = scan("unstack.csv", unstacked);
  assert.deepEqual(found.map((f) => `${f.location}: ${f.value}`), ['row 3 column "Foster": 2', 'row 3 column "Kinship": 4']);
  assert.match(found[0].message, /unstack, pivot_table/);
  // pivot_table's floats, and a blank where no child was
  assert.deepEqual(small("pivot.csv", lines("la,Foster,Kinship,Residential", "Bradford,118.0,44.0,12.0", "Rutland,2.0,4.0,", "York,18.0,17.0,16.0")), ['row 2 column "Foster": 2.0', 'row 2 column "Kinship": 4.0']);
  // la_code and la_name before the categories
  assert.deepEqual(small("pivot.csv", lines("la_code,la_name,F,M", "E06000017,Rutland,3,12", "E08000035,Leeds,400,380")), ['row 1 column "F": 3']);
});

test("twins that pass: counts of 10 or more, and wide tables of LAs' values (rates, grades, years)", () => {
  assert.deepEqual(scan("unstack.csv", lines("la,Foster,Kinship,Residential", "Bradford,118,44,12", "Rutland,20,40,10")), []);
  // LAs' values: named as variables, by year, or with a period (add's wide layout)
  assert.deepEqual(scan("wide.csv", lines("la,2022,2023", "Leeds,1,2", "Rutland,2,3")), []);
  assert.deepEqual(scan("wide.csv", lines("la_name,ofsted_grade,cla_rate_per_10k", "Leeds,2,71", "Rutland,1,40")), []);
  assert.deepEqual(scan("wide.csv", lines("la_name,Overall grade,Leadership grade", "Leeds,1,2", "Rutland,2,3")), []);
  // one column: not a pivot (aggregate(age ~ la, FUN = length) is not read either)
  assert.deepEqual(pivotCountColumns(["la", "Foster"], [["Rutland", "3"]]).form, undefined);
});

test("LAs' coded values are no pivot: ILACS judgements 1-4 under Ofsted's headings, IMD deciles and IDACI quintiles", () => {
  // round 25 read, S2-1 (/tmp/h25-read/fp1, fp2): 12 and 3 small-count findings
  // (the columns named for people, "Children in care" and "Care leavers", stay counts by their names: ./field-names.ts)
  const ilacs = scan("ilacs.csv", lines("la_name,Overall effectiveness,Help and protection,Children in care,Care leavers", "Rutland,2,2,3,2", "Leeds,1,1,1,1", "Bradford,3,2,3,3"));
  assert.deepEqual(ilacs.filter((f) => /effectiveness|protection/.test(f.location) || /pivot_table/.test(f.message)), []);
  assert.deepEqual(scan("ilacs.csv", lines("la_name,Overall effectiveness,Help and protection", "Rutland,2,2", "Leeds,1,1")), []);
  assert.deepEqual(scan("dep.csv", lines("la_code,la_name,IMD decile,IDACI quintile", "E06000001,Hartlepool,1,1", "E06000017,Rutland,10,5")), []);
  assert.deepEqual(scan("dep.csv", lines("la_name,Deprivation band,Tier", "Rutland,2,1", "Leeds,4,3")), []);
  // the twin: the same shape under categories' names is a pivot of counts, and the finding says how to name a variable
  const counts = scan("pivot.csv", lines("la_name,Foster,Kinship,Secure,Residential", "Rutland,2,2,3,2", "Leeds,11,11,11,11"));
  assert.equal(counts.length, 4);
  assert.match(counts[0].message, /imd_decile/);
  assert.doesNotMatch(counts[0].message, /Foster_rate/);
});

test("a period among the LA keys, a category with a colon or of DfE's long names keeps a pivot a pivot (round 25 second read, S1-4)", () => {
  // counts per LA and year, the most usual pivot: it had passed as "a panel of LAs' values"
  assert.deepEqual(small("year.csv", lines("la_name,year,Foster,Kinship", "Leeds,2023,40,30", "Rutland,2023,3,12")), ['row 2 column "Foster": 3']);
  assert.deepEqual(small("period.csv", lines("la_name,period,Foster,Kinship", "Leeds,2024,40,30", "Rutland,2024,12,3")), ['row 2 column "Kinship": 3']);
  assert.deepEqual(small("colon.csv", lines("la,White British,Mixed: White and Black Caribbean", "Leeds,40,30", "Rutland,3,12")), ['row 2 column "White British": 3']);
  assert.deepEqual(small("long.csv", lines("la,Foster,Placed with own parents or other person with parental responsibility", "Leeds,40,30", "Rutland,12,3")), ['row 2 column "Placed with own parents or other person with parental responsibility": 3']);
  // a panel of LAs' values by year keeps its variables' names: no pivot
  assert.deepEqual(scan("panel.csv", lines("la_name,year,cla_rate_per_10k,ofsted_grade", "Leeds,2023,71,2", "Rutland,2023,40,1")), []);
});
