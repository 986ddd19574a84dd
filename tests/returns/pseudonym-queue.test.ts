import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { HmacSha256PrefixX4 } from "../../lib/pilot/hmac-sha256-x4";
import { pseudonymise } from "../../lib/pilot/pseudonymise";
import { KeyedPseudonymQueue } from "../../lib/returns/pseudonym-queue";
import { pseudonymText } from "../../lib/returns/keyed-pseudonyms";
import { TEST_KEY } from "./helpers";
import { withoutSimd } from "./without-simd";

type Identifier = [scope: string, id: string];

/**
 * Identifiers scope/id of 1 to 130 bytes (one SHA-256 block after the key takes 55), ASCII and not, lone surrogates
 * on either side of the slash, in a shuffled order.
 */
function identifiers(): Identifier[] {
  const ids: Identifier[] = [];
  for (let n = 0; n <= 120; n++) ids.push(["E09000001", "c".repeat(n)]);
  ids.push(["", ""], ["E", ""], ["", "7"], ["E09000001", "Zoë"], ["E09000001", "€𝄞"], ["E0\ud800", "\udc00x"], ["é".repeat(13), "é".repeat(13)]);
  ids.push(["é".repeat(13), "é".repeat(14)], ["E09000001", "ü".repeat(40)]);
  for (let k = 0; k < ids.length; k++) {
    const j = (k * 7919) % ids.length;
    [ids[k], ids[j]] = [ids[j], ids[k]];
  }
  return ids;
}

function pushAll(ids: readonly Identifier[], flushEvery = Infinity, key = TEST_KEY): [number, string][] {
  const out: [number, string][] = [];
  const queue = new KeyedPseudonymQueue<number>(key, (k, p, hi, lo) => {
    assert.equal(pseudonymText(hi, lo), p, "the pseudonym is the hex of the words handed back with it");
    out.push([k, p]);
  });
  ids.forEach(([scope, id], k) => {
    queue.push(scope, id, k);
    if (k % flushEvery === flushEvery - 1) queue.flush();
  });
  queue.flush();
  return out;
}

test("this runtime has WebAssembly SIMD, so the tests below run the four-lane path as well as the one-at-a-time path", () => {
  assert.notEqual(HmacSha256PrefixX4.create(TEST_KEY), null);
});

test("items come back in push order with pseudonymise's pseudonym, on both paths, for short, long and non-ASCII identifiers", () => {
  const ids = identifiers();
  const expected = ids.map(([scope, id], k): [number, string] => [k, pseudonymise(`${scope}/${id}`, TEST_KEY)]);
  assert.deepEqual(pushAll(ids), expected);
  assert.deepEqual(withoutSimd((key) => pushAll(ids, Infinity, key)), expected);
  for (const every of [1, 2, 3, 5]) assert.deepEqual(pushAll(ids, every), expected, `flush every ${every}`);
});

test("nothing is handed back twice or lost: a count that is not a multiple of four, and flushes of an empty queue", () => {
  for (let n = 0; n <= 9; n++) {
    const ids = Array.from({ length: n }, (_, k): Identifier => ["E06000001", `N${k}`]);
    assert.deepEqual(pushAll(ids, 4).map(([k]) => k), [...ids.keys()], `${n} identifiers`);
  }
});

test("when deliver throws, the items queued after it are dropped and a later flush hands back nothing", () => {
  const seen: number[] = [];
  const queue = new KeyedPseudonymQueue<number>(TEST_KEY, (k) => {
    seen.push(k);
    if (k === 1) throw new Error("bad item");
  });
  queue.push("a", "1", 0);
  queue.push("a", "2", 1);
  queue.push("a", "3", 2);
  assert.throws(() => queue.push("a", "4", 3), /bad item/);
  queue.flush();
  assert.deepEqual(seen, [0, 1]);
});

test("a short key is refused, as by pseudonymise", () => {
  assert.throws(() => new KeyedPseudonymQueue<number>(Buffer.from("short"), () => {}), /at least 16 bytes/);
});

/** The pseudonym the queue hands back for scope/id alone. */
function pseudonymOf(key: Buffer, scope: string, id: string): string {
  let out = "";
  const queue = new KeyedPseudonymQueue<null>(key, (_, p) => (out = p));
  queue.push(scope, id, null);
  queue.flush();
  return out;
}

test("pseudonyms equal pseudonymise's for any strings (non-ASCII, astral, lone surrogates, over 300 bytes) and key length, on both paths", () => {
  const text = fc.string({ maxLength: 60, unit: "binary" });
  const property = fc.property(text, text, fc.integer({ min: 16, max: 140 }), (scope, id, keyBytes) => {
    const key = randomBytes(keyBytes);
    assert.equal(pseudonymOf(key, scope, id), pseudonymise(`${scope}/${id}`, key));
  });
  fc.assert(property, { numRuns: 1000 });
  withoutSimd(() => fc.assert(property, { numRuns: 300 }));
  const long = "é€𝄞a".repeat(2000);
  assert.equal(pseudonymOf(TEST_KEY, long, long), pseudonymise(`${long}/${long}`, TEST_KEY));
});

test("two queues of one key holding identifiers at once do not share lanes", () => {
  const outA: string[] = [];
  const outB: string[] = [];
  const a = new KeyedPseudonymQueue<null>(TEST_KEY, (_, p) => outA.push(p));
  const b = new KeyedPseudonymQueue<null>(TEST_KEY, (_, p) => outB.push(p));
  for (let k = 0; k < 10; k++) {
    a.push("A", `${k}`, null);
    b.push("B", `${k}`, null);
    if (k === 6) b.push("B", "x".repeat(80), null); // hashed alone, after b's queue
  }
  a.flush();
  b.flush();
  const idsOf = (scope: string, ids: string[]) => ids.map((id) => pseudonymise(`${scope}/${id}`, TEST_KEY));
  const digits = [..."0123456789"];
  assert.deepEqual(outA, idsOf("A", digits));
  assert.deepEqual(outB, idsOf("B", [...digits.slice(0, 7), "x".repeat(80), ...digits.slice(7)]));
});

test("a queue hashes under the key's bytes when it was made, as before: a key object changed later serves new queues with its new bytes", () => {
  const key = Buffer.from(TEST_KEY);
  assert.deepEqual(pushAll([["E1", "C1"]], Infinity, key), [[0, pseudonymise("E1/C1", TEST_KEY)]]);
  let out = "";
  const madeBefore = new KeyedPseudonymQueue<null>(key, (_, p) => (out = p));
  key[0] ^= 1;
  assert.deepEqual(pushAll([["E1", "C1"]], Infinity, key), [[0, pseudonymise("E1/C1", key)]]);
  madeBefore.push("E1", "C1", null);
  madeBefore.flush();
  assert.equal(out, pseudonymise("E1/C1", TEST_KEY));
});

test("no identifier stays in a pooled four-lane hasher or in the queue's buffer once its pseudonym is handed back", () => {
  const create = HmacSha256PrefixX4.create;
  const made: HmacSha256PrefixX4[] = [];
  HmacSha256PrefixX4.create = (key) => {
    const hasher = create(key);
    if (hasher !== null) made.push(hasher);
    return hasher;
  };
  try {
    const key = Buffer.from(TEST_KEY);
    const queue = new KeyedPseudonymQueue<number>(key, () => {});
    const ids = ["CHILD-ALPHA-0001", "CHILD-BETA-0002", "CHILD-GAMMA-0003", "CHILD-DELTA-0004", "CHILD-EPSILON-05", "CHILD-ZETA-0006"];
    ids.forEach((id, k) => queue.push("E09000001", id, k));
    queue.flush();
    if (made.length === 0) return; // no WebAssembly SIMD here: the one-at-a-time path keeps nothing between calls
    const memories = made.map((hasher) => Buffer.from((hasher as unknown as { bytes: Uint8Array }).bytes));
    const buffer = Buffer.from((queue as unknown as { utf8: { bytes: Uint8Array } }).utf8.bytes);
    for (const id of ids) {
      for (const memory of memories) assert.equal(memory.indexOf(id), -1, `${id} left in a hasher's memory`);
      assert.equal(buffer.indexOf(id), -1, `${id} left in the queue's buffer`);
    }
  } finally {
    HmacSha256PrefixX4.create = create;
  }
});
