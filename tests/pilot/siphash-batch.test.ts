import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import fc from "fast-check";
import { SIPHASH_BATCH, SipHash24Batch } from "../../lib/pilot/siphash-batch";
import { buildSipHashBatchModule } from "../../lib/pilot/siphash-batch-wasm";
import { SIPHASH_BATCH_MODULE_BASE64 } from "../../lib/pilot/siphash-batch-module";
import { sipHashOracle, VECTORS_SIP64 } from "./siphash-reference";
import { TSX_CHILD_FLAGS } from "../helpers/tsx-child";

/** Output k's 8 bytes, little-endian, in hex (as the vectors are written). */
function outputHex(h: SipHash24Batch, k: number): string {
  const out = Buffer.alloc(8);
  out.writeInt32LE(h.lo[k], 0);
  out.writeInt32LE(h.hi[k], 4);
  return out.toString("hex");
}

/** A DataView of all of `bytes`. */
const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

test("the shipped WebAssembly bytes are exactly what the generator writes", () => {
  assert.equal(Buffer.from(buildSipHashBatchModule()).toString("base64"), SIPHASH_BATCH_MODULE_BASE64);
});

test("the reference implementation's 64 vectors, 32 messages per call, copied byte by byte and four bytes at a time", () => {
  const key = Uint8Array.from({ length: 16 }, (_, i) => i);
  // the messages 00 01 … (k − 1) one after another, from an odd offset
  const parts = Array.from({ length: 64 }, (_, k) => Uint8Array.from({ length: k }, (_, i) => i));
  const bytes = Buffer.concat([Buffer.from([0xee]), ...parts]);
  for (const view of [null, viewOf(bytes)]) {
    const h = new SipHash24Batch(key);
    let at = 1;
    for (let first = 0; first < 64; first += SIPHASH_BATCH) {
      for (let k = first; k < first + SIPHASH_BATCH; k++) {
        assert.equal(h.add(bytes, at, at + k, view), k - first);
        at += k;
      }
      h.hashAll();
      for (let k = first; k < first + SIPHASH_BATCH; k++) assert.equal(outputHex(h, k - first), VECTORS_SIP64[k], `message of ${k} bytes`);
      h.clear();
      assert.equal(h.count, 0);
    }
  }
});

test("any key and up to 32 messages, read from anywhere inside other bytes, hash as the BigInt transcription of the paper does", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 16, maxLength: 16 }),
      fc.array(fc.tuple(fc.uint8Array({ maxLength: 9 }), fc.uint8Array({ maxLength: 100 })), { minLength: 1, maxLength: SIPHASH_BATCH }),
      fc.boolean(),
      (key, messages, byWords) => {
        const bytes = Buffer.concat([...messages.flat(), Buffer.from([0xff, 0x80, 0x01])]);
        const view = byWords ? viewOf(bytes) : null;
        const h = new SipHash24Batch(key);
        let at = 0;
        for (const [before, message] of messages) {
          at += before.length;
          h.add(bytes, at, at + message.length, view);
          at += message.length;
        }
        h.hashAll();
        messages.forEach(([, message], k) => assert.equal(outputHex(h, k), sipHashOracle(key, message), `message ${k}`));
      },
    ),
    { numRuns: 300, seed: 26 },
  );
});

test("messages longer than the memory (a 300,000-byte id) grow it; those after it and after clear hash as before", () => {
  const key = Uint8Array.from({ length: 16 }, (_, i) => 3 * i);
  const long = Buffer.alloc(300_000, 0x61);
  const short = Buffer.from("child-0001");
  const h = new SipHash24Batch(key);
  assert.equal(h.fits(short.length), true);
  assert.equal(h.fits(long.length), false);
  h.add(short, 0, short.length);
  h.add(long, 0, long.length, viewOf(long));
  h.add(short, 0, short.length);
  h.hashAll();
  assert.equal(outputHex(h, 0), sipHashOracle(key, short));
  assert.equal(outputHex(h, 1), sipHashOracle(key, long));
  assert.equal(outputHex(h, 2), sipHashOracle(key, short));
  h.clear();
  h.add(short, 0, short.length);
  h.hashAll();
  assert.equal(outputHex(h, 0), sipHashOracle(key, short));
});

test("full at 32 messages; a key of another length is refused", () => {
  const h = new SipHash24Batch(new Uint8Array(16));
  for (let k = 0; k < SIPHASH_BATCH; k++) h.add(Buffer.from("x"), 0, 1);
  assert.equal(h.fits(1), false);
  h.clear();
  assert.equal(h.fits(1), true);
  assert.throws(() => new SipHash24Batch(new Uint8Array(15)), /SipHash24: key must be 16 bytes \(got 15\)/);
});

test("where WebAssembly is missing (node --jitless), the same outputs from the JavaScript SipHash24", () => {
  const lib = path.resolve(__dirname, "..", "..", "lib", "pilot", "siphash-batch");
  const script = `const { SipHash24Batch } = require(${JSON.stringify(lib)});
const h = new SipHash24Batch(Uint8Array.from({ length: 16 }, (_, i) => i));
const long = Buffer.alloc(200000, 0x62), message = Uint8Array.from({ length: 40 }, (_, i) => i);
h.add(message, 0, 15); h.add(long, 0, long.length); h.add(message, 0, 40);
h.hashAll();
console.log(JSON.stringify({ wasm: typeof WebAssembly, out: [0, 1, 2].map((k) => [h.hi[k], h.lo[k]]) }));`;
  const r = spawnSync(process.execPath, ["--jitless", ...TSX_CHILD_FLAGS, "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout.trim().split("\n").pop()!) as { wasm: string; out: [number, number][] };
  assert.equal(got.wasm, "undefined");
  const h = new SipHash24Batch(Uint8Array.from({ length: 16 }, (_, i) => i));
  const long = Buffer.alloc(200_000, 0x62), message = Uint8Array.from({ length: 40 }, (_, i) => i);
  h.add(message, 0, 15);
  h.add(long, 0, long.length);
  h.add(message, 0, 40);
  h.hashAll();
  assert.deepEqual(got.out, [0, 1, 2].map((k) => [h.hi[k], h.lo[k]]));
  assert.equal(outputHex(h, 0), VECTORS_SIP64[15]);
});
