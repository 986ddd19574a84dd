/** The design and the error bound in words: what each sentence says for typical and edge-case fields. */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { errorBoundText, resamplingDesignText, type ErrorBoundFields } from "../../lib/report/selection-words";

const bound = (unimodal: number | null, selected: number): ErrorBoundFields => ({
  q: 5, p: 100, threshold: 0.75, pairs: 50, selected,
  bounds: [
    { assumption: "none", expected_false: 2.5 },
    { assumption: "unimodal", expected_false: unimodal, ...(unimodal === null ? { reason: "threshold too low" } : {}) },
    { assumption: "r-concave", expected_false: 0.0648 },
  ],
});

describe("errorBoundText", () => {
  test("states 'at most X of the N selected' with the unimodal bound first and the others after", () => {
    const t = errorBoundText(bound(0.255, 4));
    assert.match(t, /^At most 0\.3 of the 4 selected indicators are expected to be noise, assuming unimodal selection frequencies \(Shah & Samworth 2013\); 2\.5 with no assumption/);
    assert.match(t, /0\.1 assuming r-concave/);
    assert.match(t, /Threshold 0\.75, on average 5\.0 of 100 indicators selected per resample, 50 complementary pairs/);
    assert.doesNotMatch(t, /does not rule out/);
  });

  test("a bound as large as the selection says it does not rule out that all are noise; one selected reads 'is'", () => {
    // a bound at or above the number selected is said as no limit on this result, not "at most 1.2 of the 1"
    assert.match(errorBoundText(bound(1.2, 1)), /^The expected number of noise indicators among the 1 selected indicator is bounded only by 1\.2, assuming unimodal selection frequencies \(Shah & Samworth 2013\): a bound this large does not rule out that every one of them is noise; /);
    assert.doesNotMatch(errorBoundText(bound(1.2, 1)), /At most 1\.2 of the 1/);
    assert.match(errorBoundText(bound(0.4, 1)), /^At most 0\.4 of the 1 selected indicator is expected to be noise, assuming unimodal/);
  });

  test("with nothing selected it says none of the selection is noise and that the bound is the method's, never 'X of the 0 selected'", () => {
    const t = errorBoundText(bound(1.5, 0));
    assert.match(t, /^No indicator was selected, so none of the selection is noise; the bound is on the method, not this result: at most 1\.5 noise indicators are expected to be selected by a screen like this, assuming unimodal selection frequencies \(Shah & Samworth 2013\); 2\.5 with no assumption/);
    assert.doesNotMatch(t, /of the 0 selected|does not rule out/);
  });

  test("a bound no smaller than the assumption-free one is not the headline and is said to be no tighter", () => {
    // the official pilot-shaped run: q large, the r-concave bound p (21.0 of 21 screened) beside 12.7 with none
    const e: ErrorBoundFields = { q: 11.5, p: 21, threshold: 0.75, pairs: 500, selected: 6, bounds: [
      { assumption: "none", expected_false: 12.7 }, { assumption: "unimodal", expected_false: 6.4 }, { assumption: "r-concave", expected_false: 21 },
    ] };
    const t = errorBoundText(e);
    assert.match(t, /bounded only by 6\.4, assuming unimodal/);
    assert.match(t, /; 12\.7 with no assumption[^;]*; 21\.0 assuming r-concave selection frequencies \(Shah & Samworth 2013\), no tighter than the 12\.7 with no assumption, which holds under it too/);
    assert.doesNotMatch(t, /12\.7 with no assumption[^;]*, no tighter/, "the assumption-free bound is not compared with itself");
    // a unimodal bound above the assumption-free one gives way to it as the headline
    const swapped = { ...e, bounds: [e.bounds[0], { assumption: "unimodal" as const, expected_false: 13 }, e.bounds[2]] };
    assert.match(errorBoundText(swapped), /^The expected number of noise indicators among the 6 selected indicators is bounded only by 12\.7, with no assumption/);
    assert.match(errorBoundText(swapped), /13\.0 assuming unimodal selection frequencies \(Shah & Samworth 2013\), no tighter than the 12\.7/);
  });

  test("falls back to the assumption-free bound when the unimodal one is undefined, and says why", () => {
    const t = errorBoundText(bound(null, 3));
    assert.match(t, /^At most 2\.5 of the 3 selected indicators are expected to be noise, with no assumption/);
    assert.match(t, /undefined: unimodal: threshold too low/);
  });

  test("p smaller than the indicators screened: says how many could be selected in a resample and which could not, grouped by reason", () => {
    const e: ErrorBoundFields = {
      ...bound(0.255, 4), p: 97, screened: 100,
      not_selectable: [
        { indicator: "a_pct", reason: "no full-sample partial correlation (n = 0 LAs: …)" },
        { indicator: "b_pct", reason: "its full-sample partial correlation is 0, so it has no sign for a resample to agree with" },
        { indicator: "c_pct", reason: "no full-sample partial correlation (n = 0 LAs: …)" },
      ],
    };
    assert.match(errorBoundText(e), /on average 5\.0 of 97 indicators selected per resample, 50 complementary pairs; 97 of the 100 screened indicators could be selected in a resample \(a resample counts only passes with the sign of the full-sample partial correlation\), 3 could not — no full-sample partial correlation \(n = 0 LAs: …\): a_pct, c_pct; its full-sample partial correlation is 0, so it has no sign for a resample to agree with: b_pct\.\)$/);
    assert.doesNotMatch(errorBoundText({ ...e, p: 100, not_selectable: [] }), /screened/, "nothing to explain when every screened indicator counts");
  });

  test("no bound at all (bootstrap) is said as such", () => {
    const e: ErrorBoundFields = { q: 3, p: 10, threshold: 0.6, pairs: null, selected: 2, bounds: [{ assumption: "none", expected_false: null, reason: "the bounds hold for complementary pairs" }] };
    assert.equal(errorBoundText(e), "No error bound: the bounds hold for complementary pairs.");
  });
});

describe("resamplingDesignText", () => {
  test("the design names the unit, the pairs, every slot with its LAs and why one is left out, and usable resamples", () => {
    const t = resamplingDesignText({
      resampling: "complementary-pairs", units: 149, resample_sizes: [74, 75], min_slot_las: 30, units_with_several_slots: 114,
      resamples: 1000, usable_resamples: 1000, test_in_resample: "partial correlation has p ≤ 0.1",
      slots: [{ label: "latest", las: 149, used: true }, { label: "one before", las: 114, used: true }, { label: "two before", las: 1, used: false, reason: "left out: fewer than 30 LAs" }],
    });
    assert.match(t, /^The LA is the unit: 500 complementary pairs of half-samples of the 149 LAs \(74 and 75 LAs each; 1000 resamples\)/);
    assert.match(t, /114 LAs have more than one/);
    assert.match(t, /two before: 1 LA — left out: fewer than 30 LAs\./);
    assert.match(t, /1000 of 1000 resamples usable/);
  });
});

test("errorBoundText says the bound is on every indicator at or above the threshold when the checks removed some (audit, round 25)", () => {
  // the official analysis: 6 reached 0.6, the redundancy check removed one, 5 selected
  const official: ErrorBoundFields = {
    q: 18.594, p: 124, threshold: 0.6, pairs: 500, selected: 5, at_threshold: 6,
    bounds: [{ assumption: "none", expected_false: 13.941 }, { assumption: "unimodal", expected_false: 7.0055 }, { assumption: "r-concave", expected_false: 2.6788 }],
  };
  assert.match(errorBoundText(official), /^The expected number of noise indicators among the 5 selected indicators is bounded only by 7\.0, assuming unimodal selection frequencies \(Shah & Samworth 2013\): a bound this large does not rule out that every one of them is noise \(the bound is on the 6 indicators at or above the threshold; 5 of them passed the completeness, reliability and redundancy checks\); 13\.9 with no assumption/);
  // nothing removed, or results written before the field: as before
  assert.doesNotMatch(errorBoundText({ ...bound(0.255, 4), at_threshold: 4 }), /the bound is on the/);
  assert.doesNotMatch(errorBoundText(bound(0.255, 4)), /the bound is on the/);
});
