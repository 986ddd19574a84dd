/**
 * The first bytes of a file, for the readers that decide from a file's start what it is (a source's header, a
 * return's table, a record file's encoding) without reading the whole of it.
 */
import * as fs from "node:fs";

/**
 * The first `maxBytes` bytes of a file (fewer for a shorter file; empty for an empty one).
 * @throws the file system's error when the file cannot be opened or read
 * @example readFileHead("records-child_survey.csv", 512).subarray(0, 3) // <Buffer ef bb bf> for a file with a BOM
 */
export function readFileHead(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const bytes = Buffer.alloc(maxBytes);
    return bytes.subarray(0, fs.readSync(fd, bytes, 0, bytes.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}
