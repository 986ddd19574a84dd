/**
 * Returns import speed: a synthetic national-size collection year — SSDA903 with about 100,000 children and
 * 170,000 episodes, and a CIN census with about 650,000 referrals — read, pseudonymised, validated and
 * aggregated to LA indicators by `importReturns`, with wall time, CPU time and peak memory (max RSS).
 * Baseline in the same run: only reading the same files and splitting them into lines (the I/O floor), so
 * the ratio says what parsing, validation and the indicator definitions cost on top.
 *
 * The files are written by a child process first (lib/synthetic/returns-files, seeded), so generating them
 * leaves nothing in this process's memory. `RETURNS_BENCH_SCALE=0.1` runs a tenth of the size.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importReturns } from "../lib/returns/import-returns";
import type { SynthLaSpec } from "../lib/synthetic/returns-model";

const SCALE = Number(process.env.RETURNS_BENCH_SCALE ?? "1");
const YEAR = 2023;
const SEED = 11;
/** LAs the national total is spread over (each with its own folder, as a regional data set would be). */
const LAS = 30;
/** Simulated over 7 years of history, about half of the looked-after children have an episode in the year (≈ 100,000, ≈ 170,000 episodes at scale 1). */
const LOOKED_AFTER_SIMULATED = Math.round(185_000 * SCALE);
/** Over the 4-year CIN window about 0.75 referrals per simulated child are in the year's census (≈ 650,000 at scale 1). */
const CIN_SIMULATED = Math.round(870_000 * SCALE);

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

/** Old-space heap limit of the bounded-memory run (MB): the import must fit in it whatever the national size. */
const BOUNDED_HEAP_MB = 160;

if (process.argv[2] === "--import-only") {
  const cpu = process.cpuUsage();
  const result = importReturns(process.argv[3], { key: Buffer.from("bench-key-not-a-secret-0123456789") });
  const used = process.cpuUsage(cpu);
  console.log(`  with --max-old-space-size=${BOUNDED_HEAP_MB}: ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; ${result.indicators.length} indicator rows`);
  process.exit(0);
}

if (process.argv[2] === "--generate") {
  const { writeSyntheticReturns } = require("../lib/synthetic/returns-files") as typeof import("../lib/synthetic/returns-files");
  writeSyntheticReturns(process.argv[3], { seed: SEED, las: specs(), firstYear: YEAR, lastYear: YEAR });
  process.exit(0);
}

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
  const baseline = performance.now() - b0;
  const baselineCpu = process.cpuUsage(cpu0);

  const cpu1 = process.cpuUsage();
  const r0 = performance.now();
  const result = importReturns(dir, { key: Buffer.from("bench-key-not-a-secret-0123456789") });
  const wall = performance.now() - r0;
  const cpu = process.cpuUsage(cpu1);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`baseline (read + split ${lines} lines): ${(baseline / 1000).toFixed(2)} s wall, ${((baselineCpu.user + baselineCpu.system) / 1e6).toFixed(2)} s CPU`);
  console.log(
    `importReturns: ${(wall / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, peak RSS ${peakMb.toFixed(0)} MB; ` +
      `${result.indicators.length} indicator rows for ${result.las.length} LAs; ${(wall / baseline).toFixed(1)}× the I/O floor`,
  );
  const bounded = spawnSync(process.execPath, [`--max-old-space-size=${BOUNDED_HEAP_MB}`, "--import", "tsx", __filename, "--import-only", dir], { stdio: "inherit" });
  if (bounded.status !== 0) throw new Error(`returns bench: the import did not fit in a ${BOUNDED_HEAP_MB} MB heap`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
