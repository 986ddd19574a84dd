/**
 * UTF-16 (or UTF-32) text without a byte order mark whose first character is not ASCII ("€", 0xAC 0x20 in UTF-16LE)
 * is called UTF-16 by every CSV reader, with what to do (save it as CSV UTF-8); it had been "a NUL byte at offset 3 of
 * the first line", since the check wanted zero bytes beside every one of the first 8 characters.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { csvHeadProblem, describeCsvHeadProblem } from "../../lib/data/csv-head";
import { detectSource } from "../../lib/data/import/detect";
import { readPackage } from "../../lib/data/package";
import { planOwnData } from "../../lib/data/own-data/add";
import { readMetadataSidecar } from "../../lib/data/own-data/metadata";
import { DataError, DataErrors } from "../../lib/errors";
import { findRecordFiles } from "../../lib/pilot/import-pilot";
import { importReturns } from "../../lib/returns/import-returns";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { tempDir } from "../helpers/temp-dirs";
import { tempFile, writeFixturePackage } from "./own-data/fixture";

const WHOLE = { wholeFile: true } as const;
const utf16le = (text: string) => Buffer.from(text, "utf16le");
const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();
/** The words for `text` (whose first character only is not ASCII) in UTF-16LE without a byte order mark. */
const LE_EURO = "UTF-16 (little-endian) text without a byte order mark (a NUL byte at offset 3 of the first line, and zero bytes beside 31 of its first 32 characters)";

/** The DataError `run` throws, alone or first of DataErrors. */
function errorOf(run: () => unknown): DataError {
  try {
    run();
  } catch (e) {
    if (e instanceof DataErrors) return e.errors[0];
    if (e instanceof DataError) return e;
    throw e;
  }
  assert.fail("read without an error");
}

test("text whose first character is € and the rest ASCII is UTF-16 or UTF-32 in either byte order, not a NUL at offset 3", () => {
  const text = "€spend_gbp,la_code,period,value\nE06000023,2024,1\n";
  assert.deepEqual(csvHeadProblem(utf16le(text), WHOLE), { code: "utf16", byteOrder: "little-endian", byteOrderMark: false, offset: 3, zeroBytesBeside: { characters: 31, of: 32 } });
  assert.deepEqual(csvHeadProblem(utf16be(text), WHOLE), { code: "utf16", byteOrder: "big-endian", byteOrderMark: false, offset: 2, zeroBytesBeside: { characters: 31, of: 32 } });
  const utf32le = Buffer.from(Array.from(text).flatMap((c) => { const p = c.codePointAt(0)!; return [p & 0xff, (p >> 8) & 0xff, 0, 0]; }));
  assert.equal(csvHeadProblem(utf32le, WHOLE)?.code, "utf32");
  assert.equal(describeCsvHeadProblem(csvHeadProblem(utf16le(text), WHOLE)!), LE_EURO);
  // every other byte NUL, whatever the first few characters are
  assert.equal(csvHeadProblem(utf16le("€£é,la_code,period\n"), WHOLE)?.code, "utf16");
  // fewer than half the characters beside zero bytes: a NUL in UTF-8 text, as before
  assert.deepEqual(csvHeadProblem(Buffer.from("la_c\0de,per\0od,v\0lue,x,y,z,w\n"), WHOLE), { code: "nul", offset: 4 });
});

test("each CSV reader calls such a file UTF-16 and says to save it as UTF-8", () => {
  const euro = (text: string) => utf16le(`€${text}`);
  const detected = errorOf(() => detectSource("ees/b1.csv", euro("time_period,time_identifier,geographic_level,la_name,value\n2024,Financial year,Local authority,X,5\n")));
  assert.deepEqual([detected.row, detected.value], [0, LE_EURO]);
  assert.match(detected.message, /expected CSV text in UTF-8/);

  const records = tempDir("vsw-wide-pilot-");
  fs.writeFileSync(path.join(records, "records-child_survey.csv"), euro("respondent_id,la_code,period,instrument,item,response\n"));
  const pilot = errorOf(() => findRecordFiles(records));
  assert.deepEqual([pilot.row, pilot.value], [0, LE_EURO]);
  assert.match(pilot.message, /expected a CSV file in UTF-8 \(save it again as CSV UTF-8\)/);

  const pkg = readPackage(writeFixturePackage());
  const table = tempFile("own.csv", euro("spend,la_code,period\n45,E06000023,2022\n"));
  const add = errorOf(() => planOwnData(pkg, table, { metadata: { unit: "gbp", polarity: "none", domain: "workforce" } }));
  assert.deepEqual([add.row, add.value], [0, LE_EURO]);
  assert.match(add.message, /expected UTF-8 text \(save the file as CSV UTF-8/);
});

test("the returns call an SSDA903 table starting with € in UTF-16 so, and say to save it as CSV UTF-8", () => {
  const dir = path.join(tempDir("vsw-wide-returns-"), "in");
  writeSyntheticReturns(dir, { seed: 11, las: [{ la: "E06000001", lookedAfterChildren: 20, cinChildren: 30, careLeaversPerYear: 3 }], firstYear: 2023, lastYear: 2023 });
  const header = path.join(dir, "E06000001", "2023", "header.csv");
  fs.writeFileSync(header, utf16le(`€${fs.readFileSync(header, "utf8")}`));
  const error = errorOf(() => importReturns(dir, { key: Buffer.from("a-test-key-for-wide-text") }));
  assert.deepEqual([error.file, error.row], [path.join("E06000001", "2023", "header.csv"), 0]);
  assert.match(error.value ?? "", /^UTF-16 \(little-endian\) text without a byte order mark/);
  assert.match(error.message, /save it as CSV UTF-8$/);
});

test("add calls a JSON metadata sidecar in UTF-16 so, with or without a first character that is not ASCII", () => {
  for (const [text, value] of [
    ['{"spend":{"unit":"count"}}', "UTF-16 (little-endian) text without a byte order mark (a NUL byte at offset 1 of the first line, and zero bytes beside each of its first characters)"],
    ['€{"spend":{"unit":"count"}}', "UTF-16 (little-endian) text without a byte order mark (a NUL byte at offset 3 of the first line, and zero bytes beside 26 of its first 27 characters)"],
  ]) {
    const file = tempFile("own.meta.json", utf16le(text));
    const error = errorOf(() => readMetadataSidecar(file));
    assert.deepEqual([error.file, error.value, error.expected], [file, value, "UTF-8 text (save the file as UTF-8)"]);
  }
});
