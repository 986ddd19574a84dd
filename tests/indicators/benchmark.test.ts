import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { pooledBenchmark, unitMultiplier, type BenchmarkInput } from "../../lib/indicators/benchmark";

const row = (value: number | null, numerator: number | null, denominator: number | null): BenchmarkInput => Object.freeze({ value, numerator, denominator });

describe("pooledBenchmark", () => {
  it("pools the counts of percentages: Σx/Σn × 100, so a big LA weighs more than the mean of values", () => {
    const rows = Object.freeze([row(10, 1, 10), row(30, 27, 90)]);
    const b = pooledBenchmark(rows, "percent");
    assert.equal(b.method, "pooled-counts");
    assert.equal(b.lasUsed, 2);
    assert.equal(b.ratio, 28 / 100);
    assert.equal(b.value, (28 / 100) * 100);
    assert.notEqual(b.value, 20); // not the mean of the two values
  });

  it("pools rates per 10,000 on their own scale", () => {
    const b = pooledBenchmark([row(50, 5, 1000), row(100, 30, 3000)], "rate_per_10k");
    assert.equal(b.method, "pooled-counts");
    assert.equal(b.value, (35 / 4000) * 10000);
    assert.equal(b.ratio, 35 / 4000);
  });

  it("takes the median of the values when any LA with a value has no counts (pooling part of England would not be England)", () => {
    const b = pooledBenchmark([row(10, 1, 10), row(30, null, 90), row(50, 5, 10)], "percent");
    assert.deepEqual(b, { value: 30, ratio: null, method: "median", lasUsed: 3 });
    // a zero denominator is no count to pool either
    assert.equal(pooledBenchmark([row(10, 1, 10), row(0, 0, 0)], "percent").method, "median");
  });

  it("takes the median (R type 7) for units that are not counts over a base", () => {
    assert.deepEqual(pooledBenchmark([row(1, 1, 1), row(2, 2, 1), row(4, 4, 1), row(10, 10, 1)], "score"), { value: 3, ratio: null, method: "median", lasUsed: 4 });
  });

  it("leaves out LAs without a finite value, NaN and null alike", () => {
    const b = pooledBenchmark([row(null, 3, 10), row(NaN, 3, 10), row(20, 2, 10)], "percent");
    assert.equal(b.lasUsed, 1);
    assert.equal(b.value, 20);
  });

  it("says when there is nothing to pool", () => {
    assert.deepEqual(pooledBenchmark([], "percent"), { value: null, ratio: null, method: "no-values", lasUsed: 0 });
    assert.deepEqual(pooledBenchmark([row(null, null, null)], "count"), { value: null, ratio: null, method: "no-values", lasUsed: 0 });
  });

  it("a pooled percentage lies between the smallest and largest LA value (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 })), { minLength: 1, maxLength: 30 }), (pairs) => {
        const rows = pairs.map(([x, n]) => row((100 * Math.min(x, n)) / n, Math.min(x, n), n));
        const b = pooledBenchmark(rows, "percent");
        const values = rows.map((r) => r.value as number);
        return b.method === "pooled-counts" && b.value! >= Math.min(...values) - 1e-9 && b.value! <= Math.max(...values) + 1e-9;
      }),
    );
  });
});

describe("unitMultiplier", () => {
  it("is 100 for percentages, 10,000 for rates per 10k and null otherwise", () => {
    assert.equal(unitMultiplier("percent"), 100);
    assert.equal(unitMultiplier("rate_per_10k"), 10000);
    assert.equal(unitMultiplier("count"), null);
    assert.equal(unitMultiplier("score"), null);
  });
});
