/**
 * The per-resample test of `resampling: "bootstrap"` (lib/vitals/resample-counter.ts): in each resample the
 * indicators that pass are those whose Benjamini–Hochberg q (lib/stats/multiple-testing.ts benjaminiHochberg,
 * checked against R's p.adjust in tests/stats/multiple-testing.test.ts) is at most the level. The p-values are
 * recomputed here the plain way, on the resample written out row by row (an LA drawn k times appears k times):
 * least-squares residuals of the indicator and of the outcome on the context, their Pearson r, t on n − 3 df; for
 * Spearman the same on average ranks of the written-out columns (R's rank, ties.method = "average").
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../lib/stats/random";
import { tTwoSidedP } from "../../lib/stats/distributions";
import { benjaminiHochberg } from "../../lib/stats/multiple-testing";
import { prepareCorrelation } from "../../lib/vitals/kernels";
import { createResampleCounter, StackedFrame } from "../../lib/vitals/resample-counter";

const LAS = 60;
const LEVEL = 0.05;
const RESAMPLES = 8;
/** Association of each indicator with the outcome given the context: strong to none, so some resamples split them. */
const EFFECTS = [0.7, 0.45, 0.35, 0.3, 0.25, 0.2, 0.1, 0];

function world(): { x: Float64Array[]; y: Float64Array; z: Float64Array } {
  const rng = createRng(18);
  const z = Float64Array.from({ length: LAS }, () => rng.nextNormal());
  const quality = Float64Array.from({ length: LAS }, () => rng.nextNormal());
  const y = Float64Array.from(quality, (q, i) => q - 0.5 * z[i] + 0.5 * rng.nextNormal());
  const x = EFFECTS.map((e) => Float64Array.from(quality, (q, i) => e * q + 0.3 * z[i] + Math.sqrt(1 - e * e) * rng.nextNormal()));
  return { x, y, z };
}

/** Average ranks (1-based) of `v`, ties sharing the mean of their positions. */
function averageRanks(v: readonly number[]): number[] {
  const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const ranks = new Array<number>(v.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && v[order[e + 1]] === v[order[s]]) e++;
    for (let k = s; k <= e; k++) ranks[order[k]] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return ranks;
}

/** Residuals of the least-squares line of `a` on `b`. */
function residuals(a: readonly number[], b: readonly number[]): number[] {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    sbb += (b[i] - mb) ** 2;
  }
  return a.map((v, i) => v - ma - (sab / sbb) * (b[i] - mb));
}

/** Two-sided p of the partial correlation of x and y given z on the written-out rows (t on n − 3 df). */
function partialP(x: readonly number[], y: readonly number[], z: readonly number[], method: "pearson" | "spearman"): number {
  const [a, b, c] = method === "spearman" ? [averageRanks(x), averageRanks(y), averageRanks(z)] : [x, y, z];
  const ex = residuals(a, c);
  const ey = residuals(b, c);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < ex.length; i++) {
    sxy += ex[i] * ey[i];
    sxx += ex[i] * ex[i];
    syy += ey[i] * ey[i];
  }
  const r = sxy / Math.sqrt(sxx * syy);
  const df = ex.length - 3;
  return tTwoSidedP(r * Math.sqrt(df / (1 - r * r)), df);
}

for (const method of ["pearson", "spearman"] as const) {
  test(`bootstrap resamples (${method}): the indicators passing are those with BH q ≤ ${LEVEL}, recomputed on the written-out resample`, () => {
    const { x, y, z } = world();
    const mask = new Uint8Array(LAS).fill(1);
    const frame = new StackedFrame(LAS, LAS, 3, x.map((v) => prepareCorrelation([v, y, z], mask)), Uint32Array.from(x, (_, j) => j));
    const counter = createResampleCounter(frame, { method, level: LEVEL }, "bootstrap");
    const rng = createRng(7);
    let splitByBh = 0;
    let severalPass = 0;
    for (let b = 0; b < RESAMPLES; b++) {
      const w = new Float64Array(LAS);
      for (let i = 0; i < LAS; i++) w[rng.nextInt(LAS)]++;
      const before = x.map((_, j) => counter.split().positive[j] + counter.split().negative[j]);
      counter.count(w);
      const passed = x.map((_, j) => counter.split().positive[j] + counter.split().negative[j] - before[j] === 1);
      const rows = Array.from(w).flatMap((k, i) => Array<number>(k).fill(i));
      const p = x.map((v) => partialP(rows.map((i) => v[i]), rows.map((i) => y[i]), rows.map((i) => z[i]), method));
      const q = benjaminiHochberg(p).adjusted;
      assert.deepEqual(passed, Array.from(q, (v) => v <= LEVEL), `resample ${b}: p ${p.map((v) => v.toExponential(2)).join(", ")}`);
      if (p.some((v, j) => v <= LEVEL && !passed[j])) splitByBh++;
      if (passed.filter(Boolean).length >= 2) severalPass++;
    }
    // the case tells BH from a test of each p at the level, and ranks matter: several pass in some resamples
    assert.ok(splitByBh > 0, "some resample has an indicator with p ≤ level that BH does not pass");
    assert.ok(severalPass > 0, "some resample passes two or more indicators");
  });
}
