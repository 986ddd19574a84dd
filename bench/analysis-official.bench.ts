/**
 * The default `vital-signs analyse` on the imported official package (ILACS overall effectiveness, IDACI,
 * 1,000 resamples, every indicator), the command path users run (read, analyse, write results and report),
 * against bench/analysis.R doing the same screen and bootstrap on the same package in the same run.
 * Skipped with the reason when ../shared/data/official is absent. The import itself is not timed here
 * (import.bench.ts times it). `VSW_BENCH_NO_R=1` skips R (for comparing our side alone).
 *
 * Both sides are timed PAIRS times, alternately, each in a fresh process (ours: this file with `--measure DIR OUT`,
 * so nothing is compiled or cached from the import), and the ratio is the median of R's totals over the median
 * of ours (one pair on this shared machine can be off by half).
 */
// loaded before the clock starts, as every other module here (R's script likewise loads MASS before its clock):
// lib/data/package loads arquero on first use, which would otherwise put its loading inside the timed read
import "arquero";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importOfficialToPackage } from "../lib/data/import/import-official";
import { runAnalyse } from "../lib/cli/commands/analyse";
import { readPackage } from "../lib/data/package";
import { defaultOfficialDir } from "../lib/project";
import { recordBenchResult } from "./results";
import { median } from "./median";
import { PAIRS, measureArguments, measureInFreshProcess, reportMeasured } from "./fresh-process";

const OUTCOME = "ofsted_ilacs_overall";
const RESAMPLES = 1000;
const SEED = 42;

interface Measured {
  total: number;
  cpu: number;
  rssMb: number;
  indicators: number;
  las: number;
}

/** One timed `analyse` of the package in `dir` (writing into `out`), in this fresh process. */
function measure(dir: string, out: string): Measured {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const written = runAnalyse({ dir, outcome: OUTCOME, out, seed: SEED, resamples: RESAMPLES });
  const total = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(c0);
  const cpu = (used.user + used.system) / 1e6;
  const r = written.results;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`data: ${r.associations.length} indicators, ${r.outcome.n_linked} LAs linked; ${RESAMPLES} resamples (${r.design.resampling}); slots ${r.design.slots.map((s) => `${s.label} ${s.las}${s.used ? "" : " (left out)"}`).join(", ")}`);
  console.log(`analyse (read, frame, screen, reliability, resamples, verdicts, results.json, report.html, tables)  ${total.toFixed(2)} s (CPU, every thread: ${cpu.toFixed(2)} s)   peak RSS ${rssMb.toFixed(0)} MB`);
  console.log(`selected: ${r.vital_signs.filter((v) => v.selected).map((v) => v.indicator).join(", ") || "none"}`);
  return { total, cpu, rssMb, indicators: r.associations.length, las: r.outcome.n_linked };
}

/** R's total on the package, or why R was not run. */
function runR(dir: string, latest: string, echo: boolean): number | string {
  if (process.env.VSW_BENCH_NO_R === "1") return "skipped (VSW_BENCH_NO_R=1)";
  const ver = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
  if (ver.error || ver.status !== 0) return "not found, ratio not measured";
  const rOut = spawnSync("Rscript", [path.join(__dirname, "analysis.R"), dir, String(RESAMPLES), String(SEED), OUTCOME, latest], { encoding: "utf8" });
  if (rOut.status !== 0) return `failed (${rOut.stderr.trim().split("\n").slice(-3).join(" | ")})`;
  if (echo) process.stdout.write(rOut.stdout.split("\n").filter((l) => l !== "").map((l) => `R: ${l}\n`).join(""));
  const m = /total ([\d.]+) s/.exec(rOut.stdout);
  return m ? Number(m[1]) : "printed no total";
}

async function main(): Promise<void> {
  const measuring = measureArguments();
  if (measuring !== undefined) {
    reportMeasured(measure(measuring[0], measuring[1]));
    return;
  }
  const official = defaultOfficialDir();
  if (!fs.existsSync(path.join(official, "derived", "la_lookup_dfe_ons_codes.csv"))) {
    console.log(`official data not found at ${official}: skipped`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-bench-official-"));
  try {
    const dir = path.join(tmp, "england");
    await importOfficialToPackage([official], dir, { created: "2026-01-01T00:00:00Z" });
    const pkg = readPackage(dir);
    const dates = (pkg.outcomes.array("date") as string[]).filter((d, i) => (pkg.outcomes.array("outcome") as string[])[i] === OUTCOME && d !== "").sort();
    const latest = dates[dates.length - 1];
    const ours: Measured[] = [];
    const rs: number[] = [];
    let rMissing: string | null = null;
    for (let k = 0; k < PAIRS; k++) {
      ours.push(measureInFreshProcess<Measured>("analysis-official", __filename, [dir, path.join(tmp, `out-${k}`)], k === 0));
      if (rMissing !== null) continue;
      const r = runR(dir, latest, k === 0);
      if (typeof r === "string") {
        rMissing = r;
        console.log(`R: ${r}`);
      } else rs.push(r);
    }
    const totals = ours.map((m) => m.total);
    const total = median(totals);
    const rTotal = rs.length > 0 ? median(rs) : null;
    console.log(`ours, ${PAIRS} fresh processes: ${totals.map((t) => t.toFixed(2)).join(", ")} s (median ${total.toFixed(2)} s); CPU ${ours.map((m) => m.cpu.toFixed(2)).join(", ")} s`);
    if (rTotal !== null) {
      console.log(`R, ${rs.length} runs alternating with ours: ${rs.map((t) => t.toFixed(2)).join(", ")} s (median ${rTotal.toFixed(2)} s)`);
      console.log(`ratio R / TypeScript (median totals, official package): ${(rTotal / total).toFixed(1)}×`);
    }
    recordBenchResult({
      name: "analysis-official",
      job: "default `analyse` on the imported official package (read, analyse, write results, report, tables)",
      ours_s: total,
      baseline: "R, same screen and bootstrap (bench/analysis.R)",
      baseline_s: rTotal,
      peak_rss_mb: Math.max(...ours.map((m) => m.rssMb)),
      sizes: { indicators: ours[0].indicators, las: ours[0].las, resamples: RESAMPLES },
      note: [
        `medians of ${PAIRS} alternating fresh-process runs: ours ${totals.map((t) => t.toFixed(2)).join("/")} s`,
        rs.length > 0 ? `R ${rs.map((t) => t.toFixed(2)).join("/")} s` : `R ${rMissing ?? "not run"}`,
        "peak RSS is the analysing process's (the import runs in the parent)",
      ].join("; "),
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
