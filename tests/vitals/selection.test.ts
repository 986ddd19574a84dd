import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../lib/stats/random";
import { screenIndicators } from "../../lib/vitals/screen";
import { fewestResampledLas, selectVitalSigns, type SelectionInput } from "../../lib/vitals/selection";
import { verdictReason } from "../../lib/report/verdict-words";

/** 150 LAs: x1 drives a better grade, x2 near-duplicates x1 but is less complete, x3 is noise, x4 only follows deprivation z. */
function world(seed: number): SelectionInput {
  const rng = createRng(seed);
  const n = 150;
  const z = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x1 = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x2 = Float64Array.from(x1, (v, i) => (i % 4 === 0 ? NaN : v + 0.1 * rng.nextNormal()));
  const x3 = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x4 = Float64Array.from(z, (v) => -v + 0.4 * rng.nextNormal());
  const grade = Float64Array.from(x1, (v, i) => {
    const q = 0.9 * v - 0.9 * z[i] + rng.nextNormal();
    return q > 1 ? 1 : q > 0 ? 2 : q > -1 ? 3 : 4;
  });
  const indicators = ["x1", "x2", "x3", "x4"].map((indicator) => ({ indicator, domain: "child-safe" as const, polarity: "up" as const }));
  const values = [x1, x2, x3, x4];
  const screen = screenIndicators({
    indicators: indicators.map((d, j) => ({ ...d, values: values[j] })),
    outcome: grade, outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: z }],
  });
  return {
    indicators, screen, contextNames: ["idaci_score"], reliability: Float64Array.from([0.8, 0.8, 0.8, 0.8]),
    slots: [{ outcomeBetter: Float64Array.from(grade, (g) => -g), context: [z], values }],
  };
}

describe("selectVitalSigns", () => {
  const input = world(1);
  const sel = selectVitalSigns(input, { seed: 42, resamples: 300 });
  const v = (id: string) => {
    const found = sel.verdicts.find((x) => x.indicator === id)!;
    return { ...found, reason: verdictReason(found, sel) };
  };

  test("the driver is selected and its less complete near-duplicate is redundant with it", () => {
    assert.equal(v("x1").selected, true, v("x1").reason);
    assert.deepEqual(v("x1").standsInFor, ["x2"]);
    assert.equal(v("x2").code, "redundant");
    assert.match(v("x2").reason, /^redundant with x1: r = 0\.99.*completeness 100% vs 75%/);
  });

  test("the deprivation-only indicator is rejected as confounded, with raw and adjusted numbers (a q below 0.001 never prints as 0.000)", () => {
    assert.equal(v("x4").code, "confounded", v("x4").reason);
    assert.match(v("x4").reason, /^confounded by context \(idaci_score\): raw ρ = 0\.\d+ \(p [<=] [\d.e-]+\) and adjusted partial ρ = −?0\.\d+ \(p = [\d.]+, q [<=] [\d.]+, 150 LAs\), both on the same LAs; context model R² = 0\.\d+/);
  });

  test("noise is not selected; frequencies are shares of resamples", () => {
    assert.equal(v("x3").selected, false);
    for (const f of sel.frequencies) assert.ok(f >= 0 && f <= 1 && Number.isInteger(f * 300));
  });

  test("reports each resample to onProgress, and the result is identical with and without it", () => {
    const calls: [number, number][] = [];
    const withProgress = selectVitalSigns(input, { seed: 42, resamples: 300, onProgress: (done, total) => calls.push([done, total]) });
    assert.deepEqual(withProgress, sel);
    assert.equal(calls.length, 301);
    assert.deepEqual(calls[0], [0, 300]);
    assert.deepEqual(calls[300], [300, 300]);
    assert.ok(calls.every(([d], i) => d === i));
  });

  test("the same seed gives the same frequencies; another seed gives nearly the same", () => {
    const again = selectVitalSigns(input, { seed: 42, resamples: 300 });
    assert.deepEqual(Array.from(again.frequencies), Array.from(sel.frequencies));
    const other = selectVitalSigns(input, { seed: 43, resamples: 300 });
    for (let j = 0; j < 4; j++) assert.ok(Math.abs(other.frequencies[j] - sel.frequencies[j]) < 0.15);
  });

  test("an unreliable indicator is rejected as unreliable, whatever its association", () => {
    const bad = { ...input, reliability: Float64Array.from([0.8, 0.8, 0.8, 0.1]) };
    const s = selectVitalSigns(bad, { seed: 42, resamples: 100 });
    assert.equal(s.verdicts[3].code, "unreliable");
    assert.match(verdictReason(s.verdicts[3], s), /^unreliable over time: year-to-year r = 0\.10 \(minimum 0\.50\)/);
  });

  test("a rejected indicator's reason states every criterion it fails, the primary first", () => {
    const s = selectVitalSigns({ ...input, reliability: Float64Array.from([0.8, 0.8, 0.3, 0.1]) }, { seed: 42, resamples: 100 });
    // x4 is associated before adjustment: unreliable first, then confounded
    assert.equal(s.verdicts[3].code, "unreliable");
    assert.match(verdictReason(s.verdicts[3], s), /^unreliable over time: year-to-year r = 0\.10 \(minimum 0\.50\); LAs reshuffle from year to year; selected in [^;]*; also confounded by context \(idaci_score\): raw ρ = 0\.\d+ /);
    // x3 (noise) never shows an association: weak first, then unreliable
    const row = input.screen[2];
    assert.ok(row.spearmanP >= 0.05 && row.partialP >= 0.05, "x3 is not associated in the full sample");
    assert.equal(s.verdicts[2].code, "weak");
    assert.match(verdictReason(s.verdicts[2], s), /^weak evidence of a link: adjusted partial ρ = −?0\.\d\d \(p = 0\.\d{2,}, q = 0\.\d{2,}, 150 LAs\), not clear of chance \(q ≥ 0\.05\); raw Spearman ρ = −?0\.\d\d \(q = 0\.\d{2,}\); selected in \d+% of 100 half-samples of LAs; also unreliable over time: year-to-year r = 0\.30 \(minimum 0\.50\)$/);
  });

  test("an incomplete indicator says so first, then its other failures (weak before unreliable); a near-duplicate adds its own", () => {
    const sparse = Float64Array.from(input.slots[0].values[2], (v, i) => (i % 2 === 0 ? NaN : v));
    const values = [input.slots[0].values[0], input.slots[0].values[1], sparse, input.slots[0].values[3]];
    const screen = input.screen.map((r, j) => (j === 2 ? { ...r, completeness: 0.5 } : r));
    const s = selectVitalSigns(
      { ...input, screen, slots: [{ ...input.slots[0], values }], reliability: Float64Array.from([0.8, 0.2, 0.3, 0.8]) },
      { seed: 42, resamples: 100 },
    );
    assert.equal(s.verdicts[2].code, "too-incomplete");
    assert.match(verdictReason(s.verdicts[2], s), /^too incomplete: 50% of the LAs with the outcome have a value \(minimum 60%\); \d+ LAs with both; also weak evidence of a link: adjusted partial ρ = [^;]*, not clear of chance \(q ≥ 0\.05\); also unreliable over time: year-to-year r = 0\.30 \(minimum 0\.50\)$/);
    assert.deepEqual(s.verdicts[2].failures.map((f) => [f.criterion, f.limit]), [["completeness", 0.6], ["selection frequency", 0.6], ["year-to-year r", 0.5]]);
    assert.equal(s.verdicts[2].failures[0].value, 0.5);
    // x2 near-duplicates the selected x1 and is itself unreliable
    assert.equal(s.verdicts[1].code, "redundant");
    assert.match(verdictReason(s.verdicts[1], s), /^redundant with x1: r = 0\.99 .*; also unreliable over time: year-to-year r = 0\.20 \(minimum 0\.50\)$/);
  });

  test("a near-duplicate stands in when the driver itself is unreliable, and the driver's reason says the rule applied: it is kept because it is selected", () => {
    const s = selectVitalSigns({ ...input, reliability: Float64Array.from([0.1, 0.8, 0.8, 0.8]) }, { seed: 42, resamples: 100 });
    assert.equal(s.verdicts[1].selected, true);
    assert.equal(s.verdicts[0].redundantWith, "x2");
    // x2 is the less complete (75% vs 100%) and not the less reliable: it is kept for being selected, not for either number
    const reason = verdictReason(s.verdicts[0], s);
    assert.match(reason, /; x2 is kept because it is selected and this one is not a candidate \(its own shortfalls follow\); this one selected in \d+% .*; also unreliable over time: year-to-year r = 0\.10 \(minimum 0\.50\)$/);
    assert.doesNotMatch(reason, /completeness 75% vs 100%/);
  });

  test("two candidates near-duplicating each other: the reason names the key the kept one wins on", () => {
    // x2 made as complete as x1 (x1 plus noise of SD `noise`): completeness ties, so reliability decides, then the
    // selection frequency, then the input order
    const run = (noise: number, reliability: number[]) => {
      const rng = createRng(5);
      const full = Float64Array.from(input.slots[0].values[0], (v) => v + noise * rng.nextNormal());
      const values = [input.slots[0].values[0], full, input.slots[0].values[2], input.slots[0].values[3]];
      const screen = input.screen.map((r, j) => (j === 1 ? { ...r, completeness: 1 } : r));
      const s = selectVitalSigns({ ...input, screen, slots: [{ ...input.slots[0], values }], reliability: Float64Array.from(reliability) }, { seed: 42, resamples: 100 });
      const dup = s.verdicts.find((v) => v.code === "redundant")!;
      return { dup, reason: verdictReason(dup, s) };
    };
    const byReliability = run(0.1, [0.7, 0.8, 0.8, 0.8]);
    assert.equal(byReliability.dup.indicator, "x1");
    assert.match(byReliability.reason, /; x2 is kept as the more reliable: as complete \(completeness 100% vs 100%: within 5 percentage points\), year-to-year r 0\.80 vs 0\.70; /);
    const byFrequency = run(0.2, [0.8, 0.8, 0.8, 0.8]);
    assert.equal(byFrequency.dup.indicator, "x1");
    assert.match(byFrequency.reason, /; x2 is kept as the more often selected: as complete \(completeness 100% vs 100%: within 5 percentage points\), as reliable \(year-to-year r 0\.80 vs 0\.80\), selected in 100% vs 99% of resamples; /);
    const byOrder = run(0.5, [0.8, 0.8, 0.8, 0.8]);
    assert.equal(byOrder.dup.indicator, "x2");
    assert.match(byOrder.reason, /; x1 is kept as the first listed, all else equal: as complete \(completeness 100% vs 100%: within 5 percentage points\), as reliable \(year-to-year r 0\.80 vs 0\.80\), as often selected \(selected in 99% vs 99% of resamples\); /);
    // the less complete x2 of the world is pruned for completeness alone
    assert.match(v("x2").reason, /; x1 is kept as the more complete \(completeness 100% vs 75%\); /);
  });

  test("an outcome that is a function of the context leaves nothing to test: every indicator is not testable, none weak (a NaN partial is no evidence of no link)", () => {
    const z = input.slots[0].context[0];
    const outcome = Float64Array.from(z, (v) => 2 - v); // what a full shrinkage toward the context prediction gives
    const screen = screenIndicators({
      indicators: input.indicators.map((d, j) => ({ ...d, values: input.slots[0].values[j] })),
      outcome, outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: z }],
    });
    assert.ok(screen.every((r) => Number.isNaN(r.partialR)), "no partial correlation is defined");
    const s = selectVitalSigns({ ...input, screen, slots: [{ ...input.slots[0], outcomeBetter: Float64Array.from(outcome, (g) => -g) }] }, { seed: 42, resamples: 50 });
    assert.deepEqual(s.verdicts.map((v) => v.code), ["not-testable", "not-testable", "not-testable", "not-testable"]);
    assert.match(
      verdictReason(s.verdicts[2], s),
      /^not testable: no adjusted partial ρ could be computed \(x or y is constant or fully explained by the covariates \(zero residual variance\)\), so its link with the outcome is unknown and no resample can select it; raw Spearman ρ = −?0\.\d\d \(q = [\d.]+\)$/,
    );
    assert.deepEqual(s.verdicts[2].failures.map((f) => f.criterion), ["selection frequency"]);
    // unreliable as well, and never associated: not testable stays the primary, as weak would
    const u = selectVitalSigns({ ...input, screen, slots: [{ ...input.slots[0], outcomeBetter: Float64Array.from(outcome, (g) => -g) }], reliability: Float64Array.from([0.8, 0.8, 0.3, 0.8]) }, { seed: 42, resamples: 50 });
    assert.equal(u.verdicts[2].code, "not-testable");
    assert.match(verdictReason(u.verdicts[2], u), /^not testable: .*; also unreliable over time: year-to-year r = 0\.30 \(minimum 0\.50\)$/);
  });

  test("impossible settings and mismatched inputs are input errors", () => {
    assert.throws(() => selectVitalSigns(input, { seed: 1, resamples: 0 }), /resamples must be a positive integer/);
    assert.throws(() => selectVitalSigns(input, { seed: 1, alpha: 2 }), /alpha must be in \(0, 1\)/);
    assert.throws(() => selectVitalSigns({ ...input, screen: input.screen.slice(1) }, { seed: 1 }), /one entry per indicator/);
  });

  test("the input is not modified", () => {
    const before = Array.from(input.slots[0].values[1]);
    selectVitalSigns(input, { seed: 5, resamples: 50 });
    assert.deepEqual(Array.from(input.slots[0].values[1]), before);
  });
});

describe("an indicator whose year-to-year reliability cannot be measured is not called steady", () => {
  const input = world(1);
  // x1 and its near-duplicate x2 unmeasurable (else x2 is selected and x1 redundant with it)
  const unmeasured = Float64Array.from([NaN, NaN, 0.8, 0.8]);

  test("the driver with an unmeasurable reliability is reliability-unknown, not selected, and its reason says why", () => {
    const s = selectVitalSigns({ ...input, reliability: unmeasured }, { seed: 42, resamples: 100 });
    const x1 = s.verdicts[0];
    assert.equal(x1.selected, false);
    assert.equal(x1.code, "reliability-unknown");
    assert.deepEqual(x1.failures.map((f) => f.criterion), ["year-to-year r"]);
    assert.match(verdictReason(x1, s), /^reliability unknown: year-to-year r not measurable \(minimum 0\.50\); how steady LAs' values are cannot be shown, so it cannot be a lasting sign; adjusted partial ρ = /);
  });

  test("slots without its values do not count as failures of stability: no 'unstable' from a frequency measured on fewer LAs", () => {
    // four earlier slots in which no LA has x1 (an indicator published for the analysed year only)
    const slot = input.slots[0];
    const without = { ...slot, values: slot.values.map((v, j) => (j === 0 || j === 2 ? new Float64Array(v.length).fill(NaN) : v)) };
    const s = selectVitalSigns({ ...input, reliability: Float64Array.from([NaN, NaN, NaN, 0.8]), slots: [slot, without, without, without, without] }, { seed: 42, resamples: 100 });
    // x3 (noise, never associated in the full sample) stays weak: that verdict rests on the full sample, not the frequency
    assert.equal(s.verdicts[2].code, "weak", verdictReason(s.verdicts[2], s));
    const x1 = s.verdicts[0];
    assert.ok(x1.selectionFrequency < 0.6, `frequency ${x1.selectionFrequency}: LAs drawing the second slot bring no x1`);
    assert.equal(x1.code, "reliability-unknown");
    assert.ok(!x1.failures.some((f) => f.criterion === "selection frequency"), JSON.stringify(x1.failures));
    assert.match(verdictReason(x1, s), /selected in \d+% of 100 half-samples of LAs, each LA bringing one of its 1–5 slots, though only 1 of the 5 slots have its values, so the resamples test it on the fewer LAs that bring one: a measure of that, not of its stability$/);
  });
});

describe("too few LAs for the method are refused", () => {
  const input = world(1);
  /** The world with an outcome for its first `n` LAs only. */
  const firstLas = (n: number): SelectionInput => ({
    ...input,
    slots: input.slots.map((slot) => ({ ...slot, outcomeBetter: Float64Array.from(slot.outcomeBetter, (v, i) => (i < n ? v : NaN)) })),
  });

  test("complementary pairs need 2 × (context variables + 3) LAs: 7 are refused with the minimum and why, 8 are resampled", () => {
    assert.equal(fewestResampledLas(1, "complementary-pairs"), 8);
    assert.equal(fewestResampledLas(0, "complementary-pairs"), 6);
    assert.equal(fewestResampledLas(1, "bootstrap"), 4);
    assert.throws(
      () => selectVitalSigns(firstLas(7), { seed: 42, resamples: 10 }),
      /^InputError: selectVitalSigns: too few LAs to resample: 7 LAs have an outcome and every context variable in a used slot; complementary pairs need at least 8: each half-sample of ⌊n\/2⌋ LAs must hold 4, the fewest for a partial correlation given 1 context variable to have a p-value \(1 \+ 3\) \(got 7\)$/,
    );
    assert.equal(selectVitalSigns(firstLas(8), { seed: 42, resamples: 10 }).design.units, 8);
  });
});

describe("confounded judges the raw and the adjusted association on the same LAs, by the test its words cite", () => {
  const input = world(1);
  /** x3 (noise) given a raw association on the complete cases and one over every LA with a value, each at will. */
  const withRaw = (raw: { rawR: number; rawP: number }, pairs: { spearmanRho: number; spearmanP: number }): SelectionInput => {
    const row = input.screen[2];
    const sign = Math.sign(row.partialR);
    const screen = input.screen.map((r, j) => (j === 2 ? { ...r, rawR: sign * raw.rawR, rawP: raw.rawP, spearmanRho: sign * pairs.spearmanRho, spearmanP: pairs.spearmanP, partialR: sign * 0.01, partialP: 0.9, contextR2: 0.3 } : r));
    return { ...input, screen };
  };
  const verdictOf = (i: SelectionInput) => {
    const s = selectVitalSigns(i, { seed: 42, resamples: 100 });
    return { code: s.verdicts[2].code, reason: verdictReason(s.verdicts[2], s) };
  };

  test("associated over every LA with a value but not on the LAs the partial uses: not confounded", () => {
    const v = verdictOf(withRaw({ rawR: 0.1, rawP: 0.2 }, { spearmanRho: 0.3, spearmanP: 0.001 }));
    assert.notEqual(v.code, "confounded", v.reason);
  });

  test("associated on the LAs the partial uses: confounded, citing that raw test and the partial, on the same LAs", () => {
    const v = verdictOf(withRaw({ rawR: 0.3, rawP: 0.001 }, { spearmanRho: 0.1, spearmanP: 0.2 }));
    assert.equal(v.code, "confounded", v.reason);
    assert.match(v.reason, /^confounded by context \(idaci_score\): raw ρ = −?0\.30 \(p = 0\.00100\) and adjusted partial ρ = −?0\.01 \(p = 0\.900, q = [\d.]+, 150 LAs\), both on the same LAs;/);
  });
});

describe("confounded only when the association goes away after adjustment, however much context explains (audit)", () => {
  /** x5 = −z + b·x1 + e·noise: mostly deprivation z, with a little of the driver x1 left after adjustment. */
  function mostlyContext(b: number, e: number, seed: number): SelectionInput {
    const rng = createRng(seed);
    const n = 150;
    const z = Float64Array.from({ length: n }, () => rng.nextNormal());
    const x1 = Float64Array.from({ length: n }, () => rng.nextNormal());
    const x5 = Float64Array.from(z, (v, i) => -v + b * x1[i] + e * rng.nextNormal());
    const grade = Float64Array.from(x1, (v, i) => {
      const q = 0.9 * v - 0.9 * z[i] + rng.nextNormal();
      return q > 1 ? 1 : q > 0 ? 2 : q > -1 ? 3 : 4;
    });
    const indicators = ["x1", "x5"].map((indicator) => ({ indicator, domain: "child-safe" as const, polarity: "up" as const }));
    const values = [x1, x5];
    const screen = screenIndicators({
      indicators: indicators.map((d, j) => ({ ...d, values: values[j] })),
      outcome: grade, outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: z }],
    });
    return {
      indicators, screen, contextNames: ["idaci_score"], reliability: Float64Array.from([0.8, 0.8]),
      slots: [{ outcomeBetter: Float64Array.from(grade, (g) => -g), context: [z], values }],
    };
  }
  const x5 = (input: SelectionInput) => {
    const s = selectVitalSigns(input, { seed: 42, resamples: 200 });
    const found = s.verdicts.find((x) => x.indicator === "x5")!;
    return { ...found, reason: verdictReason(found, s) };
  };
  test("context R² in [0.5, 0.6) with a still-significant adjusted association: not confounded, said as exactly that", () => {
    const input = mostlyContext(0.2, 0.85, 1);
    const row = input.screen[1];
    assert.ok(row.contextR2 >= 0.5 && row.contextR2 < 0.6, `context R² ${row.contextR2}`);
    assert.ok(row.partialP < 0.05, "still significant after adjustment");
    const v = x5(input);
    assert.notEqual(v.code, "confounded", v.reason);
    assert.match(v.reason, /largely explained by context \(R² = 0\.5\d\) but still associated after adjustment/);
    assert.ok(!v.failures.some((f) => f.criterion === "partial p"), "the partial p is not a failed criterion");
  });

  test("context R² in [0.4, 0.5) with a still-significant adjusted association: not confounded (here unstable)", () => {
    const input = mostlyContext(0.2, 1.0, 7);
    const row = input.screen[1];
    assert.ok(row.contextR2 >= 0.4 && row.contextR2 < 0.5, `context R² ${row.contextR2}`);
    assert.ok(row.partialP < 0.05 && Math.abs(row.partialR) < Math.abs(row.spearmanRho), "weaker but still significant");
    const v = x5(input);
    assert.equal(v.code, "unstable", v.reason);
  });
});
