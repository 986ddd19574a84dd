import { test } from "node:test";
import assert from "node:assert/strict";
import { isPeopleCountName } from "../../lib/disclosure/field-names";
import { scanFileText } from "../../lib/disclosure/scan";

test("isPeopleCountName: names of people or their episodes, not their rates, shares or attributes", () => {
  for (const name of ["children_ceased", "looked_after", "LookedAfter", "care_leavers_19", "referrals_received", "cla", "adopted", "children in care", "hospital_admissions", "deaths", "girls", "exclusions"]) {
    assert.equal(isPeopleCountName(name), true, name);
  }
  for (const name of ["cla_pct", "child_age", "referral_days", "looked_after_rate_per_10k", "la_code", "period", "value", "care_leavers_share", "cases_mean", "cin_rank", "las_complete_cases", "LAs (complete cases)", "areas_with_cases", "children_per_worker", "plans_per_child"]) {
    assert.equal(isPeopleCountName(name), false, name);
  }
});

test("a lone whole-number column named for people is scanned as a count (a user walkthrough: children_ceased = 4 passed)", () => {
  const findings = (csv: string) => scanFileText("t.csv", csv, { threshold: 10 }).findings.map((f) => f.value);
  assert.deepEqual(findings("la_code,period,children_ceased\nE06000001,2024,4\nE06000002,2024,25\n"), ["4"]);
  assert.deepEqual(findings("la_code,period,looked_after\nE06000001,2024,4\n"), ["4"]);
  // not whole numbers (a rate under another name) or not a people name: not counts
  assert.deepEqual(findings("la_code,period,looked_after\nE06000001,2024,4.5\n"), []);
  assert.deepEqual(findings("la_code,period,score_band\nE06000001,2024,4\n"), []);
});
