/**
 * The default `vital-signs analyse` on the imported official package (ILACS overall effectiveness, IDACI,
 * 1,000 resamples, every indicator), the command path users run (read, analyse, write results and report),
 * against bench/analysis.R doing the same screen and bootstrap on the same package in the same run.
 * Skipped with the reason when ../shared/data/official is absent. The import itself is not timed here
 * (import.bench.ts times it). `VSW_BENCH_NO_R=1` skips R (for comparing our side alone).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importOfficialToPackage } from "../lib/data/import/import-official";
import { runAnalyse } from "../lib/cli/commands/analyse";
import { readPackage } from "../lib/data/package";
import { defaultOfficialDir } from "../lib/project";
import { peakRssMb, recordBenchResult } from "./results";

const OUTCOME = "ofsted_ilacs_overall";
const RESAMPLES = 1000;
const SEED = 42;

async function main(): Promise<void> {
  const official = defaultOfficialDir();
  if (!fs.existsSync(path.join(official, "derived", "la_lookup_dfe_ons_codes.csv"))) {
    console.log(`official data not found at ${official}: skipped`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-bench-official-"));
  const dir = path.join(tmp, "england");
  await importOfficialToPackage([official], dir, { created: "2026-01-01T00:00:00Z" });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const written = runAnalyse({ dir, outcome: OUTCOME, out: path.join(tmp, "out"), seed: SEED, resamples: RESAMPLES });
  const total = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const r = written.results;
  console.log(`data: ${r.associations.length} indicators, ${r.outcome.n_linked} LAs linked; ${RESAMPLES} resamples (${r.design.resampling}); slots ${r.design.slots.map((s) => `${s.label} ${s.las}${s.used ? "" : " (left out)"}`).join(", ")}`);
  console.log(`analyse (read, frame, screen, reliability, resamples, verdicts, results.json, report.html, tables)  ${total.toFixed(2)} s (CPU, every thread: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)   peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log(`selected: ${r.vital_signs.filter((v) => v.selected).map((v) => v.indicator).join(", ") || "none"}`);
  const rss = peakRssMb();
  const record = (rTotal: number | null, note: string) =>
    recordBenchResult({
      name: "analysis-official",
      job: "default `analyse` on the imported official package (read, analyse, write results, report, tables)",
      ours_s: total,
      baseline: "R, same screen and bootstrap (bench/analysis.R)",
      baseline_s: rTotal,
      peak_rss_mb: rss,
      sizes: { indicators: r.associations.length, las: r.outcome.n_linked, resamples: RESAMPLES },
      note: `peak RSS includes the import before the timed part${note}`,
    });
  if (process.env.VSW_BENCH_NO_R === "1") {
    console.log("R: skipped (VSW_BENCH_NO_R=1)");
    record(null, "; R skipped");
    fs.rmSync(tmp, { recursive: true, force: true });
    return;
  }
  const ver = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
  if (ver.error || ver.status !== 0) {
    console.log("R: not found, ratio not measured");
    record(null, "; R not found");
    return;
  }
  const pkg = readPackage(dir);
  const dates = (pkg.outcomes.array("date") as string[]).filter((d, i) => (pkg.outcomes.array("outcome") as string[])[i] === OUTCOME && d !== "").sort();
  const latest = dates[dates.length - 1];
  const rOut = spawnSync("Rscript", [path.join(__dirname, "analysis.R"), dir, String(RESAMPLES), String(SEED), OUTCOME, latest], { encoding: "utf8" });
  if (rOut.status !== 0) {
    console.log(`R: failed (${rOut.stderr.trim().split("\n").slice(-3).join(" | ")})`);
    record(null, "; R failed");
    return;
  }
  process.stdout.write(rOut.stdout.split("\n").filter((l) => l !== "").map((l) => `R: ${l}\n`).join(""));
  const m = /total ([\d.]+) s/.exec(rOut.stdout);
  if (m) console.log(`ratio R / TypeScript (total, official package): ${(Number(m[1]) / total).toFixed(1)}×`);
  record(m ? Number(m[1]) : null, "");
  fs.rmSync(tmp, { recursive: true, force: true });
}

void main();
