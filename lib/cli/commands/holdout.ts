import * as path from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../errors";
import { readPackage } from "../../data/package";
import { refuseContextStudied, withIndicatorContext } from "../../context/indicator-context";
import type { CatalogueRow, DataPackage } from "../../data/types";
import { distinguishingDecimals, holdout, HOLDOUT_MIN_PAIRS, HOLDOUT_RESAMPLES, HOLDOUT_SEED, type HoldoutOrigin, type HoldoutResult } from "../../vitals/holdout";
import { holdoutGrades, type GradeHoldoutOrigin, type GradeHoldoutResult } from "../../vitals/holdout-grades";
import { exclusionsJson } from "../../vitals/candidate-exclusions";
import { nearDuplicatesLine, skippedForAvailabilityLine } from "../../report/panel-holdout-sections";
import { candidateRule } from "../../data/framework";
import { writeFilesAtomically } from "../../data/atomic-write";
import { reportHtml } from "../../report/document";
import { commandLine, reproducibilityStamp } from "../../report/reproducibility";
import { exclusionLine, holdoutSections, trainingLeftOutWords, type HoldoutNames } from "../../report/panel-holdout-sections";
import { outcomeLabel } from "../../report/plain-labels";
import { contextNames } from "../../report/analysis-summary";
import type { CliCommand, CliIO } from "../command";
import { contextOption, integerOption, listOption, packageDirArgument, usageError } from "../options";

/** Options of {@link runHoldout}, as the CLI parses them. */
export interface HoldoutArgs {
  /** Not a command-line option: the command line itself, for the report's colophon. */
  command?: string;
  dir: string;
  outcome: string;
  trainUntil: number[];
  indicators?: string[];
  context?: string[];
  seed?: number;
  resamples?: number;
  out: string;
}

/**
 * Run the hold-out and write `out/holdout.json`; every input check happens before anything is written.
 * @example runHoldout({ dir: "/tmp/england", outcome: "care_leavers_eet_19_21_pct", trainUntil: [2021], out: "out" }).resultsPath
 */
export function runHoldout(a: HoldoutArgs, pkgIn?: DataPackage): { results: (HoldoutResult | GradeHoldoutResult) & { command: "holdout"; dataset: { name: string; dir: string }; candidateRule: string }; resultsPath: string; reportPath: string } {
  // holdout compares against a context-only model, so it has no "none" to offer
  const pkg = withIndicatorContext(pkgIn ?? readPackage(a.dir), a.context ?? [], "--context", false);
  refuseContextStudied(a.context ?? [], [...(a.indicators ?? []), a.outcome]);
  const spec = { outcome: a.outcome, trainUntil: a.trainUntil, indicators: a.indicators, context: a.context, seed: a.seed, resamples: a.resamples };
  const grade = (pkg.outcomes.array("outcome") as string[]).includes(a.outcome) && !(pkg.catalogue.array("indicator") as string[]).includes(a.outcome);
  const r = grade ? holdoutGrades(pkg, spec) : holdout(pkg, spec);
  const results = { command: "holdout" as const, dataset: { name: pkg.descriptor.name, dir: a.dir }, candidateRule: candidateRule(a.indicators), ...r };
  const names = holdoutNames(pkg, r.outcome, r.context, grade);
  // holdout.json and report.html (the hold-out tables and verdicts) are staged in full, then renamed together
  writeFilesAtomically(a.out, [
    { name: "holdout.json", contents: JSON.stringify(holdoutJson(results), null, 2) + "\n" },
    { name: "report.html", contents: reportHtml({
      title: `Do vital signs predict? ${pkg.descriptor.title}`,
      subtitle: `Outcome: ${names.outcome}; trained until ${r.origins.map((o) => o.trainUntil).join(", ")}`,
      sections: holdoutSections(r, names),
      stamp: reproducibilityStamp(pkg, { seed: r.seed, command: a.command }),
    }) },
  ]);
  return { results, resultsPath: path.join(a.out, "holdout.json"), reportPath: path.join(a.out, "report.html") };
}

/**
 * The report's names of the outcome and context: a grade's plain name, an indicator's catalogue label, a context
 * variable's plain name (the report had titled itself "Outcome: care_leavers_eet_19_21_pct": user trials, rounds 26–27).
 */
function holdoutNames(pkg: DataPackage, outcome: string, context: readonly string[], grade: boolean): HoldoutNames {
  const catalogue = pkg.catalogue.objects() as unknown as CatalogueRow[];
  return {
    outcome: grade ? outcomeLabel(outcome) : (catalogue.find((c) => c.indicator === outcome)?.label ?? outcome),
    context: contextNames(context, catalogue),
  };
}

/**
 * holdout.json, every field mapped by name: the keys are snake_case whatever the in-memory names are (NaN
 * becomes null in JSON.stringify). Continuous outcomes and Ofsted grades (`kind: "ordinal"`) differ in their scores.
 * @example JSON.stringify(holdoutJson(runHoldout(args).results), null, 2)
 */
export function holdoutJson(results: (HoldoutResult | GradeHoldoutResult) & { command: "holdout"; dataset: { name: string; dir: string }; candidateRule: string }) {
  const head = { command: results.command, dataset: { name: results.dataset.name, dir: results.dataset.dir }, outcome: results.outcome, candidate_rule: results.candidateRule };
  const chosen = (v: HoldoutOrigin["vitalSigns"]) => v.map((x) => ({ indicator: x.indicator, partial_r: x.partialR, q: x.q, n: x.n }));
  const duplicates = (v: HoldoutOrigin["nearDuplicates"]) => v.map((x) => ({ indicator: x.indicator, of: x.of, partial_r: x.r }));
  const tail = { method: results.method, seed: results.seed, resamples: results.resamples };
  if ("kind" in results) {
    return {
      ...head, kind: results.kind, context: results.context, ...tail,
      origins: results.origins.map((o) => ({
        train_until: o.trainUntil, n_train: o.nTrain, n_train_vital_signs: o.nTrainVitalSigns,
        train_left_out: o.trainLeftOut.map((l) => ({ la_code: l.laCode, years: l.years, missing_context: l.missingContext })),
        context_after_train_until: lateJson(o.contextAfterTrainUntil),
        n_test: o.nTest, n_test_with_judgement: o.nTestWithJudgement,
        selected_by_availability: o.selectedByAvailability, vital_signs: chosen(o.vitalSigns), near_duplicates: duplicates(o.nearDuplicates),
        scores: o.scores.map((s) => ({ model: s.model, ...gradeScoreJson(s) })),
        gain_over_context: gradeScoreJson(o.gainOverContext), verdict: o.verdict, verdict_text: o.verdictText,
        candidates: o.candidates.nCandidates, candidates_screened: o.candidates.nScreened,
      })),
    };
  }
  return {
    ...head, context: results.context,
    ...exclusionsJson(results.exclusions),
    ...tail,
    origins: results.origins.map((o) => ({
      train_until: o.trainUntil, test_years: o.testYears, vital_signs: chosen(o.vitalSigns), near_duplicates: duplicates(o.nearDuplicates),
      skipped_for_availability: o.skippedForAvailability.map((x) => ({ indicator: x.indicator, training_pairs: x.pairs, las_at_train_until: x.atOrigin })),
      scores: o.scores.map((s) => ({ model: s.model, ...continuousScoreJson(s) })),
      gain_over_context: continuousScoreJson(o.gainOverContext), verdict: o.verdict, verdict_text: o.verdictText,
      candidates: o.candidates.nCandidates, candidates_screened: o.candidates.nScreened,
      n_test: o.nTest, n_las: o.nLas, n_test_with_outcome: o.nTestWithOutcome, n_las_with_outcome: o.nLasWithOutcome,
      selected_by_availability: o.selectedByAvailability, n_train: o.nTrain, n_train_vital_signs: o.nTrainVitalSigns,
      train_left_out: o.trainLeftOut.map((l) => ({ la_code: l.laCode, years: l.years, missing_context: l.missingContext })),
      context_after_train_until: lateJson(o.contextAfterTrainUntil),
    })),
  };
}

/** Context variables read from after train-until (having no value up to it), as holdout.json names them. */
function lateJson(late: HoldoutOrigin["contextAfterTrainUntil"]) {
  return late.map((l) => ({ variable: l.variable, period: l.period }));
}

/** Log-loss, Brier and concordance with their 95% intervals, as holdout.json names them. */
function gradeScoreJson(s: GradeHoldoutOrigin["gainOverContext"]) {
  return {
    log_loss: s.logLoss, log_loss_lower: s.logLossLower, log_loss_upper: s.logLossUpper,
    brier: s.brier, brier_lower: s.brierLower, brier_upper: s.brierUpper,
    concordance: s.concordance, concordance_lower: s.concordanceLower, concordance_upper: s.concordanceUpper,
  };
}

/** Out-of-sample R² and RMSE with their 95% intervals, as holdout.json names them. */
function continuousScoreJson(s: HoldoutOrigin["gainOverContext"]) {
  return { r2: s.r2, r2_lower: s.r2Lower, r2_upper: s.r2Upper, rmse: s.rmse, rmse_lower: s.rmseLower, rmse_upper: s.rmseUpper };
}

const f3 = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : "NA");

/**
 * Print each origin's table of out-of-sample R² and RMSE with intervals, and the verdict.
 * @example printHoldout(runHoldout(args).results, processIO);
 */
export function printHoldout(r: (HoldoutResult | GradeHoldoutResult) & { candidateRule: string }, io: CliIO): void {
  if ("kind" in r) return printGradeHoldout(r, io);
  io.out(`outcome ${r.outcome}; context ${r.context.join(", ")}; ${r.resamples} resamples of LAs, seed ${r.seed}\ncandidates: ${r.candidateRule}\n${exclusionLine(r.exclusions)}\n${r.method}\n`);
  for (const o of r.origins) {
    io.out(`\ntrain until ${o.trainUntil} (${o.nTrain} training pairs fitted, ${o.nTrainVitalSigns} for the vital-signs model); test years ${o.testYears.join(", ")}: ${o.nTest} LA-years, ${o.nLas} LAs\n`);
    if (o.trainLeftOut.length > 0) io.out(`${trainingLeftOutWords(o.trainLeftOut, o.trainUntil, "LA-years", o.contextAfterTrainUntil)}\n`);
    io.out(`vital signs chosen on training data: ${o.vitalSigns.map((v) => v.indicator).join(", ") || "none"}\n${nearDuplicatesLine(o.nearDuplicates)}${skippedForAvailabilityLine(o.skippedForAvailability, HOLDOUT_MIN_PAIRS)}`);
    io.out(`${"model".padEnd(18)} ${"R²".padStart(7)}  ${"95% CI".padEnd(17)} ${"RMSE".padStart(8)}  95% CI\n`);
    // two models' scores that differ print apart (0.0684469 and 0.0684523 had both printed 0.068)
    const r2 = distinguishingDecimals(o.scores.map((s) => s.r2)), rmse = distinguishingDecimals(o.scores.map((s) => s.rmse));
    for (const s of o.scores) {
      io.out(`${s.model.padEnd(18)} ${f3(s.r2, r2).padStart(7)}  [${f3(s.r2Lower)}, ${f3(s.r2Upper)}]`.padEnd(46) + ` ${f3(s.rmse, rmse).padStart(8)}  [${f3(s.rmseLower)}, ${f3(s.rmseUpper)}]\n`);
    }
    // R users read R² as 1 − SSE/SST about the test set's own mean: this one is about the training pairs' (the method above)
    io.out(`(R² is about the training pairs' mean outcome, which a forecaster knows beforehand; about the test LA-years' own mean it is no higher)\n${o.verdictText}\n`);
  }
}

/** Each origin's table of log-loss, Brier and concordance with intervals for an Ofsted grade, and the verdict. */
function printGradeHoldout(r: GradeHoldoutResult & { candidateRule: string }, io: CliIO): void {
  io.out(`outcome ${r.outcome} (ordinal); context ${r.context.join(", ")}; ${r.resamples} resamples of LAs, seed ${r.seed}\ncandidates: ${r.candidateRule}\n${r.method}\n`);
  const ci = (v: number, lo: number, hi: number) => `${f3(v)} [${f3(lo)}, ${f3(hi)}]`.padEnd(24);
  for (const o of r.origins) {
    io.out(`\ntrain until ${o.trainUntil} (${o.nTrain} training judgements fitted, ${o.nTrainVitalSigns} for the vital-signs model); next judgement after it: ${o.nTest} of ${o.nTestWithJudgement} LAs scored\n`);
    if (o.trainLeftOut.length > 0) io.out(`${trainingLeftOutWords(o.trainLeftOut, o.trainUntil, "judgements", o.contextAfterTrainUntil)}\n`);
    io.out(`vital signs chosen on training data: ${o.vitalSigns.map((v) => v.indicator).join(", ") || "none"}\n${nearDuplicatesLine(o.nearDuplicates)}`);
    io.out(`${"model".padEnd(18)} ${"log-loss".padEnd(24)} ${"Brier".padEnd(24)} concordance\n`);
    for (const s of o.scores) io.out(`${s.model.padEnd(18)} ${ci(s.logLoss, s.logLossLower, s.logLossUpper)} ${ci(s.brier, s.brierLower, s.brierUpper)} ${ci(s.concordance, s.concordanceLower, s.concordanceUpper)}\n`);
    io.out(`${o.verdictText}\n`);
  }
}

/** `vital-signs holdout PKG --outcome ID --train-until YEAR[,YEAR…]`. */
export const holdoutCommand: CliCommand = {
  name: "holdout",
  summary: "Do vital signs predict? Temporal hold-out of a continuous outcome or an Ofsted grade against context, persistence and neighbour baselines (holdout.json, report.html)",
  usage: [
    "vital-signs holdout PKG --outcome ID --train-until YEAR[,YEAR…] [--indicators a,b] [--context v1,v2] [--seed N] [--resamples N] [--out DIR]",
    "",
    "--outcome ID        a continuous outcome (an indicator id), or an Ofsted grade of outcomes.csv: then each LA's next judgement",
    "                    after YEAR is scored (log-loss, Brier, concordance) with the indicators of the year it is attached to: an",
    "                    out-of-time check of the association, not a forecast (those indicators come after YEAR)",
    "--train-until YEAR  choose and fit on outcomes up to YEAR, predict every later year from the indicators of YEAR (a",
    "                    continuous outcome: a forecast); several years = rolling origins",
    "--indicators a,b    candidate indicators (default: every indicator not tagged context); the outcome's own measures (itself, the other child",
    "                    outcomes of its framework area) are left out, as in analyse",
    "--context           context for the context-only baseline and the neighbours (default idaci_score,imd_score when present);",
    "                    context.csv's or need and demand indicators (framework role context, e.g. cin_rate_per_10k). Read",
    "                    for each training pair's year (a grade: each LA's latest up to YEAR) and for YEAR to predict, never",
    "                    for a year after YEAR: an LA with no value up to YEAR is left out of every fit and named (a variable",
    "                    with none up to YEAR at all, as IoD 2019 before 2019, is read at its first year: the verdict says so)",
    `--seed N            bootstrap seed (default ${HOLDOUT_SEED}); --resamples N (default ${HOLDOUT_RESAMPLES})`,
    "--out DIR           output folder for holdout.json (default out/)",
  ].join("\n"),
  async run(args, io) {
    // a value that looks like an option (--seed -1) is explained by main (lib/cli/main.ts)
    const parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        outcome: { type: "string" }, "train-until": { type: "string" }, indicators: { type: "string" }, context: { type: "string" },
        seed: { type: "string" }, resamples: { type: "string" }, out: { type: "string", short: "o" },
      },
    });
    const { positionals, values } = parsed;
    if (positionals.length !== 1 || !values.outcome || !values["train-until"]) {
      return usageError(io, "holdout", "PKG, --outcome ID and --train-until YEAR are required", holdoutCommand.usage);
    }
    const years = values["train-until"].split(",").map((s) => s.trim());
    if (years.some((y) => !/^\d{4}$/.test(y))) throw new InputError("--train-until", "must be a year or a comma-separated list of years", values["train-until"]);
    const context = contextOption(values.context);
    if (context !== undefined && context.length === 0) {
      throw new InputError("--context", "cannot be none for a hold-out: its baseline is the context-only model, and the neighbours are found by context", values.context);
    }
    const written = runHoldout({
      dir: packageDirArgument(positionals[0], "PKG"),
      outcome: values.outcome,
      trainUntil: years.map(Number),
      indicators: listOption("--indicators", values.indicators),
      context,
      seed: integerOption("--seed", values.seed, { min: 0, max: 2 ** 32 - 1, why: "the random generator takes 32-bit seeds" }),
      resamples: integerOption("--resamples", values.resamples, { min: 1 }),
      out: values.out ?? "out",
      command: commandLine("holdout", args),
    });
    printHoldout(written.results, io);
    io.out(`wrote ${written.resultsPath}\n      ${written.reportPath}\n`);
    return 0;
  },
};
