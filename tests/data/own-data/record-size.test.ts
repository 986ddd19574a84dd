/**
 * One CSV record may take at most MAX_RECORD_CHARS characters: an unclosed quote before 600 MB of text had reached
 * V8's string limit and ended with "vital-signs: Invalid string length", naming no file or row (hostile review F1).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_RECORD_CHARS, readOwnCsvRecords } from "../../../lib/data/own-data/read-csv-records";
import { DataError } from "../../../lib/errors";
import { tempFile } from "./fixture";

const noVisits = { header: () => {}, row: () => {} };

test("a quote left open runs the record past the limit: refused with file, row and why, the rest of the file not held", () => {
  const file = tempFile("open.csv", `la_code,period,x\nE06000001,2023,1\nE06000002,2023,"1\n${"2,3\n".repeat(150_000)}`);
  assert.throws(
    () => readOwnCsvRecords(file, noVisits, { recordChars: 100_000 }),
    (e: unknown) => e instanceof DataError && e.row === 2 && /a record of at most 100,000 characters: a quote opened in it is not closed before that/.test(e.message) && e.message.startsWith(file),
  );
});

test("a long record under the limit is read; the limit is far above any table of LA figures", () => {
  const file = tempFile("long.csv", `la_code,period,note\nE06000001,2023,"${"x".repeat(300_000)}"\n`);
  assert.equal(readOwnCsvRecords(file, noVisits, { recordChars: 400_000 }).rows, 1);
  assert.ok(MAX_RECORD_CHARS >= 16 * 1024 * 1024);
});
