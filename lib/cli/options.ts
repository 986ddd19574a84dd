/** Command-line option handling shared by the `vital-signs` subcommands. */
import * as fs from "node:fs";
import * as path from "node:path";
import { swapLeftovers } from "../data/swap-leftovers";
import type * as SuppressCounts from "../disclosure/suppress-counts";
import { InputError } from "../errors";
import { didYouMean } from "../suggest";
import type { CliIO } from "./command";

/**
 * A command line that cannot run as given (a bad option value, a missing or extra argument). `main` prints
 * the message and the command's usage on stderr and exits 2. The message names the option, not internals.
 */
export class UsageError extends InputError {
  constructor(option: string, problem: string, got?: unknown) {
    super(option, problem, got);
    this.name = "UsageError";
  }
}

/**
 * Report a command line that cannot run (a missing argument, an unknown option): the problem, then the
 * command's usage, on stderr. Returns exit code 2.
 * @example
 * if (!values.out) return usageError(io, "synth", "--out DIR is required", USAGE);
 */
export function usageError(io: CliIO, command: string, problem: string, usage: string): number {
  io.err(`vital-signs ${command}: ${problem}\n\n${usage}\n`);
  return 2;
}

/**
 * An integer option: undefined when not given (or `fallback`), else a whole number in [min, max].
 * The one way the CLI parses integers (periods, seeds, resample counts, thresholds).
 * @throws UsageError `--seed: must be a whole number from 0 to 4294967295 (got "x")`
 * @example
 * integerOption("--period", "2024", { min: 1990, max: 2100 }) // 2024
 * integerOption("--seed", undefined, { min: 0, fallback: 42 }) // 42
 */
export function integerOption(
  option: string,
  text: string | undefined,
  range: { min?: number; max?: number; fallback?: number; why?: string } = {},
): number | undefined {
  if (text === undefined) return range.fallback;
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const bounds =
    range.min !== undefined && range.max !== undefined ? ` from ${min} to ${max}` : range.min !== undefined ? ` >= ${min}` : range.max !== undefined ? ` <= ${max}` : "";
  const v = /^[-+]?\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new UsageError(option, `must be a whole number${bounds}${range.why ? ` (${range.why})` : ""}`, text);
  }
  return v;
}

/**
 * An option whose value is one of a fixed set; the error lists the set and the closest value.
 * @throws UsageError `--link: must be one of a, b (got "x")`
 * @example
 * enumOption("--link", "attached-period", ["first-on-or-before", "attached-period"]) // "attached-period"
 */
export function enumOption<T extends string>(option: string, text: string | undefined, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError(option, `must be one of ${allowed.join(", ")}${didYouMean(text, allowed).replace(/^ \((.*)\)$/, "; $1")}`, text);
}

/**
 * The `--threshold N` option of the disclosure-controlled commands: counts below N are small (default
 * `DEFAULT_DISCLOSURE_THRESHOLD` of lib/disclosure/suppress-counts, loaded here only when asked: every command
 * loads this file, and the disclosure modules would add a linear-program solver to `--help`; issue #19). Below
 * `MINIMUM_DISCLOSURE_THRESHOLD` it is refused, for pilot, returns and check-disclosure alike: `returns --threshold 1`
 * had been accepted with a warning, writing a package of unsuppressed counts of 1–5.
 * @throws UsageError unless the text is an integer >= MINIMUM_DISCLOSURE_THRESHOLD (6)
 * @example
 * thresholdOption(values.threshold) // 10 when the option is not given
 */
export function thresholdOption(text: string | undefined): number {
  const { DEFAULT_DISCLOSURE_THRESHOLD, MINIMUM_DISCLOSURE_THRESHOLD } = require("../disclosure/suppress-counts") as typeof SuppressCounts;
  return integerOption("--threshold", text, {
    min: MINIMUM_DISCLOSURE_THRESHOLD,
    fallback: DEFAULT_DISCLOSURE_THRESHOLD,
    why: `counts of 1–${MINIMUM_DISCLOSURE_THRESHOLD - 1} are always small, as in DfE's statistics`,
  })!;
}

/**
 * An output folder option checked before any work: it must be a folder or not exist yet (and not lie inside a
 * file). Returns the path as given.
 * @throws UsageError `--out: must be a folder, not an existing file (got "README.md")`
 * @example
 * outputDirOption("--out", values.out ?? "out")
 */
export function outputDirOption(option: string, dir: string): string {
  if (dir.trim() === "") throw new UsageError(option, "must name a folder", dir);
  let p = path.resolve(dir);
  if (fs.existsSync(p) && !fs.statSync(p).isDirectory()) throw new UsageError(option, "must be a folder, not an existing file", dir);
  while (!fs.existsSync(p)) {
    const up = path.dirname(p);
    if (up === p) break;
    p = up;
  }
  if (fs.existsSync(p) && !fs.statSync(p).isDirectory()) throw new UsageError(option, `cannot be created inside the file ${p}`, dir);
  return dir;
}

/**
 * A data-package folder argument checked before any work: it must be an existing folder. A folder that does not exist
 * is a missing input, as a missing input file is (exit 1, README "The command line"), not a usage error: the command
 * line is well formed. It had exited 2 for validate, analyse, list, profile and add, and 1 for panel, holdout, import
 * and check-disclosure (a user trial, r26).
 * @throws InputError `DIR: must be an existing data package folder (got "nowhere")`
 * @example
 * packageDirArgument(positionals[0])
 */
export function packageDirArgument(dir: string, what = "DIR"): string {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new InputError(what, `must be an existing data package folder${interruptedSwapWords(dir)}`, dir);
  return dir;
}

/**
 * An input folder argument (not a package: `pilot`'s record files) checked before any work, as {@link packageDirArgument}.
 * @throws InputError `DIR: must be an existing folder (got "nowhere")`
 * @example inputDirArgument(positionals[0], "DIR")
 */
export function inputDirArgument(dir: string, what: string): string {
  return existingInput(dir, what, "folder");
}

/** What an input argument or option must be, for {@link existingInput}. */
export type InputKind = "file" | "folder" | "file or folder" | "file or package folder";

/**
 * An input argument or option naming something to read, checked before any work, in the words every command uses for
 * a missing input: `NAME: must be an existing KIND (got "PATH")`, exit 1 (a missing input, not a usage error). import
 * and check-disclosure had said "source path does not exist" and "path does not exist", returns "must be a folder",
 * reproduce-2016 "official data not found at PATH", add and pilot "PATH: expected an existing file" (a review, r26).
 * A path that is there but cannot be looked at (no permission) is left to the command, which says so.
 * @throws InputError `FILE: must be an existing file (got "nowhere.csv")`
 * @example existingInput(file, "FILE", "file")
 */
export function existingInput(p: string, what: string, kind: InputKind): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new InputError(what, `must be an existing ${kind}`, p);
    return p;
  }
  // a folder given for a file, or a file for a folder; anything else there (a device, a pipe) is left to the command,
  // which reads it within its cap and says what it found
  const fits = kind === "file" ? !stat.isDirectory() : kind === "folder" ? stat.isDirectory() : true;
  if (!fits) throw new InputError(what, `must be an existing ${kind}`, p);
  return p;
}

/**
 * For a package folder that is missing: the folders a stopped in-place write left beside it, when there are any
 * (`add` swaps a package in by two renames, PKG → PKG.old-PID-TIME, then PKG.tmp-PID-TIME → PKG; a run killed between
 * them leaves PKG missing: a last review of round 24). "" otherwise.
 */
function interruptedSwapWords(dir: string): string {
  const left = swapLeftovers(dir);
  const [olds, tmps] = [left.filter((l) => l.kind === "old"), left.filter((l) => l.kind === "tmp")];
  if (olds.length === 0) return "";
  const newer = tmps.length === 0 ? "" : `, and ${tmps[tmps.length - 1].name} the new one, already validated`;
  return ` (a run writing it was stopped while swapping it in: ${olds[olds.length - 1].name} beside it holds the package as it was before${newer}; rename one of them to ${path.basename(path.resolve(dir))})`;
}

/**
 * Refuse positional arguments beyond what a command takes.
 * @throws UsageError `unexpected argument "extra" (validate takes at most 1)`
 * @example
 * positionalCount(positionals, 0, 1)
 */
export function positionalCount(positionals: readonly string[], min: number, max: number, names: string): void {
  if (positionals.length > max) {
    // "returns -- DIR --out X": after "--" every word is an argument, options too
    const afterDashes = positionals[max].startsWith("-") ? " (after -- no word is read as an option: put the options before --)" : "";
    throw new UsageError("arguments", `${names} expected; unexpected argument ${JSON.stringify(positionals[max])}${afterDashes}`, `${positionals.length} arguments`);
  }
  if (positionals.length < min) throw new UsageError("arguments", `${names} required`, `${positionals.length} arguments`);
}

/** ISO 8601 date or date-time, as Frictionless `created` takes (2026-01-01, 2026-01-01T00:00:00Z, …+01:00). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A date-time option (ISO 8601), e.g. `--created`: a real date and time, not words like "yesterday".
 * @throws UsageError `--created: must be an ISO 8601 date or date-time such as 2026-01-01T00:00:00Z (got "yesterday")`
 * @example
 * isoDateTimeOption("--created", "2026-01-01T00:00:00Z") // "2026-01-01T00:00:00Z"
 */
export function isoDateTimeOption(option: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const day = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  const ok = ISO_DATE_TIME.test(text) && !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text)) &&
    !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text.slice(0, 10);
  if (!ok) throw new UsageError(option, "must be an ISO 8601 date or date-time such as 2026-01-01T00:00:00Z", text);
  return text;
}

/**
 * A comma-separated list option: undefined when not given, each name trimmed. A list that names nothing (`--indicators
 * ""`, `--context ,`) is refused: `analyse --context ""` had run with no adjustment and no word.
 * @throws InputError when the list names nothing
 * @example
 * listOption("--indicators", "a, b") // ["a", "b"]
 */
export function listOption(option: string, text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new InputError(option, "names nothing: give one or more names separated by commas", text);
  return names;
}

/**
 * `--context`: the variables to allow for, `[]` for "none", undefined when not given (the command's default). One
 * rule for analyse, panel and holdout: panel had taken a variable named twice, which analyse refused.
 * @throws InputError when the list names nothing, or a variable twice
 * @example
 * contextOption("idaci_score,cin_rate_per_10k") // ["idaci_score", "cin_rate_per_10k"]
 * contextOption("none") // []
 */
export function contextOption(text: string | undefined): string[] | undefined {
  if (text !== undefined && text.trim() === "none") return [];
  const names = listOption("--context", text);
  if (names !== undefined) refuseRepeatedContext(names);
  return names;
}

/**
 * Refuse context variables naming one twice, however they were given (the option, or runAnalyse's arguments).
 * @throws InputError naming the variable given twice
 * @example refuseRepeatedContext(["idaci_score", "idaci_score"]) // throws
 */
export function refuseRepeatedContext(names: readonly string[]): void {
  for (const [i, v] of names.entries()) {
    if (names.indexOf(v) !== i) throw new InputError("--context", "names a variable twice (adjusting for it twice makes the partial undefined)", v);
  }
}

/**
 * Refuse an option given twice (before a `--` that ends the options). Node's parseArgs keeps the last value of a
 * repeated option and drops the first without a word: `analyse --context idaci_score --context imd_score` ran with
 * imd_score alone. No command takes an option more than once (a list is one comma-separated value), so a repeat is
 * always a mistake. `--name=value` counts as `--name`; `-o` and `--out` are not matched with each other.
 * @throws UsageError naming the option and both values
 * @example
 * refuseRepeatedOptions(["PKG", "--context", "a", "--context", "b"]) // throws: --context: given twice ("a", then "b") …
 */
export function refuseRepeatedOptions(args: readonly string[]): void {
  const seen = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") return;
    const m = /^(--[^=]+)(?:=(.*))?$/s.exec(arg);
    if (m === null) continue;
    // the next word is the value of a string option; a boolean's "value" may be a positional, shown only in the message
    const value = m[2] ?? (args[i + 1] !== undefined && !args[i + 1].startsWith("-") ? args[i + 1] : "");
    const before = seen.get(m[1]);
    if (before !== undefined) {
      const values = before !== "" && value !== "" ? ` (${JSON.stringify(before)}, then ${JSON.stringify(value)})` : "";
      const why = before === "" && value === "" ? "" : ": a second one would replace the first without a word";
      throw new UsageError(m[1], `given twice${values}${why}; give it once (a comma-separated list where it takes several)`);
    }
    seen.set(m[1], value);
  }
}
