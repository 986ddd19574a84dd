/**
 * The names of the folders a package swap leaves beside its target when a run is killed (own-data/write-atomically.ts
 * writes `TARGET.tmp-PID-MS`, renames TARGET to `TARGET.old-PID-MS`, then the copy to TARGET), read in one place: by
 * output-folder.ts, by the next write (which removes killed writes' copies) and by the CLI (which names them when the
 * target is missing). Only fs and path: the CLI's option checks load it for every command.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The temporary and old folders of a killed run of a package swap (`NAME.tmp-PID-MS`, `NAME.old-PID-MS`): kind, pid. */
export const LEFTOVER = /\.(tmp|old)-(\d+)-\d+$/;

/** A folder a package swap left beside its target (`TARGET.tmp-PID-MS` or `TARGET.old-PID-MS`: {@link LEFTOVER}, written by own-data/write-atomically.ts). */
export interface SwapLeftover {
  name: string;
  kind: "tmp" | "old";
  pid: number;
}

/**
 * The folders package swaps of `target` left beside it, by name: the one reading of their names, for the next write
 * (which removes killed writes' copies) and for the CLI (which names them when `target` is missing).
 * @example swapLeftovers("/tmp/england") // [{ name: "england.old-4242-1765000000000", kind: "old", pid: 4242 }, …]
 */
export function swapLeftovers(target: string): SwapLeftover[] {
  const base = path.basename(path.resolve(target));
  let entries: string[];
  try {
    entries = fs.readdirSync(path.dirname(path.resolve(target)));
  } catch {
    return [];
  }
  const found: SwapLeftover[] = [];
  for (const name of entries.sort()) {
    const m = LEFTOVER.exec(name);
    if (m !== null && m.index === base.length && name.startsWith(base)) found.push({ name, kind: m[1] as SwapLeftover["kind"], pid: Number(m[2]) });
  }
  return found;
}

