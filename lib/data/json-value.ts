/**
 * JSON values in messages: described, never stringified whole (a value nested 200,000 arrays deep overflowed the
 * stack in JSON.stringify, and a large one was echoed whole; round 24 H8). Shared by `add`'s sidecar and the pilot's
 * instruments file.
 */

/**
 * A JSON value that is not text, as a message describes it without stringifying it: a number, true, false or null as
 * written; an array or object by its size alone (its contents may be nested too deep or be too large to print).
 * @example describeJsonValue(3) // "3"; describeJsonValue([["x"]]) // "an array of 1 item"
 */
export function describeJsonValue(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length.toLocaleString("en-GB")} item${v.length === 1 ? "" : "s"}`;
  if (v !== null && typeof v === "object") {
    const n = Object.keys(v).length;
    return `an object of ${n.toLocaleString("en-GB")} field${n === 1 ? "" : "s"}`;
  }
  return String(v);
}


/**
 * A JSON value as written (JSON.stringify), or described ({@link describeJsonValue}) when it is nested too deep to
 * stringify: the pilot's instruments file echoes a bad value into its message, and a label nested 200,000 arrays deep
 * had stopped `pilot` with "Maximum call stack size exceeded".
 * @example jsonValueText(["4", "5"]) // '["4","5"]'
 */
export function jsonValueText(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return describeJsonValue(v);
  }
}

/**
 * String(v), or v described ({@link describeJsonValue}) when it is nested too deep to convert: what a reader builds
 * from a value it has already reported as wrong must not stop it before the report is given.
 * @example plainString(5) // "5"
 */
export function plainString(v: unknown): string {
  try {
    return String(v);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return describeJsonValue(v);
  }
}
