/**
 * Detection (lib/data/import/detect.ts): a CSV's first line is decoded alone, and gives the text the decoding of
 * its first 64 KiB did up to the first line end — for any bytes (line ends, BOMs, multi-byte and broken UTF-8).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { firstCsvLine } from "../../../lib/data/import/detect";

/** The first line as detection found it before: the first 64 KiB decoded, cut at the first /\r?\n/. */
function firstLineByDecodingAll(bytes: Uint8Array): string {
  const head = new TextDecoder().decode(bytes.subarray(0, 65536));
  const nl = head.search(/\r?\n/);
  return nl < 0 ? head : head.slice(0, nl);
}

/** Bytes in pieces that matter to a first line: line ends, a BOM, parts of multi-byte characters, ASCII. */
const PIECES = [[10], [13], [13, 10], [0xef, 0xbb, 0xbf], [0xe2, 0x82, 0xac], [0xe2], [0x82], [0xc3, 0xa9], [0xf0, 0x9f, 0x98], [0xff], [97], [44], [34]];
const pieceBytes = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.uint8Array({ maxLength: 8 }).map((a) => [...a])), { maxLength: 60 }).map((ps) => Uint8Array.from(ps.flat()));

test("firstCsvLine is the first line of the decoded first 64 KiB (property: line ends, BOMs, broken UTF-8)", () => {
  fc.assert(
    fc.property(pieceBytes, (bytes) => {
      assert.equal(firstCsvLine(bytes), firstLineByDecodingAll(bytes));
    }),
    { numRuns: 5000 },
  );
});

test("firstCsvLine looks no further than 64 KiB, cutting a character there as the decoding of 64 KiB did", () => {
  for (const filler of [[97], [0xc3, 0xa9], [0xe2, 0x82, 0xac]]) {
    for (const extra of [0, 1, 2, 3]) {
      const long = Uint8Array.from({ length: 65536 + extra }, (_, k) => filler[k % filler.length]);
      for (const tail of [[], [10], [13, 10]]) {
        const bytes = Uint8Array.from([...long, ...tail, 98, 10]);
        assert.equal(firstCsvLine(bytes), firstLineByDecodingAll(bytes));
      }
      const withLineEnd = Uint8Array.from([...long.subarray(0, 65534 - extra), 13, 10, 99]);
      assert.equal(firstCsvLine(withLineEnd), firstLineByDecodingAll(withLineEnd));
    }
  }
  assert.equal(firstCsvLine(new TextEncoder().encode("\uFEFFa,b\r\n1,2\n")), "a,b");
  assert.equal(firstCsvLine(new Uint8Array(0)), "");
});
