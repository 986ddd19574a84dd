import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { decileCounts, decileMembership, rankLAs } from "../../lib/indicators/ranking";
import { InputError } from "../../lib/errors";
import fc from "fast-check";
import { assertAllClose, reference } from "../reference/load-reference";

const ref = reference().ranking;
const values = Object.freeze(ref.values.slice()) as number[];

describe("rankLAs", () => {
  it("matches R's rank() on real 2024 data for both polarities and both tie rules (1 = best, NaN kept)", () => {
    assertAllClose(rankLAs(values, "up").rank, ref.upAverage, 0, "up, average");
    assertAllClose(rankLAs(values, "up", { ties: "min" }).rank, ref.upMin, 0, "up, min");
    assertAllClose(rankLAs(values, "down").rank, ref.downAverage, 0, "down, average");
    assertAllClose(rankLAs(values, "down", { ties: "min" }).rank, ref.downMin, 0, "down, min");
  });

  it("states n, the missing count and the number of tied groups", () => {
    const r = rankLAs(values, "down");
    assert.equal(r.n + r.nMissing, values.length);
    assert.ok(r.tiedGroups > 0, "the published percentages are whole numbers, so there are ties");
    assert.deepEqual(Array.from(rankLAs([12, 30, 30, 5], "down").rank), [2, 3.5, 3.5, 1]);
  });

  it("gives percentiles from 100 (best) to 0 (worst)", () => {
    const p = rankLAs([1, 2, 3, 4, 5], "up").percentile;
    assert.deepEqual(Array.from(p), [0, 25, 50, 75, 100]);
  });

  it("does not rank polarity 'none' and says why", () => {
    const r = rankLAs([1, 2, 3], "none");
    assert.ok(Array.from(r.rank).every(Number.isNaN));
    assert.match(r.reason ?? "", /not ranked/);
    assert.throws(() => rankLAs([1, 2], "sideways" as never), InputError);
  });
});

describe("decileMembership", () => {
  it("best and worst are the LAs whose min-tie rank from that end is within the cut, as rankLAs gives it in each direction (ties, missing values, both polarities)", () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(NaN), fc.constantFrom(-0, 0.5, 1e300, -1e300));
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 40 }), fc.constantFrom("up" as const, "down" as const), fc.constantFrom(0.1, 0.25, 0.5), (values, polarity, fraction) => {
        const m = decileMembership(values, polarity, { fraction });
        const fromBest = rankLAs(values, polarity, { ties: "min" }).rank;
        const fromWorst = rankLAs(values, polarity === "up" ? "down" : "up", { ties: "min" }).rank;
        for (let i = 0; i < values.length; i++) {
          assert.equal(m.best[i], fromBest[i] <= m.cutoff ? 1 : 0, `best[${i}] of ${JSON.stringify(values)}`);
          assert.equal(m.worst[i], fromWorst[i] <= m.cutoff ? 1 : 0, `worst[${i}] of ${JSON.stringify(values)}`);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("puts in the best group the LAs whose min-tie rank is within ceil(10% of n), ties at the cut included", () => {
    const m = decileMembership(values, "down");
    const n = values.filter((v) => !Number.isNaN(v)).length;
    const k = Math.ceil(0.1 * n);
    assert.equal(m.cutoff, k);
    const bestR = ref.downMin.map((r: number) => (r <= k ? 1 : 0));
    const worstR = ref.upMin.map((r: number) => (r <= k ? 1 : 0));
    assert.deepEqual(Array.from(m.best), bestR);
    assert.deepEqual(Array.from(m.worst), worstR);
    assert.equal(m.tiesAtBestCut, m.bestCount > k);
    assert.ok(m.bestCount >= k && m.worstCount >= k);
  });

  it("uses k = 15 for 150 LAs (no floating-point 15.000000000000002 → 16)", () => {
    const v = Array.from({ length: 150 }, (_, i) => i);
    const m = decileMembership(v, "up");
    assert.equal(m.cutoff, 15);
    assert.equal(m.bestCount, 15);
    assert.equal(m.best[149], 1);
    assert.equal(m.worst[0], 1);
  });

  it("reports ties at the cut", () => {
    const m = decileMembership([10, 9, 9, 1, 2, 3, 4, 5, 6, 7, 8], "up", { fraction: 0.2 });
    assert.equal(m.cutoff, 3);
    const t = decileMembership([10, 9, 8, 8, 1, 2, 3, 4, 5, 6, 7], "up", { fraction: 0.2 });
    assert.equal(t.bestCount, 4);
    assert.equal(t.tiesAtBestCut, true);
  });
});

describe("decileCounts", () => {
  it("counts memberships per LA and tabulates LAs by how many indicators they are in the group for (Tables 1 and 3)", () => {
    const a = decileMembership([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "up");
    const b = decileMembership([10, 2, 3, 4, 5, 6, 7, 8, 9, 1], "up");
    const c = decileMembership([10, 9, 8, 7, 6, 5, 4, 3, 2, NaN], "none");
    const t = decileCounts([a, b, c], "best");
    assert.equal(t.nIndicators, 2, "polarity none is skipped");
    assert.deepEqual(Array.from(t.perLA), [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(t.table.map((r) => r.las), [8, 2]);
    assert.equal(t.table.reduce((s, r) => s + r.las, 0), 10);
    const w = decileCounts([a, b], "worst");
    assert.deepEqual(Array.from(w.perLA), [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});
