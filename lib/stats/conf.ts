/** The confidence-level argument that intervals and tests across the workbench take. */
import { InputError } from "../errors";

/**
 * Throw unless `conf` is a confidence level in (0, 1) (NaN is rejected too).
 * @param fn the calling function's name, for the error message
 * @throws InputError `fn: conf must be in (0, 1) (got …)`
 * @example
 * checkConf("wilsonInterval", 95) // throws InputError: a level is a fraction, not a percentage
 */
export function checkConf(fn: string, conf: number): void {
  if (!(conf > 0 && conf < 1)) throw new InputError(fn, "conf must be in (0, 1)", conf);
}
