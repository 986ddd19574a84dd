/** Command-line option handling shared by the `vital-signs` subcommands. */
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure/suppress-counts";
import { InputError } from "../errors";
import type { CliIO } from "./command";

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
 * The `--threshold N` option of the disclosure-controlled commands: counts below N are small (default
 * {@link DEFAULT_DISCLOSURE_THRESHOLD}).
 * @throws InputError unless the text is an integer >= 1
 * @example
 * thresholdOption(values.threshold) // 10 when the option is not given
 */
export function thresholdOption(text: string | undefined): number {
  const threshold = text === undefined ? DEFAULT_DISCLOSURE_THRESHOLD : Number(text);
  if (!Number.isInteger(threshold) || threshold < 1) throw new InputError("--threshold", "must be an integer >= 1", text);
  return threshold;
}
