/**
 * Writes that never leave a file half-written: each file is written in full to a temporary file in the same
 * folder (same file system, so `rename` is atomic on POSIX, rename(2)), flushed with fsync, and only then
 * renamed over its target. A run killed at any point leaves every target either as it was before or as the
 * run meant to write it; at worst a hidden temporary file `.NAME.vsw-tmp-PID-N` is left behind, which the
 * next write into that folder removes.
 *
 * A group of files ({@link writeFilesAtomically}) is staged completely before the first rename, so a kill
 * while the data is being written (almost all of the time a write takes) leaves all the old files; only a
 * kill inside the few back-to-back rename calls at the end can leave some files new and some old. Readers
 * detect that case through the run id each group carries (results.json and report.html) or the sha256 of
 * each resource in datapackage.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";

/** Marker in the names of temporary files (hidden: they start with a dot). */
export const TEMP_MARKER = ".vsw-tmp-";

let tempCounter = 0;

/** One file to write: its name inside the folder (no path separators) and its contents. */
export interface FileToWrite {
  name: string;
  contents: string | Uint8Array;
}

function tempName(name: string): string {
  return `.${name}${TEMP_MARKER}${process.pid}-${++tempCounter}`;
}

function checkName(fn: string, name: string): void {
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\\") || name.includes("\0")) {
    throw new InputError(fn, "a file name without path separators is needed", name);
  }
}

function writeSynced(file: string, contents: string | Uint8Array): void {
  const fd = fs.openSync(file, "wx", 0o644);
  try {
    fs.writeFileSync(fd, contents);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Remove temporary files left in `dir` by writes of processes that no longer run (killed mid-write).
 * @example
 * removeStaleTempFiles("out"); // deletes e.g. out/.results.json.vsw-tmp-4242-1 when process 4242 is gone
 */
export function removeStaleTempFiles(dir: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return; // no folder yet: nothing to clean
  }
  for (const entry of entries) {
    const at = entry.indexOf(TEMP_MARKER);
    if (!entry.startsWith(".") || at < 0) continue;
    const pid = Number(entry.slice(at + TEMP_MARKER.length).split("-")[0]);
    if (!Number.isInteger(pid) || pid === process.pid || processIsAlive(pid)) continue;
    fs.rmSync(path.join(dir, entry), { force: true });
  }
}

/**
 * Whether a process with this id is running (signal 0 probes without sending; EPERM = running as another user).
 * @example processIsAlive(process.pid) // true
 */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Write several files into `dir` as one group: all are written to temporary files first (flushed), then
 * renamed over their targets one after the other. If any write fails, the temporary files are removed and
 * no target is touched. The folder is created when missing.
 * @param dir folder to write into
 * @param files names (plain file names, no separators) and contents, renamed in the order given (put the
 *   file that describes the others, e.g. datapackage.json, last)
 * @example
 * writeFilesAtomically("out", [{ name: "results.json", contents: json }, { name: "report.html", contents: html }]);
 */
export function writeFilesAtomically(dir: string, files: readonly FileToWrite[]): void {
  for (const f of files) checkName("writeFilesAtomically", f.name);
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTempFiles(dir);
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const temp = path.join(dir, tempName(f.name));
      staged.push({ temp, target: path.join(dir, f.name) });
      writeSynced(temp, f.contents);
    }
  } catch (e) {
    for (const s of staged) fs.rmSync(s.temp, { force: true });
    throw e;
  }
  for (const s of staged) fs.renameSync(s.temp, s.target);
  syncFolder(dir);
}

/**
 * Write one file atomically (temporary file in the same folder, fsync, rename).
 * @example
 * writeFileAtomically("out/report.html", html);
 */
export function writeFileAtomically(file: string, contents: string | Uint8Array): void {
  writeFilesAtomically(path.dirname(path.resolve(file)), [{ name: path.basename(file), contents }]);
}

function syncFolder(dir: string): void {
  // make the renames durable; some file systems do not allow opening a folder for fsync: then skip
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
