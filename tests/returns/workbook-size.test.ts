/**
 * An Annex A workbook too large to read is refused before it is read, naming it (round 24 H7: a workbook was read
 * whole before any check; one over 2 GiB stopped with Node's "File size … greater than 2 GiB", no file named).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importRefusal, tempDir } from "./helpers";

/** A returns folder holding one 3 GiB workbook (sparse: no disk space taken) named `name`, and the import's refusal. */
function refusalOfHugeWorkbook(name: string): ReturnType<typeof importRefusal> {
  const dir = tempDir();
  const file = path.join(dir, "E09000001", "2023", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "PK\x03\x04");
  fs.truncateSync(file, 3 * 2 ** 30);
  return importRefusal(dir);
}

test("an Annex A workbook of 3 GiB is refused naming it (relative to the folder), its size and the cap", () => {
  const e = refusalOfHugeWorkbook("annex_a_2023-03-31.xlsx");
  assert.equal(e.file, path.join("E09000001", "2023", "annex_a_2023-03-31.xlsx"));
  assert.equal(e.value, "3221225472 bytes");
  assert.match(e.expected, /^a workbook of at most 268435456 bytes \(256 MiB/);
});

test("a workbook over the cap without 'annex' in its name is refused with the cap's message too, not listed as an unknown file", () => {
  // it is opened to see whether it is an Annex A workbook (sheets named List 1 … List 11): too large to open, it had
  // been passed over as an unknown file, its lists left out with exit 0
  const e = refusalOfHugeWorkbook("lists_2023-03-31.xlsx");
  assert.equal(e.file, path.join("E09000001", "2023", "lists_2023-03-31.xlsx"));
  assert.equal(e.value, "3221225472 bytes");
  assert.match(e.expected, /^a workbook of at most 268435456 bytes \(256 MiB.*; it was opened to tell whether it is an Annex A workbook \(sheets named List 1 … List 11\): if it is not one, move it out of DIR$/);
});
