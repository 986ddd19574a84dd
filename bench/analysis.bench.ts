/**
 * The full `analyse` on 150 LAs × 60 indicators × 10 periods with 1,000 bootstrap resamples: time per phase
 * and peak memory, against an equivalent R script (bench/analysis.R: the same screen and the same bootstrap
 * of context-adjusted partial Spearman correlations with BH, written the ordinary R way with lm.fit) run on
 * the same package in the same benchmark when Rscript is present. Target: under 10 s in total on a 2-core
 * machine, the screen + bootstrap part about 1 s. `VSW_BENCH_NO_R=1` skips R (for comparing our side alone).
 *
 * Both sides are timed PAIRS times, alternately, each in a fresh process (ours: `--measure DIR`, so that the
 * read is cold every time), and the ratio is the median of R's totals over the median of ours: on a machine
 * shared with others one pair can be off by half (R took 9.8 s in one run and 14.0 s in another here).
 */
// loaded before the clock starts, as every other module here (R's script likewise loads MASS before its clock):
// lib/data/package loads arquero on first use, which would otherwise put its loading inside the timed read
import "arquero";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateSyntheticPilot } from "../lib/synthetic";
import { DEFAULT_SYNTH_PARAMS, type SyntheticIndicatorSpec } from "../lib/synthetic";
import { readPackage, writePackage } from "../lib/data/package";
import { buildAnalysisFrame } from "../lib/vitals/frame";
import { analysePackage } from "../lib/vitals/analyse";
import { screenIndicators } from "../lib/vitals/screen";
import { prewarmSelectionWorkers, selectVitalSigns } from "../lib/vitals/selection";
import { yearToYearReliability } from "../lib/vitals/reliability";
import { recordBenchResult } from "./results";
import { median } from "./median";
import { PAIRS, measureArguments, measureInFreshProcess, reportMeasured } from "./fresh-process";

const TARGET_INDICATORS = 60;
const RESAMPLES = 1000;
const SEED = 42;
const LINK = { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" } as const;
const CONTEXT = ["idaci_score"];

/** The default synthetic pilot widened to 60 indicators by adding copies of its noise indicators under new ids. */
function benchPackage(dir: string): void {
  const base = DEFAULT_SYNTH_PARAMS.indicators;
  const noise = base.filter((s) => s.role === "noise" && s.domain !== "context");
  const extra: SyntheticIndicatorSpec[] = [];
  const screened = base.filter((s) => s.domain !== "context").length;
  for (let k = 0; screened + extra.length < TARGET_INDICATORS; k++) {
    const s = noise[k % noise.length];
    extra.push({ ...s, indicator: `${s.indicator}_bench${k}`, label: `${s.label} (bench copy ${k})` });
  }
  const { content } = generateSyntheticPilot({ ...DEFAULT_SYNTH_PARAMS, indicators: [...base, ...extra] });
  writePackage(dir, content);
}

function seconds(t0: number): number {
  return (performance.now() - t0) / 1000;
}

interface Measured {
  read: number;
  analyse: number;
  cpuAnalyse: number;
  boot: number;
  maxRssMb: number;
  sizes: Record<string, number>;
}

/** One timed run on the package in `dir`, in this (fresh) process: a cold read, the bench's warm-up, then analysePackage. */
function measure(dir: string): Measured {
  const t0 = performance.now();
  const pkg = readPackage(dir);
  const tRead = seconds(t0);
  // the warm-up warms the resampling's worker threads too: started now, as analysePackage starts them, they load
  // while the warm-up frames and screens and take part in its selection. Started by that selection instead, they
  // loaded (0.3–1 s under tsx) after it had ended, and the timed analysePackage ran their kernel uncompiled
  prewarmSelectionWorkers(TARGET_INDICATORS, { resamples: RESAMPLES });
  const t1 = performance.now();
  const frame = buildAnalysisFrame(pkg, { context: CONTEXT, link: LINK });
  const tFrame = seconds(t1);
  const t2 = performance.now();
  screenIndicators({
    indicators: frame.indicators.map((ind, j) => ({ ...ind, values: frame.slots[0].values[j] })),
    outcome: frame.outcome.values, outcomeLowerIsBetter: true, context: frame.context,
  });
  const tScreen = seconds(t2);
  const screen = screenIndicators({
    indicators: frame.indicators.map((ind, j) => ({ ...ind, values: frame.slots[0].values[j] })),
    outcome: frame.outcome.values, outcomeLowerIsBetter: true, context: frame.context,
  });
  const reliability = Float64Array.from(frame.indicators, (ind) => yearToYearReliability(ind.byPeriod, frame.periods).r);
  const tb = performance.now();
  selectVitalSigns({ indicators: frame.indicators, slots: frame.slots, contextNames: CONTEXT, screen, reliability }, { seed: SEED, resamples: RESAMPLES });
  const tBoot = seconds(tb);
  const t3 = performance.now();
  const c3 = process.cpuUsage();
  const a = analysePackage(pkg, { link: LINK, context: CONTEXT, seed: SEED, resamples: RESAMPLES });
  const tAnalyse = seconds(t3);
  const cpuAnalyse = process.cpuUsage(c3);
  const total = tRead + tAnalyse;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`data: ${frame.laCodes.length} LAs × ${frame.indicators.length} indicators × ${frame.periods.length} periods; ${RESAMPLES} resamples over ${frame.slots.length} periods`);
  console.log(`read package            ${tRead.toFixed(2)} s`);
  console.log(`frame                   ${tFrame.toFixed(2)} s`);
  console.log(`screen (OLS, Spearman, polr, partial, BH)  ${tScreen.toFixed(2)} s`);
  console.log(`bootstrap selection (${RESAMPLES} resamples × ${frame.indicators.length} indicators) + verdicts  ${tBoot.toFixed(2)} s   (screen + bootstrap ${(tScreen + tBoot).toFixed(2)} s; target about 1 s)`);
  console.log(`analysePackage (frame + screen + reliability + ${RESAMPLES} bootstrap resamples + verdicts)  ${tAnalyse.toFixed(2)} s   (CPU, every thread: ${((cpuAnalyse.user + cpuAnalyse.system) / 1e6).toFixed(2)} s)`);
  console.log(`total (read + analyse)  ${total.toFixed(2)} s   (target < 10 s)   peak RSS ${maxRssMb.toFixed(0)} MB`);
  console.log(`selected: ${a.selection.verdicts.filter((v) => v.selected).map((v) => v.indicator).join(", ")}`);
  const sizes = { las: frame.laCodes.length, indicators: frame.indicators.length, periods: frame.periods.length, resamples: RESAMPLES };
  return { read: tRead, analyse: tAnalyse, cpuAnalyse: (cpuAnalyse.user + cpuAnalyse.system) / 1e6, boot: tBoot, maxRssMb, sizes };
}

/** R's totals and bootstrap times, or why R was not run. */
function runR(dir: string): { total: number; boot: number | null; out: string } | string {
  if (process.env.VSW_BENCH_NO_R === "1") return "skipped (VSW_BENCH_NO_R=1)";
  const v = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
  if (v.error || v.status !== 0) return "not found, ratio not measured (install r-base and r-cran-mass to compare)";
  const rOut = spawnSync("Rscript", [path.join(__dirname, "analysis.R"), dir, String(RESAMPLES), String(SEED)], { encoding: "utf8" });
  if (rOut.status !== 0) return `failed (${rOut.stderr.trim().split("\n").slice(-3).join(" | ")})`;
  const m = /total ([\d.]+) s/.exec(rOut.stdout);
  const bm = /bootstrap ([\d.]+) s/.exec(rOut.stdout);
  if (!m) return "printed no total";
  return { total: Number(m[1]), boot: bm ? Number(bm[1]) : null, out: rOut.stdout };
}

function main(): void {
  const measuring = measureArguments();
  if (measuring !== undefined) {
    reportMeasured(measure(measuring[0]));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-bench-analysis-"));
  try {
    benchPackage(dir);
    const ours: Measured[] = [];
    const rs: { total: number; boot: number | null }[] = [];
    let rMissing: string | null = null;
    for (let k = 0; k < PAIRS; k++) {
      ours.push(measureInFreshProcess<Measured>("analysis", __filename, [dir], k === 0));
      if (rMissing !== null) continue;
      const r = runR(dir);
      if (typeof r === "string") {
        rMissing = r;
        console.log(`R: ${r}`);
        continue;
      }
      if (k === 0) process.stdout.write(r.out.split("\n").map((l) => `R: ${l}`).join("\n"));
      rs.push(r);
    }
    const totals = ours.map((m) => m.read + m.analyse);
    const total = median(totals);
    const boot = median(ours.map((m) => m.boot));
    console.log(`\nours, ${PAIRS} fresh processes: totals ${totals.map((t) => t.toFixed(2)).join(", ")} s (median ${total.toFixed(2)} s); reads ${ours.map((m) => m.read.toFixed(2)).join(", ")} s; analysePackage CPU ${ours.map((m) => m.cpuAnalyse.toFixed(2)).join(", ")} s`);
    const rTotal = rs.length > 0 ? median(rs.map((r) => r.total)) : null;
    const rBoots = rs.map((r) => r.boot).filter((b): b is number => b !== null);
    const rBoot = rBoots.length > 0 ? median(rBoots) : null;
    if (rTotal !== null) {
      console.log(`R, ${rs.length} runs alternating with ours: totals ${rs.map((r) => r.total.toFixed(2)).join(", ")} s (median ${rTotal.toFixed(2)} s)`);
      console.log(`ratio R / TypeScript (median totals): ${(rTotal / total).toFixed(1)}×`);
      if (rBoot !== null) console.log(`ratio R / TypeScript (median bootstraps): ${(rBoot / boot).toFixed(1)}×`);
    }
    recordBenchResult({
      name: "analysis",
      job: "full analysis (read, frame, screen, reliability, bootstrap selection, verdicts)",
      ours_s: total,
      baseline: "R, same screen and bootstrap (bench/analysis.R)",
      baseline_s: rTotal,
      peak_rss_mb: Math.max(...ours.map((m) => m.maxRssMb)),
      sizes: ours[0].sizes,
      note: [
        `medians of ${PAIRS} alternating fresh-process runs: ours ${totals.map((t) => t.toFixed(2)).join("/")} s`,
        rs.length > 0 ? `R ${rs.map((r) => r.total.toFixed(2)).join("/")} s` : `R ${rMissing ?? "not run"}`,
        `bootstrap ${boot.toFixed(2)} s${rBoot !== null ? `, R bootstrap ${rBoot.toFixed(2)} s` : ""}`,
      ].filter((x) => x !== "").join("; "),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
