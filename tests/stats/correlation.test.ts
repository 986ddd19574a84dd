/**
 * Pearson, Spearman and Kendall against R's cor.test on real, synthetic and edge-case data
 * (tests/reference/reference-values.json, "correlation"), plus golden values and laws.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { pearson } from "../../lib/stats/pearson";
import { prepareSpearman, spearman, spearmanFisherSe } from "../../lib/stats/spearman";
import { kendall } from "../../lib/stats/kendall";
import { averageRanks, averageRanksInto } from "../../lib/stats/ranks";
import { InputError } from "../../lib/errors";
import { assertClose, CLOSED_FORM_TOLERANCE, frozen, reference, type Json } from "../reference/load-reference";
import { correlationInference } from "../../lib/stats/pearson";

const cases: Json[] = reference().correlation;
const TOL = CLOSED_FORM_TOLERANCE;
const byName = (prefix: string) => {
  const c = cases.find((k) => k.name.startsWith(prefix));
  assert.ok(c, `reference case ${prefix}`);
  return c;
};

describe("pearson", () => {
  it("matches cor.test(method = 'pearson') for r, t, df, p and the Fisher-z interval in every reference case", () => {
    let checked = 0;
    for (const c of cases) {
      if (!c.pearson) continue;
      if (c.name === "edge: huge values" || c.name === "edge: tiny values") continue; // R gives NA; checked below
      const r = pearson(frozen(c.x), frozen(c.y));
      assert.equal(r.n, c.n, `${c.name}: n`);
      assert.equal(r.nMissing, c.nMissing, `${c.name}: nMissing`);
      assertClose(r.r, c.pearson.r, TOL, `${c.name}: r`, 1);
      if (Math.abs(c.pearson.r) < 1 - 1e-12) {
        assertClose(r.statistic, c.pearson.t, TOL, `${c.name}: t`, 1);
        assertClose(r.p, c.pearson.p, 1e-7, `${c.name}: p`);
      }
      assertClose(r.lower, c.pearson.lower, TOL, `${c.name}: lower`, 1);
      assertClose(r.upper, c.pearson.upper, TOL, `${c.name}: upper`, 1);
      checked++;
    }
    assert.ok(checked >= 10, `checked ${checked} cases`);
  });

  it("does not overflow or underflow at 1e±200, where R's cor.test returns NA: r equals R's r for the same data shifted by 1e9", () => {
    const shifted = byName("edge: large offset");
    for (const name of ["edge: huge values", "edge: tiny values"]) {
      const c = byName(name);
      assert.ok(Number.isNaN(c.pearson.r), `R gives NA for ${name}`);
      const r = pearson(c.x, c.y);
      assertClose(r.r, shifted.pearson.r, TOL, `${name}: r`, 1);
      assertClose(r.p, shifted.pearson.p, 1e-7, `${name}: p`);
    }
  });

  it("on real data (% of looked-after children with a missing incident vs Ofsted grade) uses the 149 complete LAs", () => {
    const c = byName("real: % CLA");
    const r = pearson(c.x, c.y);
    assert.equal(r.n, 149);
    assert.equal(r.nMissing, 4);
    assertClose(r.p, c.pearson.p, 1e-10, "p");
  });

  it("reproduces the golden Fisher-z interval for r = .5, n = 30: [0.1704314, 0.7289586], p = 0.004899934", () => {
    const inf = correlationInference(0.5, 30, 0, 0.95);
    assertClose(inf.lower, 0.1704314, 1e-6, "lower");
    assertClose(inf.upper, 0.7289586, 1e-6, "upper");
    assertClose(inf.p, 0.004899934, 1e-6, "p");
  });

  it("is explicit at the edges: n = 3 has no interval, a constant column and n < 3 give NaN with a reason", () => {
    const n3 = pearson([1, 2, 4], [3, 1, 2]);
    assert.ok(!Number.isNaN(n3.r) && Number.isNaN(n3.lower));
    assert.match(n3.reason ?? "", /Fisher-z interval needs n > 3/);
    const k = pearson([1, 2, 3, 4, 5], [3, 3, 3, 3, 3]);
    assert.ok(Number.isNaN(k.r) && Number.isNaN(k.p));
    assert.match(k.reason ?? "", /constant/);
    const two = pearson([1, NaN, 3], [2, 5, 1]);
    assert.equal(two.n, 2);
    assert.match(two.reason ?? "", /at least 3/);
  });

  it("rejects unequal lengths and infinite values with InputError", () => {
    assert.throws(() => pearson([1, 2, 3], [1, 2]), InputError);
    assert.throws(() => pearson([1, 2, Infinity, 4], [1, 2, 3, 4]), InputError);
  });

  it("stays in [-1, 1] and is symmetric in x and y", () => {
    const c = byName("synthetic: x1 vs y");
    const a = pearson(c.x, c.y);
    const b = pearson(c.y, c.x);
    assert.equal(a.r, b.r);
    assert.ok(a.r >= -1 && a.r <= 1 && a.lower <= a.r && a.r <= a.upper);
  });
});

describe("spearman", () => {
  it("matches cor.test(method = 'spearman', exact = FALSE) for rho and p, and R's Bonett-Wright interval", () => {
    let checked = 0;
    for (const c of cases) {
      if (!c.spearman) continue;
      const r = spearman(frozen(c.x), frozen(c.y), { exact: false });
      assertClose(r.r, c.spearman.r, TOL, `${c.name}: rho`, 1);
      if (Math.abs(c.spearman.r) < 1 - 1e-12) assertClose(r.p, c.spearman.p, 1e-7, `${c.name}: p`);
      assertClose(r.lower, c.spearman.lower, TOL, `${c.name}: lower`, 1);
      assertClose(r.upper, c.spearman.upper, TOL, `${c.name}: upper`, 1);
      checked++;
    }
    assert.ok(checked >= 10);
  });

  it("matches cor.test's default p-value (AS 89 without ties: exact n <= 9, Edgeworth above; t with ties) in every case", () => {
    for (const c of cases) {
      if (!c.spearman || Number.isNaN(c.spearman.pDefault)) continue;
      assertClose(spearman(c.x, c.y).p, c.spearman.pDefault, 1e-10, `${c.name}: default p`);
    }
    for (const c of reference().spearmanExact) {
      const r = spearman(c.x, c.y);
      assertClose(r.r, c.r, TOL, `n = ${c.n}: rho`, 1);
      assertClose(r.p, c.p, 1e-10, `n = ${c.n}: AS 89 p`);
    }
    assert.throws(() => spearman([1, 2, 2, 3], [1, 2, 3, 4], { exact: true }), /without ties/);
  });

  it("reproduces the golden Bonett-Wright interval for rho = .87, n = 15: [0.5841879, 0.9638408]", () => {
    const se = spearmanFisherSe(0.87, 15);
    const z = Math.atanh(0.87);
    assertClose(Math.tanh(z - 1.959963984540054 * se), 0.5841879, 1e-6, "lower");
    assertClose(Math.tanh(z + 1.959963984540054 * se), 0.9638408, 1e-6, "upper");
  });

  it("gives ties their average rank", () => {
    assert.deepEqual(Array.from(averageRanks([10, 20, 20, 5])), [2, 3.5, 3.5, 1]);
  });

  it("averageRanks = 1 + #{smaller} + (#{equal} − 1)/2 for every value (ties, ±0, infinities; property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(-Infinity, -2, -0, 0, 0.5, 1, 1, 3, Infinity), { maxLength: 40 }), (x) => {
        const expected = x.map((v) => 1 + x.filter((u) => u < v).length + (x.filter((u) => u === v).length - 1) / 2);
        assert.deepEqual(Array.from(averageRanks(x)), expected);
      }),
    );
  });

  it("averageRanksInto gives averageRanks' ranks in scratch arrays reused across samples of any length (property)", () => {
    const [ranks, sorted, runRank] = [new Float64Array(40), new Float64Array(40), new Float64Array(40)];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(-Infinity, -2, -0, 0, 0.5, 1, 1, 3, Infinity), { maxLength: 40 }), (x) => {
        assert.deepStrictEqual(Array.from(averageRanksInto(x, ranks, sorted, runRank)), Array.from(averageRanks(x)));
      }),
    );
  });
});

describe("kendall", () => {
  it("matches cor.test(method = 'kendall', exact = FALSE) for tau-b, z and p (tie-corrected variance)", () => {
    let checked = 0;
    for (const c of cases) {
      if (!c.kendall) continue;
      const r = kendall(frozen(c.x), frozen(c.y), { exact: false });
      assertClose(r.r, c.kendall.r, TOL, `${c.name}: tau`, 1);
      assertClose(r.statistic, c.kendall.z, TOL, `${c.name}: z`, 1);
      assertClose(r.p, c.kendall.p, 1e-7, `${c.name}: p`);
      assertClose(r.lower, c.kendall.lower, TOL, `${c.name}: lower`, 1);
      checked++;
    }
    assert.ok(checked >= 10);
  });

  it("matches cor.test's default (exact null distribution when n < 50 without ties, else normal) in every case", () => {
    let exactCases = 0;
    for (const c of cases) {
      if (!c.kendall || Number.isNaN(c.kendall.pDefault)) continue;
      const r = kendall(c.x, c.y);
      assertClose(r.p, c.kendall.pDefault, 1e-10, `${c.name}: default p`);
      assertClose(r.statistic, c.kendall.statisticDefault, TOL, `${c.name}: default statistic`, 1);
      if (r.statistic !== c.kendall.z) exactCases++;
    }
    assert.ok(exactCases >= 3, `exact p-values exercised in ${exactCases} cases`);
    assert.throws(() => kendall([1, 2, 2, 3], [1, 2, 3, 4], { exact: true }), /without ties/);
  });

  it("says why when a column is constant", () => {
    const k = kendall([1, 2, 3, 4, 5], [2, 2, 2, 2, 2]);
    assert.ok(Number.isNaN(k.r));
    assert.match(k.reason ?? "", /constant/);
  });
});

describe("missing-value rule", () => {
  it("takes NaN as missing but rejects null (an arquero column must go through toNumbers() first)", () => {
    assert.throws(() => pearson([1, 2, null as unknown as number, 4], [1, 2, 3, 4]), /toNumbers/);
    assert.equal(pearson([1, 2, NaN, 4, 5], [1, 3, 3, 4, 6]).nMissing, 1);
  });
});

describe("kendall exact p-values between n = 10 and the n < 50 switch (audit)", () => {
  it("uses the exact null distribution up to n = 49 and the normal approximation from n = 50, as cor.test", () => {
    const ks: Json[] = reference().audit.kendallExact;
    assert.deepEqual(ks.map((k) => k.n), [10, 20, 35, 49, 50]);
    for (const k of ks) {
      const r = kendall(frozen(k.x), frozen(k.y));
      assertClose(r.r, k.r, TOL, `n = ${k.n}: tau`, 1);
      assertClose(r.statistic, k.statistic, TOL, `n = ${k.n}: statistic (T below 50, z at 50)`, 1);
      assertClose(r.p, k.p, 1e-10, `n = ${k.n}: p`);
      assert.equal(Number.isInteger(r.statistic), k.n < 50, `n = ${k.n}: exact statistic is the count of concordant pairs`);
    }
  });
});

describe("purity of the rank helpers (audit)", () => {
  it("averageRanks, spearman and kendall leave frozen tied inputs untouched", () => {
    const x = frozen([3, 1, 2, 2, 5, 4, 4, 4]);
    const y = frozen([1, 2, 2, 3, 5, 5, 4, 6]);
    assert.deepEqual(Array.from(averageRanks(x)), [4, 1, 2.5, 2.5, 8, 6, 6, 6]);
    assert.doesNotThrow(() => spearman(x, y));
    assert.doesNotThrow(() => kendall(x, y));
    assert.deepEqual(Array.from(x), [3, 1, 2, 2, 5, 4, 4, 4]);
  });
});

describe("prepareSpearman", () => {
  it("prepared once for y, gives for each x exactly what spearman gives, whatever pairs each x leaves", () => {
    const y = Float64Array.from({ length: 40 }, (_, i) => ((i * 7) % 11) + (i % 3 === 0 ? 0.5 : 0));
    const noTies = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i + 1));
    const withHoles = Float64Array.from(noTies, (v, i) => (i % 6 === 1 ? NaN : v));
    const tied = Float64Array.from({ length: 40 }, (_, i) => i % 4);
    const xs = [noTies, withHoles, noTies, tied, withHoles, new Float64Array(40).fill(1), noTies];
    for (const options of [{}, { exact: false }, { conf: 0.9 }]) {
      const prepared = prepareSpearman(y, options);
      for (const [k, x] of xs.entries()) assert.deepStrictEqual(prepared(x), spearman(x, y, options), `x #${k}, ${JSON.stringify(options)}`);
    }
    const distinctY = Float64Array.from({ length: 40 }, (_, i) => Math.cos(i));
    const exactly = prepareSpearman(distinctY, { exact: true });
    assert.deepStrictEqual(exactly(withHoles), spearman(withHoles, distinctY, { exact: true }));
    assert.throws(() => exactly(tied), InputError);
  });
});
