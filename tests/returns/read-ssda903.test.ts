import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors } from "../../lib/errors";
import { pseudonymise } from "../../lib/pilot/pseudonymise";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { readPopulationCsv } from "../../lib/returns/import-returns";
import { csvLines, decodeCsvUtf8 } from "../../lib/returns/csv-rows";
import { readSsda903, type Ssda903File } from "../../lib/returns/read-ssda903";
import { tempDir } from "../helpers/temp-dirs";
import { EPISODE_COLS, HEADER_COLS, OC3_COLS, TEST_KEY, episodeRow, headerRow } from "./helpers";

const LA = "E09000001";

/** Header and Episodes tables of two children, written as `encoding`'s bytes (with a UTF-8 byte-order mark if `bom`). */
function writeTables(children: readonly string[], encoding: "latin1" | "utf8", bom = false): Ssda903File[] {
  const dir = tempDir("vsw-ssda903-");
  const csv = (header: readonly string[], rows: string[][]) => [header.join(","), ...rows.map((r) => r.join(","))].join("\r\n") + "\r\n";
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, encoding)]));
    return file;
  };
  const header = write("Header.csv", csv(HEADER_COLS, children.map((c) => headerRow(c, "01/05/2012"))));
  const episodes = write("Episodes.csv", csv(EPISODE_COLS, children.map((c) => episodeRow(c, "01/06/2022", "S", "C2", "U1"))));
  return [
    { path: header, name: "Header.csv", la: LA, year: 2023, table: "Header" },
    { path: episodes, name: "Episodes.csv", la: LA, year: 2023, table: "Episodes" },
  ];
}

/** The error reading the files throws (its message), or null. */
function errorOf(files: Ssda903File[]): DataError | null {
  try {
    readSsda903(files, TEST_KEY, new ReturnsImportLog());
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  return null;
}

test("a CHILD id saved as Latin-1 (Excel's plain CSV) is an error naming file, row, column and byte, not a replaced id; the id is not in it", () => {
  const error = errorOf(writeTables(["N0000001", "N000000\u00e9", "N000000\u00e8"], "latin1"));
  assert.ok(error !== null, "an error");
  assert.equal(error.file, "Header.csv");
  assert.equal(error.row, 2);
  assert.equal(error.column, "CHILD");
  assert.match(error.message, /^Header\.csv, row 2, column "CHILD": got "byte 0xe9 at offset \d+", expected UTF-8 .*CSV UTF-8/);
  assert.doesNotMatch(error.message, /N000000/);
});

test("a Latin-1 byte in another cell is an error naming that cell's column", () => {
  const files = writeTables(["N0000001", "N0000002"], "utf8");
  const episodes = fs.readFileSync(files[1].path, "latin1").replace("PR1", "PR\u00e91");
  fs.writeFileSync(files[1].path, Buffer.from(episodes, "latin1"));
  const error = errorOf(files);
  assert.ok(error !== null, "an error");
  assert.deepEqual([error.file, error.row, error.column], ["Episodes.csv", 1, "PLACE_PROVIDER"]);
  assert.match(error.message, /got "byte 0xe9 at offset \d+"/);
});

test("non-ASCII ids in UTF-8 are read exactly (é and è two children), with a byte-order mark or without", () => {
  const ids = ["N0000001", "N000000\u00e9", "N000000\u00e8"];
  const plain = readSsda903(writeTables(ids, "utf8"), TEST_KEY, new ReturnsImportLog()).get(LA)![0];
  assert.deepEqual([...plain.episodes.keys()].sort(), ids.map((id) => pseudonymise(`${LA}/${id}`, TEST_KEY)).sort());
  const withMark = readSsda903(writeTables(ids, "utf8", true), TEST_KEY, new ReturnsImportLog()).get(LA)![0];
  assert.deepEqual(withMark, plain);
});

test("a population CSV that is not UTF-8 is an error naming the file and the byte; one with a byte-order mark reads as without", () => {
  const dir = tempDir("vsw-population-");
  const file = path.join(dir, "population.csv");
  const text = "la_code,period,population,note\r\nE09000001,2023,1500,Caf\u00e9\r\n";
  fs.writeFileSync(file, Buffer.from(text, "latin1"));
  assert.throws(() => readPopulationCsv(file), (e: Error) => e instanceof DataError && /population\.csv, row 1, column "note": got "byte 0xe9 at offset \d+", expected UTF-8/.test(e.message));
  fs.writeFileSync(file, Buffer.from(text, "utf8"));
  const plain = readPopulationCsv(file);
  assert.deepEqual([...plain], [["E09000001|2023", 1500]]);
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
  assert.deepEqual(readPopulationCsv(file), plain);
});

test("decodeCsvUtf8 names the column of a bad byte after quoted cells holding commas, the row after blank lines, and no column in the header", () => {
  const errorAt = (text: string) => {
    try {
      decodeCsvUtf8(Buffer.from(text, "latin1"), "t.csv");
    } catch (e) {
      if (e instanceof DataError) return [e.row, e.column, e.value];
      throw e;
    }
    return null;
  };
  assert.deepEqual(errorAt('CHILD,"NAME, FULL",SEX\r\n"A,1","B,""2"",3",N\u00e9\r\n'), [1, "SEX", "byte 0xe9 at offset 43"]);
  assert.deepEqual(errorAt('CHILD,SEX\n\nA,1\n\n"N,\u00e9",2\n'), [4, "CHILD", "byte 0xe9 at offset 19"]);
  assert.deepEqual(errorAt("CH\u00c9LD,SEX\nA,1\n"), [0, undefined, "byte 0xc9 at offset 2"]);
  assert.equal(errorAt("CHILD,SEX\nN\u00c3\u00a9,1\n"), null); // é as its UTF-8 bytes C3 A9
});

test("csvLines reads a table with lone CR line ends (classic Mac) as with LF or CRLF: the same header and rows, the same row numbers", () => {
  const lf = "CHILD,SEX\nA,1\n\nB,2\n";
  assert.deepEqual(csvLines(lf.replace(/\n/g, "\r")), csvLines(lf));
  assert.deepEqual(csvLines(lf.replace(/\n/g, "\r\n")), csvLines(lf));
  assert.deepEqual(csvLines("CHILD,SEX\rA,1\r").rows, [{ row: 1, cells: ["A", "1"], raw: "A,1" }]);
});

test("decodeCsvUtf8 numbers the rows of a CR-only table as csvLines does, and names the column from its header", () => {
  try {
    decodeCsvUtf8(Buffer.from("CHILD,SEX\rA,1\r\rN\u00e9,2\r", "latin1"), "t.csv");
    assert.fail("a Latin-1 byte was accepted");
  } catch (e) {
    assert.ok(e instanceof DataError);
    assert.deepEqual([e.row, e.column, e.value], [3, "CHILD", "byte 0xe9 at offset 16"]);
  }
});

test("a population CSV giving an LA and year twice is an error naming the file, both rows, the LA and the year, not the last row winning", () => {
  const file = path.join(tempDir("vsw-population-"), "population.csv");
  fs.writeFileSync(file, "la_code,period,population\nE06000001,2023,51940\nE06000002,2023,40000\nE06000001,2023,99999\nE06000001,2024,52000\n");
  assert.throws(
    () => readPopulationCsv(file),
    (e: unknown) => e instanceof DataErrors && e.errors.length === 1 && e.errors[0].message === `${file}, row 3, column "period": got "2023", expected one row per LA and year: E06000001 2023 is in row 1 too`,
  );
});

/** LA's 2023 Header (children A and B) and Episodes tables written into `dir` (each call overwrites them). */
function headerAndEpisodes(dir: string, episodes: string[][]): Ssda903File[] {
  const write = (name: string, header: readonly string[], rows: string[][]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, [header.join(","), ...rows.map((r) => r.join(","))].join("\n") + "\n");
    return file;
  };
  return [
    { path: write("header.csv", HEADER_COLS, [headerRow("A", "01/05/2012"), headerRow("B", "01/05/2013")]), name: "header.csv", la: LA, year: 2023, table: "Header" },
    { path: write("episodes.csv", EPISODE_COLS, episodes), name: "episodes.csv", la: LA, year: 2023, table: "Episodes" },
  ];
}

test("a year's Episodes whose episodes all began before the year and are still open is read (a few children in one placement all year); one with an episode ended before the year and nothing since is refused", () => {
  const dir = tempDir("vsw-ssda903-");
  const files = (episodes: string[][]) => headerAndEpisodes(dir, episodes);
  const open = files([episodeRow("A", "01/05/2019", "S", "C2", "U1"), episodeRow("B", "01/06/2020", "S", "C2", "U1")]);
  assert.deepEqual([...readSsda903(open, TEST_KEY, new ReturnsImportLog()).get(LA)![0].years], [2023]);
  const ended = files([episodeRow("A", "01/05/2019", "S", "C2", "U1"), episodeRow("B", "01/06/2020", "S", "C2", "U1", "15/03/2022", "E11")]);
  const error = errorOf(ended);
  assert.equal(error?.file, "episodes.csv");
  assert.equal(error?.value, "the latest start or end in 2021-22");
});

test("a year's Episodes whose episodes all start after its 31 March is refused as a later year's; one starting after it beside one ending in the year is read", () => {
  const dir = tempDir("vsw-ssda903-");
  const files = (episodes: string[][]) => headerAndEpisodes(dir, episodes);
  const later = errorOf(files([episodeRow("A", "01/05/2023", "S", "C2", "U1"), episodeRow("B", "01/06/2023", "S", "C2", "U1", "15/09/2023", "E11")]));
  assert.equal(later?.file, "episodes.csv");
  assert.equal(later?.value, "the latest start in 2023-24");
  assert.match(later?.message ?? "", /none ends in 2022-23 or before, and 2 started after it ended \(a 2022-23 return does not list them\), so this is a later year's table/);
  // a mistyped start after the year does not make a table of the year's ends another year's (the row readers see to it)
  const mistyped = files([episodeRow("A", "01/05/2023", "S", "C2", "U1"), episodeRow("B", "01/06/2022", "S", "C2", "U1", "15/09/2022", "E11")]);
  assert.deepEqual([...readSsda903(mistyped, TEST_KEY, new ReturnsImportLog()).get(LA)![0].years], [2023]);
});

test("an OC3 table is another year's when a date of birth is outside the year's cohort and every one fits another year's; a mistyped one among the year's ages is read", () => {
  const dir = tempDir("vsw-ssda903-");
  const write = (name: string, header: readonly string[], rows: string[][]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, [header.join(","), ...rows.map((r) => r.join(","))].join("\n") + "\n");
    return file;
  };
  const files = (leavers: string[][]): Ssda903File[] => [
    { path: write("header.csv", HEADER_COLS, [headerRow("A", "01/05/2012")]), name: "header.csv", la: LA, year: 2023, table: "Header" },
    { path: write("episodes.csv", EPISODE_COLS, [episodeRow("A", "01/05/2022", "S", "C2", "U1")]), name: "episodes.csv", la: LA, year: 2023, table: "Episodes" },
    { path: write("oc3.csv", OC3_COLS, leavers), name: "oc3.csv", la: LA, year: 2023, table: "OC3" },
  ];
  const leaver = (id: string, dob: string) => [id, dob, "YES", "F1", "D1"];
  // birthdays in 2022-23 at 17 (June 2022) and 21 (March 2023): the two ends of the cohort pin the year
  const ofTheYear = [leaver("L17", "10/06/2005"), leaver("L19", "10/06/2003"), leaver("L21", "10/03/2002")];
  assert.equal(errorOf(files(ofTheYear)), null);
  // 2023-24's care leavers, one a year younger each: the one turning 16 in 2022-23 is outside its cohort
  const nextYears = [leaver("L17", "10/06/2006"), leaver("L19", "10/06/2004"), leaver("L21", "10/03/2003")];
  const error = errorOf(files(nextYears));
  assert.equal(error?.file, "oc3.csv");
  assert.equal(error?.column, "DOB");
  assert.equal(error?.value, "dates of birth that fit 2023-24, not 2022-23");
  assert.match(error?.message ?? "", /1 of its 3 dates of birth is outside that year's, and every one fits 2023-24's, so this is a later year's table; move it to the folder of its year \(or, if those rows are of this year, correct their dates of birth\)/);
  // the year's table with one date of birth mistyped a year late: no year fits every one, so the rows are read
  assert.equal(errorOf(files([...ofTheYear, leaver("TYPO", "10/06/2006")])), null);
});
