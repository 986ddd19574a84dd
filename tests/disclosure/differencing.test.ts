import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { differencingPairs, itemOfIndicator, publishedCountsOfTable, type PublishedCount } from "../../lib/disclosure/differencing";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";

const HEADER = Object.freeze(["la_code", "period", "indicator", "value", "numerator", "denominator", "status"]);
const TRUST = "pilot_child_survey_trust_staff_pct_positive";

function count(overrides: Partial<PublishedCount>): PublishedCount {
  return { file: "c1/indicators.csv", location: "row 1", la: "E06900009", period: "2023", indicator: TRUST, denominator: 40, count: 25, ...overrides };
}

test("a pilot item's indicators share its stem; other ids are their own item", () => {
  assert.equal(itemOfIndicator(TRUST), "pilot_child_survey_trust_staff");
  assert.equal(itemOfIndicator("pilot_child_survey_trust_staff_mean"), "pilot_child_survey_trust_staff");
  assert.equal(itemOfIndicator("cla_rate_per_10k"), "cla_rate_per_10k");
});

test("counts are read from the numerator, or from a percent value when one whole count fits, never from official rows", () => {
  const rows = Object.freeze([
    Object.freeze(["E06900009", "2023", TRUST, "62.5", "25", "40", ""]),
    Object.freeze(["E06900009", "2023", "own_reviews_pct", "41.7", "", "12", ""]),
    Object.freeze(["E06900009", "2023", "own_reviews_pct", "3", "", "120", ""]), // 3 or 4 of 120: not one count
    Object.freeze(["E06900009", "2023", "cla_pct", "50", "20", "40", ""]),
    Object.freeze(["E06900009", "2023", TRUST, "", "", "", "suppressed:disclosure"]),
  ]);
  const counts = publishedCountsOfTable("t.csv", HEADER, rows, (r, k) => `row ${r} column ${k}`, { publishedIndicators: new Set(["cla_pct"]) });
  assert.deepEqual(counts.map((c) => [c.indicator, c.count, c.location]), [[TRUST, 25, "row 1 column 4"], ["own_reviews_pct", 5, "row 2 column 3"]]);
  assert.deepEqual(publishedCountsOfTable("t.csv", ["la_code", "value", "numerator", "denominator"], [["E06900009", "50", "20", "40"]], () => ""), [], "no indicator column: nothing to compare");
});

test("two counts of one LA, period, denominator and item that differ by 1 … threshold − 1 are a pair; 0 or the threshold are not", () => {
  const a = count({});
  assert.deepEqual(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20 })], 10).map((p) => p.difference), [5]);
  assert.deepEqual(differencingPairs([a, count({ file: "c2/indicators.csv", count: 25 })], 10), [], "the same count (a copy)");
  assert.deepEqual(differencingPairs([a, count({ file: "c2/indicators.csv", count: 15 })], 10), [], "10 apart");
  assert.deepEqual(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20 })], 5), [], "5 is not small at threshold 5");
  for (const other of [{ la: "E06900019" }, { period: "2024" }, { denominator: 41 }, { indicator: "pilot_child_survey_feel_safe_pct_positive" }]) {
    assert.deepEqual(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20, ...other })], 10), [], JSON.stringify(other));
  }
});

test("scanPaths reports the pair in both runs' indicators.csv (each alone passes), naming both files and rows", () => {
  const dir = tempDir("vsw-differencing-");
  const write = (name: string, numerator: number) => {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "indicators.csv"), `${HEADER.join(",")}\nE06900009,2023,${TRUST},${(numerator / 40) * 100},${numerator},40,\n`);
  };
  write("c1", 25);
  write("c2", 20);
  assert.equal(scanPaths([path.join(dir, "c1")]).total, 0);
  assert.equal(scanPaths([path.join(dir, "c2")]).total, 0);
  const report = scanPaths([path.join(dir, "c1"), path.join(dir, "c2")]);
  assert.equal(report.total, 1);
  const [f] = report.findings;
  assert.equal(f.rule, "differencing");
  assert.equal(f.file, path.join(dir, "c1", "indicators.csv"));
  assert.equal(f.location, 'row 1 column "numerator"');
  assert.ok(f.message.includes(`${path.join(dir, "c2", "indicators.csv")} (row 1 column "numerator")`), f.message);
  assert.match(f.message, /difference 5 is a small count/);
});
