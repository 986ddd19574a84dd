/**
 * Redundancy pooled over periods: a same-construct-plus-noise pair pools high even when single years wander;
 * a national trend alone does not make two indicators alike; context regressed out within each period
 * removes a correlation that only context carries.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../lib/stats/random";
import { pearsonR } from "../../lib/stats/pearson";
import { pooledCorrelation, residualiseByPeriod } from "../../lib/vitals/redundancy";
import { redundancyMeter } from "../../lib/vitals/verdicts";

const n = 150;
const rng = createRng(11);
const z = Float64Array.from({ length: n }, () => rng.nextNormal());
const construct = [0, 1, 2, 3, 4].map(() => Float64Array.from({ length: n }, () => rng.nextNormal()));
const a = construct.map((c) => Float64Array.from(c, (v) => v + 0.3 * rng.nextNormal()));
const b = construct.map((c) => Float64Array.from(c, (v) => v + 0.3 * rng.nextNormal()));

describe("pooledCorrelation", () => {
  test("a near-duplicate pair pools at about the common single-year correlation", () => {
    const single = a.map((x, t) => pearsonR(x, b[t]));
    const pooled = pooledCorrelation(a, b);
    assert.equal(pooled.n, 5 * n);
    assert.equal(pooled.periods, 5);
    assert.ok(pooled.r > Math.min(...single) && pooled.r < Math.max(...single), `${pooled.r} vs ${single}`);
  });

  test("a shared trend over periods alone gives no correlation (each period is centred)", () => {
    const x = [0, 1, 2].map((t) => Float64Array.from({ length: n }, () => 10 * t + rng.nextNormal()));
    const y = [0, 1, 2].map((t) => Float64Array.from({ length: n }, () => 10 * t + rng.nextNormal()));
    assert.ok(Math.abs(pooledCorrelation(x, y).r) < 0.15);
  });

  test("missing values are skipped pairwise; fewer than 10 LA-periods give NaN", () => {
    const x = [Float64Array.from([1, 2, NaN, 4, 5, 6, 7, 8, 9, 10])];
    const y = [Float64Array.from([2, 4, 6, 8, NaN, 12, 14, 16, 18, 20])];
    const r = pooledCorrelation(x, y);
    assert.equal(r.n, 8);
    assert.ok(Number.isNaN(r.r));
    assert.throws(() => pooledCorrelation([x[0]], []), /same number of periods/);
  });
});

describe("residualiseByPeriod", () => {
  test("two indicators that share only context correlate before and not after it is regressed out", () => {
    const x = [0, 1].map(() => Float64Array.from(z, (v) => v + 0.4 * rng.nextNormal()));
    const y = [0, 1].map(() => Float64Array.from(z, (v) => v + 0.4 * rng.nextNormal()));
    assert.ok(pooledCorrelation(x, y).r > 0.7);
    const after = pooledCorrelation(residualiseByPeriod(x, [z]), residualiseByPeriod(y, [z]));
    assert.ok(Math.abs(after.r) < 0.2, `${after.r}`);
  });

  test("a period with too few LAs is all missing, never zero", () => {
    const x = [Float64Array.from({ length: n }, (_, i) => (i < 3 ? i : NaN))];
    assert.ok(residualiseByPeriod(x, [z])[0].every((v) => Number.isNaN(v)));
  });
});

describe("redundancyMeter (lib/vitals/verdicts.ts)", () => {
  test("residuals computed ahead (while the resampling runs) give the same measures as computed on demand; a failing indicator still fails on demand, with the same error", () => {
    const periods = (shift: number) => [0, 1, 2].map(() => Float64Array.from(z, (v, i) => (i % (7 + shift) === 0 ? NaN : v + shift * rng.nextNormal())));
    const indicators = [0.2, 0.5, 1, 2].map((shift, j) => ({ indicator: `x${j}`, domain: "child-safe" as const, polarity: "up" as const, byPeriod: periods(shift) }));
    const broken = { indicator: "broken", domain: "child-safe" as const, polarity: "up" as const, byPeriod: [new Float64Array(n - 1)] };
    const input = { indicators: [...indicators, broken], slots: [{ outcomeBetter: z, context: [z], values: [...indicators, broken].map(() => z) }] };
    const onDemand = redundancyMeter(input);
    const ahead = redundancyMeter(input);
    ahead.residualsAhead();
    for (let a = 0; a < indicators.length; a++) for (let b = 0; b < indicators.length; b++) if (a !== b) assert.deepEqual(ahead(a, b), onDemand(a, b));
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    };
    assert.match(message(() => onDemand(0, 4)), /pooledCorrelation/);
    assert.equal(message(() => ahead(0, 4)), message(() => onDemand(0, 4)));
  });
});
