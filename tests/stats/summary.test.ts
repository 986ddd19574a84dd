import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { mean, sampleSd, standardise } from "../../lib/stats/summary";
import { reference } from "../reference/load-reference";

describe("summary statistics", () => {
  it("mean and sample SD have the closed-form values (R: mean, sd)", () => {
    assert.equal(mean([1, 2, 6]), 3);
    assert.equal(sampleSd([1, 2, 6]), Math.sqrt(7));
    assert.equal(sampleSd(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9)), Math.sqrt(32 / 7));
  });

  it("is the two-pass computation, summed in index order (the callers' numbers to the last digit)", () => {
    const x = reference().quantiles.x as number[];
    let s = 0;
    for (const v of x) s += v;
    const m = s / x.length;
    let ss = 0;
    for (const v of x) ss += (v - m) ** 2;
    assert.equal(mean(x), m);
    assert.equal(sampleSd(x), Math.sqrt(ss / (x.length - 1)));
    assert.equal(sampleSd(x, m), sampleSd(x));
  });

  it("edge cases: empty → NaN mean, n < 2 → NaN SD, constant or short → no standardisation", () => {
    assert.ok(Number.isNaN(mean([])));
    assert.ok(Number.isNaN(sampleSd([5])));
    assert.ok(Number.isNaN(sampleSd([])));
    assert.equal(sampleSd([3, 3, 3]), 0);
    assert.equal(standardise([3, 3, 3]), null);
    assert.equal(standardise([1]), null);
    assert.ok(Number.isNaN(mean([1, NaN])));
  });

  // values of a realistic scale: the plain two-pass sum of squares underflows below ~1e-154 (summary.ts)
  it("standardised values have mean 0 and SD 1 (R: scale)", () => {
    assert.deepEqual(
      Array.from(standardise([1, 2, 6])!, (v) => Number(v.toFixed(12))),
      [-2, -1, 3].map((d) => Number((d / Math.sqrt(7)).toFixed(12))),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }).map((v) => v / 1000), { minLength: 2, maxLength: 50 }), (xs) => {
        const z = standardise(xs);
        if (z === null) return sampleSd(xs) === 0 || !(sampleSd(xs) > 0);
        return Math.abs(mean(z)) < 1e-9 && Math.abs(sampleSd(z) - 1) < 1e-9;
      }),
    );
  });
});
