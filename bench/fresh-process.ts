/**
 * Timing one side of a benchmark in a fresh process (shared by the benchmarks; not itself a benchmark: bench/run.ts
 * runs only *.bench.ts). The benchmark runs its own file again with `--measure ARGS…`; that run prints its human
 * lines and one line `BENCH_MEASURED {json}`, which {@link measureInFreshProcess} parses. A fresh process keeps
 * what is timed cold, as a user's command is, and lets runs alternate with a baseline's (R) on a shared machine.
 */
import { spawnSync } from "node:child_process";

/** Prefix of the line in which a `--measure` run hands its figures to the parent. */
export const MEASURED = "BENCH_MEASURED ";

/** Alternate runs of ours and the baseline's, each in a fresh process; the benchmarks compare their medians. */
export const PAIRS = 3;

/** The arguments after `--measure` when this process is a measuring run, else undefined. */
export function measureArguments(): string[] | undefined {
  const at = process.argv.indexOf("--measure");
  return at < 0 ? undefined : process.argv.slice(at + 1);
}

/** In a measuring run: hand `figures` to the parent. */
export function reportMeasured(figures: unknown): void {
  console.log(`${MEASURED}${JSON.stringify(figures)}`);
}

/**
 * Run `file --measure ...args` in a fresh Node process (with this process's flags, e.g. `--import tsx`), echo its
 * lines when `echo`, and return the figures it reported. Throws, naming `bench`, when the run fails or reports none.
 */
export function measureInFreshProcess<T>(bench: string, file: string, args: readonly string[], echo: boolean): T {
  const r = spawnSync(process.execPath, [...process.execArgv, file, "--measure", ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${bench} bench: the --measure run failed: ${(r.stderr || r.stdout).trim().split("\n").slice(-5).join(" | ")}`);
  const lines = r.stdout.split("\n");
  if (echo) process.stdout.write(lines.filter((l) => l !== "" && !l.startsWith(MEASURED)).map((l) => `${l}\n`).join(""));
  const line = lines.find((l) => l.startsWith(MEASURED));
  if (line === undefined) throw new Error(`${bench} bench: the --measure run printed no figures`);
  return JSON.parse(line.slice(MEASURED.length)) as T;
}
