/**
 * Panel benchmark (issue 14): the within-LA panel of one outcome on each of 166 indicators over 153 LAs ×
 * 13 years — per indicator a two-way fixed-effects fit (LA and year) with cluster-robust SEs by LA in both
 * conventions (CR1 and HC0) and the between-LA correlation — the size of the official package.
 *
 * TypeScript: `panelAnalysis` on an in-memory package (building the LA×year grid included), median of 5
 * after warm-up. R, same data in the same run (bench/panel.bench.R): per indicator `plm(model = "within",
 * effect = "twoways")`, `vcovHC(type = "HC0", cluster = "group")`, `coeftest`, the CR1 factor and `cor` of
 * LA means. The ratio R / TypeScript is printed (> 1: TypeScript is faster).
 *
 * With BENCH_PANEL_PACKAGE=DIR (e.g. the imported official package) it also times `readPackage(DIR)` and
 * `panelAnalysis` on every indicator of it against BENCH_PANEL_OUTCOME (default care_leavers_eet_19_21_pct),
 * i.e. what `vital-signs panel` does. Synthetic data are seeded, never real children's data.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as aq from "arquero";
import { createRng } from "../lib/stats/random";
import { readPackage } from "../lib/data/package";
import type { DataPackage } from "../lib/data/types";
import { panelAnalysis } from "../lib/vitals/panel";
import { median } from "./median";
import { peakRssMb, recordBenchResult } from "./results";

const SEED = 20260401;
const N_LA = 153;
const N_YEARS = 13;
const FIRST_YEAR = 2013;
const N_INDICATORS = 166;
/** Share of LA-years missing per indicator (suppression, late starts), as in the official package. */
const MISSING_SHARE = 0.12;

/** Seeded LA×year panel: LA and year effects, indicators partly driven by the LA effect, outcome driven by a few. */
function generate() {
  const rng = createRng(SEED);
  const laEffect = Array.from({ length: N_LA }, () => rng.nextNormal());
  const yearEffect = Array.from({ length: N_YEARS }, () => 0.5 * rng.nextNormal());
  const las = Array.from({ length: N_LA }, (_, i) => `E${String(6000001 + i).padStart(8, "0")}`);
  const x = Array.from({ length: N_INDICATORS }, (_, j) =>
    Float64Array.from({ length: N_LA * N_YEARS }, (_, c) => (rng.nextFloat() < MISSING_SHARE ? NaN : 50 + 5 * ((j % 5) / 4) * laEffect[Math.floor(c / N_YEARS)] + 3 * rng.nextNormal())));
  const y = Float64Array.from({ length: N_LA * N_YEARS }, (_, c) => {
    const i = Math.floor(c / N_YEARS);
    const t = c % N_YEARS;
    const drive = Number.isNaN(x[0][c]) ? 50 : x[0][c];
    return 60 + 4 * laEffect[i] + yearEffect[t] + 0.3 * (drive - 50) + 2 * rng.nextNormal();
  });
  return { las, x, y };
}

function toPackage(d: ReturnType<typeof generate>): DataPackage {
  const la: string[] = [];
  const period: number[] = [];
  const indicator: string[] = [];
  const value: (number | null)[] = [];
  const push = (id: string, v: Float64Array) => {
    for (let c = 0; c < v.length; c++) {
      la.push(d.las[Math.floor(c / N_YEARS)]);
      period.push(FIRST_YEAR + (c % N_YEARS));
      indicator.push(id);
      value.push(Number.isNaN(v[c]) ? null : v[c]);
    }
  };
  push("outcome", d.y);
  d.x.forEach((v, j) => push(`ind${j + 1}`, v));
  const ids = ["outcome", ...d.x.map((_, j) => `ind${j + 1}`)];
  return {
    dir: "memory",
    descriptor: { name: "bench", title: "panel bench", resources: [] } as never,
    areas: aq.table({ la_code: d.las, first_period: d.las.map(() => null), last_period: d.las.map(() => null) }),
    catalogue: aq.table({ indicator: ids, label: ids, polarity: ids.map(() => "up") }),
    indicators: aq.table({ la_code: la, period, indicator, value }),
    context: aq.table({ la_code: [], period: [], variable: [], value: [] }),
    outcomes: aq.table({ la_code: [], outcome: [], value: [], label: [], date: [], period: [] }),
  };
}

function seconds(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** CPU seconds (user + system) of this process spent in f: unlike wall-clock time, not inflated by other load. */
function cpuSeconds(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

const data = generate();
const pkg = toPackage(data);
const run = () => panelAnalysis(pkg, { outcome: "outcome" });
for (let w = 0; w < 2; w++) run(); // warm-up (JIT)
const tsPanel = median([0, 1, 2, 3, 4].map(() => seconds(run)));
const tsPanelCpu = median([0, 1, 2, 3, 4].map(() => cpuSeconds(run)));
const check = run().indicators[0];

console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs (timings are wall-clock)`);
console.log(`panel: ${N_INDICATORS} indicators × ${N_LA} LAs × ${N_YEARS} years (${MISSING_SHARE * 100}% LA-years missing); per indicator two-way FE, CR1 + HC0 cluster SEs, between r`);
console.log(`  TypeScript: panelAnalysis ${(tsPanel * 1000).toFixed(0)} ms wall, ${(tsPanelCpu * 1000).toFixed(0)} ms CPU (medians of 5; ${((tsPanel / N_INDICATORS) * 1000).toFixed(2)} ms wall per indicator); ind1 within coef ${check.withinCoef.toFixed(4)} (planted 0.3)`);

const panelSizes = { indicators: N_INDICATORS, las: N_LA, years: N_YEARS };
const recordPanel = (rSeconds: number | null, note: string) =>
  recordBenchResult({
    name: "panel",
    job: "two-way fixed-effects panel with cluster SEs, every indicator (median of 5)",
    ours_s: tsPanel,
    baseline: "R plm (bench/panel.bench.R)",
    baseline_s: rSeconds,
    peak_rss_mb: peakRssMb(),
    sizes: panelSizes,
    note,
  });
const rAvailable = spawnSync("Rscript", ["--version"], { encoding: "utf8" }).status === 0;
if (!rAvailable) {
  console.log("  R: not installed (Rscript not found) — no ratio");
  recordPanel(null, "R not found");
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "panel-bench-"));
  const csv = path.join(dir, "panel.csv");
  const header = ["unit", "time", "y", ...data.x.map((_, j) => `ind${j + 1}`)].join(",");
  const lines = Array.from({ length: N_LA * N_YEARS }, (_, c) =>
    [data.las[Math.floor(c / N_YEARS)], FIRST_YEAR + (c % N_YEARS), data.y[c], ...data.x.map((v) => (Number.isNaN(v[c]) ? "" : v[c]))].join(","));
  fs.writeFileSync(csv, [header, ...lines].join("\n") + "\n");
  const r = spawnSync("Rscript", [path.join(__dirname, "panel.bench.R"), csv], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("{"));
  if (r.status !== 0 || !line) {
    console.log(`  R: failed (${r.status}): ${(r.stderr ?? "").slice(0, 300)}`);
    recordPanel(null, "R failed");
  } else {
    const t = JSON.parse(line) as { panel: number; panel_cpu: number; coef1: number; r: string; plm: string };
    recordPanel(t.panel, `R ${t.r}, plm ${t.plm}`);
    console.log(`  R (${t.r}, plm ${t.plm}): ${(t.panel * 1000).toFixed(0)} ms wall, ${(t.panel_cpu * 1000).toFixed(0)} ms CPU; ind1 within coef ${t.coef1.toFixed(4)}`);
    console.log(`  ratio R / TypeScript: ${(t.panel / tsPanel).toFixed(1)}× wall, ${(t.panel_cpu / tsPanelCpu).toFixed(1)}× CPU (> 1 means TypeScript is faster)`);
  }
}

const pkgDir = process.env.BENCH_PANEL_PACKAGE;
if (pkgDir) {
  const outcome = process.env.BENCH_PANEL_OUTCOME ?? "care_leavers_eet_19_21_pct";
  let real: DataPackage | undefined;
  const c0 = process.cpuUsage();
  const tRead = seconds(() => (real = readPackage(pkgDir)));
  const c1 = process.cpuUsage(c0);
  let n = 0;
  const tFit = seconds(() => (n = panelAnalysis(real!, { outcome }).indicators.length));
  const c2 = process.cpuUsage(c0);
  const ms = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000).toFixed(0);
  console.log(`package ${pkgDir}: readPackage ${(tRead * 1000).toFixed(0)} ms wall (${ms(c1)} ms CPU); panelAnalysis on ${n} indicators against ${outcome} ${(tFit * 1000).toFixed(0)} ms wall (first run, no warm-up); total ${((tRead + tFit) * 1000).toFixed(0)} ms wall, ${ms(c2)} ms CPU`);
}
