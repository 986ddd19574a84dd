/** RecordErrors (lib/pilot/record-errors.ts): every invalid record counted, the first ones listed. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataErrors } from "../../lib/errors";
import { RecordErrors } from "../../lib/pilot/record-errors";
import { MAX_REPORTED_ERRORS } from "../../lib/pilot/records";

test("no problem: nothing is thrown", () => {
  assert.doesNotThrow(() => new RecordErrors().throwIfAny("tallyPilotRecords: invalid pilot records"));
});

test("every problem is counted, the first MAX_REPORTED_ERRORS are listed in order", () => {
  const errors = new RecordErrors();
  for (let row = 1; row <= MAX_REPORTED_ERRORS + 5; row++) errors.add({ file: "r.csv", row, column: "period", value: "x", expected: "a year" });
  assert.throws(
    () => errors.throwIfAny("tallyPilotRecords: invalid pilot records"),
    (e: unknown) => {
      assert.ok(e instanceof DataErrors);
      assert.equal(e.errors.length, MAX_REPORTED_ERRORS);
      assert.equal(e.errors[0].row, 1);
      assert.equal(e.errors[MAX_REPORTED_ERRORS - 1].row, MAX_REPORTED_ERRORS);
      assert.match(e.message, new RegExp(`\\(${MAX_REPORTED_ERRORS + 5} in all, first ${MAX_REPORTED_ERRORS} listed\\)`));
      return true;
    },
  );
});
