/**
 * Reading a small input whole (a key file, an instruments file, a sidecar) without trusting it to be small: a review's
 * `pilot --key-file /dev/urandom` read 2.96 GB and aborted, `--instruments /dev/zero` crashed. The file is read in
 * chunks up to a cap and refused past it, so a device, a huge file or an endless pipe costs at most the cap; a pipe
 * (`--key-file <(cat key)`) is read as a file is.
 */
import * as fs from "node:fs";
import { DataError } from "../errors";

/** Cap of a pseudonymisation key file: 4 KiB, 64 times the 64 hex digits `openssl rand -hex 32` writes. */
export const KEY_FILE_MAX_BYTES = 4 * 1024;

/**
 * Cap of a configuration or sidecar file read whole and parsed (instruments, an areas list, `add`'s metadata, a
 * package's datapackage.json): 16 MiB. The largest real one is far smaller (the imported England descriptor ≈ 69 KB,
 * the synthetic instruments ≈ 5 KB, the 153 LAs' areas ≈ 10 KB); a 33 MB file of 150,000 items is refused here rather
 * than held and parsed. A descriptor had a cap of its own (MAX_DESCRIPTOR_BYTES, the same 16 MiB, checked by its size
 * before reading it, with another message) besides this one where an output folder's descriptor was read.
 */
export const SIDECAR_MAX_BYTES = 16 * 1024 * 1024;

/** What a package's descriptor is, in {@link readSmallFile}'s message. */
export const DESCRIPTOR_FILE = "a datapackage.json file";

/** Bytes asked for in each read. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of `file`, read to its end, or an error naming the file and the cap when it holds more than `maxBytes`.
 * @param what what the file is, for the error ("a key file")
 * @throws DataError `pl.key: … (got "more than 4096 bytes"; expected a key file of at most 4096 bytes …)`, or when `file` is a folder
 * @example
 * readSmallFile("pilot.key", KEY_FILE_MAX_BYTES, "a key file").length // 65
 */
export function readSmallFile(file: string, maxBytes: number, what: string): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    // a folder opens for reading on Linux, then its first read fails with EISDIR: `pilot --instruments DIR` had
    // ended in "vital-signs: EISDIR: illegal operation on a directory, read" (a user trial, round 26)
    if (fs.fstatSync(fd).isDirectory()) throw new DataError({ file, value: "a folder", expected: `${what}, not a folder` });
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) {
        throw new DataError({ file, value: `more than ${maxBytes} bytes`, expected: `${what} of at most ${maxBytes} bytes (a device such as /dev/urandom, or a file of something else, named by mistake?)` });
      }
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
