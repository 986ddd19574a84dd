/**
 * Writing a package in place of a folder so that nothing is half-written and nothing of the user's is removed: `add`
 * writes the new package beside its target, validates it there and swaps it in by renames; a target that holds
 * files that are not a package's is refused first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeFolders } from "../atomic-write";
import { DataError, DataErrors } from "../../errors";
import { validatePackage, writePackage } from "../package";
import type { PackageContent, PackageDescriptor } from "../types";

/** Files of a package folder that are resources or the descriptor (everything else is carried over). */
function packageOwnFiles(descriptor: PackageDescriptor): Set<string> {
  return new Set(["datapackage.json", ...descriptor.resources.map((r) => r.path)]);
}

/**
 * Refuse to replace an existing folder that holds anything but a data package: the swap below removes what was
 * there, and a hostile-input review found `add … --out FOLDER` deleting a thesis and a sub-folder it had been pointed
 * at by mistake. Allowed are the folder's own package files (its datapackage.json's resources), the files a copy of
 * `carryFrom` holds (a previous `add --out` of the same package) and this module's leftovers of a killed run.
 * @throws DataErrors naming the folder and up to five of the files that would have been removed
 */
function refuseForeignFiles(target: string, carryFrom: string | undefined): void {
  let entries: string[];
  try {
    if (!fs.statSync(target).isDirectory()) return; // the rename reports a file in the way, naming it
    entries = fs.readdirSync(target);
  } catch {
    return; // nothing there yet
  }
  const allowed = new Set<string>();
  try {
    for (const f of packageOwnFiles(JSON.parse(fs.readFileSync(path.join(target, "datapackage.json"), "utf8")) as PackageDescriptor)) allowed.add(f);
  } catch {
    // no package there (or an unreadable descriptor): only carried files may be present
  }
  if (allowed.size > 0 && carryFrom !== undefined) for (const f of fs.readdirSync(path.resolve(carryFrom))) allowed.add(f);
  const foreign = entries.filter((e) => !allowed.has(e) && !/\.(tmp|old)-\d+-\d+$/.test(e)).sort();
  if (foreign.length === 0) return;
  const named = foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : "");
  throw new DataErrors([new DataError({
    file: target, value: named,
    expected: "a new or empty folder, or a data package's folder: this one holds files that are not a package's, which writing the package there would remove; nothing was written",
  })], `${target} was not written`);
}

/**
 * Write package content to `dir` so that nothing is half-written: into a temporary folder beside it, validated
 * there, then swapped in by renames. Other files of `carryFrom` (README.md, import-log.json, …) are copied.
 * @throws DataErrors when the content does not validate (the temporary folder is removed; `dir` is untouched)
 * @example
 * writePackageAtomically("/tmp/england", plan.content, "/tmp/england");
 */
export function writePackageAtomically(dir: string, content: PackageContent, carryFrom?: string): PackageDescriptor {
  const target = path.resolve(dir);
  if (carryFrom === undefined || path.resolve(carryFrom) !== target) refuseForeignFiles(target, carryFrom);
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = `${target}.tmp-${stamp}`;
  const old = `${target}.old-${stamp}`;
  makeFolders(path.dirname(target));
  try {
    const descriptor = writePackage(tmp, content);
    if (carryFrom !== undefined) {
      const src = path.resolve(carryFrom);
      const own = packageOwnFiles(descriptor);
      const srcDescriptor = JSON.parse(fs.readFileSync(path.join(src, "datapackage.json"), "utf8")) as PackageDescriptor;
      for (const f of packageOwnFiles(srcDescriptor)) own.add(f);
      for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
        if (own.has(entry.name) || entry.isSymbolicLink()) continue;
        if (/\.(tmp|old)-\d+-\d+$/.test(entry.name)) continue;
        fs.cpSync(path.join(src, entry.name), path.join(tmp, entry.name), { recursive: true });
      }
    }
    const v = validatePackage(tmp);
    if (v.errors.length > 0) throw new DataErrors(v.errors, `the package written for ${target} does not validate`);
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
