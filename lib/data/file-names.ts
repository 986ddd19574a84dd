/**
 * File names built from data (an LA code, an indicator id) must never steer a write: a code holding `../`,
 * a slash, a NUL or a leading dot could otherwise put a file outside the output folder or hide it.
 */
import * as path from "node:path";
import { InputError } from "../errors";

/** Longest file-name part made from data (well under the 255-byte limit of common file systems). */
export const MAX_FILE_NAME_PART = 100;

/**
 * A safe file-name part from a data value: characters other than letters, digits, `-`, `_` and `.` become
 * `_`, leading dots and runs of dots become `_` (no `..`, no hidden file), and the result is at most 100 characters.
 * @example
 * fileNamePart("E06000059") // "E06000059"
 * fileNamePart("../../etc/x") // "______etc_x"
 */
export function fileNamePart(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+|\.{2,}/g, (dots) => "_".repeat(dots.length)).slice(0, MAX_FILE_NAME_PART);
  return cleaned === "" ? "_" : cleaned;
}

/**
 * `base/name` after checking that it stays inside `base` (resolved), for names built from data.
 * @throws InputError when the result would lie outside `base`
 * @example
 * pathInside("out", `profile-${fileNamePart(code)}`) // "/abs/out/profile-E06000059"
 */
export function pathInside(base: string, name: string): string {
  const root = path.resolve(base);
  const full = path.resolve(root, name);
  const rel = path.relative(root, full);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) throw new InputError("pathInside", `a file name built from data must stay inside ${root}`, name);
  return full;
}
