/** Reading a file from disk in fixed-size chunks (bounded memory whatever the file's size). */
import * as fs from "node:fs";

/** Bytes read from disk at a time by the streamed readers (1 MiB: large enough that a read costs little). */
export const READ_CHUNK_BYTES = 1 << 20;

/**
 * Read a file in chunks of `chunkBytes` (one reused buffer), calling `onChunk` with each; memory stays at one
 * chunk whatever the file's size. The chunk passed is only valid during the call.
 * @example
 * readFileInChunks("records.csv", 1 << 20, (chunk) => builder.write(chunk));
 */
export function readFileInChunks(file: string, chunkBytes: number, onChunk: (chunk: Uint8Array) => void): void {
  const buffer = new Uint8Array(chunkBytes);
  const fd = fs.openSync(file, "r");
  try {
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) break;
      onChunk(buffer.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
}
