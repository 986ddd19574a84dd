/** Shared by the benchmarks (not itself a benchmark: bench/run.ts runs only *.bench.ts). */

/** Median of run times: the middle one after sorting (the upper middle for an even count). */
export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
