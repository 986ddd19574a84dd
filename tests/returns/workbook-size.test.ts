/**
 * An Annex A workbook too large to read is refused before it is read, naming it (round 24 H7: a workbook was read
 * whole before any check; one over 2 GiB stopped with Node's "File size … greater than 2 GiB", no file named).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { importRefusal, tempDir } from "./helpers";

test("an Annex A workbook of 3 GiB is refused naming it (relative to the folder), its size and the cap", () => {
  const dir = tempDir();
  const file = path.join(dir, "E09000001", "2023", "annex_a_2023-03-31.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "PK\x03\x04");
  fs.truncateSync(file, 3 * 2 ** 30); // sparse: no disk space taken
  const e = importRefusal(dir);
  assert.equal(e.file, path.join("E09000001", "2023", "annex_a_2023-03-31.xlsx"));
  assert.equal(e.value, "3221225472 bytes");
  assert.match(e.expected, /^a workbook of at most 268435456 bytes \(256 MiB/);
});
