import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { HmacSha256PrefixX4, LANES } from "../../lib/pilot/hmac-sha256-x4";
import { buildDigest4Module } from "../../lib/pilot/hmac-sha256-x4-wasm";
import { DIGEST4_MODULE_BASE64 } from "../../lib/pilot/hmac-sha256-x4-module";

test("the shipped WebAssembly bytes are exactly what the generator writes", () => {
  assert.equal(Buffer.from(buildDigest4Module()).toString("base64"), DIGEST4_MODULE_BASE64);
});

test("each of the four lanes gives the first 64 bits of node:crypto's HMAC-SHA256, for any key and messages of 0–55 bytes", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 0, maxLength: 150 }),
      fc.array(fc.uint8Array({ minLength: 0, maxLength: HmacSha256PrefixX4.MAX_MESSAGE_BYTES }), { minLength: LANES, maxLength: LANES }),
      (key, messages) => {
        const h = HmacSha256PrefixX4.create(key);
        assert.ok(h !== null, "WebAssembly SIMD is available on the Node versions the workbench supports");
        messages.forEach((m, lane) => {
          const buf = Buffer.concat([Buffer.from("x,"), m, Buffer.from(",y")]);
          h.setMessage(lane, buf, 2, 2 + m.length);
        });
        h.run();
        messages.forEach((m, lane) => {
          const want = createHmac("sha256", key).update(m).digest();
          assert.equal(h.hi(lane), want.readInt32BE(0), `lane ${lane}, ${m.length} bytes`);
          assert.equal(h.lo(lane), want.readInt32BE(4), `lane ${lane}, ${m.length} bytes`);
        });
      },
    ),
    { numRuns: 300, seed: 19 },
  );
});

test("every message length from 0 to 55 bytes in every lane, a longer message in a lane before does not leak into a shorter one", () => {
  const key = Buffer.from("hmac-x4-length-test-key-0123456789");
  const h = HmacSha256PrefixX4.create(key)!;
  const full = Buffer.alloc(HmacSha256PrefixX4.MAX_MESSAGE_BYTES, 0x7a);
  for (let lane = 0; lane < LANES; lane++) h.setMessage(lane, full, 0, full.length);
  h.run();
  for (let n = HmacSha256PrefixX4.MAX_MESSAGE_BYTES; n >= 0; n--) {
    const m = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
    for (let lane = 0; lane < LANES; lane++) h.setMessage(lane, m, 0, n);
    h.run();
    const want = createHmac("sha256", key).update(m).digest();
    for (let lane = 0; lane < LANES; lane++) assert.deepEqual([h.hi(lane), h.lo(lane)], [want.readInt32BE(0), want.readInt32BE(4)], `${n} bytes, lane ${lane}`);
  }
});
