import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { benchmarkLA, compareProportion, compareRate } from "../../lib/indicators/benchmark";
import { rateInterval, wilsonInterval } from "../../lib/indicators/intervals";
import { assertClose } from "../reference/load-reference";

describe("compareProportion", () => {
  it("is similar when the benchmark lies inside the Wilson 95% interval, else better/worse by polarity", () => {
    // 5/20 = 25%, 95% CI [11.19, 46.87], 99.8% [7.17, 58.99]
    assert.equal(compareProportion(5, 20, 30, "up", { multiplier: 100 }).outcome, "similar");
    const worse = compareProportion(5, 20, 50, "up", { multiplier: 100 });
    assert.equal(worse.outcome, "worse");
    assert.equal(worse.confidence, 0.95);
    assert.equal(worse.significant, true);
    assertClose(worse.difference, -25, 1e-12, "difference", 1);
    const better = compareProportion(5, 20, 50, "down", { multiplier: 100 });
    assert.equal(better.outcome, "better");
    assert.equal(compareProportion(5, 20, 60, "down", { multiplier: 100 }).confidence, 0.998);
    assert.equal(compareProportion(5, 20, 60, "none", { multiplier: 100 }).outcome, "lower");
  });

  it("uses the same Wilson limits as wilsonInterval (the boundary decides)", () => {
    const ci = wilsonInterval(5, 20, { multiplier: 100 });
    assert.equal(compareProportion(5, 20, ci.upper, "up", { multiplier: 100 }).outcome, "similar");
    assert.equal(compareProportion(5, 20, ci.upper + 1e-9, "up", { multiplier: 100 }).outcome, "worse");
  });

  it("does not compare a missing value", () => {
    const r = compareProportion(NaN, 20, 30, "up", { multiplier: 100 });
    assert.equal(r.outcome, "not-compared");
    assert.equal(r.significant, false);
  });
});

describe("compareRate", () => {
  it("uses exact limits below 10 events and Byar above, per 10,000", () => {
    const ci = rateInterval(120, 25000);
    assert.equal(compareRate(120, 25000, ci.lower - 0.01, "up").outcome, "better");
    assert.equal(compareRate(120, 25000, 67, "none").outcome, "lower");
    assertClose(compareRate(120, 25000, 67, "none").difference, -19, 1e-12, "difference", 1);
    assert.equal(compareRate(3, 25000, 2, "down").outcome, "similar", "3 events: wide exact interval");
  });
});

describe("benchmarkLA", () => {
  it("compares one LA with England, its region and its neighbours at once", () => {
    const r = benchmarkLA({ numerator: 45, denominator: 300 }, { england: 11.2, region: 12.5, neighbours: 20 }, "down", {
      type: "proportion", multiplier: 100,
    });
    assert.deepEqual(Object.keys(r), ["england", "region", "neighbours"]);
    assert.equal(r.england.outcome, "worse");
    assert.equal(r.region.outcome, "similar");
    assert.equal(r.neighbours.outcome, "better");
  });
});
