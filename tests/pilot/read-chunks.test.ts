/** readFileInChunks (lib/pilot/read-chunks.ts) gives the whole file, in order, in chunks of the size asked for after a short first read. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FIRST_READ_BYTES, readFileInChunks } from "../../lib/pilot/read-chunks";

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
