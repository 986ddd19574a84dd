/**
 * Words for a continuous outcome (results.json `outcome_measure`): which years were paired, which candidates
 * were left out and why, and whether the outcome is precise enough at LA level to judge indicators by
 * (the verdict computed in lib/vitals/outcome-noise.ts). Numbers come from results.json; only words here.
 */
import type { ReportSection } from "./document";
import { formatNumberAs, formatPercent } from "./number-format";

/** The `outcome_measure` block as written to results.json (see schemas/results.schema.json). */
export interface OutcomeMeasureJson {
  indicator: string;
  label: string;
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
    variance_source: string;
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
  shrink: { target: string; slots: { outcome_year: number; between_la_variance: number | null; las_unshrunk: number }[] } | null;
}

const fixed = (v: number | null, digits = 2) => (v === null ? "–" : formatNumberAs(v, "fixed", digits));

/**
 * One sentence: how much of the LA differences in the outcome is signal, and the verdict.
 * @example outcomeNoiseSentence(results.outcome_measure) // "Care leavers … in 2025: 78% of the variance of LA values is real difference …"
 */
export function outcomeNoiseSentence(m: OutcomeMeasureJson): string {
  const n = m.noise;
  const parts: string[] = [];
  if (n.mean_reliability !== null && n.variance_source !== "none") {
    const sd = (x: number | null) => (x === null ? "–" : formatNumberAs(Math.sqrt(x), "fixed", 2));
    parts.push(`on average ${formatPercent(n.mean_reliability)} of an LA value's variance is real difference between LAs (between-LA SD ${sd(n.between_la_variance)}, typical sampling SD ${sd(n.mean_sampling_variance)}, signal-to-noise ${fixed(n.signal_to_noise)}; median cohort ${fixed(n.median_denominator, 0)})`);
  } else parts.push("no denominators, so its sampling noise cannot be measured");
  parts.push(`year-to-year r ${fixed(n.year_to_year_r)}`);
  const verdict = n.code === "too-noisy"
    ? `**too noisy at LA level to judge indicators by** (below ${formatNumberAs(n.threshold, "fixed", 2)}): a weak or absent association says little, and shrinkage (--shrink) or several years pooled would help`
    : n.code === "ok"
      ? `precise enough at LA level to judge indicators by (threshold ${formatNumberAs(n.threshold, "fixed", 2)})`
      : "its precision cannot be judged (no denominators and no consecutive years)";
  const measured = n.denominator_year !== n.year && n.variance_source !== "none" ? ` (sampling noise from ${n.denominator_year}, the latest year with denominators)` : "";
  return `${m.label} in ${n.year}${measured}: ${parts.join("; ")} — ${verdict}.`;
}

/**
 * The report section of a continuous outcome: years paired, noise and verdict, shrinkage, candidates left out.
 * @example outcomeMeasureSections(results) // [] for an Ofsted grade
 */
export function outcomeMeasureSections(results: { outcome_measure?: OutcomeMeasureJson }): ReportSection[] {
  const m = results.outcome_measure;
  if (!m) return [];
  const shrink = m.shrink
    ? `LA values were replaced by their empirical-Bayes estimates, shrunk toward the ${m.shrink.target === "context" ? "context-predicted" : "national"} mean by their sampling noise${m.shrink.slots.some((s) => s.las_unshrunk > 0) ? ` (${m.shrink.slots.map((s) => `${s.outcome_year}: ${s.las_unshrunk} LAs kept unshrunk, no denominator or context`).join("; ")})` : ""}.`
    : "LA values are used as published (no shrinkage).";
  return [{
    heading: "The outcome: years, noise and candidates left out",
    blocks: [
      { type: "text", markdown: `Outcome **${m.label}** (${m.indicator}) in the year ending March ${m.outcome_year}, against the indicators of ${m.indicator_year}${m.lag > 0 ? ` (lag ${m.lag})` : " (same year)"}. ${m.orientation_rule}.` },
      { type: "text", markdown: outcomeNoiseSentence(m) },
      { type: "text", markdown: `Sampling variance: ${m.noise.variance_rule}. ${shrink}` },
      { type: "table", rows: m.slots.map((s) => ({ outcome_year: s.outcome_year, indicator_year: s.indicator_year, LAs: s.n_linked })), options: { labels: { outcome_year: "outcome year", indicator_year: "indicator year" } } },
      { type: "text", markdown: exclusionSentence({ rule: m.exclusion_rule, excluded: m.excluded_candidates }) },
    ],
  }];
}

/**
 * The candidates left out for an indicator outcome: the rule, then the ids (the analysis report's "candidates left out"
 * block, and the panel and hold-out reports').
 * @example exclusionSentence({ rule: OUTCOME_EXCLUSION_RULE, excluded: [{ indicator: "lait_careleaversneet", reason: "…" }] }) // "Left out of the candidates: … : lait_careleaversneet."
 */
export function exclusionSentence(exclusions: { rule: string; excluded: readonly { indicator: string }[] }): string {
  return `${exclusions.rule[0].toUpperCase()}${exclusions.rule.slice(1)}: ${exclusions.excluded.map((e) => e.indicator).join(", ") || "none"}.`;
}
