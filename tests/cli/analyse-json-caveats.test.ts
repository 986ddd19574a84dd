/** `analyse --json` carries the report's "read with care" lines (a walkthrough found them only in report.html and on the terminal). */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { selectionCaveats } from "../../lib/report/analysis-summary";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");

test("--json gives read_with_care: the caveats results.json implies, the same words as the terminal's", async () => {
  const out = tempDir("vsw-json-caveats-");
  const c = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--resamples", "20", "--json", "--out", out], c.io), 0, c.err.join(""));
  const summary = JSON.parse(c.out.join(""));
  const results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
  assert.deepEqual(summary.read_with_care, selectionCaveats(results));
  // with 20 resamples the synthetic run's error bound exceeds what it selects: the caveat is there to carry
  assert.ok(summary.read_with_care.length > 0 && /error bound/.test(summary.read_with_care.join(" ")), JSON.stringify(summary.read_with_care));
});
