/**
 * A return too large to read is refused naming it, and an error a unit of the import did not expect names the files
 * it was reading (round 24 H9: an Episodes table with a 600 MB line stopped `returns` with V8's "Cannot create a
 * string longer than 0x1fffffe8 characters", which came back from its unit as a plain error naming no file).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MAX_RETURNS_CSV_BYTES } from "../../lib/returns/csv-rows";
import { assembleUnits, ssda903Unit } from "../../lib/returns/import-units";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { EPISODE_COLS, HEADER_COLS, TEST_KEY, episodeRow, headerRow, importRefusal, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";

test("an Episodes table over 64 MiB is refused before it is read, naming it, its size and the cap", () => {
  const dir = tempDir();
  writeCsv(dir, `${LA}/2023/header.csv`, HEADER_COLS, [headerRow("C1", "01/01/2010")]);
  const episodes = writeCsv(dir, `${LA}/2023/episodes.csv`, EPISODE_COLS, [episodeRow("C1", "01/05/2022", "S", "C2", "U1")]);
  fs.truncateSync(episodes, MAX_RETURNS_CSV_BYTES + 1); // sparse: a long last "line" of NUL bytes, no disk space taken
  const e = importRefusal(dir);
  assert.equal(e.file, `${LA}/2023/episodes.csv`);
  assert.equal(e.value, `${MAX_RETURNS_CSV_BYTES + 1} bytes`);
  assert.match(e.expected, /^a CSV file of at most 67108864 bytes \(64 MiB; /);
});

test("an error of an SSDA903 unit that is not a DataError names the files it was reading", () => {
  const dir = tempDir();
  // a folder where the table's file should be: reading it fails with the file system's EISDIR, which names no file
  fs.mkdirSync(path.join(dir, "header.csv"));
  const episodes = writeCsv(dir, "episodes.csv", EPISODE_COLS, [episodeRow("C1", "01/05/2022", "S", "C2", "U1")]);
  const outcome = ssda903Unit([
    { path: path.join(dir, "header.csv"), name: `${LA}/2023/header.csv`, la: LA, year: 2023, table: "Header" },
    { path: episodes, name: `${LA}/2023/episodes.csv`, la: LA, year: 2023, table: "Episodes" },
  ], TEST_KEY);
  assert.equal(outcome.error?.kind, "Error");
  assert.throws(() => assembleUnits([], new Map([[LA, outcome]]), new Map(), new ReturnsImportLog()), (e: Error) =>
    e.message.startsWith(`reading ${LA}/2023/header.csv, ${LA}/2023/episodes.csv: EISDIR`));
});
