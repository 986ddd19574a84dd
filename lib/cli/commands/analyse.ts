import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../errors";
import { readPackage } from "../../data/package";
import type { DataPackage } from "../../data/types";
import type { LinkRule } from "../../context/link";
import { forestPlot } from "../../plots/forest-plot";
import { vitalSignsStabilityChart } from "../../plots/vital-signs-stability-chart";
import { percentileMembershipChart } from "../../plots/percentile-membership-chart";
import { membershipRows, screenForestRows, stabilityRows } from "../../report/analysis-figures";
import { reproducibilityStamp } from "../../report/reproducibility";
import { writeReport, type ReportSpec } from "../../report/document";
import type { TableOptions } from "../../report/html-table";
import { P_VALUE_FLOOR, P_VALUE_SIGNIFICANT_DIGITS } from "../../report/number-format";
import { analysePackage, type Analysis } from "../../vitals/analyse";
import { collectVersions, toResults, type Results } from "../../vitals/results";
import type { ProgressCallback } from "../../progress";
import type { CliCommand, CliIO } from "../command";
import { UsageError, enumOption, integerOption, outputDirOption, packageDirArgument, usageError } from "../options";
import { printableText } from "../printable";
import { didYouMean } from "../../suggest";
import { PROJECT_ROOT } from "../paths";
import { withProgress } from "../progress-bar";
import { laListFromOption, regionLas, resolveLaList, restrictPackage, type LaRestriction } from "../../data/restrict";

/** Largest seed: the PRNG (lib/stats/random.ts, sfc32) takes seeds in [0, 2³²); larger ones would be reduced modulo 2³². */
export const MAX_SEED = 2 ** 32 - 1;
/**
 * Most bootstrap resamples accepted. A selection frequency's Monte Carlo standard error is at most 0.5/√B:
 * 0.16 percentage points at 100,000, so more resamples change nothing visible and only cost time (1,000 take
 * about a second on the official data; 100,000 about two minutes).
 */
export const MAX_RESAMPLES = 100_000;

/** Seed used when none is given (recorded in results.json either way). */
export const DEFAULT_ANALYSIS_SEED = 42;
/** Context variables adjusted for by default, when the package has them (deprivation first: Wilkins & Antonopoulou 2020). */
export const DEFAULT_CONTEXT = ["idaci_score"];

const LINK_KINDS = ["first-on-or-before", "latest-on-or-before", "published-within", "attached-period"] as const;

/** Options of {@link runAnalyse}, as the CLI parses them. */
export interface AnalyseArgs {
  dir: string;
  outcome: string;
  period?: number;
  context?: string[];
  seed?: number;
  resamples?: number;
  out: string;
  link?: (typeof LINK_KINDS)[number];
  date?: string;
  from?: string;
  to?: string;
  /** Not a command-line option: called after each bootstrap resample (the CLI draws a bar with it). */
  onProgress?: ProgressCallback;
  /** The LAs the package was restricted to (`--las`, `--region`), recorded in results.json as `las_restriction`. */
  restriction?: LaRestriction;
}

/**
 * The link rule from CLI options. Default: the latest judgement published on or before 31 March of the
 * year after the analysis period (`--period P`), or after the last period with data.
 * @example linkRuleFromArgs({ dir: "d", out: "o", outcome: "ofsted_overall" }, 2023) // latest-on-or-before 2024-03-31
 */
export function linkRuleFromArgs(a: AnalyseArgs, lastPeriod: number): LinkRule {
  const kind = a.link ?? "latest-on-or-before";
  const year = (a.period ?? lastPeriod) + 1;
  switch (kind) {
    case "first-on-or-before":
    case "latest-on-or-before":
      return { kind, outcome: a.outcome, date: a.date ?? `${year}-03-31` };
    case "published-within":
      if (!a.from || !a.to) throw new UsageError("--link", "published-within needs --from and --to");
      return { kind, outcome: a.outcome, from: a.from, to: a.to };
    case "attached-period":
      return { kind, outcome: a.outcome, period: a.period ?? lastPeriod };
    default:
      throw new UsageError("--link", `must be one of ${LINK_KINDS.join(", ")}`, kind);
  }
}

/**
 * Run the analysis and write results.json and report.html into `out`; returns what was written.
 * @example runAnalyse({ dir: "datasets/pilot-synthetic", outcome: "ofsted_overall", out: "out" }).results.vital_signs
 */
export function runAnalyse(a: AnalyseArgs, pkgIn?: DataPackage): { analysis: Analysis; results: Results; resultsPath: string; reportPath: string } {
  const pkg = pkgIn ?? readPackage(a.dir);
  const periods = [...new Set(pkg.indicators.array("period") as number[])].sort((x, y) => x - y);
  const available = new Set(pkg.context.array("variable") as string[]);
  const context = a.context ?? DEFAULT_CONTEXT.filter((v) => available.has(v));
  const outcomes = new Set(pkg.outcomes.array("outcome") as string[]);
  if (!outcomes.has(a.outcome)) throw new UsageError("--outcome", `not in outcomes.csv${didYouMean(a.outcome, outcomes).replace(/^ \((.*)\)$/, ": $1")} (have: ${[...outcomes].sort().join(", ") || "none"})`, a.outcome);
  const analysis = analysePackage(pkg, {
    link: linkRuleFromArgs(a, periods[periods.length - 1]),
    context,
    period: a.period,
    seed: a.seed ?? DEFAULT_ANALYSIS_SEED,
    resamples: a.resamples,
    onProgress: a.onProgress,
  });
  const results: Results & { las_restriction?: LaRestriction } = { ...toResults(analysis, pkg.descriptor, collectVersions(PROJECT_ROOT)), ...(a.restriction ? { las_restriction: a.restriction } : {}) };
  fs.mkdirSync(a.out, { recursive: true });
  const resultsPath = path.join(a.out, "results.json");
  fs.writeFileSync(resultsPath, JSON.stringify(results, null, 2) + "\n");
  const reportPath = writeReport(path.join(a.out, "report.html"), analysisReportSpec(results, pkg, analysis));
  return { analysis, results, resultsPath, reportPath };
}

/**
 * The report of an analysis: the question, data and link rule, completeness, the screen with a forest plot,
 * adjusted results, verdicts with reasons and the reproducibility stamp. LA-level aggregates only.
 * @example writeReport("out/report.html", analysisReportSpec(results, pkg));
 */
export function analysisReportSpec(r: Results, pkg: DataPackage, analysis: Analysis): ReportSpec {
  const selected = r.vital_signs.filter((v) => v.selected);
  const labelOf = new Map(r.associations.map((s) => [s.indicator, s.label] as const));
  const screenRows = r.associations.map((s) => ({
    indicator: s.indicator, label: s.label, LAs: s.n, completeness: s.completeness, multiple_r: s.multiple_r, p_f: s.p_f,
    spearman_rho: s.spearman_rho, ordinal_coef: s.ordinal_coef, partial_r: s.partial_r, partial_p: s.partial_p, q_bh: s.q_bh,
    context_r2: s.context_r2, reliability: s.reliability,
  }));
  const screenTable: TableOptions = {
    labels: {
      indicator: "indicator", label: "name", completeness: "complete", multiple_r: "multiple R", p_f: "Sig. F", spearman_rho: "ρ", ordinal_coef: "ordinal coef.",
      partial_r: "partial ρ", partial_p: "partial p", q_bh: "q (BH)", context_r2: "context R²", reliability: "reliability",
    },
    formats: {
      completeness: "percent", multiple_r: "fixed", p_f: "p-value", spearman_rho: "fixed", ordinal_coef: "fixed", partial_r: "fixed",
      partial_p: "p-value", q_bh: "p-value", context_r2: "percent", reliability: "fixed",
    },
    noWrap: ["indicator"],
    minWidthEm: { label: 14 },
  };
  const forestRows = screenForestRows(analysis).filter((row) => row.estimate !== null && Number.isFinite(row.estimate));
  const judged = analysis.percentiles.perIndicator.filter((p) => !p.reason).length;
  return {
    title: `Vital signs: ${r.dataset.title}`,
    subtitle: `Outcome ${r.outcome.id}; ${r.vital_signs.length} indicators screened; ${selected.length} selected`,
    sections: [
      {
        heading: "Question",
        blocks: [{ type: "text", markdown: `Which indicators go with a better **${r.outcome.id}** once context (${r.context.variables.join(", ") || "none"}) is allowed for, how sure are we, and which few deserve to be the vital signs?` }],
      },
      {
        heading: "Data and link rule",
        blocks: [
          { type: "text", markdown: `Data package **${r.dataset.name}** (${pkg.descriptor.title}); analysis period ${r.period}. Link rule: ${r.link_rule.description}. Alignment: ${r.alignment.description}. Context rule: ${r.context.rule}. ${r.outcome.n_linked} of ${r.outcome.n_las} LAs have a judgement.${restrictionNote(r)}` },
          { type: "table", rows: r.outcome.distribution.map((d) => ({ value: d.value, label: d.label, LAs: d.las })) },
        ],
      },
      {
        heading: "Completeness",
        blocks: [{
          type: "table",
          rows: r.associations.map((s) => ({ indicator: s.indicator, label: s.label, completeness: s.completeness, LAs: s.n })),
          options: { labels: { label: "name", completeness: "LAs with a value", LAs: "LAs with value and outcome" }, formats: { completeness: "percent" }, noWrap: ["indicator"] },
        }],
      },
      {
        heading: "Screen",
        blocks: [
          { type: "text", markdown: `Coefficients are oriented so that a positive value means *higher indicator value, better rating*.` },
          { type: "figure", figure: forestPlot(forestRows, { estimateLabel: "ρ with a better rating (partial ρ | context)", outcomePolarity: "up", order: "estimate", significanceLabel: `BH q < ${r.settings.alpha}` }), caption: "Unadjusted and context-adjusted association of each indicator with a better rating." },
          {
            type: "text",
            markdown: [
              "How to read the table:",
              "",
              "- *LAs*: LAs with both the indicator and the outcome; *complete*: share of all LAs with a value.",
              "- *Multiple R* and *Sig. F*: the 2016 study's one-indicator OLS; *ρ*: Spearman's rank correlation; *ordinal coef.*: the proportional-odds coefficient of the rating on the indicator.",
              `- *Partial ρ* and *partial p*: the association once context (${r.context.variables.join(", ") || "none"}) is allowed for; *q (BH)*: Benjamini–Hochberg q of the partial p across the ${r.associations.length} indicators.`,
              "- *Context R²*: the share of the indicator's variation across LAs that context explains; *reliability*: year-to-year r, the correlation of LAs' values between consecutive years (median over pairs of years).",
              `- p- and q-values have ${P_VALUE_SIGNIFICANT_DIGITS} significant digits; below ${P_VALUE_FLOOR} they print as <${P_VALUE_FLOOR}. Click a header to sort.`,
            ].join("\n"),
          },
          { type: "table", rows: screenRows, options: screenTable },
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
      },
      ...(judged > 0
        ? [{
            heading: "Best and worst 10% (the 2016 study's Tables 1–4)",
            blocks: [
              { type: "text", markdown: `Per LA, the number of the ${judged} indicators with a polarity on which it is in the best or the worst 10%. ${r.percentiles.rule}.` },
              { type: "figure", figure: percentileMembershipChart(membershipRows(analysis), { indicatorCount: judged }), caption: "LAs by number of indicators in the best and worst 10%." },
              {
                type: "table",
                rows: Array.from({ length: Math.max(r.percentiles.best_distribution.length, r.percentiles.worst_distribution.length) }, (_, k) => ({
                  indicators: k, LAs_best: r.percentiles.best_distribution[k]?.las ?? 0, LAs_worst: r.percentiles.worst_distribution[k]?.las ?? 0,
                })),
              },
            ],
          } satisfies ReportSpec["sections"][number]]
        : []),
      {
        heading: "Vital signs: verdicts with reasons",
        blocks: [
          { type: "text", markdown: `Bootstrap: ${r.resamples} resamples of LAs (seed ${r.seed}) and of periods; selection needs frequency ≥ ${r.settings.threshold}, completeness ≥ ${r.settings.minCompleteness}, year-to-year r ≥ ${r.settings.minReliability}; near-duplicates at |r| ≥ ${r.settings.redundancyR}. Selected: ${selected.map((v) => v.indicator).join(", ") || "none"}.` },
          { type: "figure", figure: vitalSignsStabilityChart(stabilityRows(analysis), { threshold: r.settings.threshold, resamples: r.resamples }), caption: "Selection frequency of each indicator across the bootstrap resamples; the dashed line is the threshold." },
          {
            type: "table",
            rows: r.vital_signs.map((v) => ({ indicator: v.indicator, label: labelOf.get(v.indicator) ?? v.indicator, verdict: v.code, frequency: v.selection_frequency, reason: v.reason })),
            options: { labels: { label: "name", frequency: "selected in" }, formats: { frequency: "percent" }, noWrap: ["indicator", "verdict"] },
          },
          { type: "table", rows: r.domain_coverage.map((d) => ({ domain: d.domain, note: d.note })) },
        ],
      },
    ],
    stamp: reproducibilityStamp(pkg, { seed: r.seed }),
  };
}

/** The report's sentence on a restricted analysis (`--las`, `--region`), or "". */
function restrictionNote(r: Results): string {
  const x = (r as { las_restriction?: LaRestriction }).las_restriction;
  return x ? ` Restricted to ${x.n_las} of the package's ${x.n_las_package} LAs (${x.rule}): every n is at most ${x.n_las}.` : "";
}

/**
 * Print a short summary of an analysis.
 * @example printAnalysisSummary(written.results, written, processIO);
 */
export function printAnalysisSummary(r: Results, written: { resultsPath: string; reportPath: string }, io: CliIO): void {
  const selected = r.vital_signs.filter((v) => v.selected);
  io.out(`${printableText(r.dataset.title)}: outcome ${r.outcome.id}, ${r.outcome.n_linked} LAs linked (${r.link_rule.description})\n`);
  io.out(`context: ${r.context.variables.join(", ") || "none"}; ${r.associations.length} indicators screened; ${r.resamples} resamples, seed ${r.seed}\n`);
  const restriction = (r as { las_restriction?: LaRestriction }).las_restriction;
  if (restriction) io.out(`restricted to ${restriction.n_las} of ${restriction.n_las_package} LAs (${restriction.rule}): n is at most ${restriction.n_las}\n`);
  io.out(`vital signs (${selected.length}):\n`);
  for (const v of selected) io.out(`  ${v.indicator.padEnd(32)} ${Math.round(v.selection_frequency * 100)}%\n`);
  const byCode = new Map<string, number>();
  for (const v of r.vital_signs) byCode.set(v.code, (byCode.get(v.code) ?? 0) + 1);
  io.out(`verdicts: ${[...byCode].map(([c, n]) => `${c} ${n}`).join(", ")}\n`);
  io.out(`wrote ${written.resultsPath}\n      ${written.reportPath}\n`);
}

/** `vital-signs analyse DIR --outcome ID …`. */
export const analyseCommand: CliCommand = {
  name: "analyse",
  summary: "Screen indicators against an outcome, adjust for context, select the vital signs (results.json, report.html)",
  usage: [
    "vital-signs analyse DIR --outcome ID [--period P] [--context v1,v2] [--seed N] [--resamples N] [--out OUTDIR]",
    "                        [--link first-on-or-before|latest-on-or-before|published-within|attached-period]",
    "                        [--date YYYY-MM-DD] [--from YYYY-MM-DD --to YYYY-MM-DD]",
    "",
    "--period P   analysis period (year ending March); every LA's indicators are from P. Without it, each LA's",
    "             indicators are from the period its judgement is attached to.",
    `--context    context variables to adjust for (default ${DEFAULT_CONTEXT.join(",")} when present; "none" for no adjustment)`,
    `--seed N     bootstrap seed (default ${DEFAULT_ANALYSIS_SEED}); --resamples N (default 1000)`,
    "--link       the rule attaching a judgement to each LA (default latest-on-or-before 31 March after the period)",
    "--out        output folder (default out/); --json prints a JSON summary instead of text",
    "--las FILE|LIST  screen within these LAs only (a file with one per line, or a comma-separated list of",
    "             ONS codes, DfE numbers or names); --region NAME  within one region (e.g. \"South West\")",
  ].join("\n"),
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        outcome: { type: "string" }, period: { type: "string" }, context: { type: "string" }, seed: { type: "string" },
        resamples: { type: "string" }, out: { type: "string", short: "o" }, link: { type: "string" }, date: { type: "string" },
        from: { type: "string" }, to: { type: "string" },
        las: { type: "string" }, region: { type: "string" }, json: { type: "boolean" },
      },
    });
    if (positionals.length !== 1 || !values.outcome) return usageError(io, "analyse", "DIR and --outcome ID are required", analyseCommand.usage);
    const a: AnalyseArgs = {
      dir: packageDirArgument(positionals[0]),
      outcome: values.outcome,
      period: integerOption("--period", values.period, { min: 1990, max: 2100 }),
      context: values.context === undefined ? undefined : values.context === "none" ? [] : values.context.split(",").filter((s) => s !== ""),
      seed: integerOption("--seed", values.seed, { min: 0, max: MAX_SEED, why: "the random generator takes 32-bit seeds" }),
      resamples: integerOption("--resamples", values.resamples, { min: 1, max: MAX_RESAMPLES, why: "beyond that the Monte Carlo error of a selection frequency, at most 0.5/√B, is below 0.2 percentage points and more resamples only cost time" }),
      out: outputDirOption("--out", values.out ?? "out"),
      link: enumOption("--link", values.link, LINK_KINDS),
      date: values.date,
      from: values.from,
      to: values.to,
    };
    // --las / --region: screen within some LAs only (the smaller n is stated in stdout and results.json)
    let pkg: DataPackage | undefined;
    if (values.las !== undefined || values.region !== undefined) {
      const full = readPackage(a.dir);
      const fromLas = values.las === undefined ? undefined : laListFromOption(values.las);
      const las = fromLas ? resolveLaList(full, fromLas.items, fromLas.origin) : (full.areas.array("la_code") as string[]);
      const inRegion = values.region === undefined ? undefined : new Set(regionLas(full, values.region));
      const kept = inRegion ? las.filter((c) => inRegion.has(c)) : las;
      if (kept.length === 0) throw new InputError("--las/--region", "no LA is in both the list and the region");
      const rule = [fromLas ? `--las ${fromLas.origin === "--las" ? values.las : fromLas.origin}` : "", values.region ? `--region ${values.region}` : ""].filter(Boolean).join(" ");
      a.restriction = { rule, n_las: kept.length, n_las_package: full.areas.numRows(), las: kept };
      pkg = restrictPackage(full, kept);
    }
    const written = await withProgress(io, "bootstrap", (onProgress) => runAnalyse({ ...a, onProgress }, pkg));
    if (values.json) {
      const r = written.results;
      io.out(JSON.stringify({
        results: written.resultsPath, report: written.reportPath, outcome: r.outcome.id, n_linked: r.outcome.n_linked,
        las_restriction: (r as { las_restriction?: LaRestriction }).las_restriction ?? null, seed: r.seed, resamples: r.resamples,
        vital_signs: r.vital_signs.filter((v) => v.selected).map((v) => ({ indicator: v.indicator, selection_frequency: v.selection_frequency })),
        verdicts: Object.fromEntries(r.vital_signs.reduce((m, v) => m.set(v.code, (m.get(v.code) ?? 0) + 1), new Map<string, number>())),
      }, null, 2) + "\n");
    } else printAnalysisSummary(written.results, written, io);
    return 0;
  },
};
