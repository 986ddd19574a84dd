import { test } from "node:test";
import assert from "node:assert/strict";
import { empiricalBayesShrinkage } from "../../lib/stats/empirical-bayes";
import { NOISY_OUTCOME_RELIABILITY, outcomeNoise, refuseFullShrinkage, samplingNoiseGap, samplingVariances, shrinkOutcomeValues, type OutcomeGrid } from "../../lib/vitals/outcome-noise";
import { createRng } from "../../lib/stats/random";

test("sampling variances: binomial for percentages, Poisson for rates, per-child variance over n for scores", () => {
  const bin = samplingVariances(Float64Array.of(50, 0, NaN), Float64Array.of(100, 40, 10), "percent", NaN);
  assert.equal(bin.source, "binomial");
  assert.equal(bin.v[0], 25); // 100² · 0.5 · 0.5 / 100
  assert.ok(Math.abs(bin.v[1] - (10000 * (0.5 / 40) * (1 - 0.5 / 40)) / 40) < 1e-12, "p = 0 kept at 0.5/n, never a zero variance");
  assert.ok(Number.isNaN(bin.v[2]));
  const rate = samplingVariances(Float64Array.of(200), Float64Array.of(50000), "rate_per_10k", NaN);
  assert.equal(rate.source, "poisson");
  assert.equal(rate.v[0], (10000 * 200) / 50000);
  const score = samplingVariances(Float64Array.of(20), Float64Array.of(25), "score", 400);
  assert.deepEqual([score.source, score.v[0]], ["year-to-year", 16]);
  assert.equal(samplingVariances(Float64Array.of(20), Float64Array.of(NaN), "percent", NaN).source, "none");
});

/** 120 LAs, 4 years; true LA rates spread by `spread` (percentage points) and stable; observed = binomial draws on cohorts of `n`. */
function grid(spread: number, n: number, seed: number, withDenominators = true): OutcomeGrid {
  const rng = createRng(seed);
  const las = 120;
  const truth = Array.from({ length: las }, () => 50 + spread * (rng.nextFloat() - 0.5) * 2);
  const years = [2020, 2021, 2022, 2023];
  const values = years.map(() => Float64Array.from(truth, (p) => {
    let x = 0;
    for (let c = 0; c < n; c++) if (rng.nextFloat() < p / 100) x++;
    return (100 * x) / n;
  }));
  const denominators = years.map(() => new Float64Array(las).fill(withDenominators ? n : NaN));
  return { years, values, denominators };
}

test("an outcome whose LA differences are real is precise enough; one on tiny cohorts with equal true rates is too noisy", () => {
  const clear = outcomeNoise(grid(20, 400, 1), 2023, "percent");
  assert.equal(clear.code, "ok");
  assert.ok(clear.meanReliability > 0.8, `mean reliability ${clear.meanReliability}`);
  assert.ok(clear.yearToYearR > 0.8);
  const noisy = outcomeNoise(grid(2, 12, 2), 2023, "percent");
  assert.equal(noisy.code, "too-noisy");
  assert.deepEqual(noisy.failures.map((f) => [f.criterion, f.limit]), [["mean reliability of LA values", NOISY_OUTCOME_RELIABILITY]]);
  assert.ok(noisy.signalToNoise < 1);
  assert.equal(noisy.medianDenominator, 12);
});

test("without denominators the verdict falls back on the year-to-year r", () => {
  const r = outcomeNoise(grid(2, 12, 3, false), 2023, "percent");
  assert.equal(r.varianceSource, "none");
  assert.equal(r.failures[0]?.criterion, "year-to-year r");
  assert.equal(r.code, "too-noisy");
});

test("why the sampling noise was not measured: no denominators, a score without consecutive years of them, or too few LAs", () => {
  assert.equal(samplingNoiseGap(outcomeNoise(grid(20, 400, 5), 2023, "percent")), undefined);
  assert.equal(samplingNoiseGap(outcomeNoise(grid(2, 12, 3, false), 2023, "percent")), "no-denominators");
  // a score with denominators in 2021 and 2023 only: no LA has a consecutive pair to give the per-child variance
  const gaps = grid(20, 400, 6);
  gaps.denominators[0].fill(NaN);
  gaps.denominators[2].fill(NaN);
  const score = outcomeNoise(gaps, 2023, "score");
  assert.equal(score.varianceSource, "none");
  assert.ok(score.nWithDenominator > 0);
  assert.equal(samplingNoiseGap(score), "no-per-child-variance");
  // a score whose LA values did not change between the two years: a per-child variance of 0 gives no sampling variance
  // (empirical Bayes had been given variances of 0 and stopped the analysis)
  const still = { years: [2022, 2023], values: [0, 1].map(() => Float64Array.from({ length: 20 }, (_, i) => 10 + i)), denominators: [0, 1].map(() => new Float64Array(20).fill(30)) };
  const unchanged = outcomeNoise(still, 2023, "score");
  assert.equal(unchanged.varianceSource, "none");
  assert.equal(samplingNoiseGap(unchanged), "no-per-child-variance");
  assert.equal(shrinkOutcomeValues(still, 2023, "score", "national", []).noSamplingVariance, 20);
  // a percentage with one LA's denominator: the between-LA variance cannot be estimated
  const one = grid(20, 400, 7);
  for (const d of one.denominators) d.fill(NaN, 1);
  const single = outcomeNoise(one, 2023, "percent");
  assert.equal(single.varianceSource, "binomial");
  assert.ok(Number.isNaN(single.meanReliability));
  assert.equal(samplingNoiseGap(single), "too-few-las");
  assert.ok(single.yearToYearR > NOISY_OUTCOME_RELIABILITY);
  assert.equal(single.code, "ok", "the verdict then rests on the year-to-year r");
});

test("an outcome year without denominators takes the latest earlier year with them, and says so", () => {
  const g = grid(20, 400, 4);
  g.denominators[3].fill(NaN);
  const r = outcomeNoise(g, 2023, "percent");
  assert.equal(r.denominatorYear, 2022);
  assert.match(r.reasons[0], /no denominators: the noise \(values, between-LA variance, sampling variance, reliability\) is measured on 2022's values and denominators/);
});

test("shrunk values are the empirical-Bayes estimates toward the national or context-predicted mean", () => {
  const g = grid(10, 30, 5);
  const ctx = Float64Array.from({ length: 120 }, (_, i) => i / 120);
  const { v } = samplingVariances(g.values[3], g.denominators[3], "percent", NaN);
  for (const [target, covariates] of [["national", []], ["context", [ctx]]] as const) {
    const shrunk = shrinkOutcomeValues(g, 2023, "percent", target, [ctx]);
    const eb = empiricalBayesShrinkage(g.values[3], v, covariates);
    assert.deepEqual(Array.from(shrunk.values), Array.from(eb.shrunk));
    assert.equal(shrunk.unshrunk, 0);
  }
});

test("shrinkage counts the LAs it shrank and those it kept as published, by reason: no denominator, no context value", () => {
  const g = grid(10, 30, 5);
  const ctx = Float64Array.from({ length: 120 }, (_, i) => i / 120);
  g.denominators[3][0] = NaN;
  ctx[1] = NaN;
  ctx[2] = NaN;
  g.values[3][3] = NaN;
  const toContext = shrinkOutcomeValues(g, 2023, "percent", "context", [ctx]);
  assert.deepEqual([toContext.las, toContext.shrunk, toContext.unshrunk, toContext.noSamplingVariance, toContext.noContext], [119, 116, 3, 1, 2]);
  assert.equal(toContext.values[1], g.values[3][1], "an LA without a context value keeps its published value");
  assert.equal(toContext.notEstimable, undefined);
  const toNation = shrinkOutcomeValues(g, 2023, "percent", "national", [ctx]);
  assert.deepEqual([toNation.shrunk, toNation.noSamplingVariance, toNation.noContext], [118, 1, 0], "the national mean needs no context");
});

test("a year without denominators is not shrunk at all, and says so: every LA value is kept for want of a sampling variance", () => {
  const g = grid(10, 30, 5);
  g.denominators[3].fill(NaN);
  const s = shrinkOutcomeValues(g, 2023, "percent", "national", []);
  assert.deepEqual([s.las, s.shrunk, s.unshrunk, s.noSamplingVariance], [120, 0, 120, 120]);
  assert.deepEqual(Array.from(s.values), Array.from(g.values[3]));
  assert.ok(Number.isNaN(s.tau2));
});

test("a year the shrinkage cannot be estimated for (fewer LAs than prior-mean coefficients) keeps every value and names the reason", () => {
  const g = grid(10, 30, 5);
  g.values[3].fill(NaN, 1);
  const s = shrinkOutcomeValues(g, 2023, "percent", "national", []);
  assert.deepEqual([s.las, s.shrunk, s.unshrunk, s.noSamplingVariance, s.noContext], [1, 0, 1, 0, 0]);
  assert.match(s.notEstimable ?? "", /needs more units \(1\) than prior-mean coefficients \(1\)/);
});

test("a shrinkage leaving no between-LA variance in the screen's year is refused, naming the year and what to run instead", () => {
  // LA values exactly on the context line: no variance beyond sampling noise around the context prediction
  const g = grid(10, 30, 5);
  const ctx = Float64Array.from({ length: 120 }, (_, i) => i / 120);
  g.values[3] = Float64Array.from(ctx, (c) => 40 + 20 * c);
  g.denominators[3].fill(1000); // cohorts of 1,000: a sampling SD of about 1.6 points against a spread of 20
  const toContext = shrinkOutcomeValues(g, 2023, "percent", "context", [ctx]);
  assert.equal(toContext.tau2, 0);
  assert.throws(
    () => refuseFullShrinkage({ ...toContext, outcomeYear: 2023 }, "context"),
    /--shrink context leaves no between-LA variance in 2023, the screen's outcome year \(τ² estimated at 0: .*\), so each of its 120 shrunk LA values would be its context prediction, making the outcome a function of the context.*nothing was analysed or written: run without --shrink, or with --shrink national$/,
  );
  // toward the national mean the same values keep a real spread: nothing to refuse
  const toNation = shrinkOutcomeValues(g, 2023, "percent", "national", []);
  assert.ok(toNation.tau2 > 0);
  assert.doesNotThrow(() => refuseFullShrinkage({ ...toNation, outcomeYear: 2023 }, "national"));
  // equal true rates everywhere: the national shrinkage leaves one value for every LA
  assert.throws(() => refuseFullShrinkage({ tau2: 0, shrunk: 118, outcomeYear: 2024 }, "national"), /each of its 118 shrunk LA values would be the national mean, the same for every LA; nothing was analysed or written: run without --shrink$/);
  // nothing shrunk (no denominators): the published values are analysed, nothing to refuse
  assert.doesNotThrow(() => refuseFullShrinkage({ tau2: 0, shrunk: 0, outcomeYear: 2023 }, "context"));
});
