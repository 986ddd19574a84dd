/**
 * How long importing all of ../shared/data/official takes (the issue asks for seconds, not minutes),
 * against two baselines measured in the same run: parsing every CSV with our reader (no mapping), and
 * pandas `read_csv` of the same CSVs (python3 + pandas, when available). Median of RUNS runs.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCsv } from "../lib/data/csv";
import { importOfficial, listSourceFiles } from "../lib/data/import/import-official";
import { median } from "./median";
import { peakRssMb, recordBenchResult } from "./results";

const RUNS = 3;
const DIR = process.env.VSW_OFFICIAL_DATA ?? path.resolve(__dirname, "..", "..", "shared", "data", "official");

async function main(): Promise<void> {
  if (!fs.existsSync(DIR)) {
    console.log(`import bench: skipped, official data not found at ${DIR}`);
    return;
  }
  const files = listSourceFiles([DIR]);
  const csvs = files.filter((f) => f.endsWith(".csv"));
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const full: number[] = [];
  const cpu: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await importOfficial([DIR], { created: "2026-01-01T00:00:00Z" });
    full.push((performance.now() - t) / 1000);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1e6); // every thread of the process (the workbook worker included)
    rows = r.content.indicators.length;
  }
  const cli = cliRuns();
  const parse: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    for (const f of csvs) parseCsv(fs.readFileSync(f, "utf8"), f);
    parse.push((performance.now() - t) / 1000);
  }
  console.log(`files: ${files.length} (${(bytes / 1e6).toFixed(1)} MB, ${csvs.length} CSV); indicator rows out: ${rows}`);
  console.log(`importOfficial (all sources, incl. 40 MB ODS XML and LAIT parquet): median ${median(full).toFixed(2)} s over ${RUNS} runs (CPU, all threads: median ${median(cpu).toFixed(2)} s)`);
  if (cli.length > 0) console.log(`\`vital-signs import\` (built CLI, package written): median ${median(cli).toFixed(2)} s over ${cli.length} runs`);
  console.log(`baseline parseCsv of the ${csvs.length} CSVs only: median ${median(parse).toFixed(2)} s  (import / parse = ${(median(full) / median(parse)).toFixed(1)}×)`);
  const py = spawnSync(
    "/usr/bin/python3",
    ["-c", `import sys,time,pandas as pd\nfs=sys.argv[1:]\nts=[]\nfor _ in range(${RUNS}):\n  t=time.perf_counter()\n  [pd.read_csv(f,dtype=str,keep_default_na=False,encoding='utf-8-sig',on_bad_lines='skip',engine='python') for f in fs]\n  ts.append(time.perf_counter()-t)\nprint(sorted(ts)[len(ts)//2])`, ...csvs],
    { encoding: "utf8" },
  );
  const pandasS = py.status === 0 ? Number(py.stdout.trim()) : null;
  recordBenchResult({
    name: "import-official",
    job: "`import` of ../shared/data/official (all sources; median of 3)",
    ours_s: median(full),
    baseline: pandasS === null ? `parseCsv of the ${csvs.length} CSVs only` : `pandas read_csv of the ${csvs.length} CSVs only`,
    baseline_s: pandasS ?? median(parse),
    peak_rss_mb: peakRssMb(),
    sizes: { files: files.length, mb: Math.round(bytes / 1e5) / 10, indicator_rows: rows },
    note: [
      pandasS === null ? "pandas not available: the baseline is our own CSV parser" : "",
      `in-process CPU (all threads) median ${median(cpu).toFixed(2)} s`,
      cli.length > 0 ? `built CLI \`vital-signs import\` (package written) median ${median(cli).toFixed(2)} s` : "",
    ].filter((x) => x !== "").join("; "),
  });
  if (py.status === 0) {
    const s = Number(py.stdout.trim());
    console.log(`baseline pandas read_csv of the same CSVs: median ${s.toFixed(2)} s  (import / pandas = ${(median(full) / s).toFixed(1)}×)`);
  } else {
    console.log(`baseline pandas: not available (${(py.stderr || "").trim().split("\n").pop()})`);
  }
}

/** Wall seconds of RUNS runs of the built CLI writing the package (none when dist/ is not built). */
function cliRuns(): number[] {
  const bin = path.resolve(__dirname, "..", "bin", "vital-signs.js");
  if (!fs.existsSync(path.resolve(__dirname, "..", "dist"))) return [];
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-import-bench-"));
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, "import", DIR, "--out", out, "--created", "2026-01-01T00:00:00Z"], { encoding: "utf8" });
    if (r.status !== 0) break;
    times.push((performance.now() - t) / 1000);
  }
  fs.rmSync(out, { recursive: true, force: true });
  return times;
}

void main();
