import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { alignedZ, sourceFamily, triangulate, type TriangulationInput } from "../../lib/context/triangulation";

// Ten LAs' values: mean 25.2, sample SD = 4.289522 (R: sd(c(20, 22, 25, 27, 30, 31, 18, 24, 26, 29)))
const LAS = Object.freeze([20, 22, 25, 27, 30, 31, 18, 24, 26, 29]);
const SD = 4.289522118;

describe("alignedZ", () => {
  test("standardises against England with the SD across LAs, negated when low is good", () => {
    // (30 − 25)/4.289522 = 1.165631
    assert.ok(Math.abs(alignedZ(30, 25, LAS, "up").z - 5 / SD) < 1e-6);
    assert.ok(Math.abs(alignedZ(30, 25, LAS, "down").z + 5 / SD) < 1e-6);
    assert.ok(Math.abs(alignedZ(30, 25, LAS, "none").z - 5 / SD) < 1e-6);
    assert.equal(alignedZ(30, 25, LAS, "up").n, 10);
  });
  test("centres on the LA median when England has no figure, and says so", () => {
    const r = alignedZ(30, NaN, LAS, "up");
    assert.equal(r.centreSource, "la-median");
    assert.equal(r.centre, 25.5);
  });
  test("gives NaN with a reason when the LA has no value or too few LAs do", () => {
    assert.match(alignedZ(NaN, 25, LAS, "up").reason ?? "", /no value/);
    assert.match(alignedZ(30, 25, [1, 2, 3], "up").reason ?? "", /only 3 LAs/);
  });
});

function input(indicator: string, domain: TriangulationInput["domain"], source: string, value: number, polarity: TriangulationInput["polarity"] = "up"): TriangulationInput {
  return { indicator, label: indicator, domain, polarity, source, period: 2024, value, englandValue: 25, laValues: LAS };
}

describe("triangulate", () => {
  const inputs = Object.freeze([
    input("a", "workforce", "csww", 30), // z = +1.166
    input("b", "workforce", "csww", 29), // z = +0.933
    input("c", "workforce", "lait", 20, "down"), // low is good: (20 − 25)/SD negated = +1.166
    input("d", "child-safe", "cin", 20), // z = −1.166
    input("e", "child-safe", "cla", 31), // z = +1.399
    input("f", "child-safe", "cla", NaN),
    input("g", "child-safe", "cla", NaN),
    input("h", "child-safe", "cla", 26, "none"), // shown, not in composite
    input("ctx", "context", "iod", 0.3),
  ]);
  const t = triangulate(inputs);
  test("computes each domain's composite as the mean aligned z", () => {
    const w = t.domains.find((d) => d.domain === "workforce")!;
    assert.ok(Math.abs(w.composite - (5 + 4 + 5) / SD / 3) < 1e-6);
    assert.equal(w.n, 3);
    assert.equal(w.sourcesAgree, true);
    assert.equal(w.signConsensus, 1);
    assert.equal(w.thin, false);
  });
  test("flags disagreement between sources and thin evidence, with reasons", () => {
    const s = t.domains.find((d) => d.domain === "child-safe")!;
    assert.equal(s.n, 2);
    assert.equal(s.missing, 2);
    assert.equal(s.sourcesAgree, false);
    assert.equal(s.thin, true);
    assert.equal(s.thinReasons[0], "2 indicator(s) with a value and a good direction to judge by (fewer than 3); 1 more has a value but no good direction");
  });
  test("does not call a domain whose indicators all have a value but no good direction one without values", () => {
    const noDirection = triangulate(["a", "b", "c", "d", "e"].map((id, i) => input(id, "conditions-and-culture", "csww", 20 + i, "none")));
    assert.deepEqual(noDirection.domains[0].thinReasons[0], "0 indicator(s) with a value and a good direction to judge by (fewer than 3); 5 more have a value but no good direction");
  });
  test("leaves context variables and polarity-none indicators out of the composites", () => {
    assert.ok(!t.indicators.some((x) => x.indicator === "ctx"));
    assert.equal(t.indicators.find((x) => x.indicator === "h")!.inComposite, false);
    assert.ok(!t.domains.some((d) => d.domain === "context"));
  });
  test("says when one source only informs a domain (agreement cannot be judged)", () => {
    const one = triangulate([input("a", "workforce", "csww", 30), input("b", "workforce", "csww", 29), input("c", "workforce", "csww", 28)]);
    assert.equal(one.domains[0].singleSource, true);
    assert.equal(one.domains[0].sourcesAgree, null);
    assert.equal(one.domains[0].thin, false);
  });
  test("flags a domain where most indicators are missing", () => {
    const gappy = triangulate([input("a", "workforce", "csww", 30), input("b", "workforce", "lait", 29), input("c", "workforce", "csww", 28), input("d", "workforce", "csww", NaN), input("e", "workforce", "csww", NaN), input("f", "workforce", "csww", NaN), input("g", "workforce", "csww", NaN)]);
    assert.deepEqual(gappy.domains[0].thinReasons, ["4 of 7 indicators missing"]);
  });
  test("classes catalogue sources into data collections", () => {
    assert.equal(sourceFamily("EES csww_indicators*.csv: turnover_rate_fte"), "Workforce census (CSWW)");
    assert.equal(sourceFamily('LAIT big data sheet (bds_long), Short Desc "RevCP", topic Child Protection; polarity'), "Children in need census");
    assert.equal(sourceFamily("EES la_cla_placement_stability*.csv: percentage"), "Looked-after children (SSDA903)");
    assert.equal(sourceFamily("synthetic generator"), "synthetic generator");
  });
});
