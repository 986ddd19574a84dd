/**
 * --records-out reads each record file a second time, after the import is validated, to write its pseudonymised copy.
 * A file gone or replaced between the passes is a DataError naming it and what happened (it had been Node's bare
 * ENOENT); no copy is written and a folder made for them is removed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataErrors } from "../../lib/errors";
import { writePseudonymisedRecordFiles } from "../../lib/pilot/write-records";
import { tempDir } from "../helpers/temp-dirs";
import { AREA_CODES, HEADER } from "./helpers";

const KEY = Buffer.from("a-test-key-for-records-out-0123456789");

/** A folder with two valid record files, a.csv and b.csv; returns their paths. */
function twoFiles(): { dir: string; files: string[] } {
  const dir = tempDir("vsw-records-out-");
  const files = ["a.csv", "b.csv"].map((name, k) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${HEADER}\nr${k},${AREA_CODES[0]},2023,child_survey,trust_staff,4\n`);
    return file;
  });
  return { dir, files };
}

/** The DataErrors' [file, value, expected] of `run`. */
function refused(run: () => unknown): [string, string | undefined, string][] {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof DataErrors, String(e));
    return e.errors.map((x) => [x.file ?? "", x.value, x.expected]);
  }
  assert.fail("written");
}

const EXPECTED = "the record file as it was validated, read again to write its pseudonymised copy (no copy was written: put the file back, or run the command again)";

test("a record file gone since it was validated is named, and no copy or folder is left", () => {
  const { dir, files } = twoFiles();
  fs.rmSync(files[1]);
  const out = path.join(dir, "pseudonymised", "wave1");
  assert.deepEqual(refused(() => writePseudonymisedRecordFiles(out, files, KEY)), [[files[1], "ENOENT: gone since it was validated", EXPECTED]]);
  assert.equal(fs.existsSync(out), false);
});

test("a record file replaced by a folder is named; a folder that was there is kept, empty of copies", () => {
  const { dir, files } = twoFiles();
  fs.rmSync(files[0]);
  fs.mkdirSync(files[0]);
  const out = path.join(dir, "pseudonymised");
  fs.mkdirSync(out);
  assert.deepEqual(refused(() => writePseudonymisedRecordFiles(out, files, KEY)), [[files[0], "EISDIR: a folder now, not the file validated", EXPECTED]]);
  assert.deepEqual(fs.readdirSync(out), []);
});

test("unchanged files are written as before", () => {
  const { dir, files } = twoFiles();
  const written = writePseudonymisedRecordFiles(path.join(dir, "out"), files, KEY);
  assert.deepEqual(written.map((f) => path.basename(f)), ["a.csv", "b.csv"]);
  assert.match(fs.readFileSync(written[0], "utf8"), /^respondent_id,la_code,period,instrument,item,response\nps_[0-9a-f]{16},/);
});
