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
  assert.deepEqual(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20 })], 10).pairs.map((p) => p.difference), [5]);
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 25 })], 10).total, 0, "the same count (a copy)");
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 15 })], 10).total, 0, "10 apart");
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20 })], 5).total, 0, "5 is not small at threshold 5");
  for (const other of [{ la: "E06900019" }, { period: "2024" }, { denominator: 41 }, { indicator: "pilot_child_survey_feel_safe_pct_positive" }]) {
    assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20, ...other })], 10).total, 0, JSON.stringify(other));
  }
});

test("many counts of one key are counted without listing every pair; the listing stops at the limit", () => {
  // counts 20, 20, 21, 30: pairs 20–21 (twice) and 21–30 (9 apart); 20–30 is 10 apart
  const group = [20, 20, 21, 30].map((n, i) => count({ file: `c${i}.csv`, count: n }));
  const all = differencingPairs(group, 10);
  assert.deepEqual(all.pairs.map((p) => [p.first.file, p.second.file]), [["c0.csv", "c2.csv"], ["c1.csv", "c2.csv"], ["c2.csv", "c3.csv"]]);
  assert.equal(all.total, 3);
  const many = Array.from({ length: 100_000 }, (_, i) => count({ location: `row ${i + 1}`, count: 20 + (i % 6) }));
  const limited = differencingPairs(many, 10, 50);
  assert.equal(limited.pairs.length, 50);
  // 6 counts of 16,667 or 16,666 rows each, every two different ones within 5: all pairs minus those of equal counts
  const sizes = [0, 1, 2, 3, 4, 5].map((k) => many.filter((c) => c.count === 20 + k).length);
  const equalPairs = sizes.reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  assert.equal(limited.total, (100_000 * 99_999) / 2 - equalPairs);
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
