/**
 * Secondary suppression across one LA-period's figures (task h24-prof): a review found Leeds' withheld count of
 * unopposed adoptions, 8, given back by the 55 adopted and the 47 with consent dispensed shown beside it (55 − 47),
 * and by 15% unopposed (15% of 55 ≈ 8).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { secondarySuppression, type LaPeriodFigure } from "../../lib/disclosure/secondary-suppression";

const count = (value: number, withheld = false): LaPeriodFigure => ({ kind: "count", value, base: NaN, per: 1, withheld, hiddenCounts: withheld ? [value] : [] });
const percent = (value: number, base = NaN): LaPeriodFigure => ({ kind: "share", value, base, per: 100, withheld: false, hiddenCounts: [] });
const withheldOf = (figures: readonly LaPeriodFigure[]) => secondarySuppression(figures).map((w) => w.figure).sort((a, b) => a - b);

test("Leeds' adoptions: the other part and both percentages are withheld, the total is kept", () => {
  const figures = Object.freeze([count(55), count(47), count(8, true), percent(15), percent(85)].map((f) => Object.freeze(f)));
  const found = secondarySuppression(figures);
  assert.deepEqual(found.map((w) => [w.figure, w.rule, w.beside, w.count]), [
    [1, "difference", [0], 8],
    [3, "share-of-base", [0], 8],
    [4, "share-of-base", [0], 47],
  ]);
});

test("with no count withheld, nothing is", () => {
  assert.deepEqual(withheldOf([count(55), count(47), count(8), percent(15), percent(85)]), []);
});

test("a share is withheld for its non-events too: 85% of 55 leaves 8", () => {
  assert.deepEqual(withheldOf([count(55), count(8, true), percent(85)]), [2]);
});

test("a share of its own denominator gives a count withheld here back; an unrounded share is read at its precision", () => {
  // 85.454545…% of 55 is 47 exactly, withheld beside 55 and 8; of 56 it is no whole count
  assert.deepEqual(withheldOf([count(8, true), count(47), count(55), percent((100 * 47) / 55, 55)]), [1, 3]);
  assert.deepEqual(withheldOf([count(8, true), count(47), count(56), percent((100 * 47) / 55, 56)]), []);
  // its own small events are the one-figure rules' (shown where published): equal to another withheld count, they give nothing more
  assert.deepEqual(withheldOf([count(8, true), percent((100 * 8) / 55, 55)]), []);
});

test("a share that fits more than one count of a base gives none back: 3% of 120 is 3 or 4", () => {
  assert.deepEqual(withheldOf([count(120), count(4, true), percent(3)]), []);
  assert.deepEqual(withheldOf([count(1000), count(8, true), percent(1)]), []);
});

test("two shown parts of a withheld count: the smaller is withheld", () => {
  const hidden: LaPeriodFigure = { kind: "count", value: 47, base: NaN, per: 1, withheld: true, hiddenCounts: [47] };
  assert.deepEqual(withheldOf([hidden, count(20), count(27)]), [1]);
});

test("two equal shown parts of a withheld count: one is withheld", () => {
  const hidden: LaPeriodFigure = { kind: "count", value: 40, base: NaN, per: 1, withheld: true, hiddenCounts: [40] };
  assert.deepEqual(withheldOf([hidden, count(20), count(20)]), [2]);
  assert.deepEqual(withheldOf([hidden, count(20)]), []);
});

test("figures that are not counts of people neither give back nor are withheld as parts", () => {
  const fte: LaPeriodFigure = { kind: "other", value: 47, base: NaN, per: 1, withheld: false, hiddenCounts: [] };
  assert.deepEqual(withheldOf([count(55), fte, count(8, true)]), []);
});

test("withholding cascades: a part withheld is protected in turn", () => {
  // 55 − 47 = 8 withholds 47; then 60 − 13 = 47 withholds 13
  assert.deepEqual(withheldOf([count(55), count(47), count(8, true), count(60), count(13)]), [1, 4]);
});

/** A seeded generator (mulberry32) for the property test. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("after it, no two counts shown differ by (or sum to) a withheld count, and no share shown fits one of a count shown", () => {
  const next = random(24);
  for (let trial = 0; trial < 300; trial++) {
    const figures: LaPeriodFigure[] = [];
    const n = 3 + Math.floor(next() * 12);
    for (let i = 0; i < n; i++) {
      const v = Math.floor(next() * 80);
      if (next() < 0.3) figures.push(percent(Math.round(next() * 100)));
      else figures.push(count(v, v > 0 && v < 10));
    }
    const withheld = new Set(withheldOf(figures));
    const hidden = new Set(figures.flatMap((f, i) => (f.withheld ? f.hiddenCounts : withheld.has(i) && f.kind === "count" ? [f.value] : [])));
    const shownCounts = figures.filter((f, i) => f.kind === "count" && !f.withheld && !withheld.has(i) && f.value > 0).map((f) => f.value);
    shownCounts.forEach((a, i) => shownCounts.forEach((b, j) => assert.ok(i === j || (!hidden.has(a - b) && !hidden.has(a + b)), `trial ${trial}: ${a} and ${b}`)));
    figures.forEach((f, i) => {
      if (f.kind !== "share" || withheld.has(i)) return;
      for (const t of shownCounts) {
        const lo = Math.ceil(((f.value - 0.5) * t) / 100 - 1e-6), hi = Math.floor(((f.value + 0.5) * t) / 100 + 1e-6);
        if (lo === hi) assert.ok(!hidden.has(lo) && !hidden.has(t - lo), `trial ${trial}: ${f.value}% of ${t}`);
      }
    });
  }
});
