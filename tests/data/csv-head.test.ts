/**
 * csvHeadProblem, the one check of a CSV's first bytes that the import, the pilot, the returns and `add` share: what
 * it finds, where, and what it leaves to the readers (a UTF-8 byte order mark, bytes ≥ 0x80, later lines).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CSV_HEAD_SEARCH_BYTES, csvHeadProblem, describeCsvHeadProblem } from "../../lib/data/csv-head";

const WHOLE = { wholeFile: true } as const;
const TEXT = "CHILD,SEX,DOB\nA1,1,2010-01-01\n";
const utf16le = (text: string) => Buffer.from(text, "utf16le");
const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();
/** UTF-32 of ASCII text, in either byte order. */
const utf32 = (text: string, byteOrder: "little-endian" | "big-endian") =>
  Buffer.from(Array.from(text).flatMap((c) => (byteOrder === "little-endian" ? [c.charCodeAt(0), 0, 0, 0] : [0, 0, 0, c.charCodeAt(0)])));

test("UTF-16 and UTF-32 are found by their byte order marks, in either byte order", () => {
  assert.deepEqual(csvHeadProblem(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(TEXT)]), WHOLE), { code: "utf16", byteOrder: "little-endian", byteOrderMark: true, offset: 0 });
  assert.deepEqual(csvHeadProblem(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), WHOLE), { code: "utf16", byteOrder: "big-endian", byteOrderMark: true, offset: 0 });
  assert.deepEqual(csvHeadProblem(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(TEXT, "little-endian")]), WHOLE), { code: "utf32", byteOrder: "little-endian", byteOrderMark: true, offset: 0 });
  assert.deepEqual(csvHeadProblem(Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(TEXT, "big-endian")]), WHOLE), { code: "utf32", byteOrder: "big-endian", byteOrderMark: true, offset: 0 });
});

test("UTF-16 and UTF-32 without a byte order mark are found by the zero bytes beside each of the first characters", () => {
  assert.deepEqual(csvHeadProblem(utf16le(TEXT), WHOLE), { code: "utf16", byteOrder: "little-endian", byteOrderMark: false, offset: 1 });
  assert.deepEqual(csvHeadProblem(utf16be(TEXT), WHOLE), { code: "utf16", byteOrder: "big-endian", byteOrderMark: false, offset: 0 });
  assert.deepEqual(csvHeadProblem(utf32(TEXT, "little-endian"), WHOLE), { code: "utf32", byteOrder: "little-endian", byteOrderMark: false, offset: 1 });
  assert.deepEqual(csvHeadProblem(utf32(TEXT, "big-endian"), WHOLE), { code: "utf32", byteOrder: "big-endian", byteOrderMark: false, offset: 0 });
  // a file shorter than the characters looked at: as many as there are (one here)
  assert.deepEqual(csvHeadProblem(utf16le("a"), WHOLE), { code: "utf16", byteOrder: "little-endian", byteOrderMark: false, offset: 1 });
  // property: any header of printable ASCII, in either byte order, at any head length the readers read
  for (let n = 1; n <= 40; n++) {
    const header = Array.from({ length: n }, (_, k) => String.fromCharCode(33 + ((k * 37 + n) % 94))).join("");
    for (const head of [utf16le(`${header}\r\n1\r\n`), utf16le(`${header}\n`).subarray(0, 2 * n)]) assert.equal(csvHeadProblem(head, { wholeFile: false })?.code, "utf16", header);
    assert.equal((csvHeadProblem(utf16be(`${header}\n`), WHOLE) as { byteOrder: string }).byteOrder, "big-endian", header);
  }
});

test("a NUL byte in the first line of text that is not UTF-16 throughout is found at its offset; one in a later line is left to the reader", () => {
  assert.deepEqual(csvHeadProblem(Buffer.from("CHI\0LD,SEX\nA1,1\n"), WHOLE), { code: "nul", offset: 3 });
  assert.deepEqual(csvHeadProblem(Buffer.from("\0\0\0\0"), WHOLE), { code: "nul", offset: 0 });
  // a zero byte beside the first character only: not UTF-16 (the second character has none)
  assert.deepEqual(csvHeadProblem(Buffer.from("C\0HILD\n"), WHOLE), { code: "nul", offset: 1 });
  assert.equal(csvHeadProblem(Buffer.from("CHILD,SEX\nA\0,1\n"), WHOLE), undefined);
  // beyond the search a first line is not looked at
  const long = Buffer.alloc(CSV_HEAD_SEARCH_BYTES + 10, 0x61);
  long[CSV_HEAD_SEARCH_BYTES + 2] = 0;
  assert.equal(csvHeadProblem(long, WHOLE), undefined);
});

test("a CR not followed by LF in the first line is CR-only line ends; a CRLF, a CR ending a whole file and a CR at the end of a head are not", () => {
  assert.deepEqual(csvHeadProblem(Buffer.from("a,b\r1,2\r"), WHOLE), { code: "cr-only", offset: 3 });
  assert.deepEqual(csvHeadProblem(Buffer.from("a,b\r1,2\n"), WHOLE), { code: "cr-only", offset: 3 }, "a lone CR before the first LF");
  assert.equal(csvHeadProblem(Buffer.from("a,b\r\n1,2\r\n"), WHOLE), undefined);
  assert.equal(csvHeadProblem(Buffer.from("a,b\r\n1,2\r3,4\n"), WHOLE), undefined, "only the first line is looked at");
  assert.equal(csvHeadProblem(Buffer.from("a,b\r"), WHOLE), undefined, "the last byte of a header-only file");
  assert.equal(csvHeadProblem(Buffer.from("a,b\r"), { wholeFile: false }), undefined, "the byte after it is not read yet");
  // a first line as long as the search, ended by CRLF just after it: the LF beyond the search is looked at
  const boundary = Buffer.concat([Buffer.alloc(CSV_HEAD_SEARCH_BYTES - 1, 0x61), Buffer.from("\r\n1\n")]);
  assert.equal(csvHeadProblem(boundary, WHOLE), undefined);
  boundary[CSV_HEAD_SEARCH_BYTES] = 0x31;
  assert.deepEqual(csvHeadProblem(boundary, WHOLE), { code: "cr-only", offset: CSV_HEAD_SEARCH_BYTES - 1 });
});

test("a whole file of blanks (a UTF-8 byte order mark, spaces, line ends, or nothing) is empty; a head of them is not known to be", () => {
  for (const blank of ["", "\n", " \r\n\t", "\xef\xbb\xbf", "\xef\xbb\xbf\r\n"]) assert.deepEqual(csvHeadProblem(Buffer.from(blank, "latin1"), WHOLE), { code: "empty" }, JSON.stringify(blank));
  assert.equal(csvHeadProblem(Buffer.from("   "), { wholeFile: false }), undefined);
  assert.equal(csvHeadProblem(Buffer.from("\n\na"), WHOLE), undefined);
});

test("a UTF-8 byte order mark, UTF-8 text and Latin-1 bytes are no problem of the head (each reader's UTF-8 decoding names such a byte)", () => {
  assert.equal(csvHeadProblem(Buffer.from(`\uFEFF${TEXT}`), WHOLE), undefined);
  assert.equal(csvHeadProblem(Buffer.from("la_name,period\nYnys Môn,2023\n"), WHOLE), undefined);
  assert.equal(csvHeadProblem(Buffer.from("la_name,period\nYnys M\xf4n,2023\n", "latin1"), WHOLE), undefined);
  assert.equal(csvHeadProblem(Buffer.from("R\xe9sum\xe9,n\r\n", "latin1"), WHOLE), undefined);
});

test("describeCsvHeadProblem names what was found and where", () => {
  assert.equal(describeCsvHeadProblem({ code: "utf16", byteOrder: "little-endian", byteOrderMark: true, offset: 0 }), "a UTF-16 (little-endian) byte order mark (FF FE)");
  assert.equal(describeCsvHeadProblem({ code: "utf32", byteOrder: "big-endian", byteOrderMark: true, offset: 0 }), "a UTF-32 (big-endian) byte order mark (00 00 FE FF)");
  assert.equal(
    describeCsvHeadProblem({ code: "utf16", byteOrder: "little-endian", byteOrderMark: false, offset: 1 }),
    "UTF-16 (little-endian) text without a byte order mark (a NUL byte at offset 1 of the first line, and zero bytes beside each of its first characters)",
  );
  assert.equal(describeCsvHeadProblem({ code: "nul", offset: 3 }), "a NUL byte at offset 3 of the first line");
  assert.equal(describeCsvHeadProblem({ code: "cr-only", offset: 3 }), "CR-only line ends (a CR at offset 3 not followed by LF)");
  assert.equal(describeCsvHeadProblem({ code: "empty" }), "an empty file");
});

test("the head is not changed", () => {
  const head = Buffer.from(TEXT, "utf16le");
  const copy = Buffer.from(head);
  csvHeadProblem(head, WHOLE);
  assert.deepEqual(head, copy);
});
