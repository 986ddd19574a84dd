/** findRecordFiles over a folder holding a FIFO or a folder named like a record CSV: named errors, never a hang. */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { DataErrors } from "../../lib/errors";
import { findRecordFiles } from "../../lib/pilot/import-pilot";
import { tempDir } from "../helpers/temp-dirs";

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
    assert.match(messages[0], /records-dir\.csv, row 0: got "not a regular file \(a folder, pipe, socket or device\)", expected a record CSV file/);
    assert.match(messages[1], /records-pipe\.csv, row 0: got "not a regular file/);
  }
});
