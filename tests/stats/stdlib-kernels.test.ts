import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import betaincFromPackage = require("@stdlib/math-base-special-betainc");
import gammaincFromPackage = require("@stdlib/math-base-special-gammainc");
import chisquareQuantileFromPackage = require("@stdlib/stats-base-dists-chisquare-quantile");
import tQuantileFromPackage = require("@stdlib/stats-base-dists-t-quantile");
import { stdlibKernels } from "../../lib/stats/stdlib-kernels";
import { VENDORED_STDLIB_FILE, vendoredStdlibText } from "../../scripts/vendor-stdlib";

/** Points spanning the tails, the centre and the awkward regions (x near a, tiny and huge shapes). */
const PROBABILITIES = [0, 1e-300, 1e-200, 1e-15, 1e-9, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-9, 1, NaN, -0.1, 1.1];
const SHAPES = [1e-3, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 5, 7.5, 10, 29.5, 50, 99.9, 150, 1000, 1e5, NaN, 0, -1];
const POINTS = [0, 1e-12, 1e-6, 0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999, 1, 2, 5, 10, 50, 99, 101, 1000, 1e6, Infinity, NaN, -1];

/** Same number, bit for bit (NaN equals NaN, 0 differs from −0). */
function assertSameNumber(actual: number, expected: number, what: string): void {
  assert.ok(Object.is(actual, expected), `${what}: bundle ${actual} vs @stdlib ${expected}`);
}

describe("stdlibKernels (vendor/stdlib-distributions.js)", () => {
  it("is the bundle scripts/vendor-stdlib.ts generates from the installed @stdlib, byte for byte", () => {
    const committed = fs.readFileSync(VENDORED_STDLIB_FILE, "utf8");
    assert.ok(committed === vendoredStdlibText(), "regenerate: node --import tsx scripts/vendor-stdlib.ts");
  });

  it("keeps the Apache-2.0 licence and the Boost notices of the bundled code", () => {
    const head = fs.readFileSync(VENDORED_STDLIB_FILE, "utf8").slice(0, 20000);
    assert.match(head, /@license Apache-2\.0 AND BSL-1\.0/);
    assert.match(head, /http:\/\/www\.apache\.org\/licenses\/LICENSE-2\.0/);
    assert.match(head, /Boost Software License, Version 1\.0/);
    assert.match(head, /The Stdlib Authors/);
  });

  it("gives @stdlib's own incomplete beta, bit for bit, on a grid of x, a, b and both tails", () => {
    const { betainc } = stdlibKernels();
    for (const x of POINTS) for (const a of SHAPES) for (const b of [0.5, 1, 3.5, 20, 1e4]) for (const upper of [false, true]) {
      assertSameNumber(betainc(x, a, b, true, upper), betaincFromPackage(x, a, b, true, upper), `betainc(${x}, ${a}, ${b}, upper ${upper})`);
    }
  });

  it("gives @stdlib's own incomplete gamma, bit for bit, on a grid of x, a and both tails", () => {
    const { gammainc } = stdlibKernels();
    for (const x of POINTS) for (const a of SHAPES) for (const upper of [false, true]) {
      assertSameNumber(gammainc(x, a, true, upper), gammaincFromPackage(x, a, true, upper), `gammainc(${x}, ${a}, upper ${upper})`);
    }
  });

  it("gives @stdlib's own t and chi-square quantiles, bit for bit, on a grid of p and df", () => {
    const { tQuantile, chisquareQuantile } = stdlibKernels();
    for (const p of PROBABILITIES) for (const df of SHAPES) {
      assertSameNumber(tQuantile(p, df), tQuantileFromPackage(p, df), `tQuantile(${p}, ${df})`);
      assertSameNumber(chisquareQuantile(p, df), chisquareQuantileFromPackage(p, df), `chisquareQuantile(${p}, ${df})`);
    }
  });
});
