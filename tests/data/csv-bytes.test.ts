import { test } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { MalformedCsv, scanCsvBytes, scanCsvHeaderBytes, type CsvByteSink } from "../../lib/data/csv-bytes";

/** Every call a sink receives, as text: (field text, index, line) and record ends. */
function recorder(calls: string[]): CsvByteSink {
  return {
    plainField: (buf, start, end, index, line) => calls.push(`f ${JSON.stringify(buf.toString("utf8", start, end))} ${index} ${line}`),
    quotedField: (text, index, line) => calls.push(`f ${JSON.stringify(text)} ${index} ${line}`),
    recordEnd: (count, line) => calls.push(`end ${count} ${line}`),
  };
}

/** One scan of the whole, or MalformedCsv. */
function wholeScan(buf: Buffer): string[] | "malformed" {
  const calls: string[] = [];
  try {
    scanCsvBytes(buf, 0, buf.length, 0, recorder(calls));
  } catch (e) {
    if (e instanceof MalformedCsv) return "malformed";
    throw e;
  }
  return calls;
}

/** The header by scanCsvHeaderBytes, the rest by scanCsvBytes from line 1 (as the package reader does), or MalformedCsv. */
function headerThenRest(buf: Buffer): string[] | "malformed" {
  const calls: string[] = [];
  const header: string[] = [];
  try {
    const next = scanCsvHeaderBytes(buf, 0, buf.length, {
      headerField: (text) => header.push(text),
      headerEnd: () => {
        header.forEach((text, index) => calls.push(`f ${JSON.stringify(text)} ${index} 0`));
        calls.push(`end ${header.length} 0`);
      },
    });
    scanCsvBytes(buf, next, buf.length, 1, recorder(calls));
  } catch (e) {
    if (e instanceof MalformedCsv) return "malformed";
    throw e;
  }
  return calls;
}

test("scanCsvHeaderBytes then scanCsvBytes from line 1 = one scanCsvBytes of the whole (fields, records, malformed)", () => {
  const piece = fc.constantFrom("a", "b", "é", ",", '"', '""', "\n", "\r", "\r\n", "x y", "");
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
      const buf = Buffer.from(pieces.join(""), "utf8");
      assert.deepEqual(headerThenRest(buf), wholeScan(buf));
    }),
    { numRuns: 5000 },
  );
});

test("scanCsvHeaderBytes: named cases (quoted names, CR only, trailing comma, no line end, empty)", () => {
  for (const text of ['"a","b""c"\n1,2\n', "a,b\r1,2\r", "a,b,\n1,2,\n", "a,b,", "a,b", "", "\n", 'a,"b\nc"\n1,2\n', 'a,b"\n1,2\n', '"a\n']) {
    const buf = Buffer.from(text, "utf8");
    assert.deepEqual(headerThenRest(buf), wholeScan(buf), JSON.stringify(text));
  }
  assert.equal(scanCsvHeaderBytes(Buffer.from("a,b\r\n1,2\n"), 0, 9, { headerField: () => {}, headerEnd: () => {} }), 5);
});
