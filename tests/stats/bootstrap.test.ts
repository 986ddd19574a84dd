import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { bootstrap, pickRows } from "../../lib/stats/bootstrap";
import { pearson } from "../../lib/stats/pearson";
import { createRng, resampleIndices } from "../../lib/stats/random";
import { quantile } from "../../lib/stats/quantile";
import { InputError } from "../../lib/errors";
import { syntheticColumns } from "../reference/synthetic";

const s = syntheticColumns();
const meanOf = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;

describe("bootstrap", () => {
  it("is reproducible: the same seed gives identical replicates, a different seed different ones", () => {
    const stat = (rows: Uint32Array) => meanOf(pickRows(s.x1, rows));
    const a = bootstrap(150, stat, { seed: 2016, replicates: 200 });
    const b = bootstrap(150, stat, { seed: 2016, replicates: 200 });
    const c = bootstrap(150, stat, { seed: 2017, replicates: 200 });
    assert.deepEqual(a.replicates, b.replicates);
    assert.notDeepEqual(a.replicates, c.replicates);
    assert.equal(a.seed, 2016);
  });

  it("resamples with the documented generator: replicate b uses the b-th block of createRng(seed).nextInt(n)", () => {
    const rng = createRng(99);
    const idx = new Uint32Array(150);
    const expected: number[] = [];
    for (let b = 0; b < 3; b++) expected.push(meanOf(pickRows(s.x1, resampleIndices(rng, 150, idx))));
    const r = bootstrap(150, (rows) => meanOf(pickRows(s.x1, rows)), { seed: 99, replicates: 3 });
    assert.deepEqual(Array.from(r.replicates), expected);
  });

  it("gives the percentile interval as type-7 quantiles of the replicates, and the estimate on all rows", () => {
    const r = bootstrap(150, (rows) => meanOf(pickRows(s.x1, rows)), { seed: 1, replicates: 500 });
    const q = quantile(r.replicates, [0.025, 0.975]).values;
    assert.equal(r.lower[0], q[0]);
    assert.equal(r.upper[0], q[1]);
    assert.equal(r.estimate[0], meanOf(s.x1));
    assert.ok(r.lower[0] < r.estimate[0] && r.estimate[0] < r.upper[0]);
    // The bootstrap SE of a mean is close to sd/√n.
    const sd = Math.sqrt(s.x1.reduce((a, v) => a + (v - meanOf(s.x1)) ** 2, 0) / 149);
    assert.ok(Math.abs(r.se[0] / (sd / Math.sqrt(150)) - 1) < 0.15);
  });

  it("bootstraps vector statistics (e.g. r and its n) and excludes NaN replicates, counting the valid ones", () => {
    const buf1 = new Float64Array(150);
    const buf2 = new Float64Array(150);
    const r = bootstrap(150, (rows) => {
      const c = pearson(pickRows(s.x1, rows, buf1), pickRows(s.y, rows, buf2));
      return [c.r, c.n];
    }, { seed: 3, replicates: 100 });
    assert.equal(r.dimension, 2);
    assert.equal(r.nValid[0], 100);
    const withNaN = bootstrap(10, (rows) => (rows[0] % 2 === 0 ? NaN : 1), { seed: 4, replicates: 50 });
    assert.ok(withNaN.nValid[0] < 50 && withNaN.nValid[0] > 0);
  });

  it("requires a seed and sensible sizes", () => {
    // @ts-expect-error the seed is required
    assert.throws(() => bootstrap(10, () => 1, {}), InputError);
    assert.throws(() => bootstrap(0, () => 1, { seed: 1 }), InputError);
    assert.throws(() => bootstrap(10, () => 1, { seed: 1, replicates: 0 }), InputError);
  });
});

describe("bootstrap and pickRows purity (audit)", () => {
  it("do not mutate the data they resample (frozen columns)", () => {
    const x = Object.freeze(s.x1.slice()) as number[];
    const y = Object.freeze(s.y.slice()) as number[];
    const r = bootstrap(x.length, (rows) => pearson(pickRows(x, rows), pickRows(y, rows)).r, { seed: 1, replicates: 20 });
    assert.equal(r.replicates.length, 20);
    assert.deepEqual(x, s.x1);
  });
});
