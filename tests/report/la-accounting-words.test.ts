import { test } from "node:test";
import assert from "node:assert/strict";
import { laAccountingText, type LaAccountingJson } from "../../lib/report/la-accounting-words";

const la = (i: number) => ({ la_code: `E069${String(i).padStart(5, "0")}`, la_name: `LA ${i}` });

test("every LA linked and analysed, none outside the period: one short sentence", () => {
  const acc: LaAccountingJson = { period: 2024, package_las: 150, period_las: 150, linked: 150, analysed: 150, left_out: [], earlier_slots_only: [] };
  assert.equal(laAccountingText(Object.freeze(acc)), "all 150 linked LAs analysed.");
});

test("each reason an LA is left out is said with its LAs: no context value, no outcome, not in the period; and LAs drawn through an earlier slot", () => {
  const acc: LaAccountingJson = {
    period: 2023, package_las: 42, period_las: 40, linked: 37, analysed: 36,
    left_out: [
      { ...la(1), reason: "not-in-period", first_period: null, last_period: 2019 },
      { ...la(2), reason: "not-in-period", first_period: 2024, last_period: null },
      { ...la(3), reason: "no-outcome" },
      { ...la(4), reason: "no-context", context_missing: ["idaci_score"] },
      { ...la(5), reason: "no-context", context_missing: ["idaci_score", "imd_score"] },
    ],
    earlier_slots_only: [la(6)],
  };
  const label = (v: string) => (v === "idaci_score" ? "deprivation (IDACI score)" : v);
  assert.equal(
    laAccountingText(acc, label),
    "36 LAs analysed: 35 of the 37 linked, and 1 LA with no outcome in the latest slot, through an earlier one: E06900006 LA 6; " +
      "1 left out — no deprivation (IDACI score) value (idaci_score): E06900004 LA 4; " +
      "1 left out — no deprivation (IDACI score) value (idaci_score), imd_score value: E06900005 LA 5. " +
      "37 of the 40 LAs of 2023 linked; 1 has no outcome in any slot drawn: E06900003 LA 3. " +
      "2 of the package's 42 LAs did not exist in 2023 (areas.csv first/last period): E06900001 LA 1 (to 2019), E06900002 LA 2 (from 2024).",
  );
});

test("LAs drawn only through an earlier slot are not counted among the linked ones analysed, so the counts add up", () => {
  // lait_emotional_lac on the official package: City of London has no 2025 value but one in 2024
  const acc: LaAccountingJson = {
    period: 2025, package_las: 151, period_las: 151, linked: 150, analysed: 148,
    left_out: [{ ...la(1), reason: "no-outcome" }, ...[2, 3, 4].map((i) => ({ ...la(i), reason: "no-context" as const, context_missing: ["idaci_score"] }))],
    earlier_slots_only: [la(5)],
  };
  const first = laAccountingText(acc).split("; ")[0];
  assert.equal(first, "148 LAs analysed: 147 of the 150 linked, and 1 LA with no outcome in the latest slot, through an earlier one: E06900005 LA 5");
  // every linked LA analysed, and one more through an earlier slot
  const all = laAccountingText({ ...acc, analysed: 151, left_out: [{ ...la(1), reason: "no-outcome" }] });
  assert.match(all, /^151 LAs analysed: all 150 linked, and 1 LA with no outcome in the latest slot, through an earlier one: E06900005 LA 5\. /);
});

test("at most `atMost` LAs are listed per reason; the rest are counted and results.json named", () => {
  const acc: LaAccountingJson = {
    period: 2023, package_las: 150, period_las: 150, linked: 150, analysed: 138, earlier_slots_only: [],
    left_out: Array.from({ length: 12 }, (_, i) => ({ ...la(i + 1), reason: "no-context" as const, context_missing: ["idaci_score"] })),
  };
  const text = laAccountingText(acc, undefined, 10);
  assert.match(text, /^138 of the 150 linked LAs analysed; 12 left out — no idaci_score value: E06900001 LA 1, .*, E06900010 LA 10 and 2 more \(results\.json la_accounting\)\.$/);
  assert.doesNotMatch(text, /LA 11/);
});

test("when the LAs' period is not that of the values used, a sentence says which period the LAs were checked against", () => {
  // the official ILACS analysis: LAs of 2026 (the latest period with values), judgements' values of 2025 at the latest
  const acc: LaAccountingJson = {
    period: 2026, package_las: 158, period_las: 153, linked: 153, analysed: 153, earlier_slots_only: [],
    left_out: [{ ...la(1), reason: "not-in-period", first_period: null, last_period: 2019 }],
  };
  const values = Object.freeze({ period: 2025, periods: Object.freeze([2024, 2025, 2026]) });
  assert.equal(
    laAccountingText(acc, undefined, Infinity, values),
    "all 153 linked LAs analysed. 1 of the package's 158 LAs did not exist in 2026 (areas.csv first/last period): E06900001 LA 1 (to 2019). " +
      "The LAs are those of 2026, the latest period with indicator values, though the latest indicator values used are of 2025 (results.json period).",
  );
  assert.match(laAccountingText(acc, undefined, Infinity, { period: 2025, periods: [2026, 2027] }), /those of 2026, the analysis period, though/);
  // same period, or no period in the words: nothing added
  assert.doesNotMatch(laAccountingText(acc, undefined, Infinity, { period: 2026, periods: [2026] }), /The LAs are those/);
  assert.equal(laAccountingText({ ...acc, period_las: 153, left_out: [] }, undefined, Infinity, values), "all 153 linked LAs analysed.");
});

test("an outcome suppressed for small numbers is said with its count and status, and its LAs left out apart from those with no outcome", () => {
  // looked-after children's KS2 results on the official package, 2025: 74 of 153 LAs suppressed (DfE c), 2 not applicable
  const acc: LaAccountingJson = {
    period: 2025, package_las: 153, period_las: 153, linked: 77, analysed: 101,
    left_out: [
      { ...la(1), reason: "no-outcome" },
      { ...la(2), reason: "outcome-suppressed", outcome_status: "suppressed:c" },
      { ...la(3), reason: "outcome-suppressed", outcome_status: "suppressed:c" },
    ],
    earlier_slots_only: [la(4)],
    outcome_suppressed_latest: [{ status: "suppressed:c", las: 74 }],
  };
  const values = { period: 2025, periods: [2025], outcome_measure: { outcome_year: 2025 } };
  assert.equal(
    laAccountingText(Object.freeze(acc), undefined, Infinity, values).split(". ")[1],
    "77 of the 153 LAs of 2025 linked; 74 LAs' outcome of 2025 is suppressed (small numbers; status suppressed:c): left out of the screen, not at random; " +
      "2 have no outcome in any slot drawn, suppressed (small numbers) in at least one: E06900002 LA 2, E06900003 LA 3; " +
      "1 has no outcome in any slot drawn, none suppressed: E06900001 LA 1.",
  );
  // without the outcome's year (a grade), the latest slot; two statuses, each counted
  const two = laAccountingText({ ...acc, outcome_suppressed_latest: [{ status: "suppressed:c", las: 70 }, { status: "suppressed:low", las: 1 }] });
  assert.match(two, /; 71 LAs' outcome in the latest slot is suppressed \(small numbers; status suppressed:c for 70, suppressed:low for 1\): left out of the screen, not at random;/);
});
