/**
 * The stability-selection error bounds equal the values R computes from the published formulas
 * (tests/reference/stability-bounds.R → fixtures/stability-bounds.json), including the edge cases: nothing
 * selected (every bound 0), q too large (unimodal and r-concave undefined) and a threshold just above 1/2.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { meinshausenBuhlmannBound, rConcaveBound, stabilityErrorBounds, unimodalBound } from "../../lib/stats/stability-bounds";

interface Case { q: number; p: number; threshold: number; pairs: number; none: number; unimodal: number | null; r_concave: number | null }
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/stability-bounds.json"), "utf8")) as { meta: { tolerance: number }; cases: Case[] };
const TOLERANCE = fixture.meta.tolerance;

function close(actual: number, expected: number | null, what: string) {
  if (expected === null) {
    assert.ok(Number.isNaN(actual), `${what}: expected undefined (NaN), got ${actual}`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= TOLERANCE * Math.max(Math.abs(expected), 1e-3), `${what}: ${actual} vs R ${expected}`);
}

describe("stability-selection error bounds against R", () => {
  for (const c of fixture.cases) {
    const label = `q = ${c.q}, p = ${c.p}, τ = ${c.threshold}, B = ${c.pairs}`;
    test(label, () => {
      close(meinshausenBuhlmannBound(c).expectedFalse, c.none, `${label} none`);
      close(unimodalBound(c).expectedFalse, c.unimodal, `${label} unimodal`);
      close(rConcaveBound(c).expectedFalse, c.r_concave, `${label} r-concave`);
    });
  }
});

describe("stability-selection error bounds: laws and inputs", () => {
  test("the bounds under stronger assumptions are never larger than the Meinshausen–Bühlmann bound", () => {
    for (const q of [0.5, 2, 5, 10]) {
      for (const threshold of [0.6, 0.7, 0.8, 0.9]) {
        const [none, uni, rc] = stabilityErrorBounds({ q, p: 100, threshold, pairs: 50 }).map((b) => b.expectedFalse);
        if (!Number.isNaN(uni)) assert.ok(uni <= none + 1e-12, `unimodal ${uni} > ${none}`);
        if (!Number.isNaN(rc)) assert.ok(rc <= none + 1e-12, `r-concave ${rc} > ${none}`);
      }
    }
  });

  test("an undefined bound says why", () => {
    const b = unimodalBound({ q: 40, p: 50, threshold: 0.6, pairs: 50 });
    assert.match(b.reason ?? "", /lowest for which the unimodal bound holds/);
    assert.match(rConcaveBound({ q: 40, p: 50, threshold: 0.6, pairs: 50 }).reason ?? "", /largest q/);
  });

  test("impossible inputs are errors naming the input", () => {
    assert.throws(() => meinshausenBuhlmannBound({ q: 1, p: 10, threshold: 0.5, pairs: 50 }), /threshold must be in \(0\.5, 1\]/);
    assert.throws(() => unimodalBound({ q: 11, p: 10, threshold: 0.7, pairs: 50 }), /q must be in \[0, p = 10\]/);
    assert.throws(() => rConcaveBound({ q: 1, p: 10, threshold: 0.7, pairs: 0 }), /pairs must be a positive integer/);
    assert.throws(() => rConcaveBound({ q: 1, p: 0, threshold: 0.7, pairs: 5 }), /p must be a positive integer/);
  });
});
