/**
 * Returns import speed: a synthetic national-size collection year — SSDA903 with about 100,000 children and
 * 170,000 episodes, and a CIN census with about 650,000 referrals — read, pseudonymised, validated and
 * aggregated to LA indicators by `importReturnsInParallel` (what `vital-signs returns` runs), with wall time,
 * CPU time (all threads) and peak memory (max RSS), on the default number of worker threads and on one thread.
 * Baseline in the same run: only reading the same files and splitting them into lines (the I/O floor), so
 * the ratio says what parsing, validation and the indicator definitions cost on top. The two runs' indicators,
 * estimates and import logs are compared: they must be identical.
 *
 * The files are written by a child process first (lib/synthetic/returns-files, seeded), and each import runs
 * in a child process of its own, so its peak RSS is the import's alone; one more runs with a 160 MB old-space
 * heap (bounded memory). `RETURNS_BENCH_SCALE=0.1` runs a tenth of the size.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { SynthLaSpec } from "../lib/synthetic/returns-model";
import { recordBenchResult } from "./results";

const SCALE = Number(process.env.RETURNS_BENCH_SCALE ?? "1");
const YEAR = 2023;
const SEED = 11;
/** LAs the national total is spread over (each with its own folder, as a regional data set would be). */
const LAS = 30;
/** Simulated over 7 years of history, about half of the looked-after children have an episode in the year (≈ 100,000, ≈ 170,000 episodes at scale 1). */
const LOOKED_AFTER_SIMULATED = Math.round(185_000 * SCALE);
/** Over the 4-year CIN window about 0.75 referrals per simulated child are in the year's census (≈ 650,000 at scale 1). */
const CIN_SIMULATED = Math.round(870_000 * SCALE);
/** Old-space heap limit of the bounded-memory run (MB): the import must fit in it whatever the national size. */
const BOUNDED_HEAP_MB = 160;
const KEY = "bench-key-not-a-secret-0123456789";

/** One import as measured in its child process. */
interface Measured {
  workers: number;
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  rows: number;
  /** sha256 of the indicators, estimates and import log (the same whatever the number of workers). */
  digest: string;
}

function specs(): SynthLaSpec[] {
  return Array.from({ length: LAS }, (_, i) => ({
    la: `E0600${String(i + 1).padStart(4, "0")}`,
    lookedAfterChildren: Math.round(LOOKED_AFTER_SIMULATED / LAS),
    cinChildren: Math.round(CIN_SIMULATED / LAS),
    careLeaversPerYear: Math.round(1500 * SCALE),
  }));
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Child process: import `dir` on `workers` workers ("default" for the CLI's default) and print a RESULT line. */
async function importOnly(dir: string, workers: string): Promise<void> {
  const { importReturnsInParallel, defaultReturnsWorkers } = await import("../lib/returns/import-parallel");
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const onWorkerFailure = (reason: string) => {
    throw new Error(`returns bench: a worker thread failed (${reason})`);
  };
  const result = await importReturnsInParallel(dir, { key: Buffer.from(KEY), workers: workers === "default" ? undefined : Number(workers), onWorkerFailure });
  const wallS = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  const digest = createHash("sha256").update(JSON.stringify([result.indicators, result.estimates, result.log.entries(), result.log.fileSummary()])).digest("hex");
  const { discoverReturns } = await import("../lib/returns/discover");
  const { ReturnsImportLog } = await import("../lib/returns/import-issues");
  const found = discoverReturns(dir, new ReturnsImportLog());
  const m: Measured = {
    workers: workers === "default" ? defaultReturnsWorkers(found.ssda903, found.cin) : Number(workers),
    wallS,
    cpuS: (used.user + used.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rows: result.indicators.length,
    digest,
  };
  console.log(`RESULT ${JSON.stringify(m)}`);
}

/** Run an import in a child process (node options first); null when it failed. */
function measureImport(dir: string, workers: string, nodeOptions: string[] = []): Measured | null {
  const r = spawnSync(process.execPath, [...nodeOptions, "--import", "tsx", __filename, "--import-only", dir, workers], { encoding: "utf8", maxBuffer: 16 << 20 });
  if (r.status !== 0) {
    console.error(r.stderr.slice(-2000));
    return null;
  }
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  return line ? (JSON.parse(line.slice(7)) as Measured) : null;
}

const line = (m: Measured) => `${m.wallS.toFixed(2)} s wall, ${m.cpuS.toFixed(2)} s CPU, peak RSS ${m.peakRssMb.toFixed(0)} MB`;

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-bench-returns-"));
  try {
    const t0 = Date.now();
    const gen = spawnSync(process.execPath, ["--import", "tsx", __filename, "--generate", dir], { stdio: "inherit" });
    if (gen.status !== 0) throw new Error("returns bench: generating the synthetic returns failed");
    const all = files(dir);
    const bytes = all.reduce((s, f) => s + fs.statSync(f).size, 0);
    const count = (re: RegExp, name: string) => all.filter((f) => f.endsWith(name)).reduce((s, f) => s + (fs.readFileSync(f, "utf8").match(re)?.length ?? 0), 0);
    const episodes = count(/\n/g, "episodes.csv") - all.filter((f) => f.endsWith("episodes.csv")).length;
    const children = count(/\n/g, "header.csv") - all.filter((f) => f.endsWith("header.csv")).length;
    const referrals = count(/<CINreferralDate>/g, "cin_census.xml");
    console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${LAS} LAs, ${children} children, ${episodes} episodes, ${referrals} CIN referrals, ${(bytes / 1e6).toFixed(0)} MB`);

    const cpu0 = process.cpuUsage();
    const b0 = performance.now();
    let lines = 0;
    for (const f of all) lines += fs.readFileSync(f, "utf8").split("\n").length;
    const baseline = (performance.now() - b0) / 1000;
    const baselineCpu = process.cpuUsage(cpu0);
    console.log(`baseline (read + split ${lines} lines): ${baseline.toFixed(2)} s wall, ${((baselineCpu.user + baselineCpu.system) / 1e6).toFixed(2)} s CPU`);

    const parallel = measureImport(dir, "default");
    const single = measureImport(dir, "0");
    if (!parallel || !single) throw new Error("returns bench: the import failed");
    console.log(`importReturnsInParallel, ${parallel.workers} worker(s) + the main thread: ${line(parallel)}; ${parallel.rows} indicator rows; ${(parallel.wallS / baseline).toFixed(1)}× the I/O floor`);
    console.log(`importReturnsInParallel, main thread only: ${line(single)}`);
    const identical = parallel.digest === single.digest;
    console.log(`indicators, estimates and import log ${identical ? "identical" : "DIFFER"} on ${parallel.workers} and 0 workers`);
    const bounded = measureImport(dir, "default", [`--max-old-space-size=${BOUNDED_HEAP_MB}`]);
    if (!bounded) throw new Error(`returns bench: the import did not fit in a ${BOUNDED_HEAP_MB} MB heap`);
    console.log(`  with --max-old-space-size=${BOUNDED_HEAP_MB}: ${line(bounded)}`);
    const load = os.loadavg()[0].toFixed(1);
    recordBenchResult({
      name: "returns-year",
      job: `\`vital-signs returns\` import of a synthetic national year (seed ${SEED}): SSDA903 + CIN census → LA indicators (importReturnsInParallel, ${parallel.workers} worker + main thread)`,
      ours_s: parallel.wallS,
      baseline: "read + split the same files into lines (I/O floor)",
      baseline_s: baseline,
      peak_rss_mb: parallel.peakRssMb,
      sizes: { las: LAS, children, episodes, cin_referrals: referrals, mb: Math.round(bytes / 1e6) },
      note:
        `wall; CPU ${parallel.cpuS.toFixed(2)} s (all threads); main thread only ${single.wallS.toFixed(2)} s wall, ${single.cpuS.toFixed(2)} s CPU, ` +
        `${single.peakRssMb.toFixed(0)} MB; with --max-old-space-size=${BOUNDED_HEAP_MB} peak RSS ${bounded.peakRssMb.toFixed(0)} MB; ` +
        `results ${identical ? "identical" : "DIFFER"} on ${parallel.workers} and 0 workers; load average ${load}`,
    });
    if (!identical) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--import-only") {
  importOnly(process.argv[3], process.argv[4]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (process.argv[2] === "--generate") {
  const { writeSyntheticReturns } = require("../lib/synthetic/returns-files") as typeof import("../lib/synthetic/returns-files");
  writeSyntheticReturns(process.argv[3], { seed: SEED, las: specs(), firstYear: YEAR, lastYear: YEAR });
} else {
  main();
}
