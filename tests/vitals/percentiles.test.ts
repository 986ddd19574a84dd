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

  test("LAs tied at the cut are in neither group, so no group exceeds k (k = 2 of 20)", () => {
    // up: the best two would be 20 and one of three 19s; the three 19s are tied at the cut, so only 20 is in
    const tiedAtBest = up.map((v, i) => (i === 16 || i === 17 ? 19 : v));
    // down: 2, 2, 3, … 20: the two tied best values fill the group of 2 exactly, so both stay in
    const tiedAtWorst = down.map((v, i) => (i === 0 ? 2 : v));
    const m = extremeMembership(las, [
      { indicator: "a", polarity: "up", values: Object.freeze(tiedAtBest) },
      { indicator: "b", polarity: "down", values: Object.freeze(tiedAtWorst) },
    ]);
    assert.deepEqual(m.perIndicator.map((p) => [p.indicator, p.cutoff, p.nBest, p.nWorst]), [["a", 2, 1, 2], ["b", 2, 2, 2]]);
    assert.equal(m.perLa[19].best, 1);
    assert.deepEqual([16, 17, 18].map((i) => m.perLa[i].best), [0, 0, 0]);
    assert.deepEqual([0, 1].map((i) => m.perLa[i].best), [1, 1], "b: the two tied best values fill the group of 2 exactly");
    for (const p of m.perIndicator) assert.ok(p.nBest <= p.cutoff && p.nWorst <= p.cutoff, p.indicator);
    assert.match(m.rule, /tied at the cut are in neither group/);
  });

  test("with ties at the cut in both (the 2016 study's reproduction) a group can exceed k; a constant indicator still places nobody", () => {
    const tiedAtBest = Object.freeze(up.map((v, i) => (i === 16 || i === 17 ? 19 : v)));
    const constant = Object.freeze(up.map(() => 7));
    const m = extremeMembership(las, [
      { indicator: "a", polarity: "up", values: tiedAtBest },
      { indicator: "flat", polarity: "up", values: constant },
    ], 0.1, "in-both");
    assert.deepEqual(m.perIndicator.map((p) => [p.nBest, p.nWorst]), [[4, 2], [0, 0]]);
    assert.match(m.perIndicator[1].reason ?? "", /^constant/);
    assert.match(m.rule, /every LA tied at the cut is in the group/);
    assert.throws(() => extremeMembership(las, [{ indicator: "a", polarity: "up", values: up }], 0.1, "random" as "in-both"), /tiesAtCut must be/);
  });

  test("a constant indicator places nobody: it is left out with its reason, as polarity none is", () => {
    const constant = Object.freeze(up.map((_, i) => (i === 3 ? NaN : 16)));
    const m = extremeMembership(las, [
      { indicator: "a", polarity: "up", values: up },
      { indicator: "flat", polarity: "down", values: constant },
    ]);
    const flat = m.perIndicator[1];
    assert.deepEqual([flat.n, flat.nBest, flat.nWorst], [19, 0, 0]);
    assert.match(flat.reason ?? "", /^constant: every one of the 19 LAs with a value has the same value/);
    assert.equal(flat.notRanked, "constant");
    assert.ok(m.perLa.every((l) => l.judged === 1), "judged counts only the ranked indicator a");
    assert.deepEqual(m.bestDistribution.map((d) => d.las), [18, 2]);
    assert.deepEqual(m.worstDistribution.map((d) => d.las), [18, 2]);
  });

  test("lengths must match and at least one indicator is needed", () => {
    assert.throws(() => extremeMembership(las, [{ indicator: "a", polarity: "up", values: [1, 2] }]), /one entry per LA/);
    assert.throws(() => extremeMembership(las, []), /at least one indicator/);
  });
});
