/**
 * Tables of LAs' Ofsted grades (lib/disclosure/grade-tables.ts): a second read's ILACS judgements coded 1-4 under
 * Ofsted's headings gave 6 small-count findings, "Children in care" and "Care leavers" read as counts of children by
 * their names (round 25, S2-1; /tmp/h25-read/fp1/ilacs.csv). The twins keep every true finding.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";
import { isGradeTable } from "../../lib/disclosure/grade-tables";
import { isPeopleCountName } from "../../lib/disclosure/field-names";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);

const ILACS = lines("la_name,Overall effectiveness,Help and protection,Children in care,Care leavers", "Rutland,2,2,3,2", "Leeds,1,1,1,1", "Bradford,3,2,3,3");

test("ILACS judgements coded 1-4 under Ofsted's headings are LAs' grades, not counts", () => {
  assert.deepEqual(small("ilacs.csv", ILACS), []);
  // a code and a year beside the LA, a blank, a withheld cell, pandas' 2.0, an inspection date: still grades
  assert.deepEqual(small("ilacs.csv", lines("la_code,la_name,year,inspection_date,ofsted_grade,Children in care,Care leavers", "E06000017,Rutland,2023,2023-05-12,2,3.0,", "E08000035,Leeds,2023,2022-03-01,1,1.0,c")), []);
  // printed as a frame too
  assert.deepEqual(small("out.txt", lines("    la_name  Overall effectiveness  Children in care  Care leavers", "0   Rutland                      2                 3             2", "1     Leeds                      1                 1             1")), []);
  assert.equal(isGradeTable(["la_name", "ILACS rating", "Care leavers"], [["Rutland", "2", "3"]]), true);
});

test("twins that keep their findings: no judgement's column, a number beyond 1-4, a column named as a count, no LA column", () => {
  // the same columns without a judgement's: counts of 1-4 children are read, and the finding says how to mark grades
  const noJudgement = scanFileText("a.csv", lines("la_name,Children in care,Care leavers", "Rutland,3,2", "Leeds,1,1"), { threshold: 10 }).findings;
  assert.equal(noJudgement.length, 4);
  assert.match(noJudgement[0].message, /Ofsted grades|grade/);
  // a 12 in a people column: it holds counts, and the table is no table of grades
  assert.deepEqual(small("b.csv", lines("la_name,Overall effectiveness,Children in care", "Rutland,2,3", "Leeds,1,12")), ['row 1 column "Children in care": 3']);
  // a column named as a count is a count in a table of grades
  assert.deepEqual(small("c.csv", lines("la_name,Overall effectiveness,n_children", "Rutland,2,3", "Leeds,1,4")), ['row 1 column "n_children": 3', 'row 2 column "n_children": 4']);
  // no LA column: not a table of LAs' grades
  assert.deepEqual(small("d.csv", lines("team,Overall effectiveness,Children in care", "North,2,3", "South,1,1")), ['row 1 column "Children in care": 3', 'row 2 column "Children in care": 1']);
  assert.equal(isGradeTable(["la_name", "Children in care", "Care leavers"], [["Rutland", "2", "3"]]), false);
  assert.equal(isGradeTable(["la_name", "Overall effectiveness", "Children in care"], [["Rutland", "2", "0"]]), false);
});

test("a column of people named for a grade or judgement is not a count", () => {
  assert.equal(isPeopleCountName("care_leavers_grade"), false);
  assert.equal(isPeopleCountName("children_in_care_judgement"), false);
  assert.equal(isPeopleCountName("care_leavers"), true);
  assert.deepEqual(small("e.csv", lines("la_name,care_leavers_grade", "Rutland,3", "Leeds,1")), []);
});
