/**
 * Every reader of CSV files on every kind of first bytes the shared check (lib/data/csv-head.ts) knows: the official
 * import's detection, the pilot's record files, the SSDA903 returns and `add`'s tables. UTF-16 or UTF-32 (with a byte
 * order mark or without) and a NUL in the header are refused by each, naming file, row 0 and what was found (round
 * 18: the returns called a BOM-less UTF-16 table one "with no CHILD column", the pilot left out a records file with a
 * NUL in its header with exit 0, `add` called UTF-16 "Latin-1" and read a NUL in a column's name). CR-only line ends:
 * the import and the pilot refuse them, the returns and `add`, whose parsers end lines at a CR, read them as LF. A
 * UTF-8 byte order mark is read by all. Latin-1 bytes in a name are each reader's own as before: the import and the
 * pilot take the file (the import's decoding refuses the byte later: tests/data/import/hostile-import.test.ts; the
 * pilot's tally keeps id bytes as they are: tests/pilot/record-encoding.test.ts), the returns and `add` refuse it
 * naming row, column and byte.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { detectSource } from "../../lib/data/import/detect";
import { readPackage } from "../../lib/data/package";
import { planOwnData } from "../../lib/data/own-data/add";
import { DataError, DataErrors } from "../../lib/errors";
import { findRecordFiles, importPilotRecords } from "../../lib/pilot/import-pilot";
import { importReturns } from "../../lib/returns/import-returns";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { tempDir } from "../helpers/temp-dirs";
import { tempFile, writeFixturePackage } from "./own-data/fixture";
import { AREA_CODES, HEADER as RECORDS_HEADER, instruments } from "../pilot/helpers";

/** The kinds of first bytes, each made from a CSV text (with a non-ASCII letter in a name). */
const ENCODINGS = {
  "UTF-16 LE with a byte order mark": (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
  "UTF-16 BE with a byte order mark": (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]),
  "UTF-16 LE without a byte order mark": (text: string) => Buffer.from(text, "utf16le"),
  "UTF-16 BE without a byte order mark": (text: string) => Buffer.from(text, "utf16le").swap16(),
  "a NUL in the header": (text: string) => Buffer.from(`${text.slice(0, 3)}\0${text.slice(3)}`),
  "CR-only line ends": (text: string) => Buffer.from(text.replace(/\n/g, "\r")),
  "a UTF-8 byte order mark": (text: string) => Buffer.from(`\uFEFF${text}`),
  "Latin-1 bytes in a name": (text: string) => Buffer.from(text, "latin1"),
} as const;
type Encoding = keyof typeof ENCODINGS;

/** What each refusal names as found (the same words in every reader). */
const FOUND: Partial<Record<Encoding, string>> = {
  "UTF-16 LE with a byte order mark": "a UTF-16 (little-endian) byte order mark (FF FE)",
  "UTF-16 BE with a byte order mark": "a UTF-16 (big-endian) byte order mark (FE FF)",
  "UTF-16 LE without a byte order mark": "UTF-16 (little-endian) text without a byte order mark (a NUL byte at offset 1 of the first line, and zero bytes beside each of its first characters)",
  "UTF-16 BE without a byte order mark": "UTF-16 (big-endian) text without a byte order mark (a NUL byte at offset 0 of the first line, and zero bytes beside each of its first characters)",
  "a NUL in the header": "a NUL byte at offset 3 of the first line",
};
const REFUSED_BY_ALL = Object.keys(FOUND) as Encoding[];

/** The DataError `run` throws (alone or first of DataErrors), or the value it returns. */
function outcome<T>(run: () => T): { error: DataError } | { value: T } {
  try {
    return { value: run() };
  } catch (e) {
    if (e instanceof DataErrors) return { error: e.errors[0] };
    if (e instanceof DataError) return { error: e };
    throw e;
  }
}

/** The error of an outcome, which must be one. */
function errorOf<T>(o: { error: DataError } | { value: T }, what: string): DataError {
  assert.ok("error" in o, `${what}: refused`);
  return o.error;
}

/** The value of an outcome, which must be one. */
function valueOf<T>(o: { error: DataError } | { value: T }, what: string): T {
  assert.ok("value" in o, `${what}: read (${"error" in o ? o.error.message : ""})`);
  return o.value;
}

test("the official import's detection refuses UTF-16, a NUL and CR-only line ends naming what it found; reads a UTF-8 BOM and Latin-1 bytes", () => {
  const file = "ees/b1.csv";
  const text = "time_period,time_identifier,geographic_level,country_code,country_name,old_la_code,new_la_code,la_name,value\n2024,Financial year,Local authority,E92000001,England,301,E09000002,Barking and D\u00e9genham,5\n";
  for (const encoding of REFUSED_BY_ALL) {
    const error = errorOf(outcome(() => detectSource(file, ENCODINGS[encoding](text))), encoding);
    assert.deepEqual([error.file, error.row, error.value], [file, 0, FOUND[encoding]], encoding);
    assert.match(error.message, /expected CSV text in UTF-8 with LF or CRLF line ends/);
  }
  const crOnly = errorOf(outcome(() => detectSource(file, ENCODINGS["CR-only line ends"](text))), "CR-only");
  assert.deepEqual([crOnly.row, crOnly.value], [0, "CR-only line ends (a CR at offset 108 not followed by LF)"]);
  for (const encoding of ["a UTF-8 byte order mark", "Latin-1 bytes in a name"] as const) assert.equal(valueOf(outcome(() => detectSource(file, ENCODINGS[encoding](text))), encoding).kind, "ees", encoding);
});

test("the pilot refuses a records file in UTF-16, with a NUL in its header or with CR-only line ends, naming it; reads a UTF-8 BOM and Latin-1 ids", () => {
  const text = `${RECORDS_HEADER}\n${["Ren\u00e9", "Ana", "Bo"].map((id, k) => `${id}01,${AREA_CODES[0]},2023,child_survey,trust_staff,${k + 3}`).join("\n")}\n`;
  const read = (bytes: Buffer) => {
    const dir = tempDir("vsw-csv-head-pilot-");
    fs.writeFileSync(path.join(dir, "records-child_survey.csv"), bytes);
    return outcome(() => importPilotRecords(findRecordFiles(dir), instruments(), AREA_CODES, { key: Buffer.from("a-test-key-for-csv-head-readers") }).respondents);
  };
  for (const encoding of REFUSED_BY_ALL) {
    const error = errorOf(read(ENCODINGS[encoding](text)), encoding);
    assert.deepEqual([path.basename(error.file), error.row, error.value], ["records-child_survey.csv", 0, FOUND[encoding]], encoding);
    assert.match(error.message, /expected a CSV file in UTF-8 \(save it again as CSV UTF-8\)/);
  }
  const crOnly = errorOf(read(ENCODINGS["CR-only line ends"](text)), "CR-only");
  assert.deepEqual([crOnly.row, crOnly.value], [0, `CR-only line ends (a CR at offset ${RECORDS_HEADER.length} not followed by LF)`]);
  assert.match(crOnly.message, /expected lines ending in a line feed/);
  for (const encoding of ["a UTF-8 byte order mark", "Latin-1 bytes in a name"] as const) assert.equal(valueOf(read(ENCODINGS[encoding](text)), encoding), 3, encoding);
});

test("the returns refuse an SSDA903 table in UTF-16 (found by its name or, decoded, by its CHILD column) or with a NUL in its header; read CR-only line ends and a UTF-8 BOM as LF; refuse a Latin-1 id naming its cell", () => {
  const dir = path.join(tempDir("vsw-csv-head-returns-"), "in");
  writeSyntheticReturns(dir, { seed: 11, las: [{ la: "E06000001", lookedAfterChildren: 30, cinChildren: 50, careLeaversPerYear: 5 }], firstYear: 2023, lastYear: 2023 });
  const header = path.join(dir, "E06000001", "2023", "header.csv");
  const lines = fs.readFileSync(header, "utf8").split("\n");
  lines[1] = lines[1].replace(/^([^,]*)/, "$1\u00e9");
  const text = lines.join("\n");
  const read = (bytes: Buffer, name = "header.csv") => {
    fs.rmSync(header, { force: true });
    fs.writeFileSync(path.join(path.dirname(header), name), bytes);
    const result = outcome(() => importReturns(dir, { key: Buffer.from("a-test-key-for-csv-head-readers") }).indicators);
    fs.rmSync(path.join(path.dirname(header), name));
    return result;
  };
  const asWritten = valueOf(read(Buffer.from(text)), "UTF-8");
  for (const encoding of REFUSED_BY_ALL) {
    // header.csv is a table by its name; children-2023.csv only by its CHILD column, read in the text's encoding
    for (const name of ["header.csv", ...(encoding.startsWith("UTF-16") ? ["children-2023.csv"] : [])]) {
      const error = errorOf(read(ENCODINGS[encoding](text), name), `${encoding}, ${name}`);
      assert.deepEqual([error.file, error.row, error.value], [path.join("E06000001", "2023", name), 0, FOUND[encoding]], `${encoding}, ${name}`);
      assert.match(error.message, /expected the header row of an SSDA903 Header table \(CHILD, SEX, DOB …, comma-separated, UTF-8\): save it as CSV UTF-8$/);
    }
  }
  for (const encoding of ["CR-only line ends", "a UTF-8 byte order mark"] as const) assert.deepEqual(valueOf(read(ENCODINGS[encoding](text)), encoding), asWritten, encoding);
  const latin1 = errorOf(read(ENCODINGS["Latin-1 bytes in a name"](text)), "Latin-1");
  assert.deepEqual([latin1.row, latin1.column], [1, "CHILD"]);
  assert.match(latin1.message, /got "byte 0xe9 at offset \d+", expected UTF-8 text/);
});

test("add refuses a table in UTF-16 or with a NUL in its header (it had called UTF-16 Latin-1 and dropped the NUL from a column's name); reads CR-only line ends and a UTF-8 BOM as LF; refuses a Latin-1 name naming its cell", () => {
  const pkg = readPackage(writeFixturePackage());
  const text = "la_code,period,D\u00e9penses\nE06000023,2022,45\nE08000013,2022,50\n";
  const plan = (bytes: Buffer) => {
    const file = tempFile("own.csv", bytes);
    return outcome(() => planOwnData(pkg, file, { metadata: { unit: "percent", polarity: "up", domain: "workforce" } }).content.indicators.filter((r) => r.indicator === "depenses"));
  };
  const asWritten = valueOf(plan(Buffer.from(text)), "UTF-8");
  assert.equal(asWritten.length, 2);
  for (const encoding of REFUSED_BY_ALL) {
    const error = errorOf(plan(ENCODINGS[encoding](text)), encoding);
    assert.deepEqual([path.basename(error.file), error.row, error.value], ["own.csv", 0, FOUND[encoding]], encoding);
    assert.match(error.message, /expected UTF-8 text \(save the file as CSV UTF-8; in Excel, Save As "CSV UTF-8 \(Comma delimited\)"\)$/);
  }
  for (const encoding of ["CR-only line ends", "a UTF-8 byte order mark"] as const) assert.deepEqual(valueOf(plan(ENCODINGS[encoding](text)), encoding), asWritten, encoding);
  const latin1 = errorOf(plan(ENCODINGS["Latin-1 bytes in a name"](text)), "Latin-1");
  assert.deepEqual([latin1.row, latin1.column], [0, "field 3"]);
  assert.match(latin1.message, /got "byte 0xe9 at offset 16", expected UTF-8 text/);
});

test("add refuses a metadata sidecar in UTF-16 as it refuses the table", () => {
  const pkg = readPackage(writeFixturePackage());
  const table = tempFile("own.csv", "la_code,period,spend\nE06000023,2022,45\n");
  const sidecar = tempFile("own.meta.csv", Buffer.from("indicator,unit,polarity,domain\nspend,count,none,workforce\n", "utf16le"));
  const error = errorOf(outcome(() => planOwnData(pkg, table, { metadataFile: sidecar })), "sidecar");
  assert.deepEqual([error.file, error.row, error.value], [sidecar, 0, FOUND["UTF-16 LE without a byte order mark"]]);
});
