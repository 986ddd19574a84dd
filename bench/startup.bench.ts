/**
 * Start-up of the built CLI (issue #19: `vital-signs --help` and `validate` under 0.1 s CPU above `node -e 0`):
 * CPU seconds (user + system, every thread) of fresh processes, `node -e 0` in the same run as the baseline, runs
 * alternated so that load on a shared machine hits each command alike; medians of RUNS.
 *
 * - `startup-help`: `vital-signs --help` (every command's summary; no command's code loaded).
 * - `startup-validate`: `vital-signs validate` on the embedded package (datasets/pilot-synthetic: 60,000 indicator
 *   rows, 3.3 MB): loading its modules, reading and checking every cell, printing the completeness summary. Its
 *   note splits one in-process run into loading the command's modules and the read + check + summary (and that
 *   read + check + summary run again in the same process: what is left once V8 has compiled the reader, so the
 *   difference is warm-up, not work per row), and gives validate of the same package with indicators.csv cut to its
 *   first {@link CUT_ROWS} rows (the other resources and every check unchanged; hash, bytes and rows updated in a
 *   copy in the temporary folder). The cut copy still reads context.csv's 6,000 rows, which is enough for V8 to
 *   compile the reader (round 19: its cost is mostly that warm-up, little of it fixed work).
 *
 * Needs dist/ (`npm run build`). Page faults are reported too: on the 2-core VM these were measured on, touching a
 * fresh MiB of memory costs ≈ 2.8 ms, which is most of what `node -e 0` itself costs.
 *
 * Where validate's CPU goes by thread (Linux: /proc): in further fresh runs, the CPU of V8's background threads
 * (its optimising compiler, TurboFan, and GC helpers; `node -e 0` has almost none) apart from the main thread's, and
 * the number of TurboFan compiles (`--trace-opt`). Round 21 found ≈ 50 ms of validate's ≈ 130 ms above `node -e 0` on
 * those threads, most of it compiling the reader's per-cell functions once they are hot (the cut copy's runs pay it too).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { median } from "./median";
import { recordBenchResult } from "./results";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "vital-signs.js");
const RUNS = 21;
/** Indicator rows kept in the cut copy of the embedded package. */
const CUT_ROWS = 200;

interface Usage {
  cpuS: number;
  rssMb: number;
  faults: number;
}

/**
 * Runs a command and writes `BENCH_TIME user sys maxrss_kb minor_faults` to stderr from the kernel's rusage of the
 * child (os.wait4): microseconds, where /usr/bin/time gives user and system time in 10 ms clock ticks, too coarse
 * for a 100 ms goal (round 27: validate's median read 100 ms at 10 ms resolution and 93 ms at microseconds, 41
 * interleaved runs on a quiet machine).
 */
const WAIT4 = [
  "import os, subprocess, sys",
  "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)",
  "err = p.stderr.read()",
  "_, status, ru = os.wait4(p.pid, 0)",
  "p.returncode = 0",
  "sys.stderr.buffer.write(err)",
  "print('BENCH_TIME %.6f %.6f %d %d' % (ru.ru_utime, ru.ru_stime, ru.ru_maxrss, ru.ru_minflt), file=sys.stderr)",
  "sys.exit(0 if status == 0 else 1)",
].join("\n");
const PYTHON = "/usr/bin/python3";

/**
 * CPU (user + system), peak RSS and minor page faults of one fresh `node ARGS` process: from the child's rusage
 * through {@link WAIT4} where /usr/bin/python3 is, else from /usr/bin/time (10 ms resolution).
 */
function timedNode(args: readonly string[]): Usage {
  const r = fs.existsSync(PYTHON)
    ? spawnSync(PYTHON, ["-c", WAIT4, process.execPath, ...args], { encoding: "utf8", cwd: ROOT })
    : spawnSync("/usr/bin/time", ["-f", "BENCH_TIME %U %S %M %R", process.execPath, ...args], { encoding: "utf8", cwd: ROOT });
  const line = (r.stderr ?? "").split("\n").find((l) => l.startsWith("BENCH_TIME "));
  if (r.status !== 0 || line === undefined) throw new Error(`startup bench: node ${args.join(" ")} failed: ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" | ")}`);
  const [user, sys, rssKb, faults] = line.slice("BENCH_TIME ".length).split(" ").map(Number);
  return { cpuS: user + sys, rssMb: rssKb / 1024, faults };
}

/**
 * One in-process run of validate: CPU of loading its command module, then of printPackageSummary on the embedded
 * package, then of printPackageSummary again in the same process. The second run does the same reading and checking
 * with V8's optimised code already made and the heap already grown, so first − second is the start-up's warm-up
 * (interpreted code, TurboFan compiles, first touches of memory) rather than work per row.
 */
function validateSplit(): { loadS: number; runS: number; againS: number } {
  const summary = `printPackageSummary(${JSON.stringify(path.join(ROOT, "datasets", "pilot-synthetic"))}, { out() {}, err() {} });`;
  const script = [
    "const c0 = process.cpuUsage();",
    `const { printPackageSummary } = require(${JSON.stringify(path.join(ROOT, "dist", "cli", "commands", "validate"))});`,
    "const c1 = process.cpuUsage();",
    summary,
    "const c2 = process.cpuUsage();",
    summary,
    "const c3 = process.cpuUsage();",
    "const s = (a, b) => (b.user - a.user + b.system - a.system) / 1e6;",
    "console.log(JSON.stringify({ loadS: s(c0, c1), runS: s(c1, c2), againS: s(c2, c3) }));",
  ].join("\n");
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`startup bench: the in-process validate failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim()) as { loadS: number; runS: number; againS: number };
}

/** Indicator rows (lines of indicators.csv after its header) and MB of the embedded package's files. */
function embeddedSizes(): Record<string, number> {
  const dir = path.join(ROOT, "datasets", "pilot-synthetic");
  const indicators = fs.readFileSync(path.join(dir, "indicators.csv"));
  let lines = 0;
  for (let at = indicators.indexOf(10); at >= 0; at = indicators.indexOf(10, at + 1)) lines++;
  const bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  return { indicator_rows: lines - 1, mb: Math.round(bytes / 1e5) / 10 };
}

/**
 * A copy of the embedded package in a new temporary folder with indicators.csv cut to its header and first `rows`
 * rows, its descriptor's hash, bytes and rows updated (so that it validates); the caller removes the folder.
 */
function cutEmbeddedPackage(rows: number): string {
  const from = path.join(ROOT, "datasets", "pilot-synthetic");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-bench-cut-"));
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  const csv = fs.readFileSync(path.join(from, "indicators.csv"));
  let end = 0;
  for (let line = 0; line <= rows; line++) end = csv.indexOf(10, end) + 1;
  const cut = csv.subarray(0, end);
  fs.writeFileSync(path.join(dir, "indicators.csv"), cut);
  const descriptorFile = path.join(dir, "datapackage.json");
  const descriptor = JSON.parse(fs.readFileSync(descriptorFile, "utf8")) as { resources: { name: string; hash: string; bytes: number; rows: number }[] };
  const indicators = descriptor.resources.find((r) => r.name === "indicators")!;
  Object.assign(indicators, { hash: `sha256:${createHash("sha256").update(cut).digest("hex")}`, bytes: cut.length, rows });
  fs.writeFileSync(descriptorFile, JSON.stringify(descriptor, null, 2) + "\n");
  return dir;
}

/**
 * Preloaded (`--require`) into a measured process: at exit it writes `BENCH_THREADS <main> <background>` (CPU
 * seconds) to stderr, the background being the sum over the process's other threads (asleep by then, so their
 * /proc/self/task/<tid>/schedstat run time is up to date) and the main thread the rest of process.cpuUsage();
 * `BENCH_THREADS unavailable <why>` when /proc does not give them.
 */
const THREAD_CPU_PRELOAD = `"use strict";
process.on("exit", () => {
  const fs = require("node:fs");
  let line;
  try {
    let background = 0;
    for (const tid of fs.readdirSync("/proc/self/task")) {
      if (Number(tid) !== process.pid) background += Number(fs.readFileSync("/proc/self/task/" + tid + "/schedstat", "utf8").split(" ")[0]) / 1e9;
    }
    const c = process.cpuUsage();
    line = "BENCH_THREADS " + ((c.user + c.system) / 1e6 - background) + " " + background;
  } catch (e) {
    line = "BENCH_THREADS unavailable " + String(e && e.message).replace(/\\s+/g, " ");
  }
  fs.writeSync(2, line + "\\n");
});
`;

/**
 * CPU of validate's main thread and of V8's background threads (medians of `runs` fresh processes), and the
 * TurboFan compiles of one run; undefined (saying why) where /proc does not give each thread's CPU (not Linux).
 */
function validateThreads(runs: number, dir: string): { mainS: number; backgroundS: number; compiles: number } | undefined {
  if (!fs.existsSync("/proc/self/task")) return undefined;
  const preload = path.join(dir, "thread-cpu.js");
  fs.writeFileSync(preload, THREAD_CPU_PRELOAD);
  const main: number[] = [];
  const background: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ["--require", preload, BIN, "validate"], { encoding: "utf8", cwd: ROOT });
    const line = (r.stderr ?? "").split("\n").find((l) => l.startsWith("BENCH_THREADS "));
    if (r.status !== 0 || line === undefined) throw new Error(`startup bench: validate with the thread preload failed: ${(r.stderr || r.stdout).trim()}`);
    if (line.startsWith("BENCH_THREADS unavailable")) {
      console.log(`startup bench: validate's CPU by thread not measured (${line.slice("BENCH_THREADS unavailable ".length)})`);
      return undefined;
    }
    const [m, b] = line.slice("BENCH_THREADS ".length).split(" ").map(Number);
    main.push(m);
    background.push(b);
  }
  const traced = spawnSync(process.execPath, ["--trace-opt", BIN, "validate"], { encoding: "utf8", cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const compiles = traced.stdout.split("\n").filter((l) => /^\[completed compiling .*\(target TURBOFAN\)/.test(l)).length;
  return { mainS: median(main), backgroundS: median(background), compiles };
}

const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;

function main(): void {
  if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js"))) {
    console.log("startup bench: skipped, dist/ is not built (npm run build)");
    return;
  }
  const cutDir = cutEmbeddedPackage(CUT_ROWS);
  const jobs = { node: ["-e", "0"], help: [BIN, "--help"], validate: [BIN, "validate"], cut: [BIN, "validate", cutDir] } as const;
  const runs: Record<keyof typeof jobs, Usage[]> = { node: [], help: [], validate: [], cut: [] };
  let threads: ReturnType<typeof validateThreads>;
  try {
    for (let i = 0; i < RUNS; i++) for (const job of Object.keys(jobs) as (keyof typeof jobs)[]) runs[job].push(timedNode(jobs[job]));
    threads = validateThreads(RUNS, cutDir);
  } finally {
    fs.rmSync(cutDir, { recursive: true, force: true });
  }
  const cpu = (job: keyof typeof jobs) => median(runs[job].map((u) => u.cpuS));
  const faults = (job: keyof typeof jobs) => median(runs[job].map((u) => u.faults));
  const rss = (job: keyof typeof jobs) => median(runs[job].map((u) => u.rssMb));
  const splits = Array.from({ length: 3 }, validateSplit);
  const load = median(splits.map((s) => s.loadS));
  const run = median(splits.map((s) => s.runS));
  const again = median(splits.map((s) => s.againS));
  const nodeCpu = cpu("node");
  console.log(`node -e 0: ${ms(nodeCpu)} CPU, ${faults("node")} page faults, ${rss("node").toFixed(0)} MB (medians of ${RUNS})`);
  for (const job of ["help", "validate"] as const) {
    console.log(`vital-signs ${job === "help" ? "--help" : "validate"}: ${ms(cpu(job))} CPU (${ms(cpu(job) - nodeCpu)} above node -e 0), ${faults(job)} page faults, ${rss(job).toFixed(0)} MB`);
  }
  console.log(`validate in process: loading its modules ${ms(load)} CPU, reading + checking + summary ${ms(run)} CPU, the same again in that process ${ms(again)} (medians of 3)`);
  console.log(`vital-signs validate, indicators.csv cut to ${CUT_ROWS} rows: ${ms(cpu("cut"))} CPU (${ms(cpu("cut") - nodeCpu)} above node -e 0)`);
  const threadsText = threads === undefined ? "" : `; by thread: main ${ms(threads.mainS)}, V8's background threads (optimising compiler, GC helpers) ${ms(threads.backgroundS)}, ${threads.compiles} TurboFan compiles`;
  if (threads !== undefined) console.log(`vital-signs validate${threadsText.slice(1)} (medians of ${RUNS} more fresh runs)`);
  const common = { baseline: "`node -e 0`, same run", baseline_s: nodeCpu } as const;
  recordBenchResult({
    name: "startup-help",
    job: "`vital-signs --help` (start-up: the command list, no command loaded)",
    ours_s: cpu("help"),
    ...common,
    peak_rss_mb: rss("help"),
    sizes: {},
    note: `CPU s (user + system, the child's rusage) of the whole process, medians of ${RUNS} alternating fresh runs; ${ms(cpu("help") - nodeCpu)} above node -e 0 (goal < 100 ms); page faults ${faults("help")} vs ${faults("node")}`,
  });
  recordBenchResult({
    name: "startup-validate",
    job: "`vital-signs validate` of the embedded package (load, read and check every cell, completeness summary)",
    ours_s: cpu("validate"),
    ...common,
    peak_rss_mb: rss("validate"),
    sizes: embeddedSizes(),
    note: `CPU s (user + system, the child's rusage) of the whole process, medians of ${RUNS} alternating fresh runs; ${ms(cpu("validate") - nodeCpu)} above node -e 0 (goal < 100 ms); in process: loading its modules ${ms(load)}, read + check + summary ${ms(run)} (${ms(again)} when run again in that process; the difference is warm-up: V8 compiling, memory touched for the first time); the same package with indicators.csv cut to its first ${CUT_ROWS} rows: ${ms(cpu("cut") - nodeCpu)} above node -e 0; page faults ${faults("validate")} vs ${faults("node")}${threadsText}`,
  });
}

main();
