/**
 * Shares written to 7–11 significant digits are compared by the differencing rule's pair test (round 25's hostile
 * read, S1-7: `round(x, 6)` of two runs' shares, 12.999541 and 12.993572, are 283/2177 and 283/2178 and gave nothing).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { countsOfShareDigits } from "../../lib/disclosure/derived-counts";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";

/** A folder `name` in `dir` holding values.csv with one value of E06000001 2023 cla_missing_pct; its path. */
function values(dir: string, name: string, value: string): string {
  const at = path.join(dir, name);
  fs.mkdirSync(at, { recursive: true });
  fs.writeFileSync(path.join(at, "values.csv"), `la_code,period,indicator,value\nE06000001,2023,cla_missing_pct,${value}\n`);
  return at;
}

/** x of n as a percentage written to `digits` significant digits. */
const share = (x: number, n: number, digits: number) => ((x / n) * 100).toPrecision(digits);

test("two values of 8 or 10 digits that are 283 of 2177 and 283 of 2178 are a pair (the review's t5 and t2)", () => {
  const dir = tempDir("vsw-few-digits-");
  for (const [a, b, digits] of [["12.999541", "12.993572", 8], ["12.99954065", "12.99357208", 10]] as const) {
    const report = scanPaths([values(dir, `a${digits}`, a), values(dir, `b${digits}`, b)]);
    assert.equal(report.total, 1, JSON.stringify(report.findings));
    const [f] = report.findings;
    assert.equal(f.rule, "differencing");
    assert.equal(f.value, "283 − 283");
    assert.ok(f.message.startsWith(`283 of 2177 (derived from the value's ${digits} digits) here and 283 of 2178 (derived from the value's ${digits} digits) in `), f.message);
  }
  // 7 digits, one denominator: 282 and 283 of 2177
  assert.equal(scanPaths([values(dir, "c", share(282, 2177, 7)), values(dir, "d", share(283, 2177, 7))]).total, 1);
});

test("a value of fewer than 12 digits gives no count on its own", () => {
  assert.equal(countsOfShareDigits("12.999541"), null);
  assert.equal(countsOfShareDigits("12.99954065"), null);
  assert.deepEqual(countsOfShareDigits("12.999541", 100, 7), { numerator: 283, denominator: 2177, derived: { from: "digits", digits: 8 } });
  assert.equal(countsOfShareDigits("12.99954", 100, 7)?.denominator, 2177);
  assert.equal(countsOfShareDigits("12.9995", 100, 7), null, "6 digits");
});

test("7 digits: denominators a few apart are a pair only when the counts are no further apart than the people between them, and far-apart denominators are not compared", () => {
  const dir = tempDir("vsw-few-digits-");
  const pair = (a: [number, number], b: [number, number], digits: number) =>
    scanPaths([values(dir, `a-${a.join("-")}-${b.join("-")}-${digits}`, share(...a, digits)), values(dir, `b-${a.join("-")}-${b.join("-")}-${digits}`, share(...b, digits))]).total;
  // 283 of 2177 and 289 of 2178: 17 digits, a pair whatever the counts; 7 digits, 6 more counted than the 1 added
  assert.equal(pair([283, 2177], [289, 2178], 17), 1);
  assert.equal(pair([283, 2177], [289, 2178], 7), 0);
  // 283 of 2177 and 286 of 2201: 17 digits, 3 of the 24 added counted (nested); 7 digits, not compared so
  assert.equal(pair([283, 2177], [286, 2201], 17), 1);
  assert.equal(pair([283, 2177], [286, 2201], 7), 0);
  // 283 of 2177 and 284 of 2179: 2 added, 1 counted
  assert.equal(pair([283, 2177], [284, 2179], 7), 1);
});
