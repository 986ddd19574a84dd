/**
 * Record files that are not UTF-8 (a survey export saved as Excel's plain "CSV", Windows-1252): no reader may
 * replace a byte by U+FFFD, which would make two respondents whose ids differ in one byte one respondent, or
 * silently change a cell. The streamed tally compares and hashes bytes as they are, so it keeps them apart; the
 * readers that decode text refuse such bytes, naming file, row, column and the byte, never the id.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors } from "../../lib/errors";
import { main } from "../../lib/cli/main";
import { writePseudonymisedRecords } from "../../lib/pilot/import-pilot";
import { readInstruments } from "../../lib/pilot/instruments";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";
import { newSipHashKey } from "../../lib/pilot/siphash";
import { tallyPilotRecordFiles, tallyPilotRecords } from "../../lib/pilot/tally-records";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { AREA_CODES, HEADER, INSTRUMENTS_JSON, instruments } from "./helpers";

const KEY = Buffer.from("a-test-key-for-record-encoding");
/** Two respondents whose ids differ in one Latin-1 byte (é = E9, è = E8), one answer each. */
const TWO_LATIN1_IDS = Buffer.from(`${HEADER}\nRené01,E06900001,2023,child_survey,trust_staff,4\nRenè01,E06900001,2023,child_survey,trust_staff,5\n`, "latin1");

/** The messages of the DataErrors `f` throws (it must throw them). */
function dataErrorMessages(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof DataErrors) return e.errors.map((x) => x.message);
    if (e instanceof DataError) return [e.message];
    throw e;
  }
  assert.fail("expected DataErrors");
}

describe("the streamed tally reads record bytes as they are", () => {
  test("two ids differing in one Latin-1 byte stay two respondents, pseudonymised or not", () => {
    const dir = tempDir("vsw-pilot-enc-");
    const file = path.join(dir, "records.csv");
    fs.writeFileSync(file, TWO_LATIN1_IDS);
    assert.equal(tallyPilotRecords([{ file, bytes: TWO_LATIN1_IDS }], instruments(), AREA_CODES).respondents, 2);
    for (const chunkBytes of [7, 64, 1 << 20]) {
      assert.equal(tallyPilotRecordFiles([file], instruments(), AREA_CODES, { respondentKey: newSipHashKey(), chunkBytes }).respondents, 2);
    }
  });

  test("a Latin-1 byte in an LA code, item or response is an error naming the byte, not U+FFFD", () => {
    const rows = ["R1,E0690000\xe9,2023,child_survey,trust_staff,4", "R2,E06900001,2023,child_survey,trust_st\xe4ff,4", "R3,E06900001,2023,child_survey,listened_to,y\xe9s"];
    const bytes = Buffer.from(`${HEADER}\n${rows.join("\n")}\n`, "latin1");
    const messages = dataErrorMessages(() => tallyPilotRecords([{ file: "r.csv", bytes }], instruments(), AREA_CODES));
    assert.equal(messages.length, 3);
    assert.match(messages[0], /row 1, column "la_code": got "E0690000\\\\xe9"/);
    assert.match(messages[1], /row 2, column "item": got "trust_st\\\\xe4ff"/);
    assert.match(messages[2], /row 3, column "response": got "y\\\\xe9s"/);
    for (const m of messages) assert.doesNotMatch(m, /\ufffd/);
  });
});

test("a malformed respondent id is reported without its text (error logs carry no identifiers)", () => {
  const bytes = Buffer.from(`${HEADER}\nSecret"Id7,E06900001,2023,child_survey,trust_staff,4\n"Secret"Id8,E06900001,2023,child_survey,trust_staff,4\n`);
  const messages = dataErrorMessages(() => tallyPilotRecords([{ file: "r.csv", bytes }], instruments(), AREA_CODES));
  assert.equal(messages.length, 2);
  for (const m of messages) assert.doesNotMatch(m, /Id[78]/);
  assert.match(messages[0], /row 1, column "respondent_id": expected quotes only around a whole field/);
  assert.match(messages[1], /row 2, column "respondent_id": expected a comma or line end after a quoted field/);
});

describe("readers that decode record text refuse bytes that are not UTF-8", () => {
  test("writePseudonymisedRecords: Latin-1 ids are an error, not one id written twice", () => {
    const dir = tempDir("vsw-pilot-enc-");
    const messages = dataErrorMessages(() => writePseudonymisedRecords(path.join(dir, "out"), [{ file: "records.csv", bytes: TWO_LATIN1_IDS }]));
    assert.deepEqual(messages, ['records.csv, row 1, column "respondent_id": got "byte 0xe9 at offset 57", expected UTF-8 text (this looks like Latin-1 or Windows-1252: save the file as CSV UTF-8; in Excel, Save As "CSV UTF-8 (Comma delimited)")']);
    assert.equal(fs.existsSync(path.join(dir, "out")), false);
  });

  test("pseudonymiseRecordsCsv takes the file's bytes, refusing Latin-1 ones and reading UTF-8 ones as their text", () => {
    const messages = dataErrorMessages(() => pseudonymiseRecordsCsv(TWO_LATIN1_IDS, "records.csv", KEY));
    assert.equal(messages.length, 1);
    assert.match(messages[0], /records\.csv, row 1, column "respondent_id": got "byte 0xe9 at offset 57"/);
    assert.doesNotMatch(messages[0], /Ren/);
    const utf8 = TWO_LATIN1_IDS.toString("latin1");
    assert.deepEqual(pseudonymiseRecordsCsv(Buffer.from("\ufeff" + utf8, "utf8"), "records.csv", KEY), pseudonymiseRecordsCsv(utf8, "records.csv", KEY));
    assert.equal(pseudonymiseRecordsCsv(Buffer.from(utf8, "utf8"), "records.csv", KEY).respondents, 2);
  });
});

describe("vital-signs pilot with bytes that are not UTF-8", () => {
  function setUp(): { dir: string; instrumentsFile: string; key: string; out: string } {
    const tmp = tempDir("vsw-pilot-enc-cli-");
    const dir = path.join(tmp, "raw");
    fs.mkdirSync(dir);
    const instrumentsFile = path.join(tmp, "instruments.json");
    fs.writeFileSync(instrumentsFile, JSON.stringify(INSTRUMENTS_JSON));
    const key = path.join(tmp, "pilot.key");
    fs.writeFileSync(key, KEY.toString() + "\n");
    return { dir, instrumentsFile, key, out: path.join(tmp, "pkg") };
  }

  test("keeps two Latin-1 ids differing in one byte apart (two pseudonyms in the record files it writes)", async () => {
    const { dir, instrumentsFile, key, out } = setUp();
    fs.writeFileSync(path.join(dir, "records.csv"), TWO_LATIN1_IDS);
    fs.writeFileSync(path.join(dir, "areas.csv"), `la_code,la_name\n${AREA_CODES.map((c) => `${c},LA ${c}`).join("\n")}\n`);
    const recordsOut = path.join(path.dirname(dir), "pseudonymised");
    const c = capture();
    const code = await main(["pilot", dir, "--instruments", instrumentsFile, "--out", out, "--key-file", key, "--records-out", recordsOut, "--created", "2026-01-01T00:00:00Z"], c.io);
    assert.equal(code, 0, c.err.join(""));
    const ids = fs.readFileSync(path.join(recordsOut, "records.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[0]);
    assert.equal(new Set(ids).size, 2);
  });

  test("refuses an areas file that is not UTF-8, naming file, row, column and byte, and writes nothing", async () => {
    const { dir, instrumentsFile, key, out } = setUp();
    fs.writeFileSync(path.join(dir, "records.csv"), `${HEADER}\nR1,E06900001,2023,child_survey,trust_staff,4\n`);
    const areas = path.join(dir, "areas.csv");
    // Ynys Môn, saved as Windows-1252: its name would have been written to the package as "Ynys M\ufffdn"
    fs.writeFileSync(areas, Buffer.from(`la_code,la_name\n${AREA_CODES[0]},Ynys M\xf4n\n${AREA_CODES[1]},B\n${AREA_CODES[2]},C\n`, "latin1"));
    const c = capture();
    const code = await main(["pilot", dir, "--instruments", instrumentsFile, "--out", out, "--key-file", key, "--created", "2026-01-01T00:00:00Z"], c.io);
    assert.notEqual(code, 0);
    assert.match(c.err.join(""), /areas\.csv, row 1, column "la_name": got "byte 0xf4 at offset 32", expected UTF-8 text/);
    assert.equal(fs.existsSync(out), false);
  });
});

test("an instrument file that is not UTF-8 is refused, not read with U+FFFD in its labels", () => {
  // an item label "I’m listened to" saved as Windows-1252 (92 for the apostrophe) was read as "I\ufffdm listened to",
  // and the label went into the package's catalogue
  const file = path.join(tempDir("vsw-pilot-enc-"), "instruments.json");
  const json = JSON.stringify(INSTRUMENTS_JSON).replace("I am listened to", "I\x92m listened to");
  fs.writeFileSync(file, Buffer.from(json, "latin1"));
  const messages = dataErrorMessages(() => readInstruments(file));
  assert.equal(messages.length, 1);
  assert.match(messages[0], new RegExp(`instruments\\.json, row 1: got "byte 0x92 at offset ${json.indexOf("\x92")}", expected UTF-8 text`));
  fs.writeFileSync(file, json.replace("\x92", "’"));
  assert.equal(readInstruments(file).instruments[0].items[1].label, "I’m listened to");
});
