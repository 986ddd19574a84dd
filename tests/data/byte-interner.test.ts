/**
 * ByteInterner against a Map of strings: the same dense codes in order of first appearance and the same texts,
 * through many rehashes, for ASCII and multi-byte texts, whether given as bytes or as text.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ByteInterner } from "../../lib/data/byte-interner";

const FIXED_SEED = 20261205;

test("codes equal a Map's (first appearance order) and values decode to the texts, over thousands of distinct texts", () => {
  const text = fc.array(fc.constantFrom("E", "0", "9", "a", "é", "€", "𝄞", ",", " "), { maxLength: 6 }).map((a) => a.join(""));
  fc.assert(
    fc.property(fc.array(text, { minLength: 100, maxLength: 3000, size: "max" }), fc.array(fc.boolean(), { minLength: 1 }), (texts, asText) => {
      const interner = new ByteInterner();
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
  const t = new ByteInterner();
  const b = Buffer.from("E06,E06,,E07,E06,");
  assert.deepEqual([t.codeOf(b, 0, 3), t.codeOf(b, 4, 7), t.codeOf(b, 8, 8), t.codeOf(b, 9, 12), t.codeOf(b, 13, 16), t.codeOf(b, 17, 17)], [0, 0, 1, 2, 0, 1]);
  assert.deepEqual(t.values, ["E06", "", "E07"]);
});
