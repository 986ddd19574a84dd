import * as path from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../errors";
import { readPackage } from "../../data/package";
import type { DataPackage } from "../../data/types";
import { holdout, HOLDOUT_RESAMPLES, HOLDOUT_SEED, type HoldoutOrigin, type HoldoutResult } from "../../vitals/holdout";
import { holdoutGrades, type GradeHoldoutOrigin, type GradeHoldoutResult } from "../../vitals/holdout-grades";
import { writeFilesAtomically } from "../../data/atomic-write";
import { reportHtml } from "../../report/document";
import { commandLine, reproducibilityStamp } from "../../report/reproducibility";
import { holdoutSections } from "../../report/panel-holdout-sections";
import type { CliCommand, CliIO } from "../command";
import { integerOption, usageError } from "../options";

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
export function runHoldout(a: HoldoutArgs, pkgIn?: DataPackage): { results: (HoldoutResult | GradeHoldoutResult) & { command: "holdout"; dataset: { name: string; dir: string } }; resultsPath: string; reportPath: string } {
  const pkg = pkgIn ?? readPackage(a.dir);
  const spec = { outcome: a.outcome, trainUntil: a.trainUntil, indicators: a.indicators, context: a.context, seed: a.seed, resamples: a.resamples };
  const grade = (pkg.outcomes.array("outcome") as string[]).includes(a.outcome) && !(pkg.catalogue.array("indicator") as string[]).includes(a.outcome);
  const r = grade ? holdoutGrades(pkg, spec) : holdout(pkg, spec);
  const results = { command: "holdout" as const, dataset: { name: pkg.descriptor.name, dir: a.dir }, ...r };
  // holdout.json and report.html (the hold-out tables and verdicts) are staged in full, then renamed together
  writeFilesAtomically(a.out, [
    { name: "holdout.json", contents: JSON.stringify(holdoutJson(results), null, 2) + "\n" },
    { name: "report.html", contents: reportHtml({
      title: `Do vital signs predict? ${pkg.descriptor.title}`,
      subtitle: `Outcome: ${r.outcome}; trained until ${r.origins.map((o) => o.train_until).join(", ")}`,
      sections: holdoutSections(r),
      stamp: reproducibilityStamp(pkg, { seed: r.seed, command: a.command }),
    }) },
  ]);
  return { results, resultsPath: path.join(a.out, "holdout.json"), reportPath: path.join(a.out, "report.html") };
}

/**
 * holdout.json, every field mapped by name: the keys are snake_case whatever the in-memory names are (NaN
 * becomes null in JSON.stringify). Continuous outcomes and Ofsted grades (`kind: "ordinal"`) differ in their scores.
 * @example JSON.stringify(holdoutJson(runHoldout(args).results), null, 2)
 */
export function holdoutJson(results: (HoldoutResult | GradeHoldoutResult) & { command: "holdout"; dataset: { name: string; dir: string } }) {
  const head = { command: results.command, dataset: { name: results.dataset.name, dir: results.dataset.dir }, outcome: results.outcome };
  const chosen = (v: HoldoutOrigin["vital_signs"]) => v.map((x) => ({ indicator: x.indicator, partial_r: x.partial_r, q: x.q, n: x.n }));
  const tail = { method: results.method, seed: results.seed, resamples: results.resamples };
  if ("kind" in results) {
    return {
      ...head, kind: results.kind, context: results.context, ...tail,
      origins: results.origins.map((o) => ({
        train_until: o.train_until, n_train: o.n_train, n_test: o.n_test, vital_signs: chosen(o.vital_signs),
        scores: o.scores.map((s) => ({ model: s.model, ...gradeScoreJson(s) })),
        gain_over_context: gradeScoreJson(o.gain_over_context), verdict: o.verdict, verdict_text: o.verdict_text,
      })),
    };
  }
  return {
    ...head, context: results.context, ...tail,
    origins: results.origins.map((o) => ({
      train_until: o.train_until, test_years: o.test_years, vital_signs: chosen(o.vital_signs),
      scores: o.scores.map((s) => ({ model: s.model, ...continuousScoreJson(s) })),
      gain_over_context: continuousScoreJson(o.gain_over_context), verdict: o.verdict, verdict_text: o.verdict_text,
      n_test: o.n_test, n_las: o.n_las, n_train: o.n_train,
    })),
  };
}

/** Log-loss, Brier and concordance with their 95% intervals, as holdout.json names them. */
function gradeScoreJson(s: GradeHoldoutOrigin["gain_over_context"]) {
  return {
    log_loss: s.log_loss, log_loss_lower: s.log_loss_lower, log_loss_upper: s.log_loss_upper,
    brier: s.brier, brier_lower: s.brier_lower, brier_upper: s.brier_upper,
    concordance: s.concordance, concordance_lower: s.concordance_lower, concordance_upper: s.concordance_upper,
  };
}

/** Out-of-sample R² and RMSE with their 95% intervals, as holdout.json names them. */
function continuousScoreJson(s: HoldoutOrigin["gain_over_context"]) {
  return { r2: s.r2, r2_lower: s.r2_lower, r2_upper: s.r2_upper, rmse: s.rmse, rmse_lower: s.rmse_lower, rmse_upper: s.rmse_upper };
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "NA");

/**
 * Print each origin's table of out-of-sample R² and RMSE with intervals, and the verdict.
 * @example printHoldout(runHoldout(args).results, processIO);
 */
export function printHoldout(r: HoldoutResult | GradeHoldoutResult, io: CliIO): void {
  if ("kind" in r) return printGradeHoldout(r, io);
  io.out(`outcome ${r.outcome}; context ${r.context.join(", ")}; ${r.resamples} resamples of LAs, seed ${r.seed}\n${r.method}\n`);
  for (const o of r.origins) {
    io.out(`\ntrain until ${o.train_until} (${o.n_train} training pairs); test years ${o.test_years.join(", ")}: ${o.n_test} LA-years, ${o.n_las} LAs\n`);
    io.out(`vital signs chosen on training data: ${o.vital_signs.map((v) => v.indicator).join(", ") || "none"}\n`);
    io.out(`${"model".padEnd(18)} ${"R²".padStart(7)}  ${"95% CI".padEnd(17)} ${"RMSE".padStart(8)}  95% CI\n`);
    for (const s of o.scores) {
      io.out(`${s.model.padEnd(18)} ${f3(s.r2).padStart(7)}  [${f3(s.r2_lower)}, ${f3(s.r2_upper)}]`.padEnd(46) + ` ${f3(s.rmse).padStart(8)}  [${f3(s.rmse_lower)}, ${f3(s.rmse_upper)}]\n`);
    }
    io.out(`${o.verdict_text}\n`);
  }
}

/** Each origin's table of log-loss, Brier and concordance with intervals for an Ofsted grade, and the verdict. */
function printGradeHoldout(r: GradeHoldoutResult, io: CliIO): void {
  io.out(`outcome ${r.outcome} (ordinal); context ${r.context.join(", ")}; ${r.resamples} resamples of LAs, seed ${r.seed}\n${r.method}\n`);
  const ci = (v: number, lo: number, hi: number) => `${f3(v)} [${f3(lo)}, ${f3(hi)}]`.padEnd(24);
  for (const o of r.origins) {
    io.out(`\ntrain until ${o.train_until} (${o.n_train} training judgements); next judgement after it: ${o.n_test} LAs\n`);
    io.out(`vital signs chosen on training data: ${o.vital_signs.map((v) => v.indicator).join(", ") || "none"}\n`);
    io.out(`${"model".padEnd(18)} ${"log-loss".padEnd(24)} ${"Brier".padEnd(24)} concordance\n`);
    for (const s of o.scores) io.out(`${s.model.padEnd(18)} ${ci(s.log_loss, s.log_loss_lower, s.log_loss_upper)} ${ci(s.brier, s.brier_lower, s.brier_upper)} ${ci(s.concordance, s.concordance_lower, s.concordance_upper)}\n`);
    io.out(`${o.verdict_text}\n`);
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
    "                    after YEAR is predicted (log-loss, Brier, concordance) from the indicators of the year before it",
    "--train-until YEAR  choose and fit on outcomes up to YEAR, predict every later year; several years = rolling origins",
    "--context           deprivation variables for the context-only baseline and the neighbours (default idaci_score,imd_score when present)",
    `--seed N            bootstrap seed (default ${HOLDOUT_SEED}); --resamples N (default ${HOLDOUT_RESAMPLES})`,
    "--out DIR           output folder for holdout.json (default out/)",
  ].join("\n"),
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          outcome: { type: "string" }, "train-until": { type: "string" }, indicators: { type: "string" }, context: { type: "string" },
          seed: { type: "string" }, resamples: { type: "string" }, out: { type: "string", short: "o" },
        },
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new InputError("holdout", (e as Error).message, args.join(" "));
      throw e;
    }
    const { positionals, values } = parsed;
    if (positionals.length !== 1 || !values.outcome || !values["train-until"]) {
      return usageError(io, "holdout", "PKG, --outcome ID and --train-until YEAR are required", holdoutCommand.usage);
    }
    const years = values["train-until"].split(",").map((s) => s.trim());
    if (years.some((y) => !/^\d{4}$/.test(y))) throw new InputError("holdout", "--train-until must be a year or a comma-separated list of years", values["train-until"]);
    const list = (v: string | undefined) => (v === undefined ? undefined : v.split(",").map((s) => s.trim()).filter((s) => s !== ""));
    const written = runHoldout({
      dir: positionals[0],
      outcome: values.outcome,
      trainUntil: years.map(Number),
      indicators: list(values.indicators),
      context: list(values.context),
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
