/**
 * Writes that never leave a file half-written: each file is written in full to a temporary file in the same
 * folder (same file system, so `rename` is atomic on POSIX, rename(2)), flushed with fsync, and only then
 * renamed over its target. A run killed at any point leaves every target either as it was before or as the
 * run meant to write it; at worst a hidden temporary file `.NAME.vsw-tmp-PID-N` is left behind, which the
 * next write into that folder removes.
 *
 * A group of files ({@link writeFilesAtomically}) is staged completely before the first rename, so a kill
 * while the data is being written (almost all of the time a write takes) leaves all the old files. The
 * renames are then committed through a journal, as a database commits a transaction: a small file
 * `.vsw-commit-PID-N` listing each staged file and its target appears (itself atomically) before the first
 * rename and is removed after the last. A kill between the two leaves the journal behind, and whatever next
 * writes into the folder or reads a package from it ({@link finishInterruptedWrites}, called by every group
 * write and by the package reader) completes the renames first: the group ends all new, never mixed. Between
 * the kill and that next command, a program reading the files directly may see some new and some old; it can
 * tell from the journal's presence, from the run id each group carries (results.json and report.html) or
 * from the sha256 of each resource in datapackage.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";

/** Marker in the names of temporary files (hidden: they start with a dot). */
export const TEMP_MARKER = ".vsw-tmp-";

/** Start of the name of a commit journal (`.vsw-commit-PID-N`): present only while a group's renames run. */
export const JOURNAL_PREFIX = ".vsw-commit-";

/** What a commit journal holds: each staged temporary file and the target it is renamed to (plain names). */
interface Journal {
  renames: { temp: string; target: string }[];
  /** Files of the folder removed after the renames (a replaced package's resources the new one does not list). */
  removes?: string[];
}

/** What {@link writeFilesAtomically} does besides writing the files. */
export interface GroupWriteOptions {
  /** Called once every file is staged, just before the first rename: throwing there leaves every target as it was. */
  beforeCommit?: () => void;
  /** Files of the folder (plain names) removed after the renames, under the same journal: the group ends all new. */
  remove?: readonly string[];
}

let tempCounter = 0;

/**
 * Contents produced while the file is written: called once, with a function that appends a chunk of bytes to the
 * file (synchronously: the chunk may be reused once it returns). Files are written in the order given, so a
 * later file's writer may use what an earlier one computed (datapackage.json the hashes of its CSVs).
 */
export type ContentsWriter = (write: (chunk: Uint8Array) => void) => void;

/** One file to write: its name inside the folder (no path separators) and its contents. */
export interface FileToWrite {
  name: string;
  contents: string | Uint8Array;
}

/** One file to write whose contents are produced as it is written ({@link ContentsWriter}). */
export interface StreamedFile {
  name: string;
  contents: ContentsWriter;
}

function tempName(name: string): string {
  return `.${name}${TEMP_MARKER}${process.pid}-${++tempCounter}`;
}

/** Whether `name` is a plain file name inside a folder: not empty, not "." or "..", no separator or NUL. */
function isPlainName(name: unknown): name is string {
  return typeof name === "string" && name !== "" && name !== "." && name !== ".." && !name.includes("/") && !name.includes("\\") && !name.includes("\0");
}

function checkName(fn: string, name: string): void {
  if (!isPlainName(name)) throw new InputError(fn, "a file name without path separators is needed", name);
}

/**
 * Whether a folder entry is a commit journal (not the temporary file a journal is written to first).
 * @example isCommitJournal(".vsw-commit-4242-3") // true
 */
export function isCommitJournal(entry: string): boolean {
  return entry.startsWith(JOURNAL_PREFIX) && !entry.includes(TEMP_MARKER);
}

function writeSynced(file: string, contents: string | Uint8Array | ContentsWriter): void {
  const fd = fs.openSync(file, "wx", 0o644);
  try {
    if (typeof contents === "function") contents((chunk) => writeWhole(fd, chunk));
    else fs.writeFileSync(fd, contents);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Write all of `chunk` at the file's position (writeSync may write less than asked). */
function writeWhole(fd: number, chunk: Uint8Array): void {
  for (let done = 0; done < chunk.length; ) done += fs.writeSync(fd, chunk, done, chunk.length - done);
}

/**
 * Remove temporary files left in `dir` by writes of processes that no longer run (killed mid-write).
 * @example
 * removeStaleTempFiles("out"); // deletes e.g. out/.results.json.vsw-tmp-4242-1 when process 4242 is gone
 */
export function removeStaleTempFiles(dir: string): void {
  finishInterruptedWrites(dir); // first: the staged files of an interrupted commit are still needed
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return; // no folder yet: nothing to clean
  }
  for (const entry of entries) {
    if (!entry.startsWith(".") || !entry.includes(TEMP_MARKER)) continue;
    const pid = pidAfter(entry, TEMP_MARKER);
    if (!Number.isInteger(pid) || pid === process.pid || processIsAlive(pid)) continue;
    fs.rmSync(path.join(dir, entry), { force: true });
  }
}

/** The process id in a journal's or temporary file's name after `marker`, or NaN. */
function pidAfter(entry: string, marker: string): number {
  const at = entry.indexOf(marker);
  return at < 0 ? Number.NaN : Number(entry.slice(at + marker.length).split("-")[0]);
}

/**
 * Complete the group writes into `dir` that were killed while renaming: for each commit journal left by a
 * process that no longer runs, rename every staged file that is still there over its target (those already
 * renamed are gone), then remove the journal. Journals of running processes are left to them. Returns the
 * number of groups completed. A journal that cannot be read is removed (nothing can be done with it; the
 * readers' checks then report any mixed files).
 * @example
 * finishInterruptedWrites("out"); // 1 when a killed `import` had renamed 3 of its 7 files: now all 7 are new
 */
export function finishInterruptedWrites(dir: string): number {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let finished = 0;
  for (const entry of entries) {
    if (!isCommitJournal(entry)) continue;
    const pid = pidAfter(entry, JOURNAL_PREFIX);
    if (!Number.isInteger(pid) || pid === process.pid || processIsAlive(pid)) continue;
    const journalFile = path.join(dir, entry);
    const journal = readJournal(journalFile);
    for (const r of journal?.renames ?? []) {
      const temp = path.join(dir, r.temp);
      if (fs.existsSync(temp)) fs.renameSync(temp, path.join(dir, r.target));
    }
    for (const name of journal?.removes ?? []) fs.rmSync(path.join(dir, name), { force: true });
    syncFolder(dir);
    fs.rmSync(journalFile, { force: true });
    if (journal) finished++;
  }
  return finished;
}

function readJournal(file: string): Journal | undefined {
  try {
    const j = JSON.parse(fs.readFileSync(file, "utf8")) as Journal;
    if (!Array.isArray(j.renames) || !j.renames.every((r) => isPlainName(r?.temp) && isPlainName(r?.target) && r.temp.includes(TEMP_MARKER))) return undefined;
    if (j.removes !== undefined && !(Array.isArray(j.removes) && j.removes.every(isPlainName))) return undefined;
    return j;
  } catch {
    return undefined;
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
 * Create the folder `dir` and its missing parents, one at a time from the nearest one that exists. Node's
 * `mkdirSync(dir, { recursive: true })` never returns where the system refuses a folder with ENOENT though its
 * parent exists (`/proc/x`: it creates the parent again, which exists, and retries, measured on node 20); here
 * that refusal, like any other, is an error naming the folder.
 * @param mode permissions of the folders created (as mkdir's, before the umask)
 * @throws InputError `cannot create the folder /sys/x (EPERM: operation not permitted)`
 * @example
 * makeFolders("out/figures"); // creates out/ when missing, then out/figures/
 */
export function makeFolders(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let p = path.resolve(dir); !fs.existsSync(p); p = path.dirname(p)) {
    missing.push(p);
    if (path.dirname(p) === p) break;
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "EEXIST") {
        const there = fs.statSync(folder, { throwIfNoEntry: false });
        // made meanwhile by another process: what was asked for
        if (there?.isDirectory()) continue;
        // a symbolic link to a missing target: existsSync (which follows it) found nothing, mkdir finds the link
        if (there === undefined) throw new InputError("makeFolders", `cannot create the folder ${folder} (EEXIST: a symbolic link to nothing is in the way)`);
      }
      const reason = typeof err.code === "string" ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "").replace(/, mkdir .*$/, "")}` : String(e);
      throw new InputError("makeFolders", `cannot create the folder ${folder} (${reason})`);
    }
  }
  if (!fs.statSync(dir).isDirectory()) throw new InputError("makeFolders", `cannot create the folder ${path.resolve(dir)}: a file of that name exists`);
}

/**
 * Write several files into `dir` as one group: all are written to temporary files first (flushed), then
 * renamed over their targets one after the other. If any write fails, the temporary files are removed and
 * no target is touched. The folder is created when missing.
 * @param dir folder to write into
 * @param files names (plain file names, no separators) and contents (or a {@link ContentsWriter}), written and
 *   renamed in the order given (put the file that describes the others, e.g. datapackage.json, last)
 * @param options a check just before the renames, and files to remove after them ({@link GroupWriteOptions})
 * @example
 * writeFilesAtomically("out", [{ name: "results.json", contents: json }, { name: "report.html", contents: html }]);
 */
export function writeFilesAtomically(dir: string, files: readonly (FileToWrite | StreamedFile)[], options: GroupWriteOptions = {}): void {
  for (const f of files) checkName("writeFilesAtomically", f.name);
  const written = new Set(files.map((f) => f.name));
  const remove = (options.remove ?? []).filter((name) => !written.has(name));
  for (const name of remove) checkName("writeFilesAtomically", name);
  makeFolders(dir);
  removeStaleTempFiles(dir);
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const temp = path.join(dir, tempName(f.name));
      staged.push({ temp, target: path.join(dir, f.name) });
      writeSynced(temp, f.contents);
    }
    options.beforeCommit?.();
  } catch (e) {
    for (const s of staged) fs.rmSync(s.temp, { force: true });
    throw e;
  }
  commitRenames(dir, staged, remove);
}

/**
 * Rename the staged files over their targets under a journal (see the file's comment): the journal is
 * written to a temporary file and renamed into place, so it exists whole or not at all; once it exists the
 * group is decided and {@link finishInterruptedWrites} completes it if this process is killed.
 */
function commitRenames(dir: string, staged: readonly { temp: string; target: string }[], remove: readonly string[]): void {
  if (staged.length === 1 && remove.length === 0) {
    fs.renameSync(staged[0].temp, staged[0].target); // one rename is atomic by itself
    syncFolder(dir);
    return;
  }
  const journal: Journal = { renames: staged.map((s) => ({ temp: path.basename(s.temp), target: path.basename(s.target) })), ...(remove.length > 0 ? { removes: [...remove] } : {}) };
  const journalName = `${JOURNAL_PREFIX}${process.pid}-${++tempCounter}`;
  const journalTemp = path.join(dir, tempName(journalName));
  writeSynced(journalTemp, JSON.stringify(journal));
  fs.renameSync(journalTemp, path.join(dir, journalName));
  syncFolder(dir);
  for (const s of staged) fs.renameSync(s.temp, s.target);
  for (const name of remove) fs.rmSync(path.join(dir, name), { force: true });
  syncFolder(dir);
  fs.rmSync(path.join(dir, journalName), { force: true });
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
