import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { MINIMUM_DISCLOSURE_THRESHOLD } from "../../lib/disclosure/suppress-counts";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDS = path.join(ROOT, "datasets", "pilot-records-synthetic");

test("pilot and check-disclosure refuse a --threshold below the minimum (counts of 1–5 are always small), naming it", async () => {
  assert.equal(MINIMUM_DISCLOSURE_THRESHOLD, 6);
  const out = path.join(tempDir("vsw-threshold-min-"), "pkg");
  for (const value of ["1", "5"]) {
    const pilot = capture();
    assert.equal(await main(["pilot", RECORDS, "--instruments", path.join(RECORDS, "instruments.json"), "--out", out, "--ephemeral-key", "--threshold", value], pilot.io), 2);
    assert.ok(pilot.err.join("").startsWith(`vital-signs pilot: --threshold: must be a whole number >= 6 (counts of 1–5 are always small, as in DfE's statistics) (got "${value}")`), pilot.err.join(""));
    assert.equal(fs.existsSync(out), false, "refused before any work");
    const check = capture();
    assert.equal(await main(["check-disclosure", RECORDS, "--threshold", value], check.io), 2);
    assert.match(check.err.join(""), new RegExp(`--threshold: must be a whole number >= 6 .*\\(got "${value}"\\)`));
  }
});

test("the minimum itself is accepted", async () => {
  const dir = tempDir("vsw-threshold-six-");
  fs.writeFileSync(path.join(dir, "notes.txt"), "nothing here\n");
  const c = capture();
  assert.equal(await main(["check-disclosure", dir, "--threshold", "6"], c.io), 0, c.err.join(""));
  assert.match(c.out.join(""), /threshold 6\n$/);
});
