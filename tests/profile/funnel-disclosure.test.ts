import { test } from "node:test";
import assert from "node:assert/strict";
import { countsAreSmall } from "../../lib/profile/funnel-view";
import { discloser } from "../../lib/profile/build-indicator";

test("a funnel point whose denominator, events or non-events are 1–9 is small; zeros and 10 or more are not", () => {
  // the walkthrough's point: 15.8% of 57 re-referrals gives 9 back
  assert.equal(countsAreSmall({ value: 15.8, numerator: NaN, denominator: 57 }, "proportion", 10), true);
  assert.equal(countsAreSmall({ value: 15.8, numerator: 9, denominator: 57 }, "proportion", 10), true);
  assert.equal(countsAreSmall({ value: 0, numerator: 0, denominator: 20 }, "proportion", 10), false, "0 of 20: a zero is not suppressed");
  assert.equal(countsAreSmall({ value: 95, numerator: 38, denominator: 40 }, "proportion", 10), true, "2 non-events");
  assert.equal(countsAreSmall({ value: 50, numerator: 10, denominator: 20 }, "proportion", 10), false);
  assert.equal(countsAreSmall({ value: 100, numerator: 9, denominator: 9 }, "proportion", 10), true, "a denominator of 9");
  // a rate per 10,000: 12.5 per 10,000 children of 4,000 is 5 events
  assert.equal(countsAreSmall({ value: 12.5, numerator: NaN, denominator: 4000 }, "rate", 10), true);
  assert.equal(countsAreSmall({ value: 25, numerator: NaN, denominator: 4000 }, "rate", 10), false, "10 events");
  // the threshold is the profile's
  assert.equal(countsAreSmall({ value: 15.8, numerator: 9, denominator: 57 }, "proportion", 5), false);
});

test("the profile withholds an unpublished indicator's value when it would give a small count back; official counts keep theirs", () => {
  // a walkthrough: own data 33.3% [13.8, 60.9] gave 4 of 12 back (check-disclosure saw nothing in profile.json); a
  // review: the value alone does, 1.863354% is 3 of 161 (the smallest fraction that rounds to it)
  const d = discloser(10);
  const OWN = "Own data: reviews.csv";
  const OFFICIAL = "EES ks4_la*.csv: …";
  const fourOfTwelve = { value: 33.3, numerator: 4, denominator: 12 };
  assert.equal(d.hides(fourOfTwelve, { unit: "percent", source: OWN }), true);
  assert.equal(d.hides(fourOfTwelve, { unit: "percent", source: OFFICIAL }), false, "published: the count is public");
  assert.equal(d.hides({ value: 95, numerator: 38, denominator: 40 }, { unit: "percent", source: OWN }), true, "2 non-events");
  assert.equal(d.hides({ value: 50, numerator: 10, denominator: 20 }, { unit: "percent", source: OWN }), false);
  assert.equal(d.hides({ value: 0, numerator: 0, denominator: 20 }, { unit: "percent", source: OWN }), false, "a zero is not suppressed");
  // numerator not given: taken as value × denominator, as the interval is
  assert.equal(d.hides({ value: 12.5, numerator: null, denominator: 4000 }, { unit: "rate_per_10k", source: OWN }), true, "5 per 4,000 children");
  assert.equal(d.hides({ value: 25, numerator: null, denominator: 4000 }, { unit: "rate_per_10k", source: OWN }), false);
  assert.equal(d.hides({ value: 4, numerator: null, denominator: null }, { unit: "ratio", source: OWN }), false, "no counts to give back");
  const threeOf161 = { value: 1.863354, numerator: null, denominator: 161 };
  assert.equal(d.hides(threeOf161, { unit: "percent", source: OWN }), true, "3 of 161, from the value and denominator");
  assert.equal(d.hides(threeOf161, { unit: "percent", source: OFFICIAL }), false);
  assert.equal(d.hides({ value: 18.6335, numerator: 30, denominator: 161 }, { unit: "percent", source: OWN }), false, "30 of 161 is shown");
  // what is withheld is counted; the value of one shown is exported as it is
  assert.equal(d.value(threeOf161, { unit: "percent", source: OWN }), null);
  assert.equal(d.value(threeOf161, { unit: "percent", source: OFFICIAL }), 1.863354);
  assert.equal(d.suppressed, 1);
});
