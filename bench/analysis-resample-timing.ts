/**
 * Timing of the resampling part of the analysis alone (`selectVitalSigns`: B resamples × every indicator's
 * partial correlation, then verdicts) on the imported official package and on the analysis bench package,
 * in CPU time (process.cpuUsage, every thread of the process) and wall time, one thread and the default
 * workers. Not part of `npm run bench` (no R baseline): a developer's tool to compare the resampling kernels
 * before and after a change, with a fingerprint of the frequencies to show the answer did not change.
 *
 * Usage: `node --import tsx bench/analysis-resample-timing.ts [official package dir] [repeats]`
 * (`VSW_TIMING_ONE_THREAD=1`: one thread only, e.g. for a CPU profile)
 * (build the package with `node bin/vital-signs.js import ../shared/data/official --out DIR`; without it only
 * the bench package is timed).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readPackage, writePackage } from "../lib/data/package";
import type { DataPackage } from "../lib/data/types";
import { DEFAULT_SYNTH_PARAMS, generateSyntheticPilot, type SyntheticIndicatorSpec } from "../lib/synthetic";
import type { LinkRule } from "../lib/context/link";
import { buildAnalysisFrame } from "../lib/vitals/frame";
import { yearToYearReliability } from "../lib/vitals/reliability";
import { screenIndicators } from "../lib/vitals/screen";
import { prewarmSelectionWorkers, selectVitalSigns, type SelectionInput } from "../lib/vitals/selection";

const RESAMPLES = Number(process.env.VSW_TIMING_RESAMPLES ?? 1000);
const SEED = 42;
const BENCH_INDICATORS = 60;

/** The analysis bench's package (bench/analysis.bench.ts): the default synthetic pilot widened to 60 indicators. */
function benchPackage(): DataPackage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-resample-timing-"));
  const base = DEFAULT_SYNTH_PARAMS.indicators;
  const noise = base.filter((s) => s.role === "noise" && s.domain !== "context");
  const extra: SyntheticIndicatorSpec[] = [];
  const screened = base.filter((s) => s.domain !== "context").length;
  for (let k = 0; screened + extra.length < BENCH_INDICATORS; k++) {
    const s = noise[k % noise.length];
    extra.push({ ...s, indicator: `${s.indicator}_bench${k}`, label: `${s.label} (bench copy ${k})` });
  }
  writePackage(dir, generateSyntheticPilot({ ...DEFAULT_SYNTH_PARAMS, indicators: [...base, ...extra] }).content);
  const pkg = readPackage(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return pkg;
}

/** The latest publication date of an outcome's judgements (the CLI's default link date). */
function latestDate(pkg: DataPackage, outcome: string): string {
  const oc = pkg.outcomes.array("outcome") as string[];
  const dates = pkg.outcomes.array("date") as (string | null)[];
  return dates.filter((d, i) => oc[i] === outcome && d).sort().at(-1) as string;
}

/** The selection's input as analysePackage builds it. */
function selectionInput(pkg: DataPackage, link: LinkRule): SelectionInput {
  const frame = buildAnalysisFrame(pkg, { context: ["idaci_score"], link });
  const screen = screenIndicators({
    indicators: frame.indicators.map((ind, j) => ({ indicator: ind.indicator, domain: ind.domain, polarity: ind.polarity, values: frame.slots[0].values[j] })),
    outcome: frame.outcome.values, outcomeLowerIsBetter: frame.outcomeLowerIsBetter,
    context: frame.context.map((c) => ({ variable: c.variable, values: c.values })),
  });
  const reliability = Float64Array.from(frame.indicators, (ind) => yearToYearReliability(ind.byPeriod, frame.periods).r);
  return { indicators: frame.indicators, slots: frame.slots, contextNames: frame.context.map((c) => c.variable), screen, reliability };
}

function timeCase(name: string, input: SelectionInput, repeats: number): void {
  for (const workers of process.env.VSW_TIMING_ONE_THREAD ? [0] : [0, undefined]) {
    const cpu: number[] = [];
    const wall: number[] = [];
    let fingerprint = "";
    for (let k = 0; k < repeats; k++) {
      if (workers === undefined) prewarmSelectionWorkers(input.indicators.length, { resamples: RESAMPLES });
      if (process.env.VSW_TIMING_MARK) console.log(`MARK start ${name}`);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const sel = selectVitalSigns(input, { seed: SEED, resamples: RESAMPLES, ...(workers === undefined ? {} : { workers }) });
      wall.push(performance.now() - t0);
      if (workers === undefined) prewarmSelectionWorkers(input.indicators.length, { resamples: RESAMPLES });
      if (process.env.VSW_TIMING_MARK) console.log(`MARK end ${name}`);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      fingerprint = createHash("sha256").update(JSON.stringify({ f: Array.from(sel.frequencies), v: sel.verdicts, d: sel.design, e: sel.errorBound })).digest("hex").slice(0, 16);
    }
    const min = (a: number[]) => Math.min(...a).toFixed(0);
    console.log(
      `${name}: ${input.indicators.length} indicators, workers ${workers ?? "default"}: CPU min ${min(cpu)} ms (all ${cpu.map((v) => v.toFixed(0)).join(", ")}), ` +
        `wall min ${min(wall)} ms, per resample ${(Math.min(...cpu) / RESAMPLES).toFixed(3)} ms CPU; fingerprint ${fingerprint}`,
    );
  }
}

function main(): void {
  const officialDir = process.argv[2];
  const repeats = Number(process.argv[3] ?? 3);
  const bench = benchPackage();
  timeCase("bench", selectionInput(bench, { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" }), repeats);
  if (officialDir) {
    const pkg = readPackage(officialDir);
    const outcome = "ofsted_ilacs_overall";
    timeCase("official", selectionInput(pkg, { kind: "latest-on-or-before", outcome, date: latestDate(pkg, outcome) }), repeats);
  }
}

main();
