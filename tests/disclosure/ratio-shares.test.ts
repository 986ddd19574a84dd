/**
 * A ratio indicator's value (events per denominator) beside its denominator gives its events back as a percentage's
 * does: a second review's own ratio 0.018633540372670808 beside 161 (3 events) passed check-disclosure, which read
 * only percentages, proportions and rates as shares.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { shareColumns } from "../../lib/disclosure/percentage-columns";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { scanFileText } from "../../lib/disclosure/scan";
import { tempDir } from "../helpers/temp-dirs";

test("a ratio indicator's value beside its denominator is a share (× 1), in the long form and as a wide column", () => {
  const ratio = new Set(["own_ratio"]);
  const long = "la_code,period,indicator,value,numerator,denominator,status\nE06000001,2025,own_ratio,0.018633540372670808,,161,\nE06000002,2025,own_ratio,0.18633540372670807,,161,\n";
  const found = scanFileText("t.csv", long, { ratioIndicators: ratio }).findings;
  assert.deepEqual(found.map((f) => [f.location, f.value]), [['row 1 column "value"', "0.018633540372670808 of 161"]]);
  assert.match(found[0].message, /a count of 3 recoverable as value × denominator \/ 1$/);
  // without the catalogue's unit, a value of an id that says nothing of a share is not read as one (as before)
  assert.deepEqual(scanFileText("t.csv", long).findings, []);
  assert.deepEqual(shareColumns(["la_code", "own_ratio", "own_ratio_denominator"], () => false, undefined, ratio).map((s) => s.per), [1]);
});

test("scanning a package reads its catalogue's ratio indicators", () => {
  const dir = tempDir("vsw-ratio-pkg-");
  fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify({ name: "ratio", resources: [] }));
  fs.writeFileSync(path.join(dir, "catalogue.csv"), "indicator,label,unit,source\nown_ratio,Own ratio,ratio,Own data: ratio.csv\n");
  fs.writeFileSync(path.join(dir, "results.csv"), "la_code,period,indicator,value,denominator\nE06000001,2025,own_ratio,0.9627329192546584,161\n");
  const report = scanPaths([dir]);
  assert.deepEqual(report.findings.map((f) => [path.basename(f.file), f.value]), [["results.csv", "0.9627329192546584 of 161"]]);
  assert.match(report.findings[0].message, /a complement of 6 \(denominator − 155\)/);
});
