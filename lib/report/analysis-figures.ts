/**
 * The inputs of the figure builders (lib/plots) from an analysis (lib/vitals `analysePackage`), so that the
 * notebooks and the report draw the same screen, verdicts and percentile picture without copying code.
 * LA-level aggregates only.
 */
import { correlationMatrix } from "../stats/correlation-matrix";
import { InputError } from "../errors";
import { residualiseOnContext } from "../context/adjust";
import type { Analysis } from "../vitals/analyse";
import type { AnalysisFrame } from "../vitals/frame";
import type { ScatterRow } from "../plots/indicator-outcome-scatter";
import type { TrendSeries } from "../plots/trend-small-multiples";
import type { LaProfile } from "../profile";
import { heatmapInput, type CorrelationHeatmapInput } from "../plots/correlation-heatmap";
export { forestRowsFromScreen, screenForestRows } from "../plots/screen-forest-plot";
import type { MembershipColouring, PercentileMembershipRow } from "../plots/percentile-membership-chart";
import { quartileBands, type QuartileBand } from "../indicators/quartiles";
import type { StabilityRow } from "../plots/vital-signs-stability-chart";
import { verdictReason } from "./verdict-words";

/**
 * Stability rows: each indicator's bootstrap selection frequency, verdict code and reason.
 * @example
 * show(vitalSignsStabilityChart(stabilityRows(a), { threshold: a.selection.settings.threshold, resamples: a.selection.resamples }));
 */
export function stabilityRows(analysis: Analysis): StabilityRow[] {
  const labels = new Map(analysis.frame.indicators.map((i) => [i.indicator, i.label] as const));
  return analysis.selection.verdicts.map((v) => ({
    indicator: v.indicator,
    label: labels.get(v.indicator) ?? v.indicator,
    selectionFrequency: v.selectionFrequency,
    verdict: v.code,
    reason: verdictReason(v, analysis.selection),
  }));
}

/**
 * Percentile membership rows (the 2016 Tables 1–4): per LA, indicators in the best and worst 10% and the
 * linked grade (null when the LA has no judgement under the link rule). For a continuous outcome the grade is
 * null and `outcomeQuarter` is the LA's quartile band of the outcome among the LAs with a value (LAIT's rule,
 * lib/indicators/quartiles `quartileBands`, oriented by the outcome's polarity: 1 = band A, the best quarter).
 * @example
 * show(percentileMembershipChart(membershipRows(a), { indicatorCount: a.percentiles.perIndicator.length, colourBy: membershipColouring(a) }));
 */
export function membershipRows(analysis: Analysis): PercentileMembershipRow[] {
  const names = new Map(analysis.frame.laCodes.map((c, i) => [c, analysis.frame.laNames[i]] as const));
  const linked = analysis.frame.outcome.linked;
  // LAs ranked on no indicator (no row in the analysis: no outcome) are not drawn at 0 (an own outcome of 39 LAs
  // put the other 114 in one bar at 0, "no outcome value", flattening the chart)
  const ranked = analysis.percentiles.perLa.filter((p) => p.judged > 0);
  if (analysis.frame.outcomeMeasure) {
    // an outcome withheld for disclosure (an own indicator's small count) is missing in the frame: in no quarter
    const { bands } = quartileBands(linked.map((l) => l.value), analysis.frame.outcomeLowerIsBetter ? "down" : "up");
    const quarter = new Map(linked.map((l, i) => [l.laCode, bands[i]] as const));
    return ranked.map((p) => {
      const band = quarter.get(p.laCode) ?? null;
      return { la_code: p.laCode, la_name: names.get(p.laCode) ?? p.laCode, bestCount: p.best, worstCount: p.worst, grade: null, outcomeQuarter: band === null ? null : QUARTER_OF_BAND[band] };
    });
  }
  const grade = new Map(linked.map((l) => [l.laCode, l.value] as const));
  return ranked.map((p) => {
    const g = grade.get(p.laCode);
    return { la_code: p.laCode, la_name: names.get(p.laCode) ?? p.laCode, bestCount: p.best, worstCount: p.worst, grade: g === undefined || Number.isNaN(g) ? null : g };
  });
}

/** The quarter (1 = best) of each LAIT quartile band (A = best). */
const QUARTER_OF_BAND: Readonly<Record<QuartileBand, number>> = { A: 1, B: 2, C: 3, D: 4 };

/**
 * What splits the bars of the membership chart for an analysis: the grade, or the quarter of a continuous
 * outcome (a value such as 71.2% matches no grade, so grouping by grade drew an empty figure).
 * @example percentileMembershipChart(membershipRows(a), { indicatorCount: 11, colourBy: membershipColouring(a) })
 */
export function membershipColouring(analysis: Analysis): MembershipColouring {
  return analysis.frame.outcomeMeasure ? "outcome-quarter" : "grade";
}

/**
 * Correlations between the screened indicators (analysis period, pairwise-complete Spearman), for the
 * redundancy heatmap.
 * @example
 * show(correlationHeatmap(indicatorCorrelations(a)));
 */
export function indicatorCorrelations(analysis: Analysis): CorrelationHeatmapInput {
  const ids = analysis.frame.indicators.map((i) => i.indicator);
  const cm = correlationMatrix(analysis.frame.slots[0].values, { method: "spearman" });
  return heatmapInput(cm, ids, analysis.frame.indicators.map((i) => i.label));
}

/**
 * Scatter rows of one indicator against the linked outcome (as coded, e.g. Ofsted grade), with the
 * added-variable panel: both residualised on the frame's context variables (lib/context
 * `residualiseOnContext`), so the adjusted panel's slope is the indicator's coefficient given context.
 * Without context variables the rows have no adjusted values (one panel). An LA whose value is withheld for
 * disclosure (missing in the frame: packageAsAnalysed) has none: it is left out of both panels.
 * @throws InputError when the indicator is not in the frame
 * @example
 * show(indicatorOutcomeScatter(adjustedScatterRows(a.frame, "care_leavers_eet_pct"), options));
 */
export function adjustedScatterRows(frame: AnalysisFrame, indicator: string): ScatterRow[] {
  const j = frame.indicators.findIndex((i) => i.indicator === indicator);
  if (j < 0) throw new InputError("adjustedScatterRows", "indicator not in the analysis frame", indicator);
  // a value withheld for disclosure is missing in the frame (withheld-cells.ts packageAsAnalysed):
  // not drawn, nor residualised; its point, at full precision, had given the count back
  const x = frame.slots[0].values[j];
  const y = frame.outcome.values;
  const context = frame.context.map((c) => c.values);
  const names = frame.context.map((c) => c.variable);
  const rx = context.length > 0 ? residualiseOnContext(x, context, names).residuals : null;
  const ry = context.length > 0 ? residualiseOnContext(y, context, names).residuals : null;
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  return frame.laCodes.map((la_code, i) => ({
    la_code,
    la_name: frame.laNames[i],
    indicator: orNull(x[i]),
    outcome: orNull(y[i]),
    ...(rx && ry ? { indicatorAdjusted: orNull(rx[i]), outcomeAdjusted: orNull(ry[i]) } : {}),
  }));
}

/**
 * Trend series of an LA profile (lib/profile `buildLaProfile`): the LA, its region, its neighbours'
 * median and England per period, for `trendSmallMultiples`.
 * @param indicators which indicators, in order (default: all of the profile's with at least 2 values)
 * @example
 * show(trendSmallMultiples(profileTrendSeries(profile, ["cin_rereferral_pct"]), { laName: profile.la.la_name }));
 */
export function profileTrendSeries(profile: LaProfile, indicators?: readonly string[]): TrendSeries[] {
  const byId = new Map(profile.indicators.map((p) => [p.indicator, p] as const));
  const chosen = indicators
    ? indicators.map((id) => {
        const p = byId.get(id);
        if (!p) throw new InputError("profileTrendSeries", "indicator not in the profile", id);
        return p;
      })
    : profile.indicators.filter((p) => p.series.filter((s) => s.value !== null).length >= 2);
  return chosen.map((p) => ({
    indicator: p.indicator,
    label: p.label,
    polarity: p.polarity,
    points: p.series.map((s) => ({ period: s.period, la: s.value, region: s.region, neighbours: s.neighbourMedian, england: s.england })),
  }));
}
