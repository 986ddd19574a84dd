/**
 * A whole file read into memory only when it is at most a given size: its size is checked before it is read (a
 * regular file), or as it is read (a pipe or device, a chunk at a time), so a file too large for its reader is refused
 * naming it instead of exhausting memory or stopping with Node's "File size … is greater than 2 GiB" (round 24 H7, H8).
 */
import * as fs from "node:fs";
import type { DataError } from "../errors";

/** Bytes read at a time from a file that is not a regular file (a pipe), whose size is not known beforehand. */
const READ_CHUNK_BYTES = 1 << 20;

/** How a reader refuses a file: too large (`found`: "N bytes" or "more than N bytes"), or by its first bytes. */
export interface BoundedFileChecks {
  tooLarge: (found: string) => DataError;
  /** An error for a file whose first bytes (up to the first read's, at least 2 when the file has them) are not what the reader takes. */
  head?: (head: Buffer) => DataError | undefined;
}

/**
 * A file's bytes when it is at most `cap` bytes long, else the reader's error, thrown before a regular file is read
 * (from its size) or once a pipe has given more than `cap` bytes.
 * @throws the reader's DataError (too large, or by its first bytes); the file system's error when it cannot be read
 * @example
 * readBoundedFile("my.meta.json", 16 << 20, { tooLarge: (found) => new DataError({ file: "my.meta.json", value: found, expected: "at most 16 MiB" }) })
 */
export function readBoundedFile(file: string, cap: number, checks: BoundedFileChecks): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isFile() && stat.size > cap) throw checks.tooLarge(`${stat.size} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // a regular file in one read (one byte more, to see it grew), then, as a pipe, a chunk at a time
      const chunk = Buffer.allocUnsafe(total === 0 && stat.isFile() ? stat.size + 1 : READ_CHUNK_BYTES);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      if (total === 0 && checks.head !== undefined) {
        const problem = checks.head(chunk.subarray(0, n));
        if (problem !== undefined) throw problem;
      }
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > cap) throw checks.tooLarge(`more than ${cap} bytes`);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
