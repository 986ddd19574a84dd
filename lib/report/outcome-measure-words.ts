/**
 * Words for a continuous outcome (results.json `outcome_measure`): which years were paired, which candidates
 * were left out and why, and whether the outcome is precise enough at LA level to judge indicators by
 * (the verdict computed in lib/vitals/outcome-noise.ts). Numbers come from results.json; only words here.
 */
import { samplingNoiseGap, type SamplingNoiseGap, type VarianceSource } from "../vitals/outcome-noise";
import { MIN_LAS_FOR_RELIABILITY } from "../vitals/reliability";
import type { ReportSection } from "./document";
import { formatNumberAs, formatPercent } from "./number-format";

/** The `outcome_measure` block as written to results.json (see schemas/results.schema.json). */
export interface OutcomeMeasureJson {
  indicator: string;
  label: string;
  /** The outcome's catalogue unit (percent, rate_per_10k, score, …). */
  unit: string;
  outcome_year: number;
  indicator_year: number;
  lag: number;
  slots: { outcome_year: number; indicator_year: number; n_linked: number }[];
  orientation_rule: string;
  exclusion_rule: string;
  excluded_candidates: { indicator: string; reason: string }[];
  noise: {
    year: number;
    denominator_year: number;
    variance_source: VarianceSource;
    variance_rule: string;
    n_values: number;
    n_with_denominator: number;
    median_denominator: number | null;
    year_to_year_r: number | null;
    between_la_variance: number | null;
    mean_sampling_variance: number | null;
    signal_to_noise: number | null;
    mean_reliability: number | null;
    threshold: number;
    code: "ok" | "too-noisy" | "not-measurable";
  };
  shrink: { target: string; slots: ShrinkSlotJson[] } | null;
  /** The LA values in the screen's year: `withheld` of them withheld for disclosure (absent in older results). */
  values?: { n: number; withheld?: number };
}

/** One slot of results.json `outcome_measure.shrink.slots`: the LAs shrunk and those kept as published, by reason. */
export interface ShrinkSlotJson {
  outcome_year: number;
  between_la_variance: number | null;
  las_unshrunk: number;
  las: number;
  las_shrunk: number;
  las_no_sampling_variance: number;
  las_no_context: number;
  not_estimable?: string;
}

const fixed = (v: number | null, digits = 2) => (v === null ? "–" : formatNumberAs(v, "fixed", digits));

/**
 * One sentence: how much of the LA differences in the outcome is signal, and the verdict, with the threshold
 * beside the number the verdict rests on (the mean reliability, or without denominators the year-to-year r).
 * @example outcomeNoiseSentence(results.outcome_measure)
 * // "Care leavers … in 2025: year-to-year r 0.33 (for reference: …); on average 59.1% of an LA value's variance is real difference between LAs (…), at or above the threshold of 50% — precise enough …"
 */
export function outcomeNoiseSentence(m: OutcomeMeasureJson): string {
  const n = m.noise;
  // the verdict rests on one number (lib/vitals/outcome-noise.ts): the mean reliability when denominators give the
  // sampling noise, else the year-to-year r; the threshold is written beside that number only, since a walkthrough
  // read "year-to-year r 0.33 — precise enough (threshold 0.50)" as r passing a limit it was below
  const gap = samplingNoiseGap({ varianceSource: n.variance_source, nWithDenominator: n.n_with_denominator, meanReliability: n.mean_reliability ?? NaN });
  const judged = (limit: string) =>
    n.code === "too-noisy" ? `below the threshold of ${limit}` : n.code === "ok" ? `at or above the threshold of ${limit}` : "";
  const parts: string[] = [];
  if (gap === undefined) {
    // measured: samplingNoiseGap is undefined only for a mean reliability that is a number
    const reliability = n.mean_reliability ?? NaN;
    const sd = (x: number | null) => (x === null ? "–" : formatNumberAs(Math.sqrt(x), "fixed", 2));
    parts.push(`year-to-year r ${fixed(n.year_to_year_r)} (for reference: with denominators the verdict rests on the sampling noise)`);
    parts.push(`${realShareWords(reliability, n.between_la_variance)} (between-LA SD ${sd(n.between_la_variance)}, typical sampling SD ${sd(n.mean_sampling_variance)}, signal-to-noise ${fixed(n.signal_to_noise)}; median cohort ${fixed(n.median_denominator, 0)}), ${judged(formatPercent(n.threshold, 0))}`);
  } else {
    parts.push(`${samplingNoiseGapWords(gap, m)}, so its sampling noise cannot be measured`);
    const limit = judged(formatNumberAs(n.threshold, "fixed", 2));
    parts.push(n.year_to_year_r === null
      ? `no year-to-year r either (no two consecutive years in which ${MIN_LAS_FOR_RELIABILITY} LAs have a value)`
      : `year-to-year r ${fixed(n.year_to_year_r)}${limit ? `, ${limit}` : ""}`);
  }
  // these figures are of the published values: when --shrink was applied, say so rather than recommend it; when it
  // shrank nothing in the screen's year (slot 0: no denominators, so no sampling variance), the values analysed are
  // the published ones and saying they were shrunk would be wrong
  const remedy = !m.shrink
    ? ", and shrinkage (--shrink) or several years pooled would help"
    : m.shrink.slots[0]?.las_shrunk === 0
      ? `; --shrink ${m.shrink.target} left this year's values as published (below), and several years pooled would help`
      : `; the values analysed were shrunk (--shrink ${m.shrink.target}, below), and several years pooled would help further`;
  const verdict = n.code === "too-noisy"
    ? `**too noisy at LA level to judge indicators by**: a weak or absent association says little${remedy}`
    : n.code === "ok"
      ? "precise enough at LA level to judge indicators by"
      : "its precision cannot be judged";
  // every figure but the year-to-year r is of the denominator year's values (lib/vitals/outcome-noise.ts): "in 2025
  // (sampling noise from 2024 …)" read as 2025's between-LA SD with 2024's cohorts, where all of it was 2024's
  const head = n.denominator_year !== n.year && n.variance_source !== "none"
    ? `${m.label}, outcome of ${n.year}, measured on ${n.denominator_year} (values and denominators, the latest year with denominators: ${n.year} has none)`
    : `${m.label} in ${n.year}`;
  return `${head}: ${parts.join("; ")} — ${verdict}.`;
}

/** Why the sampling noise was not measured, in words (lib/vitals/outcome-noise.ts {@link SamplingNoiseGap}). */
function samplingNoiseGapWords(gap: SamplingNoiseGap, m: Pick<OutcomeMeasureJson, "unit" | "noise">): string {
  if (gap === "no-denominators") return "no denominators";
  if (gap === "no-per-child-variance") {
    return `its unit (${m.unit}) has a sampling variance only from LAs' changes between consecutive years with denominators, and there are none to measure (no LA has two such years, or no value changed)`;
  }
  const n = m.noise.n_with_denominator;
  return `only ${n} LA${n === 1 ? "" : "s"} with a value and a denominator, too few to estimate the between-LA variance`;
}

/**
 * What --shrink did, per outcome year: how many LA values were replaced by their empirical-Bayes estimates and
 * how many were kept as published, and why (no denominator, hence no sampling variance; no context value; or the
 * shrinkage could not be estimated for the year) — a year with nothing shrunk is said to be unshrunk.
 * @example shrinkSentence(results.outcome_measure) // "LA values were replaced by … (2025: not shrunk, its 152 LA values used as published (no denominator, so no sampling variance); …"
 */
export function shrinkSentence(m: Pick<OutcomeMeasureJson, "shrink">): string {
  if (!m.shrink) return "LA values are used as published (no shrinkage).";
  const toward = m.shrink.target === "context" ? "context-predicted" : "national";
  const years = m.shrink.slots.map((s) => `${s.outcome_year}: ${shrinkSlotWords(s)}`);
  const latest = m.shrink.slots[0];
  const screen = latest && latest.las > 0 && latest.las_shrunk === 0 ? ` The screen's outcome year, ${latest.outcome_year}, is therefore unshrunk: its associations use the published values.` : "";
  return `LA values were replaced by their empirical-Bayes estimates, shrunk toward the ${toward} mean by their sampling noise, where they could be (${years.join("; ")}).${screen}`;
}

/** One outcome year of {@link shrinkSentence}. */
function shrinkSlotWords(s: ShrinkSlotJson): string {
  if (s.las === 0) return "no LA has a value, nothing to shrink";
  const notEstimable = s.las_unshrunk - s.las_no_sampling_variance - s.las_no_context;
  const reasons: [number, string][] = [
    [s.las_no_sampling_variance, "no denominator, so no sampling variance"],
    [s.las_no_context, "no context value"],
    [notEstimable, `the shrinkage could not be estimated: ${s.not_estimable ?? "no reason given"}`],
  ];
  const kept = reasons.filter(([n]) => n > 0);
  // one reason needs no count of its own: it is the count of LAs kept
  const why = kept.length === 1 ? kept[0][1] : kept.map(([n, reason]) => `${n}: ${reason}`).join(", ");
  const tau0 = s.between_la_variance === 0 ? "; no between-LA variance beyond sampling noise (τ² = 0), so every shrunk value is the prior mean" : "";
  if (s.las_shrunk === 0) return `not shrunk, its ${s.las} LA value${s.las === 1 ? "" : "s"} used as published (${why})`;
  if (s.las_unshrunk === 0) return `all ${s.las} LA values shrunk${tau0}`;
  return `${s.las_shrunk} of ${s.las} LA values shrunk, ${s.las_unshrunk} kept as published (${why})${tau0}`;
}

/**
 * The report section of a continuous outcome: years paired, noise and verdict, shrinkage, candidates left out.
 * @example outcomeMeasureSections(results) // [] for an Ofsted grade
 */
export function outcomeMeasureSections(results: { outcome_measure?: OutcomeMeasureJson }): ReportSection[] {
  const m = results.outcome_measure;
  if (!m) return [];
  const shrink = shrinkSentence(m);
  return [{
    heading: "The outcome: years, noise and candidates left out",
    blocks: [
      { type: "text", markdown: `Outcome **${m.label}** (${m.indicator}) in the year ending March ${m.outcome_year}, against the indicators of ${m.indicator_year}${m.lag > 0 ? ` (lag ${m.lag})` : " (same year)"}. ${m.orientation_rule}.${withheldSentence(m.values)}` },
      { type: "text", markdown: outcomeNoiseSentence(m) },
      { type: "text", markdown: `Sampling variance: ${m.noise.variance_rule}. ${shrink}` },
      { type: "table", rows: m.slots.map((s) => ({ outcome_year: s.outcome_year, indicator_year: s.indicator_year, LAs: s.n_linked })), options: { labels: { outcome_year: "outcome year", indicator_year: "indicator year" } } },
      { type: "text", markdown: exclusionSentence({ rule: m.exclusion_rule, excluded: m.excluded_candidates }) },
    ],
  }];
}

/** The outcome's values withheld for disclosure, in words ("" when none): a second review found the report silent on them. */
function withheldSentence(values: OutcomeMeasureJson["values"]): string {
  const k = values?.withheld ?? 0;
  if (k === 0) return "";
  return ` ${k} of its ${values!.n} LA values in that year ${k === 1 ? "is" : "are"} withheld for disclosure (unpublished data showing a count under the threshold, as an LA profile withholds it) and analysed as missing.`;
}

/**
 * The candidates left out for an indicator outcome: the rule, then the ids (the analysis report's "candidates left out"
 * block, and the panel and hold-out reports').
 * @example exclusionSentence({ rule: OUTCOME_EXCLUSION_RULE, excluded: [{ indicator: "lait_careleaversneet", reason: "…" }] }) // "Left out of the candidates: … : lait_careleaversneet."
 */
export function exclusionSentence(exclusions: { rule: string; excluded: readonly { indicator: string }[] }): string {
  return `${exclusions.rule[0].toUpperCase()}${exclusions.rule.slice(1)}: ${exclusions.excluded.map((e) => e.indicator).join(", ") || "none"}.`;
}

/**
 * "on average X% of an LA value's variance is real difference between LAs", said as a floor when the between-LA
 * variance is estimated at 0: the spread of LA values is then no larger than their sampling noise, and "0.0%" would
 * read as a precise measurement (an audit: looked-after KS2, whose year-to-year r is 0.35).
 * @example realShareWords(0, 0) // "on average about 0% of an LA value's variance is real difference between LAs, the spread … (an estimate at its floor, not a measured 0)"
 */
export function realShareWords(reliability: number, betweenLaVariance: number | null | undefined): string {
  if (betweenLaVariance === 0) {
    return "on average about 0% of an LA value's variance is real difference between LAs, the spread of LA values being no larger than their sampling noise (an estimate at its floor, not a measured 0)";
  }
  return `on average ${formatPercent(reliability)} of an LA value's variance is real difference between LAs`;
}
