/**
 * Reading the source files of an import into memory, once each. The workbooks (.ods), which the workbook
 * worker (./ods-prefetch.ts) reads, are read into shared memory: the worker is given the very bytes the calling
 * thread holds instead of a copy (3.4 MB for the official folder: copying and first-touching that much fresh
 * memory took ≈ 20–40 ms of a cold start). Neither thread ever changes them. (The LAIT parquet is not: its
 * reader hands hyparquet the bytes' ArrayBuffer, which must not be a SharedArrayBuffer.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ImportLog } from "./import-log";

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
 * starts at once. Each file is looked at (stat) once.
 * @returns file → bytes, in the order of `files`
 * @throws what reading a file throws (as fs.readFileSync throws it), at the first file that cannot be read
 * @example
 * const bytes = readSources(listSourceFiles(["../shared/data/official"]), new ImportLog(), (w) => prefetch.sendWorkbooks(w));
 */
export function readSources(files: readonly string[], log: ImportLog, workbooksRead?: (workbooks: ReadonlyMap<string, Uint8Array>) => void): Map<string, Uint8Array> {
  const workbooks = readWorkbooksFirst(files);
  workbooksRead?.(workbooks);
  const bytes = new Map<string, Uint8Array>();
  for (const f of files) {
    const workbook = workbooks.get(f);
    if (workbook !== undefined) {
      bytes.set(f, workbook);
      continue;
    }
    const size = fs.statSync(f).size;
    if (size > MAX_SOURCE_FILE_BYTES) {
      log.add({ action: "skipped-file", file: f, rule: `larger than ${MAX_SOURCE_FILE_BYTES} bytes (${size}); no official source read here is that large` });
      continue;
    }
    bytes.set(f, fs.readFileSync(f));
  }
  return bytes;
}

/**
 * The .ods files among `files` (within the size limit), read into shared memory ({@link readFileShared}) before
 * the others so that the worker reading them starts while the others are read and detected. A file that cannot be read, or is larger than the limit,
 * is left out: read again in order by {@link readSources}, it fails, or is logged, there as it did before.
 */
function readWorkbooksFirst(files: readonly string[]): Map<string, Uint8Array> {
  const workbooks = new Map<string, Uint8Array>();
  for (const f of files) {
    if (!isOds(f)) continue;
    const read = readFileShared(f);
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
