/**
 * `vital-signs reproduce-2016 --data DIR` imports DIR into a temporary package first; the temporary package is removed
 * whatever happens, also when the import fails. (The reproduction itself on the official data: tests/vitals/study2016.test.ts.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

test("an official folder that cannot be imported fails with the import's error and leaves no temporary package", async () => {
  const data = tempDir("vsw-2016-data-");
  fs.writeFileSync(path.join(data, "notes.csv"), "not,an,official,file\n");
  // the command makes its temporary package under os.tmpdir(), which follows TMPDIR: here a folder of this test's own
  const ownTmp = tempDir("vsw-2016-tmp-");
  const before = process.env.TMPDIR;
  process.env.TMPDIR = ownTmp;
  const c = capture();
  let code: number;
  try {
    code = await main(["reproduce-2016", "--data", data], c.io);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  assert.equal(code, 1);
  assert.match(c.err.join(""), /^vital-signs reproduce-2016: exactly one DfE–ONS area lookup \(la_lookup_dfe_ons_codes\.csv\) must be among the sources \(got 0\)/);
  assert.deepEqual(fs.readdirSync(ownTmp), [], "the temporary package is removed");
});
