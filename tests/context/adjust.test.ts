import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { contextAdjustedAssociation, residualiseOnContext } from "../../lib/context/adjust";
import { pearsonR } from "../../lib/stats/pearson";

// Small data with a confounder: x and y both follow z.
const z = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const x = Object.freeze([2.1, 3.9, 6.2, 8.1, 9.7, 12.2, 13.8, 16.1, 18.2, 19.9, 22.1, 24.0]);
const y = Object.freeze([1.0, 2.2, 2.9, 4.1, 5.2, 5.8, 7.1, 8.0, 8.8, 10.2, 11.1, 11.9]);

describe("residualiseOnContext", () => {
  test("residuals are orthogonal to the context and R² = 1 − RSS/TSS", () => {
    const r = residualiseOnContext(x, [z], ["z"]);
    assert.equal(r.n, 12);
    let dot = 0;
    let sum = 0;
    for (let i = 0; i < 12; i++) {
      dot += r.residuals[i] * z[i];
      sum += r.residuals[i];
    }
    assert.ok(Math.abs(dot) < 1e-9 && Math.abs(sum) < 1e-9);
    const mean = x.reduce((a, b) => a + b, 0) / 12;
    const tss = x.reduce((a, b) => a + (b - mean) ** 2, 0);
    const rss = Array.from(r.residuals).reduce((a, b) => a + b * b, 0);
    assert.ok(Math.abs(r.r2 - (1 - rss / tss)) < 1e-12);
    assert.ok(Math.abs(r.r2 - pearsonR(x, z) ** 2) < 1e-12, "one context variable: R² = r²");
  });

  test("missing values stay NaN in place and are counted", () => {
    const xm = [...x];
    xm[4] = NaN;
    const r = residualiseOnContext(xm, [z]);
    assert.equal(r.n, 11);
    assert.equal(r.nMissing, 1);
    assert.ok(Number.isNaN(r.residuals[4]));
  });

  test("collinear context gives NaN with a reason, not a smaller model", () => {
    const r = residualiseOnContext(x, [z, z.map((v) => 2 * v)], ["z", "z2"]);
    assert.ok(Number.isNaN(r.r2));
    assert.match(r.reason ?? "", /collinear/);
  });

  test("no context variable is an input error", () => {
    assert.throws(() => residualiseOnContext(x, []), /at least one context variable/);
  });
});

describe("contextAdjustedAssociation", () => {
  test("the partial r equals the one-covariate formula (r_xy − r_xz r_yz)/√((1 − r_xz²)(1 − r_yz²))", () => {
    const a = contextAdjustedAssociation(x, y, [z]);
    const rxy = pearsonR(x, y);
    const rxz = pearsonR(x, z);
    const ryz = pearsonR(y, z);
    const expected = (rxy - rxz * ryz) / Math.sqrt((1 - rxz ** 2) * (1 - ryz ** 2));
    assert.ok(Math.abs(a.partial.r - expected) < 1e-10);
    assert.equal(a.partial.df, 12 - 3);
    assert.ok(a.raw.r > 0.99, "strongly associated before adjustment");
    assert.ok(Math.abs(a.partial.r) < Math.abs(a.raw.r), "weaker after");
    assert.ok(a.contextR2 > 0.99 && a.outcomeContextR2 > 0.99);
  });

  test("the partial r is the correlation of the two residual series", () => {
    const a = contextAdjustedAssociation(x, y, [z]);
    const r = pearsonR(residualiseOnContext(x, [z]).residuals, residualiseOnContext(y, [z]).residuals);
    assert.ok(Math.abs(a.partial.r - r) < 1e-10);
  });

  test("spearman ranks every variable first and reports the rows used", () => {
    const a = contextAdjustedAssociation(x, y, [z], { method: "spearman" });
    assert.equal(a.method, "spearman");
    assert.equal(a.partial.method, "partial-spearman");
    assert.equal(a.n, 12);
  });
});
