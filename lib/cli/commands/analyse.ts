import * as path from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../errors";
import { readPackage } from "../../data/package";
import type { CatalogueRow, DataPackage } from "../../data/types";
import { periodBeforeDate, type LinkRule } from "../../context/link";
import { refuseContextStudied, withIndicatorContext } from "../../context/indicator-context";
import { commandLine } from "../../report/reproducibility";
import { formatInterval, formatNumberAs, formatPValue } from "../../report/number-format";
import { errorBoundText, resamplingDesignText } from "../../report/selection-words";
import { analysePackage, type Analysis } from "../../vitals/analyse";
import { MIN_SLOT_LAS } from "../../vitals/resampling-design";
import { analysisSummaryLines, associationSentence, outcomeTerms, selectionCaveats, selectionFrequencyWords, allowedForLabels, contextLabelOf } from "../../report/analysis-summary";
import { writeAnalysis, type LaRestrictionJson, type WrittenAnalysis } from "../../report/analysis-report";
import { FIGURE_FORMATS, writeReportFigures, type FigureFormat } from "../../report/report-figures";
import type { Results } from "../../vitals/results";
import { CORRELATION_METHODS, type CorrelationMethod } from "../../vitals/screen";
import { resolveIndicatorPatterns } from "../../vitals/indicator-patterns";
import { columnValues } from "../../vitals/column-values";
import { indicatorOutcomeRule, yearsWithValues } from "../../vitals/outcome-measure";
import { SHRINK_TARGETS, type ShrinkTarget } from "../../vitals/outcome-noise";
import { outcomeNoiseSentence, shrinkSentence } from "../../report/outcome-measure-words";
import { laAccountingText } from "../../report/la-accounting-words";
import { printOutcomesScreen, runAnalyseOutcomes } from "./analyse-outcomes";
import type { ProgressCallback } from "../../progress";
import type { CliCommand, CliIO } from "../command";
import { UsageError, contextOption, enumOption, integerOption, listOption, outputDirOption, packageDirArgument, refuseRepeatedContext, usageError } from "../options";
import { printableText } from "../printable";
import { didYouMean } from "../../suggest";
import { withProgress } from "../progress-bar";
import { laListFromOption, laNamesOf, latestIndicatorPeriod, regionLas, resolveLaList, restrictPackage, type LaRestriction } from "../../data/restrict";

/** Largest seed: the PRNG (lib/stats/random.ts, sfc32) takes seeds in [0, 2³²); larger ones would be reduced modulo 2³². */
export const MAX_SEED = 2 ** 32 - 1;
/** Seed used when none is given (recorded in results.json either way). */
export const DEFAULT_ANALYSIS_SEED = 42;
/** Context variables adjusted for by default, when the package has them (deprivation first: Wilkins & Antonopoulou 2020). */
export const DEFAULT_CONTEXT = ["idaci_score"];

/**
 * Allowed --resamples: even, because they are complementary pairs (each random half of the LAs with its
 * complement); at most 20,000, because a selection frequency's Monte Carlo standard error is at most 0.5/√B
 * (0.35 percentage points at 20,000), so more resamples change nothing visible and only cost time.
 */
export const RESAMPLES_RANGE = [10, 20000] as const;
/** Allowed --offsets (slots: an LA's latest judgement and up to four earlier ones). */
export const OFFSETS_RANGE = [1, 5] as const;
/** Largest --lag: the official series span about 15 years; a longer lag pairs nothing. */
export const MAX_LAG = 20;

/** A whole-number option within [lo, hi] (and even when asked), or a usage error naming the option and the allowed values. */
function bounded(option: string, text: string | undefined, [lo, hi]: readonly [number, number], even: boolean, why?: string): number | undefined {
  const v = integerOption(option, text, { min: lo, max: hi, why });
  if (v !== undefined && even && v % 2 !== 0) throw new UsageError(option, `must be an even whole number from ${lo} to ${hi} (resamples are complementary pairs of half-samples of LAs)`, text);
  return v;
}

const LINK_KINDS = ["first-on-or-before", "latest-on-or-before", "published-within", "attached-period"] as const;

/** Options of {@link runAnalyse}, as the CLI parses them. */
export interface AnalyseArgs {
  dir: string;
  outcome: string;
  period?: number;
  context?: string[];
  /** Correlation of the raw and adjusted association (default spearman). */
  method?: CorrelationMethod;
  /** Indicator ids, globs (cla_*) or domain names; default every indicator. */
  indicators?: string[];
  seed?: number;
  resamples?: number;
  out: string;
  link?: (typeof LINK_KINDS)[number];
  date?: string;
  from?: string;
  to?: string;
  /** --offsets: slots (latest judgement and earlier ones, or indicator years) the resampling may draw. */
  offsets?: number;
  /** --lag K: with an indicator as outcome, the indicators of year t against the outcome of year t + K (default 0). */
  lag?: number;
  /** --shrink national|context: with an indicator as outcome, empirical-Bayes shrinkage of its LA values. */
  shrink?: ShrinkTarget;
  /** Not a command-line option: called after each bootstrap resample (the CLI draws a bar with it). */
  onProgress?: ProgressCallback;
  /** Not a command-line option: the command line itself, for the report's colophon. */
  command?: string;
  /** The LAs the package was restricted to (`--las`, `--region`), recorded in results.json as `las_restriction`. */
  restriction?: LaRestriction;
}

/**
 * The link rule from CLI options. Default: the latest judgement published on or before 31 March of the
 * year after the analysis period (`--period P`); without `--period`, on or before the latest publication
 * date of the outcome in the package (`latestJudgementDate`, so the recorded date is one the data has), or
 * failing that 31 March after the last period with data. `attached-period` without `--period`: the latest period the
 * package attaches a judgement of the outcome to, up to the last period with data (`latestAttachedPeriod`), failing
 * that the last period. Not the last period itself: a judgement is attached to the year ending March on or before its
 * publication, so the last period (a workforce census of September gives the year after) often has none, and the rule
 * linked no LA (`analyse --link attached-period` on the official folder: period 2026, no ILACS judgement).
 * @example linkRuleFromArgs({ dir: "d", out: "o", outcome: "ofsted_overall" }, 2023) // latest-on-or-before 2024-03-31
 * @example linkRuleFromArgs({ dir: "d", out: "o", outcome: "ofsted_overall" }, 2023, "2023-11-02") // latest-on-or-before 2023-11-02
 * @example linkRuleFromArgs({ dir: "d", out: "o", outcome: "ofsted_overall", link: "attached-period" }, 2026, "2025-05-14", 2025) // attached-period 2025
 */
export function linkRuleFromArgs(a: AnalyseArgs, lastPeriod: number, latestJudgementDate?: string, latestAttachedPeriod?: number): LinkRule {
  const kind = a.link ?? "latest-on-or-before";
  const year = (a.period ?? lastPeriod) + 1;
  const defaultDate = a.period === undefined && latestJudgementDate ? latestJudgementDate : `${year}-03-31`;
  switch (kind) {
    case "first-on-or-before":
    case "latest-on-or-before":
      return { kind, outcome: a.outcome, date: a.date ?? defaultDate };
    case "published-within":
      if (!a.from || !a.to) throw new UsageError("--link", "published-within needs --from and --to");
      return { kind, outcome: a.outcome, from: a.from, to: a.to };
    case "attached-period":
      return { kind, outcome: a.outcome, period: a.period ?? latestAttachedPeriod ?? lastPeriod };
    default:
      throw new UsageError("--link", `must be one of ${LINK_KINDS.join(", ")}`, kind);
  }
}

/** The distinct values of a numeric column, ascending. */
function distinctSorted(values: ArrayLike<number>): number[] {
  const seen = new Set<number>();
  for (let r = 0; r < values.length; r++) seen.add(values[r]);
  return [...seen].sort((x, y) => x - y);
}

/** The latest publication date of an outcome's judgements in the package (undefined when none is dated). */
function latestDate(pkg: DataPackage, outcome: string): string | undefined {
  const oc = pkg.outcomes.array("outcome") as string[];
  const dates = pkg.outcomes.array("date") as (string | null)[];
  const values = pkg.outcomes.array("value") as (number | null)[];
  let latest: string | undefined;
  for (let r = 0; r < oc.length; r++) {
    const d = dates[r];
    if (oc[r] === outcome && values[r] !== null && d && (latest === undefined || d > latest)) latest = d;
  }
  return latest;
}

/**
 * The latest period, up to `lastPeriod`, that the package attaches a judgement of an outcome to (outcomes.csv
 * `period`, or when blank the year ending March on or before its date, as the link rule reads it); undefined when none.
 */
function latestAttachedPeriod(pkg: DataPackage, outcome: string, lastPeriod: number): number | undefined {
  const oc = pkg.outcomes.array("outcome") as string[];
  const values = pkg.outcomes.array("value") as (number | null)[];
  const periods = pkg.outcomes.array("period") as (number | null)[];
  const dates = pkg.outcomes.array("date") as (string | null)[];
  let latest: number | undefined;
  for (let r = 0; r < oc.length; r++) {
    if (oc[r] !== outcome || values[r] === null) continue;
    const period = periods[r] ?? periodBeforeDate(dates[r] ?? "");
    if (period <= lastPeriod && (latest === undefined || period > latest)) latest = period;
  }
  return latest;
}

/**
 * Run the analysis and write results.json and report.html into `out` as one atomic group, both carrying the
 * same run id (`run_id`; `<meta name="vital-signs-run-id">`); returns what was written.
 * @example runAnalyse({ dir: "datasets/pilot-synthetic", outcome: "ofsted_overall", out: "out" }).results.vital_signs
 */
export function runAnalyse(a: AnalyseArgs, pkgIn?: DataPackage): WrittenAnalysis & { analysis: Analysis } {
  // need and demand indicators named by --context become context variables (lib/context/indicator-context.ts)
  const pkg = withIndicatorContext(pkgIn ?? readPackage(a.dir), a.context ?? []);
  const periods = distinctSorted(columnValues<number>(pkg.indicators, "period"));
  const available = new Set(pkg.context.array("variable") as string[]);
  const context = a.context ?? DEFAULT_CONTEXT.filter((v) => available.has(v));
  // every name is a context variable now (withIndicatorContext refuses any other, saying which there are)
  refuseRepeatedContext(context);
  if (a.method !== undefined && !(CORRELATION_METHODS as readonly string[]).includes(a.method)) {
    throw new InputError("--method", `must be one of ${CORRELATION_METHODS.join(", ")}`, a.method);
  }
  const candidates = (pkg.catalogue.objects() as unknown as CatalogueRow[]).filter((c) => c.domain !== "context");
  const indicators = a.indicators === undefined ? undefined : resolveIndicatorPatterns(candidates, a.indicators, "--indicators");
  refuseContextStudied(context, [...(indicators ?? []), a.outcome]);
  const outcomes = new Set(pkg.outcomes.array("outcome") as string[]);
  const asIndicator = !outcomes.has(a.outcome) && candidates.some((c) => c.indicator === a.outcome);
  if (!outcomes.has(a.outcome) && !asIndicator) throw new UsageError("--outcome", `not in outcomes.csv nor an indicator of the package${didYouMean(a.outcome, [...outcomes, ...candidates.map((c) => c.indicator)]).replace(/^ \((.*)\)$/, ": $1")} (have: ${[...outcomes].sort().join(", ") || "none"}, or any of the ${candidates.length} indicators not tagged context)`, a.outcome);
  if (!asIndicator && a.lag !== undefined) throw new UsageError("--lag", "applies to an indicator as outcome (an Ofsted grade is linked by --link)", a.lag);
  if (!asIndicator && a.shrink !== undefined) throw new UsageError("--shrink", "applies to an indicator as outcome (a grade has no sampling variance)", a.shrink);
  if (a.shrink === "context" && context.length === 0) throw new UsageError("--shrink", "context needs at least one --context variable (or use --shrink national)", a.shrink);
  const analysis = analysePackage(pkg, {
    link: asIndicator ? indicatorOutcomeRule(pkg, a.outcome, { lag: a.lag, period: a.period }) : linkRuleFromArgs(a, periods[periods.length - 1], latestDate(pkg, a.outcome), latestAttachedPeriod(pkg, a.outcome, periods[periods.length - 1])),
    context,
    method: a.method,
    indicators,
    period: a.period,
    seed: a.seed ?? DEFAULT_ANALYSIS_SEED,
    resamples: a.resamples,
    offsets: a.offsets,
    ...(a.shrink ? { shrink: a.shrink } : {}),
    onProgress: a.onProgress,
  });
  // --offsets asked for slots explicitly: one with no LA at all is an error, not a silent no-op
  if (a.offsets !== undefined) {
    const empty = analysis.selection.design.slots.find((s) => s.las === 0);
    if (empty) {
      const sizes = analysis.selection.design.slots.map((s) => s.las).join(" / ");
      throw new InputError("--offsets", `slot "${empty.label}" has no LA with an outcome (LAs per slot: ${sizes}); use a smaller --offsets`, a.offsets);
    }
  }
  // a selection in which no resample could test any indicator has no frequencies to judge by: refused, not written
  const design = analysis.selection.design;
  if (design.usable === 0) {
    throw new InputError(
      "analyse",
      `no resample was usable (0 of ${design.resamples}): in none of them could any indicator be tested on the ${design.resampleSizes.join(" or ")} LAs drawn ` +
        `(a partial correlation given ${context.length} context variable${context.length === 1 ? "" : "s"} needs ${context.length + 3} LAs with the indicator); analyse more LAs or fewer context variables`,
      design.units,
    );
  }
  return { analysis, ...writeAnalysis(analysis, pkg, a.out, { command: a.command, restriction: a.restriction }) };
}

/** Most LAs the summary lists per reason they were left out (results.json la_accounting lists them all). */
const STDOUT_LAS_LISTED = 10;

/**
 * Print a short summary of an analysis.
 * @example printAnalysisSummary(written.results, written, processIO);
 */
export function printAnalysisSummary(r: Results, written: { resultsPath: string; reportPath: string; exportPaths?: string[] }, io: CliIO): void {
  const selected = r.vital_signs.filter((v) => v.selected);
  const outcomeName = outcomeTerms(r).name;
  io.out(`${printableText(r.dataset.title)}: outcome ${outcomeName} (${r.outcome.id}), ${r.outcome.n_linked} LAs linked (${r.link_rule.description.split(r.outcome.id).join(outcomeName)})\n`);
  io.out(`context: ${r.context.variables.map((v, i) => `${allowedForLabels(r)[i]}${allowedForLabels(r)[i] === v ? "" : ` (${v})`}`).join(", ") || "none"}; ${r.associations.length} indicators screened (${r.candidate_rule}); ${r.resamples} resamples, seed ${r.seed}\n`);
  io.out(`LAs: ${laAccountingText(r.la_accounting, contextLabelOf(r), STDOUT_LAS_LISTED, r)}\n`);
  io.out(`design: ${resamplingDesignText(r.design, outcomeTerms(r).unit)}\n`);
  const restriction = (r as { las_restriction?: LaRestrictionJson }).las_restriction;
  if (restriction) io.out(`restricted to ${restriction.n_las} of ${restriction.n_las_package} LAs (${restriction.rule}): n is at most ${restriction.n_las}\n`);
  const judged = r.link_rule.judgements_published;
  io.out(`values used: indicators of ${r.values_used.indicator_periods.map((p) => `${p.period} (${p.las} LAs)`).join(", ") || "none"}` +
    `${judged ? `; judgements published ${judged.first} to ${judged.last}` : ""}` +
    `${r.context.variables.map((v) => `; ${v} of ${r.context.periods_used[v].join(", ")}`).join("")}\n`);
  const coef = r.correlation.method === "spearman" ? "ρ" : "r";
  io.out(`correlation: ${r.correlation.method}; raw and partial ${coef} on the same LAs (indicator, outcome and every context variable present)\n`);
  for (const c of r.context_associations) {
    const others = r.context.variables.filter((v) => v !== c.indicator);
    const partial = c.partial_r === null ? "" : `; partial ${coef} | ${others.join(", ")} = ${formatNumberAs(c.partial_r, "fixed", 2)} ${formatInterval(c.partial_r_lower, c.partial_r_upper)}, p ${c.partial_p === null ? "–" : formatPValue(c.partial_p)}`;
    io.out(`context baseline: ${c.indicator} raw ${coef} = ${c.raw_r === null ? "–" : formatNumberAs(c.raw_r, "fixed", 2)} ${formatInterval(c.raw_r_lower, c.raw_r_upper)}, p ${c.raw_p === null ? "–" : formatPValue(c.raw_p)}${partial}, ${c.n_complete} LAs\n`);
  }
  io.out(`vital signs (${selected.length}):\n`);
  const assoc = new Map(r.associations.map((a) => [a.indicator, a] as const));
  const fixed = (v: number | null) => (v === null ? "–" : formatNumberAs(v, "fixed", 2));
  const terms = outcomeTerms(r);
  for (const v of selected) {
    const a = assoc.get(v.indicator);
    const stats = a ? `  raw ${coef} ${fixed(a.raw_r)} ${formatInterval(a.raw_r_lower, a.raw_r_upper)}, partial ${coef} ${fixed(a.partial_r)} ${formatInterval(a.partial_r_lower, a.partial_r_upper)} (BH q ${a.q_bh === null ? "–" : formatPValue(a.q_bh)}), ${a.n_complete} LAs` : "";
    io.out(`  ${a?.label ?? v.indicator} (${v.indicator}): ${selectionFrequencyWords(v.selection_frequency, r.resamples)}\n  ${stats}\n`);
    if (a) io.out(`    ${associationSentence(a, terms.name, allowedForLabels(r), terms.unit)}\n`);
  }
  io.out(`${analysisSummaryLines(r).map((l) => `${l}\n`).join("")}`);
  const measure = r.outcome_measure;
  if (measure) io.out(`outcome noise: ${outcomeNoiseSentence(measure).replace(/\*\*/g, "")}\n`);
  if (measure?.shrink) io.out(`shrinkage (--shrink ${measure.shrink.target}): ${shrinkSentence(measure)}\n`);
  io.out(`error bound: ${errorBoundText(r.error_bound)}\n`);
  io.out(`wrote ${written.resultsPath}\n      ${written.reportPath}\n${(written.exportPaths ?? []).map((p) => `      ${p}\n`).join("")}`);
}

/** Whether runAnalyse takes the outcome as an indicator of the package (not an outcome of outcomes.csv). */
function outcomeIsIndicator(pkg: DataPackage, outcome: string): boolean {
  if ((pkg.outcomes.array("outcome") as string[]).includes(outcome)) return false;
  return (pkg.catalogue.objects() as unknown as CatalogueRow[]).some((c) => c.indicator === outcome && c.domain !== "context");
}

/**
 * The analysis period runAnalyse screens in, whose LAs are the analysis frame's rows (lib/vitals/frame.ts): for an
 * indicator as outcome the indicator year of its link rule (`--period`, else the latest year that pairs), else
 * `--period` or the latest period with an indicator value. Worked out on the whole package, before `--las` keeps
 * some LAs, so that a name in the list is resolved in the period the analysis runs in.
 * @throws InputError as runAnalyse would for an indicator outcome that no year pairs with (naming --outcome or --lag)
 */
function analysisPeriod(pkg: DataPackage, a: AnalyseArgs): number | undefined {
  // with --period the frame's period is --period for either kind of outcome (an indicator outcome's other years are
  // refused by runAnalyse, after the --las errors as before)
  if (a.period !== undefined) return a.period;
  if (outcomeIsIndicator(pkg, a.outcome)) {
    const rule = indicatorOutcomeRule(pkg, a.outcome, { lag: a.lag });
    if (rule.kind === "indicator-year") return rule.period - rule.lag;
  }
  return latestIndicatorPeriod(pkg);
}

/**
 * `--las` / `--region`: the package restricted to some LAs (names resolved within the analysis period, see
 * {@link analysisPeriod}), and the restriction as results.json records it (the smaller n is stated in stdout and
 * results.json); both undefined when neither option is given.
 */
function restrictionFromOptions(a: AnalyseArgs, lasOption: string | undefined, region: string | undefined): { restriction?: LaRestriction; pkg?: DataPackage } {
  if (lasOption === undefined && region === undefined) return {};
  const full = readPackage(a.dir);
  const fromLas = lasOption === undefined ? undefined : laListFromOption(lasOption, laNamesOf(full));
  const las = fromLas ? resolveLaList(full, fromLas.items, fromLas.origin, analysisPeriod(full, a)) : (full.areas.array("la_code") as string[]);
  const inRegion = region === undefined ? undefined : new Set(regionLas(full, region));
  const kept = inRegion ? las.filter((c) => inRegion.has(c)) : las;
  if (kept.length === 0) throw new InputError("--las/--region", "no LA is in both the list and the region");
  const restricted = restrictPackage(full, kept);
  // an indicator outcome the package has but none of the kept LAs has would be reported by runAnalyse as
  // "--outcome: has no values in the package", blaming the outcome for the list
  if (outcomeIsIndicator(full, a.outcome) && yearsWithValues(restricted, a.outcome).length === 0 && yearsWithValues(full, a.outcome).length > 0) {
    throw new InputError(lasOption !== undefined ? "--las" : "--region", `the outcome ${a.outcome} has values for other LAs of the package but none for ${kept.length === 1 ? "the LA" : `the ${kept.length} LAs`} kept`, lasOption ?? region);
  }
  const rule = [lasOption !== undefined ? `--las ${lasOption}` : "", region ? `--region ${region}` : ""].filter(Boolean).join(" ");
  return { restriction: { rule, nLas: kept.length, nLasPackage: full.areas.numRows(), las: kept }, pkg: restricted };
}

/**
 * The `--json` summary of an analysis: where it was written, the LAs analysed and left out, the indicators screened and
 * those the resamples could not select, what --shrink did, the selected vital signs with the caveats on reading them
 * (too noisy an outcome, an error bound as large as the number selected) and the count of each verdict.
 */
function jsonSummary(written: WrittenAnalysis) {
  const r = written.results;
  return {
    results: written.resultsPath, report: written.reportPath, outcome: r.outcome.id, n_linked: r.outcome.n_linked,
    la_accounting: { ...r.la_accounting, text: laAccountingText(r.la_accounting, contextLabelOf(r), Infinity, r) },
    las_restriction: r.las_restriction ?? null, seed: r.seed, resamples: r.resamples,
    indicators: { screened: r.error_bound.screened, selectable: r.error_bound.p, not_selectable: r.error_bound.not_selectable },
    ...(r.outcome_measure?.shrink ? { shrink: { ...r.outcome_measure.shrink, text: shrinkSentence(r.outcome_measure) } } : {}),
    vital_signs: r.vital_signs.filter((v) => v.selected).map((v) => ({ indicator: v.indicator, selection_frequency: v.selection_frequency })),
    // the report's and the terminal's "read with care" lines: a script reading only this must not miss them
    read_with_care: selectionCaveats(r),
    verdicts: Object.fromEntries(r.vital_signs.reduce((m, v) => m.set(v.code, (m.get(v.code) ?? 0) + 1), new Map<string, number>())),
  };
}

/** `vital-signs analyse DIR --outcome ID …`. */
export const analyseCommand: CliCommand = {
  name: "analyse",
  summary: "Screen indicators against an outcome, adjust for context, select the vital signs (results.json, report.html)",
  usage: [
    "vital-signs analyse DIR --outcome ID [--period P] [--context v1,v2] [--seed N] [--resamples N] [--offsets N] [--out OUTDIR]",
    "                        [--method pearson|spearman] [--indicators id,glob*,domain]",
    "                        [--link first-on-or-before|latest-on-or-before|published-within|attached-period]",
    "                        [--date YYYY-MM-DD] [--from YYYY-MM-DD --to YYYY-MM-DD]",
    "",
    "--period P   analysis period (year ending March); every LA's indicators are from P. Without it, each LA's",
    "             indicators are from the period its judgement is attached to.",
    `--context    context variables to adjust for (default ${DEFAULT_CONTEXT.join(",")} when present; "none" for no adjustment): context.csv's`,
    "             (deprivation, population) and need or demand indicators (framework role context, e.g. cin_rate_per_10k)",
    "--method     correlation of the raw and the adjusted (partial) association, each with a 95% interval, in the screen",
    "             and the bootstrap (default spearman); both use the LAs with the indicator, outcome and every context variable",
    "--indicators only these indicators: ids, globs such as cla_* or domain names (comma-separated; default: every indicator not tagged context)",
    `--seed N     resampling seed (default ${DEFAULT_ANALYSIS_SEED})`,
    `--resamples N  even number of resamples (complementary pairs of half-samples of LAs), ${RESAMPLES_RANGE[0]}–${RESAMPLES_RANGE[1]} (default 1000)`,
    `--offsets N  slots each LA may bring one of: its latest judgement and N−1 earlier ones (with --period: indicator years),`,
    `             ${OFFSETS_RANGE[0]}–${OFFSETS_RANGE[1]} (default 3; earlier slots with fewer than ${MIN_SLOT_LAS} LAs are left out and reported;`,
    "             the analysed one is always used: it is the analysis). Fewer LAs than 2 × (context variables + 3) are refused",
    "--link       the rule attaching a judgement to each LA (default latest-on-or-before 31 March after --period P, or",
    "             without --period the latest judgement date in the package; attached-period: --period P, or without it",
    "             the latest period the package attaches a judgement to); e.g. --period 2019 --link first-on-or-before",
    "             --date 2020-03-31: each LA's first judgement if published by then, against the indicators of 2019",
    "--out        output folder (default out/); --json prints a JSON summary instead of text",
    "--las FILE|LIST  screen within these LAs only: ONS codes, DfE numbers or names, matched as `add` matches them",
    "             (St Helens, Hull, BCP); a file with one per line or comma-separated (# starts a comment), or a comma-",
    "             separated list. A name with a comma (Bournemouth, Christchurch and Poole) is read whole, or quote it:",
    "             --las '\"Bournemouth, Christchurch and Poole\",Poole'. Names are those of the analysis period (--period,",
    "             else the latest): Dorset is that period's Dorset; an LA named that did not exist then is refused,",
    "             naming the LAs that replaced it. --region NAME  within one region (e.g. \"South West\")",
    "--figures svg|png  also write each report figure as an image into OUTDIR/figures/ (headless Chromium)",
    "--outcome ID of an indicator (e.g. cla_ks4_attainment8): a continuous outcome, its value per LA in the outcome year;",
    "             --lag K  indicators of year t against the outcome of year t + K (default 0); --period P = the indicator year",
    "             (default: the latest year that pairs). The outcome and its own measures are left out of the candidates.",
    "             The outcome's noise (year-to-year r, signal-to-noise from its denominators) is reported with a verdict;",
    "             --shrink national|context  replace LA values by empirical-Bayes estimates shrunk toward that mean.",
    "--outcomes child|id,id  instead of --outcome: screen the candidates (default: practice and enabler indicators) against",
    "             several outcomes (child = every child-outcome indicator but counts); results.json and report.html with the heatmap.",
  ].join("\n"),
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        outcome: { type: "string" }, period: { type: "string" }, context: { type: "string" }, seed: { type: "string" },
        resamples: { type: "string" }, out: { type: "string", short: "o" }, link: { type: "string" }, date: { type: "string" },
        from: { type: "string" }, to: { type: "string" }, method: { type: "string" }, indicators: { type: "string" },
        offsets: { type: "string" },
        las: { type: "string" }, region: { type: "string" }, json: { type: "boolean" },
        figures: { type: "string" },
        lag: { type: "string" },
        shrink: { type: "string" },
        outcomes: { type: "string" },
      },
    });
    if (values.outcomes !== undefined) {
      // several outcomes at once: the screen and the heatmap (lib/cli/commands/analyse-outcomes.ts)
      if (positionals.length !== 1 || values.outcome) return usageError(io, "analyse", "--outcomes needs DIR and no --outcome", analyseCommand.usage);
      printOutcomesScreen(runAnalyseOutcomes({
        dir: packageDirArgument(positionals[0]), outcomes: values.outcomes, lag: integerOption("--lag", values.lag, { min: 0, max: MAX_LAG }),
        context: contextOption(values.context), method: values.method, indicators: listOption("--indicators", values.indicators),
        out: outputDirOption("--out", values.out ?? "out"), command: commandLine("analyse", args),
      }, undefined, DEFAULT_CONTEXT), io);
      return 0;
    }
    if (positionals.length !== 1 || !values.outcome) {
      const hint = positionals.length === 1 ? ` (\`vital-signs list ${positionals[0]}\` shows the package's outcomes and indicators)` : "";
      return usageError(io, "analyse", `DIR and --outcome ID are required${hint}`, analyseCommand.usage);
    }
    const figures = enumOption<FigureFormat>("--figures", values.figures, FIGURE_FORMATS);
    const a: AnalyseArgs = {
      dir: packageDirArgument(positionals[0]),
      outcome: values.outcome,
      period: integerOption("--period", values.period, { min: 1990, max: 2100 }),
      context: contextOption(values.context),
      method: enumOption("--method", values.method, CORRELATION_METHODS),
      indicators: listOption("--indicators", values.indicators),
      seed: integerOption("--seed", values.seed, { min: 0, max: MAX_SEED, why: "the random generator takes 32-bit seeds" }),
      resamples: bounded("--resamples", values.resamples, RESAMPLES_RANGE, true, "complementary pairs; beyond 20,000 the Monte Carlo error of a selection frequency, at most 0.5/√B, is below 0.4 percentage points and more resamples only cost time"),
      offsets: bounded("--offsets", values.offsets, OFFSETS_RANGE, false),
      lag: integerOption("--lag", values.lag, { min: 0, max: MAX_LAG, why: "years between the indicators and the outcome" }),
      shrink: enumOption("--shrink", values.shrink, SHRINK_TARGETS),
      out: outputDirOption("--out", values.out ?? "out"),
      link: enumOption("--link", values.link, LINK_KINDS),
      date: values.date,
      from: values.from,
      to: values.to,
    };
    const { restriction, pkg } = restrictionFromOptions(a, values.las, values.region);
    a.restriction = restriction;
    const written = await withProgress(io, "bootstrap", (onProgress) => runAnalyse({ ...a, onProgress, command: commandLine("analyse", args) }, pkg));
    if (values.json) io.out(JSON.stringify(jsonSummary(written), null, 2) + "\n");
    else printAnalysisSummary(written.results, written, io);
    if (figures !== undefined) {
      const images = await writeReportFigures(written.reportSpec, path.join(a.out, "figures"), figures);
      io.out(`figures (${figures}):\n${images.map((f) => `      ${f}\n`).join("")}`);
    }
    return 0;
  },
};
