/**
 * The bootstrap kernel (lib/vitals/kernels.ts) against a straightforward reference written here: weighted
 * average ranks by direct counting (O(n²): the weight of the rows with a smaller value, plus half the tie
 * group's weight plus one), the weighted centred cross-products summed over the drawn rows in ascending row
 * order, and the same SWEEP. The kernel ranks from presorted tie groups and the rows the resample drew, so
 * the two share no ranking code; because bootstrap weights are whole numbers every rank is exact and the
 * results must be *identical* (not merely close), for ties, weights 0…k, missing values and 0–2 covariates.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { tTwoSidedP } from "../../lib/stats/distributions";
import { createKernelScratch, newResample, prepareCorrelation, preparedPartialCorrelation, SWEEP_TOLERANCE, type KernelCorrelation } from "../../lib/vitals/kernels";

/** Weighted average ranks of the drawn complete rows by direct counting (a tie group of weight W after c: c + (W + 1)/2). */
function referenceRanks(v: ArrayLike<number>, w: ArrayLike<number>, rows: number[]): number[] {
  return rows.map((i) => {
    let below = 0;
    let tied = 0;
    for (const j of rows) {
      if (v[j] < v[i]) below += w[j];
      else if (v[j] === v[i]) tied += w[j];
    }
    return below + (tied + 1) / 2;
  });
}

/** The (partial) correlation of variables 0 and 1 given 2… on the drawn complete rows, the plain way. */
function referenceCorrelation(variables: Float64Array[], w: Float64Array, mask: Uint8Array, method: "pearson" | "spearman"): KernelCorrelation {
  const m = variables.length;
  const rows: number[] = [];
  for (let i = 0; i < w.length; i++) if (mask[i] === 1 && w[i] > 0) rows.push(i);
  let n = 0;
  for (const i of rows) n += w[i];
  const df = n - 2 - (m - 2);
  const none = { r: NaN, p: NaN, t: NaN, df, n };
  if (df < 1) return none;
  const cols = variables.map((v) => (method === "spearman" ? referenceRanks(v, w, rows) : rows.map((i) => v[i])));
  if (method === "pearson" && cols.slice(0, 2).some((c) => c.every((x) => x === c[0]))) return none;
  const means = cols.map((c) => {
    if (method === "spearman") return (n + 1) / 2;
    let s = 0;
    c.forEach((x, q) => (s += w[rows[q]] * x));
    return s / n;
  });
  const C = new Float64Array(m * m);
  rows.forEach((i, q) => {
    const dev = cols.map((c, v) => c[q] - means[v]);
    for (let a = 0; a < m; a++) for (let b = a; b < m; b++) C[a * m + b] += w[i] * dev[a] * dev[b];
  });
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) C[b * m + a] = C[a * m + b];
  const before = [C[0], C[m + 1]];
  for (let c = 2; c < m; c++) {
    const d = C[c * m + c];
    let spread = 0;
    rows.forEach((i, q) => (spread += w[i] * (cols[c][q] - means[c]) * (cols[c][q] - means[c])));
    if (!(d > 0) || d <= SWEEP_TOLERANCE * spread) return none;
    for (let a = 0; a < m; a++) {
      if (a === c) continue;
      const f = C[a * m + c] / d;
      if (f === 0) continue;
      for (let b = 0; b < m; b++) if (b !== c) C[a * m + b] -= f * C[c * m + b];
    }
    for (let a = 0; a < m; a++) C[a * m + c] = C[c * m + a] = 0;
    C[c * m + c] = 1;
  }
  if (!(C[0] > SWEEP_TOLERANCE * before[0]) || !(C[m + 1] > SWEEP_TOLERANCE * before[1])) return none;
  const r = Math.max(-1, Math.min(1, C[1] / Math.sqrt(C[0] * C[m + 1])));
  const t = Math.abs(r) === 1 ? Math.sign(r) * Infinity : r * Math.sqrt(df / (1 - r * r));
  return { r, p: tTwoSidedP(t, df), t, df, n };
}

/** Rows of m variables with few distinct values (many ties) and some missing, and several resamples' weights 0…k. */
const cases = fc.integer({ min: 3, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    variables: fc.array(fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -3, max: 4 }) }, { weight: 1, arbitrary: fc.constant(NaN) }), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 4 }),
    extraX: fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(NaN)), { minLength: n, maxLength: n }),
    weights: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 4 }),
    method: fc.constantFrom("pearson" as const, "spearman" as const),
  }),
);

const maskOf = (vars: Float64Array[]) => Uint8Array.from(vars[0], (_, i) => (vars.every((v) => !Number.isNaN(v[i])) ? 1 : 0));

describe("the bootstrap kernel against a direct reference", () => {
  test("gives identical r, p, t, df and n for ties, weights 0…k, missing values and 0–2 covariates", () => {
    fc.assert(
      fc.property(cases, ({ n, variables, extraX, weights, method }) => {
        const vars = variables.map((v) => Float64Array.from(v));
        const other = [Float64Array.from(extraX), ...vars.slice(1)];
        const mask = maskOf(vars);
        const otherMask = maskOf(other);
        const prep = prepareCorrelation(vars, mask);
        // a second indicator over the same rows shares y's and the context's ranks when it can
        const sameRows = otherMask.every((v, i) => v === mask[i]);
        const second = prepareCorrelation(other, otherMask, sameRows ? prep : undefined);
        const shared = createKernelScratch(n, vars.length);
        for (const wts of weights) {
          const w = Float64Array.from(wts);
          newResample(shared, w);
          for (const [p, v, mk] of [[prep, vars, mask], [second, other, otherMask], [prep, vars, mask]] as const) {
            const want = referenceCorrelation(v, w, mk, method);
            assert.deepEqual(preparedPartialCorrelation(p, w, method, shared), want);
            // without the resample's list of drawn rows (a fresh scratch) the same
            assert.deepEqual(preparedPartialCorrelation(p, w, method, createKernelScratch(n, vars.length)), want);
            // written into a kept result object (the hot loop's way) the same
            const out = { r: 0, p: 0, t: 0, df: 0, n: 0 };
            assert.equal(preparedPartialCorrelation(p, w, method, shared, undefined, out), out);
            assert.deepEqual(out, want);
          }
        }
      }),
      { numRuns: 400, seed: 20261205 },
    );
  });

  test("ranks a resample with a tie group split by zero weights as the expanded sample would", () => {
    // x: 1, 2, 2, 2, 3 with the middle 2 never drawn: ranks 1 | 2.5 2.5 (weights 1 + 1 → c = 1, W = 2) | 4
    const x = Float64Array.from([1, 2, 2, 2, 3]);
    const y = Float64Array.from([1, 2, 3, 4, 5]);
    const w = Float64Array.from([1, 1, 0, 1, 1]);
    const mask = new Uint8Array(5).fill(1);
    const got = preparedPartialCorrelation(prepareCorrelation([x, y], mask), w, "spearman", createKernelScratch(5, 2));
    assert.deepEqual(got, referenceCorrelation([x, y], w, mask, "spearman"));
    // ranks x 1, 2.5, 2.5, 4 against y 1, 2, 4, 5: r = 3.5 / √(4.5 · 4.5·…) computed by hand below
    const rx = [1, 2.5, 2.5, 4];
    const ry = [1, 2, 3, 4];
    const sxy = rx.reduce((s, v, q) => s + (v - 2.5) * (ry[q] - 2.5), 0);
    const sxx = rx.reduce((s, v) => s + (v - 2.5) ** 2, 0);
    const syy = ry.reduce((s, v) => s + (v - 2.5) ** 2, 0);
    assert.ok(Math.abs(got.r - sxy / Math.sqrt(sxx * syy)) < 1e-15);
  });
});
