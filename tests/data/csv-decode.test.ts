/** decodeUtf8 (lib/data/csv.ts) reads as a fatal TextDecoder("utf-8") does, a leading byte-order mark dropped. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { decodeUtf8 } from "../../lib/data/csv";

const BOM = [0xef, 0xbb, 0xbf];

test("decodeUtf8 gives TextDecoder's text, with or without a byte-order mark (one mark dropped, a second kept)", () => {
  const decoder = new TextDecoder("utf-8", { fatal: true }); // drops one leading mark, as decodeUtf8 must
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.nat(2), (text, marks) => {
      const body = Buffer.from(text);
      const bytes = new Uint8Array([...Array.from({ length: marks }, () => BOM).flat(), ...body]);
      assert.equal(decodeUtf8(bytes, "t.csv"), decoder.decode(bytes));
    }),
    { numRuns: 500 },
  );
  assert.equal(decodeUtf8(new Uint8Array(BOM), "t.csv"), "");
  assert.equal(decodeUtf8(new Uint8Array([...BOM, 0x61, 0x2c, 0xc3, 0xa9]), "t.csv"), "a,é");
});

test("a byte that is not UTF-8 after a byte-order mark is named at its offset in the file", () => {
  assert.throws(() => decodeUtf8(new Uint8Array([...BOM, 0x61, 0xe9, 0x0a]), "x.csv"), /byte 0xe9 at offset 4/);
});
