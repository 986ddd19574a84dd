/**
 * Statistics-core benchmark (issue 4): a 60-indicator × 150-LA screen — Pearson and Spearman correlation
 * matrices, and per indicator Pearson/Spearman/Kendall with the outcome, partial correlation given
 * IDACI, OLS (grade ~ indicator + IDACI), and a proportional-odds ordinal fit (grade ~ indicator + IDACI),
 * then BH over the ordinal p-values — once, and in B = 1,000 bootstrap resamples of LAs.
 *
 * The same work is timed in R (bench/stats.bench.R: cor, cor.test, lm, MASS::polr, p.adjust) on the same
 * generated data, and the ratio R time / TypeScript time is printed (> 1: TypeScript is faster). R's
 * bootstrap is timed on BENCH_R_REPLICATES resamples (default 20; polr makes 1,000 take many minutes in R)
 * and scaled linearly to B, which the output says. Environment: BENCH_REPLICATES (default 1000),
 * BENCH_R_REPLICATES (default 20). Data are synthetic (seeded), never real children's data.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRng } from "../lib/stats/random";
import { bootstrap, pickRows } from "../lib/stats/bootstrap";
import { correlationMatrix } from "../lib/stats/correlation-matrix";
import { pearson } from "../lib/stats/pearson";
import { spearman } from "../lib/stats/spearman";
import { kendall } from "../lib/stats/kendall";
import { partialCorrelation } from "../lib/stats/partial-correlation";
import { ols } from "../lib/stats/ols";
import { ordinalLogit } from "../lib/stats/ordinal-logit";
import { benjaminiHochberg } from "../lib/stats/multiple-testing";
import { peakRssMb, recordBenchResult } from "./results";

const SEED = 20160401;
const N_LA = 150;
const N_INDICATORS = 60;
const MISSING_SHARE = 0.03;
const B = Number(process.env.BENCH_REPLICATES ?? 1000);
const R_B = Number(process.env.BENCH_R_REPLICATES ?? 20);

/** Seeded synthetic screen data: IDACI, 60 indicators partly driven by it, a 4-level grade. */
function generate() {
  const rng = createRng(SEED);
  const idaci = Float64Array.from({ length: N_LA }, () => 0.08 + 0.3 * rng.nextFloat());
  const indicators = Array.from({ length: N_INDICATORS }, (_, j) => {
    const slope = (j % 7) - 3;
    return Float64Array.from(idaci, (d) => (rng.nextFloat() < MISSING_SHARE ? NaN : 10 + slope * 10 * d + rng.nextNormal()));
  });
  const grade = Float64Array.from(idaci, (d, i) => {
    const u = rng.nextFloat();
    const latent = 12 * (d - 0.23) + 0.3 * (Number.isNaN(indicators[0][i]) ? 0 : indicators[0][i] - 10) + Math.log(u / (1 - u));
    return latent < -1.5 ? 1 : latent < 0.8 ? 2 : latent < 2 ? 3 : 4;
  });
  return { idaci, indicators, grade };
}

const data = generate();
const bufIdaci = new Float64Array(N_LA);
const bufGrade = new Float64Array(N_LA);
const bufInd = data.indicators.map(() => new Float64Array(N_LA));
const ordinalP = new Float64Array(N_INDICATORS);
const out = new Float64Array(N_INDICATORS);

/** One full screen on the rows given (all rows for the estimate, a resample in the bootstrap). */
function screen(rows: Uint32Array): Float64Array {
  const idaci = pickRows(data.idaci, rows, bufIdaci);
  const grade = pickRows(data.grade, rows, bufGrade);
  const inds = data.indicators.map((v, j) => pickRows(v, rows, bufInd[j]));
  correlationMatrix(inds);
  correlationMatrix(inds, { method: "spearman" });
  for (let j = 0; j < N_INDICATORS; j++) {
    pearson(inds[j], grade);
    spearman(inds[j], grade);
    kendall(inds[j], grade);
    partialCorrelation(inds[j], grade, [idaci]);
    ols(grade, [inds[j], idaci]);
    const fit = ordinalLogit(grade, [inds[j], idaci]);
    ordinalP[j] = fit.coefficients[0].p;
    out[j] = fit.coefficients[0].estimate;
  }
  benjaminiHochberg(ordinalP);
  return out;
}

function seconds(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const all = Uint32Array.from({ length: N_LA }, (_, i) => i);
for (let w = 0; w < 3; w++) screen(all); // warm-up (JIT)
const screenTimes = [0, 1, 2, 3, 4].map(() => seconds(() => screen(all))).sort((a, b) => a - b);
const tsScreen = screenTimes[2];
let boot: ReturnType<typeof bootstrap> | undefined;
const tsBoot = seconds(() => {
  boot = bootstrap(N_LA, screen, { seed: SEED, replicates: B });
});
const separated = boot ? boot.nValid.reduce((a, v) => a + (B - v), 0) : 0;

console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs (timings are wall-clock)`);
console.log(`stats screen: ${N_INDICATORS} indicators × ${N_LA} LAs (2 correlation matrices; per indicator Pearson, Spearman, Kendall, partial r, OLS, ordinal logit; BH)`);
console.log(`  TypeScript: one screen ${(tsScreen * 1000).toFixed(1)} ms (median of 5); ${B} bootstrap resamples ${tsBoot.toFixed(2)} s` +
  ` (${((tsBoot / B) * 1000).toFixed(1)} ms per resample; ${separated} ordinal fits of ${B * N_INDICATORS} flagged as separated/unfit)`);

// ---- R baseline on the same data ----
const recordScreen = (rScreen: number | null, note: string) =>
  recordBenchResult({
    name: "stats-screen",
    job: "one screen incl. Kendall, OLS and ordinal fits (median of 5)",
    ours_s: tsScreen,
    baseline: "R (bench/stats.bench.R)",
    baseline_s: rScreen,
    peak_rss_mb: peakRssMb(),
    sizes: { indicators: N_INDICATORS, las: N_LA },
    note,
  });
const recordBoot = (rBoot: number | null, note: string) =>
  recordBenchResult({
    name: "stats-bootstrap",
    job: "bootstrap of that screen",
    ours_s: tsBoot,
    baseline: "R (bench/stats.bench.R), scaled to the same resamples",
    baseline_s: rBoot,
    peak_rss_mb: peakRssMb(),
    sizes: { indicators: N_INDICATORS, las: N_LA, resamples: B },
    note,
  });
const rAvailable = spawnSync("Rscript", ["--version"], { encoding: "utf8" }).status === 0;
if (!rAvailable) {
  console.log("  R: not installed (Rscript not found) — no ratio");
  recordScreen(null, "R not found");
  recordBoot(null, "R not found");
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stats-bench-"));
  const csv = path.join(dir, "screen.csv");
  const header = ["idaci", "grade", ...data.indicators.map((_, j) => `ind${j + 1}`)].join(",");
  const lines = Array.from({ length: N_LA }, (_, i) =>
    [data.idaci[i], data.grade[i], ...data.indicators.map((v) => (Number.isNaN(v[i]) ? "" : v[i]))].join(","));
  fs.writeFileSync(csv, [header, ...lines].join("\n") + "\n");
  const r = spawnSync("Rscript", [path.join(__dirname, "stats.bench.R"), csv, String(R_B)], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("{"));
  if (r.status !== 0 || !line) {
    console.log(`  R: failed (${r.status}): ${(r.stderr ?? "").slice(0, 300)}`);
    recordScreen(null, "R failed");
    recordBoot(null, "R failed");
  } else {
    const t = JSON.parse(line) as { screen: number; resamples: number; bootstrap: number; r: string };
    const rBootScaled = (t.bootstrap / t.resamples) * B;
    recordScreen(t.screen, `R ${t.r}`);
    recordBoot(rBootScaled, `R ${t.r}: ${t.resamples} resamples, scaled`);
    console.log(`  R (${t.r}): one screen ${(t.screen * 1000).toFixed(1)} ms; ${t.resamples} resamples ${t.bootstrap.toFixed(2)} s` +
      ` → ${rBootScaled.toFixed(1)} s scaled to ${B}`);
    console.log(`  ratio R / TypeScript: screen ${(t.screen / tsScreen).toFixed(1)}×, bootstrap ${(rBootScaled / tsBoot).toFixed(1)}×` +
      ` (> 1 means TypeScript is faster)`);
  }
}
