import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { extremeMembership } from "../../lib/vitals/percentiles";

const las = Object.freeze(Array.from({ length: 20 }, (_, i) => `E0690000${String(i).padStart(2, "0")}`));
const up = Object.freeze(Array.from({ length: 20 }, (_, i) => i + 1)); // LA 19 best, LA 0 worst
const down = Object.freeze(Array.from({ length: 20 }, (_, i) => i + 1)); // LA 0 best

describe("extremeMembership (Tables 1–4 of the 2016 study)", () => {
  test("counts best and worst 10% per LA, polarity-aware (k = ⌈0.1·20⌉ = 2)", () => {
    const m = extremeMembership(las, [
      { indicator: "a", polarity: "up", values: up },
      { indicator: "b", polarity: "down", values: down },
    ]);
    assert.deepEqual(m.perIndicator.map((p) => [p.indicator, p.cutoff, p.nBest, p.nWorst]), [["a", 2, 2, 2], ["b", 2, 2, 2]]);
    assert.deepEqual([m.perLa[0].best, m.perLa[0].worst], [1, 1]); // worst on a, best on b
    assert.deepEqual([m.perLa[19].best, m.perLa[19].worst], [1, 1]);
    assert.deepEqual([m.perLa[10].best, m.perLa[10].worst], [0, 0]);
    assert.deepEqual(m.bestDistribution.map((d) => d.las), [16, 4]);
    assert.equal(m.bestDistribution.reduce((s, d) => s + d.las, 0), 20);
  });

  test("polarity none is listed with its reason and not counted; missing values are in neither group", () => {
    const withGap = up.map((v, i) => (i === 19 ? NaN : v));
    const m = extremeMembership(las, [
      { indicator: "a", polarity: "up", values: withGap },
      { indicator: "n", polarity: "none", values: up },
    ]);
    assert.equal(m.perLa[19].best, 0);
    assert.equal(m.perLa[19].judged, 0);
    assert.match(m.perIndicator[1].reason ?? "", /not ranked/);
  });

  test("lengths must match and at least one indicator is needed", () => {
    assert.throws(() => extremeMembership(las, [{ indicator: "a", polarity: "up", values: [1, 2] }]), /one entry per LA/);
    assert.throws(() => extremeMembership(las, []), /at least one indicator/);
  });
});
