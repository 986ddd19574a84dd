import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { pseudonymise } from "../../lib/pilot/pseudonymise";
import { KeyedPseudonyms } from "../../lib/returns/keyed-pseudonyms";

const KEY = Buffer.from("returns-test-key-0123456789abcdef");

test("pseudonyms equal pseudonymise's bit for bit on many LA/child identifiers", () => {
  const fast = new KeyedPseudonyms(KEY);
  for (let i = 0; i < 20_000; i++) {
    const id = `E0600${String(i % 150).padStart(4, "0")}/N${String(i * 7919).padStart(7, "0")}`;
    assert.equal(fast.of(id), pseudonymise(id, KEY), id);
  }
});

test("identifiers of every length around the block boundaries (55, 56, 63, 64, 119, 120 bytes …) and long ones", () => {
  const fast = new KeyedPseudonyms(KEY);
  for (let n = 1; n <= 300; n++) {
    const id = "x".repeat(n);
    assert.equal(fast.of(id), pseudonymise(id, KEY), `length ${n}`);
  }
  const long = "é€𝄞a".repeat(2000);
  assert.equal(fast.of(long), pseudonymise(long, KEY));
});

test("any string (non-ASCII, astral, lone surrogates) and any key length (16 bytes up to longer than a block)", () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 90, unit: "binary" }), fc.integer({ min: 16, max: 140 }), (id, keyBytes) => {
      const key = randomBytes(keyBytes);
      assert.equal(new KeyedPseudonyms(key).of(id), pseudonymise(id, key));
    }),
    { numRuns: 2000 },
  );
  for (const id of ["\ud800", "a\udc00b", "Zoë-7-é€"]) assert.equal(new KeyedPseudonyms(KEY).of(id), pseudonymise(id, KEY), JSON.stringify(id));
});

test("a short key and an empty identifier are refused, as by pseudonymise", () => {
  assert.throws(() => new KeyedPseudonyms(Buffer.from("short")), /at least 16 bytes/);
  assert.throws(() => new KeyedPseudonyms(KEY).of(""), /must not be empty/);
});
