import { test } from "node:test";
import assert from "node:assert/strict";
import { countsAreSmall } from "../../lib/profile/funnel-view";

test("a funnel point whose denominator, events or non-events are 1–9 is small; zeros and 10 or more are not", () => {
  // the walkthrough's point: 15.8% of 57 re-referrals gives 9 back
  assert.equal(countsAreSmall({ value: 15.8, numerator: NaN, denominator: 57 }, "proportion", 100, 10), true);
  assert.equal(countsAreSmall({ value: 15.8, numerator: 9, denominator: 57 }, "proportion", 100, 10), true);
  assert.equal(countsAreSmall({ value: 0, numerator: 0, denominator: 20 }, "proportion", 100, 10), false, "0 of 20: a zero is not suppressed");
  assert.equal(countsAreSmall({ value: 95, numerator: 38, denominator: 40 }, "proportion", 100, 10), true, "2 non-events");
  assert.equal(countsAreSmall({ value: 50, numerator: 10, denominator: 20 }, "proportion", 100, 10), false);
  assert.equal(countsAreSmall({ value: 100, numerator: 9, denominator: 9 }, "proportion", 100, 10), true, "a denominator of 9");
  // a rate per 10,000: 12.5 per 10,000 children of 4,000 is 5 events
  assert.equal(countsAreSmall({ value: 12.5, numerator: NaN, denominator: 4000 }, "rate", 10000, 10), true);
  assert.equal(countsAreSmall({ value: 25, numerator: NaN, denominator: 4000 }, "rate", 10000, 10), false, "10 events");
  // the threshold is the profile's
  assert.equal(countsAreSmall({ value: 15.8, numerator: 9, denominator: 57 }, "proportion", 100, 5), false);
});
