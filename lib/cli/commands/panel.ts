import * as path from "node:path";
import { parseArgs } from "node:util";
import { readPackage } from "../../data/package";
import { refuseContextStudied, withIndicatorContext } from "../../context/indicator-context";
import type { DataPackage } from "../../data/types";
import type { ClusterSeConvention } from "../../stats/panel";
import { DEFAULT_PANEL_SE, panelAnalysis, type PanelAnalysis, type PanelRole, type PanelSeResult } from "../../vitals/panel";
import { exclusionsJson } from "../../vitals/candidate-exclusions";
import { candidateRule } from "../../data/framework";
import { writeFilesAtomically } from "../../data/atomic-write";
import { reportHtml } from "../../report/document";
import { commandLine, reproducibilityStamp } from "../../report/reproducibility";
import { exclusionLine, panelSections, singletonYearsWords } from "../../report/panel-holdout-sections";
import { panelDirectionSentence, panelJointEmptySentence, panelNoneEstimableSentence, panelOutcomeName, panelUnclassedSentence } from "../../report/panel-words";
import type { CliCommand, CliIO } from "../command";
import { contextOption, enumOption, integerOption, listOption, packageDirArgument, usageError } from "../options";
import { maxOf } from "../../stats/extreme";

/** Options of {@link runPanel}, as the CLI parses them. */
export interface PanelArgs {
  /** Not a command-line option: the command line itself, for the report's colophon. */
  command?: string;
  dir: string;
  outcome: string;
  indicators?: string[];
  context?: string[];
  lag?: number;
  se?: ClusterSeConvention;
  out: string;
}

/** panel.json: the analysis plus where it came from. */
export interface PanelResults extends PanelAnalysis {
  command: "panel";
  dataset: { name: string; title: string; dir: string };
  /** Which indicators were fitted, in words (panel.json `candidate_rule`). */
  candidateRule: string;
}

const ROLE_WORDS: Record<PanelRole, string> = {
  "candidate-lever": "candidate lever",
  "marker-of-context": "between-LA marker",
  "no-clear-association": "-",
  "not-estimable": "not estimable",
};

/**
 * Fit the panel and write `out/panel.json`. Every input check happens before anything is written.
 * @example runPanel({ dir: "/tmp/england", outcome: "care_leavers_eet_19_21_pct", lag: 1, out: "out" }).resultsPath
 */
export function runPanel(a: PanelArgs, pkgIn?: DataPackage): { results: PanelResults; resultsPath: string; reportPath: string } {
  const pkg = withIndicatorContext(pkgIn ?? readPackage(a.dir), a.context ?? []);
  refuseContextStudied(a.context ?? [], [...(a.indicators ?? []), a.outcome]);
  const analysis = panelAnalysis(pkg, { outcome: a.outcome, indicators: a.indicators, context: a.context, lag: a.lag, se: a.se });
  const results: PanelResults = {
    command: "panel",
    dataset: { name: pkg.descriptor.name, title: pkg.descriptor.title, dir: a.dir },
    ...analysis,
    candidateRule: candidateRule(a.indicators),
  };
  // panel.json and report.html (the within/between table) are staged in full, then renamed together
  writeFilesAtomically(a.out, [
    { name: "panel.json", contents: JSON.stringify(panelJson(results), null, 2) + "\n" },
    { name: "report.html", contents: reportHtml({
      title: `Within and between LAs: ${pkg.descriptor.title}`,
      subtitle: `Outcome: ${panelOutcomeName(analysis.outcome)}; ${analysis.indicators.length} indicators`,
      sections: panelSections(analysis),
      stamp: reproducibilityStamp(pkg, { seed: null, command: a.command }),
    }) },
  ]);
  return { results, resultsPath: path.join(a.out, "panel.json"), reportPath: path.join(a.out, "report.html") };
}

/**
 * panel.json (schemas/panel.schema.json), every field mapped by name: the keys are snake_case whatever the
 * in-memory names are (NaN becomes null in JSON.stringify).
 * @example JSON.stringify(panelJson(runPanel(args).results), null, 2)
 */
export function panelJson(r: PanelResults) {
  const se = (x: PanelSeResult) => ({ se: x.se, p: x.p, df: x.df });
  return {
    command: r.command,
    dataset: { name: r.dataset.name, title: r.dataset.title, dir: r.dataset.dir },
    outcome: { id: r.outcome.id, label: r.outcome.label, source: r.outcome.source, polarity: r.outcome.polarity },
    lag: r.lag,
    se_convention: r.seConvention,
    se_label: r.seLabel,
    years: r.years,
    context: { used: r.context.used, absorbed: r.context.absorbed },
    rule: r.rule,
    alpha: r.alpha,
    candidate_rule: r.candidateRule,
    ...(r.exclusions
      ? exclusionsJson(r.exclusions)
      : {}),
    indicators: r.indicators.map((x) => ({
      indicator: x.indicator, label: x.label, within_coef: x.withinCoef, within_se: x.withinSe, within_p: x.withinP, within_q: x.withinQ,
      cr1: se(x.cr1), hc0: se(x.hc0), between_r: x.betweenR, between_p: x.betweenP, between_q: x.betweenQ, between_n_las: x.betweenLas,
      n_obs: x.nObs, n_las: x.nLas, n_years: x.nYears, singleton_las: x.singletonLas, singleton_years: x.singletonYears, missing_la_years: x.missingLaYears,
      reorganised_las: x.reorganisedLas, varying_las: x.varyingLas, role: x.role, notes: x.notes,
      ...(x.withinNotJudged ? { within_not_judged: { within_coef: x.withinNotJudged.withinCoef, cr1: se(x.withinNotJudged.cr1), hc0: se(x.withinNotJudged.hc0) } } : {}),
    })),
    ...(r.joint
      ? {
        joint: {
          terms: r.joint.terms.map((t) => ({
            name: t.name, within_coef: t.withinCoef, within_se: t.withinSe, within_p: t.withinP, cr1: se(t.cr1), hc0: se(t.hc0), between_r: t.betweenR,
          })),
          n_obs: r.joint.nObs, n_las: r.joint.nLas, n_years: r.joint.nYears, notes: r.joint.notes,
          ...(r.joint.emptiedBy
            ? { emptied_by: r.joint.emptiedBy.map((e) => ({ indicator: e.indicator, n_obs_alone: e.nObsAlone, n_obs_without: e.nObsWithout })) }
            : {}),
        },
      }
      : {}),
    n_las: r.nLas,
    las_with_repeated_outcome: r.lasWithRepeatedOutcome,
    reorganised_las: r.reorganisedLas,
  };
}

function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "NA";
  if (x !== 0 && Math.abs(x) < 10 ** -digits) return x.toExponential(1);
  return x.toFixed(digits);
}

/**
 * Print the panel as a table: candidate levers and between-LA markers first, then a count of the rest.
 * @example printPanelTable(runPanel(args).results, processIO);
 */
export function printPanelTable(r: PanelResults, io: CliIO, resultsPath?: string): void {
  io.out(`${r.dataset.title}: outcome ${r.outcome.id} (${panelOutcomeName(r.outcome)}; polarity ${r.outcome.polarity}), indicator in year t, outcome in t + ${r.lag}\n`);
  io.out(`${panelDirectionSentence(r.outcome)}\n`);
  io.out(`years t ${r.years[0]}–${r.years[r.years.length - 1]}; ${r.nLas} LAs with the outcome, ${r.reorganisedLas.length} of them reorganised within these years (separate units before and after)\n`);
  io.out(`two-way fixed effects (LA and year); SE: ${r.seLabel}\n`);
  io.out(`context controls: ${r.context.used.join(", ") || "none"}${r.context.absorbed.length ? `; absorbed by the LA effects (constant within LAs): ${r.context.absorbed.join(", ")}` : ""}\n`);
  io.out(`candidates: ${r.candidateRule}\n`);
  if (r.exclusions) io.out(`${exclusionLine(r.exclusions)}\n`);
  io.out(`rule: ${r.rule}\n\n`);
  const order: PanelRole[] = ["candidate-lever", "marker-of-context", "not-estimable", "no-clear-association"];
  const shown = r.indicators
    .filter((x) => x.role !== "no-clear-association")
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.withinP - b.withinP || a.indicator.localeCompare(b.indicator));
  // the LAs of each: the within estimate drops LAs with a single year, the between correlation keeps them
  const head = ["indicator", "within coef", "se", "p", "q", "between r", "q", "its LAs", "within LA-years", "LAs", "years", "role"];
  const rows = shown.map((x) => [
    x.indicator, fmt(x.withinCoef, 4), fmt(x.withinSe, 4), fmt(x.withinP), fmt(x.withinQ), fmt(x.betweenR), fmt(x.betweenQ), String(x.betweenLas),
    String(x.nObs), String(x.nLas), String(x.nYears), ROLE_WORDS[x.role],
  ]);
  const widths = head.map((h, j) => Math.max(h.length, maxOf(rows.map((row) => row[j].length))));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 || j === cells.length - 1 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd() + "\n";
  io.out(line(head));
  for (const row of rows) io.out(line(row));
  const rest = r.indicators.length - shown.length;
  // every indicator shown: no "0 more" line
  if (rest > 0) io.out(`${rest} more indicator(s) with no clear association${resultsPath ? ` (all in ${resultsPath})` : ""}\n`);
  printDroppedAndWhy(r, io);
  if (r.joint) {
    io.out(`\njoint model (${r.joint.nObs} LA-years, ${r.joint.nLas} LAs, ${r.joint.nYears} years):\n`);
    const empty = panelJointEmptySentence(r.joint);
    // an empty fit's rows are all NA: its reason and what empties it instead
    if (empty) io.out(`  ${empty}\n`);
    else for (const t of r.joint.terms) io.out(`  ${t.name.padEnd(36)} ${fmt(t.withinCoef, 4).padStart(10)}  se ${fmt(t.withinSe, 4)}  p ${fmt(t.withinP)}\n`);
  }
}

/**
 * What the within estimates dropped, over the estimable indicators — or over all when none is (the summary had read
 * "up to 0 LA(s) with a single year dropped" when 147 were) — then why none is estimable and the unclassed rows.
 */
function printDroppedAndWhy(r: PanelResults, io: CliIO): void {
  const singletonYearsText = (rows: readonly PanelResults["indicators"][number][]) => {
    const years = singletonYearsWords(rows);
    return years === "" ? "" : `; ${years} left with a single LA dropped too`;
  };
  const estimable = r.indicators.filter((x) => x.role !== "not-estimable");
  const most = (rows: readonly PanelResults["indicators"][number][], f: (x: PanelResults["indicators"][number]) => number) => rows.reduce((m, x) => Math.max(m, f(x)), 0);
  if (estimable.length > 0) {
    io.out(`per estimable indicator: up to ${most(estimable, (x) => x.singletonLas)} LA(s) with a single year dropped${singletonYearsText(estimable)}; up to ${most(estimable, (x) => x.missingLaYears)} LA-years missing inside the estimation panel (unbalanced)\n`);
  } else {
    io.out(`per indicator (none estimable): up to ${most(r.indicators, (x) => x.singletonLas)} LA(s) with a single year dropped from the within estimate\n`);
  }
  for (const sentence of [panelNoneEstimableSentence(r), panelUnclassedSentence(r)]) if (sentence) io.out(`${sentence}\n`);
}

/** parseArgs of panel's options (a value that looks like an option, `--lag -1`, is explained by main: lib/cli/main.ts). */
function parsePanelArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      outcome: { type: "string" }, indicators: { type: "string" }, context: { type: "string" }, lag: { type: "string" },
      se: { type: "string" }, out: { type: "string", short: "o" },
    },
  });
}

/** `vital-signs panel PKG --outcome ID …`. */
export const panelCommand: CliCommand = {
  name: "panel",
  summary: "Within-LA change: two-way fixed-effects panel of an outcome on each indicator, beside the between-LA association (panel.json, report.html)",
  usage: [
    "vital-signs panel PKG --outcome ID [--indicators a,b,…] [--context v1,v2] [--lag K] [--se cr1|hc0] [--out DIR]",
    "",
    "--outcome ID   an indicator id (continuous) or an outcome id of outcomes.csv (an Ofsted grade, used as a number)",
    "--indicators   candidate indicators (default: every indicator not tagged context, except the outcome); with two or more, also a joint model;",
    "               an indicator outcome's own measures (itself, the other child outcomes of its framework area) are left out, as in analyse",
    "--context      context variables as controls where they vary within LAs (those constant within LAs are absorbed and listed);",
    "               context.csv's or need and demand indicators (framework role context, e.g. cin_rate_per_10k)",
    "--lag K        indicator in year t, outcome in year t + K (default 0)",
    `--se           cr1 (fixest's default factor: (n−1)/(n−K)·G/(G−1), K = indicators + years, t on G−1 df; reghdfe's K is one less; default)`,
    "               or hc0 (plm vcovHC HC0, t on the residual df); both are in panel.json. Singletons (an LA with one year, a year",
    "               with one LA) are removed first, until none is left, as reghdfe does; fixest's feols keeps them, so its n and G",
    "               (and CR1 SE, in the third or fourth digit) can differ; the notes name what was removed",
    "--out DIR      output folder for panel.json (default out/)",
    "",
    "Roles: candidate lever = within-LA coefficient BH q < 0.05; between-LA marker = otherwise, between-LA r BH q < 0.05",
    "               (the r of LA means, with no control for context; panel.json role code marker-of-context).",
  ].join("\n"),
  async run(args, io) {
    const { positionals, values } = parsePanelArgs(args);
    if (positionals.length !== 1 || !values.outcome) return usageError(io, "panel", "PKG and --outcome ID are required", panelCommand.usage);
    const lag = integerOption("--lag", values.lag, { min: 0, why: "years between the indicators and the outcome" });
    const se = enumOption<ClusterSeConvention>("--se", values.se, ["cr1", "hc0"]);
    const a: PanelArgs = {
      dir: packageDirArgument(positionals[0], "PKG"),
      outcome: values.outcome,
      indicators: listOption("--indicators", values.indicators),
      context: contextOption(values.context),
      lag,
      se: se ?? DEFAULT_PANEL_SE,
      out: values.out ?? "out",
      command: commandLine("panel", args),
    };
    const written = runPanel(a);
    printPanelTable(written.results, io, written.resultsPath);
    io.out(`wrote ${written.resultsPath}\n      ${written.reportPath}\n`);
    return 0;
  },
};
