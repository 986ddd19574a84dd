import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { writePseudonymisedRecords } from "../../lib/pilot/import-pilot";
import { HEADER } from "./helpers";
import { tempDir } from "../helpers/temp-dirs";

test("writePseudonymisedRecords never copies a column that is not in the record schema", () => {
  const dir = tempDir("vsw-recs-");
  const text = `child_name,${HEADER},notes\nJane Doe,ps_0123456789abcdef,E06900001,2023,child_survey,trust_staff,4,raw id CH-0001\n`;
  const written = writePseudonymisedRecords(dir, [{ file: "in/records.csv", bytes: Buffer.from(text) }]);
  assert.deepEqual(written, [path.join(dir, "records.csv")]);
  const out = fs.readFileSync(written[0], "utf8");
  assert.equal(out, `${HEADER}\nps_0123456789abcdef,E06900001,2023,child_survey,trust_staff,4\n`);
  assert.deepEqual(fs.readdirSync(dir), ["records.csv"], "no temporary file left");
});

test("writePseudonymisedRecords refuses two files of the same name and writes none", () => {
  const dir = path.join(tempDir("vsw-recs-"), "out");
  const bytes = Buffer.from(`${HEADER}\nps_0123456789abcdef,E06900001,2023,child_survey,trust_staff,4\n`);
  assert.throws(() => writePseudonymisedRecords(dir, [{ file: "a/r.csv", bytes }, { file: "b/r.csv", bytes }]), /distinct names/);
  assert.equal(fs.existsSync(dir), false);
});
