import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isSystemError } from "../lib/errors";

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
