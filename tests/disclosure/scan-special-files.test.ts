/**
 * check-disclosure over folders holding what is not a regular file: a FIFO had blocked it for ever, a link to /dev/zero
 * grew it to 1.3 GB in 17 s, a link to a parent folder looped to ELOOP. Each is now a `not-scanned` finding (fail
 * closed), a link to a regular file is still read.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";
import { writePackage } from "./package-fixture";

// a regression would hang, not fail: the timeout turns it into a failure
test("a FIFO, a device, a dangling link and a link to a folder are not-scanned findings; a link to a file is read", { timeout: 30_000 }, () => {
  const dir = tempDir("vsw-scan-special-");
  const elsewhere = tempDir("vsw-scan-target-");
  fs.writeFileSync(path.join(elsewhere, "small.csv"), "la_code,period,indicator,value,numerator,denominator,status\nE06000001,2024,x_pct,50,3,6,\n");
  execFileSync("mkfifo", [path.join(dir, "pipe.csv")]);
  fs.symlinkSync("/dev/zero", path.join(dir, "zero.csv"));
  fs.symlinkSync(path.join(dir, "missing.csv"), path.join(dir, "dangling.csv"));
  fs.mkdirSync(path.join(dir, "sub"));
  fs.symlinkSync("..", path.join(dir, "sub", "up"));
  fs.symlinkSync(path.join(elsewhere, "small.csv"), path.join(dir, "linked.csv"));
  const report = scanPaths([dir]);
  const notScanned = report.findings.filter((f) => f.rule === "not-scanned").map((f) => [path.relative(dir, f.file), f.value]);
  assert.deepEqual(notScanned.sort(), [
    ["dangling.csv", "a broken symbolic link, not read"],
    ["pipe.csv", "a named pipe (FIFO), not read"],
    ["sub/up", "a symbolic link to a folder (not followed: it could lead out of the folder, or back into it), not read"],
    ["zero.csv", "a symbolic link to a device, not read"],
  ]);
  assert.deepEqual(report.scanned.map((f) => path.relative(dir, f)), ["linked.csv"]);
  assert.ok(report.findings.some((f) => f.file.endsWith("linked.csv") && f.rule !== "not-scanned"), "the linked file's small counts are found");
});

test("the value of an unpublished indicator of unit count is checked as a count; an official one is not", () => {
  const dir = tempDir("vsw-scan-count-");
  writePackage(dir, {
    "catalogue.csv": [
      "indicator,source,unit",
      "own_children_count,Own data: cnt.csv (own_children_count),count",
      "cin_at31_count,EES c1_children_in_need*.csv: children in need at 31 March,count",
      "own_rate,Own data: rate.csv (own_rate),rate_per_10k",
      "",
    ].join("\n"),
    "indicators.csv": "la_code,period,indicator,value,numerator,denominator,status\n" +
      "E1,2024,own_children_count,3,,,\nE2,2024,own_children_count,12,,,\nE1,2024,cin_at31_count,5,,,\nE1,2024,own_rate,4,,,\n",
  });
  const r = scanPaths([dir]);
  assert.deepEqual(r.findings.map((f) => [f.location.replace(/^.*indicators\.csv:? ?/, ""), f.value, f.message]), [
    ['row 1 column "value"', "3", "a count below 10: the value of own_children_count, an indicator of unit count"],
  ]);
});
