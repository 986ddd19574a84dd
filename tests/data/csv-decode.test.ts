/** decodeUtf8 (lib/data/csv.ts) reads as a fatal TextDecoder("utf-8") does, a leading byte-order mark dropped. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { decodeCsvBytes, decodeUtf8, scanCsv } from "../../lib/data/csv";
import { DataError } from "../../lib/errors";

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

test("decodeCsvBytes reads UTF-8 as decodeUtf8 does and names a byte that is not by parseCsv's row and the header's column", () => {
  const text = 'id,la,note\r\n1,E1,"two\nlines, one cell"\r\n\n"3",E3,x\n';
  assert.equal(decodeCsvBytes(Buffer.from("\ufeff" + text), "t.csv"), text);
  const where = (latin1: string): Pick<DataError, "row" | "column" | "value"> => {
    try {
      decodeCsvBytes(Buffer.from(latin1, "latin1"), "t.csv");
    } catch (e) {
      assert.ok(e instanceof DataError);
      assert.doesNotMatch(e.message, /caf|Ren/, "never the cell's text");
      return { row: e.row, column: e.column, value: e.value };
    }
    assert.fail("expected a DataError");
  };
  // rows as parseCsv numbers records: a quoted line break does not start one, a blank line does
  const records: string[][] = [];
  scanCsv(text, "t.csv", (record) => records.push(record));
  assert.equal(records[3][0], "3");
  assert.deepEqual(where(text + "4,\"caf\xe9, bar\",y\n"), { row: 4, column: "la", value: "byte 0xe9 at offset 56" });
  assert.deepEqual(where('id,la,note\r\n1,E1,"two\nlines"\r\nRen\xe9,E2,z\n'), { row: 2, column: "id", value: "byte 0xe9 at offset 33" });
  assert.deepEqual(where("id,l\xe0,note\n1,E1,x\n"), { row: 0, column: "field 2", value: "byte 0xe0 at offset 4" });
});
