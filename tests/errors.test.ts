import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DataError, isSystemError } from "../lib/errors";

test("isSystemError: the file system's errors are, the program's own are not", () => {
  const thrown = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    assert.fail("expected a throw");
  };
  const gone = path.join(os.tmpdir(), `vsw-no-such-file-${process.pid}.csv`);
  assert.equal(isSystemError(thrown(() => fs.readFileSync(gone))), true, "ENOENT");
  assert.equal(isSystemError(thrown(() => fs.readdirSync(__filename))), true, "ENOTDIR");
  assert.equal(isSystemError(thrown(() => fs.readFileSync(42.5 as unknown as string))), false, "ERR_INVALID_ARG_TYPE names no system call");
  assert.equal(isSystemError(Object.assign(new Error("x"), { code: "EACCES" })), false, "a code alone is not a system call's error");
  assert.equal(isSystemError({ code: "EACCES", syscall: "open" }), false, "not an Error");
});

test("a huge offending value is cut in the message and the JSON, with its length; a short one is quoted whole", () => {
  const e = new DataError({ file: "indicators.csv", row: 3, column: "status", value: "x".repeat(5_000_000), expected: "a status" });
  assert.ok(e.message.length < 500, `message of ${e.message.length} characters`);
  assert.match(e.message, /^indicators\.csv, row 3, column "status": got "x{200}"… \(5,000,000 characters; the first 200 shown\), expected a status$/);
  assert.equal(e.toJSON().value, `${"x".repeat(200)}…`);
  assert.equal(e.value?.length, 5_000_000, "the error object keeps the value for callers");
  assert.equal(new DataError({ file: "f.csv", value: "y".repeat(200), expected: "z" }).message, `f.csv: got "${"y".repeat(200)}", expected z`);
});

test("a workbook's sheet is named with the file, in its own field, never as a column (a review had 'column \"Data\"' for a sheet)", () => {
  const e = new DataError({ file: "my.xlsx", sheet: "Data", row: 5, column: "B", value: "x", expected: "a number" });
  assert.equal(e.message, 'my.xlsx, sheet "Data", row 5, column "B": got "x", expected a number');
  assert.equal(e.sheet, "Data");
  assert.deepEqual(Object.keys(e.toJSON()), ["message", "file", "sheet", "row", "column", "value", "expected"]);
  assert.equal(new DataError({ file: "my.ods", sheet: "Ranks \"2024\"", expected: "a header row" }).message, 'my.ods, sheet "Ranks \\"2024\\"": expected a header row');
  assert.equal("sheet" in new DataError({ file: "f.csv", expected: "z" }).toJSON(), false, "a file that is not a workbook has no sheet in its JSON");
});
