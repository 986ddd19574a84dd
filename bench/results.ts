/**
 * Machine-readable benchmark results (shared by the benchmarks; not itself a benchmark: bench/run.ts runs
 * only *.bench.ts). `npm run bench -- --json` collects one {@link BenchResult} per measured job into
 * bench/results.json, so figures can be compared from run to run; `npm run bench:readme` rebuilds the
 * README's speed table from that file (bench/readme-table.ts).
 *
 * A benchmark calls {@link recordBenchResult} after printing its own lines; when the environment variable
 * {@link BENCH_RESULTS_ENV} names a file (set by run.ts with `--json`), the result is appended to it as one
 * JSON line, otherwise nothing is written.
 */
import * as fs from "node:fs";

/** Environment variable naming the JSON-lines file a benchmark appends its results to. */
export const BENCH_RESULTS_ENV = "VSW_BENCH_RESULTS";

/** One measured job, as written to bench/results.json (snake_case: a file format). */
export interface BenchResult {
  /** Unique id of the job, e.g. `pilot-cli-1m` (a later run replaces the entry with the same name). */
  name: string;
  /** What was measured, in words for the README table. */
  job: string;
  /** Our time in seconds (wall-clock unless `note` says CPU). */
  ours_s: number;
  /** What the baseline is (e.g. `R 4.2 (bench/analysis.R)`), or null when none was run. */
  baseline: string | null;
  /** The baseline's time in seconds, or null when not measured. */
  baseline_s: number | null;
  /** baseline_s / ours_s: above 1 means ours is faster; null without a baseline. */
  ratio: number | null;
  /**
   * Wall-clock seconds of ours and of the baseline, when `ours_s` is CPU time (the pilot rows: what a user waits for,
   * once work is shared between threads, is no longer the CPU time), and baseline_wall_s / ours_wall_s.
   */
  ours_wall_s?: number;
  baseline_wall_s?: number | null;
  wall_ratio?: number | null;
  /** Peak resident memory of the process that did our part, in MB, or null when not measured separately. */
  peak_rss_mb: number | null;
  /** Input sizes (records, LAs, indicators, MB …). */
  sizes: Record<string, number>;
  /** Anything a reader needs to read the figures right (why the baseline was skipped, CPU vs wall …). */
  note: string;
  /** When it was measured (ISO 8601 UTC). */
  measured: string;
}

/** The fields a benchmark supplies: `ratio`, `wall_ratio` and `measured` are filled in. */
export type BenchMeasurement = Omit<BenchResult, "ratio" | "wall_ratio" | "measured" | "note"> & { note?: string };

/**
 * A complete result from a measurement: the ratio is baseline_s / ours_s (null without both times), and with wall
 * times, the wall ratio baseline_wall_s / ours_wall_s (likewise).
 * @example
 * toBenchResult({ name: "x", job: "x", ours_s: 1, baseline: "R", baseline_s: 4, peak_rss_mb: 100, sizes: {} }, new Date(0)).ratio // 4
 */
export function toBenchResult(m: BenchMeasurement, now: Date = new Date()): BenchResult {
  const ratio = m.baseline_s !== null && m.ours_s > 0 ? m.baseline_s / m.ours_s : null;
  const wall = m.ours_wall_s === undefined ? {} : { wall_ratio: m.baseline_wall_s != null && m.ours_wall_s > 0 ? m.baseline_wall_s / m.ours_wall_s : null };
  return { ...m, ratio, ...wall, note: m.note ?? "", measured: now.toISOString() };
}

/**
 * Record a benchmark result: appended as one JSON line to the file named by {@link BENCH_RESULTS_ENV}, if set.
 * @example
 * recordBenchResult({ name: "synth", job: "synth", ours_s: 0.2, baseline: null, baseline_s: null, peak_rss_mb: null, sizes: {} });
 */
export function recordBenchResult(m: BenchMeasurement): BenchResult {
  const result = toBenchResult(m);
  const file = process.env[BENCH_RESULTS_ENV];
  if (file) fs.appendFileSync(file, JSON.stringify(result) + "\n");
  return result;
}

/** Peak resident memory of this process so far, in MB (getrusage's ru_maxrss). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Earlier results updated by fresh ones: an entry with the same name is replaced in place, new names are
 * appended in the order measured; entries not measured again are kept (so one benchmark can be rerun alone).
 * @example
 * mergeBenchResults([a, b], [b2, c]) // [a, b2, c]
 */
export function mergeBenchResults(previous: readonly BenchResult[], fresh: readonly BenchResult[]): BenchResult[] {
  const out = [...previous];
  for (const r of fresh) {
    const at = out.findIndex((p) => p.name === r.name);
    if (at >= 0) out[at] = r;
    else out.push(r);
  }
  return out;
}

/**
 * Parse a results file (a JSON array of {@link BenchResult}), checking the fields the table needs.
 * @throws Error naming the file and the first entry that lacks a field
 */
export function parseBenchResults(text: string, file: string): BenchResult[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error(`parseBenchResults: ${file} must hold a JSON array (got ${typeof data})`);
  data.forEach((r, i) => {
    for (const field of ["name", "job", "ours_s", "baseline", "baseline_s", "ratio", "peak_rss_mb", "sizes", "measured"]) {
      if (typeof r !== "object" || r === null || !(field in r)) throw new Error(`parseBenchResults: ${file} entry ${i} must have "${field}"`);
    }
  });
  return data as BenchResult[];
}
