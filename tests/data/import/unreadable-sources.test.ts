/**
 * A file of a source's type that cannot be read is an error naming it and what is wrong, not an "unknown" file
 * skipped with its rows (round 18: a truncated LAIT parquet, a workbook with no readable sheet list, a UTF-16, CR-only,
 * header-only or oversize CSV each lost a source's rows with exit 0). Files that are not sources stay unknown.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { csvTextProblem, detectSource } from "../../../lib/data/import/detect";
import { MAX_SOURCE_FILE_BYTES } from "../../../lib/data/import/source-files";
import { odsFromSheets, odsFromTables } from "../../helpers/ods";
import { tempDir } from "../../helpers/temp-dirs";

const EES_HEADER = "time_period,time_identifier,geographic_level,country_code,country_name,old_la_code,new_la_code,la_name,value";
const EES_ROW = "2024,Financial year,Local authority,E92000001,England,301,E09000002,Barking and Dagenham,5";
const LOOKUP = "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note\n301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,\n";

/** Whether `run` throws a DataError naming `file` whose message matches every pattern. */
function throwsDataError(run: () => unknown, file: string, ...patterns: RegExp[]): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.file, file);
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

const bytes = (text: string) => Buffer.from(text, "latin1");

test("a .parquet with PAR1 at one end only is a Parquet file cut short or damaged: an error naming it, its size and its ends", () => {
  const file = "lait/bds_long_0.parquet";
  throwsDataError(() => detectSource(file, bytes("PAR1\x15\x04 the rest was lost")), file, /24 bytes, starting with the bytes 50 41 52 31 and ending with 6c 6f 73 74/, /cut short or damaged/, /remove it from the folder if it is not a source/);
  throwsDataError(() => detectSource(file, bytes("\x15\x04 the start was lost PAR1")), file, /ending with 50 41 52 31/);
  throwsDataError(() => detectSource(file, bytes("PAR1")), file, /4 bytes/);
  throwsDataError(() => detectSource(file, bytes("PAR1PAR1")), file, /8 bytes/, /at least 12 bytes/);
  assert.equal(detectSource(file, bytes("PAR1\x00\x00\x00\x00PAR1")).kind, "lait-parquet");
});

test("a .parquet with PAR1 at neither end is not Parquet at all: unknown, its reason naming both ends without contradiction", () => {
  const d = detectSource("lait/page.parquet", bytes("<html>not found</html>"));
  assert.equal(d.kind, "unknown");
  assert.equal(d.reason, 'not a Parquet file (a Parquet file starts and ends with the bytes "PAR1"; this one starts "<htm" and ends "tml>")');
});

test("an .ods whose content.xml holds no sheet is a corrupt archive: an error, not an unknown workbook", () => {
  throwsDataError(() => detectSource("ofsted/outcomes.ods", odsFromTables("")), "ofsted/outcomes.ods", /column "content\.xml": got "no sheets"/, /corrupt archive/, /remove it from the folder if it is not a source/);
  assert.equal(detectSource("notes.ods", odsFromSheets({ Notes: [["a"]] })).kind, "unknown", "a readable workbook that is no source stays unknown");
});

test("an .xlsx whose workbook part lists no sheet is a corrupt archive: an error, not an unknown workbook", () => {
  const xlsx = (sheets: string) => zipSync({ "xl/workbook.xml": strToU8(`<?xml version="1.0"?><workbook><sheets>${sheets}</sheets></workbook>`) });
  throwsDataError(() => detectSource("iod/File_11.xlsx", xlsx('<sheetx name="IMD" sheetId="1" r:id="rId1"/>')), "iod/File_11.xlsx", /column "xl\/workbook\.xml": got "no sheets"/, /corrupt archive/);
  assert.equal(detectSource("mine.xlsx", xlsx('<sheet name="Notes" sheetId="1" r:id="rId1"/>')).kind, "unknown");
});

test("a CSV in UTF-16 or UTF-32, with a NUL in its first line or with CR-only line ends is an error saying how to save it", () => {
  const file = "ees/b1.csv";
  const text = `${EES_HEADER}\n${EES_ROW}\n`;
  const cases: [Uint8Array, RegExp][] = [
    [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), /UTF-16 \(little-endian\) byte order mark/],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]), /UTF-16 \(big-endian\) byte order mark/],
    [Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), /UTF-32 \(little-endian\) byte order mark/],
    [Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x61]), /UTF-32 \(big-endian\) byte order mark/],
    [Buffer.from(text, "utf16le"), /a NUL byte at offset 1 of the first line/],
    [bytes(text.replaceAll("\n", "\r")), /CR-only line ends \(a CR at offset 108 not followed by LF\)/],
  ];
  for (const [b, problem] of cases) throwsDataError(() => detectSource(file, b), file, /row 0/, problem, /expected CSV text in UTF-8 with LF or CRLF line ends \(save it so, or remove it from the folder if it is not a source\)/);
  for (const lineEnd of ["\n", "\r\n"]) assert.equal(detectSource(file, bytes(`\uFEFF${EES_HEADER}${lineEnd}${EES_ROW}${lineEnd}`.replace("\uFEFF", "\xef\xbb\xbf"))).kind, "ees");
  assert.equal(csvTextProblem(bytes("a,b\r")), undefined, "a CR as the last byte ends a header-only file");
  assert.equal(csvTextProblem(bytes("a,b\r\n1,2\r3,4\n")), undefined, "only the first line is looked at");
});

test("a source CSV with a header and no rows is an error; a header-only file that is no source is not", () => {
  const file = "ees/b1.csv";
  for (const after of ["", "\n", "\r\n", "\r\n\r\n\n"]) throwsDataError(() => detectSource(file, bytes(`${EES_HEADER}${after}`)), file, /row 1: got "\(end of file\)"/, /data rows after the header, which is a source's \(ees;/);
  assert.equal(detectSource(file, bytes(`${EES_HEADER}\n\n${EES_ROW}`)).kind, "ees");
  assert.equal(detectSource("notes.csv", bytes("note,text\n")).kind, "unknown");
  assert.equal(detectSource("neighbours.csv", bytes("LA,SN1,SN2\n")).kind, "not-imported");
});

test("import: a CSV over the size limit whose header is a source's is an error naming it; one whose header is no source's is skipped and logged", async () => {
  const { importOfficial } = await import("../../../lib/data/import/import-official");
  const src = tempDir("vsw-oversize-");
  fs.writeFileSync(path.join(src, "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  const big = path.join(src, "b1.csv");
  fs.writeFileSync(big, `${EES_HEADER}\n${EES_ROW}\n`);
  fs.truncateSync(big, MAX_SOURCE_FILE_BYTES + 1); // sparse: the rest reads as NUL bytes
  await assert.rejects(importOfficial([src], { created: "2026-01-01T00:00:00Z" }), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.file, big);
    assert.match(e.message, /got "67108865 bytes", expected a source file of at most 67108864 bytes \(its header is a source's, ees,/);
    return true;
  });
  fs.writeFileSync(big, "note,text\nsome,notes\n");
  fs.truncateSync(big, MAX_SOURCE_FILE_BYTES + 1);
  const r = await importOfficial([src], { created: "2026-01-01T00:00:00Z" });
  assert.ok(r.log.some((e) => e.file === big && e.action === "skipped-file" && /larger than 67108864 bytes/.test(e.rule)));
  fs.rmSync(src, { recursive: true });
});
