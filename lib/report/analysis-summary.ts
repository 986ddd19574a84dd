/**
 * The summary in plain words that opens an analysis report (and the CLI's lines after it): which indicators
 * qualify as vital signs, what each association means in words relative to the outcome, how sure the
 * selection is (selection frequency over the resamples, the error bound) and what was allowed for; and a
 * one-line meaning of every verdict code, the one place that says what a verdict means (report, terminal,
 * verdicts.csv and notebooks). Words only here: the numbers stay in their own columns.
 */
import type { CatalogueRow } from "../data/types";
import type { Results } from "../vitals/results";
import { MIN_COMPLETENESS, MIN_RELIABILITY, type VerdictCode } from "../vitals/selection";
import { UNSTABLE_MIN_FREQUENCY } from "../vitals/verdicts";
import { normalQuantile } from "../stats/distributions";
import { joinWords } from "../join-words";
import type { ReportBlock, ReportSection } from "./document";
import { boundIsNoLimit, boundLimitsLittle, EXPECTED_FALSE_DIGITS, errorBoundText, headlineBound } from "./selection-words";
import { realShareWords, type OutcomeMeasureJson } from "./outcome-measure-words";
import { formatInterval, formatNumberAs, formatPercent } from "./number-format";
import { contextLabel, outcomeLabel } from "./plain-labels";

/** The framework roles of the catalogue (lib/data/framework.ts) in words, for the summary's table of vital signs. */
const FRAMEWORK_ROLE_WORDS: Readonly<Record<string, string>> = Object.freeze({ practice: "practice", enabler: "enabler", "child-outcome": "child outcome", context: "context" });

/** Decimals of a selection frequency in words ("selected in 96% of 1,000 resamples"). */
export const FREQUENCY_WORD_DIGITS = 0;

/** The end of the `selected` gloss, adjusted or not. */
const SELECTED_GLOSS_TAIL =
  "in enough resamples of LAs (stability selection: how many such may be noise is bounded by its error bound, which says how tight that is, not by a significance cut-off; the BH q is shown, not required); " +
  `complete enough and steady enough from year to year (by default: a value for ${MIN_COMPLETENESS * 100}% of LAs or more, a year-to-year r of ${MIN_RELIABILITY} or more)`;

/**
 * The meaning of each verdict code in one line; `{context}` is replaced by what was allowed for
 * (e.g. "deprivation (IDACI score)"), and `{is}` and `{that is}` agree with it ("are", "those are" for two or more).
 */
export const VERDICT_GLOSSES: Readonly<Record<VerdictCode, string>> = Object.freeze({
  selected: `qualifies: goes with the outcome after allowing for {context} ${SELECTED_GLOSS_TAIL}`,
  redundant: "a near-duplicate of another indicator that stands in for it",
  "too-incomplete": "too few LAs have a value to judge it",
  unreliable: "LAs' values reshuffle too much from one year to the next to be a lasting sign",
  "reliability-unknown": "how steady LAs' values are from year to year could not be measured (e.g. only one year of data), so it cannot be called a lasting sign, whatever its link with the outcome",
  confounded: "looked related only because both follow {context}: the link goes once {that is} allowed for",
  // the rule (lib/vitals/verdicts.ts associationFailure): selected in at least 20% of resamples OR q < α in the full
  // data; most official "unstable" indicators meet only the first (a walkthrough found 15 of 19 with p ≥ 0.05), so the
  // words must not claim a full-data link
  unstable: `selected in at least ${UNSTABLE_MIN_FREQUENCY * 100}% of resamples of LAs, or linked to the outcome in the full data after the Benjamini–Hochberg correction, but selected in too few resamples to rely on`,
  weak: "no clear link with the outcome once {context} {is} allowed for",
  "not-testable": "its link with the outcome once {context} {is} allowed for could not be computed (too few LAs, or nothing left to vary): no judgement either way",
});

/**
 * The meaning of the codes whose gloss names what was allowed for, when nothing was (`--context none`): the legend
 * said "goes with the outcome after allowing for context" of a screen that allowed for nothing, where 9 indicators
 * qualified instead of the 5 of the run allowing for deprivation. `confounded` cannot arise then (nothing to follow).
 */
export const VERDICT_GLOSSES_UNADJUSTED: Readonly<Partial<Record<VerdictCode, string>>> = Object.freeze({
  selected: `qualifies: goes with the outcome, unadjusted (nothing was allowed for), ${SELECTED_GLOSS_TAIL}`,
  weak: "no clear link with the outcome, unadjusted (nothing was allowed for)",
  "not-testable": "its link with the outcome, unadjusted (nothing was allowed for), could not be computed (too few LAs, or nothing left to vary): no judgement either way",
});

/** Verdict codes in the order a reader meets them (selected first). */
export const VERDICT_ORDER: readonly VerdictCode[] = ["selected", "redundant", "confounded", "unstable", "unreliable", "reliability-unknown", "too-incomplete", "weak", "not-testable"];

/**
 * The one-line meaning of a verdict code, with what was allowed for ({@link VERDICT_GLOSSES_UNADJUSTED} when nothing was).
 * @example verdictGloss("confounded", ["deprivation (IDACI score)"]) // "looked related only because both follow deprivation (IDACI score): …"
 */
export function verdictGloss(code: string, allowedFor: readonly string[]): string {
  const unadjusted = allowedFor.length === 0 ? (VERDICT_GLOSSES_UNADJUSTED as Record<string, string>)[code] : undefined;
  if (unadjusted !== undefined) return unadjusted;
  const gloss = (VERDICT_GLOSSES as Record<string, string>)[code];
  if (gloss === undefined) return code;
  const plural = allowedFor.length > 1;
  return gloss
    .replace("{context}", allowedFor.length > 0 ? joinWords(allowedFor) : "context")
    .replace("{is}", plural ? "are" : "is")
    .replace("{that is}", plural ? "those are" : "that is");
}

/** What the analysis allowed for, by name: catalogue labels of context indicators, else the plain-label table. */
export function allowedForLabels(r: Pick<Results, "context">, catalogue: readonly Pick<CatalogueRow, "indicator" | "label">[] = []): string[] {
  return contextNames(r.context.variables, catalogue, r.context.labels);
}

/**
 * Context variables by name: the plain-label table's ({@link contextLabel}), else `labels` (results.json's), else the
 * catalogue's label, else the id. The analysis report and the hold-out report name them alike.
 * @example contextNames(["idaci_score", "cla_rate_per_10k"], catalogue) // ["deprivation (IDACI score)", "Children looked after per 10,000 …"]
 */
export function contextNames(variables: readonly string[], catalogue: readonly Pick<CatalogueRow, "indicator" | "label">[] = [], labels: Readonly<Record<string, string>> = {}): string[] {
  const byId = new Map(catalogue.map((c) => [c.indicator, c.label] as const));
  return variables.map((v) => {
    const plain = contextLabel(v);
    return plain !== v ? plain : (labels[v] ?? byId.get(v) ?? v);
  });
}

/**
 * A context variable's name in words by its id, as {@link allowedForLabels} gives it (the id when not one of the results' context variables).
 * @example contextLabelOf(results)("idaci_score") // "deprivation (IDACI score)"
 */
export function contextLabelOf(r: Pick<Results, "context">, catalogue: readonly Pick<CatalogueRow, "indicator" | "label">[] = []): (variable: string) => string {
  const labels = allowedForLabels(r, catalogue);
  const byId = new Map(r.context.variables.map((v, i) => [v, labels[i]] as const));
  return (variable) => byId.get(variable) ?? variable;
}

/**
 * "selected in 96% of 1,000 resamples".
 * @example selectionFrequencyWords(0.958, 1000) // "selected in 96% of 1,000 resamples"
 */
export function selectionFrequencyWords(frequency: number, resamples: number): string {
  return `selected in ${formatPercent(frequency, FREQUENCY_WORD_DIGITS)} of ${resamples.toLocaleString("en-GB")} resamples`;
}

/**
 * How the report names the outcome: an Ofsted grade by its plain label and "grade", an indicator taken as a
 * continuous outcome (results.json `outcome_measure`) by its catalogue label and "value".
 * @example outcomeTerms(results) // { name: "Ofsted overall effectiveness (ILACS)", unit: "grade" }
 */
export function outcomeTerms(r: Pick<Results, "outcome"> & { outcome_measure?: { label?: string } }): { name: string; unit: "grade" | "value" } {
  const measure = r.outcome_measure;
  return measure ? { name: measure.label ?? r.outcome.id, unit: "value" } : { name: outcomeLabel(r.outcome.id), unit: "grade" };
}

/** One association of results.json, the fields the sentence needs. */
type AssociationFields = Pick<Results["associations"][number], "label" | "raw_r" | "partial_r">;

/**
 * What an association means, in one sentence relative to the outcome: the sign of the partial coefficient
 * (oriented so that positive = higher indicator value, better rating) in words, and whether the raw
 * association pointed the same way before context was allowed for.
 * @example
 * associationSentence({ label: "Social worker turnover (%)", raw_r: -0.23, partial_r: -0.26 }, "Ofsted overall effectiveness (ILACS)", ["deprivation (IDACI score)"])
 * // "LAs with higher Social worker turnover (%) tend to have better Ofsted overall effectiveness (ILACS) grades… "
 */
export function associationSentence(a: AssociationFields, outcome: string, allowedFor: readonly string[], unit: "grade" | "value" = "grade"): string {
  if (a.partial_r === null || a.partial_r === 0) return `No direction could be estimated between ${a.label} and ${outcome}.`;
  const better = a.partial_r > 0;
  const head = unit === "grade"
    ? `LAs with ${better ? "higher" : "lower"} ${a.label} tend to have better ${outcome} grades`
    : `LAs with ${better ? "higher" : "lower"} ${a.label} tend to have a better ${outcome}`;
  if (allowedFor.length === 0) return `${head}; nothing was allowed for.`;
  const context = joinWords(allowedFor);
  if (a.raw_r === null || a.raw_r === 0) return `${head}, after allowing for ${context}.`;
  return Math.sign(a.raw_r) === Math.sign(a.partial_r)
    ? `${head}, also after allowing for ${context}.`
    : `${head} once ${context} ${allowedFor.length > 1 ? "are" : "is"} allowed for; before, the link pointed the other way.`;
}

/** The results.json fields the sample-size and suppression caveats read (each caveat is left out without its fields). */
type CaveatFields = Partial<{
  outcome: Pick<Results["outcome"], "n_linked">;
  la_accounting: Pick<Results["la_accounting"], "analysed"> & Partial<Pick<Results["la_accounting"], "period_las" | "outcome_suppressed_latest">>;
  context: Pick<Results["context"], "variables"> & Partial<Pick<Results["context"], "collinear_pairs">>;
  settings: Pick<Results["settings"], "alpha">;
  associations: (Pick<Results["associations"][number], "indicator" | "suppressed_las"> & Partial<Pick<Results["associations"][number], "label" | "q_bh">>)[];
  vital_signs: Pick<Results["vital_signs"][number], "indicator" | "selected">[];
}>;

/**
 * Context variables allowed for together that measure nearly the same thing (results.json context.collinear_pairs,
 * lib/context/collinearity.ts), named with their r; undefined when there are none.
 */
function collinearContextCaveat(r: CaveatFields): string | undefined {
  const pairs = r.context?.collinear_pairs ?? [];
  if (pairs.length === 0) return undefined;
  // Pearson r whatever the analysis' method: the pair is judged by collinearity, a linear measure (lib/context/collinearity.ts)
  const named = pairs.map((p) => `${p.a} and ${p.b} (Pearson r = ${formatNumberAs(p.r, "fixed", 2)} over ${p.n} LAs)`);
  return `context variables that measure nearly the same thing are allowed for together: ${joinWords(named)}; they split one effect between them, so each one's partial correlation given the other (the context baseline) is unstable and can flip sign: allow for one`;
}

/** Power of the detectable-correlation caveat: a correlation this large is found 8 times in 10. */
const DETECTABLE_POWER = 0.8;
/** The caveat is given when the correlation detectable with every linked LA is at least this large. */
const SMALL_SAMPLE_DETECTABLE_R = 0.5;

/**
 * The smallest |correlation| a screen of n LAs, k variables allowed for, finds with power 0.8 at two-sided α (Fisher z:
 * tanh((z₁₋α/₂ + z₀.₈) / √(n − 3 − k))); NaN when n − 3 − k < 1.
 * @example detectableCorrelation(15, 1, 0.05) // ≈ 0.69
 */
export function detectableCorrelation(n: number, k: number, alpha: number): number {
  const df = n - 3 - k;
  if (!(df >= 1)) return NaN;
  return Math.tanh((normalQuantile(1 - alpha / 2) + normalQuantile(DETECTABLE_POWER)) / Math.sqrt(df));
}

/**
 * With few LAs only large correlations can be told from none: an analyst's 15 Yorkshire LAs gave four "weak: no clear
 * link" verdicts with intervals ±0.5 wide and no word that a link of 0.6 would likely have been missed.
 */
function smallSampleCaveat(r: CaveatFields): string | undefined {
  if (r.outcome === undefined || r.settings === undefined) return undefined;
  const n = r.outcome.n_linked;
  const k = r.context?.variables.length ?? 0;
  const detectable = detectableCorrelation(n, k, r.settings.alpha);
  if (!(detectable >= SMALL_SAMPLE_DETECTABLE_R)) return undefined;
  return (
    `with ${n} LAs${k > 0 ? ` and ${k} variable${k === 1 ? "" : "s"} allowed for` : ""}, only a correlation of about ${formatNumberAs(detectable, "fixed", 2)} ` +
    `or larger would be found 8 times in 10 (α = ${r.settings.alpha}): "no clear link" here does not show that there is none`
  );
}

/** Share of the analysed LAs suppressed from which an indicator's value is said to be missing not at random. */
const SUPPRESSED_SHARE = 0.1;

/**
 * Indicators whose values are suppressed for a tenth or more of the analysed LAs: a suppressed value is missing because
 * its count was small, so those LAs are not a random part (an evaluator's pilot lost most estimates of its best LAs),
 * which narrows the range analysed and can pull a correlation toward 0. The report had not said so. The share is of
 * the LAs analysed (`suppressed_las` counts among them), not of those linked: the official ILACS run linked 153 and
 * analysed 149, 4 lacking IDACI.
 */
function suppressionCaveat(r: CaveatFields): string | undefined {
  if (r.la_accounting === undefined || r.associations === undefined) return undefined;
  const n = r.la_accounting.analysed;
  const hit = r.associations.filter((a) => (a.suppressed_las ?? 0) > 0 && (a.suppressed_las ?? 0) >= SUPPRESSED_SHARE * n);
  if (hit.length === 0) return undefined;
  const most = hit.reduce((a, b) => (b.suppressed_las! > a.suppressed_las! ? b : a));
  return (
    `${hit.length} of the ${r.associations.length} indicators screened ${hit.length === 1 ? "has" : "have"} values suppressed (small numbers) for ${formatPercent(SUPPRESSED_SHARE, 0)} or more of the ${n} LAs analysed ` +
    `(most: ${most.indicator}, ${most.suppressed_las} LAs): those LAs are left out because their counts are small, not at random, which narrows the range analysed and can pull a correlation toward 0`
  );
}

/**
 * The outcome itself suppressed for a tenth or more of the period's LAs (results.json `la_accounting.outcome_suppressed_latest`):
 * those LAs are missing because their cohorts are small, so the LAs screened are the larger ones. Looked-after children's
 * KS2 results were suppressed for 74 of 153 LAs in 2025 and "read with care" warned only of suppressed indicators.
 */
function outcomeSuppressionCaveat(r: CaveatFields & { outcome_measure?: { outcome_year?: number } }): string | undefined {
  const acc = r.la_accounting;
  if (acc?.outcome_suppressed_latest === undefined || acc.period_las === undefined) return undefined;
  const n = acc.outcome_suppressed_latest.reduce((sum, s) => sum + s.las, 0);
  if (n === 0 || n < SUPPRESSED_SHARE * acc.period_las) return undefined;
  const year = r.outcome_measure?.outcome_year;
  return (
    `the outcome${year === undefined ? " in the latest slot" : ` of ${year}`} is itself suppressed (small numbers) for ${n} of the ${acc.period_las} LAs (${formatPercent(n / acc.period_las, 0)}): ` +
    "those LAs are left out of the screen because their cohorts are small, not at random, which narrows the range analysed and can pull a correlation toward 0"
  );
}

/**
 * What the tool's own evidence says against the selection, in words, for the summary's headline (report and
 * terminal), so that "N qualify" is never read without it: the outcome too noisy at LA level to judge indicators
 * by (results.json `outcome_measure.noise`, code "too-noisy"), and, with indicators selected, an error bound (the
 * headline one of lib/report/selection-words.ts errorBoundText) of at least as many noise indicators as were
 * selected, which does not rule out that every one of them is noise. The summary had announced "2 of 83
 * indicators qualify" for KS4 Attainment 8 where section 8 found 2.5% of its LA variance real, and "1 qualifies"
 * with a bound of 4.5.
 * @example selectionCaveats(results) // ["the outcome is too noisy at LA level to judge indicators by: …"]
 */
export function selectionCaveats(
  r: Pick<Results, "error_bound"> & { outcome_measure?: Pick<OutcomeMeasureJson, "noise"> & Partial<Pick<OutcomeMeasureJson, "outcome_year">> } & CaveatFields,
): string[] {
  const caveats: string[] = [];
  const small = smallSampleCaveat(r);
  if (small !== undefined) caveats.push(small);
  const outcomeSuppressed = outcomeSuppressionCaveat(r);
  if (outcomeSuppressed !== undefined) caveats.push(outcomeSuppressed);
  const suppressed = suppressionCaveat(r);
  if (suppressed !== undefined) caveats.push(suppressed);
  const collinear = collinearContextCaveat(r);
  if (collinear !== undefined) caveats.push(collinear);
  const noise = r.outcome_measure?.noise;
  if (noise?.code === "too-noisy") {
    const share = noise.variance_source !== "none" && noise.mean_reliability !== null;
    const measure = share
      ? realShareWords(noise.mean_reliability!, noise.between_la_variance)
      : `its year-to-year r is ${noise.year_to_year_r === null ? "–" : formatNumberAs(noise.year_to_year_r, "fixed", 2)}`;
    caveats.push(
      `the outcome is too noisy at LA level to judge indicators by (${measure}, below the threshold of ${formatPercent(noise.threshold, 0)}): ` +
        "an indicator may qualify, or fail to, by noise in the outcome",
    );
  }
  const selected = r.error_bound.selected;
  const headline = headlineBound(r.error_bound.bounds);
  if (boundIsNoLimit(r.error_bound)) {
    caveats.push(
      `the error bound puts the expected number of noise indicators at up to ${formatNumberAs(headline!.expected_false!, "fixed", EXPECTED_FALSE_DIGITS)}, against ${selected} selected, ` +
        `so it does not rule out that ${selected === 1 ? "the one selected is" : `every one of the ${selected} is`} noise` + unsupportedByQText(r),
    );
  } else if (boundLimitsLittle(r.error_bound)) {
    caveats.push(
      `the error bound allows up to ${formatNumberAs(headline!.expected_false!, "fixed", EXPECTED_FALSE_DIGITS)} of the ${selected} selected to be noise, half or more of them, ` +
        `so it limits little: take the vital signs as candidates to confirm (holdout, a later year)` + unsupportedByQText(r),
    );
  }
  return caveats;
}

/** A q (BH) at or above this is not read as support by the summary's caveat on a bound that is no limit. */
const SUPPORTING_Q = 0.05;

/**
 * With a bound that is no limit, the selected indicators whose Benjamini–Hochberg q does not support them either
 * (q ≥ 0.05), named with their q; "" when there are none or the associations are not given. A statistician's audit
 * of the official analysis (round 25) found the fifth vital sign at q 0.076 backed by neither.
 */
function unsupportedByQText(r: CaveatFields): string {
  if (r.vital_signs === undefined || r.associations === undefined) return "";
  const q = new Map(r.associations.map((a) => [a.indicator, a] as const));
  const weakQ = r.vital_signs
    .filter((v) => v.selected)
    .map((v) => q.get(v.indicator))
    .filter((a): a is NonNullable<typeof a> => a !== undefined && typeof a.q_bh === "number" && a.q_bh >= SUPPORTING_Q);
  if (weakQ.length === 0) return "";
  const named = weakQ.map((a) => `${a.label ?? a.indicator} (q ${formatNumberAs(a.q_bh!, "p-value")})`);
  return `; ${joinWords(named)} ${weakQ.length === 1 ? "is" : "are"} not supported by the Benjamini–Hochberg q either (${SUPPORTING_Q} or more)`;
}


/**
 * "; 149 of them analysed, …" when fewer of the linked LAs than linked were analysed (no context value: the summary had
 * said "153 of 153 LAs with a grade" beside an analysis of 149), and "; 23 more through an earlier year" for LAs drawn
 * through an earlier slot only; "" when every linked LA was analysed and no other (results written before la_accounting too).
 */
function analysedOfLinkedWords(r: Results): string {
  const acc = r.la_accounting as Partial<Results["la_accounting"]> | undefined;
  if (acc?.analysed === undefined || acc.linked === undefined) return "";
  const earlier = acc.earlier_slots_only?.length ?? 0;
  const linkedAnalysed = acc.analysed - earlier;
  return (linkedAnalysed < acc.linked ? `; ${linkedAnalysed} of them analysed, as Data and link rule says` : "") +
    (earlier > 0 ? `; ${earlier} more analysed through an earlier ${r.outcome_measure ? "year" : "judgement"}` : "");
}

/**
 * The summary section of an analysis report, from results.json (and the catalogue for context labels).
 * @example
 * const spec = { title, sections: [analysisSummarySection(results, catalogue), ...rest], stamp };
 */
export function analysisSummarySection(r: Results, catalogue: readonly (Pick<CatalogueRow, "indicator" | "label"> & Partial<Pick<CatalogueRow, "framework_role">>)[] = []): ReportSection {
  const { name: outcome, unit } = outcomeTerms(r);
  const allowed = allowedForLabels(r, catalogue);
  const assoc = new Map(r.associations.map((a) => [a.indicator, a] as const));
  const selected = r.vital_signs.filter((v) => v.selected);
  const coef = r.correlation.method === "spearman" ? "ρ" : "r";
  const intro =
    `**${selected.length} of ${r.vital_signs.length} indicators qualify** as vital signs for **${outcome}** ` +
    `(${r.outcome.n_linked} of ${r.outcome.n_las} LAs with a ${unit}${analysedOfLinkedWords(r)}). ` +
    (allowed.length > 0 ? `Allowed for: ${joinWords(allowed)}. ` : "Nothing was allowed for (no context variable). ") +
    `An indicator qualifies when it goes with the ${unit === "grade" ? "grade" : "outcome"} ${allowed.length > 0 ? "after allowing for that" : "(unadjusted)"}, is ${`selected in at least ${formatPercent(r.settings.threshold, FREQUENCY_WORD_DIGITS)}`} of ${r.resamples.toLocaleString("en-GB")} resamples of LAs, ` +
    `and is complete and steady enough from year to year. ` +
    (boundIsNoLimit(r.error_bound)
      ? `False selections would be limited by the stability-selection error bound below, not by a significance cut-off (each vital sign's Benjamini–Hochberg q is shown, not required), ` +
        `**but here the bound is no limit** (read with care, below): take the vital signs as candidates to confirm, for example with \`vital-signs holdout\` or a later year's data. `
      : boundLimitsLittle(r.error_bound)
        ? `What limits false selections is the stability-selection error bound below, not a significance cut-off (each vital sign's Benjamini–Hochberg q is shown, not required), ` +
          `**but here it limits little** (read with care, below). `
        : `What limits false selections is the stability-selection error bound below, not a significance cut-off: each vital sign's Benjamini–Hochberg q is shown, not required. `) +
    `An association is not proof that changing the indicator changes the ${unit === "grade" ? "grade" : "outcome"}.`;
  const blocks: ReportBlock[] = [{ type: "text", markdown: intro }];
  const caveats = selectionCaveats(r);
  if (caveats.length > 0) blocks.push({ type: "text", markdown: `**Read with care:** ${caveats.join("; ")}.` });
  if (selected.length > 0) {
    // the framework role beside each vital sign: an outcome for children that goes with the grade is not a lever of practice
    const role = new Map(catalogue.map((c) => [c.indicator, c.framework_role] as const));
    const roleOf = (id: string) => (role.get(id) ? FRAMEWORK_ROLE_WORDS[role.get(id)!] ?? role.get(id)! : "–");
    const outcomes = selected.filter((v) => role.get(v.indicator) === "child-outcome").map((v) => assoc.get(v.indicator)?.label ?? v.indicator);
    if (outcomes.length > 0) {
      blocks.push({ type: "text", markdown: `${joinWords(outcomes)} ${outcomes.length === 1 ? "is itself an outcome" : "are themselves outcomes"} for children (framework role child outcome): ${outcomes.length === 1 ? "it goes" : "they go"} with the ${unit === "grade" ? "grade" : "outcome"} as one result of a service goes with another, not as a lever of practice.` });
    }
    blocks.push({
      type: "table",
      rows: selected.map((v) => {
        const a = assoc.get(v.indicator);
        return {
          indicator: a?.label ?? v.indicator,
          role: roleOf(v.indicator),
          meaning: a ? associationSentence(a, outcome, allowed, unit) : "",
          how_sure: selectionFrequencyWords(v.selection_frequency, r.resamples),
          partial_r: a?.partial_r ?? null,
          partial_ci: a ? formatInterval(a.partial_r_lower, a.partial_r_upper) : "–",
          q_bh: a?.q_bh ?? null,
          LAs: a?.n_complete ?? null,
        };
      }),
      options: {
        labels: { indicator: "vital sign", role: "framework role", meaning: "what it means", how_sure: "how sure", partial_r: `partial ${coef}`, partial_ci: "95% CI", q_bh: "q (BH)", LAs: "LAs" },
        formats: { partial_r: "fixed", q_bh: "p-value" },
        noWrap: ["partial_ci"],
        minWidthEm: { indicator: 12, meaning: 22 },
        sortable: false,
        id: "vsw-summary-selected",
      },
    });
  } else {
    blocks.push({ type: "text", markdown: "No indicator qualifies: the verdicts below say what each one missed." });
  }
  blocks.push({ type: "text", markdown: `**How sure overall:** ${errorBoundText(r.error_bound)}` });
  blocks.push({
    type: "table",
    rows: verdictCounts(r.vital_signs).map(({ code, count }) => ({ verdict: code, meaning: verdictGloss(code, allowed), indicators: count })),
    options: { labels: { verdict: "verdict", meaning: "what it means", indicators: "indicators" }, noWrap: ["verdict"], sortable: false, id: "vsw-verdict-glosses" },
  });
  return { heading: "Summary", blocks };
}

/**
 * The summary's lines for the terminal: how many qualify for the outcome (by name) and what was allowed for,
 * what the evidence says against that ({@link selectionCaveats}), then each verdict code met with its count and meaning.
 * @example analysisSummaryLines(results).forEach((l) => console.log(l))
 */
export function analysisSummaryLines(r: Results, catalogue: readonly Pick<CatalogueRow, "indicator" | "label">[] = []): string[] {
  const allowed = allowedForLabels(r, catalogue);
  const selected = r.vital_signs.filter((v) => v.selected);
  const caveats = selectionCaveats(r);
  return [
    `${selected.length} of ${r.vital_signs.length} indicators qualify as vital signs for ${outcomeTerms(r).name}; allowed for: ${allowed.length > 0 ? joinWords(allowed) : "nothing"}`,
    ...(caveats.length > 0 ? [`read with care: ${caveats.join("; ")}`] : []),
    ...verdictCounts(r.vital_signs).map(({ code, count }) => `  ${code} (${count}): ${verdictGloss(code, allowed)}`),
  ];
}

/**
 * How many indicators got each verdict, with its meaning ({@link verdictGloss}), one Markdown line each in
 * {@link VERDICT_ORDER}. The meanings are the report's and the terminal's, which hold for any outcome: a table of
 * its own said "go with better ratings" where the outcome was a continuous measure such as a care leavers' share
 * (and a selected indicator may go with a worse one: selection keeps either sign).
 * @example verdictSummaryText(results) // "- **2 selected**: qualifies: goes with the outcome after allowing for …\n- **1 weak**: …"
 */
export function verdictSummaryText(r: Pick<Results, "vital_signs" | "context">, catalogue: readonly Pick<CatalogueRow, "indicator" | "label">[] = []): string {
  const allowed = allowedForLabels(r, catalogue);
  return verdictCounts(r.vital_signs).map(({ code, count }) => `- **${count} ${code}**: ${verdictGloss(code, allowed)}`).join("\n");
}

/** The verdict codes met, in {@link VERDICT_ORDER} (any other code after them), with how many indicators got each. */
function verdictCounts(verdicts: readonly { code: string }[]): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of verdicts) counts.set(v.code, (counts.get(v.code) ?? 0) + 1);
  const codes = [...VERDICT_ORDER.filter((c) => counts.has(c)), ...[...counts.keys()].filter((c) => !(VERDICT_ORDER as readonly string[]).includes(c))];
  return codes.map((code) => ({ code, count: counts.get(code) ?? 0 }));
}
