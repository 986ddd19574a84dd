import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { empiricalBayesShrinkage } from "../../lib/stats/empirical-bayes";

/** Written by tests/reference/empirical-bayes.R (base R's lm with weights; DL moments estimator). */
const REF = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/empirical-bayes.json"), "utf8"));
/** Tolerance against R: the same closed forms in double precision (observed ~1e-15). */
const TOLERANCE = 1e-10;

function close(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) <= TOLERANCE * Math.max(1, Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs R ${expected[i]}`);
}

function compare(r: ReturnType<typeof empiricalBayesShrinkage>, ref: Record<string, number | number[]>): void {
  close([r.tau2, r.q, r.df, r.meanReliability, r.signalToNoise], [ref.tau2, ref.q, ref.df, ref.mean_reliability, ref.signal_to_noise] as number[], "tau2, Q, df, mean λ, SNR");
  close(r.coefficients, ref.coefficients as number[], "coefficients");
  close(r.priorMean, ref.prior_mean as number[], "prior mean");
  close(r.reliability, ref.reliability as number[], "reliability");
  close(r.shrunk, ref.shrunk as number[], "shrunk");
}

test("shrinkage toward the national mean equals R's DL estimate, prior mean and shrunk values", () => {
  const y = Object.freeze([...REF.y]);
  compare(empiricalBayesShrinkage(y, REF.v), REF.national);
  assert.deepEqual(y, REF.y, "input not mutated");
});

test("shrinkage toward the context-predicted mean equals R's", () => {
  compare(empiricalBayesShrinkage(REF.y, REF.v, [REF.context]), REF.context_predicted);
});

test("pure noise: τ² = 0, every value shrinks to the prior mean, with the reason", () => {
  const r = empiricalBayesShrinkage(REF.noise.y, REF.noise.v);
  compare(r, REF.noise.result);
  assert.equal(r.tau2, 0);
  assert.match(r.reasons[0], /τ² = 0/);
});

test("missing values are left out (NaN), and the estimate equals the one without them", () => {
  const y = [...REF.y, NaN, 0.4];
  const v = [...REF.v, 0.01, NaN];
  const r = empiricalBayesShrinkage(y, v);
  assert.ok(Number.isNaN(r.shrunk[REF.y.length]) && Number.isNaN(r.shrunk[REF.y.length + 1]));
  assert.ok(Math.abs(r.tau2 - REF.national.tau2) < TOLERANCE);
  assert.equal(r.n, REF.y.length);
});

test("shrunk values lie between the value and the prior mean (a law, on the reference data)", () => {
  const r = empiricalBayesShrinkage(REF.y, REF.v, [REF.context]);
  for (let i = 0; i < REF.y.length; i++) {
    const lo = Math.min(REF.y[i], r.priorMean[i]);
    const hi = Math.max(REF.y[i], r.priorMean[i]);
    assert.ok(r.shrunk[i] >= lo - 1e-15 && r.shrunk[i] <= hi + 1e-15);
  }
});

test("bad input: length mismatch and non-positive variance are errors; too few units give NaN with a reason", () => {
  assert.throws(() => empiricalBayesShrinkage([1, 2], [1]), /empiricalBayesShrinkage: v must have one variance per value/);
  assert.throws(() => empiricalBayesShrinkage([1, 2, 3], [1, 0, 1]), /sampling variances must be finite and > 0 \(unit 1\)/);
  const tiny = empiricalBayesShrinkage([1], [1]);
  assert.ok(Number.isNaN(tiny.tau2));
  assert.match(tiny.reasons[0], /needs more units/);
  const constant = empiricalBayesShrinkage([1, 2, 3, 4], [1, 1, 1, 1], [[5, 5, 5, 5]]);
  assert.match(constant.reasons[0], /collinear/);
});
