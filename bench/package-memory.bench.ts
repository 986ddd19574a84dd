/**
 * Memory and CPU of reading a large data package (issue #19: a 1.44 M-row package must analyse in ≤ 400 MB,
 * so the package in memory must stay ≤ 0.2 KB per indicator row). Builds a package of LAS LAs × INDICATORS
 * indicators × PERIODS periods (1.44 M indicator rows, the size) in a temporary folder, then reads it
 * with `readPackage` in a child process started with `--expose-gc`, which reports the CPU time of the read,
 * the heap and typed-array bytes the loaded package holds (after a full GC, minus those before the read) per
 * indicator row, and the child's peak RSS. No baseline: the figure to compare run to run is bytes per row.
 * Then (when dist/ is built) the whole `vital-signs analyse` process on the package (ANALYSE_RESAMPLES
 * resamples: its memory is the package's and the report's, not the bootstrap's): its peak RSS is the issue's
 * figure (≤ 400 MB).
 *
 * `node --import tsx bench/package-memory.bench.ts [--las N --indicators N --periods N]`; the package is
 * written once per size under the system's temp folder and reused.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatHash } from "../lib/data/frictionless";
import { readPackage, sha256, writePackage } from "../lib/data/package";
import type { AreaRow, CatalogueRow, IndicatorRow, PackageDescriptor } from "../lib/data/types";
import { recordBenchResult } from "./results";

/** The large package: 150 LAs × 960 indicators × 10 periods = 1.44 M indicator rows. */
const DEFAULT_SIZE = { las: 150, indicators: 960, periods: 10 };
/** First period of the generated package (any year in the schema's 1990–2100 range would do). */
const FIRST_PERIOD = 2011;
/** Share of generated indicator rows suppressed (value missing, status `suppressed:c`), as in real releases. */
const SUPPRESSED_SHARE = 0.05;
/** Share of generated indicator rows with a numerator and denominator. */
const WITH_COUNTS_SHARE = 0.3;

/** Ofsted's four judgements, grade 1 to 4, so the package can be analysed against a graded outcome. */
const GRADE_LABELS = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"];

interface Size {
  las: number;
  indicators: number;
  periods: number;
}

/** A small deterministic generator (LCG, Numerical Recipes constants), so the package is the same every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const laCode = (a: number) => `E06${String(900000 + a).padStart(6, "0")}`;
const indicatorId = (k: number) => `ind${String(k).padStart(4, "0")}_pct`;

/**
 * Write a package of the given size to `dir`: small resources through writePackage, then indicators.csv as
 * text (1.44 M row objects would cost more memory than the read being measured) with its hash, bytes and
 * rows put in datapackage.json.
 */
function writeLargePackage(dir: string, size: Size): void {
  const areas: AreaRow[] = [];
  for (let a = 0; a < size.las; a++) {
    areas.push({ la_code: laCode(a), la_name: `LA ${a}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null });
  }
  const catalogue: CatalogueRow[] = [];
  for (let k = 0; k < size.indicators; k++) {
    catalogue.push({ indicator: indicatorId(k), label: `Indicator ${k} (%)`, domain: "child-safe", polarity: k % 2 ? "up" : "down", unit: "percent", numerator: "children", denominator: "children", source: "bench", definition: `Generated indicator ${k}` });
  }
  const firstRows: IndicatorRow[] = catalogue.map((c) => ({ la_code: laCode(0), period: FIRST_PERIOD, indicator: c.indicator, value: 1, numerator: null, denominator: null, status: "" }));
  writePackage(dir, {
    name: "bench-large",
    title: "Generated large package (bench/package-memory.bench.ts)",
    created: "2026-01-01",
    areas,
    catalogue,
    indicators: firstRows,
    // a deprivation score that varies between LAs: one of 0.2 for all could not be allowed for, and analyse refuses it
    context: areas.map((a, i) => ({ la_code: a.la_code, period: FIRST_PERIOD, variable: "idaci_score", value: 0.1 + (i % 25) / 100 })),
    outcomes: areas.map((a, i) => ({ la_code: a.la_code, outcome: "ofsted_overall", value: 1 + (i % 4), label: GRADE_LABELS[i % 4], date: "2016-01-01", period: 2016 })),
  });
  const random = lcg(20260101);
  const lines = ["la_code,period,indicator,value,numerator,denominator,status"];
  for (let k = 0; k < size.indicators; k++) {
    for (let p = 0; p < size.periods; p++) {
      for (let a = 0; a < size.las; a++) {
        const u = random();
        const row = `${laCode(a)},${FIRST_PERIOD + p},${indicatorId(k)}`;
        if (u < SUPPRESSED_SHARE) lines.push(`${row},,,,suppressed:c`);
        else if (u < SUPPRESSED_SHARE + WITH_COUNTS_SHARE) {
          const den = 20 + Math.floor(random() * 500);
          const num = Math.floor(random() * den);
          lines.push(`${row},${Math.round((1000 * num) / den) / 10},${num},${den},`);
        } else lines.push(`${row},${Math.round(random() * 1000) / 10},,,`);
      }
    }
  }
  const text = lines.join("\n") + "\n";
  fs.writeFileSync(path.join(dir, "indicators.csv"), text);
  const dpFile = path.join(dir, "datapackage.json");
  const dp = JSON.parse(fs.readFileSync(dpFile, "utf8")) as PackageDescriptor;
  const res = dp.resources.find((r) => r.name === "indicators")!;
  Object.assign(res, { hash: formatHash(sha256(text)), bytes: Buffer.byteLength(text), rows: lines.length - 1 });
  fs.writeFileSync(dpFile, JSON.stringify(dp, null, 2) + "\n");
}

/** In the child (`--measure DIR`, with --expose-gc): read the package and print one JSON line of figures. */
function measure(dir: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("package-memory bench: the measuring child needs node --expose-gc");
  gc();
  const before = process.memoryUsage();
  const cpu = process.cpuUsage();
  const pkg = readPackage(dir);
  const used = process.cpuUsage(cpu);
  gc();
  const after = process.memoryUsage();
  const rows = pkg.indicators.numRows();
  const heldBytes = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  console.log(JSON.stringify({ rows, cpu_s: (used.user + used.system) / 1e6, held_mb: heldBytes / 1e6, bytes_per_row: heldBytes / rows, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
}

/** Resamples of the measured analyse run (few: the bootstrap's memory does not grow with them, its time does). */
const ANALYSE_RESAMPLES = 20;

/**
 * Peak RSS (MB) and CPU seconds of the whole `node bin/vital-signs.js analyse DIR` process, or undefined when
 * dist/ is not built. The child reports its own `process.resourceUsage()` as it exits (what /usr/bin/time's %M gives).
 */
function measureAnalyse(dir: string): { peak_rss_mb: number; cpu_s: number } | undefined {
  const bin = path.join(__dirname, "..", "bin", "vital-signs.js");
  if (!fs.existsSync(path.join(__dirname, "..", "dist", "cli", "main.js"))) return undefined;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-bench-package-analyse-"));
  const report = `process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("\\nBENCH " + JSON.stringify({ peak_rss_mb: u.maxRSS / 1024, cpu_s: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + "\\n"); });`;
  const args = ["analyse", dir, "--outcome", "ofsted_overall", "--resamples", String(ANALYSE_RESAMPLES), "--seed", "7", "--out", out];
  const child = spawnSync(process.execPath, ["-e", `${report} process.argv.splice(1, 0, ${JSON.stringify(bin)}); require(${JSON.stringify(bin)});`, ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  fs.rmSync(out, { recursive: true, force: true });
  const line = child.stderr.split("\n").find((l) => l.startsWith("BENCH "));
  if (child.status !== 0 || !line) throw new Error(`package-memory bench: analyse child failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line.slice("BENCH ".length)) as { peak_rss_mb: number; cpu_s: number };
}

function sizeFromArgs(args: readonly string[]): Size {
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  return { las: option("las", DEFAULT_SIZE.las), indicators: option("indicators", DEFAULT_SIZE.indicators), periods: option("periods", DEFAULT_SIZE.periods) };
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === "--measure") return measure(args[1]);
  const size = sizeFromArgs(args);
  const dir = path.join(os.tmpdir(), `vsw-bench-package-v3-${size.las}x${size.indicators}x${size.periods}`);
  if (!fs.existsSync(path.join(dir, "datapackage.json"))) writeLargePackage(dir, size);
  const child = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", __filename, "--measure", dir], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`package-memory bench: measuring child failed: ${child.stderr}`);
  const m = JSON.parse(child.stdout.trim().split("\n").pop()!) as { rows: number; cpu_s: number; held_mb: number; bytes_per_row: number; peak_rss_mb: number };
  console.log(`readPackage of ${m.rows} indicator rows (${size.las} LAs × ${size.indicators} indicators × ${size.periods} periods): ${m.cpu_s.toFixed(2)} s CPU, package held ${m.held_mb.toFixed(0)} MB = ${m.bytes_per_row.toFixed(0)} bytes per indicator row, peak RSS ${m.peak_rss_mb.toFixed(0)} MB`);
  const analysed = measureAnalyse(dir);
  if (analysed) console.log(`vital-signs analyse of that package (--resamples ${ANALYSE_RESAMPLES}), whole process: ${analysed.cpu_s.toFixed(2)} s CPU, peak RSS ${analysed.peak_rss_mb.toFixed(0)} MB`);
  else console.log("vital-signs analyse not measured: run `npm run build` first");
  recordBenchResult({
    name: "package-memory",
    job: `readPackage of a ${(m.rows / 1e6).toFixed(2)} M-row package (CPU time)`,
    ours_s: m.cpu_s,
    baseline: null,
    baseline_s: null,
    peak_rss_mb: m.peak_rss_mb,
    sizes: {
      indicator_rows: m.rows, las: size.las, indicators: size.indicators, periods: size.periods, bytes_per_row: Math.round(m.bytes_per_row),
      ...(analysed ? { analyse_peak_rss_mb: Math.round(analysed.peak_rss_mb), analyse_cpu_s: Math.round(analysed.cpu_s * 100) / 100 } : {}),
    },
    note: `CPU seconds of the read; bytes_per_row: heap and typed arrays the loaded package holds after a full GC, per indicator row; analyse_peak_rss_mb: the whole vital-signs analyse process (--resamples ${ANALYSE_RESAMPLES})`,
  });
}

main();
