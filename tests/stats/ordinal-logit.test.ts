import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { ordinalLogit } from "../../lib/stats/ordinal-logit";
import { InputError } from "../../lib/errors";
import { assertClose, ITERATIVE_TOLERANCE, reference, type Json } from "../reference/load-reference";

const ref = reference();
const cases: Json[] = ref.ordinal;
/**
 * polr's own SEs come from optim's finite-difference Hessian (step 1e-3 on the raw scale), accurate only to
 * ~1e-4 when predictors are far from unit scale; raw-scale SEs are compared at this looser tolerance, and
 * the standardised refits (where polr's Hessian is accurate) at ITERATIVE_TOLERANCE.
 */
const POLR_RAW_SE_TOLERANCE = 1e-3;

function compare(c: Json, y: number[], X: Record<string, number[]>, seTol: number, label: string) {
  const fit = ordinalLogit(Object.freeze(y.slice()), c.Xnames.map((k: string) => Object.freeze(X[k].slice())), { names: c.Xnames });
  assert.equal(fit.converged, true, `${label}: converged`);
  assert.equal(fit.separation, false);
  assert.equal(fit.n, c.n ?? y.length, `${label}: n`);
  fit.coefficients.forEach((k, i) => assertClose(k.estimate, c.coefficients[i], ITERATIVE_TOLERANCE, `${label}: beta ${k.name}`, 1));
  fit.thresholds.forEach((k, i) => {
    assert.equal(k.name, c.zetaNames[i]);
    assertClose(k.estimate, c.zeta[i], ITERATIVE_TOLERANCE, `${label}: zeta ${k.name}`, 1);
  });
  const ses = [...fit.coefficients, ...fit.thresholds].map((k) => k.se);
  ses.forEach((se, i) => assertClose(se, c.se[i], seTol, `${label}: se[${i}]`));
  const ps = [...fit.coefficients, ...fit.thresholds].map((k) => k.p);
  // Relative, with no absolute floor: p = 2Φ(−|z|) has d ln p ≈ z²·d ln SE for large |z|, so an SE good to seTol
  // gives p good to about z²·seTol (tiny p-values are checked in relative terms, not waved through).
  ps.forEach((p, i) => {
    const z = Math.abs(c.z[i]);
    assertClose(p, c.p[i], 2 * seTol * Math.max(1, z * z), `${label}: p[${i}] (z = ${z.toFixed(1)})`);
  });
  assertClose(fit.logLik, c.logLik, 1e-10, `${label}: logLik`);
  assertClose(fit.aic, c.aic, 1e-10, `${label}: AIC`);
  return fit;
}

describe("ordinalLogit", () => {
  it("reproduces the golden polr fit: beta = 0.8474 (SE 0.1790), cut-points -1.2070, 0.5315, 1.6538", () => {
    const c = cases[0];
    const fit = ordinalLogit(c.y, [c.X.x], { names: ["x"] });
    assertClose(fit.coefficients[0].estimate, 0.8474, 1e-4, "beta", 1);
    assertClose(fit.coefficients[0].se, 0.179, 1e-3, "se", 1);
    assert.deepEqual(fit.thresholds.map((t) => Math.round(t.estimate * 1e4) / 1e4), [-1.207, 0.5315, 1.6538]);
  });

  it("matches MASS::polr on standardised predictors (estimates, SEs, logLik, AIC) to 1e-5", () => {
    for (const c of cases) compare({ ...c.standardised, Xnames: c.Xnames }, c.standardised.y, c.standardised.X, ITERATIVE_TOLERANCE, `${c.name} (standardised)`);
  });

  it("matches MASS::polr on the raw scale: estimates to 1e-5, SEs to polr's own finite-difference accuracy (1e-3)", () => {
    for (const c of cases) compare(c, c.y, c.X, POLR_RAW_SE_TOLERANCE, c.name);
  });

  it("follows polr's sign convention: a positive coefficient shifts towards higher categories (worse Ofsted grades)", () => {
    const c = cases[0];
    const fit = ordinalLogit(c.y, [c.X.x]);
    assert.ok(fit.coefficients[0].estimate > 0, "y was simulated with +0.8·x on the latent scale");
    assert.match(fit.convention, /zeta_k - x\*beta/);
  });

  it("detects perfect separation (where polr fails to start) and returns NaN estimates with a reason", () => {
    const s = ref.separation;
    assert.ok(String(s.rError).length > 0 || s.warnings.length > 0, "R could not fit it either");
    const fit = ordinalLogit(s.y, [s.x]);
    assert.equal(fit.separation, true);
    assert.equal(fit.converged, false);
    assert.ok(Number.isNaN(fit.coefficients[0].estimate) && Number.isNaN(fit.thresholds[0].se));
    assert.match(fit.reasons.join(" "), /separation/);
  });

  it("detects quasi-complete separation (categories overlap only at one x value)", () => {
    const fit = ordinalLogit([1, 1, 1, 2, 2, 2, 3, 3], [[1, 2, 3, 3, 4, 5, 6, 7]]);
    assert.equal(fit.separation, true);
    assert.ok(Number.isNaN(fit.coefficients[0].estimate));
    assert.ok(fit.logLik < 0, "the log-likelihood is still reported");
  });

  it("drops empty categories explicitly and names thresholds after the observed ones", () => {
    const c = cases[0];
    const y = c.y.map((v: number) => (v === 2 ? 1 : v)); // category 2 now empty
    const fit = ordinalLogit(y, [c.X.x], { levels: 4 });
    assert.deepEqual(fit.emptyCategories, [2]);
    assert.deepEqual(fit.thresholds.map((t) => t.name), ["1|3", "3|4"]);
    assert.match(fit.reasons.join(" "), /empty categories dropped: 2/);
  });

  it("reports constant or collinear predictors, and non-convergence, instead of numbers", () => {
    const c = cases[0];
    const k = ordinalLogit(c.y, [c.X.x, c.X.x.map(() => 1)], { names: ["x", "k"] });
    assert.match(k.reasons.join(" "), /constant or collinear: k/);
    assert.ok(Number.isNaN(k.coefficients[0].estimate));
    const slow = ordinalLogit(c.y, [c.X.x], { maxIterations: 1 });
    assert.equal(slow.converged, false);
    assert.match(slow.reasons.join(" "), /did not converge/);
  });

  it("drops rows with missing values and counts them; rejects non-integer categories", () => {
    const c = cases[0];
    const x = c.X.x.slice();
    x[0] = NaN;
    const fit = ordinalLogit(c.y, [x]);
    assert.equal(fit.n, 149);
    assert.equal(fit.nMissing, 1);
    assert.throws(() => ordinalLogit([1, 2.5, 3], [[1, 2, 3]]), InputError);
    assert.throws(() => ordinalLogit([2, 2, 2], [[1, 2, 3]]), /at least 2 observed categories/);
  });
});

describe("ordinalLogit edge cases added by the audit (tests/reference audit.ordinal)", () => {
  const audit = ref.audit.ordinal;
  const c = cases[0];

  it("refuses a constant or collinear predictor where polr silently drops it ('design appears to be rank-deficient')", () => {
    for (const [label, extra] of [["constant", c.X.x.map(() => 1)], ["collinear", c.X.x.map((v: number) => 2 * v)]] as const) {
      assert.match(audit[label].warnings.join(" "), /rank-deficient/, `R warns for ${label}`);
      const fit = ordinalLogit(Object.freeze(c.y.slice()), [Object.freeze(c.X.x.slice()), Object.freeze(extra.slice())], { names: ["x", "extra"] });
      assert.equal(fit.converged, false);
      assert.ok(fit.coefficients.every((k) => Number.isNaN(k.estimate)), `${label}: no numbers`);
      assert.match(fit.reasons.join(" "), /constant or collinear: extra/);
    }
  });

  it("reports a very strong but finite effect (slope 20 per SD, categories overlap) as polr does, with a near-separation reason", () => {
    const c = audit.nearSeparation;
    assert.ok(c.xRangeByGrade["1"][1] > c.xRangeByGrade["2"][0], "grades 1 and 2 overlap in x, so the MLE exists");
    const fit = compare(c, c.y, c.X, POLR_RAW_SE_TOLERANCE, c.name);
    assert.ok(fit.coefficients[0].estimate > 20);
    assert.match(fit.reasons.join(" "), /near separation: .*Wald SEs and p-values are unreliable/);
    assert.deepEqual(ordinalLogit(cases[0].y, [cases[0].X.x]).reasons, [], "an ordinary fit has no such reason");
  });

  it("fits a predictor at 1e6 scale (where polr fails: 'infinite or missing values') with beta = beta(x) / 1e6", () => {
    assert.ok(String(audit.huge.error).length > 0, "R cannot fit it");
    const fit = ordinalLogit(c.y, [c.X.x.map((v: number) => v * audit.huge.scale)]);
    assert.equal(fit.converged, true);
    assertClose(fit.coefficients[0].estimate * audit.huge.scale, c.coefficients[0], ITERATIVE_TOLERANCE, "beta", 1);
    fit.thresholds.forEach((k, i) => assertClose(k.estimate, c.zeta[i], ITERATIVE_TOLERANCE, `zeta ${k.name}`, 1));
    assertClose(fit.logLik, c.logLik, 1e-10, "logLik");
  });
});
