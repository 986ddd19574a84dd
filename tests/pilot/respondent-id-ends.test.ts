/**
 * A respondent id with a space or tab at either end is refused, naming the file and row but not the id: "CH-0001 "
 * beside "CH-0001" (a spreadsheet export's trailing space) had been a second respondent, and the child's answer was
 * counted twice (hostile review F16: 28 of 56 became 29 of 57, exit 0).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { tallyPilotRecordFiles, tallyPilotRecords } from "../../lib/pilot/tally-records";
import { hasBlankEnd } from "../../lib/pilot/record-errors";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";
import { DataErrors } from "../../lib/errors";
import { AREA_CODES, HEADER, instruments, tallyOutcome } from "./helpers";
import { tempDir } from "../helpers/temp-dirs";

const R1 = "r1,E06900001,2023,child_survey,trust_staff,4";

test("an id with a space or tab at either end is refused with file and row, whole or in chunks; the id is not shown", () => {
  for (const id of ["r1 ", " r1", "r1\t", '"r1 "', "r1\u00a0", "r1\u200b", "\ufeffr1", '"r1\n"']) {
    const text = `${HEADER}\n${R1}\n${R1.replace(/^r1/, id)}\n`;
    const file = path.join(tempDir("vsw-id-ends-"), "r.csv");
    fs.writeFileSync(file, text);
    const expected = { errors: [`${file}, row 2, column "respondent_id": expected a respondent id without a space, tab or invisible character (no-break or zero-width space) at either end (with one it would count as another respondent): remove it in the file`] };
    assert.deepEqual(tallyOutcome(() => tallyPilotRecords([{ file, bytes: Buffer.from(text) }], instruments(), AREA_CODES)), expected, JSON.stringify(id));
    for (const chunkBytes of [1, 7, 1 << 20]) assert.deepEqual(tallyOutcome(() => tallyPilotRecordFiles([file], instruments(), AREA_CODES, { chunkBytes })), expected, `${JSON.stringify(id)} in chunks of ${chunkBytes}`);
    // the library's pseudonymisation refuses it alike (the id is in no message)
    assert.throws(() => pseudonymiseRecordsCsv(text, file, Buffer.from("a key of sixteen+ chars")), (e: unknown) => e instanceof DataErrors && assert.deepEqual(e.errors.map((x) => x.message), expected.errors) === undefined);
  }
});

test("a space inside an id is the id's own", () => {
  const e = new TextEncoder();
  assert.equal(hasBlankEnd(e.encode("CH 0001"), 0, 7), false);
  assert.equal(hasBlankEnd(e.encode("xCH-0001 "), 1, 9), true);
  assert.equal(hasBlankEnd(e.encode(""), 0, 0), false);
  assert.equal(hasBlankEnd("CH\u00a00001"), false);
  assert.equal(hasBlankEnd(e.encode("é-ünïcode"), 0, e.encode("é-ünïcode").length), false);
  assert.equal(hasBlankEnd("CH-0001\u200b"), true);
});
