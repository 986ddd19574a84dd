import { test } from "node:test";
import assert from "node:assert/strict";
import { maxOf, minOf } from "../../lib/stats/extreme";

test("maxOf and minOf agree with Math.max and Math.min, empty and NaN included", () => {
  for (const xs of [[3, 9, 4], [-1], [], [2, NaN, 5], [-Infinity, Infinity], [0, -0], [-0, 0], [-0]]) {
    assert.equal(maxOf(Object.freeze(xs)), Math.max(...xs), `max of ${xs}`);
    assert.equal(minOf(Object.freeze(xs)), Math.min(...xs), `min of ${xs}`);
  }
});

test("maxOf and minOf take 1,000,000 values, far past the ~125,000 arguments a spread into Math.max overflows at", () => {
  const xs = Float64Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
  assert.throws(() => Math.max(...xs), RangeError);
  assert.equal(maxOf(xs), 1_000_002);
  assert.equal(minOf(xs), 0);
});
