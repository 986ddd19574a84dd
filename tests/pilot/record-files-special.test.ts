/**
 * findRecordFiles over a folder holding a FIFO or a folder named like a record CSV, an unreadable file, or other
 * tables: named errors, never a hang, never a file left out without a word.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { DataErrors } from "../../lib/errors";
import { findRecordFiles } from "../../lib/pilot/import-pilot";
import { tallyPilotRecordFiles } from "../../lib/pilot/tally-records";
import { tempDir } from "../helpers/temp-dirs";
import { AREA_CODES, instruments } from "./helpers";

// a regression would hang on the FIFO, not fail: the timeout turns it into a failure
test("a FIFO or a folder named records-x.csv is refused, named; the record files beside it are not read", { timeout: 30_000 }, () => {
  const dir = tempDir("vsw-pilot-special-");
  fs.writeFileSync(path.join(dir, "records-ok.csv"), "respondent_id,la_code,period,instrument,item,response\n");
  execFileSync("mkfifo", [path.join(dir, "records-pipe.csv")]);
  fs.mkdirSync(path.join(dir, "records-dir.csv"));
  try {
    findRecordFiles(dir);
    assert.fail("accepted");
  } catch (e) {
    assert.ok(e instanceof DataErrors, String(e));
    const messages = e.errors.map((x) => x.message).sort();
    assert.equal(messages.length, 2);
    assert.match(messages[0], /records-dir\.csv, row 0: got "a folder", expected a record CSV file \(a regular file, or a link to one\)/);
    assert.match(messages[1], /records-pipe\.csv, row 0: got "a named pipe \(FIFO\)"/);
  }
});

/**
 * Run `f` as a user the file modes apply to: the process's own when it is not root, else nobody's (uid 65534), the
 * effective ids set back before returning (root reads a file of mode 000; a review ran the command as nobody).
 */
function withoutRootPrivilege<T>(f: () => T): T {
  if (process.geteuid === undefined || process.geteuid() !== 0) return f();
  process.setegid!(65534);
  process.seteuid!(65534);
  try {
    return f();
  } finally {
    process.seteuid!(0);
    process.setegid!(0);
  }
}

test("a record file that cannot be read is refused naming it and the reason, not with a bare EACCES", { skip: process.platform === "win32" }, () => {
  const dir = tempDir("vsw-pilot-unreadable-");
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, "records-ok.csv"), "respondent_id,la_code,period,instrument,item,response\nr1,E06900001,2023,case_audit,plan_quality,3\n");
  const locked = path.join(dir, "records-locked.csv");
  fs.writeFileSync(locked, "respondent_id,la_code,period,instrument,item,response\nr2,E06900001,2023,case_audit,plan_quality,3\n");
  fs.chmodSync(locked, 0o000);
  const thrown = withoutRootPrivilege(() => {
    try {
      findRecordFiles(dir);
    } catch (e) {
      return e;
    }
    return undefined;
  });
  assert.ok(thrown instanceof DataErrors, String(thrown));
  assert.deepEqual(
    thrown.errors.map((x) => x.message),
    [`${locked}: got "EACCES: permission denied, open '${locked}'", expected a readable file (check its permissions, or remove it from the folder)`],
  );
  // a folder that cannot be listed, likewise
  fs.chmodSync(dir, 0o000);
  const listing = withoutRootPrivilege(() => {
    try {
      findRecordFiles(dir);
    } catch (e) {
      return e;
    }
    return undefined;
  });
  fs.chmodSync(dir, 0o755);
  assert.ok(listing instanceof DataErrors, String(listing));
  assert.deepEqual(listing.errors.map((x) => x.message), [`${dir}: got "EACCES: permission denied, scandir '${dir}'", expected a readable folder of record-level pilot CSV files (check its permissions)`]);
});

test("the streamed tally names a record file it cannot open instead of a bare ENOENT", () => {
  const gone = path.join(tempDir("vsw-pilot-gone-"), "records-gone.csv");
  assert.throws(
    () => tallyPilotRecordFiles([gone], instruments(), AREA_CODES),
    (e: unknown) => e instanceof DataErrors && e.errors[0].message === `${gone}: got "ENOENT: no such file or directory, stat '${gone}'", expected a readable file (check its permissions, or remove it from the folder)`,
  );
});

test("areas.csv and tables by LA and period beside the records are not record files; CSVs naming a record column or named records* are", () => {
  const dir = tempDir("vsw-pilot-which-");
  const files: Record<string, string> = {
    "areas.csv": "la_code,la_name\nE06900001,A\n",
    "context.csv": "la_code,period,value\nE06900001,2023,4\n",
    "records-renamed.csv": "Respondent ID,la_code,period,instrument,item,response\n",
    "survey.csv": "id,instrument,question,answer\n",
    "records_2024.csv": "id,area,year\n",
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  assert.deepEqual(findRecordFiles(dir).map((f) => path.basename(f)), ["records-renamed.csv", "records_2024.csv", "survey.csv"]);
});
