/**
 * An unpublished count withheld as small (1–9) is in the LAs' distribution as lying somewhere in (0, 10): bounds that
 * depend on where are not given, bands only where every place in (0, 10) gives the same one, ranks exactly (round 20
 * left the withheld counts out, which pulled count quartiles toward 0). Expected values by hand, R type 7 quantiles:
 * quantile(c(0, 0, 0, w1, w2, 12, 15, 20, 40), type = 7) with w1, w2 in (0, 10).
 * A published (official) indicator's values withheld from display are in it as published (round 23, review F2: they
 * are public, and LAIT ranks among them all): quantile(c(0, 0, 0, 3, 7, 12, 15, 20, 40), type = 7) = 0, 0, 7, 15, 40.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { discloser } from "../../lib/profile/build-indicator";
import type { Obs } from "../../lib/profile/package-index";
import { outOfSpread, periodDistribution, placeAmongLas } from "../../lib/profile/period-distribution";

/** A source whose counts are published (lib/data/official-sources.ts), and one whose counts are not. */
const OFFICIAL = "EES cla_la.csv";
const OWN = "Own data: visits.csv";
/** An unpublished count indicator, lower better, and the same published. */
const COUNT = { unit: "count", polarity: "down", source: OWN } as const;
const PUBLISHED_COUNT = { ...COUNT, source: OFFICIAL } as const;

const obs = (value: number, denominator = NaN): Obs => Object.freeze({ value, numerator: NaN, denominator, status: "" });
/** Nine LAs: three 0s, two withheld counts (3 and 7), then 12, 15, 20, 40. */
function rows(): Map<string, Obs> {
  return new Map([0, 0, 0, 3, 7, 12, 15, 20, 40].map((v, i) => [`E0600000${i}`, obs(v)]));
}

test("withheld counts are in the distribution as (0, 10): a bound that falls on them is not given, the others are", () => {
  const d = periodDistribution(rows(), COUNT, discloser(10));
  // positions (n − 1) p = 0, 2, 4, 6, 8: 0, 0, the second withheld, 15, 40
  assert.deepEqual([d.bounds.q0, d.bounds.q25, d.bounds.q50, d.bounds.q75, d.bounds.q100, d.bounds.n], [0, 0, NaN, 15, 40, 9]);
  assert.equal(d.withheldCounts, 2);
  // round 20's bounds over the values shown (0, 0, 0, 12, 15, 20, 40) had a median of 12
  assert.notEqual(d.bounds.q50, 12);
});

test("bands and quarters only where every place of the withheld counts agrees; ranks over all nine, exact", () => {
  const d = periodDistribution(rows(), COUNT, discloser(10));
  // 0 ≤ q25 = 0 whatever: band A (lower is better); 40 > q75 = 15: band D; 12 lies between the median (in (0, 10)) and
  // q75 = 15 either way: band C
  assert.deepEqual(placeAmongLas(0, d, "down"), { band: "A", quartile: 1 });
  assert.deepEqual(placeAmongLas(12, d, "down"), { band: "C", quartile: 3 });
  assert.deepEqual(placeAmongLas(40, d, "down"), { band: "D", quartile: 4 });
  const at = (code: string) => d.ranks.ranks[d.laIndex.get(code)!];
  assert.deepEqual([at("E06000000"), at("E06000005"), at("E06000008"), d.ranks.n], [1, 6, 9, 9], "0 first, 12 sixth (after three 0s and two withheld), 40 last");
});

test("a quartile interpolated between a withheld count and a value shown is not given; a band is, unless it hangs on where the count is", () => {
  // eight LAs: 0, w(5), 11, 12, 13, 14, 15, 16 — q25 at position 1.75: 5 + 0.75 (11 − 5), anywhere from 8.25 to 10.75
  const m = new Map([0, 5, 11, 12, 13, 14, 15, 16].map((v, i) => [`E0600001${i}`, obs(v)]));
  const d = periodDistribution(m, COUNT, discloser(10));
  assert.ok(Number.isNaN(d.bounds.q25));
  assert.ok(d.least.q25 < 8.3 && d.most.q25 > 10.7, `${d.least.q25} … ${d.most.q25}`);
  // an LA's own value is one of those: shown ones are 0 or 10 and more, never inside a bound's range, so each is placed
  assert.equal(placeAmongLas(11, d, "down").band, "B", "11 is above q25 wherever the withheld count is");
  assert.equal(placeAmongLas(0, d, "down").band, "A");
  // a value inside the range is not: 9.5 is under q25 when the withheld count is 5 or more, over it when less
  assert.deepEqual(placeAmongLas(9.5, d, "down"), { band: null, quartile: null });
});

test("a value withheld for its small denominator is left out as before; a rate or percentage is never in (0, threshold) by rule", () => {
  const m = rows();
  m.set("E06000099", obs(5, 4)); // a count of 5 whose denominator is 4: withheld for the denominator, could be anything
  m.set("E06000098", obs(NaN)); // no value: in no count
  const d = periodDistribution(m, COUNT, discloser(10));
  assert.deepEqual([d.bounds.n, d.withheldCounts], [9, 2], "left out");
  const pct = new Map([10, 20, 30, 40, 50].map((v, i) => [`E0600002${i}`, obs(v, i === 0 ? 6 : 100)]));
  const p = periodDistribution(pct, { unit: "percent", polarity: "up", source: OWN }, discloser(10));
  assert.deepEqual([p.bounds.q0, p.bounds.n, p.withheldCounts, p.leftOut], [20, 4, 0, 1]);
});

test("a published indicator's values withheld from display are in the distribution as published: bounds and ranks over all", () => {
  const d = periodDistribution(rows(), PUBLISHED_COUNT, discloser(10));
  // quantile(c(0, 0, 0, 3, 7, 12, 15, 20, 40), type = 7): 0, 0, 7, 15, 40; rank(ties.method = "min")
  assert.deepEqual([d.bounds.q0, d.bounds.q25, d.bounds.q50, d.bounds.q75, d.bounds.q100, d.bounds.n], [0, 0, 7, 15, 40, 9]);
  assert.deepEqual([d.withheldCounts, d.leftOut], [0, 0]);
  const at = (code: string) => d.ranks.ranks[d.laIndex.get(code)!];
  assert.deepEqual([at("E06000003"), at("E06000004"), at("E06000005")], [4, 5, 6], "3, 7, then 12");
  // a published value withheld for its small denominator (a percentage of 6 children): in, not left out
  const pct = new Map([10, 20, 30, 40, 50].map((v, i) => [`E0600002${i}`, obs(v, i === 0 ? 6 : 100)]));
  const p = periodDistribution(pct, { unit: "percent", polarity: "up", source: OFFICIAL }, discloser(10));
  assert.deepEqual([p.bounds.q0, p.bounds.n, p.leftOut], [10, 5, 0]);
  assert.equal(p.ranks.ranks[p.laIndex.get("E06000020")!], 5, "the lowest of five, higher better");
});

test("a published value whose denominator is no count of people (FTE) is neither withheld nor left out", () => {
  // City of London's caseload: 67 cases over 7 FTE social workers (9.6), beside 100 cases over 10 FTE
  const fte = (v: number, d: number): Obs => Object.freeze({ value: v, numerator: v * d, denominator: d, status: "" });
  const m = new Map([fte(9.6, 7), fte(10, 10), fte(15, 20), fte(20, 30)].map((o, i) => [`E0900000${i}`, o]));
  const cat = { unit: "ratio", polarity: "down", source: OFFICIAL, denominator: "FTE case-holding social workers (incl. agency) at 30 September" } as const;
  const disclose = discloser(10);
  assert.equal(disclose.hides(m.get("E09000000")!, cat), false);
  assert.equal(disclose.hides(m.get("E09000000")!, { ...cat, denominator: "children looked after at 31 March" }), true, "the same 7 of children is");
  const d = periodDistribution(m, cat, disclose);
  assert.deepEqual([d.bounds.q0, d.bounds.n, d.ranks.ranks[d.laIndex.get("E09000000")!]], [9.6, 4, 1]);
});

test("an unpublished percentage withheld for its small numerator or non-events is left out; a published one is in", () => {
  // 3 of 161 (1.863354%, the lowest) and 158 of 161 (98.1%, the highest): kept in, the minimum and the maximum were they
  const counted = (x: number, d: number): Obs => Object.freeze({ value: (100 * x) / d, numerator: x, denominator: d, status: "" });
  const m = new Map([counted(3, 161), counted(40, 100), counted(50, 100), counted(60, 100), counted(70, 100), counted(158, 161)].map((o, i) => [`E0600003${i}`, o]));
  const own = periodDistribution(m, { unit: "percent", polarity: "up", source: OWN }, discloser(10));
  assert.deepEqual([own.bounds.q0, own.bounds.q100, own.bounds.n, own.withheldCounts], [40, 70, 4, 0]);
  assert.equal(own.laIndex.has("E06000030"), false, "no rank for the withheld value");
  const published = periodDistribution(m, { unit: "percent", polarity: "up", source: OFFICIAL }, discloser(10));
  assert.deepEqual([published.bounds.q0, published.bounds.q100, published.bounds.n], [(100 * 3) / 161, (100 * 158) / 161, 6]);
});

test("the values out of the LAs' spread are an unpublished indicator's withheld ones, and none of a published one's; the distribution is over the others, the withheld counts as (0, 10)", () => {
  const own = outOfSpread(COUNT, discloser(10));
  assert.deepEqual([...rows().values()].map(own), [false, false, false, true, true, false, false, false, false]);
  assert.deepEqual([...rows().values()].map(outOfSpread(PUBLISHED_COUNT, discloser(10))), Array(9).fill(false));
  // a missing value is never withheld
  assert.equal(own(obs(NaN)), false);
  const d = periodDistribution(rows(), COUNT, discloser(10));
  assert.deepEqual([d.bounds.n - d.withheldCounts, d.withheldCounts, d.leftOut], [7, 2, 0]);
});
