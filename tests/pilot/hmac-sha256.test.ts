import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { HmacSha256Prefix } from "../../lib/pilot/hmac-sha256";

const prefixHex = (h: HmacSha256Prefix) => (h.hi >>> 0).toString(16).padStart(8, "0") + (h.lo >>> 0).toString(16).padStart(8, "0");

test("gives the first 64 bits of node:crypto's HMAC-SHA256 for any key and message (across block boundaries)", () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 150 }), fc.uint8Array({ minLength: 0, maxLength: 200 }), (key, message) => {
      const h = new HmacSha256Prefix(key);
      const buf = Buffer.concat([Buffer.from("xx"), message, Buffer.from("yy")]);
      h.digest(buf, 2, 2 + message.length);
      assert.equal(prefixHex(h), createHmac("sha256", key).update(message).digest("hex").slice(0, 16));
    }),
    { numRuns: 500, seed: 19 },
  );
});

test("RFC 4231 test case 2 (key \"Jefe\")", () => {
  const h = new HmacSha256Prefix(Buffer.from("Jefe"));
  const m = Buffer.from("what do ya want for nothing?");
  h.digest(m, 0, m.length);
  assert.equal(prefixHex(h), "5bdcc146bf60754e");
});

test("one hasher gives the same digest for a message however often and after whatever else it hashed", () => {
  const h = new HmacSha256Prefix(Buffer.alloc(32, 9));
  const a = Buffer.from("child-0001");
  h.digest(a, 0, a.length);
  const first = prefixHex(h);
  const long = Buffer.alloc(300, 65);
  h.digest(long, 0, long.length);
  h.digest(a, 0, a.length);
  assert.equal(prefixHex(h), first);
});

test("every message length from 0 to 130 bytes (one-block messages up to 55 bytes, two blocks from 56) matches node:crypto", () => {
  const key = Buffer.from("hmac-length-test-key-0123456789");
  const h = new HmacSha256Prefix(key);
  for (let n = 0; n <= 130; n++) {
    const message = Buffer.alloc(n, 0xa5 ^ n);
    h.digest(message, 0, n);
    assert.equal(prefixHex(h), createHmac("sha256", key).update(message).digest("hex").slice(0, 16), `length ${n}`);
  }
});
