/**
 * The `outcome_measure` block of results.json for a continuous outcome (an indicator as outcome): which
 * indicator, which years were paired in each slot, how it is oriented, which candidates were left out and why,
 * and a summary of its LA values in the screen's year. Absent for Ofsted grades.
 */
import type { AnalysisFrame } from "./frame";
import { OUTCOME_POLARITY_RULE } from "./outcome-measure";
import { exclusionsJson, OUTCOME_EXCLUSION_RULE } from "./candidate-exclusions";
import { NOISY_OUTCOME_RELIABILITY } from "./outcome-noise";

/** NaN and ±Infinity as null (JSON has no NaN). */
const jsonNumber = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * LA values of the outcome: count of LAs with a value (a withheld one included), and how many of them are withheld for disclosure (an own outcome's
 * 3 of 161 had been the minimum, 1.863354, to the last digit); mean, SD (n − 1), min and max over those not withheld
 * (a mean over all, beside the others' values in the report's figures, would give the withheld one back).
 */
function describeValues(values: Float64Array, withheld: Uint8Array): { n: number; withheld: number; mean: number | null; sd: number | null; min: number | null; max: number | null } {
  // a withheld value is analysed as suppressed (lib/vitals/withheld-cells.ts packageAsAnalysed): missing here, named by the mask
  const shown = Array.from(values).filter((v) => !Number.isNaN(v));
  const k = shown.length;
  const n = k + withheld.reduce((a, w) => a + w, 0);
  if (k === 0) return { n, withheld: n, mean: null, sd: null, min: null, max: null };
  const mean = shown.reduce((a, b) => a + b, 0) / k;
  const sd = k > 1 ? Math.sqrt(shown.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1)) : NaN;
  return { n, withheld: n - k, mean: jsonNumber(mean), sd: jsonNumber(sd), min: Math.min(...shown), max: Math.max(...shown) };
}

/**
 * The results.json block of a continuous outcome, or undefined for an Ofsted grade.
 * @example outcomeMeasureFields(analysis.frame)?.outcome_year // 2024
 */
export function outcomeMeasureFields(f: AnalysisFrame) {
  const m = f.outcomeMeasure;
  if (!m) return undefined;
  return {
    kind: "continuous" as const,
    indicator: m.indicator,
    label: m.label,
    polarity: m.polarity,
    unit: m.unit,
    outcome_year: m.outcomeYear,
    indicator_year: m.indicatorYear,
    lag: m.lag,
    slots: f.slots.map((s, k) => ({ outcome_year: m.outcomeYear - k, indicator_year: m.indicatorYear - k, n_linked: s.outcome.n })),
    orientation_rule: OUTCOME_POLARITY_RULE,
    ...exclusionsJson({ rule: OUTCOME_EXCLUSION_RULE, excluded: m.excluded }),
    values: describeValues(f.slots[0].outcome.values, f.withheldOutcome),
    noise: {
      year: m.noise.year,
      variance_source: m.noise.varianceSource,
      denominator_year: m.noise.denominatorYear,
      variance_rule: m.noise.varianceRule,
      n_values: m.noise.nValues,
      n_with_denominator: m.noise.nWithDenominator,
      median_denominator: jsonNumber(m.noise.medianDenominator),
      year_to_year_r: jsonNumber(m.noise.yearToYearR),
      year_to_year_pairs: m.noise.yearToYearPairs,
      between_la_variance: jsonNumber(m.noise.tau2),
      mean_sampling_variance: jsonNumber(m.noise.meanSamplingVariance),
      signal_to_noise: jsonNumber(m.noise.signalToNoise),
      mean_reliability: jsonNumber(m.noise.meanReliability),
      threshold: NOISY_OUTCOME_RELIABILITY,
      code: m.noise.code,
      failures: m.noise.failures.map((x) => ({ criterion: x.criterion, value: x.value, limit: x.limit })),
      notes: m.noise.reasons,
    },
    shrink: m.shrink
      ? {
        target: m.shrink.target,
        slots: m.shrink.slots.map((x) => ({
          outcome_year: x.outcomeYear, between_la_variance: jsonNumber(x.tau2), las_unshrunk: x.unshrunk,
          las: x.las, las_shrunk: x.shrunk, las_no_sampling_variance: x.noSamplingVariance, las_no_context: x.noContext,
          ...(x.notEstimable ? { not_estimable: x.notEstimable } : {}),
        })),
      }
      : null,
  };
}
