/**
 * Reading a workbook file (an .xlsx, a zip) into memory, with its size and first bytes checked before it is read:
 * `add` and `returns` had read an .xlsx whole before any check (round 24 H7: a 1.5 GB file took 1.59 GB of memory
 * before "invalid zip data"; one over 2 GiB stopped with Node's "File size … is greater than 2 GiB", no file named).
 */
import { DataError } from "../../../errors";
import { readBoundedFile } from "../../bounded-file";
import { MAX_ZIP_TOTAL_BYTES } from "./zip";

/**
 * Largest workbook file read (bytes): 256 MiB, twice {@link MAX_ZIP_TOTAL_BYTES}. The parts a reader inflates may
 * total 128 MiB uncompressed, so they take at most about that much of the file (stored, not deflated); the other
 * 128 MiB leaves room for parts never read (pictures, pivot caches). A larger file cannot be read within the limits.
 */
export const MAX_WORKBOOK_FILE_BYTES = 2 * MAX_ZIP_TOTAL_BYTES;

/**
 * A workbook file's bytes, refused before it is read when it is larger than `cap` or does not start as a zip
 * container (bytes 50 4B). A pipe or device is read up to `cap` bytes and refused past it.
 * @param file - path to read
 * @param shown - the name used in messages (a path relative to the input folder); the path by default
 * @param cap - largest size read, in bytes ({@link MAX_WORKBOOK_FILE_BYTES} unless a test needs less)
 * @throws DataError naming the file, its size and the cap, or its first bytes
 * @example
 * readWorkbookFile("my-indicators.xlsx").length // the file's size in bytes
 */
export function readWorkbookFile(file: string, shown = file, cap = MAX_WORKBOOK_FILE_BYTES): Buffer {
  return readBoundedFile(file, cap, {
    tooLarge: (found) => tooLarge(shown, found, cap),
    head: (head) => (head.length >= 2 && !(head[0] === 0x50 && head[1] === 0x4b) ? notZip(shown, head.subarray(0, 4)) : undefined),
  });
}

/**
 * The refusal of a workbook larger than the cap: a DataError of its own class, so that a reader that opens a workbook
 * only to tell what it is (the returns' discovery of Annex A workbooks) refuses it rather than passing it over.
 */
export class WorkbookTooLargeError extends DataError {}

function tooLarge(file: string, size: string, cap: number): DataError {
  return new WorkbookTooLargeError({
    file,
    value: size,
    expected: `a workbook of at most ${cap} bytes (${Math.round(cap / 2 ** 20)} MiB; the sheets read may hold ${Math.round(MAX_ZIP_TOTAL_BYTES / 2 ** 20)} MiB of XML): save the table as CSV UTF-8, or remove the pictures and the sheets not needed and save it again`,
  });
}

function notZip(file: string, head: Uint8Array): DataError {
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, "0")).join(" ");
  return new DataError({ file, value: `first bytes ${hex}`, expected: "an .xlsx workbook (a zip container: it starts with bytes 50 4B); if it is a CSV or an old .xls, save it as .xlsx or CSV UTF-8" });
}
