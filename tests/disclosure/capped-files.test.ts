/**
 * check-disclosure lists at most MAX_FINDINGS_PER_FILE findings of a file; it now says which files had more and how
 * many (a second review: a JSON of total 64 with 50 listed gave no way to see which files held the other 14).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { MAX_FINDINGS_PER_FILE } from "../../lib/disclosure/scan-collector";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

test("a file with more findings than are listed is named with its count, in the report, the JSON and the text", async () => {
  const dir = tempDir("vsw-capped-");
  const rows = Array.from({ length: MAX_FINDINGS_PER_FILE + 14 }, (_, i) => `E06${String(i).padStart(6, "0")},3`);
  fs.writeFileSync(path.join(dir, "many.csv"), `la_code,n\n${rows.join("\n")}\n`);
  fs.writeFileSync(path.join(dir, "few.csv"), "la_code,n\nE06000001,4\n");
  const report = scanPaths([dir]);
  assert.equal(report.total, MAX_FINDINGS_PER_FILE + 15);
  assert.deepEqual(report.capped, [{ file: path.join(dir, "many.csv"), total: MAX_FINDINGS_PER_FILE + 14, listed: MAX_FINDINGS_PER_FILE }]);
  const json = capture();
  assert.equal(await main(["check-disclosure", dir, "--json"], json.io), 1);
  assert.deepEqual(JSON.parse(json.out.join("")).capped_files, report.capped);
  const text = capture();
  await main(["check-disclosure", dir], text.io);
  assert.ok(text.out.join("").includes(`${path.join(dir, "many.csv")}: ${MAX_FINDINGS_PER_FILE + 14} finding(s), the first ${MAX_FINDINGS_PER_FILE} listed\n`), text.out.join(""));
});
