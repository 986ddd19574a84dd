import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { funnelEstimate, funnelInput, type FunnelObservation } from "../../lib/profile/funnel-input";
import { MIN_UNITS_FOR_DISPERSION, estimateOverdispersion } from "../../lib/indicators/overdispersion";

const las = (rows: [number, number, number][]): Map<string, FunnelObservation> =>
  new Map(rows.map(([value, numerator, denominator], i) => [`E0600000${i}`, Object.freeze({ value, numerator, denominator })]));
const twelve = (f: (i: number) => [number, number, number]) => las(Array.from({ length: 12 }, (_, i) => f(i)));

describe("funnelInput", () => {
  it("takes the LAs with a value and a denominator, their published numerators, and the England value as target", () => {
    const byLa = twelve((i) => [(100 * (10 + i)) / 100, 10 + i, 100]);
    byLa.set("E09999999", { value: NaN, numerator: NaN, denominator: 100 });
    byLa.set("E09999998", { value: 5, numerator: 5, denominator: 0 });
    const input = funnelInput(byLa, "percent", 15);
    assert.ok(!("unavailable" in input));
    assert.equal(input.codes.length, 12);
    assert.equal(input.type, "proportion");
    assert.equal(input.target, 15);
    assert.deepEqual(input.numerators.slice(0, 3), [10, 11, 12]);
  });

  it("derives a missing numerator as value × denominator / multiplier, and caps a proportion's at its denominator", () => {
    const byLa = twelve((i) => [20 + i, i === 0 ? NaN : 20 + i, 100]);
    byLa.set("E09999997", { value: 100, numerator: 120, denominator: 100 });
    const input = funnelInput(byLa, "percent", null);
    assert.ok(!("unavailable" in input));
    assert.equal(input.numerators[0], 20);
    assert.equal(input.numerators[12], 100);
    assert.equal(input.target, undefined, "no England value: the pooled target");
  });

  it("says why there is no funnel instead of throwing: unit, too few LAs, a negative count, no usable target", () => {
    assert.match((funnelInput(twelve(() => [3, 3, 1]), "score", 2) as { unavailable: string }).unavailable, /unit "score"/);
    const few = las(Array.from({ length: MIN_UNITS_FOR_DISPERSION - 1 }, () => [10, 10, 100] as [number, number, number]));
    assert.match((funnelInput(few, "percent", 10) as { unavailable: string }).unavailable, /fewer than 10 LAs/);
    assert.match((funnelInput(twelve(() => [-1, NaN, 100]), "rate_per_10k", 5) as { unavailable: string }).unavailable, /negative/);
    // every LA at 0%: a pooled proportion of 0 cannot be a target, and England's 0 neither
    assert.match((funnelInput(twelve(() => [0, 0, 100]), "percent", 0) as { unavailable: string }).unavailable, /no usable target/);
  });

  it("draws no funnel of counts over school sessions: binomial limits would be far too narrow, as the intervals' would", () => {
    const byLa = twelve((i) => [20 + i, 200 + 10 * i, 1000]);
    assert.ok(!("unavailable" in funnelInput(byLa, "percent", 22, "pupils")));
    assert.match((funnelInput(byLa, "percent", 22, "possible sessions") as { unavailable: string }).unavailable, /school sessions, which cluster within pupils: binomial control limits/);
  });

  it("each input it accepts is one estimateOverdispersion accepts, with the same estimate", () => {
    const byLa = twelve((i) => [(100 * (5 + 3 * i)) / (200 + 10 * i), 5 + 3 * i, 200 + 10 * i]);
    const input = funnelInput(byLa, "percent", 12);
    assert.ok(!("unavailable" in input));
    const e = funnelEstimate(input);
    const direct = estimateOverdispersion(input.numerators, input.denominators, { type: "proportion", multiplier: 100, target: 12 });
    assert.equal(e.est.phi, direct.phi);
    assert.equal(e.zAdjusted.length, 12);
  });
});
