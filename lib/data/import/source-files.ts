/**
 * Reading the source files of an import into memory, once each. The workbooks (.ods), which the workbook
 * worker (./ods-prefetch.ts) reads, are read into shared memory: the worker is given the very bytes the calling
 * thread holds instead of a copy (3.4 MB for the official folder: copying and first-touching that much fresh
 * memory took ≈ 20–40 ms of a cold start). Neither thread ever changes them. (The LAIT parquet is not: its
 * reader hands hyparquet the bytes' ArrayBuffer, which must not be a SharedArrayBuffer.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, InputError, isSystemError } from "../../errors";
import type { ImportLog } from "./import-log";
import { prestartOdsWorker } from "./ods-prefetch-thread";
import { readFileHead } from "../file-head";
import { describeEntry, entryAt, type FolderEntry } from "../folder-entries";

/**
 * Largest source file read (bytes): 64 MiB, about twenty times the largest official file read today
 * (ees/outcomes/absence_la.csv, 3.4 MB); a larger file is skipped and logged instead of exhausting memory.
 */
export const MAX_SOURCE_FILE_BYTES = 64 * 1024 * 1024;

/** Whether a file is an OpenDocument workbook (read first, into shared memory, for the worker). */
export const isOds = (file: string): boolean => path.extname(file).toLowerCase() === ".ods";

/**
 * Read every source file (up to {@link MAX_SOURCE_FILE_BYTES}; a larger one is logged and skipped), the
 * workbooks first: `workbooksRead` is given them before the others are read, so the worker reading them
 * starts at once. Each file is looked at (stat) once. A file read ahead (`ahead`, {@link readSourcesAhead}) is
 * taken as read; one it could not read is read here, in order, and fails here as it would have. `fileRead` is
 * called with each file as it is added, in order (e.g. to detect it while the files after it are read ahead).
 * @returns file → bytes, in the order of `files`
 * @throws DataError naming the first file that cannot be read (e.g. no permission, deleted during the import) and why
 * @example
 * const bytes = await readSources(listSourceFiles(["../shared/data/official"]), new ImportLog(), (w) => prefetch.sendWorkbooks(w));
 */
export async function readSources(
  files: readonly string[],
  log: ImportLog,
  workbooksRead?: (workbooks: ReadonlyMap<string, Uint8Array>) => void,
  ahead?: ReadonlyMap<string, Promise<Uint8Array | undefined>>,
  fileRead?: (file: string, bytes: Uint8Array) => void,
): Promise<Map<string, Uint8Array>> {
  const workbooks = await readWorkbooksFirst(files, ahead);
  workbooksRead?.(workbooks);
  const bytes = new Map<string, Uint8Array>();
  for (const f of files) {
    const workbook = workbooks.get(f);
    if (workbook !== undefined) {
      bytes.set(f, workbook);
      fileRead?.(f, workbook);
      continue;
    }
    const size = readable(f, () => fs.statSync(f).size);
    if (size > MAX_SOURCE_FILE_BYTES) {
      checkNotOversizeSource(f, size);
      log.add({ action: "skipped-file", file: f, rule: `larger than ${MAX_SOURCE_FILE_BYTES} bytes (${size}); no official source read here is that large` });
      continue;
    }
    const read = (await ahead?.get(f)) ?? readable(f, () => fs.readFileSync(f));
    bytes.set(f, read);
    fileRead?.(f, read);
  }
  return bytes;
}

/** Bytes read from the start of a CSV over the size limit to find its header: the 64 KiB detection looks at. */
const OVERSIZE_HEAD_BYTES = 65536;

/**
 * A CSV over {@link MAX_SOURCE_FILE_BYTES} whose header is a source's is an error, not a skipped file: its rows
 * would be lost with exit 0 (a 100 MB line appended to an EES file was only logged). Its first 64 KiB are read and
 * detected as any CSV is (./detect.ts, loaded here only then: this module is loaded before the importers); a
 * header no source has, or another type of file, is left to be logged and skipped.
 * @throws DataError naming the file, its size and its kind of source; or detection's error for an unreadable CSV
 */
function checkNotOversizeSource(file: string, size: number): void {
  if (path.extname(file).toLowerCase() !== ".csv") return;
  const head = readable(file, () => readFileHead(file, OVERSIZE_HEAD_BYTES));
  const { detectSource } = require("./detect") as typeof import("./detect");
  const { kind } = detectSource(file, head);
  if (kind === "unknown" || kind === "not-imported") return;
  throw new DataError({ file, value: `${size} bytes`, expected: `a source file of at most ${MAX_SOURCE_FILE_BYTES} bytes (its header is a source's, ${kind}, and no official source is that large: download it again, or remove it from the folder if it is not a source)` });
}

/**
 * `read()` of a listed file or folder, a failure of the file system (no permission, deleted or moved since it was
 * listed) given as a DataError naming it, instead of Node's bare error.
 * @example
 * readable("gone.csv", () => fs.readFileSync("gone.csv")) // throws DataError: gone.csv: got "ENOENT: no such file…", expected a readable file…
 */
function readable<T>(file: string, read: () => T, kind: "file" | "folder" = "file"): T {
  try {
    return read();
  } catch (e) {
    if (!isSystemError(e)) throw e;
    throw new DataError({ file, value: e.message, expected: `a readable ${kind} (check its permissions, and that it was not moved or deleted while the import ran)` });
  }
}

/**
 * The .ods files among `files` (within the size limit), read into shared memory ({@link readFileShared}) before
 * the others so that the worker reading them starts while the others are read and detected. A file that cannot be read, or is larger than the limit,
 * is left out: read again in order by {@link readSources}, it fails, or is logged, there as it did before.
 */
async function readWorkbooksFirst(files: readonly string[], ahead?: ReadonlyMap<string, Promise<Uint8Array | undefined>>): Promise<Map<string, Uint8Array>> {
  const workbooks = new Map<string, Uint8Array>();
  for (const f of files) {
    if (!isOds(f)) continue;
    const read = (await ahead?.get(f)) ?? readFileShared(f);
    if (read !== undefined) workbooks.set(f, read);
  }
  return workbooks;
}

/**
 * A regular file's bytes (within {@link MAX_SOURCE_FILE_BYTES}) read into a SharedArrayBuffer, which the
 * worker can be given without a copy; undefined when it cannot be read so, or is empty or too large: the
 * caller then reads it with fs.readFileSync (and fails, or logs, as it does). The same bytes as readFileSync's.
 * @example
 * readFileShared("RO3.ods")?.buffer instanceof SharedArrayBuffer // true
 */
export function readFileShared(file: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size === 0 || st.size > MAX_SOURCE_FILE_BYTES) return undefined;
    const bytes = new Uint8Array(new SharedArrayBuffer(st.size));
    let at = 0;
    while (at < bytes.length) {
      const n = fs.readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return at < bytes.length ? bytes.subarray(0, at) : bytes; // as readFileSync: what was there (a file cut short meanwhile)
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The sources of an import as {@link readSourcesAhead} began reading them. */
export interface SourcesReadAhead {
  /** The paths listed (an import of other paths ignores this). */
  paths: readonly string[];
  /** {@link listSourceFiles}' files and skipped links for them. */
  files: string[];
  skipped: { file: string; reason: string }[];
  /** Each file's bytes once read (workbooks in shared memory), or undefined when it could not be read so (read again in order). */
  reads: Map<string, Promise<Uint8Array | undefined>>;
}

/**
 * List the sources under `paths` and start reading every one (within {@link MAX_SOURCE_FILE_BYTES}) on libuv's
 * threads, so that the reading is done while the caller does other work; {@link readSources} then takes them. When
 * the workbooks among them are worth the workbook worker, it is started too (./ods-prefetch-thread.ts
 * prestartOdsWorker), kept idle for the import to take.
 * A read that fails, or meets anything unusual, gives undefined (the file is read again in order, failing
 * there as it would have); a listing that throws gives undefined (the import lists again, and throws there).
 * @example
 * const readAhead = readSourcesAhead(["../shared/data/official"]); const { importOfficial } = require("./import-official"); await importOfficial(paths, { readAhead });
 */
export function readSourcesAhead(paths: readonly string[]): SourcesReadAhead | undefined {
  const skipped: { file: string; reason: string }[] = [];
  let files: string[];
  try {
    files = listSourceFiles(paths, skipped);
  } catch {
    return undefined;
  }
  const reads = readInOrder([...files.filter(isOds), ...files.filter((f) => !isOds(f))]);
  prestartOdsWorker(files.filter(isOds)); // its start-up overlaps the reads and the caller's loading of the importers
  return { paths: [...paths], files, skipped, reads };
}

/**
 * Files read at once on libuv's threads: 4, its default pool size (UV_THREADPOOL_SIZE). Each file is opened, read
 * and closed before another is started, so the files are done in the order asked; with every file started at once,
 * each one's open, stat, read and close queued behind all the others', and the first came in nearly last.
 */
const READS_IN_FLIGHT = 4;

/**
 * {@link readFileAsync} of every file, {@link READS_IN_FLIGHT} at a time in the order given (the workbooks first,
 * into shared memory: the worker waits for them; then the others, in the order the import takes them).
 */
function readInOrder(files: readonly string[]): Map<string, Promise<Uint8Array | undefined>> {
  const reads = new Map<string, Promise<Uint8Array | undefined>>();
  const starts: (() => void)[] = [];
  let next = 0;
  const startNext = () => {
    if (next < starts.length) starts[next++]();
  };
  for (const f of files) {
    reads.set(f, new Promise((resolve) => starts.push(() => void readFileAsync(f, isOds(f)).then((bytes) => (resolve(bytes), startNext())))));
  }
  for (let k = 0; k < READS_IN_FLIGHT; k++) startNext();
  return reads;
}

/** A regular file's bytes read on libuv's threads (into shared memory when `shared`), or undefined when it is empty, too large or cannot be read. */
function readFileAsync(file: string, shared: boolean): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    fs.open(file, "r", (openError, fd) => {
      if (openError !== null) return resolve(undefined);
      const done = (bytes: Uint8Array | undefined) => fs.close(fd, () => resolve(bytes));
      fs.fstat(fd, (statError, st) => {
        if (statError !== null || !st.isFile() || st.size === 0 || st.size > MAX_SOURCE_FILE_BYTES) return done(undefined);
        const bytes = shared ? new Uint8Array(new SharedArrayBuffer(st.size)) : Buffer.allocUnsafeSlow(st.size);
        const readFrom = (at: number): void => {
          fs.read(fd, bytes, at, bytes.length - at, at, (readError, n) => {
            if (readError !== null) return done(undefined);
            if (n === 0 || at + n >= bytes.length) return done(at + n < bytes.length ? bytes.subarray(0, at + n) : bytes); // as readFileSync: what was there
            readFrom(at + n);
          });
        };
        readFrom(0);
      });
    });
  });
}

/**
 * Why a path could not be resolved: a broken link or a link loop (ELOOP) in the words every folder walk gives
 * ({@link describeEntry}; a loop had been "unreadable path or broken symbolic link (ELOOP)"), else the system's code.
 */
function unresolvedReason(p: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? "error";
  let entry: FolderEntry;
  try {
    entry = entryAt(p);
  } catch {
    return `unreadable path or broken symbolic link (${code})`;
  }
  if (entry.kind === "broken-link" || entry.kind === "link-loop") return `${describeEntry(entry)}: not followed`;
  return `unreadable path or broken symbolic link (${code})`;
}

/**
 * List the files under the given paths (folders recursively, sorted; hidden files skipped).
 * Symbolic links are followed only when their target stays inside the source path they were found under;
 * a link pointing outside it, and a link back to a folder already being walked (a loop), are not followed
 * and are listed in `skipped` with the reason instead.
 * @param skipped - receives `{ file, reason }` for every link not followed
 * @throws InputError when a path does not exist; DataError naming a folder that cannot be listed (no permission)
 * @example
 * listSourceFiles(["../shared/data/official"]).length // 60
 */
export function listSourceFiles(paths: readonly string[], skipped: { file: string; reason: string }[] = []): string[] {
  const out: string[] = [];
  const inside = (root: string, target: string) => {
    const rel = path.relative(root, target);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  };
  const walk = (p: string, root: string, ancestors: ReadonlySet<string>) => {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch (e) {
      skipped.push({ file: p, reason: unresolvedReason(p, e) });
      return;
    }
    if (fs.lstatSync(p).isSymbolicLink() && !inside(root, real)) {
      skipped.push({ file: p, reason: "symbolic link pointing outside the source folder (not followed)" });
      return;
    }
    const st = fs.statSync(real);
    if (st.isDirectory()) {
      if (ancestors.has(real)) {
        skipped.push({ file: p, reason: "symbolic link loop (a folder inside itself; not followed)" });
        return;
      }
      // every entry by its path (realpath, lstat, stat): an entry's type as the folder lists it is not enough (a
      // name that is not UTF-8 is listed with U+FFFD and names no file; a folder that can be read but not entered)
      const next = new Set(ancestors).add(real);
      for (const e of readable(p, () => fs.readdirSync(p), "folder").sort()) if (!e.startsWith(".")) walk(path.join(p, e), root, next);
    } else if (st.isFile()) out.push(p);
    else skipped.push({ file: p, reason: `${describeEntry(entryAt(p))}: not read` });
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new InputError("importOfficial", "source path does not exist", p);
    const root = fs.realpathSync(p);
    walk(p, fs.statSync(root).isDirectory() ? root : path.dirname(root), new Set());
  }
  return [...new Set(out)];
}

