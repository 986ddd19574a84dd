import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { newSipHashKey, SIPHASH_KEY_BYTES, SipHash24 } from "../../lib/pilot/siphash";
import { sipHashOracle, VECTORS_SIP64 } from "./siphash-reference";

/** The output's 8 bytes, little-endian, in hex (as the vectors are written). */
function outputHex(h: SipHash24): string {
  const out = Buffer.alloc(8);
  out.writeInt32LE(h.lo, 0);
  out.writeInt32LE(h.hi, 4);
  return out.toString("hex");
}

test("SipHash-2-4 gives the reference implementation's 64 test vectors (key 00…0f, messages of 0 to 63 bytes 00 01 …)", () => {
  assert.equal(VECTORS_SIP64.length, 64);
  const h = new SipHash24(Uint8Array.from({ length: 16 }, (_, i) => i));
  const message = Uint8Array.from({ length: 64 }, (_, i) => i);
  for (let k = 0; k < 64; k++) {
    h.hash(message, 0, k);
    assert.equal(outputHex(h), VECTORS_SIP64[k], `message of ${k} bytes`);
  }
});

test("the paper's example (appendix A): key 00…0f, message 00…0e gives a129ca6149be45e5", () => {
  const h = new SipHash24(Uint8Array.from({ length: 16 }, (_, i) => i));
  h.hash(Uint8Array.from({ length: 15 }, (_, i) => i), 0, 15);
  assert.equal(((BigInt(h.hi >>> 0) << 32n) | BigInt(h.lo >>> 0)).toString(16), "a129ca6149be45e5");
});

test("any key and message, read from anywhere inside other bytes, hash as the BigInt transcription of the paper does", () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 9 }), (key, message, before) => {
      const h = new SipHash24(key);
      const bytes = Buffer.concat([before, message, Buffer.from([0xff, 0x80, 0x01])]);
      h.hash(bytes, before.length, before.length + message.length);
      assert.equal(outputHex(h), sipHashOracle(key, message));
    }),
    { numRuns: 1000, seed: 25 },
  );
});

test("one hasher gives the same output for a message after whatever else it hashed; a key of another length is refused", () => {
  const h = new SipHash24(newSipHashKey());
  const a = Buffer.from("child-0001");
  h.hash(a, 0, a.length);
  const first = outputHex(h);
  const long = Buffer.alloc(300, 65);
  h.hash(long, 0, long.length);
  h.hash(a, 0, a.length);
  assert.equal(outputHex(h), first);
  assert.equal(newSipHashKey().length, SIPHASH_KEY_BYTES);
  assert.throws(() => new SipHash24(new Uint8Array(15)), /SipHash24: key must be 16 bytes \(got 15\)/);
  assert.throws(() => new SipHash24(new Uint8Array(32)), /SipHash24: key must be 16 bytes/);
});
