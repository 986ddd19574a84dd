/**
 * Damaged record and areas files given to `vital-signs pilot` (a round-18 review, /tmp/fuzz18/pilv): an empty,
 * header-only or UTF-16 records file was left out and the import succeeded without that instrument's indicators; a
 * repeated LA code and CR-only line ends were refused without naming what to fix. Each is now refused, named.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { tallyPilotRecords } from "../../lib/pilot/tally-records";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { instruments } from "./helpers";

const RECORDS = path.join(__dirname, "..", "..", "datasets", "pilot-records-synthetic");
const CHILD = "records-child_survey.csv";

/** The synthetic pilot folder with one file replaced; runs the pilot command on it. */
async function pilotWith(name: string, bytes: Uint8Array | string): Promise<{ code: number; err: string; out: string; file: string }> {
  const dir = tempDir("vsw-pilot-damaged-");
  for (const f of fs.readdirSync(RECORDS)) fs.copyFileSync(path.join(RECORDS, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, name), bytes);
  const out = path.join(tempDir("vsw-pilot-damaged-out-"), "out");
  const c = capture();
  const code = await main(["pilot", dir, "--instruments", path.join(dir, "instruments.json"), "--out", out, "--ephemeral-key"], c.io);
  return { code, err: c.err.join(""), out, file: path.join(dir, name) };
}

test("an empty records file is refused, named, not left out", async () => {
  const r = await pilotWith(CHILD, "");
  assert.equal(r.code, 1);
  assert.ok(r.err.includes(`${r.file}, row 0: got "an empty file", expected a record CSV with a header and records`), r.err);
  assert.equal(fs.existsSync(r.out), false);
});

test("a records file with a header and no records is refused, named", async () => {
  const r = await pilotWith(CHILD, "respondent_id,la_code,period,instrument,item,response\n");
  assert.equal(r.code, 1);
  assert.ok(r.err.includes(`${r.file}, row 1: expected records after the header (this file has none`), r.err);
  // the same without a final line feed
  assert.match((await pilotWith(CHILD, "respondent_id,la_code,period,instrument,item,response")).err, /row 1: expected records after the header/);
});

test("a records file saved as UTF-16 is refused, named, with what to do", async () => {
  const text = fs.readFileSync(path.join(RECORDS, CHILD), "utf8");
  const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const r = await pilotWith(CHILD, withBom);
  assert.equal(r.code, 1);
  assert.ok(r.err.includes(`${r.file}, row 0: got "a UTF-16 (little-endian) byte order mark (FF FE)", expected a CSV file in UTF-8 (save it again as CSV UTF-8)`), r.err);
  // big-endian without a byte-order mark
  assert.match((await pilotWith(CHILD, Buffer.from(text, "utf16le").swap16())).err, /got "UTF-16 \(big-endian\) text without a byte order mark \(a NUL byte at offset 0 of the first line/);
});

test("a records file whose lines end in CR alone is refused saying so, however large", async () => {
  const text = fs.readFileSync(path.join(RECORDS, CHILD), "utf8");
  const cr = text.replace(/\r?\n/g, "\r");
  assert.ok(cr.length > 65536, "the file is larger than a record may be");
  const r = await pilotWith(CHILD, cr);
  assert.equal(r.code, 1);
  assert.ok(r.err.includes(`${r.file}, row 0: got "CR-only line ends (a CR at offset 53 not followed by LF)", expected lines ending in a line feed (LF or CR LF): this file's lines end in a carriage return (CR) alone`), r.err);
  // records in memory (no folder scan): the tally says the same, at the first row's CR, instead of "is a closing quote missing?"
  const header = "respondent_id,la_code,period,instrument,item,response\n";
  const big = Buffer.from(header + "r,E06900001,2023,case_audit,plan_quality,3\r".repeat(2000));
  assert.throws(() => tallyPilotRecords([{ file: "r.csv", bytes: big }], instruments(), ["E06900001"]), /r\.csv, row 1: got "CR-only line ends \(a CR at offset 96 not followed by LF\)", expected lines ending in a line feed/);
});

test("a records file whose rows end in CR alone after an LF header is refused naming the row and byte offset, not read short", async () => {
  // a review's file (rows 100–199 ending in CR alone) was read with 99 records fewer and exit 0
  const lines = fs.readFileSync(path.join(RECORDS, CHILD), "utf8").split("\n");
  const text = lines.map((line, i) => line + (i === lines.length - 1 ? "" : i >= 100 && i < 200 ? "\r" : "\n")).join("");
  const r = await pilotWith(CHILD, text);
  assert.equal(r.code, 1);
  const offset = lines.slice(0, 100).reduce((sum, line) => sum + line.length + 1, 0) + lines[100].length;
  assert.ok(r.err.includes(`${r.file}, row 100: got "CR-only line ends (a CR at offset ${offset} not followed by LF)", expected lines ending in a line feed (LF or CR LF)`), r.err);
  assert.equal(fs.existsSync(r.out), false);
});

describe("a records file whose header names the columns otherwise is refused with the header it has, not left out", () => {
  // a review's child-survey file headed Respondent_ID, "respondent id", or with a first column of 600 bytes (respondent_id
  // past the 512 bytes looked at) was left out: its 3,280 records gone, exit 0
  const text = fs.readFileSync(path.join(RECORDS, CHILD), "utf8");
  const header = text.slice(0, text.indexOf("\n"));

  for (const name of ["Respondent_ID", "respondent id", "RESPONDENT-ID"]) {
    test(`headed ${name}`, async () => {
      const r = await pilotWith(CHILD, text.replace("respondent_id", name));
      assert.equal(r.code, 1);
      assert.ok(r.err.includes(`${r.file}, row 0, column "${name}": got "${name}", expected the column name "respondent_id" written exactly so (lower case, words joined by "_")`), r.err);
      assert.equal(fs.existsSync(r.out), false);
    });
  }

  test("with a long first column that puts respondent_id past the first 512 bytes", async () => {
    const extra = "x".repeat(600);
    const lines = text.trimEnd().split("\n");
    const r = await pilotWith(CHILD, [`${extra},${lines[0]}`, ...lines.slice(1).map((l) => `,${l}`)].join("\n") + "\n");
    assert.equal(r.code, 1);
    assert.ok(r.err.includes(`${r.file}, row 0, column "${extra}": got "${extra.slice(0, 200)}`), r.err);
    assert.equal(fs.existsSync(r.out), false);
  });

  test("named records-*.csv with none of the record columns", async () => {
    const r = await pilotWith("records-extra.csv", "id,area,year,question,answer\n1,E06000001,2023,q1,4\n");
    assert.equal(r.code, 1);
    assert.ok(r.err.includes(`${r.file}, row 0, column "id": got "id", expected only the columns ${header.split(",").join(", ")}`), r.err);
  });

  test("whose header line is longer than 64 KiB", async () => {
    const r = await pilotWith("records-wide.csv", `${"c,".repeat(40000)}respondent_id\n`);
    assert.equal(r.code, 1);
    assert.ok(r.err.includes(`${r.file}, row 0: got "no line end in the first 65536 bytes", expected a header line of at most 65536 bytes`), r.err);
  });

  test("while the LA list and other tables beside the records are still not read as records", async () => {
    const r = await pilotWith("la-context.csv", "la_code,period,value\nE06000001,2023,4\n");
    assert.equal(r.code, 0, r.err);
  });
});

test("an LA code listed twice in areas.csv is refused naming the file, the row and the code", async () => {
  const areas = fs.readFileSync(path.join(RECORDS, "areas.csv"), "utf8").trimEnd().split("\n");
  const r = await pilotWith("areas.csv", [...areas, areas[1].replace(/,([^,]*),/, ",$1 again,")].join("\n") + "\n");
  assert.equal(r.code, 1);
  const code = areas[1].split(",")[0];
  assert.ok(r.err.includes(`${r.file}, row ${areas.length}, column "la_code": got "${code}", expected each LA code once (also on row 1)`), r.err);
});

test("blank lines and rows of empty cells in areas.csv are skipped; a row with cells but no LA code is refused naming its row", async () => {
  const areas = fs.readFileSync(path.join(RECORDS, "areas.csv"), "utf8").trimEnd().split("\n");
  const width = areas[0].split(",").length;
  // a blank line in the middle and Excel's ",,,,,," row at the end had been "got '1 fields'" and a failure at "writing package"
  const skipped = await pilotWith("areas.csv", [areas[0], areas[1], "", ...areas.slice(2), ",".repeat(width - 1), ""].join("\n") + "\n");
  assert.equal(skipped.code, 0, skipped.err);
  const noCode = await pilotWith("areas.csv", [...areas, `,Somewhere${",".repeat(width - 2)}`].join("\n") + "\n");
  assert.equal(noCode.code, 1);
  assert.ok(noCode.err.includes(`${noCode.file}, row ${areas.length}, column "la_code": got "", expected an LA code (a row with other cells but no code)`), noCode.err);
  assert.equal(fs.existsSync(noCode.out), false);
});

test("a record or an areas row of one field says '1 field', and an areas row names the separator a one-field header holds (round 26)", async () => {
  const r = await pilotWith(CHILD, "respondent_id,la_code,period,instrument,item,response\nx\n");
  assert.equal(r.code, 1);
  assert.ok(r.err.includes(`${r.file}, row 1: got "1 field", expected 6 fields as in the header`), r.err);
  const a = await pilotWith("areas.csv", "la_code;la_name\nE06000001;Hartlepool,x\n");
  assert.equal(a.code, 1);
  assert.match(a.err, /areas\.csv, row 1: got "2 fields", expected 1 field as in the header: read with commas as the separator, the header is one field, holding 1 semicolon \(;\)/);
});
