import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { prepareOlsResiduals, ols } from "../../lib/stats/ols";
import { InputError } from "../../lib/errors";
import { assertAllClose, assertClose, CLOSED_FORM_TOLERANCE, reference, type Json } from "../reference/load-reference";

const cases: Json[] = reference().ols;
const TOL = CLOSED_FORM_TOLERANCE;
const find = (prefix: string): Json => cases.find((c) => c.name.startsWith(prefix));
const fit = (c: Json) =>
  ols(Object.freeze(c.y.slice()), c.Xnames.map((k: string) => Object.freeze(c.X[k].slice())), { names: c.Xnames });

describe("ols", () => {
  it("matches summary(lm()) for coefficients, SEs, t, p, R², adjusted R², sigma, F and Significance F", () => {
    for (const c of cases) {
      const r = fit(c);
      assert.deepEqual(r.coefficients.map((k) => k.name), c.names, `${c.name}: names`);
      assert.equal(r.n, c.n, `${c.name}: n`);
      assert.equal(r.rank, c.rank, `${c.name}: rank`);
      assert.equal(r.dfResidual, c.dfResidual, `${c.name}: df`);
      r.coefficients.forEach((k, i) => {
        assertClose(k.estimate, c.estimate[i], TOL, `${c.name}: ${k.name} estimate`, 1);
        assertClose(k.se, c.se[i], TOL, `${c.name}: ${k.name} se`, 1);
        assertClose(k.t, c.t[i], TOL, `${c.name}: ${k.name} t`, 1);
        assertClose(k.p, c.p[i], 1e-7, `${c.name}: ${k.name} p`);
      });
      assertClose(r.r2, c.r2, TOL, `${c.name}: R²`, 1);
      assertClose(r.adjR2, c.adjR2, TOL, `${c.name}: adjusted R²`, 1);
      assertClose(r.multipleR, Math.sqrt(c.r2), TOL, `${c.name}: Multiple R`, 1);
      assertClose(r.sigma, c.sigma, TOL, `${c.name}: sigma`);
      assertClose(r.f, c.f, TOL, `${c.name}: F`);
      assertClose(r.fP, c.fP, 1e-7, `${c.name}: Significance F`);
    }
  });

  it("returns residuals and fitted values aligned with the input rows, NaN where a row was dropped", () => {
    const c = find("synthetic");
    const r = fit(c);
    assertAllClose(r.residuals, c.residuals, 1e-7, "residuals", 1);
    assertAllClose(r.fitted, c.fitted, TOL, "fitted", 1);
    assert.equal(r.nMissing, 5, "rows with a missing y or x2 are dropped and counted");
  });

  it("reports collinear predictors as aliased (rank-deficient), as lm's NA coefficients", () => {
    const r = fit(find("edge: collinear"));
    assert.equal(r.rankDeficient, true);
    assert.deepEqual(r.aliased, ["x3"]);
    assert.ok(Number.isNaN(r.coefficients[3].estimate));
    assert.match(r.reasons.join(" "), /rank-deficient/);
  });

  it("reports a constant predictor as aliased with the intercept", () => {
    const r = fit(find("edge: constant column"));
    assert.deepEqual(r.aliased, ["k"]);
    assert.equal(r.rank, 2);
  });

  it("gives R² and Multiple R 0 exactly for a constant predictor beside the intercept only, as summary(lm()) does", () => {
    // 1 − RSS/TSS was 2.2e-16 here (Multiple R 1.5e-8; 3.8e-8 for a constant indicator in an analysis's screen.csv)
    const c = find("edge: constant predictor only");
    const r = fit(c);
    assert.deepEqual([r.rank, r.aliased], [1, ["k"]]);
    assert.deepEqual([c.r2, c.adjR2], [0, 0], "R's values");
    assert.equal(r.r2, c.r2);
    assert.equal(r.adjR2, c.adjR2);
    assert.equal(r.multipleR, 0);
    assert.ok(Number.isNaN(r.f) && Number.isNaN(r.fP), "F undefined, as R's NULL fstatistic");
    assert.match(r.reasons.join(" "), /no predictors beyond the intercept: F is undefined/);
    // without an intercept and with every predictor aliased away (a zero column), R's 0 too
    assert.equal(ols([1, 3, 4, 2, 3], [[0, 0, 0, 0, 0]], { intercept: false }).r2, 0);
  });

  it("handles n = 3 and values at 1e±150 (an Inf standard error, as R)", () => {
    assert.equal(fit(find("edge: n = 3")).dfResidual, 1);
    const big = fit(find("edge: huge"));
    assert.equal(big.coefficients[2].se, Infinity);
  });

  it("on real data (grade ~ % missing + % away, 2024) reports what the 2016 study reported", () => {
    const r = fit(find("real"));
    assert.equal(r.n, 130);
    assert.ok(r.fP > 0 && r.fP < 1 && r.multipleR >= 0 && r.multipleR <= 1);
  });

  it("is explicit when there are no residual degrees of freedom or y is constant", () => {
    const sat = ols([1, 3, 2], [[1, 2, 4], [5, 1, 2]]);
    assert.equal(sat.dfResidual, 0);
    assert.ok(Number.isNaN(sat.coefficients[1].se) && Number.isNaN(sat.f));
    assert.match(sat.reasons.join(" "), /no residual degrees of freedom/);
    const flat = ols([2, 2, 2, 2], [[1, 2, 3, 4]]);
    assert.ok(Number.isNaN(flat.r2));
    assert.match(flat.reasons.join(" "), /y is constant/);
  });

  it("rejects unequal lengths, mismatched names and an all-missing input", () => {
    assert.throws(() => ols([1, 2, 3], [[1, 2]]), InputError);
    assert.throws(() => ols([1, 2, 3], [[1, 2, 3]], { names: ["a", "b"] }), InputError);
    assert.throws(() => ols([NaN, NaN], [[1, 2]]), /no complete rows/);
  });
});

describe("ols edge cases added by the audit (tests/reference audit.ols)", () => {
  const audit = reference().audit.ols;

  it("flags an exact linear fit (R: 'essentially perfect fit: summary may be unreliable') instead of presenting its p-values", () => {
    assert.match(audit.perfect.warnings.join(" "), /essentially perfect fit/);
    const r = ols(Object.freeze(audit.perfect.y.slice()), [Object.freeze(audit.perfect.x.slice())]);
    assertClose(r.r2, 1, 1e-12, "R²", 1);
    assert.match(r.reasons.join(" "), /essentially perfect fit: F is infinite and p-values are unreliable/);
    assert.match(ols([1, 3, 2, 5], [[1, 2, 4, 3]]).reasons.join(" "), /^$/, "an ordinary fit has no such reason");
  });

  it("matches lm() on y at 1e-150 with missing values in y and x (listwise deletion, n and residual alignment)", () => {
    const c = audit.tinyWithNA;
    const r = fit(c);
    assert.equal(r.n, c.n);
    assert.equal(r.nMissing, 2);
    r.coefficients.forEach((k, i) => {
      assertClose(k.estimate, c.estimate[i], TOL, `${k.name} estimate`);
      assertClose(k.se, c.se[i], TOL, `${k.name} se`);
      assertClose(k.p, c.p[i], 1e-7, `${k.name} p`);
    });
    assertClose(r.sigma, c.sigma, TOL, "sigma");
    assertClose(r.multipleR, Math.sqrt(c.r2), TOL, "Multiple R", 1);
    assertClose(r.fP, c.fP, 1e-7, "Significance F");
    assertAllClose(r.residuals, c.residuals, 1e-7, "residuals");
  });
});

describe("ols with coefficientP: false", () => {
  it("gives the same fit, F and its p, with each coefficient's p left NaN", () => {
    const y = [3, 5, 4, 8, 9, 7, 12, NaN];
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const full = ols(y, [x]);
    const lean = ols(y, [x], { coefficientP: false });
    assert.deepEqual({ ...lean, coefficients: [] }, { ...full, coefficients: [] });
    assert.deepEqual(lean.coefficients.map((c) => ({ ...c, p: 0 })), full.coefficients.map((c) => ({ ...c, p: 0 })));
    assert.ok(lean.coefficients.every((c) => Number.isNaN(c.p)));
    assert.ok(full.coefficients.every((c) => c.p > 0 && c.p < 1));
  });
});

describe("ols with fTestP: false", () => {
  it("gives the same fit, coefficients and F statistic, with Significance F left NaN", () => {
    const y = [3, 5, 4, 8, 9, 7, 12, NaN, 6];
    const X = [[1, 2, 3, 4, 5, 6, 7, 8, 2], [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6]];
    const full = ols(y, X);
    const lean = ols(y, X, { coefficientP: false, fTestP: false });
    assert.deepStrictEqual({ ...lean, fP: 0, coefficients: [] }, { ...full, fP: 0, coefficients: [] });
    assert.deepStrictEqual(lean.coefficients.map((c) => ({ ...c, p: 0 })), full.coefficients.map((c) => ({ ...c, p: 0 })));
    assert.ok(Number.isNaN(lean.fP) && full.fP > 0 && full.fP < 1);
  });
});

describe("prepareOlsResiduals", () => {
  it("gives for each y exactly ols(y, X).residuals, whatever rows each y leaves, collinear predictors included", () => {
    const n = 30;
    const z1 = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + i / 10);
    const z2 = Float64Array.from({ length: n }, (_, i) => (i % 5 === 2 ? NaN : Math.cos(i * 1.3)));
    const ys = [
      Float64Array.from({ length: n }, (_, i) => 2 * z1[i] + Math.cos(i * 7)),
      Float64Array.from({ length: n }, (_, i) => (i % 4 === 1 ? NaN : Math.sqrt(i + 1))),
      Float64Array.from({ length: n }, (_, i) => 2 * z1[i] + Math.cos(i * 7)),
      Float64Array.from({ length: n }, (_, i) => (i % 4 === 1 ? NaN : i * i)),
      new Float64Array(n).fill(3),
    ];
    for (const X of [[z1], [z1, z2], [z1, Float64Array.from(z1, (v) => 2 * v)]]) {
      const prepared = prepareOlsResiduals(X);
      for (const [k, y] of ys.entries()) assert.deepStrictEqual(prepared(y), ols(y, X).residuals, `${X.length} predictor(s), y #${k}`);
    }
    assert.throws(() => prepareOlsResiduals([z1])(new Float64Array(n).fill(NaN)), InputError);
  });

  it("gives the same residuals for a set of rows seen once (factorised in its scratch), again (kept) and after (reused)", () => {
    const n = 40;
    const z = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) + i / 20);
    const ys = Array.from({ length: 6 }, (_, k) => Float64Array.from({ length: n }, (_, i) => ((i + k) % (k + 3) === 0 ? NaN : Math.cos(i * (k + 1)) + z[i])));
    const prepared = prepareOlsResiduals([z]);
    const expected = ys.map((y) => ols(y, [z]).residuals);
    for (let round = 0; round < 3; round++) {
      for (const [k, y] of ys.entries()) assert.deepStrictEqual(prepared(y), expected[k], `round ${round}, y #${k}`);
    }
  });
});
