import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { RespondentIndex } from "../../lib/pilot/respondent-index";

test("dense ids in order of first appearance, equal exactly when the id bytes are equal (pseudonyms or any text)", () => {
  const pseudonym = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((v) => `ps_${v.toString(16).padStart(16, "0")}`);
  const other = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("ps_0123456789ABCDEF", "ps_0123456789abcde", "ps_0123456789abcdef0", "PS_0123456789abcdef"));
  fc.assert(
    fc.property(fc.array(fc.oneof(pseudonym, other, fc.constant("ps_0123456789abcdef")), { minLength: 200, maxLength: 3000 }), (ids) => {
      const index = new RespondentIndex();
      const expected = new Map<string, number>();
      for (const id of ids) {
        const b = Buffer.from(`,${id},`);
        if (!expected.has(id)) expected.set(id, expected.size);
        assert.equal(index.intern(b, 1, b.length - 1), expected.get(id), id);
      }
      assert.equal(index.size, expected.size);
    }),
    { numRuns: 60, seed: 19 },
  );
});

test("a pseudonym given as 64 bits and as text is one respondent", () => {
  const index = new RespondentIndex();
  assert.equal(index.internPseudonym(0x01234567, 0x89abcdef | 0), 0);
  const b = Buffer.from("ps_0123456789abcdef");
  assert.equal(index.intern(b, 0, b.length), 0);
  assert.equal(index.size, 1);
});

test("a pseudonym's 32-bit words given unsigned (above 2^31) or signed are one respondent", () => {
  const index = new RespondentIndex();
  assert.equal(index.internPseudonym(0x12345678, 0x9abcdef0), 0);
  assert.equal(index.internPseudonym(0x12345678, 0x9abcdef0), 0);
  assert.equal(index.internPseudonym(0xf2345678, 0x9abcdef0 | 0), 1);
  assert.equal(index.internPseudonym(0xf2345678 | 0, 0x9abcdef0), 1);
  const b = Buffer.from("ps_123456789abcdef0");
  assert.equal(index.intern(b, 0, b.length), 0);
  assert.equal(index.size, 2);
});

test("pseudonyms sharing their high or low 32 bits stay distinct, across the table's growth (as a Map of the 64 bits)", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -1500, max: 1500 })), { minLength: 1000, maxLength: 4000 }), fc.nat(3000), (pairs, expectedRespondents) => {
      const index = new RespondentIndex(expectedRespondents);
      const expected = new Map<string, number>();
      for (const [hi, lo] of pairs) {
        const key = `${hi}:${lo}`;
        if (!expected.has(key)) expected.set(key, expected.size);
        assert.equal(index.internPseudonym(hi, lo), expected.get(key), key);
      }
      assert.equal(index.size, expected.size);
    }),
    { numRuns: 40, seed: 23 },
  ); // at least 1,000 pairs: without minLength fast-check makes at most 10, and the table (first doubled past 896) never grows
});

test("reserve keeps every dense id; pseudonyms taken in afterwards in another table's slot order get the next ids", () => {
  const ids = new RespondentIndex();
  for (let k = 0; k < 3000; k++) assert.equal(ids.internPseudonym(k * 7919, k), k);
  const other = new RespondentIndex();
  for (let k = 2000; k < 9000; k++) other.internPseudonym(k * 7919, k);
  const words = other.pseudonymWords();
  assert.equal(words.hi.length, 7000);
  ids.reserve(ids.size + words.hi.length);
  for (let k = 0; k < 3000; k++) assert.equal(ids.internPseudonym(k * 7919, k), k, "ids kept");
  const taken = Array.from(words.hi, (hi, k) => ids.internPseudonym(hi, words.lo[k]));
  assert.equal(ids.size, 9000);
  // those of the other table already here keep their ids; the new ones get 3000 … 8999 in the order taken in
  taken.forEach((id, k) => assert.equal(id < 3000, words.lo[k] < 3000));
  assert.deepEqual(taken.filter((id) => id >= 3000), Array.from({ length: 6000 }, (_, i) => 3000 + i));
  // each word pair is the pseudonym of its dense id in the other table
  words.id.forEach((id, k) => assert.equal(words.lo[k], id + 2000));
});

test("pseudonymWords refuses an index holding ids that are not pseudonyms", () => {
  const ids = new RespondentIndex();
  ids.intern(Buffer.from("CH-0001"), 0, 7);
  assert.throws(() => ids.pseudonymWords(), /RespondentIndex\.pseudonymWords: every id must be a pseudonym/);
});

test("internPseudonyms gives the ids internPseudonym gives one value after another: repeats within the batch, values already known, the table doubling part-way", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -700, max: 700 })), { minLength: 1000, maxLength: 3000 }), fc.integer({ min: 1, max: 40 }), (pairs, batch) => {
      const one = new RespondentIndex(), batched = new RespondentIndex();
      const hi = new Int32Array(batch), lo = new Int32Array(batch), ids = new Int32Array(batch);
      for (let start = 0; start < pairs.length; start += batch) {
        const n = Math.min(batch, pairs.length - start);
        for (let k = 0; k < n; k++) [hi[k], lo[k]] = pairs[start + k];
        batched.internPseudonyms(hi, lo, n, ids);
        for (let k = 0; k < n; k++) assert.equal(ids[k], one.internPseudonym(hi[k], lo[k]), `${hi[k]}:${lo[k]}`);
      }
      assert.equal(batched.size, one.size);
      assert.deepEqual(batched.pseudonymWords(), one.pseudonymWords());
    }),
    { numRuns: 40, seed: 29 },
  ); // up to 4,200 distinct pairs: the table (1,024 slots at first) doubles within a batch
});
