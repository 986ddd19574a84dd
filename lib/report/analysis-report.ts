/**
 * The analysis report and its files: results.json, report.html and the tables, written together from an
 * {@link Analysis}. Usable from a notebook as from the CLI (`vital-signs analyse` parses options, then calls
 * {@link writeAnalysis}). LA-level aggregates only.
 */
import * as path from "node:path";
import { sha256 } from "../data/package";
import type { CatalogueRow, DataPackage } from "../data/types";
import type { LaRestriction } from "../data/restrict";
import { writeFilesAtomically } from "../data/atomic-write";
import { projectRoot } from "../project";
import { screenForestPlot } from "../plots/screen-forest-plot";
import { vitalSignsStabilityChart } from "../plots/vital-signs-stability-chart";
import { percentileMembershipChart } from "../plots/percentile-membership-chart";
import type { Analysis } from "../vitals/analyse";
import { collectVersions, toResults, type Results, type Versions } from "../vitals/results";
import { resultsWords } from "./results-words";
import { outcomeMeasureSections } from "./outcome-measure-words";
import { membershipColouring, membershipRows, stabilityRows } from "./analysis-figures";
import { reproducibilityStamp } from "./reproducibility";
import { reportHtml, type ReportBlock, type ReportSpec } from "./document";
import type { TableOptions } from "./html-table";
import { formatInterval, P_VALUE_FLOOR, P_VALUE_SIGNIFICANT_DIGITS } from "./number-format";
import { errorBoundText, resamplingDesignText } from "./selection-words";
import { laAccountingText } from "./la-accounting-words";
import { analysisSummarySection, verdictGloss, allowedForLabels, contextLabelOf, outcomeTerms } from "./analysis-summary";
import { analysisExportFiles, downloadLinkHtml, EXPORT_FILES } from "./analysis-exports";
import { gradeLabel } from "./plain-labels";

/** Hex digits of the run id shared by results.json (`run_id`) and report.html (meta tag): 64 bits of a sha256. */
export const RUN_ID_HEX_DIGITS = 16;

type ReportSection = ReportSpec["sections"][number];
type ScreenedRow = Results["associations"][number] | Results["context_associations"][number];

/** The symbol of the analysis' correlation coefficient: ρ (Spearman) or r (Pearson). */
function coefficientSymbol(r: Results): string {
  return r.correlation.method === "spearman" ? "ρ" : "r";
}

/** The name of the analysis' correlation: Spearman or Pearson. */
function correlationName(r: Results): string {
  return r.correlation.method === "spearman" ? "Spearman" : "Pearson";
}

/**
 * What the coefficients are oriented to: a better rating for a graded outcome (an Ofsted judgement), a better
 * outcome for a continuous one, which is a value and not a rating (a walkthrough's "correlation with a better
 * rating" of the share of children in care with no school move).
 */
function betterWords(r: Results): string {
  return outcomeTerms(r).unit === "grade" ? "better rating" : "better outcome";
}

/** One row of the screen table: an indicator or a context variable (whose reliability is null). */
function screenRow(s: ScreenedRow, role: string, reliability: number | null) {
  return {
    indicator: s.indicator, label: s.label, role, LAs: s.n, complete_LAs: s.n_complete, completeness: s.completeness, multiple_r: s.multiple_r, p_f: s.p_f,
    raw_r: s.raw_r, raw_ci: formatInterval(s.raw_r_lower, s.raw_r_upper), raw_p: s.raw_p,
    partial_r: s.partial_r, partial_ci: formatInterval(s.partial_r_lower, s.partial_r_upper), partial_p: s.partial_p, q_bh: s.q_bh,
    spearman_rho: s.spearman_rho, ordinal_coef: s.ordinal_coef, context_r2: s.context_r2, reliability,
  };
}

/** Column labels and number formats of the screen table. */
function screenTableOptions(coef: string): TableOptions {
  return {
    labels: {
      indicator: "indicator", label: "name", complete_LAs: "LAs (complete cases)", completeness: "complete", multiple_r: "multiple R", p_f: "Sig. F",
      raw_r: `raw ${coef}`, raw_ci: "raw 95% CI", raw_p: "raw p", partial_r: `partial ${coef}`, partial_ci: "partial 95% CI", partial_p: "partial p", q_bh: "q (BH)",
      spearman_rho: "ρ (all LAs with outcome)", ordinal_coef: "ordinal coef. per SD", context_r2: "context R²", reliability: "reliability",
    },
    formats: {
      completeness: "percent", multiple_r: "fixed", p_f: "p-value", raw_r: "fixed", raw_p: "p-value", spearman_rho: "fixed", ordinal_coef: "fixed", partial_r: "fixed",
      partial_p: "p-value", q_bh: "p-value", context_r2: "percent", reliability: "fixed",
    },
    noWrap: ["indicator", "raw_ci", "partial_ci"],
    minWidthEm: { label: 14 },
  };
}

/** The forest plot's caption: raw and context-adjusted, or raw only when nothing was allowed for (the plot then draws no partial). */
function forestCaption(r: Results, better: string): string {
  return r.context.variables.length > 0
    ? `Raw and context-adjusted ${correlationName(r)} correlation of each indicator with a ${better}, on the same LAs, with 95% intervals.`
    : `Raw ${correlationName(r)} correlation of each indicator with a ${better}, with 95% intervals (nothing was allowed for).`;
}

/** "How to read the table" under the screen. */
function screenReadingNotes(r: Results, coef: string): string {
  const better = betterWords(r);
  const ordinal = outcomeTerms(r).unit === "grade"
    ? "the proportional-odds coefficient of the rating on the indicator, in log-odds of a better rating per 1 SD of the indicator"
    : "the proportional-odds coefficient, for an outcome in ordered categories such as a grade (not this outcome, so none)";
  return [
    "How to read the table:",
    "",
    "- *LAs*: LAs with both the indicator and the outcome; *LAs (complete cases)*: those that also have every context variable; *complete*: share of the LAs with the outcome that have a value.",
    `- Rows marked *context* are the context variables themselves, screened the same way as the baseline (their partial is given the other context variables); they are not candidates and not in the BH family.`,
    `- *Raw ${coef}* and *partial ${coef}*: ${correlationName(r)} correlation with a ${better} ${r.context.variables.length > 0 ? `before and after allowing for context (${r.context.variables.join(", ")})` : "(nothing was allowed for, so the partial is the raw)"}, both on the complete-case LAs, each with its 95% interval (${r.correlation.interval}); *q (BH)*: Benjamini–Hochberg q of the partial p across the ${r.associations.length} indicators.`,
    `- *Multiple R* and *Sig. F*: the 2016 study's one-indicator OLS; *ρ (all LAs with outcome)*: Spearman's rank correlation on every LA with the indicator and the outcome; *ordinal coef. per SD*: ${ordinal}.`,
    "- *Context R²*: the share of the indicator's variation across LAs that context explains; *reliability*: year-to-year r, the correlation of LAs' values between consecutive years (median over pairs of years).",
    `- p- and q-values have ${P_VALUE_SIGNIFICANT_DIGITS} significant digits; below ${P_VALUE_FLOOR} they print as <${P_VALUE_FLOOR}. Click a header to sort.`,
  ].join("\n");
}

/** The question the analysis answers, in the outcome's and the context's words. */
function questionSection(r: Results, allowed: readonly string[]): ReportSection {
  const outcome = outcomeTerms(r);
  return {
    heading: "Question",
    blocks: [{ type: "text", markdown: `Which indicators go with a better **${outcome.name}**${outcome.unit === "grade" ? " grade" : ""} ${allowed.length > 0 ? `once context (${allowed.join(", ")}) is allowed for` : "with nothing allowed for (no context variable)"}, how sure are we, and which few deserve to be the vital signs?` }],
  };
}

/** The data package, the periods used, the link rule, the LAs analysed and the outcome's distribution. */
function dataSection(r: Results, pkg: DataPackage): ReportSection {
  const outcome = outcomeTerms(r);
  return {
    heading: "Data and link rule",
    blocks: [
      { type: "text", markdown: `Data package **${r.dataset.name}** (${pkg.descriptor.title}); indicator values from ${r.values_used.indicator_periods.map((p) => `${p.period} (${p.las} LAs)`).join(", ") || "no linked LA"}. Link rule: ${r.link_rule.description.split(r.outcome.id).join(outcome.name)}${r.link_rule.judgements_published ? `; the ${r.link_rule.judgements_published.judgements} judgements used were published ${r.link_rule.judgements_published.first} to ${r.link_rule.judgements_published.last}` : ""}. Alignment: ${r.alignment.description}. Context rule: ${r.context.rule}. ${r.outcome.n_linked} of ${r.outcome.n_las} LAs have ${outcome.unit === "grade" ? "a judgement" : "a value"}.${restrictionNote(r)} **LAs:** ${laAccountingText(r.la_accounting, contextLabelOf(r, pkg.catalogue.objects() as unknown as CatalogueRow[]), Infinity, r)}` },
      ...sharedServiceBlocks(pkg),
      { type: "table", rows: r.outcome.distribution.map((d) => ({ grade: d.value, label: gradeLabel(d.value, d.label), LAs: d.las })), options: { labels: { label: outcome.name } } },
    ],
  };
}

/**
 * The package's shared services (datapackage.json provenance `shared_service_rules`, written by the official import):
 * a joint figure is attached to each member LA, so the screen counts it once per member. A statistician's audit (round
 * 25) found this said only in the importer's README; counted once, the agency share's ρ moved from −0.3674 to −0.3681.
 */
function sharedServiceBlocks(pkg: DataPackage): ReportBlock[] {
  const rules = (pkg.descriptor.provenance as { shared_service_rules?: unknown } | undefined)?.shared_service_rules;
  if (!Array.isArray(rules) || rules.length === 0) return [];
  const notes = rules.map((rule) => (rule as { note?: unknown }).note).filter((n): n is string => typeof n === "string" && n !== "");
  if (notes.length === 0) return [];
  return [{ type: "text", markdown: `**Shared services:** ${notes.join(" ")} The screen counts such a joint figure once for each member LA, as two LAs of the same value.` }];
}

/** How many LAs have each indicator, and with the outcome. */
function completenessSection(r: Results): ReportSection {
  return {
    heading: "Completeness",
    blocks: [{
      type: "table",
      rows: r.associations.map((s) => ({ indicator: s.indicator, label: s.label, completeness: s.completeness, LAs: s.n })),
      options: { labels: { label: "name", completeness: "LAs with the outcome that have a value", LAs: "LAs with value and outcome" }, formats: { completeness: "percent" }, noWrap: ["indicator"] },
    }, { type: "html", html: downloadLinkHtml("completeness") }],
  };
}

/** The screen: forest plot, the table of raw and partial associations, directions and notes. */
function screenSection(r: Results, analysis: Analysis): ReportSection {
  const coef = coefficientSymbol(r);
  const better = betterWords(r);
  const screenRows = [
    ...r.context_associations.map((s) => screenRow(s, "context (baseline)", null)),
    ...r.associations.map((s) => screenRow(s, "indicator", s.reliability)),
  ];
  return {
    heading: "Screen",
    blocks: [
      { type: "text", markdown: `Coefficients are oriented so that a positive value means *higher indicator value, ${better}*.` },
      // with two LAs (analyse --las Leeds,Bristol) no correlation exists to draw: say so instead of stopping the run
      analysis.screen.some((row) => Number.isFinite(row.rawR))
        ? { type: "figure", figure: screenForestPlot(analysis, { estimateLabel: `${coef} with a ${better} ${r.context.variables.length > 0 ? `(partial ${coef} | context)` : "(nothing allowed for)"}` }), caption: forestCaption(r, better) }
        : { type: "text", markdown: `**No correlation could be computed**: too few LAs have the outcome and an indicator (see the LAs in *Data and link rule*), so there is nothing to draw.` },
      { type: "text", markdown: screenReadingNotes(r, coef) },
      { type: "table", rows: screenRows, options: screenTableOptions(coef) },
      { type: "html", html: downloadLinkHtml("screen") },
      {
        type: "details",
        summary: "Direction and notes for each indicator",
        blocks: [{
          type: "table",
          rows: r.associations.map((s) => ({ indicator: s.indicator, domain: s.domain, direction: s.direction, polarity: s.polarity, notes: s.notes.join("; ") || "none" })),
          options: { labels: { polarity: "catalogue polarity" }, noWrap: ["indicator", "domain"] },
        }],
      },
    ],
  };
}

/** How many LAs the best/worst 10% counts are over: those ranked on at least one indicator. */
function rankedLas(r: Results): number {
  return r.percentiles.per_la.filter((l) => l.judged > 0).length;
}

/** The 2016 study's best and worst 10% (none when no indicator has a polarity). */
function percentileSections(r: Results, analysis: Analysis): ReportSection[] {
  const judged = analysis.percentiles.perIndicator.filter((p) => !p.reason).length;
  if (judged === 0) return [];
  return [{
    heading: "Best and worst 10% (the 2016 study's Tables 1–4)",
    blocks: [
      { type: "text", markdown: `Per LA, the number of the ${judged} indicators with a polarity on which it is in the best or the worst 10%, over the ${rankedLas(r)} LAs ranked on at least one of them (LAs with no row in the analysis are not counted as having none). ${r.percentiles.rule}.${notRankedWords(analysis)}` },
      { type: "figure", figure: percentileMembershipChart(membershipRows(analysis), { indicatorCount: judged, colourBy: membershipColouring(analysis) }), caption: membershipCaption(r) },
      {
        type: "table",
        rows: Array.from({ length: Math.max(r.percentiles.best_distribution.length, r.percentiles.worst_distribution.length) }, (_, k) => ({
          indicators: k, LAs_best: r.percentiles.best_distribution[k]?.las ?? 0, LAs_worst: r.percentiles.worst_distribution[k]?.las ?? 0,
        })),
      },
    ],
  }];
}

/** The indicators with a polarity left out of the ranking because every LA has the same value, named (empty when none). */
function notRankedWords(analysis: Analysis): string {
  const constant = analysis.percentiles.perIndicator.filter((p) => p.notRanked === "constant").map((p) => p.indicator);
  if (constant.length === 0) return "";
  return ` Not ranked, every LA having the same value: ${constant.join(", ")}.`;
}

/** The membership figure's caption: for a continuous outcome, what the bars are split by (no grade applies). */
function membershipCaption(r: Results): string {
  const outcome = outcomeTerms(r);
  if (outcome.unit === "grade") return "LAs by number of indicators in the best and worst 10%.";
  return `LAs by number of indicators in the best and worst 10%, each bar split by the LA's quarter of ${outcome.name} among the ${r.outcome.n_linked} LAs with a value (LAIT's quartile bands, oriented so that the best quarter is green and the worst red).`;
}

/** The vital signs: resampling design, error bound, stability chart and each indicator's verdict with its reason. */
function verdictsSection(r: Results, analysis: Analysis, allowed: readonly string[]): ReportSection {
  const selected = r.vital_signs.filter((v) => v.selected);
  const labelOf = new Map(r.associations.map((s) => [s.indicator, s.label] as const));
  return {
    heading: "Vital signs: verdicts with reasons",
    blocks: [
      { type: "text", markdown: `Resampling (seed ${r.seed}): ${resamplingDesignText(r.design, outcomeTerms(r).unit)} Selection needs frequency ≥ ${r.settings.threshold}, completeness ≥ ${r.settings.minCompleteness}, year-to-year r ≥ ${r.settings.minReliability}; near-duplicates at |r| ≥ ${r.settings.redundancyR}. Selected: ${selected.map((v) => v.indicator).join(", ") || "none"}.` },
      { type: "text", markdown: `**How sure:** ${errorBoundText(r.error_bound)}` },
      { type: "table", rows: r.design.slots.map((s) => ({ slot: s.label, LAs: s.las, used: s.used ? "yes" : `no: ${s.reason ?? ""}` })) },
      { type: "figure", figure: vitalSignsStabilityChart(stabilityRows(analysis), { threshold: r.settings.threshold, resamples: r.resamples, resampling: r.design.resampling }), caption: `Selection frequency of each indicator across the ${r.design.resampling === "bootstrap" ? "bootstrap resamples" : "half-samples"} of LAs; the dashed line is the threshold.` },
      {
        type: "table",
        rows: r.vital_signs.map((v) => ({ indicator: v.indicator, label: labelOf.get(v.indicator) ?? v.indicator, verdict: v.code, meaning: verdictGloss(v.code, allowed), frequency: v.selection_frequency, reason: v.reason })),
        options: { labels: { label: "name", meaning: "what the verdict means", frequency: `selected in (of ${r.resamples.toLocaleString("en-GB")} resamples)` }, formats: { frequency: "percent" }, noWrap: ["indicator", "verdict"], minWidthEm: { meaning: 14 } },
      },
      { type: "html", html: downloadLinkHtml("verdicts") },
      { type: "table", rows: r.domain_coverage.map((d) => ({ domain: d.domain, note: d.note })) },
    ],
  };
}

/**
 * The report of an analysis: the question, data and link rule, completeness, the screen with a forest plot,
 * adjusted results, verdicts with reasons and the reproducibility stamp. LA-level aggregates only.
 * @example reportHtml(analysisReportSpec(results, pkg, analysis))
 */
export function analysisReportSpec(r: Results, pkg: DataPackage, analysis: Analysis, command?: string): ReportSpec {
  const selected = r.vital_signs.filter((v) => v.selected);
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const allowed = allowedForLabels(r, catalogue);
  return {
    title: `Vital signs: ${r.dataset.title}`,
    subtitle: `Outcome: ${outcomeTerms(r).name} (${r.outcome.id}); ${r.vital_signs.length} indicators screened; ${selected.length} selected`,
    sections: [
      analysisSummarySection(r, catalogue),
      questionSection(r, allowed),
      dataSection(r, pkg),
      completenessSection(r),
      screenSection(r, analysis),
      ...percentileSections(r, analysis),
      verdictsSection(r, analysis, allowed),
      ...outcomeMeasureSections(r),
    ],
    stamp: reproducibilityStamp(pkg, { seed: r.seed, command }),
  };
}

/** The report's sentence on a restricted analysis (`--las`, `--region`), or "". */
/** results.json's `las_restriction`: the {@link LaRestriction} with its fields named as written. */
export interface LaRestrictionJson {
  rule: string;
  n_las: number;
  n_las_package: number;
  las: string[];
}

/** The restriction as results.json writes it (every field by name). */
function laRestrictionJson(x: LaRestriction): LaRestrictionJson {
  return { rule: x.rule, n_las: x.nLas, n_las_package: x.nLasPackage, las: x.las };
}

function restrictionNote(r: Results): string {
  const x = (r as { las_restriction?: LaRestrictionJson }).las_restriction;
  return x ? ` Restricted to ${x.n_las} of the package's ${x.n_las_package} LAs (${x.rule}): every n is at most ${x.n_las}.` : "";
}

/** Options of {@link writeAnalysis}. */
export interface WriteAnalysisOptions {
  /** The command line or notebook call that made the analysis, for the report's colophon. */
  command?: string;
  /** The LAs the package was restricted to (`--las`, `--region`), recorded in results.json as `las_restriction`. */
  restriction?: LaRestriction;
  /** Versions recorded in results.json (default: this workbench's package version, Node and git commit). */
  versions?: Versions;
}

/** What {@link writeAnalysis} wrote: the results (with their run id), the paths and the report's content. */
export interface WrittenAnalysis {
  results: Results & { run_id: string; las_restriction?: LaRestrictionJson };
  resultsPath: string;
  reportPath: string;
  exportPaths: string[];
  reportSpec: ReportSpec;
}

/**
 * The results of an analysis as results.json holds them, with the run id shared by every output: the first
 * {@link RUN_ID_HEX_DIGITS} hex digits of the sha256 of the results themselves (same inputs, same id).
 * @example analysisResults(analysis, pkg).run_id // "3f9c0a1b2c3d4e5f"
 */
export function analysisResults(analysis: Analysis, pkg: DataPackage, options: WriteAnalysisOptions = {}): WrittenAnalysis["results"] {
  const versions = options.versions ?? collectVersions(projectRoot());
  const computed: Results & { las_restriction?: LaRestrictionJson } = { ...toResults(analysis, pkg.descriptor, versions, resultsWords), ...(options.restriction ? { las_restriction: laRestrictionJson(options.restriction) } : {}) };
  computed.error_bound.statement = errorBoundText(computed.error_bound);
  return { ...computed, run_id: sha256(JSON.stringify(computed)).slice(0, RUN_ID_HEX_DIGITS) };
}

/**
 * Write an analysis into `outDir`: results.json, report.html and the tables (CSV, xlsx), staged in full and
 * renamed together, so a killed run leaves the previous outputs intact; results.json and report.html carry
 * the same run id (`run_id`; `<meta name="vital-signs-run-id">`).
 * @example
 * const written = writeAnalysis(vs.analysePackage(pkg, { link, context: ["idaci_score"], seed: 42 }), pkg, "out");
 */
export function writeAnalysis(analysis: Analysis, pkg: DataPackage, outDir: string, options: WriteAnalysisOptions = {}): WrittenAnalysis {
  const results = analysisResults(analysis, pkg, options);
  const reportSpec = analysisReportSpec(results, pkg, analysis, options.command);
  writeFilesAtomically(outDir, [
    ...analysisExportFiles(results),
    { name: "results.json", contents: JSON.stringify(results, null, 2) + "\n" },
    { name: "report.html", contents: reportHtml({ ...reportSpec, runId: results.run_id }) },
  ]);
  return {
    results,
    resultsPath: path.join(outDir, "results.json"),
    reportPath: path.join(outDir, "report.html"),
    exportPaths: Object.values(EXPORT_FILES).map((f) => path.join(outDir, f)),
    reportSpec,
  };
}
