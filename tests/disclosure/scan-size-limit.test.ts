/**
 * A file over the scan's size limit is a not-scanned finding, never read: at 512 MiB, the limit before, a 500 MB CSV
 * ran V8 out of heap (hostile review F13) instead of failing closed. Within a file, printed tables past
 * MAX_PRINTED_TABLES are reported not-scanned (round 23: 900,000 one-row Series took 6.0 s CPU).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { SCAN_MAX_FILE_BYTES, scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";
import { scanFileText } from "../../lib/disclosure/scan";
import { MAX_PRINTED_TABLES } from "../../lib/disclosure/scan-rules";

test("a CSV one byte over the limit is not scanned and says why; one at the limit's size is read", () => {
  assert.ok(SCAN_MAX_FILE_BYTES <= 24 * 1024 * 1024, "a limit the scanner's memory can meet (up to ≈ 58 bytes per byte of short cells)");
  const dir = tempDir("vsw-scan-size-");
  const big = path.join(dir, "big.csv");
  fs.writeFileSync(big, "la_code,period,children\nE06000001,2023,3\n");
  fs.truncateSync(big, SCAN_MAX_FILE_BYTES + 1); // sparse: no disk used
  fs.writeFileSync(path.join(dir, "small.csv"), "la_code,period,children\nE06000001,2023,3\n");
  const report = scanPaths([dir]);
  assert.deepEqual(report.notScanned, [big]);
  const finding = report.findings.find((f) => f.file === big)!;
  assert.equal(finding.rule, "not-scanned");
  assert.match(finding.message, new RegExp(`${SCAN_MAX_FILE_BYTES + 1} bytes, over the ${SCAN_MAX_FILE_BYTES}-byte limit`));
  assert.ok(report.findings.some((f) => f.file.endsWith("small.csv") && f.rule !== "not-scanned"), "the small file's count of 3 is found");
});

test("more printed tables in one text than are checked are reported not-scanned, the first ones still checked", () => {
  const table = "la_name  score\nLeeds       20\n\n";
  const text = `la_name  children\nHartlepool  3\n\n${table.repeat(MAX_PRINTED_TABLES)}`;
  const { findings } = scanFileText("many.txt", text, { threshold: 10 });
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.value}`), ["small-count 3", "not-scanned 1 tables"]);
  assert.match(findings[1].message, /more than 100,000 tables printed in one text: the first 100,000 were checked, the other 1 not/);
  assert.deepEqual(scanFileText("fewer.txt", table.repeat(MAX_PRINTED_TABLES), { threshold: 10 }).findings, []);
});
