import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  adjustedZScores,
  chooseFunnelAdjustment,
  estimateOverdispersion,
  overdispersedFunnelLimits,
} from "../../lib/indicators/overdispersion";
import { funnelLimits } from "../../lib/indicators/funnel";

// Reference: tests/reference/profile/make-profile-reference.R (R 4.2.2) writes out FunnelPlotR's
// formulas (Spiegelhalter 2005) on simulated overdispersed data (set.seed(20190401), 40 LAs).
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/profile/profile-reference.json"), "utf8"));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));
const REL_TOL = 1e-10;

describe("estimateOverdispersion for proportions (arcsine-sqrt)", () => {
  const P = ref.overdispersion_proportion;
  const num = Object.freeze(P.numerators.slice()) as number[];
  const den = Object.freeze(P.denominators.slice()) as number[];
  const est = estimateOverdispersion(num, den, { type: "proportion", multiplier: 100 });
  test("gives R's phi, tau2, dispersion chi-square and p", () => {
    assert.ok(rel(est.target, P.target_percent) < REL_TOL);
    assert.ok(rel(est.phi, P.phi) < REL_TOL, `phi ${est.phi} vs ${P.phi}`);
    assert.ok(rel(est.tau2, P.tau2) < REL_TOL, `tau2 ${est.tau2} vs ${P.tau2}`);
    assert.ok(rel(est.chiSquare, P.chisq) < REL_TOL);
    assert.ok(rel(est.p, P.p) < 1e-6, `p ${est.p} vs ${P.p}`);
    assert.equal(est.n, P.n);
    P.z.forEach((z: number, i: number) => assert.ok(rel(est.z[i], z) < REL_TOL));
  });
  test("gives R's additive, multiplicative and unadjusted limits", () => {
    const add = overdispersedFunnelLimits(est, P.at, "additive");
    const mul = overdispersedFunnelLimits(est, P.at, "multiplicative");
    const none = overdispersedFunnelLimits(est, P.at, "none");
    P.at.forEach((_: number, i: number) => {
      assert.ok(rel(add.upper998[i], P.additive_upper998[i]) < REL_TOL);
      assert.ok(rel(add.lower95[i], P.additive_lower95[i]) < REL_TOL);
      assert.ok(rel(mul.upper998[i], P.multiplicative_upper998[i]) < REL_TOL);
      assert.ok(rel(none.upper95[i], P.none_upper95[i]) < REL_TOL);
    });
  });
  test("with overdispersed data, chooses the additive limits and flags far fewer LAs than exact limits", () => {
    const choice = chooseFunnelAdjustment(est);
    assert.equal(choice.method, "additive");
    assert.match(choice.reason, /φ = 28\.88/);
    const exact = funnelLimits(est.target / 100, den, { type: "proportion", multiplier: 100 });
    const adj = overdispersedFunnelLimits(est, den, "additive");
    let exactFlags = 0, adjFlags = 0;
    for (let i = 0; i < num.length; i++) {
      const v = (100 * num[i]) / den[i];
      if (v > exact.upper998[i] || v < exact.lower998[i]) exactFlags++;
      if (v > adj.upper998[i] || v < adj.lower998[i]) adjFlags++;
    }
    assert.ok(exactFlags >= 20, `exact flags ${exactFlags}`);
    assert.ok(adjFlags <= 4, `adjusted flags ${adjFlags}`);
  });
  test("adjusted z-scores shrink towards zero", () => {
    const za = adjustedZScores(est, "additive");
    for (let i = 0; i < za.length; i++) assert.ok(Math.abs(za[i]) < Math.abs(est.z[i]));
  });
});

describe("estimateOverdispersion for rates (sqrt of O/E)", () => {
  const R = ref.overdispersion_rate;
  const est = estimateOverdispersion(R.numerators, R.denominators, { type: "rate" });
  test("gives R's phi, tau2 and limits per 10,000", () => {
    assert.ok(rel(est.target, R.target_per10k) < REL_TOL);
    assert.ok(rel(est.phi, R.phi) < REL_TOL);
    assert.ok(rel(est.tau2, R.tau2) < REL_TOL);
    assert.ok(est.p < 1e-300);
    const add = overdispersedFunnelLimits(est, R.at, "additive");
    const mul = overdispersedFunnelLimits(est, R.at, "multiplicative");
    R.at.forEach((_: number, i: number) => {
      assert.ok(rel(add.upper998[i], R.additive_upper998[i]) < REL_TOL);
      assert.ok(rel(add.lower998[i], R.additive_lower998[i]) < REL_TOL);
      assert.ok(rel(mul.lower95[i], R.multiplicative_lower95[i]) < REL_TOL);
    });
  });
});

describe("estimateOverdispersion on data without overdispersion", () => {
  test("finds tau2 = 0 and keeps the exact limits", () => {
    // counts exactly at the target: every z is 0, so phi = 0 < (n-1)/n and tau2 is set to 0
    const den = Array.from({ length: 20 }, (_, i) => 100 * (i + 1));
    const num = den.map((n) => n / 4);
    const est = estimateOverdispersion(num, den, { type: "proportion" });
    assert.equal(est.phi, 0);
    assert.equal(est.tau2, 0);
    assert.equal(chooseFunnelAdjustment(est).method, "none");
  });
});

describe("estimateOverdispersion input checks", () => {
  test("leaves out missing rows and reports n", () => {
    const P = ref.overdispersion_proportion;
    const num = [...P.numerators, NaN];
    const den = [...P.denominators, 500];
    const est = estimateOverdispersion(num, den, { type: "proportion", multiplier: 100 });
    assert.equal(est.n, 40);
    assert.ok(Number.isNaN(est.z[40]));
    assert.ok(rel(est.phi, P.phi) < REL_TOL);
  });
  test("refuses impossible inputs with typed messages", () => {
    assert.throws(() => estimateOverdispersion([1, 2], [10], { type: "proportion" }), /same length/);
    assert.throws(() => estimateOverdispersion([1], [10], { type: "proportion" }), /at least 10 LAs/);
    assert.throws(() => estimateOverdispersion(Array(12).fill(11), Array(12).fill(10), { type: "proportion" }), /<= its denominator/);
    assert.throws(() => estimateOverdispersion(Array(12).fill(1), Array(12).fill(0), { type: "rate" }), /must be > 0/);
  });
});

test("chooseFunnelAdjustment writes a p below 0.001 as '< 0.001' (an underflowed 0 had read 'p = 0.0 < 0.05')", () => {
  assert.match(chooseFunnelAdjustment({ phi: 9.1, tau2: 0.004, p: 0, n: 150 }).reason, /^overdispersed \(φ = 9\.10, n = 150, p < 0\.001\): /, "not \"p < 0.001 < 0.05\"");
  assert.match(chooseFunnelAdjustment({ phi: 1.6, tau2: 0.001, p: 0.034, n: 150 }).reason, /p = 0\.034 < 0\.05/);
  assert.match(chooseFunnelAdjustment({ phi: 1.1, tau2: 0, p: 0.41, n: 150 }).reason, /p = 0\.41 ≥ 0\.05/);
});
