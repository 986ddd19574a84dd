/**
 * Progress of long steps (bootstrap, import), shared by every layer: a computation takes an optional
 * {@link ProgressCallback} and calls it as it goes; the command line turns the calls into a bar with
 * {@link createProgress}. The bar is silent when its stream is not a TTY (CI logs, pipes, notebooks), so logs
 * stay clean and nothing record-level is ever printed — only a label and counts of steps.
 *
 * Lives beside lib/errors.ts, below every layer, so lib/data and lib/vitals can report progress without
 * importing lib/report or lib/cli.
 */
import { InputError } from "./errors";

/**
 * Called by a long computation after each step: `done` of `total` steps finished (0 ≤ done ≤ total). It must
 * not throw and cannot change the result: computations give identical results with and without one.
 */
export type ProgressCallback = (done: number, total: number) => void;

/** What the bar writes to: process.stderr or anything with `write` and `isTTY`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** Advance by `steps` (default 1). */
  tick(steps?: number): void;
  /** Set the steps done, and the total when given: the shape of a {@link ProgressCallback}. */
  update(done: number, total?: number): void;
  /** Finish the line (prints the final state once, on a TTY). */
  done(): void;
  /** End the line where the bar stands, without completing it (the step failed); nothing if nothing was drawn. */
  interrupt(): void;
}

/** Width of the bar in characters. */
export const PROGRESS_BAR_WIDTH = 30;

/**
 * A progress bar of `total` steps on `stream` (default stderr), redrawn only when the whole percentage
 * changes; writes nothing unless `stream.isTTY` is true.
 * @throws InputError unless total is an integer >= 0
 * @example
 * const bar = createProgress("bootstrap", 1000);
 * selectVitalSigns(input, { seed: 42, onProgress: bar.update });
 * bar.done();
 */
export function createProgress(label: string, total: number, stream: ProgressStream = process.stderr): Progress {
  const checkTotal = (t: number) => {
    if (!(Number.isInteger(t) && t >= 0)) throw new InputError("createProgress", "total must be an integer >= 0", t);
  };
  checkTotal(total);
  const active = stream.isTTY === true;
  let done = 0;
  let shownPercent = -1;
  let finished = false;
  const draw = () => {
    const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
    if (percent === shownPercent) return;
    shownPercent = percent;
    const filled = Math.round((PROGRESS_BAR_WIDTH * percent) / 100);
    stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(PROGRESS_BAR_WIDTH - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`);
  };
  return {
    tick(steps = 1) {
      if (finished) return;
      done = Math.min(total, done + steps);
      if (active) draw();
    },
    update(doneNow, totalNow) {
      if (finished) return;
      if (totalNow !== undefined && totalNow !== total) {
        checkTotal(totalNow);
        total = totalNow;
        shownPercent = -1;
      }
      done = Math.max(0, Math.min(total, doneNow));
      if (active) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      if (!active) return;
      done = total;
      draw();
      stream.write("\n");
    },
    interrupt() {
      if (finished) return;
      finished = true;
      if (active && shownPercent >= 0) stream.write("\n");
    },
  };
}
