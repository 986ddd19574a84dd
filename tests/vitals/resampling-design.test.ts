import { test } from "node:test";
import assert from "node:assert/strict";
import { planResamplingDesign } from "../../lib/vitals/resampling-design";
import { resamplingDesignText } from "../../lib/report/selection-words";

/** One slot of `n` LAs: an outcome (and a context value) for the LA rows in `with`, NaN for the others. */
function slot(label: string, n: number, withOutcome: (i: number) => boolean) {
  const outcome = Float64Array.from({ length: n }, (_, i) => (withOutcome(i) ? i % 4 : NaN));
  return { label, outcome, context: [Float64Array.from({ length: n }, (_, i) => i / n)] };
}

// an outcome each LA has once, in different years (one inspection grade per LA): 9 LAs in the latest year, 48 and 39
// in the two before (h26-read S1-1: the screen showed the 9 while the resamples drew 96)
const N = 100;
const once = [slot("2025", N, (i) => i < 9), slot("2024", N, (i) => i >= 9 && i < 57), slot("2023", N, (i) => i >= 57 && i < 96)];

test("when the LAs of slot 0 would be fewer than half of those drawn, only they are resampled, and how many were not drawn is said", () => {
  const d = planResamplingDesign(once);
  assert.deepEqual([...d.units], [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(d.earlierOnlyLeftOut, 87);
  assert.deepEqual(d.slots.map((s) => [s.las, s.used]), [[9, true], [48, true], [39, true]]);
});

test("an LA of slot 0 still brings its earlier slots when LAs of earlier slots only are not drawn", () => {
  // 20 LAs in slot 0, 10 of them also in slot 1; 50 more in slot 1 only
  const d = planResamplingDesign([slot("latest", N, (i) => i < 20), slot("one before", N, (i) => i >= 10 && i < 70)]);
  assert.equal(d.units.length, 20);
  assert.equal(d.earlierOnlyLeftOut, 50);
  assert.deepEqual(d.unitSlots.map((own) => own.length), [...Array(10).fill(1), ...Array(10).fill(2)]);
});

test("LAs drawn through an earlier slot are kept while slot 0's LAs are at least half (a suppressed latest year: KS2's 76 of 100)", () => {
  const d = planResamplingDesign([slot("latest", N, (i) => i < 76), slot("one before", N, (i) => i >= 40)]);
  assert.equal(d.units.length, 100);
  assert.equal(d.earlierOnlyLeftOut, 0);
  // exactly half: kept
  const half = planResamplingDesign([slot("latest", N, (i) => i < 40), slot("one before", N, (i) => i >= 40 && i < 80)]);
  assert.equal(half.units.length, 80);
  assert.equal(half.earlierOnlyLeftOut, 0);
  // one more earlier-only LA than slot 0's: only slot 0's drawn
  const more = planResamplingDesign([slot("latest", N, (i) => i < 40), slot("one before", N, (i) => i >= 40 && i < 81)]);
  assert.equal(more.units.length, 40);
  assert.equal(more.earlierOnlyLeftOut, 41);
});

test("the design's words say that LAs of earlier slots only were not drawn, and why, only when some were not", () => {
  const fields = {
    resampling: "complementary-pairs" as const, units: 9, resample_sizes: [4, 5], min_slot_las: 30, units_with_several_slots: 0,
    slots: [{ label: "outcome of 2025", las: 9, used: true }, { label: "outcome of 2024", las: 48, used: true }],
    resamples: 1000, usable_resamples: 994, test_in_resample: "partial correlation has p ≤ 0.1",
  };
  const said = resamplingDesignText({ ...fields, earlier_slots_only_left_out: 87 }, "value");
  assert.match(said, /Only LAs with an outcome in the first slot are resampled: the 87 LAs with one in earlier slots only would have outnumbered them/);
  assert.match(said, /give the year most LAs have \(--period\)/);
  assert.doesNotMatch(resamplingDesignText(fields, "value"), /Only LAs/);
});
