/**
 * A workbook file's size and first bytes are checked before it is read: round 24 (H7) read a 1.5 GB .xlsx whole
 * (1.59 GB of memory) before "invalid zip data", and one over 2 GiB stopped with Node's "File size … is greater than
 * 2 GiB", no file named. The large files here are sparse (truncateSync): they take no disk space.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import { DataError } from "../../../lib/errors";
import { MAX_WORKBOOK_FILE_BYTES, readWorkbookFile } from "../../../lib/data/import/spreadsheet/workbook-file";
import { tempDir } from "../../helpers/temp-dirs";

/** A sparse file of `size` bytes starting with `head`. */
function sparseFile(name: string, head: Buffer, size: number): string {
  const file = path.join(tempDir("vsw-workbook-file-"), name);
  fs.writeFileSync(file, head);
  fs.truncateSync(file, size);
  return file;
}

test("a workbook file over 2 GiB is refused naming the file, its size, the cap and what to do", () => {
  const file = sparseFile("big.xlsx", Buffer.from("PK\x03\x04"), 3 * 2 ** 30);
  assert.throws(() => readWorkbookFile(file, "LA/big.xlsx"), (e: Error) =>
    e instanceof DataError &&
    e.message === `LA/big.xlsx: got "3221225472 bytes", expected a workbook of at most ${MAX_WORKBOOK_FILE_BYTES} bytes (256 MiB; the sheets read may hold 128 MiB of XML): save the table as CSV UTF-8, or remove the pictures and the sheets not needed and save it again`);
});

test("a workbook file one byte over the cap is refused; one at the cap is read", () => {
  const head = Buffer.from("PK\x03\x04");
  assert.throws(() => readWorkbookFile(sparseFile("over.xlsx", head, 1001), undefined, 1000), /got "1001 bytes", expected a workbook of at most 1000 bytes/);
  assert.equal(readWorkbookFile(sparseFile("at.xlsx", head, 1000), undefined, 1000).length, 1000);
});

test("a file that does not start as a zip is refused by its first bytes, whatever its size", () => {
  const file = sparseFile("report.xlsx", Buffer.from("%PDF-1.7"), 200 * 2 ** 20);
  assert.throws(() => readWorkbookFile(file), (e: Error) =>
    e instanceof DataError && e.message.startsWith(`${file}: got "first bytes 25 50 44 46", expected an .xlsx workbook (a zip container: it starts with bytes 50 4B)`));
});

test("a pipe is read a chunk at a time and refused past the cap, not read without end", () => {
  // /dev/zero starts with bytes 00 00: refused at its first chunk
  assert.throws(() => readWorkbookFile("/dev/zero", "zero.xlsx"), /zero.xlsx: got "first bytes 00 00 00 00"/);
  // a named pipe fed "PK" and 3 MiB of zeros by another process: refused once more than the cap is read
  const fifo = path.join(tempDir("vsw-workbook-fifo-"), "book.xlsx");
  execFileSync("mkfifo", [fifo]);
  const writer = spawn("sh", ["-c", 'exec 3>"$1"; printf PK >&3; head -c 3145728 /dev/zero >&3 2>/dev/null', "sh", fifo], { stdio: "ignore" });
  try {
    assert.throws(() => readWorkbookFile(fifo, "book.xlsx", 2 ** 20), /book.xlsx: got "more than 1048576 bytes", expected a workbook of at most 1048576 bytes/);
  } finally {
    writer.kill();
  }
});
