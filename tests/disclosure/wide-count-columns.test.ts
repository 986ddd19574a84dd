/**
 * Counts in the wide form a pivot of indicators.csv gives (`<id>_numerator`, `<id>_denominator`, a percentage beside
 * `<same id>_denominator`), and the count names of a table of LAs: a hostile review (round 21, F7) passed each with 0
 * findings.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { isCountName, isLaTableCountName } from "../../lib/disclosure/field-names";
import { shareColumns } from "../../lib/disclosure/percentage-columns";
import { countsOfPercentage } from "../../lib/disclosure/percentage-counts";
import { scanFileText } from "../../lib/disclosure/scan";

const values = (csv: string) => scanFileText("t.csv", csv, { threshold: 10 }).findings.map((f) => `${f.location}: ${f.value}`);

test("a name holding the word numerator or denominator, or ending in num/den, is a count name", () => {
  for (const name of ["fgc_numerator", "x_denominator", "Numerator_FGC", "Numerator 2023", "Num", "fgc_num", "x_den", "fgcNumerator"]) assert.equal(isCountName(name), true, name);
  for (const name of ["enumerator", "numeric", "golden", "dental", "number_of_las"]) {
    assert.equal(isCountName(name), false, name);
  }
  // a sentence is not a name (profile.json keys reasons by sentence: 6 indicators for this one)
  assert.equal(isCountName("the denominator (possible sessions) counts school sessions, which cluster within pupils"), false);
  assert.equal(isCountName("pilot_child_survey_trust_staff_pct_positive_with_a_long_stem_numerator"), true);
});

test("Number, Base and Sample are counts in a table of LAs only", () => {
  for (const name of ["Number", "Base", "Sample", "unweighted base"]) assert.equal(isLaTableCountName(name), true, name);
  for (const name of ["Number", "Base", "Sample"]) {
    assert.deepEqual(values(`la_code,period,${name}\nE06000001,2023,3\nE06000002,2023,80\n`), [`row 1 column "${name}": 3`], name);
    assert.deepEqual(values(`figure,${name}\nfig-a,3\n`), [], `${name} without an LA column`);
  }
  // an LA column under any name add accepts
  assert.deepEqual(values("LA name,Year,Base\nHartlepool,2023,3\n"), ['row 1 column "Base": 3']);
});

test("x_numerator and x_denominator of 3 and 120 are found (they passed)", () => {
  assert.deepEqual(values("la_code,period,x_numerator,x_denominator\nE06000001,2023,3,120\n"), ['row 1 column "x_numerator": 3']);
});

test("a percentage beside <same id>_denominator gives its numerator back, as beside denominator", () => {
  assert.deepEqual(values("la_code,period,cla_pct,cla_denominator\nE06000001,2023,2.5,120\nE06000002,2023,50,120\n"), ['row 1 column "cla_pct": 2.5 of 120']);
  // the pivot's own names: <id> of a percent indicator and <id>_denominator
  const pivot = scanFileText("t.csv", "la_code,period,reviews_done,reviews_done_denominator\nE06000001,2023,41.7,12\n", { threshold: 10, percentIndicators: new Set(["reviews_done"]) });
  assert.deepEqual(pivot.findings.map((f) => f.value), ["41.7 of 12"]);
  assert.deepEqual(values("la_code,period,x_pct,x_pct_denominator\nE06000001,2023,2.5,120\n"), ['row 1 column "x_pct": 2.5 of 120']);
  // two indicators side by side: each with its own denominator, not the other's
  assert.deepEqual(values("la_code,a_pct,a_denominator,b_pct,b_denominator\nE06000001,50,120,2.5,1200\n"), []);
});

test("a proportion and a rate beside their denominator are read as shares", () => {
  assert.deepEqual(values("la_code,period,proportion,denominator\nE06000001,2023,0.025,120\n"), ['row 1 column "proportion": 0.025 of 120']);
  assert.deepEqual(values("la_code,period,adoption_rate_per_10k,adoption_denominator\nE06000001,2023,1.5,20000\n"), ['row 1 column "adoption_rate_per_10k": 1.5 of 20000']);
  assert.deepEqual(countsOfPercentage("0.025", "120", 1), { lo: 3, hi: 3 });
  assert.deepEqual(countsOfPercentage("1.5", "20000", 10000), { lo: 3, hi: 3 });
});

test("shareColumns pairs each share with its own denominator before the table's", () => {
  const header = Object.freeze(["la_code", "cla_pct", "cla_denominator", "value", "denominator"]);
  assert.deepEqual(shareColumns(header, () => false).map((s) => [s.column, s.denominatorColumn, s.per]), [[1, 2, 100], [3, 4, 100]]);
});
