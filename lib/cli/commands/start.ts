import * as path from "node:path";
import { parseArgs } from "node:util";
import { outputDirOption } from "../options";
import type { CliCommand } from "../command";
import { DEFAULT_DATASET, PROJECT_ROOT } from "../paths";
import { withProgress } from "../progress-bar";
import { printPackageSummary } from "./validate";
import { DEFAULT_ANALYSIS_SEED, printAnalysisSummary, runAnalyse } from "./analyse";
import { commandLine } from "../../report/reproducibility";

/** The outcome of the embedded synthetic dataset (lib/data/synthetic.ts SYNTH_OUTCOME). */
const START_OUTCOME = "ofsted_overall";

/**
 * `npm start`: the main job on the embedded synthetic dataset — validate it, then run the full analysis
 * (screen, context adjustment, bootstrap selection) and write out/results.json and out/report.html.
 */
export const startCommand: CliCommand = {
  name: "start",
  summary: "The main job on the embedded synthetic dataset: validate, analyse, write out/results.json and out/report.html",
  usage: "vital-signs start [--out OUTDIR]",
  async run(args, io) {
    const { values } = parseArgs({ args, options: { out: { type: "string", short: "o" } } });
    const out = outputDirOption("--out", values.out ?? path.join(PROJECT_ROOT, "out"));
    const code = printPackageSummary(DEFAULT_DATASET, io);
    if (code !== 0) return code;
    io.out("\n");
    const written = await withProgress(io, "bootstrap", (onProgress) =>
      runAnalyse({ dir: DEFAULT_DATASET, outcome: START_OUTCOME, out, seed: DEFAULT_ANALYSIS_SEED, onProgress, command: commandLine("start", args) }),
    );
    printAnalysisSummary(written.results, written, io);
    return 0;
  },
};
