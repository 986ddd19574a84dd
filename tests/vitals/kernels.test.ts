import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../lib/stats/random";
import { partialCorrelation } from "../../lib/stats/partial-correlation";
import { pearson } from "../../lib/stats/pearson";
import { spearman } from "../../lib/stats/spearman";
import { CLEAR_PASS_MARGIN, createKernelScratch, newResample, prepareCorrelation, preparedPartialCorrelation, weightedPartialCorrelation } from "../../lib/vitals/kernels";
import { InputError } from "../../lib/errors";
import { prepareBaseRanking, tieGroups } from "../../lib/vitals/kernel-base-ranks";
import fc from "fast-check";

const TOL = 1e-10;

/** A sample with ties (rounded values), missing values and a covariate. */
function sample(seed: number, n: number) {
  const rng = createRng(seed);
  const z = Float64Array.from({ length: n }, () => Math.round(rng.nextNormal() * 4) / 4);
  const x = Float64Array.from(z, (zi) => Math.round((0.6 * zi + rng.nextNormal()) * 2) / 2);
  const y = Float64Array.from(x, (xi, i) => 1 + Math.min(3, Math.max(0, Math.round(0.5 * xi - 0.4 * z[i] + rng.nextNormal() + 1.5))));
  x[3] = NaN;
  y[7] = NaN;
  return { x: Object.freeze(Array.from(x)), y: Object.freeze(Array.from(y)), z: Object.freeze(Array.from(z)) };
}

/** Expand a resample: row i appears w[i] times (only complete rows). */
function expand(cols: ArrayLike<number>[], w: ArrayLike<number>, mask: Uint8Array): Float64Array[] {
  const out: number[][] = cols.map(() => []);
  for (let i = 0; i < w.length; i++) {
    if (mask[i] !== 1) continue;
    for (let k = 0; k < w[i]; k++) cols.forEach((c, v) => out[v].push(c[i]));
  }
  return out.map((o) => Float64Array.from(o));
}

function resample(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[rng.nextInt(n)]++;
  return w;
}

describe("weightedPartialCorrelation (bootstrap kernel)", () => {
  const n = 80;
  const { x, y, z } = sample(11, n);
  const mask = Uint8Array.from({ length: n }, (_, i) => (Number.isNaN(x[i]) || Number.isNaN(y[i]) ? 0 : 1));
  const scratch = createKernelScratch(n, 3);

  for (const seed of [1, 2, 3]) {
    const w = resample(seed, n);
    const [ex, ey, ez] = expand([x, y, z], w, mask);

    test(`equals partialCorrelation (pearson) on the expanded resample ${seed}`, () => {
      const k = weightedPartialCorrelation([x, y, z], w, mask, "pearson", scratch);
      const ref = partialCorrelation(ex, ey, [ez]);
      assert.equal(k.n, ref.n);
      assert.ok(Math.abs(k.r - ref.r) < TOL, `${k.r} vs ${ref.r}`);
      assert.ok(Math.abs(k.p - ref.p) < 1e-9 * Math.max(1, ref.p), `${k.p} vs ${ref.p}`);
    });

    test(`equals partialCorrelation (spearman, ties averaged) on the expanded resample ${seed}`, () => {
      const k = weightedPartialCorrelation([x, y, z], w, mask, "spearman", scratch);
      const ref = partialCorrelation(ex, ey, [ez], { method: "spearman" });
      assert.ok(Math.abs(k.r - ref.r) < TOL, `${k.r} vs ${ref.r}`);
      assert.ok(Math.abs(k.p - ref.p) < 1e-9 * Math.max(1, ref.p));
    });

    test(`with no covariate equals pearson and spearman on the expanded resample ${seed}`, () => {
      const kp = weightedPartialCorrelation([x, y], w, mask, "pearson", scratch);
      assert.ok(Math.abs(kp.r - pearson(ex, ey).r) < TOL);
      assert.ok(Math.abs(kp.p - pearson(ex, ey).p) < 1e-9);
      const ks = weightedPartialCorrelation([x, y], w, mask, "spearman", scratch);
      assert.ok(Math.abs(ks.r - spearman(ex, ey).r) < TOL);
    });
  }

  test("unit weights give the full-sample partial correlation", () => {
    const w = new Float64Array(n).fill(1);
    const k = weightedPartialCorrelation([x, y, z], w, mask, "pearson", scratch);
    assert.ok(Math.abs(k.r - partialCorrelation(x, y, [z]).r) < TOL);
  });

  test("a collinear covariate gives NaN, not a number", () => {
    const w = new Float64Array(n).fill(1);
    const k = weightedPartialCorrelation([x, y, x], w, mask, "pearson", createKernelScratch(n, 3));
    assert.ok(Number.isNaN(k.r));
  });

  test("a constant x, or an x that is a linear function of the covariate, gives NaN (as partialCorrelation), not rounding noise", () => {
    const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
    for (const method of ["pearson", "spearman"] as const) {
      const constant = weightedPartialCorrelation([Float64Array.from(x, () => 0.1), y, z], w, mask, method, createKernelScratch(n, 3));
      assert.ok(Number.isNaN(constant.r), `${method} constant: r = ${constant.r}`);
      const raw = weightedPartialCorrelation([Float64Array.from(x, () => 0.1), y], w, mask, method, createKernelScratch(n, 2));
      assert.ok(Number.isNaN(raw.r), `${method} constant, no covariate: r = ${raw.r}`);
    }
    const linear = weightedPartialCorrelation([Float64Array.from(z, (v) => 0.3 * v + 7), y, z], w, mask, "pearson", createKernelScratch(n, 3));
    assert.ok(Number.isNaN(linear.r), `linear: r = ${linear.r}`);
  });

  test("too few rows give NaN with the n used", () => {
    const w = new Float64Array(n);
    w[0] = 1;
    w[1] = 1;
    const k = weightedPartialCorrelation([x, y, z], w, mask, "pearson", scratch);
    assert.ok(Number.isNaN(k.r));
    assert.equal(k.n, 2);
  });
});

describe("weightedPartialCorrelation with a p cut-off (the hot loop's shortcut)", () => {
  test("p-values at or below alpha are exact; above it they are reported as 1", async () => {
    const { tQuantile } = await import("../../lib/stats/distributions");
    const n = 60;
    const rng = createRng(5);
    const x = Float64Array.from({ length: n }, () => rng.nextNormal());
    const mask = new Uint8Array(n).fill(1);
    const w = new Float64Array(n).fill(1);
    const s = createKernelScratch(n, 2);
    const cut = { alpha: 0.05, tCritical: (df: number) => tQuantile(0.975, df) };
    for (const slope of [0, 0.05, 0.3, 1]) {
      const y = Float64Array.from(x, (v) => slope * v + rng.nextNormal());
      const exact = weightedPartialCorrelation([x, y], w, mask, "pearson", s);
      const fast = weightedPartialCorrelation([x, y], w, mask, "pearson", s, cut);
      if (exact.p <= 0.05) assert.equal(fast.p, exact.p);
      else assert.equal(fast.p, 1);
      assert.equal(fast.r, exact.r);
    }
  });

  test("decisionOnly: p ≤ alpha exactly when the exact p is, computed only near the critical t", async () => {
    const { tQuantile } = await import("../../lib/stats/distributions");
    const n = 60;
    const rng = createRng(8);
    const x = Float64Array.from({ length: n }, () => rng.nextNormal());
    const mask = new Uint8Array(n).fill(1);
    const s = createKernelScratch(n, 2);
    const cut = { alpha: 0.1, tCritical: (df: number) => tQuantile(0.95, df), decisionOnly: true };
    let below = 0;
    let above = 0;
    for (let b = 0; b < 200; b++) {
      const y = Float64Array.from(x, (v) => (b % 5) * 0.08 * v + rng.nextNormal());
      const w = resample(300 + b, n);
      const exact = weightedPartialCorrelation([x, y], w, mask, "spearman", s);
      const fast = weightedPartialCorrelation([x, y], w, mask, "spearman", s, cut);
      assert.equal(fast.p <= 0.1, exact.p <= 0.1, `resample ${b}`);
      assert.deepEqual([fast.r, fast.t, fast.df, fast.n], [exact.r, exact.t, exact.df, exact.n]);
      if (exact.p <= 0.1) below++;
      else above++;
    }
    assert.ok(below > 10 && above > 10, `both decisions occur (${below} below, ${above} above)`);
    // a t just above the critical value (within the margin): the exact p is computed
    const y = Float64Array.from(x, (v) => 0.3 * v + rng.nextNormal());
    const w = new Float64Array(n).fill(1);
    const exact = weightedPartialCorrelation([x, y], w, mask, "pearson", s);
    const near = { alpha: 0.1, tCritical: () => Math.abs(exact.t) / (1 + CLEAR_PASS_MARGIN / 2), decisionOnly: true };
    assert.equal(weightedPartialCorrelation([x, y], w, mask, "pearson", s, near).p, exact.p);
  });
});

describe("prepared correlations sharing y's and the context's ranks", () => {
  const n = 90;
  const { y, z } = sample(11, n);
  const rng = createRng(5);
  // four indicators: 0 and 2 have the same missing rows, 1 and 3 other ones each
  const xs = [0, 1, 2, 3].map((k) => Float64Array.from({ length: n }, (_, i) => ((k === 1 && i % 5 === 0) || (k === 3 && i % 7 === 0) ? NaN : Math.round(rng.nextNormal() * 3) / 3)));
  xs[2][4] = NaN;
  xs[0][4] = NaN;
  const yy = Float64Array.from(y);
  const zz = Float64Array.from(z);
  const maskOf = (x: Float64Array) => Uint8Array.from(x, (v, i) => (Number.isNaN(v) || Number.isNaN(yy[i]) || Number.isNaN(zz[i]) ? 0 : 1));
  const alone = xs.map((x) => prepareCorrelation([x, yy, zz], maskOf(x)));
  const shared = [...alone.slice(0, 2).map((_, k) => prepareCorrelation([xs[k], yy, zz], maskOf(xs[k])))];
  shared.push(prepareCorrelation([xs[2], yy, zz], maskOf(xs[2]), shared[0]));
  shared.push(prepareCorrelation([xs[3], yy, zz], maskOf(xs[3])));

  test("gives exactly the unshared results, in any evaluation order, resample after resample", () => {
    assert.equal(shared[0].sharesRest, true);
    assert.equal(shared[1].sharesRest, false);
    const s1 = createKernelScratch(n, 3);
    const s2 = createKernelScratch(n, 3);
    for (let b = 0; b < 20; b++) {
      const w = resample(100 + b, n);
      newResample(s2);
      for (const j of [0, 2, 1, 3, 2, 0]) {
        const want = preparedPartialCorrelation(alone[j], w, "spearman", s1);
        const got = preparedPartialCorrelation(shared[j], w, "spearman", s2);
        assert.deepEqual(got, want, `resample ${b}, indicator ${j}`);
        assert.deepEqual(preparedPartialCorrelation(shared[j], w, "pearson", s2), preparedPartialCorrelation(alone[j], w, "pearson", s1));
      }
    }
  });

  test("refuses to share other arrays or other rows", () => {
    assert.throws(() => prepareCorrelation([xs[1], yy, zz], maskOf(xs[1]), shared[0]), InputError);
    assert.throws(() => prepareCorrelation([xs[2], Float64Array.from(yy), zz], maskOf(xs[2]), shared[0]), InputError);
  });
});

describe("prepared correlations ranking y and the context from one base ranking per resample", () => {
  const n = 90;
  const { y, z } = sample(13, n);
  const rng = createRng(7);
  const yy = Float64Array.from(y);
  const zz = Float64Array.from(z);
  // indicators with ties, some complete, some missing other rows; 0 and 2 missing the same rows
  const xs = [0, 1, 2, 3, 4].map((k) => Float64Array.from({ length: n }, (_, i) => ((k === 1 && i % 5 === 0) || (k === 3 && i % 3 === 1) || ((k === 0 || k === 2) && i % 11 === 2) ? NaN : Math.round(rng.nextNormal() * 3) / 3)));
  const baseMask = Uint8Array.from(yy, (v, i) => (Number.isNaN(v) || Number.isNaN(zz[i]) ? 0 : 1));
  const maskOf = (x: Float64Array) => Uint8Array.from(x, (v, i) => (Number.isNaN(v) || baseMask[i] === 0 ? 0 : 1));
  const base = prepareBaseRanking([yy, zz], baseMask);
  const alone = xs.map((x) => prepareCorrelation([x, yy, zz], maskOf(x)));
  const fromBase = xs.map((x) => prepareCorrelation([x, yy, zz], maskOf(x), undefined, base));
  fromBase[2] = prepareCorrelation([xs[2], yy, zz], maskOf(xs[2]), fromBase[0], base);

  test("gives exactly the per-indicator results, with and without the resample's drawn rows listed", () => {
    const s1 = createKernelScratch(n, 3);
    const s2 = createKernelScratch(n, 3);
    const s3 = createKernelScratch(n, 3);
    // indicator 4 misses no base row (ranks of all drawn base rows as they are); the others walk past theirs
    assert.deepEqual(maskOf(xs[4]), baseMask);
    for (let b = 0; b < 30; b++) {
      // bootstrap resamples and half-samples (weights 0/1), so that some indicators miss no drawn row
      const w = b % 2 === 0 ? resample(200 + b, n) : Float64Array.from({ length: n }, (_, i) => ((i * 7 + b) % 4 === 0 && i % 11 !== 2 && i % 5 !== 0 ? 1 : 0));
      newResample(s2, w);
      newResample(s3);
      for (const j of [0, 2, 1, 3, 4, 2, 0]) {
        const want = preparedPartialCorrelation(alone[j], w, "spearman", s1);
        assert.deepEqual(preparedPartialCorrelation(fromBase[j], w, "spearman", s2), want, `resample ${b}, indicator ${j}`);
        assert.deepEqual(preparedPartialCorrelation(fromBase[j], w, "spearman", s3), want, `resample ${b}, indicator ${j}, weights not listed`);
        assert.deepEqual(preparedPartialCorrelation(fromBase[j], w, "pearson", s2), preparedPartialCorrelation(alone[j], w, "pearson", s1));
      }
      assert.equal(s2.baseRanks.weightsFor, w);
    }
  });

  test("refuses a base of other arrays or without every complete row", () => {
    assert.throws(() => prepareCorrelation([xs[1], Float64Array.from(yy), zz], maskOf(xs[1]), undefined, base), InputError);
    const narrow = prepareBaseRanking([yy, zz], Uint8Array.from(baseMask, (v, i) => (i === 20 ? 0 : v)));
    assert.throws(() => prepareCorrelation([xs[4], yy, zz], maskOf(xs[4]), undefined, narrow), InputError);
  });
});

describe("tieGroups", () => {
  test("the order, groups and group of each row of a sort by (value, row), ties, ±0 and infinities included (property)", () => {
    const value = fc.constantFrom(-Infinity, -2.5, -0, 0, 1, 1, 3.25, 7, Infinity);
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), fc.boolean(), (v, keep, shuffled) => {
        const listed = v.map((_, i) => i).filter((i) => keep[i]);
        const rows = shuffled ? [...listed].reverse() : listed;
        const order = [...listed].sort((a, b) => (v[a] === v[b] ? a - b : v[a] - v[b]));
        const starts: number[] = [];
        for (let k = 0; k < order.length; k++) if (k === 0 || v[order[k]] !== v[order[k - 1]]) starts.push(k);
        starts.push(order.length);
        const groupOf = new Array<number>(v.length).fill(0);
        for (let g = 0; g + 1 < starts.length; g++) for (let k = starts[g]; k < starts[g + 1]; k++) groupOf[order[k]] = g;
        const got = tieGroups(v, rows, v.length);
        assert.deepEqual(Array.from(got.order), order);
        assert.deepEqual(Array.from(got.groups), starts);
        assert.deepEqual(Array.from(got.groupOf), groupOf);
      }),
    );
    assert.deepEqual(Array.from(tieGroups([3, 1, 3], [0, 1, 2], 3).order), [1, 0, 2]);
  });
});
