/**
 * ByteInterner (the hash table) and InternedTexts (text cells over it). InternedTexts against a Map of strings: the same dense codes in order of first appearance and the same texts,
 * through many rehashes, for ASCII and multi-byte texts, whether given as bytes or as text.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ByteInterner, fnv1a, InternedTexts } from "../../lib/data/byte-interner";

const FIXED_SEED = 20261205;

test("codes equal a Map's (first appearance order) and values decode to the texts, over thousands of distinct texts", () => {
  const text = fc.array(fc.constantFrom("E", "0", "9", "a", "é", "€", "𝄞", ",", " "), { maxLength: 6 }).map((a) => a.join(""));
  fc.assert(
    fc.property(fc.array(text, { minLength: 100, maxLength: 3000, size: "max" }), fc.array(fc.boolean(), { minLength: 1 }), (texts, asText) => {
      const interner = new InternedTexts();
      const reference = new Map<string, number>();
      // all texts in one buffer, as cells of a file are
      const bytes = Buffer.from(texts.join("|"));
      let at = 0;
      texts.forEach((t, i) => {
        const length = Buffer.byteLength(t);
        const code = asText[i % asText.length] ? interner.codeOfText(t) : interner.codeOf(bytes, at, at + length);
        at += length + 1;
        if (!reference.has(t)) reference.set(t, reference.size);
        assert.equal(code, reference.get(t), `code of ${JSON.stringify(t)}`);
      });
      assert.deepEqual(interner.values, [...reference.keys()]);
    }),
    { seed: FIXED_SEED, numRuns: 50 },
  );
});

test("a run of the same text keeps its code, and an empty text is a text like any other", () => {
  const t = new InternedTexts();
  const b = Buffer.from("E06,E06,,E07,E06,");
  assert.deepEqual([t.codeOf(b, 0, 3), t.codeOf(b, 4, 7), t.codeOf(b, 8, 8), t.codeOf(b, 9, 12), t.codeOf(b, 13, 16), t.codeOf(b, 17, 17)], [0, 0, 1, 2, 0, 1]);
  assert.deepEqual(t.values, ["E06", "", "E07"]);
});

describe("ByteInterner", () => {
  test("gives dense ids in order of first insertion and finds them again after many rehashes", () => {
    const interner = new ByteInterner(["a", "b"]);
    const keys = Array.from({ length: 20000 }, (_, i) => `ps_${(i * 2654435761 >>> 0).toString(16).padStart(16, "0")}`);
    const buf = Buffer.from(keys.join(","));
    let at = 0;
    const ranges = keys.map((k) => {
      const r = [at, at + k.length] as const;
      at += k.length + 1;
      return r;
    });
    ranges.forEach(([s, e], i) => assert.equal(interner.intern(buf, s, e), i + 2));
    ranges.forEach(([s, e], i) => assert.equal(interner.lookup(buf, s, e), i + 2));
    assert.equal(interner.size, 20002);
    assert.equal(interner.key(2), keys[0]);
    assert.equal(interner.lookup(Buffer.from("zz"), 0, 2), -1);
    assert.equal(interner.lookup(Buffer.from("xa"), 1, 2), 0, "a sub-range is looked up by its bytes");
  });

  test("fnv1a matches the published FNV-1a 32-bit test vectors", () => {
    // http://www.isthe.com/chongo/src/fnv/test_fnv.c: FNV1a_32 of "" = 0x811c9dc5, "a" = 0xe40c292c, "foobar" = 0xbf9cf968
    assert.equal(fnv1a(Buffer.from(""), 0, 0), 0x811c9dc5);
    assert.equal(fnv1a(Buffer.from("a"), 0, 1), 0xe40c292c);
    assert.equal(fnv1a(Buffer.from("foobar"), 0, 6), 0xbf9cf968);
  });
});
