/**
 * Writing a package in place of a folder so that nothing is half-written and nothing of the user's is removed: `add`
 * writes the new package beside its target, validates it there and swaps it in by renames; a target whose removal
 * would lose anything (files that are not a package's, another package, a folder inside the input) is refused first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeFolders, processIsAlive } from "../atomic-write";
import { LOCK_FILE, lockOutputFolder, lockPackage, waitBeforeCommitForTest, type PackageLock } from "../package-lock";
import { descriptorOf, entriesOf, firstFive, isInside, realLocation } from "../output-folder";
import { LEFTOVER, swapLeftovers } from "../swap-leftovers";
import { DataError, DataErrors } from "../../errors";
import { parseCsv } from "../csv";
import { validatePackage, writePackage } from "../package";
import type { PackageContent, PackageDescriptor, ResourceName } from "../types";

/** Files of a package folder that are resources or the descriptor (everything else is carried over). */
function packageOwnFiles(descriptor: PackageDescriptor): Set<string> {
  return new Set(["datapackage.json", ...descriptor.resources.map((r) => r.path)]);
}

/**
 * The resources `add` rewrites (the new indicators and catalogue rows; benchmarks lose a replaced indicator's): a
 * copy of the input made by an earlier `add --out` differs from the input there and nowhere else.
 */
const REWRITTEN_RESOURCES: ReadonlySet<ResourceName> = new Set(["catalogue", "indicators", "benchmarks"]);

/** Whether the file or folder `a` holds the same bytes as `b` (folders: the same names, each the same). */
function sameTree(a: string, b: string): boolean {
  let sa: fs.Stats, sb: fs.Stats;
  try {
    sa = fs.lstatSync(a);
    sb = fs.lstatSync(b);
  } catch {
    return false;
  }
  if (sa.isDirectory() && sb.isDirectory()) {
    const names = fs.readdirSync(a).sort();
    const other = fs.readdirSync(b).sort();
    return names.length === other.length && names.every((n, i) => n === other[i] && sameTree(path.join(a, n), path.join(b, n)));
  }
  return sa.isFile() && sb.isFile() && sa.size === sb.size && fs.readFileSync(a).equals(fs.readFileSync(b));
}

/**
 * The catalogue's indicator ids of the package in `dir` (none when it lists no catalogue).
 * @throws DataError when the catalogue is not CSV (parseCsv names the file)
 */
function catalogueIds(dir: string, descriptor: PackageDescriptor): string[] {
  const resource = descriptor.resources.find((r) => r.name === "catalogue");
  if (resource === undefined) return [];
  const file = path.join(dir, resource.path);
  const csv = parseCsv(fs.readFileSync(file, "utf8"), file);
  const column = csv.header.indexOf("indicator");
  return column < 0 ? [] : csv.rows.map((r) => r[column]);
}

function refuse(target: string, value: string, expected: string): never {
  throw new DataErrors([new DataError({ file: target, value, expected: `${expected}; nothing was written` })], `${target} was not written`);
}

/**
 * Refuse to replace an existing folder whose removal would lose anything: the swap below removes what was there. A
 * hostile-input review found `add … --out FOLDER` deleting a thesis and a sub-folder it had been pointed at by
 * mistake, then (round 19) `--out` inside the input nesting a copy of the input in itself at each run
 * (pkgA/sub/sub/sub). Refused here, before anything is written: a folder inside the input or holding it, and a folder
 * that holds files but no package. A package there is checked against the written one ({@link refuseLosing}).
 * @throws DataErrors naming the folder and up to five of its files
 */
function refuseReplacing(target: string, source: string | undefined): void {
  if (source !== undefined) {
    if (isInside(target, source)) refuse(target, target, `a folder outside the package ${source}: writing the copy inside the package would add a folder to it, and a copy of that at the next run`);
    if (isInside(source, target)) refuse(target, target, `a folder that does not hold the package ${source}: replacing it would remove the package being read`);
  }
  const entries = entriesOf(target);
  if (entries.length === 0) return;
  const descriptor = descriptorOf(target);
  const own = descriptor === undefined ? new Set<string>() : packageOwnFiles(descriptor);
  const foreign = entries.filter((e) => !own.has(e)).sort();
  // without an input to compare with, only the package's own files may be there
  if (descriptor === undefined || (source === undefined && foreign.length > 0)) {
    refuse(target, firstFive(foreign.length > 0 ? foreign : entries), "a new or empty folder, or a data package's folder: this one holds files that are not a package's, which writing the package there would remove");
  }
}

/**
 * Refuse to replace a package that the package written in `written` does not hold again: only a copy of the input (a
 * previous `add --out` of it) may be replaced. A review's `add pkgB … --out pkgT` replaced another package and the
 * user's own README.md in it, let through because the input had a README.md too. A copy is told by its bytes, not by
 * its files' names: its resources other than those `add` rewrites ({@link REWRITTEN_RESOURCES}) have the hashes of
 * the written package's, each of its other files is the same as the written package's (carried from the input), and
 * each of its indicators is in the new catalogue (an earlier add's own indicators are not dropped). Compared with
 * what was written, not with the input, so that a copy written by this version from an input written by an older
 * one is still a copy. Then replacing it loses nothing.
 * @throws DataErrors naming the folder and up to five of the resources, files or indicators that would be lost
 */
function refuseLosing(target: string, written: string, content: PackageContent): void {
  const entries = entriesOf(target);
  const descriptor = descriptorOf(target);
  if (entries.length === 0 || descriptor === undefined) return;
  const writtenDescriptor = descriptorOf(written)!;
  const writtenHash = new Map(writtenDescriptor.resources.map((r) => [r.name, r.hash] as const));
  const own = packageOwnFiles(descriptor);
  const resources = descriptor.resources.filter((r) => !REWRITTEN_RESOURCES.has(r.name) && writtenHash.get(r.name) !== r.hash).map((r) => r.path);
  const files = entries.filter((e) => !own.has(e) && !sameTree(path.join(target, e), path.join(written, e))).sort();
  const differ = [...resources, ...files];
  if (differ.length > 0) {
    refuse(target, firstFive(differ), "a new or empty folder, or a copy of the input package (as an earlier add --out made): this folder is another package, or holds files that differ from the input's, which writing the package there would replace");
  }
  const kept = new Set(content.catalogue.map((c) => c.indicator));
  const dropped = catalogueIds(target, descriptor).filter((id) => !kept.has(id));
  if (dropped.length > 0) {
    refuse(target, firstFive(dropped), "a folder whose indicators the new package keeps: writing it there would drop indicators an earlier add put there; add this file to that package itself, or write to a new folder");
  }
}

/**
 * Write package content to `dir` so that nothing is half-written: into a temporary folder beside it, validated
 * there, then swapped in by renames. Other files of `carryFrom` (README.md, import-log.json, …) are copied (not its
 * lock, which goes with the old folder). A `dir` that is a symbolic link is followed: the folder it names is
 * written, and the link stays. `beforeSwap` is called just before the renames (a package lock's check that the
 * package did not change meanwhile): throwing there leaves `dir` as it was.
 * @throws DataErrors when the content does not validate (the temporary folder is removed; `dir` is untouched)
 * @example
 * writePackageAtomically("/tmp/england", plan.content, "/tmp/england");
 */
export function writePackageAtomically(dir: string, content: PackageContent, carryFrom?: string, beforeSwap?: () => void): PackageDescriptor {
  const target = linkFollowed(path.resolve(dir));
  const source = carryFrom === undefined ? undefined : realLocation(path.resolve(carryFrom));
  const inPlace = source === realLocation(target);
  if (!inPlace) refuseReplacing(realLocation(target), source);
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = `${target}.tmp-${stamp}`;
  const old = `${target}.old-${stamp}`;
  makeFolders(path.dirname(target));
  removeKilledWritesCopies(target);
  try {
    const descriptor = writePackage(tmp, content, { shownAs: target });
    if (carryFrom !== undefined) {
      const src = path.resolve(carryFrom);
      const own = packageOwnFiles(descriptor);
      const srcDescriptor = JSON.parse(fs.readFileSync(path.join(src, "datapackage.json"), "utf8")) as PackageDescriptor;
      for (const f of packageOwnFiles(srcDescriptor)) own.add(f);
      for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
        if (own.has(entry.name) || entry.isSymbolicLink()) continue;
        if (LEFTOVER.test(entry.name) || entry.name === LOCK_FILE) continue;
        fs.cpSync(path.join(src, entry.name), path.join(tmp, entry.name), { recursive: true });
      }
    }
    if (!inPlace) refuseLosing(target, tmp, content);
    const v = validatePackage(tmp);
    if (v.errors.length > 0) throw new DataErrors(v.errors, `the package written for ${target} does not validate`);
    waitBeforeCommitForTest();
    beforeSwap?.();
    if (fs.existsSync(target)) {
      fs.renameSync(target, old);
      try {
        fs.renameSync(tmp, target);
      } catch (e) {
        fs.renameSync(old, target);
        throw e;
      }
      fs.rmSync(old, { recursive: true, force: true });
    } else fs.renameSync(tmp, target);
    return descriptor;
  } finally {
    if (fs.existsSync(tmp)) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Lock what `add` writes, from before the package in `source` is read until the new one is in place: the package
 * itself when `target` is it (two adds in place at once had lost one's indicator), else the folder of the copy (two
 * `add --out` into one folder at once, one's copy).
 * @example
 * const lock = lockAddTarget("/tmp/england", "/tmp/england"); // in place
 */
export function lockAddTarget(source: string, target: string): PackageLock {
  return realLocation(target) === realLocation(source) ? lockPackage(source, "add") : lockOutputFolder(target, "add");
}

/**
 * Remove the copies an earlier write of `target` left when it was killed before its swap (`TARGET.tmp-PID-TIME` of a
 * process no longer running on this machine): a `kill -TERM` mid-`add` left a 14 MB copy of the package that nothing
 * removed (a last review of round 24). A copy beside a missing `target` is kept: the swap was stopped half-way, and
 * the copy is the new package (the CLI names it: lib/cli/options.ts packageDirArgument).
 */
function removeKilledWritesCopies(target: string): void {
  if (!fs.existsSync(target)) return;
  for (const left of swapLeftovers(target)) {
    if (left.kind === "tmp" && !processIsAlive(left.pid)) fs.rmSync(path.join(path.dirname(target), left.name), { recursive: true, force: true });
  }
}

/**
 * The folder a link names, for a target that is a symbolic link: it is written as if named itself (and refused as it
 * would be), and the link stays. Renaming the link itself, as the swap did, put a real folder where the link was and
 * left the folder it named unchanged (a review's `--out` link to a package).
 * @throws DataErrors when the link names nothing (a dangling link)
 */
function linkFollowed(target: string): string {
  let isLink = false;
  try {
    isLink = fs.lstatSync(target).isSymbolicLink();
  } catch {
    return target; // nothing there yet
  }
  if (!isLink) return target;
  try {
    return fs.realpathSync(target);
  } catch {
    return refuse(target, fs.readlinkSync(target), "a folder, or a link to one that exists: this link names nothing");
  }
}
