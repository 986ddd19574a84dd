/**
 * A key (LA, period, item) of many rows gives a number of pairs that says nothing more than its first few: at most
 * MAX_FINDINGS_PER_FILE (50) of its pairs are counted, the rest as one finding (round 25's hostile read, S3: 4 CSVs of
 * 240,000 rows of one key gave 3,850,606,820 findings).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";

const HEADER = "la_code,period,indicator,value,numerator,denominator";

test("a key of more than 50 pairs counts 50 and one finding for the rest; another key's pair is counted as before", () => {
  const dir = tempDir("vsw-crowded-");
  // 100 rows of E06000001 2023: counts 20 … 25 of 40 (17, 17, 17, 17, 16, 16 rows): 4950 − 784 = 4166 pairs
  const rows = Array.from({ length: 100 }, (_, i) => `E06000001,2023,cla_missing_pct,${((20 + (i % 6)) / 40) * 100},${20 + (i % 6)},40`);
  // one pair of another LA: 30 and 31 of 80
  rows.push("E06000002,2023,cla_missing_pct,37.5,30,80", "E06000002,2023,cla_missing_pct,38.75,31,80");
  fs.writeFileSync(path.join(dir, "indicators.csv"), `${HEADER}\n${rows.join("\n")}\n`);
  const report = scanPaths([dir]);
  assert.equal(report.total, 50 + 1 + 1);
  const crowded = report.findings.filter((f) => f.value.endsWith(" pairs"));
  assert.equal(crowded.length, 1, JSON.stringify(report.findings.slice(-3)));
  assert.equal(crowded[0].rule, "differencing");
  assert.equal(crowded[0].value, "4166 pairs");
  assert.equal(crowded[0].location, 'row 1 column "numerator"');
  assert.match(crowded[0].message, /^4166 pairs of counts of indicator cla_missing_pct, LA E06000001 2023 .*the first 50 are counted as findings, the other 4116 as this one/);
  assert.equal(report.findings.filter((f) => f.rule === "differencing" && !f.value.endsWith(" pairs")).length, 50, "listed up to the per-file limit");
});

test("a key of 50 pairs or fewer is counted pair by pair", () => {
  const dir = tempDir("vsw-crowded-");
  // 11 rows: counts 20 (6 rows) and 21 (5 rows): 30 pairs
  const rows = Array.from({ length: 11 }, (_, i) => `E06000001,2023,cla_missing_pct,${((20 + (i % 2)) / 40) * 100},${20 + (i % 2)},40`);
  fs.writeFileSync(path.join(dir, "indicators.csv"), `${HEADER}\n${rows.join("\n")}\n`);
  const report = scanPaths([dir]);
  assert.equal(report.total, 30);
  assert.equal(report.findings.filter((f) => f.value.endsWith(" pairs")).length, 0);
});
