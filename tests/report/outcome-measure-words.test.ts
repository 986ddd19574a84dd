import { test } from "node:test";
import assert from "node:assert/strict";
import { outcomeNoiseSentence, type OutcomeMeasureJson } from "../../lib/report/outcome-measure-words";

/** A too-noisy outcome (KS4 Attainment 8 of looked-after children in 2025, the official numbers rounded), unshrunk. */
const NOISY: OutcomeMeasureJson = Object.freeze<OutcomeMeasureJson>({
  indicator: "cla_ks4_attainment8", label: "KS4 Attainment 8", unit: "score", outcome_year: 2025, indicator_year: 2025, lag: 0,
  slots: [{ outcome_year: 2025, indicator_year: 2025, n_linked: 149 }], orientation_rule: "higher is better", exclusion_rule: "left out", excluded_candidates: [],
  noise: {
    year: 2025, denominator_year: 2025, variance_source: "year-to-year", variance_rule: "per-child variance", n_values: 149, n_with_denominator: 149,
    median_denominator: 35, year_to_year_r: 0.23, between_la_variance: 0.28, mean_sampling_variance: 15.8, signal_to_noise: 0.02, mean_reliability: 0.025,
    threshold: 0.5, code: "too-noisy",
  },
  shrink: null,
});

test("a too-noisy outcome recommends shrinkage only when none was applied, and says when the values analysed were shrunk", () => {
  assert.match(outcomeNoiseSentence(NOISY), /a weak or absent association says little, and shrinkage \(--shrink\) or several years pooled would help\.$/);
  const shrunk = outcomeNoiseSentence({ ...NOISY, shrink: { target: "national", slots: [] } });
  assert.doesNotMatch(shrunk, /shrinkage \(--shrink\)/);
  assert.match(shrunk, /a weak or absent association says little; the values analysed were shrunk \(--shrink national, below\), and several years pooled would help further\.$/);
});

test("a too-noisy outcome whose screen year --shrink could not shrink (no denominators) does not say the values analysed were shrunk", () => {
  const slot = { outcome_year: 2025, between_la_variance: null, las: 149, las_shrunk: 0, las_unshrunk: 149, las_no_sampling_variance: 149, las_no_context: 0 };
  const unshrunk = outcomeNoiseSentence({ ...NOISY, shrink: { target: "national", slots: [slot] } });
  assert.doesNotMatch(unshrunk, /the values analysed were shrunk/);
  assert.match(unshrunk, /a weak or absent association says little; --shrink national left this year's values as published \(below\), and several years pooled would help\.$/);
  // a year with some LAs shrunk keeps the sentence on shrunk values
  const some = outcomeNoiseSentence({ ...NOISY, shrink: { target: "national", slots: [{ ...slot, las_shrunk: 140, las_unshrunk: 9, las_no_sampling_variance: 9 }] } });
  assert.match(some, /the values analysed were shrunk \(--shrink national, below\)/);
});

/** A precise outcome whose year-to-year r is below the threshold its mean reliability passes (the walkthrough's care leavers' numbers). */
const PRECISE: OutcomeMeasureJson = Object.freeze<OutcomeMeasureJson>({
  ...NOISY,
  label: "Care leavers in education, employment or training (%)",
  noise: { ...NOISY.noise, variance_source: "binomial", year_to_year_r: 0.33, mean_reliability: 0.591, between_la_variance: 60, mean_sampling_variance: 40, signal_to_noise: 1.5, code: "ok" },
});

test("the threshold sits beside the mean reliability the verdict rests on, not beside the year-to-year r", () => {
  const sentence = outcomeNoiseSentence(PRECISE);
  assert.match(sentence, /on average 59\.1% of an LA value's variance is real difference between LAs \([^)]*\), at or above the threshold of 50% — precise enough at LA level to judge indicators by\.$/);
  assert.match(sentence, /year-to-year r 0\.33 \(for reference: with denominators the verdict rests on the sampling noise\);/);
  assert.doesNotMatch(sentence, /year-to-year r 0\.33 —/);
  assert.match(outcomeNoiseSentence(NOISY), /on average 2\.5% of an LA value's variance is real difference between LAs \([^)]*\), below the threshold of 50% — \*\*too noisy/);
});

test("without denominators the threshold sits beside the year-to-year r, which the verdict then rests on", () => {
  const none = { ...NOISY.noise, variance_source: "none" as const, n_with_denominator: 0, between_la_variance: null, mean_sampling_variance: null, signal_to_noise: null, mean_reliability: null };
  assert.match(outcomeNoiseSentence({ ...NOISY, noise: none }), /no denominators, so its sampling noise cannot be measured; year-to-year r 0\.23, below the threshold of 0\.50 — \*\*too noisy/);
  assert.match(outcomeNoiseSentence({ ...NOISY, noise: { ...none, year_to_year_r: 0.62, code: "ok" } }), /year-to-year r 0\.62, at or above the threshold of 0\.50 — precise enough/);
  assert.match(outcomeNoiseSentence({ ...NOISY, noise: { ...none, year_to_year_r: null, code: "not-measurable" } }),
    /no denominators, so its sampling noise cannot be measured; no year-to-year r either \(no two consecutive years in which 10 LAs have a value\) — its precision cannot be judged\.$/);
});

test("a sampling noise not measured for another reason than missing denominators says that reason", () => {
  const unmeasured = { ...NOISY.noise, between_la_variance: null, mean_sampling_variance: null, signal_to_noise: null, mean_reliability: null };
  // a score with denominators but no per-child variance (no LA with them in two consecutive years, or no change): variance source none
  const single = outcomeNoiseSentence({ ...NOISY, noise: { ...unmeasured, variance_source: "none" } });
  assert.match(single, /^KS4 Attainment 8 in 2025: its unit \(score\) has a sampling variance only from LAs' changes between consecutive years with denominators, and there are none to measure \(no LA has two such years, or no value changed\), so its sampling noise cannot be measured; year-to-year r 0\.23, below the threshold of 0\.50/);
  // a percentage with denominators for one LA only: the between-LA variance cannot be estimated
  const one = outcomeNoiseSentence({ ...PRECISE, noise: { ...unmeasured, variance_source: "binomial", n_with_denominator: 1, year_to_year_r: 0.62, code: "ok" } });
  assert.match(one, /: only 1 LA with a value and a denominator, too few to estimate the between-LA variance, so its sampling noise cannot be measured; year-to-year r 0\.62, at or above the threshold of 0\.50 — precise enough/);
  for (const sentence of [single, one]) assert.doesNotMatch(sentence, /no denominators/);
});

test("an outcome year without denominators: the sentence says every figure was measured on the year that has them", () => {
  // care leavers 19–21 in EET, --lag 1 on the official package: outcome of 2025, τ², SNR and reliability all of 2024
  const eet = outcomeNoiseSentence({ ...PRECISE, noise: { ...PRECISE.noise, year: 2025, denominator_year: 2024 } });
  assert.match(eet, /^Care leavers in education, employment or training \(%\), outcome of 2025, measured on 2024 \(values and denominators, the latest year with denominators: 2025 has none\): year-to-year r 0\.33/);
  assert.doesNotMatch(eet, /in 2025|sampling noise from/);
  // the same year: as before
  assert.match(outcomeNoiseSentence(PRECISE), /^Care leavers in education, employment or training \(%\) in 2025: /);
});

test("a between-LA variance estimated at 0 is said as a floor, not as a measured 0.0% (audit, round 25: looked-after KS2)", () => {
  const floor = outcomeNoiseSentence({ ...NOISY, noise: { ...NOISY.noise, between_la_variance: 0, mean_reliability: 0, signal_to_noise: 0 } });
  assert.match(floor, /on average about 0% of an LA value's variance is real difference between LAs, the spread of LA values being no larger than their sampling noise \(an estimate at its floor, not a measured 0\) \(between-LA SD 0\.00,/);
  assert.doesNotMatch(floor, /0\.0% of an LA value/);
  assert.match(outcomeNoiseSentence(NOISY), /on average 2\.5% of an LA value's variance/);
});
