import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const rules = (file: string, text: string) => scanFileText(file, text).findings.map((f) => [f.rule, f.value]);

test("a total of records beside suppressed groups is a finding, in provenance too", () => {
  // notebook 05's package: 8772 records read, groups suppressed (an evaluator: 246/3 − 40 − 35 = 7)
  const pkg = { provenance: { pilot: { records: 8772, threshold: 10 } }, resources: [{ schema: { fields: [{ name: "status", description: "why missing: suppressed, …" }] } }] };
  assert.deepEqual(rules("datapackage.json", JSON.stringify(pkg)), [["disclosive-total", "8772"]]);
  assert.deepEqual(rules("datapackage.json", JSON.stringify({ provenance: { pilot: { records: 8772 } } })), [], "no suppression spoken of");
  assert.deepEqual(rules("datapackage.json", JSON.stringify({ records: 8, note: "suppressed" })), [], "below the threshold: not a total that matters here");
});

test("in text: 'N records' and totals of respondents, not threshold phrases", () => {
  assert.deepEqual(rules("05.html", "<p>8772 records read; 145 estimates suppressed</p>"), [["disclosive-total", "8772 records"]]);
  assert.deepEqual(rules("05.md", "respondents in total: 1,204. Groups [c] are suppressed."), [["disclosive-total", "respondents in total: 1,204"]]);
  assert.deepEqual(rules("05.html", "<p>8772 records read</p>"), []);
  assert.deepEqual(rules("05.html", "<p>groups of fewer than 10 respondents or under 20 records are suppressed</p>"), []);
});

test("a threshold phrase is not a small count: 'fewer than 5 respondents' (a false positive an evaluator found)", () => {
  assert.deepEqual(rules("05.html", "<p>45 estimates suppressed (fewer than 5 respondents)</p>"), []);
  assert.deepEqual(rules("05.html", "<p>Leeds: 5 respondents</p>"), [["small-count", "5 respondents"]]);
});

test("the paraphrases of a total a review used are totals too; counts of areas and code are not", () => {
  const beside = (text: string) => rules("t.md", `${text}; 145 estimates suppressed`);
  assert.deepEqual(beside("8,772 rows read"), [["disclosive-total", "8,772 rows read"]]);
  assert.deepEqual(beside("Records: 8772."), [["disclosive-total", "Records: 8772"]]);
  assert.deepEqual(beside("We received 8772 survey responses"), [["disclosive-total", "received 8772 survey responses"]]);
  assert.deepEqual(beside("8772 respondents took part"), [["disclosive-total", "8772 respondents took part"]]);
  assert.deepEqual(beside("n = 8772"), [["disclosive-total", "n = 8772"]]);
  assert.deepEqual(beside("n = 150 LAs"), [], "a count of areas");
  assert.deepEqual(beside("the table has 158 rows"), [], "rows of a table, not read records");
  assert.deepEqual(rules("t.txt", "for(n=20;n<e;n++); 145 estimates suppressed"), [], "code");
  assert.deepEqual(rules("t.md", "8772 respondents took part"), [], "no suppression spoken of");
});

test("an n among other statistics is a sample size, not a total; an n alone in brackets is still a total", () => {
  // the workbench's own profile.json: a funnel's overdispersion reason beside values "suppressed (disclosure)" gave 110
  // findings in the CI's scan of its exported outputs
  const reason = "overdispersed (φ = 2.88, n = 146, p < 0.001): random-effects limits with τ² = 0.00301";
  assert.deepEqual(rules("profile.json", JSON.stringify({ funnel: { reason }, note: "suppressed (disclosure)" })), []);
  assert.deepEqual(rules("t.md", "n = 8772, p = 0.01; 145 estimates suppressed"), []);
  assert.deepEqual(rules("t.md", "Survey of children (n = 8772); 145 estimates suppressed"), [["disclosive-total", "n = 8772"]]);
  assert.deepEqual(rules("t.md", "n = 8772 (145 estimates suppressed)"), [["disclosive-total", "n = 8772"]]);
});
