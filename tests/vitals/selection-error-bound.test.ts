/**
 * The error bound selectVitalSigns publishes (results.json selection.error_bound): q is the mean number of
 * indicators passing per usable resample, which is the sum of the selectable indicators' selection frequencies,
 * p counts the selectable indicators (lib/vitals/selection.ts canBeSelected), and every bound equals R's, computed
 * from the published (q, p, τ, B) with the formulas of tests/reference/stability-bounds.R
 * (tests/reference/selection-error-bound.R → fixtures/selection-error-bound.json).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRng } from "../../lib/stats/random";
import { screenIndicators } from "../../lib/vitals/screen";
import { canBeSelected, selectVitalSigns, type SelectionInput } from "../../lib/vitals/selection";
import { assertClose } from "../reference/load-reference";

interface BoundCase { q: number; p: number; threshold: number; pairs: number; none: number; unimodal: number | null; r_concave: number | null }
const reference = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/selection-error-bound.json"), "utf8")) as { meta: { tolerance: number }; cases: BoundCase[] };

/** Seed and resamples of the selection whose (q, p) the R script was given. */
const SEED = 42;
const RESAMPLES = 300;
/** Sums of frequencies against q: the same integer counts divided in another order. */
const SUM_TOLERANCE = 1e-12;

/**
 * 150 LAs: x1 and x2 drive a better grade, x4 only follows deprivation z, x3 and twenty others are noise, and x5 is
 * constant (no partial correlation, so it can never be selected and is not counted in p).
 */
function world(): SelectionInput {
  const rng = createRng(3);
  const n = 150;
  const z = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x1 = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x2 = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x3 = Float64Array.from({ length: n }, () => rng.nextNormal());
  const x4 = Float64Array.from(z, (v) => -v + 0.4 * rng.nextNormal());
  const x5 = new Float64Array(n).fill(3);
  const grade = Float64Array.from(x1, (v, i) => {
    const q = 0.9 * v + 0.3 * x2[i] - 0.9 * z[i] + rng.nextNormal();
    return q > 1 ? 1 : q > 0 ? 2 : q > -1 ? 3 : 4;
  });
  const noise = Array.from({ length: 20 }, () => Float64Array.from({ length: n }, () => rng.nextNormal()));
  const ids = ["x1", "x2", "x3", "x4", "x5", ...noise.map((_, k) => `noise${k + 1}`)];
  const values = [x1, x2, x3, x4, x5, ...noise];
  const indicators = ids.map((indicator) => ({ indicator, domain: "child-safe" as const, polarity: "up" as const }));
  const screen = screenIndicators({
    indicators: indicators.map((d, j) => ({ ...d, values: values[j] })),
    outcome: grade, outcomeLowerIsBetter: true, context: [{ variable: "idaci_score", values: z }],
  });
  return {
    indicators, screen, contextNames: ["idaci_score"], reliability: Float64Array.from(ids, () => 0.8),
    slots: [{ outcomeBetter: Float64Array.from(grade, (g) => -g), context: [z], values }],
  };
}

const input = world();
const selectable = input.screen.map(canBeSelected);

test("q is the sum of the selectable indicators' selection frequencies, p their number, for both resamplings", () => {
  assert.deepEqual(input.screen.filter((row) => !canBeSelected(row)).map((row) => row.indicator), ["x5"]);
  for (const resampling of ["complementary-pairs", "bootstrap"] as const) {
    const selection = selectVitalSigns(input, { seed: SEED, resamples: RESAMPLES, resampling });
    const bound = selection.errorBound;
    let sum = 0;
    selection.frequencies.forEach((f, j) => {
      if (selectable[j]) sum += f;
      else assert.equal(f, 0, `${input.indicators[j].indicator} cannot be selected`);
    });
    assert.ok(Math.abs(bound.q - sum) <= SUM_TOLERANCE * sum, `${resampling}: q ${bound.q} is not the sum of the selectable indicators' frequencies, ${sum}`);
    assert.equal(bound.p, selectable.filter(Boolean).length);
    assert.deepEqual(bound.notSelectable, ["x5"]);
  }
});

test("every published bound equals R's from the published (q, p, τ, B)", () => {
  for (const expected of reference.cases) {
    const bound = selectVitalSigns(input, { seed: SEED, resamples: RESAMPLES, threshold: expected.threshold }).errorBound;
    const label = `τ = ${expected.threshold}`;
    assertClose(bound.q, expected.q, SUM_TOLERANCE, `${label}: published q (if the resampling changed on purpose, give tests/reference/selection-error-bound.R this q and re-run it)`);
    assert.deepEqual([bound.p, bound.threshold, bound.pairs], [expected.p, expected.threshold, expected.pairs], label);
    const published = new Map(bound.bounds.map((b) => [b.assumption, b.expectedFalse]));
    assert.deepEqual([...published.keys()], ["none", "unimodal", "r-concave"]);
    for (const [assumption, value] of [["none", expected.none], ["unimodal", expected.unimodal], ["r-concave", expected.r_concave]] as const) {
      assert.ok(value !== null, `${label} ${assumption}: R defines the bound for this case`);
      assertClose(published.get(assumption)!, value, reference.meta.tolerance, `${label} ${assumption} bound`);
    }
  }
});
