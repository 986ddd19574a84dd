/**
 * What "holds across outcomes" (★) counts: distinct outcomes judged precise enough, the measures of one family
 * (a test's subjects) once, an outcome too noisy at LA level not at all.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { CatalogueRow, IndicatorRow } from "../../lib/data/types";
import { readPackage, writePackage } from "../../lib/data/package";
import { screenOutcomes, outcomesScreenJson } from "../../lib/vitals/outcomes-screen";
import { holdsText } from "../../lib/report/outcomes-report";
import { tempDir } from "../helpers/temp-dirs";

/** Three KS2 measures of the same children in need (one family in lib/data/outcome-families.ts). */
const KS2 = ["cin_ks2_rwm_expected_pct", "lait_cin_ks2_expstd_m", "lait_cin_ks2_expstd_r"];
/** Outcomes that follow the year's part of the indicator only: year-to-year r near 0, too noisy at LA level. */
const NOISY = ["noisy_a", "noisy_b"];
/** An outcome of its own that follows the indicator's lasting part: precise enough. */
const OTHER = "other_outcome";

/** A seeded uniform(−0.5, 0.5) stream (a linear congruential generator: the same numbers every run). */
function noiseStream(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

/**
 * 40 LAs × 4 years. The practice indicator x = lasting part + the year's part; the KS2 measures and OTHER follow
 * the lasting part, the NOISY ones the year's part, each with a little noise of its own.
 */
function screenPackage() {
  const las = Array.from({ length: 40 }, (_, i) => `E0600${String(i + 1).padStart(4, "0")}`);
  const years = [2019, 2020, 2021, 2022];
  const u = noiseStream(11);
  const lasting = las.map(() => u());
  const rows: IndicatorRow[] = [];
  const row = (la: string, period: number, indicator: string, value: number): IndicatorRow => ({ la_code: la, period, indicator, value, numerator: null, denominator: null, status: "" });
  las.forEach((la, i) => years.forEach((year) => {
    const yearPart = u();
    rows.push(row(la, year, "x", 50 + 10 * lasting[i] + 10 * yearPart));
    for (const id of [...KS2, OTHER]) rows.push(row(la, year, id, 60 + 10 * lasting[i] + u()));
    for (const id of NOISY) rows.push(row(la, year, id, 30 + 10 * yearPart + u()));
  }));
  const meta = (indicator: string, role: "practice" | "child-outcome", area: string): CatalogueRow => ({
    indicator, label: `label of ${indicator}`, domain: role === "practice" ? "reaching-children" : "child-education", polarity: "up", unit: "score",
    numerator: "", denominator: "", source: "test", definition: `test indicator ${indicator}`, framework_role: role, framework_area: area as CatalogueRow["framework_area"],
  });
  const dir = tempDir("vsw-outcomes-screen-");
  writePackage(dir, {
    name: "holds", title: "holds", created: "2026-01-01",
    areas: las.map((la) => ({ la_code: la, la_name: `LA ${la}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null })),
    catalogue: [meta("x", "practice", "family-help"), ...KS2.map((id) => meta(id, "child-outcome", "education")), ...NOISY.map((id) => meta(id, "child-outcome", "safety")), meta(OTHER, "child-outcome", "stability")],
    indicators: rows, context: [], outcomes: [],
  });
  return readPackage(dir);
}

const pkg = screenPackage();
const screen = (outcomes: string[]) => screenOutcomes(pkg, { outcomes, context: [], indicators: ["x"] });

test("the package is what the tests need: x significant with every outcome, NOISY too noisy, the others ok", () => {
  const s = screen([...KS2, ...NOISY, OTHER]);
  assert.deepEqual(s.outcomes.map((o) => o.noise.code), ["ok", "ok", "ok", "too-noisy", "too-noisy", "ok"]);
  assert.ok(s.cells[0].every((c) => c.status === "screened" && c.q < s.alpha && c.partialR > 0), JSON.stringify(s.cells[0]));
  assert.deepEqual(s.outcomes.map((o) => o.family), ["cin-ks2", "cin-ks2", "cin-ks2", "noisy_a", "noisy_b", OTHER]);
});

test("three KS2 subjects of the same children are one outcome: no ★", () => {
  const [x] = screen(KS2).indicators;
  assert.equal(x.holdsAcross, 3);
  assert.deepEqual(x.holdsPrecise, ["cin_ks2_rwm_expected_pct"]);
  assert.equal(x.marked, false);
  assert.equal(holdsText(x), "1 outcome judged precise enough, from 3 measures; 1 area: education");
});

test("outcomes too noisy at LA level do not count: one precise outcome and two noisy ones give no ★", () => {
  const [x] = screen([...NOISY, OTHER]).indicators;
  assert.equal(x.holdsAcross, 3);
  assert.deepEqual(x.holdsPrecise, [OTHER]);
  assert.equal(x.marked, false);
});

test("two distinct outcomes judged precise enough give ★, and results.json says from how many measures", () => {
  const s = screen([...KS2, ...NOISY, OTHER]);
  const [x] = s.indicators;
  assert.equal(x.marked, true);
  assert.deepEqual(x.holdsPrecise, ["cin_ks2_rwm_expected_pct", OTHER]);
  assert.deepEqual(x.holdsPreciseAreas, ["education", "stability"]);
  assert.equal(holdsText(x), "2 outcomes judged precise enough, from 6 measures; 2 areas: education, stability");
  const j = outcomesScreenJson(s).indicators[0];
  assert.equal(j.holds_across, 6);
  assert.equal(j.holds_precise, 2);
  assert.deepEqual(j.holds_precise_outcomes, ["cin_ks2_rwm_expected_pct", OTHER]);
});
