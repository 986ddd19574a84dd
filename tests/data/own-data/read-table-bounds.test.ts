/**
 * A workbook of any length or size `add` reads without a crash: round 24 (H1) stopped on an XLSX of 130,000 rows with
 * "Maximum call stack size exceeded" (the table's width came from Math.max(...rows)), and (H7) read a workbook whole
 * before any check: 1.5 GB took 1.59 GB of memory, over 2 GiB stopped with Node's "File size … greater than 2 GiB".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as XLSX from "xlsx";
import { readOwnTable } from "../../../lib/data/own-data/read-table";
import { DataError } from "../../../lib/errors";
import { tempDir } from "../../helpers/temp-dirs";

/** Past the ~125,000 arguments a spread into a call passes on Node 20 before the stack overflows. */
const MANY_ROWS = 200_000;

test("an XLSX of 200,000 data rows is read, not stopped by a stack overflow", () => {
  const rows: (string | number)[][] = [["la_code", "period", "my_pct"]];
  for (let i = 0; i < MANY_ROWS; i++) rows.push(["E06000002", 2000 + (i % 20), i % 100]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), "Data");
  const file = path.join(tempDir("vsw-own-long-"), "long.xlsx");
  fs.writeFileSync(file, XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
  const table = readOwnTable(file);
  assert.deepEqual(table.header, ["la_code", "period", "my_pct"]);
  assert.equal(table.rows.length, MANY_ROWS);
  assert.deepEqual(table.rows[MANY_ROWS - 1], ["E06000002", String(2000 + ((MANY_ROWS - 1) % 20)), String((MANY_ROWS - 1) % 100)]);
});

test("an XLSX of 3 GiB is refused before it is read, naming the file, its size and the cap", () => {
  const file = path.join(tempDir("vsw-own-big-"), "big.xlsx");
  fs.writeFileSync(file, "PK\x03\x04");
  fs.truncateSync(file, 3 * 2 ** 30); // sparse: no disk space taken
  assert.throws(() => readOwnTable(file), (e: Error) =>
    e instanceof DataError && e.file === file && e.value === "3221225472 bytes" && /at most 268435456 bytes \(256 MiB/.test(e.expected));
});
