/**
 * Where a command may write its package: the checks every command that writes a package folder makes before it
 * reads or writes anything. An `--out` equal to, inside or holding an input folder is refused (an export package
 * beside raw child records, read as input by the next run), and so is an `--out` holding a package or files this
 * command did not write (a review's `pilot … --out` replaced a package holding an analyst's 2,646 own rows with a
 * 9-row pilot package, without a word). `add` makes the same decision in {@link ./own-data/write-atomically}, with
 * the input package to compare with; the shared parts (where a folder really is, what a package folder holds) are
 * here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors } from "../errors";
import { finishInterruptedWrites, isCommitJournal, TEMP_MARKER } from "./atomic-write";
import { LOCK_FILE, lockOutputFolder, TAKEOVER_SUFFIX, type PackageLock } from "./package-lock";
import { DESCRIPTOR_FILE, SIDECAR_MAX_BYTES, readSmallFile } from "./small-file";
import { LEFTOVER } from "./swap-leftovers";
import type { PackageDescriptor } from "./types";

/** `descriptor` of the package in `dir`, or undefined when there is none (or it cannot be read as one). */
export function descriptorOf(dir: string): PackageDescriptor | undefined {
  try {
    // bounded as validation bounds it (package-load.ts readDescriptor): a datapackage.json linked to a device is not read without end
    const descriptor = JSON.parse(readSmallFile(path.join(dir, "datapackage.json"), SIDECAR_MAX_BYTES, DESCRIPTOR_FILE).toString("utf8")) as PackageDescriptor;
    return Array.isArray(descriptor.resources) ? descriptor : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a folder entry is the workbench's own: a killed write's leftover (cleaned by the next write) or a lock. */
function isWriteLeftover(entry: string): boolean {
  return LEFTOVER.test(entry) || entry === LOCK_FILE || entry === `${LOCK_FILE}${TAKEOVER_SUFFIX}` || entry.includes(TEMP_MARKER) || isCommitJournal(entry);
}

/**
 * The entries of folder `dir` but the leftovers of killed writes (temporary files and folders, commit journals)
 * and a package lock; none when it is not a folder or does not exist.
 */
export function entriesOf(dir: string): string[] {
  try {
    return fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((e) => !isWriteLeftover(e)) : [];
  } catch {
    return [];
  }
}

/** "a, b, c, d, e and 3 more". */
export function firstFive(names: readonly string[]): string {
  return names.slice(0, 5).join(", ") + (names.length > 5 ? ` and ${names.length - 5} more` : "");
}

/**
 * Where `p` is on disk: its nearest existing ancestor with links resolved, then the rest of it (which does not exist
 * yet), so that a folder inside another is found whichever way it is named.
 * @example realLocation("link-to-pkg/new") // "/home/me/pkg/new"
 */
export function realLocation(p: string): string {
  const rest: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(p);
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

/** Whether `inner` is a folder below `outer` (not `outer` itself); both as given, no links resolved. */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function refuse(target: string, value: string, expected: string): never {
  throw new DataErrors([new DataError({ file: target, value, expected: `${expected}; nothing was written` })], `${target} was not written`);
}

/**
 * Refuse an output folder that is an input folder, lies inside one or holds one (links resolved, so a link does not
 * slip through). A package written there sits beside the raw records it was made from, and the next run reads the
 * package's files as input (a review's `import SRC --out SRC/sub`, `returns DIR --out DIR/E06000001/2023`).
 * @param out the folder to write (it may not exist yet)
 * @param inputs the folders (or files) the command reads, each with the words that name it (`DIR`, `SRC`)
 * @throws DataErrors naming the output folder and the input
 * @example
 * refuseOutputAtInput("returns/out", [{ what: "DIR", path: "returns" }]) // throws: --out inside DIR
 */
export function refuseOutputAtInput(out: string, inputs: readonly { what: string; path: string }[]): void {
  const target = realLocation(out);
  for (const input of inputs) {
    const source = realLocation(input.path);
    const where = target === source ? `is ${input.what}` : isInside(target, source) ? `is inside ${input.what}` : isInside(source, target) ? `holds ${input.what}` : null;
    if (where === null) continue;
    refuse(out, `${input.path} (${input.what})`, `a folder of its own for the package, apart from ${input.what}: this one ${where}, so the package would sit beside the files it was made from and the next run would read its files as input`);
  }
}

/** Which package a command writes, to tell an earlier run's output (which it may replace) from anything else. */
export interface OutputKind {
  /** The command, as the refusal names it (`pilot`). */
  command: string;
  /** The `name` in the datapackage.json the command writes (`pilot-indicators`). */
  packageName: string;
  /** Files the command writes beside the package's resources (`import-log.json`, `truth.json`). */
  extraFiles: readonly string[];
  /** Provenance entries that mark a package as changed by another command since (`own_data`: `add`). */
  foreignProvenance: readonly string[];
  /** Provenance entries the command's package always has (`pilot`: a package `pilot --merge-into` wrote). */
  requiredProvenance?: readonly string[];
  /** Words added to the refusal: what to do instead (pilot: `--merge-into`). */
  instead?: string;
}

/**
 * Refuse an output folder that holds anything but a package of `kind` from an earlier run of the same command; return
 * the files of that earlier package (its descriptor, resources and the command's extra files), which the new write
 * replaces and, when it does not write them again, removes. A folder that is missing or empty gives none.
 * @throws DataErrors naming the folder and up to five of the files that would be lost, or what the package there is
 * @example
 * refuseForeignOutput("pkg", { command: "synth", packageName: "pilot-synthetic", extraFiles: ["truth.json", "README.md"], foreignProvenance: ["own_data"] })
 */
export function refuseForeignOutput(out: string, kind: OutputKind): string[] {
  const target = realLocation(out);
  finishInterruptedWrites(target); // a killed run's commit is completed first, as the package reader does
  const entries = entriesOf(target);
  if (entries.length === 0) return [];
  const descriptor = descriptorOf(target);
  const instead = kind.instead === undefined ? "" : `; ${kind.instead}`;
  const expected = `a new or empty folder, or the package an earlier \`${kind.command}\` wrote there`;
  if (descriptor === undefined) refuse(out, firstFive(entries.sort()), `${expected}: this folder holds files but no data package, which the package would be written among${instead}`);
  const provenance = (descriptor.provenance ?? {}) as Record<string, unknown>;
  const marks = kind.foreignProvenance.filter((k) => provenance[k] !== undefined);
  const lacks = (kind.requiredProvenance ?? []).some((k) => provenance[k] === undefined);
  if (descriptor.name !== kind.packageName || marks.length > 0 || lacks) {
    const what =
      marks.length > 0
        ? `holds the package "${descriptor.name}" with ${marks.map((m) => PROVENANCE_WORDS[m] ?? m).join(" and ")}`
        : `holds another package, "${descriptor.name}"${descriptor.name === kind.packageName ? ` not written by \`${kind.command}\`` : ""}`;
    refuse(out, descriptor.title ?? descriptor.name, `${expected}: this folder ${what}, which writing there would replace${instead}`);
  }
  const own = new Set(["datapackage.json", ...descriptor.resources.map((r) => r.path), ...kind.extraFiles]);
  const foreign = entries.filter((e) => !own.has(e)).sort();
  if (foreign.length > 0) refuse(out, firstFive(foreign), `${expected}: beside its package this folder holds files that \`${kind.command}\` does not write${instead}`);
  return entries.filter((e) => own.has(e)).sort();
}

/** An output folder this run holds: its lock, and the files of an earlier package there that the write replaces. */
export interface HeldOutputFolder {
  /** Released by the caller once its package is in place or it failed; `lock.beforeCommit` goes to its write. */
  lock: PackageLock;
  /** As {@link refuseForeignOutput} returns them. */
  replacing: string[];
}

/**
 * Check and lock the folder a command writes its package into: refused as {@link refuseForeignOutput} refuses it
 * (before anything is written there), then locked (lib/data/package-lock.ts lockOutputFolder: two runs into one
 * `--out` at once had renamed their files over each other's) and checked again under the lock, whose earlier package
 * is the one replaced. `import`, `returns`, `synth` and `pilot` hold their `--out` through this; `add` (its own checks:
 * lib/data/own-data/write-atomically.ts lockAddTarget) and `pilot --merge-into PKG --out PKG` lock what they write too.
 * @throws DataErrors as refuseForeignOutput, or naming the run that holds the folder
 * @example
 * const { lock, replacing } = holdOutputFolder("/tmp/england", IMPORT_OUTPUT);
 * try { … writePackage(dir, content, { replacing, beforeCommit: lock.beforeCommit }) … } finally { lock.release(); }
 */
export function holdOutputFolder(out: string, kind: OutputKind): HeldOutputFolder {
  refuseForeignOutput(out, kind);
  const lock = lockOutputFolder(out, kind.command);
  try {
    return { lock, replacing: refuseForeignOutput(out, kind) };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/** What a provenance entry says a package holds, for the refusal. */
const PROVENANCE_WORDS: Readonly<Record<string, string>> = {
  own_data: "indicators of your own (added by `add`)",
  pilot: "pilot indicators (merged by `pilot --merge-into`)",
  pilot_earlier_runs: "indicators of earlier pilot runs merged into it",
};
