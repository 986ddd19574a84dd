/**
 * The @stdlib kernels lib/stats uses (incomplete beta and gamma, t and chi-square quantiles), from the one
 * generated bundle `vendor/stdlib-distributions.js` (scripts/vendor-stdlib.ts: the same @stdlib code bundled
 * by esbuild, whitespace and names minified only). Loading the four packages from node_modules costs some 300
 * modules, ≈ 0.2 s of CPU in each thread computing a p-value; the bundle ≈ 30 ms (issue #19). It is still
 * loaded on first use, not at import, so commands that compute no p-value pay nothing.
 *
 * The relative path resolves from lib/stats (tsx) and dist/stats (the built CLI, notebooks) alike.
 * tests/stats/stdlib-kernels.test.ts checks that the bundle is what the script generates today and that its
 * numbers equal @stdlib's own.
 */
import type betaincKernel = require("@stdlib/math-base-special-betainc");
import type gammaincKernel = require("@stdlib/math-base-special-gammainc");
import type chisqQuantileKernel = require("@stdlib/stats-base-dists-chisquare-quantile");
import type tQuantileKernel = require("@stdlib/stats-base-dists-t-quantile");

/** The exports of vendor/stdlib-distributions.js (names given in scripts/vendor-stdlib.ts). */
export interface StdlibKernels {
  betainc: typeof betaincKernel;
  gammainc: typeof gammaincKernel;
  chisquareQuantile: typeof chisqQuantileKernel;
  tQuantile: typeof tQuantileKernel;
}

let loaded: StdlibKernels | undefined;

/**
 * The vendored @stdlib kernels, loaded on the first call.
 * @example stdlibKernels().tQuantile(0.975, 10) // 2.228138851986274
 */
export function stdlibKernels(): StdlibKernels {
  return (loaded ??= require("../../vendor/stdlib-distributions.js") as StdlibKernels);
}
