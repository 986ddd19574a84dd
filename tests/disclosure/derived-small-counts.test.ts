/**
 * A small count worked back from a share and its Wilson bounds is a small count published (round 25's hostile read,
 * S1-6: `0.1`, `0.0469`, `0.4044` at 95% is 3 of 2177 and gave no finding).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scanFileText } from "../../lib/disclosure/scan";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { wilsonInterval } from "../../lib/indicators/intervals";
import { tempDir } from "../helpers/temp-dirs";
import { writePackage } from "./package-fixture";

const HEADER = "la_code,period,indicator,value,lower,upper,conf,method";
/** The hostile read's t4/intervals.csv: 3 of 2177 (3/2177 = 0.1378%, bounds 0.04688 and 0.40439 at 95%). */
const T4 = `${HEADER}\nE06000001,2023,cla_missing_pct,0.1,0.0469,0.4044,0.95,wilson\n`;

/** An intervals.csv row of x of n as the package writes it (percent, 17 digits). */
function row(x: number, n: number, indicator = "cla_missing_pct"): string {
  const w = wilsonInterval(x, n, { multiplier: 100 });
  return `E06000001,2023,${indicator},${w.estimate},${w.lower},${w.upper},0.95,wilson`;
}

test("a count of 1 … threshold − 1 worked back from a share and its Wilson bounds is a small-count finding, in one file alone", () => {
  const dir = tempDir("vsw-derived-small-");
  fs.writeFileSync(path.join(dir, "intervals.csv"), T4);
  const report = scanPaths([dir]);
  assert.equal(report.total, 1, JSON.stringify(report.findings));
  const [f] = report.findings;
  assert.equal(f.rule, "small-count");
  assert.equal(f.location, 'row 1 column "value"');
  assert.equal(f.value, "3 of 2177");
  assert.match(f.message, /^a count below 10: 3 of 2177 for cla_missing_pct, derived from the value and its 95% Wilson bounds/);
  // scanned on its own (no other file to compare with): the same finding
  assert.deepEqual(scanFileText("intervals.csv", T4).findings.map((x) => `${x.rule} ${x.value}`), ["small-count 3 of 2177"]);
});

test("a complement of 1 … threshold − 1 is flagged too; counts of 0 and counts far from both ends are not", () => {
  const text = [HEADER, row(2174, 2177), row(0, 2177, "cla_3plus_placements_pct"), row(301, 2971, "care_leavers_eet_19_21_pct"), row(2177, 2177, "cin_rereferral_pct")].join("\n") + "\n";
  const { findings } = scanFileText("intervals.csv", text);
  assert.deepEqual(
    findings.map((x) => `${x.rule} ${x.location} ${x.value}`),
    ['small-count row 1 column "value" 2174 of 2177'],
  );
  assert.match(findings[0].message, /^a complement below 10: 3 \(denominator 2177 − 2174\) for cla_missing_pct, derived from the value and its 95% Wilson bounds/);
});

test("a count its row writes as its numerator is checked there, not again as derived", () => {
  const header = `${HEADER.replace(",value,", ",value,numerator,")}`;
  const [la, period, indicator, value, ...rest] = row(3, 2177).split(",");
  const text = `${header}\n${[la, period, indicator, value, "3", ...rest].join(",")}\n`;
  const { findings } = scanFileText("intervals.csv", text);
  assert.deepEqual(findings.map((x) => `${x.rule} ${x.location} ${x.value}`), ['small-count row 1 column "numerator" 3']);
});

test("an official source's row in its own package is not flagged; the same file outside the package is", () => {
  const catalogue = "indicator,source,unit\ncla_missing_pct,EES la_children_looked_after*.csv: missing,percent\n";
  const dir = tempDir("vsw-derived-small-pkg-");
  writePackage(dir, { "catalogue.csv": catalogue, "intervals.csv": T4 });
  assert.equal(scanPaths([dir]).total, 0);
  const alone = tempDir("vsw-derived-small-alone-");
  fs.writeFileSync(path.join(alone, "intervals.csv"), T4);
  assert.equal(scanPaths([alone]).total, 1);
});

test("a count worked back from a value's digits alone is not flagged (it comes back in lowest terms)", () => {
  // the hostile read's t1: 0.13780431786862654 is 3/2177 to 17 digits, and the same fraction as 6/4354
  assert.equal(scanFileText("values.csv", "la_code,period,indicator,value\nE06000001,2023,cla_missing_pct,0.13780431786862654\n").total, 0);
});
