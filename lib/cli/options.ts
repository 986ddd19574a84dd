/** Command-line option handling shared by the `vital-signs` subcommands. */
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure/suppress-counts";
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
 * {@link DEFAULT_DISCLOSURE_THRESHOLD}).
 * @throws UsageError unless the text is an integer >= 1
 * @example
 * thresholdOption(values.threshold) // 10 when the option is not given
 */
export function thresholdOption(text: string | undefined): number {
  return integerOption("--threshold", text, { min: 1, fallback: DEFAULT_DISCLOSURE_THRESHOLD })!;
}
