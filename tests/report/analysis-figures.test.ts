import * as assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { readPackage } from "../../lib/data/package";
import { indicatorCorrelations, membershipRows, screenForestRows, stabilityRows } from "../../lib/report/analysis-figures";
import { forestPlot } from "../../lib/plots/forest-plot";
import { vitalSignsStabilityChart } from "../../lib/plots/vital-signs-stability-chart";
import { analysePackage } from "../../lib/vitals/analyse";
import { adjustedScatterRows, profileTrendSeries } from "../../lib/report/analysis-figures";
import { buildLaProfile, profileIndex } from "../../lib/profile";
import { ols } from "../../lib/stats/ols";

// The synthetic pilot's planted truth (datasets/pilot-synthetic/truth.json): four drivers, two near-duplicates.
const DRIVERS = ["rereferral_12m_pct", "assessment_45d_pct", "sw_turnover_pct", "cla_long_term_stability_pct"];
const pkg = readPackage(path.resolve(__dirname, "../../datasets/pilot-synthetic"));
const analysis = analysePackage(pkg, {
  link: { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" },
  context: ["idaci_score"],
  seed: 42,
  resamples: 60,
});

describe("figure inputs from an analysis", () => {
  it("forest rows carry each indicator's ρ with an interval around it, raw and adjusted", () => {
    const rows = screenForestRows(analysis);
    assert.equal(rows.length, analysis.screen.length);
    for (const r of rows) {
      if (Number.isNaN(r.estimate)) continue;
      assert.ok(r.lower! <= r.estimate! && r.estimate! <= r.upper!, r.indicator);
      assert.ok(r.adjustedLower! <= r.adjustedEstimate! && r.adjustedEstimate! <= r.adjustedUpper!, r.indicator);
    }
    const significant = rows.filter((r) => r.adjustedSignificant).map((r) => r.indicator);
    for (const d of DRIVERS) assert.ok(significant.includes(d), `${d} should be significant after adjustment`);
    assert.ok(forestPlot(rows, { estimateLabel: "ρ", outcomePolarity: "up" }).data.length > 0);
  });

  it("stability rows give every verdict with its reason, and the drivers are selected", () => {
    const rows = stabilityRows(analysis);
    assert.equal(rows.length, analysis.selection.verdicts.length);
    for (const d of DRIVERS) assert.equal(rows.find((r) => r.indicator === d)!.verdict, "selected");
    assert.ok(rows.every((r) => r.reason && r.reason.length > 0));
    assert.ok(vitalSignsStabilityChart(rows).data.some((t) => t.name === "selected"));
  });

  it("membership rows add up to the analysis's Tables 1 and 3", () => {
    const rows = membershipRows(analysis);
    for (const d of analysis.percentiles.bestDistribution) assert.equal(rows.filter((r) => r.bestCount === d.count).length, d.las);
    for (const d of analysis.percentiles.worstDistribution) assert.equal(rows.filter((r) => r.worstCount === d.count).length, d.las);
    assert.ok(rows.every((r) => r.grade === null || [1, 2, 3, 4].includes(r.grade)));
  });

  it("indicator correlations show the planted near-duplicates as redundant", () => {
    const c = indicatorCorrelations(analysis);
    const i = c.indicators.indexOf("rereferral_12m_pct");
    const j = c.indicators.indexOf("rereferral_12m_lait_pct");
    assert.ok(c.r[i][j] > 0.9, `r = ${c.r[i][j]}`);
  });
});

describe("scatter and trend inputs", () => {
  it("adjusted scatter rows are residuals on context: the added-variable slope equals the multiple-regression coefficient", () => {
    const rows = adjustedScatterRows(analysis.frame, "care_leavers_eet_pct");
    assert.equal(rows.length, analysis.frame.laCodes.length);
    const num = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);
    const avp = ols(rows.map((r) => num(r.outcomeAdjusted)), [rows.map((r) => num(r.indicatorAdjusted))]);
    const full = ols(rows.map((r) => num(r.outcome)), [rows.map((r) => num(r.indicator)), analysis.frame.context[0].values]);
    assert.ok(Math.abs(avp.coefficients[1].estimate - full.coefficients[1].estimate) < 1e-9); // Frisch–Waugh–Lovell
    assert.throws(() => adjustedScatterRows(analysis.frame, "nope"), /not in the analysis frame/);
  });

  it("profile trend series carry the LA, region, neighbour median and England per period", () => {
    const profile = buildLaProfile(profileIndex(pkg), analysis.frame.laCodes[0], { neighbours: "context" });
    const series = profileTrendSeries(profile, ["rereferral_12m_pct"]);
    const ind = profile.indicators.find((p) => p.indicator === "rereferral_12m_pct")!;
    assert.equal(series[0].points.length, ind.series.length);
    assert.deepEqual(series[0].points[0], { period: ind.series[0].period, la: ind.series[0].value, region: ind.series[0].region, neighbours: ind.series[0].neighbourMedian, england: ind.series[0].england });
  });
});
