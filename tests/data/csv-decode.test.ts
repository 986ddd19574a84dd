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

test("decodeCsvBytes names UTF-16 and UTF-32, with or without a byte order mark, instead of reading NULs or calling it Latin-1", () => {
  // plain ASCII in UTF-16 is valid UTF-8 (a NUL beside each letter): an areas file had "needs an la_code column"
  assert.throws(() => decodeCsvBytes(Buffer.from("la_code\nE06000001\n", "utf16le"), "a.csv"), /^DataError: a\.csv, row 0: got "UTF-16 \(little-endian\) text without a byte order mark .*expected UTF-8 text: save the file as CSV UTF-8/);
  // with its mark, the first byte 0xff had been "byte 0xff at offset 0 … looks like Latin-1"
  const marked = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("la_code\nE06000001\n", "utf16le")]);
  assert.throws(() => decodeCsvBytes(marked, "a.csv"), /got "a UTF-16 \(little-endian\) byte order mark \(FF FE\)"/);
  assert.throws(() => decodeCsvBytes(Buffer.from([0, 0, 0, 0x6c, 0, 0, 0, 0x61, 0, 0, 0, 0x0a]), "a.csv"), /UTF-32 \(big-endian\)/);
  // UTF-8 and a UTF-8 byte order mark are read as before
  assert.equal(decodeCsvBytes(Buffer.from("\ufeffla_code\nE06000001\n"), "a.csv"), "la_code\nE06000001\n");
});

test("decodeUtf8 (JSON, instruments, sidecars) names UTF-16 as decodeCsvBytes does, not 'Latin-1 or Windows-1252'", () => {
  const marked = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"instruments": []}', "utf16le")]);
  assert.throws(() => decodeUtf8(marked, "i.json"), /^DataError: i\.json, row 0: got "a UTF-16 \(little-endian\) byte order mark \(FF FE\)", expected UTF-8 text: save the file as UTF-8/);
  assert.throws(() => decodeUtf8(Buffer.from('{"a": 1}', "utf16le"), "i.json"), /UTF-16 \(little-endian\) text without a byte order mark/);
});
