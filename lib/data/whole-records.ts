/**
 * Reading a file in chunks of bytes while handing over only whole records: the bytes after the last whole
 * record of a chunk are carried to the front of the buffer and completed by the next read. Shared by the
 * package reader (records end at a line feed outside quotes) and the CIN episode reader (records end at a
 * line feed), so memory stays at about one chunk whatever the file's size.
 */
import * as fs from "node:fs";

/**
 * Read the open file `fd` to its end in chunks of `chunkBytes`, calling `consume(buf, end, last)` with
 * buf[0, end) holding whole records only (or, with `last`, everything left at the end of the file, which may
 * end without a line feed). `recordsEnd(buf, filled)` says where the last whole record in buf[0, filled)
 * ends (-1 or 0: none yet, read more); the buffer doubles when one record is longer than it. `onRead` sees
 * every byte once, in order (e.g. to hash the file). `consume` returning false stops the reading.
 * @returns false when `consume` stopped it, else true
 * @example
 * readWholeRecords(fd, 1 << 20, (buf, n) => buf.lastIndexOf(10, n - 1) + 1, (buf, end) => { lines += countLines(buf, end); });
 */
export function readWholeRecords(
  fd: number,
  chunkBytes: number,
  recordsEnd: (buf: Buffer, filled: number) => number,
  consume: (buf: Buffer, end: number, last: boolean) => boolean | void,
  onRead?: (bytes: Buffer) => void,
): boolean {
  let buf = Buffer.allocUnsafe(Math.max(1, chunkBytes));
  let filled = 0;
  for (;;) {
    if (filled === buf.length) buf = doubled(buf);
    const n = fs.readSync(fd, buf, filled, buf.length - filled, null);
    onRead?.(buf.subarray(filled, filled + n));
    filled += n;
    const last = n === 0;
    const end = last ? filled : recordsEnd(buf, filled);
    if (end <= 0 && !last) continue;
    if (consume(buf, end, last) === false) return false;
    if (last) return true;
    buf.copy(buf, 0, end, filled);
    filled -= end;
  }
}

function doubled(buf: Buffer): Buffer {
  const bigger = Buffer.allocUnsafe(2 * buf.length);
  buf.copy(bigger, 0, 0, buf.length);
  return bigger;
}
