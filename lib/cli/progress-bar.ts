/** Progress bars of the `vital-signs` subcommands, on the command's stderr. */
import { createProgress, type Progress } from "../progress";
import type { CliIO } from "./command";

/**
 * A progress bar on the command's stderr, drawn only when stderr is a terminal (`io.isTTY`); silent in pipes,
 * CI logs and tests. Pass `bar.update` as a computation's `onProgress`, then call `bar.done()`, or
 * `bar.interrupt()` when the computation threw.
 * @example
 * const bar = commandProgress(io, "bootstrap");
 * const analysis = analysePackage(pkg, { ...options, onProgress: bar.update });
 * bar.done();
 */
export function commandProgress(io: CliIO, label: string): Progress {
  return createProgress(label, 0, { write: io.err, isTTY: io.isTTY });
}

/**
 * Run `step` with a progress bar: its `onProgress` draws the bar, which is completed when the step returns
 * and ended where it stands when it throws (the error then starts on a fresh line).
 * @example
 * const written = await withProgress(io, "import", (onProgress) => importOfficialToPackage(src, out, { onProgress }));
 */
export async function withProgress<T>(io: CliIO, label: string, step: (onProgress: Progress["update"]) => T | Promise<T>): Promise<T> {
  const bar = commandProgress(io, label);
  try {
    const result = await step(bar.update);
    bar.done();
    return result;
  } catch (e) {
    bar.interrupt();
    throw e;
  }
}
