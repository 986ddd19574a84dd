import { test } from "node:test";
import assert from "node:assert/strict";
import { main } from "../../lib/cli/main";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../../lib/disclosure/suppress-counts";
import { thresholdOption } from "../../lib/cli/options";
import { capture } from "../helpers/cli";

test("--threshold defaults to the disclosure threshold and accepts a whole number >= 1", () => {
  assert.equal(thresholdOption(undefined), DEFAULT_DISCLOSURE_THRESHOLD);
  assert.equal(thresholdOption("5"), 5);
  for (const bad of ["0", "-3", "2.5", "ten", ""]) assert.throws(() => thresholdOption(bad), /^InputError: --threshold: must be an integer >= 1/);
});

test("a bad --threshold is reported once with the command's name, exit 1", async () => {
  const c = capture();
  assert.equal(await main(["check-disclosure", "out", "--threshold", "0"], c.io), 1);
  assert.equal(c.err.join(""), 'vital-signs check-disclosure: --threshold: must be an integer >= 1 (got "0")\n');
});
