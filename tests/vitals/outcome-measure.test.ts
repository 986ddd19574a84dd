import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readPackage, writePackage } from "../../lib/data/package";
import type { CatalogueRow, IndicatorRow } from "../../lib/data/types";
import { buildAnalysisFrame } from "../../lib/vitals/frame";
import { analysePackage } from "../../lib/vitals/analyse";
import { indicatorOutcomeRule } from "../../lib/vitals/outcome-measure";
import { candidateExclusions } from "../../lib/vitals/candidate-exclusions";
import { linkIndicatorOutcome, linkOutcomes, describeLinkRule } from "../../lib/context/link";
import { contextAdjustedAssociation } from "../../lib/context/adjust";
import { tempDir } from "../helpers/temp-dirs";

const LAS = Array.from({ length: 40 }, (_, i) => `E069${String(i + 1).padStart(5, "0")}`);
const YEARS = [2019, 2020, 2021, 2022, 2023];

const row = (indicator: string, domain: CatalogueRow["domain"], polarity: CatalogueRow["polarity"], role: CatalogueRow["framework_role"], area: CatalogueRow["framework_area"]): CatalogueRow => ({
  indicator, label: indicator, domain, polarity, unit: "percent", numerator: "", denominator: "", source: "test", definition: "test", framework_role: role, framework_area: area,
});

/**
 * 40 LAs, 2019–2023. `lever_pct` (practice) drives next year's `eet_pct` (leaving-care outcome):
 * eet(t) = 40 + 0.5·lever(t − 1) + LA wobble; `neet_pct` = 100 − eet (its complement); `eet19_pct` another
 * cohort of it; `absence_pct` a child outcome of another area; eet has no value in 2019.
 */
function outcomePackage() {
  const dir = tempDir("vsw-outcome-");
  const indicators: IndicatorRow[] = [];
  const put = (la: string, period: number, indicator: string, value: number | null) =>
    indicators.push({ la_code: la, period, indicator, value, numerator: null, denominator: null, status: value === null ? "suppressed:c" : "" });
  const lever = (i: number, t: number) => 20 + ((i * 7 + t * 3) % 30);
  LAS.forEach((la, i) => {
    for (const t of YEARS) {
      put(la, t, "lever_pct", lever(i, t));
      const eet = t === 2019 ? null : 40 + 0.5 * lever(i, t - 1) + ((i * 13) % 5);
      put(la, t, "eet_pct", eet);
      put(la, t, "neet_pct", eet === null ? null : 100 - eet);
      put(la, t, "eet19_pct", eet === null ? null : eet - 2);
      put(la, t, "absence_pct", 5 + ((i * 11 + t) % 7));
    }
  });
  writePackage(dir, {
    name: "outcome-test", title: "Outcome test", created: "2026-01-01",
    areas: LAS.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null })),
    catalogue: [
      row("lever_pct", "reaching-children", "up", "practice", "family-help"),
      row("eet_pct", "child-education", "up", "child-outcome", "leaving-care"),
      row("neet_pct", "child-wellbeing", "down", "child-outcome", "leaving-care"),
      row("eet19_pct", "child-education", "up", "child-outcome", "leaving-care"),
      row("absence_pct", "child-education", "down", "child-outcome", "education"),
      row("idaci_score", "context", "none", "context", "need"),
    ],
    indicators,
    context: LAS.map((la_code, i) => ({ la_code, period: 2019, variable: "idaci_score", value: 0.1 + ((i * 17) % 23) / 100 })),
    outcomes: [{ la_code: LAS[0], outcome: "ofsted_overall", value: 2, label: "Good", date: "2022-06-01", period: 2022 }],
  });
  return readPackage(dir);
}

describe("an indicator as outcome", () => {
  const pkg = outcomePackage();

  test("the rule pairs the latest outcome year with the indicators lag years before; --period is the indicator year", () => {
    assert.deepEqual(indicatorOutcomeRule(pkg, "eet_pct", { lag: 1 }), { kind: "indicator-year", outcome: "eet_pct", period: 2023, lag: 1 });
    assert.deepEqual(indicatorOutcomeRule(pkg, "eet_pct", {}), { kind: "indicator-year", outcome: "eet_pct", period: 2023, lag: 0 });
    assert.deepEqual(indicatorOutcomeRule(pkg, "eet_pct", { lag: 2, period: 2020 }), { kind: "indicator-year", outcome: "eet_pct", period: 2022, lag: 2 });
    assert.equal(
      describeLinkRule({ kind: "indicator-year", outcome: "eet_pct", period: 2023, lag: 1 }),
      "each LA's eet_pct in the year ending March 2023, against the indicators of the year ending March 2022 (lag 1 year)",
    );
  });

  test("bad input names the option: unknown outcome (with the nearest ids), a lag beyond the data, a period without the outcome", () => {
    assert.throws(() => indicatorOutcomeRule(pkg, "eet_pc"), /--outcome: must be an outcome of outcomes.csv or an indicator of the package; nearest: eet_pct, neet_pct, eet19_pct/);
    assert.throws(() => indicatorOutcomeRule(pkg, "idaci_score"), /--outcome: must be/);
    assert.throws(() => indicatorOutcomeRule(pkg, "eet_pct", { lag: 5 }), /--lag: goes beyond the data: the outcome has years 2020–2023.*\(got 5\)/);
    assert.throws(() => indicatorOutcomeRule(pkg, "eet_pct", { lag: -1 }), /--lag: must be a whole number/);
    assert.throws(() => indicatorOutcomeRule(pkg, "eet_pct", { lag: 1, period: 2023 }), /--period: with --lag 1 needs the outcome in 2023 \+ 1 = 2024.*indicator years that work: 2019, 2020, 2021, 2022/);
  });

  test("the link reads the outcome year's values; linkOutcomes refuses an indicator rule", () => {
    const rule = { kind: "indicator-year", outcome: "eet_pct", period: 2020, lag: 1 } as const;
    const link = linkIndicatorOutcome(pkg.indicators, [LAS[3], "E06999999"], rule);
    assert.deepEqual(Array.from(link.values).map((v) => (Number.isNaN(v) ? null : v)), [40 + 0.5 * (20 + ((3 * 7 + 2019 * 3) % 30)) + ((3 * 13) % 5), null]);
    assert.equal(link.n, 1);
    assert.deepEqual(link.distribution, []);
    assert.throws(() => linkOutcomes(pkg.outcomes, LAS, rule), /use linkIndicatorOutcome/);
  });

  test("candidates: the outcome, its complement and its other cohort are left out; other areas' outcomes stay", () => {
    const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
    assert.deepEqual(candidateExclusions(catalogue, "eet_pct").map((e) => e.indicator), ["eet_pct", "neet_pct", "eet19_pct"]);
    const frame = buildAnalysisFrame(pkg, { context: ["idaci_score"], link: indicatorOutcomeRule(pkg, "eet_pct", { lag: 1 }) });
    assert.deepEqual(frame.indicators.map((i) => i.indicator), ["lever_pct", "absence_pct"]);
    assert.deepEqual(frame.outcomeMeasure?.excluded.map((e) => e.indicator), ["eet_pct", "neet_pct", "eet19_pct"]);
    assert.throws(
      () => buildAnalysisFrame(pkg, { context: [], indicators: ["neet_pct"], link: indicatorOutcomeRule(pkg, "eet_pct", { lag: 1 }) }),
      /no candidate indicator is left/,
    );
  });

  test("slot k pairs the outcome of T − k with the indicators of T − k − lag; orientation from polarity", () => {
    const frame = buildAnalysisFrame(pkg, { context: ["idaci_score"], link: indicatorOutcomeRule(pkg, "eet_pct", { lag: 1 }) });
    assert.equal(frame.alignment, "outcome-year");
    assert.equal(frame.period, 2022);
    assert.equal(frame.outcomeLowerIsBetter, false);
    assert.deepEqual(frame.slots.map((s) => s.label), [
      "outcome of 2023 with the indicators of 2022", "outcome of 2022 with the indicators of 2021", "outcome of 2021 with the indicators of 2020",
    ]);
    const lever = frame.indicators.findIndex((i) => i.indicator === "lever_pct");
    frame.slots.forEach((slot, k) => {
      LAS.forEach((_, i) => {
        const t = 2023 - k;
        assert.equal(slot.values[lever][i], 20 + ((i * 7 + (t - 1) * 3) % 30), "indicator of T − k − 1");
        assert.equal(slot.outcome.values[i], 40 + 0.5 * slot.values[lever][i] + ((i * 13) % 5), "outcome of T − k");
      });
    });
    const neet = buildAnalysisFrame(pkg, { context: [], link: indicatorOutcomeRule(pkg, "neet_pct", { lag: 0 }) });
    assert.equal(neet.outcomeLowerIsBetter, true);
    assert.ok(neet.outcomeBetter.every((v, i) => Number.isNaN(v) || v === -neet.outcome.values[i]));
  });

  test("the full analysis (screen and resampling) runs on it and finds the planted lever", () => {
    const a = analysePackage(pkg, { context: ["idaci_score"], link: indicatorOutcomeRule(pkg, "eet_pct", { lag: 1 }), seed: 1, resamples: 20, method: "pearson" });
    const j = a.frame.indicators.findIndex((i) => i.indicator === "lever_pct");
    const s0 = a.frame.slots[0];
    const byHand = contextAdjustedAssociation(s0.values[j], s0.outcomeBetter, s0.context, { method: "pearson" });
    assert.ok(Math.abs(a.screen[j].partialR - byHand.partial.r) < 1e-12);
    assert.ok(a.screen[j].partialR > 0.8, `lever partial r ${a.screen[j].partialR}`);
    assert.equal(a.selection.verdicts.length, 2);
    assert.equal(a.selection.verdicts[j].selectionFrequency, 1, "selected in every resample (its verdict may still be unreliable: the synthetic lever reshuffles yearly)");
  });
});
