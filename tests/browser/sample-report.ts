/** A report using every figure builder, on the small fixtures of tests/plots (LA-level aggregates only). */
import { completenessHeatmap } from "../../lib/plots/completeness-heatmap";
import { correlationHeatmap } from "../../lib/plots/correlation-heatmap";
import { forestPlot } from "../../lib/plots/forest-plot";
import { funnelPlot } from "../../lib/plots/funnel-plot";
import { indicatorOutcomeScatter } from "../../lib/plots/indicator-outcome-scatter";
import { percentileMembershipChart } from "../../lib/plots/percentile-membership-chart";
import { OFSTED_GRADE_LABELS } from "../../lib/plots/theme";
import { trendSmallMultiples } from "../../lib/plots/trend-small-multiples";
import { vitalSignsStabilityChart } from "../../lib/plots/vital-signs-stability-chart";
import type { ReportSpec } from "../../lib/report/document";
import { funnelPoints, LA_NAMES, laCode, scatterRows } from "../plots/fixtures";

export function sampleReportSpec(): ReportSpec {
  const completeness = [2014, 2015].flatMap((period) =>
    ["a", "b"].map((indicator) => ({ indicator, period, expected: 20, withValue: 18, suppressed: 1, otherMissing: 1, lowReliability: 0, absent: 0, completeness: 0.9 })),
  );
  return {
    title: "Sample report: every figure",
    subtitle: "Browser test of lib/report",
    stamp: {
      packageName: "vital-signs-workbench", packageVersion: "0.0.0", gitCommit: "0".repeat(40), gitDirty: false,
      dataName: "fixtures", dataSha256: "0".repeat(64), seed: 1, node: process.version, createdAt: "2026-01-01T00:00:00.000Z",
      sources: [{ title: "b1_children_in_need_2013_to_2025.csv", publication: "Children in need (DfE, Explore Education Statistics)", licence: "OGL-UK-3.0" }],
      licences: ["OGL-UK-3.0"],
      command: "vital-signs analyse fixtures --outcome grade",
    },
    sections: [
      { heading: "Question", blocks: [{ type: "text", markdown: "Which indicators go with **better** outcomes?" }] },
      { heading: "Completeness", blocks: [{ type: "figure", figure: completenessHeatmap(completeness), caption: "Completeness" }] },
      {
        heading: "Screen",
        blocks: [
          { type: "table", rows: [{ indicator: "a", rho: 0.3, q: 0.01 }, { indicator: "b", rho: null, q: null, status: "not-available:x" }] },
          {
            // wider than the page: must scroll inside its wrapper
            type: "table",
            rows: ["a", "b"].map((indicator) => ({ indicator, ...Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`statistic_${k}`, 0.123456 * (k + 1)])) })),
            options: { digits: 4 },
          },
          { type: "details", summary: "Notes", blocks: [{ type: "table", rows: [{ indicator: "a", note: "a long note ".repeat(40) }] }] },
          {
            type: "figure",
            figure: forestPlot(
              [
                { indicator: "a", label: "A", estimate: 0.3, lower: 0.1, upper: 0.5, adjustedEstimate: 0.2, adjustedLower: 0, adjustedUpper: 0.4, significant: true, polarity: "down" },
                { indicator: "b", label: "B", estimate: -0.1, lower: -0.3, upper: 0.1, significant: false, polarity: "up" },
              ],
              { estimateLabel: "Spearman ρ", outcomePolarity: "down" },
            ),
          },
          { type: "figure", figure: funnelPlot(funnelPoints(), { target: 0.2, type: "proportion", multiplier: 100, polarity: "down", label: "A (%)" }) },
          {
            type: "figure",
            figure: indicatorOutcomeScatter(scatterRows(), { indicatorLabel: "A", outcomeLabel: "Grade", indicatorPolarity: "down", outcomePolarity: "down", outcomeLevels: OFSTED_GRADE_LABELS }),
          },
          { type: "figure", figure: correlationHeatmap({ indicators: ["a", "b"], labels: ["A", "B"], r: [[1, 0.4], [0.4, 1]] }) },
          {
            type: "figure",
            figure: percentileMembershipChart(
              LA_NAMES.map((n, i) => ({ la_code: laCode(i), la_name: n, bestCount: i % 3, worstCount: (i + 1) % 3, grade: 1 + (i % 4) })),
              { indicatorCount: 3 },
            ),
          },
        ],
      },
      {
        heading: "Vital signs",
        blocks: [
          { type: "figure", figure: vitalSignsStabilityChart([{ indicator: "a", label: "A", selectionFrequency: 0.8, verdict: "vital sign" }], { threshold: 0.7 }) },
          {
            type: "figure",
            figure: trendSmallMultiples(
              [{ indicator: "a", label: "A", polarity: "down", points: [{ period: 2014, la: 1, england: 2 }, { period: 2015, la: 1.5, england: 2.1 }] }],
              { laName: "Ashford" },
            ),
          },
        ],
      },
    ],
  };
}
