/**
 * readFileInChunks (lib/pilot/read-chunks.ts) gives the whole file, in order, in chunks of the size asked for after a
 * short first read; a block of the file read by a thread (readBlockInChunks, lib/pilot/record-blocks.ts) is read on the
 * same chunks, cut at its ends, so that a message quoting a chunk is the one the whole file gives.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FIRST_READ_BYTES, readFileInChunks } from "../../lib/pilot/read-chunks";
import { readBlockInChunks } from "../../lib/pilot/record-blocks";
import { tempDir } from "../helpers/temp-dirs";

/** [start, end) of each chunk `read` gives, from `from`. */
function chunkSpans(from: number, read: (onChunk: (chunk: Uint8Array) => void) => void): [number, number][] {
  const spans: [number, number][] = [];
  let at = from;
  read((c) => {
    spans.push([at, at + c.length]);
    at += c.length;
  });
  return spans;
}

test("the chunks put together are the file; the first is at most FIRST_READ_BYTES, the others chunkBytes (the last the rest)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-chunks-"));
  try {
    const file = path.join(dir, "bytes.bin");
    const bytes = Buffer.from(Array.from({ length: 3 * FIRST_READ_BYTES + 123 }, (_, i) => (i * 7) % 251));
    fs.writeFileSync(file, bytes);
    for (const [chunkBytes, sizes] of [
      [1000, [...new Array<number>(12).fill(1000), bytes.length - 12 * 1000]],
      [1 << 20, [FIRST_READ_BYTES, bytes.length - FIRST_READ_BYTES]],
    ] as const) {
      const chunks: Buffer[] = [];
      readFileInChunks(file, chunkBytes, (c) => chunks.push(Buffer.from(c)));
      assert.deepEqual(chunks.map((c) => c.length), sizes);
      assert.ok(Buffer.concat(chunks).equals(bytes));
    }
    const empty = path.join(dir, "empty.bin");
    fs.writeFileSync(empty, "");
    let calls = 0;
    readFileInChunks(empty, 1 << 20, () => calls++);
    assert.equal(calls, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a block is read on the whole file's chunks: the file as one block gives readFileInChunks' chunks, any other block those chunks cut at its ends", () => {
  const file = path.join(tempDir("vsw-chunks-"), "bytes.bin");
  const size = 3 * FIRST_READ_BYTES + 123;
  fs.writeFileSync(file, Buffer.alloc(size, 1));
  const fd = fs.openSync(file, "r");
  try {
    for (const chunkBytes of [7, 1000, FIRST_READ_BYTES, FIRST_READ_BYTES + 1, 1 << 20]) {
      const whole = chunkSpans(0, (onChunk) => readFileInChunks(file, chunkBytes, onChunk));
      const buffer = new Uint8Array(chunkBytes);
      for (const [start, end] of [[0, size], [0, 1], [1, FIRST_READ_BYTES + 1], [FIRST_READ_BYTES - 1, 2 * FIRST_READ_BYTES + 5], [FIRST_READ_BYTES, size], [size - 1, size]]) {
        const cut = whole.filter(([s, e]) => e > start && s < end).map(([s, e]): [number, number] => [Math.max(s, start), Math.min(e, end)]);
        const block = chunkSpans(start, (onChunk) => readBlockInChunks(fd, start, end, chunkBytes, buffer, onChunk));
        assert.deepEqual(block, cut, `chunkBytes ${chunkBytes}, block [${start}, ${end})`);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
});
