/** Reading a file from disk in fixed-size chunks (bounded memory whatever the file's size). */
import * as fs from "node:fs";

/** Bytes read from disk at a time by the streamed readers (1 MiB: large enough that a read costs little). */
export const READ_CHUNK_BYTES = 1 << 20;

/**
 * Bytes of the first read (4 KiB, about 60 records): a reader then meets a record cut by the end of a chunk (and
 * its other once-per-chunk paths) within its first calls, before V8 optimises it; with 1 MiB it meets the first cut
 * only after ≈ 16,000 records, already optimised without that path, and the scanner, the tally's row loop and its
 * respondent lookup are thrown back to unoptimised code and compiled again (vital-signs pilot, 1 M records:
 * three deoptimisations, `node --trace-deopt`; none with the short first read).
 */
export const FIRST_READ_BYTES = 1 << 12;

/**
 * The end of the chunk of a whole file read in chunks of `chunkBytes` that holds byte `pos`: the first chunk is
 * [0, min(chunkBytes, FIRST_READ_BYTES)), each after it chunkBytes long. The one grid of chunks: readFileInChunks reads
 * a file on it, and a block of a file read by a thread (lib/pilot/record-blocks.ts) on the whole file's, so that a
 * message quoting a chunk (a record too long: tooLongRecord) is the same whichever reads it.
 * @example
 * chunkEndAfter(0, 1 << 20) // 4096
 * chunkEndAfter(4096, 1 << 20) // 4096 + 1048576
 */
export function chunkEndAfter(pos: number, chunkBytes: number): number {
  const first = Math.min(chunkBytes, FIRST_READ_BYTES);
  if (pos < first) return first;
  return first + (Math.floor((pos - first) / chunkBytes) + 1) * chunkBytes;
}

/**
 * Read a file in chunks of `chunkBytes` (one reused buffer; the first read takes at most {@link FIRST_READ_BYTES}:
 * {@link chunkEndAfter}), calling `onChunk` with each; memory stays at one chunk whatever the file's size. The chunk
 * passed is only valid during the call.
 * @example
 * readFileInChunks("records.csv", 1 << 20, (chunk) => builder.write(chunk));
 */
export function readFileInChunks(file: string, chunkBytes: number, onChunk: (chunk: Uint8Array) => void): void {
  const buffer = new Uint8Array(chunkBytes);
  const fd = fs.openSync(file, "r");
  try {
    for (let pos = 0; ; ) {
      const n = fs.readSync(fd, buffer, 0, chunkEndAfter(pos, chunkBytes) - pos, null);
      if (n === 0) break;
      onChunk(buffer.subarray(0, n));
      pos += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}
