/** The Monte Carlo uncertainty of a selection frequency, and the verdict words when a cut-off lies within it. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../lib/stats/random";
import { screenIndicators } from "../../lib/vitals/screen";
import { selectVitalSigns, type SelectionInput } from "../../lib/vitals/selection";
import { decideVerdicts } from "../../lib/vitals/verdicts";
import { nearCutoff, selectionFrequencySe, NEAR_LINE_SES } from "../../lib/vitals/frequency-uncertainty";
import { verdictReason } from "../../lib/report/verdict-words";

test("the SE is binomial over the usable resamples at the Agresti–Coull share, not 0 at a frequency of 0 or 1", () => {
  // R 4.2: a <- (0.202 * 1000 + 2) / 1004; print(sqrt(a * (1 - a) / 1004), digits = 12) # 0.0126987071537
  assert.ok(Math.abs(selectionFrequencySe(0.202, 1000) - 0.0126987071537) < 1e-13);
  // the plug-in √(f(1 − f)/B) = 0.01269629867: within 2% away from 0 and 1
  assert.ok(Math.abs(selectionFrequencySe(0.202, 1000) / Math.sqrt((0.202 * 0.798) / 1000) - 1) < 0.02);
  // a <- 2 / 1004; print(sqrt(a * (1 - a) / 1004), digits = 12) # 0.00140717557863 (an audit's seeds gave 0.002–0.007)
  assert.ok(Math.abs(selectionFrequencySe(0, 1000) - 0.00140717557863) < 1e-14);
  assert.ok(Math.abs(selectionFrequencySe(1, 1000) - 0.00140717557863) < 1e-14);
  assert.ok(Number.isNaN(selectionFrequencySe(NaN, 1000)));
  assert.throws(() => selectionFrequencySe(0.5, 0), /selectionFrequencySe: usable resamples must be a whole number ≥ 1 \(got 0\)/);
  assert.throws(() => selectionFrequencySe(1.2, 10), /selectionFrequencySe: frequency must be in \[0, 1\]/);
});

test(`a cut-off within ${NEAR_LINE_SES} SEs is near, the nearest first; farther, or an SE of 0 off the line, is not`, () => {
  assert.equal(nearCutoff(0.202, 0.0127, [0.6, 0.2]), 0.2);
  assert.equal(nearCutoff(0.178, 0.0121, [0.6, 0.2]), 0.2);
  assert.equal(nearCutoff(0.25, 0.0137, [0.6, 0.2]), undefined);
  assert.equal(nearCutoff(0, 0, [0.2]), undefined);
  assert.equal(nearCutoff(NaN, 0.01, [0.2]), undefined);
});

/** 150 LAs: x1 drives a better grade, x2 is noise (as tests/vitals/selection.test.ts's world, without the duplicates). */
function world(): SelectionInput {
  const rng = createRng(3);
  const n = 150;
  const z = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x1 = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x2 = Float64Array.from({ length: n }, () => rng.nextNormal());
  const grade = Float64Array.from(x1, (v, i) => {
    const q = 0.9 * v - 0.9 * z[i] + rng.nextNormal();
    return q > 1 ? 1 : q > 0 ? 2 : q > -1 ? 3 : 4;
  });
  const indicators = ["x1", "x2"].map((indicator) => ({ indicator, domain: "child-safe" as const, polarity: "up" as const }));
  const values = [x1, x2];
  const screen = screenIndicators({ indicators: indicators.map((d, j) => ({ ...d, values: values[j] })), outcome: grade, outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: z }] });
  return { indicators, screen, contextNames: ["idaci_score"], reliability: Float64Array.from([0.8, 0.8]), slots: [{ outcomeBetter: Float64Array.from(grade, (g) => -g), context: [z], values }] };
}

test("near the 0.20 line a rejected indicator's reason states frequency ± SE and the verdict it may get at another seed", () => {
  const input = world();
  const sel = selectVitalSigns(input, { seed: 42, resamples: 100 });
  assert.ok(!(input.screen[1].qBh < sel.settings.alpha), "x2 is not significant in the full sample");
  const at = (f2: number) => {
    const verdicts = decideVerdicts(input, Float64Array.of(1, f2), sel.settings, undefined, undefined, 1000);
    const s = { ...sel, verdicts, design: { ...sel.design, usable: 1000 } };
    return { v: verdicts[1], reason: verdictReason(verdicts[1], s) };
  };
  const above = at(0.205);
  assert.equal(above.v.code, "unstable");
  assert.deepEqual(above.v.evidence.frequencyLine, { cutoff: 0.2, otherSide: "weak" });
  assert.match(above.reason, /\(needs 60%\); 0\.205 ± 0\.013 \(Monte Carlo SE over the resamples\): near the 0\.20 line, may read weak at another seed; adjusted partial ρ/);
  const below = at(0.19);
  assert.equal(below.v.code, "weak");
  assert.match(below.reason, /; 0\.190 ± 0\.012 \(Monte Carlo SE over the resamples\): near the 0\.20 line, may read unstable at another seed/);
  const far = at(0.3);
  assert.equal(far.v.evidence.frequencyLine, undefined);
  assert.doesNotMatch(far.reason, /Monte Carlo/);
  // a <- (0.3 * 1000 + 2) / 1004; print(sqrt(a * (1 - a) / 1004), digits = 15) # 0.0144734297770432
  assert.ok(Math.abs(far.v.evidence.frequencySe - 0.0144734297770432) < 1e-15);
});

test("near the selection threshold a selected indicator may not be selected at another seed; without usable resamples nothing is said", () => {
  const input = world();
  const sel = selectVitalSigns(input, { seed: 42, resamples: 100 });
  const verdicts = decideVerdicts(input, Float64Array.of(0.61, 0), sel.settings, undefined, undefined, 1000);
  assert.equal(verdicts[0].code, "selected");
  assert.equal(verdicts[0].evidence.frequencyLine?.cutoff, 0.6);
  assert.notEqual(verdicts[0].evidence.frequencyLine?.otherSide, "selected");
  const unknown = decideVerdicts(input, Float64Array.of(0.61, 0.205), sel.settings);
  assert.ok(Number.isNaN(unknown[0].evidence.frequencySe));
  assert.equal(unknown[0].evidence.frequencyLine, undefined);
  assert.equal(unknown[1].evidence.frequencyLine, undefined);
});
