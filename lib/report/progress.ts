/**
 * A progress bar for long steps (bootstrap, import) on a terminal; silent when the stream is not a TTY (CI
 * logs, pipes, notebooks), so logs stay clean and nothing record-level is ever printed — only a label and
 * counts of steps.
 */
import { InputError } from "../errors";

/** What the bar writes to: process.stderr or anything with `write` and `isTTY`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** Advance by `steps` (default 1). */
  tick(steps?: number): void;
  /** Finish the line (prints the final state once, on a TTY). */
  done(): void;
}

/** Width of the bar in characters. */
export const PROGRESS_BAR_WIDTH = 30;

/**
 * A progress bar of `total` steps, redrawn only when the whole percentage changes.
 * @example
 * const bar = createProgress("bootstrap", 1000);
 * for (let b = 0; b < 1000; b++) { resample(); bar.tick(); }
 * bar.done();
 */
export function createProgress(label: string, total: number, stream: ProgressStream = process.stderr): Progress {
  if (!(Number.isInteger(total) && total >= 0)) throw new InputError("createProgress", "total must be an integer >= 0", total);
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
    done() {
      if (finished) return;
      finished = true;
      if (!active) return;
      done = total;
      draw();
      stream.write("\n");
    },
  };
}
