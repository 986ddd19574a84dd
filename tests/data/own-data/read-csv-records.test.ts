// readOwnCsvRecords streams a researcher's CSV: it must give the records, the hash and the error that reading the
// whole file did (readOwnCsvText then parseCsv), also when what matters falls on the boundary between two reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { parseCsv } from "../../../lib/data/csv";
import { DataError } from "../../../lib/errors";
import { CSV_HEAD_SEARCH_BYTES } from "../../../lib/data/csv-head";
import { readOwnCsvText } from "../../../lib/data/own-data/read-table";
import { readOwnCsvRecords } from "../../../lib/data/own-data/read-csv-records";
import { tempDir } from "../../helpers/temp-dirs";

/** The bytes read at a time (read-csv-records.ts CHUNK_BYTES). */
const CHUNK = 2 * CSV_HEAD_SEARCH_BYTES;

// removed when this file's tests end (tests/helpers/temp-dirs.ts)
const dir = tempDir("vsw-csv-records-");
let n = 0;
function tempFile(bytes: Buffer): string {
  const file = path.join(dir, `t${n++}.csv`);
  fs.writeFileSync(file, bytes);
  return file;
}

type Outcome = { header: string[]; rows: string[][]; sha256: string } | { error: string };

function whole(file: string): Outcome {
  try {
    const csv = parseCsv(readOwnCsvText(file), file);
    return { header: csv.header, rows: csv.rows, sha256: createHash("sha256").update(fs.readFileSync(file)).digest("hex") };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function streamed(file: string): Outcome {
  let header: string[] = [];
  const rows: string[][] = [];
  try {
    const { sha256, rows: count } = readOwnCsvRecords(file, { header: (h) => void (header = h), row: (r, row) => {
      rows.push(r);
      assert.equal(row, rows.length);
    } });
    assert.equal(count, rows.length);
    return { header, rows, sha256 };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * assert.deepEqual(a, b) for two outcomes, checked first cell by cell with ===: the two reads of each of the 1,102
 * files of 128 KiB below give ≈ 5,000 rows each, and deepEqual's generic walk over them took ≈ 2 s of the file's CPU.
 * Outcomes are plain objects of strings and arrays of strings, so equal keys and cells are deepEqual's equality; when
 * anything differs, deepEqual itself runs, for its message.
 */
function assertSameOutcome(a: Outcome, b: Outcome, message: string): void {
  const sameStrings = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  const same =
    sameStrings(Object.keys(a), Object.keys(b)) &&
    ("error" in a && "error" in b
      ? a.error === b.error
      : "rows" in a && "rows" in b && a.sha256 === b.sha256 && sameStrings(a.header, b.header) && a.rows.length === b.rows.length && a.rows.every((r, i) => sameStrings(r, b.rows[i])));
  if (!same) assert.deepEqual(a, b, message);
}

const HEADER = "la_code,period,indicator,value\n";
const ROW = "E06000001,2020,ind0,150\n";

/** `tail` after plain rows, placed so that its byte `at` is the first of the second read (or `shift` bytes later). */
function straddling(tail: string | Buffer, at: number, shift: number): Buffer {
  const before = CHUNK + shift - at;
  const last = "E06000001,2020,ind0,";
  const rows = ROW.repeat(Math.floor((before - HEADER.length - last.length - 2) / ROW.length));
  const digits = before - HEADER.length - rows.length - last.length - 1;
  return Buffer.concat([Buffer.from(`${HEADER}${rows}${last}${"1".repeat(digits)}\n`), Buffer.isBuffer(tail) ? tail : Buffer.from(tail)]);
}

const TAILS: Record<string, string | Buffer> = {
  "a CRLF line end": "E06000002,2020,ind0,1\r\nE06000003,2020,ind0,2\r\n",
  "a quoted field with line breaks and doubled quotes": 'E06000002,2020,"ind\n""0""\r\nx",1\nE06000003,2020,ind0,2\n',
  "a multibyte character (é, £, an emoji)": "E06000002,2020,indé£😀x,1\nE06000003,2020,ind0,2\n",
  "a NUL in a cell": "E06000002,2020,in\u0000d0,1\n",
  "a row with a field too many": "E06000002,2020,ind0,1,9\nE06000003,2020,ind0,2\n",
  "a row of the wrong width, then a stray quote": "E06000002,2020,ind0\nE06000003,2020,in\"d0,2\n",
  "a stray quote in a plain field": 'E06000002,2020,in"d0,1234567890\n',
  "a quoted field followed by text": 'E06000002,2020,"ind0"x1234567890,1\n',
  "an unclosed quote": 'E06000002,2020,"ind0,1\nE06000003,2020,ind0,2\n',
  "a CR-only line end": "E06000002,2020,ind0,1\rE06000003,2020,ind0,2\r",
  "a trailing comma at the end of the file": "E06000002,2020,ind0,",
  "no line end at the end of the file": "E06000002,2020,ind0,1",
  "an empty line at the end": "E06000002,2020,ind0,1\n\n",
  "a Latin-1 byte after a quoted line break": Buffer.concat([Buffer.from('E06000002,2020,"a\nb",1\nE06000003,2020,ind'), Buffer.from([0xe9]), Buffer.from("0,2\n")]),
  "a UTF-8 sequence cut by the end of the file": Buffer.concat([Buffer.from("E06000002,2020,ind0,1"), Buffer.from([0xe2, 0x82])]),
  "a row of the wrong width, then a Latin-1 byte": Buffer.concat([Buffer.from("E06000002,2020\nE06000003,2020,ind0,"), Buffer.from([0xa3]), Buffer.from("2\n")]),
};

test("a CSV streamed gives the records, the hash and the error of the whole file read at once, wherever the second read starts", () => {
  for (const [name, tail] of Object.entries(TAILS)) {
    const length = Buffer.isBuffer(tail) ? tail.length : Buffer.byteLength(tail);
    for (let at = 0; at <= Math.min(length, 40); at++) {
      for (const shift of [0, 1]) {
        const file = tempFile(straddling(tail, at, shift));
        assertSameOutcome(streamed(file), whole(file), `${name}, byte ${at} of it first in the second read (+${shift})`);
      }
    }
  }
});

test("a small CSV streamed gives what the whole file gives: BOMs, CRLF, UTF-16, a NUL in the header, empty and blank files", () => {
  const cases: Buffer[] = [
    Buffer.from("\uFEFFla_code,value\r\nE06000001,1\r\n"),
    Buffer.from("\uFEFF\uFEFFla_code,value\nE06000001,1\n"),
    Buffer.from("la_code,value\nE06000001,\uFEFF1\n"),
    Buffer.from("la_code,value\n", "utf16le"),
    Buffer.from("\uFEFFla_code,value\n", "utf16le"),
    Buffer.from("la_\u0000code,value\nE06000001,1\n"),
    Buffer.from(""),
    Buffer.from(" \n\t\n"),
    Buffer.from("\n"),
    Buffer.from("la_code,value"),
    Buffer.from("la_code,value\r"),
    Buffer.from("a,b\rc,d\r"),
    Buffer.from([0xef, 0xbb]),
    Buffer.concat([Buffer.from("la_code,na"), Buffer.from([0xe9]), Buffer.from("me\n1,2\n")]),
    Buffer.concat([Buffer.from('la_code,"a\r\nb"\r\nE1,x'), Buffer.from([0xff]), Buffer.from("\n")]),
  ];
  for (const bytes of cases) {
    const file = tempFile(bytes);
    assert.deepEqual(streamed(file), whole(file), JSON.stringify(bytes.toString("latin1")));
  }
});

test("an error thrown by the visitor waits for the errors of the bytes that reading the whole file found first", () => {
  const refusing = { header: () => { throw new DataError({ file: "x.csv", row: 0, expected: "the visitor's" }); }, row: () => {} };
  // a header the visitor refuses, then a row of the wrong width: parseCsv's width error comes first, as it did
  assert.throws(() => readOwnCsvRecords(tempFile(Buffer.from("la_code,la_code\nE06000001\n")), refusing), /got "1 field", expected 2 fields as in the header/);
  // alone, the visitor's error is thrown; an error that is not a DataError is thrown at once
  const fine = tempFile(Buffer.from("la_code,la_code\nE06000001,1\n"));
  assert.throws(() => readOwnCsvRecords(fine, refusing), /the visitor's/);
  assert.throws(() => readOwnCsvRecords(fine, { header: () => { throw new TypeError("a bug"); }, row: () => {} }), TypeError);
});
