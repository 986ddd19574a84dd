import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { discoverReturns, laFromPath, yearFromPath } from "../../lib/returns/discover";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { SSDA903_COLUMNS, detectSsda903Table, type Ssda903Table } from "../../lib/returns/ssda903-tables";
import { tempDir, writeCsv } from "./helpers";

test("every SSDA903 table is recognised by its columns, whatever the file is called", () => {
  for (const [table, cols] of Object.entries(SSDA903_COLUMNS) as [Ssda903Table, readonly string[]][]) {
    assert.equal(detectSsda903Table("export1.csv", cols)?.table, table, table);
  }
  assert.equal(detectSsda903Table("export1.csv", ["CHILD", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"])?.table, "SWEpisodes");
});

test("a file with too few columns is recognised by its name; an unrelated CSV is not a table", () => {
  assert.equal(detectSsda903Table("SSDA903_Episodes_2023.csv", ["CHILD", "FOO"])?.table, "Episodes");
  assert.equal(detectSsda903Table("903_SocialWorker.csv", ["CHILD"])?.table, "SWEpisodes");
  assert.equal(detectSsda903Table("placed_for_adoption.csv", ["CHILD"])?.table, "PlacedAdoption");
  assert.equal(detectSsda903Table("budget.csv", ["LINE", "AMOUNT"]), null);
});

test("the collection year and LA come from the path", () => {
  assert.equal(yearFromPath("E09000001/2022-23/header.csv"), 2023);
  assert.equal(yearFromPath("E09000001/202223/header.csv"), 2023);
  assert.equal(yearFromPath("903_header_2023.csv"), 2023);
  assert.equal(yearFromPath("header.csv"), null);
  assert.equal(laFromPath("returns/E08000025/2023/ep.csv"), "E08000025");
  assert.equal(laFromPath("returns/2023/ep.csv"), null);
});

test("discoverReturns lists 903 tables and CIN census files, and logs files it does not read", () => {
  const dir = tempDir();
  writeCsv(path.join(dir, "E09000001", "2023"), "Header.csv", SSDA903_COLUMNS.Header, []);
  writeCsv(path.join(dir, "E09000001", "2023"), "ReviewsTable.csv", SSDA903_COLUMNS.Reviews, []);
  fs.writeFileSync(path.join(dir, "E09000001", "2023", "cin.xml"), "<Message><Header><CollectionDetails><Collection>CIN</Collection><ReferenceDate>2023-03-31</ReferenceDate></CollectionDetails></Header><Children></Children></Message>");
  fs.writeFileSync(path.join(dir, "E09000001", "2023", "annex_a.xlsx"), "not really a workbook");
  fs.writeFileSync(path.join(dir, "notes.txt"), "hello");
  const log = new ReturnsImportLog();
  const found = discoverReturns(dir, log);
  assert.deepEqual(found.ssda903.map((f) => [f.table, f.la, f.year]), [["Header", "E09000001", 2023], ["Reviews", "E09000001", 2023]]);
  assert.deepEqual(found.cin.map((f) => [f.la, f.year]), [["E09000001", 2023]]);
  assert.deepEqual(found.annexA.map((f) => [f.name, f.la, f.year]), [[path.join("E09000001", "2023", "annex_a.xlsx"), "E09000001", 2023]]);
  assert.deepEqual(log.entries().map((e) => e.action).sort(), ["unknown-file"]);
});

test("an SSDA903 table saved as a workbook is named as that, with what to do (a user trial, round 27: 'not a return this command reads', then 'no Header table')", () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, "E09000001", "2023"), { recursive: true });
  fs.writeFileSync(path.join(dir, "E09000001", "2023", "header.xlsx"), "a workbook");
  fs.writeFileSync(path.join(dir, "E09000001", "2023", "notes.xlsx"), "a workbook");
  const log = new ReturnsImportLog();
  discoverReturns(dir, log);
  assert.deepEqual(log.entries().map((e) => [path.basename(e.file), e.rule]).sort(), [
    ["header.xlsx", "not read: an SSDA903 Header table saved as a workbook (this command reads SSDA903 tables as CSV: save it as CSV UTF-8)"],
    ["notes.xlsx", "not a return this command reads"],
  ]);
});

test("an Episodes table without a Header for its LA and year is skipped and logged, not guessed at", async () => {
  const { importReturns } = await import("../../lib/returns/import-returns");
  const { EPISODE_COLS, episodeRow, TEST_KEY } = await import("./helpers");
  const dir = tempDir();
  writeCsv(path.join(dir, "E09000001", "2023"), "episodes.csv", EPISODE_COLS, [episodeRow("A", "01/05/2022", "S", "C2", "U1")]);
  const r = importReturns(dir, { key: TEST_KEY });
  assert.equal(r.indicators.length, 0);
  assert.ok(r.log.entries().some((e) => e.action === "skipped-file" && /no Header table/.test(e.rule)));
});

test("a UTF-16 census is listed as a census (with its byte-order mark or without, either byte order), for its reader to refuse as UTF-16", () => {
  const xml = "<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header><Children></Children></Message>";
  const little = Buffer.from(xml, "utf16le");
  const big = Buffer.from(little).swap16();
  const mark = (order: Buffer, first: number, second: number) => Buffer.concat([Buffer.from([first, second]), order]);
  const documents: [string, Buffer][] = [["little-endian", little], ["big-endian", big], ["marked little-endian", mark(little, 0xff, 0xfe)], ["marked big-endian", mark(big, 0xfe, 0xff)]];
  for (const [name, bytes] of documents) {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "E09000001", "2023"), { recursive: true });
    fs.writeFileSync(path.join(dir, "E09000001", "2023", "cin.xml"), bytes);
    const log = new ReturnsImportLog();
    assert.deepEqual(discoverReturns(dir, log).cin.map((f) => [f.la, f.year]), [["E09000001", 2023]], name);
    assert.deepEqual(log.entries(), [], name);
  }
});
