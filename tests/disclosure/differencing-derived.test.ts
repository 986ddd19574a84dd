import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { publishedCountsOfTable } from "../../lib/disclosure/differencing";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";

// Two `returns` runs of E06000001 2023, the second with one child more (a hostile review, round 24 H5): rows of each
// package's intervals.csv and indicators.csv. 283 of 2177 and 283 of 2178 with 3+ placements; 301 of 2971 and 302 of
// 2972 with a missing incident (the added child went missing).
const INTERVALS_HEADER = "la_code,period,indicator,value,lower,upper,conf,method,status";
const RUN1 = {
  intervals: [
    "E06000001,2023,cla_3plus_placements_pct,12.999540652273772,11.651776621137468,14.47765413211133,0.95,wilson,",
    "E06000001,2023,cla_missing_pct,10.131268933019186,9.097223158575197,11.268280926501852,0.95,wilson,",
  ],
  indicators: ["E06000001,2023,cla_3plus_placements_pct,12.999540652273772,283,2177,", "E06000001,2023,cla_missing_pct,10.131268933019186,301,2971,"],
};
const RUN2 = {
  intervals: [
    "E06000001,2023,cla_3plus_placements_pct,12.993572084481176,11.646388025227825,14.471066866691718,0.95,wilson,",
    "E06000001,2023,cla_missing_pct,10.161507402422611,9.126157573901423,11.299710780711042,0.95,wilson,",
  ],
  indicators: ["E06000001,2023,cla_3plus_placements_pct,12.993572084481176,283,2178,", "E06000001,2023,cla_missing_pct,10.161507402422611,302,2972,"],
};
const INDICATORS_HEADER = "la_code,period,indicator,value,numerator,denominator,status";

/** A folder `name` in `dir` holding `file` with `header` and `rows`; its path. */
function folder(dir: string, name: string, file: string, header: string, rows: readonly string[]): string {
  const at = path.join(dir, name);
  fs.mkdirSync(at, { recursive: true });
  fs.writeFileSync(path.join(at, file), `${header}\n${rows.join("\n")}\n`);
  return at;
}

/** The columns of a row's values only: la_code, period, indicator, value. */
const valuesOnly = (rows: readonly string[]) => rows.map((r) => r.split(",").slice(0, 4).join(","));

test("two runs' intervals.csv alone give back the child added: counts derived from the value and its Wilson bounds are compared (each alone passes)", () => {
  const dir = tempDir("vsw-derived-");
  const iv1 = folder(dir, "iv1", "intervals.csv", INTERVALS_HEADER, RUN1.intervals);
  const iv2 = folder(dir, "iv2", "intervals.csv", INTERVALS_HEADER, RUN2.intervals);
  assert.equal(scanPaths([iv1]).total, 0);
  assert.equal(scanPaths([iv2]).total, 0);
  const report = scanPaths([iv1, iv2]);
  assert.equal(report.total, 2);
  const missing = report.findings.find((f) => f.message.includes("cla_missing_pct"));
  assert.ok(missing, JSON.stringify(report.findings));
  assert.equal(missing.rule, "differencing");
  assert.equal(missing.file, path.join(iv1, "intervals.csv"));
  assert.equal(missing.location, 'row 2 column "value"');
  assert.equal(missing.value, "301 − 302");
  assert.ok(missing.message.startsWith("301 of 2971 (derived from the value and its 95% Wilson bounds) here and 302 of 2972 (derived from the value and its 95% Wilson bounds) in "), missing.message);
  assert.ok(missing.message.includes(`${path.join(iv2, "intervals.csv")} (row 2 column "value"), of indicator cla_missing_pct, LA E06000001 2023: the 1 person`), missing.message);
  assert.match(missing.message, /publish such shares rounded/);
});

test("two runs' values alone, written to 17 digits, give back the child added: counts derived from the value's digits are compared", () => {
  const dir = tempDir("vsw-derived-");
  const vo1 = folder(dir, "vo1", "values.csv", "la_code,period,indicator,value", valuesOnly(RUN1.intervals));
  const vo2 = folder(dir, "vo2", "values.csv", "la_code,period,indicator,value", valuesOnly(RUN2.intervals));
  assert.equal(scanPaths([vo1]).total, 0);
  assert.equal(scanPaths([vo2]).total, 0);
  const report = scanPaths([vo1, vo2]);
  assert.equal(report.total, 2);
  const [placements, missing] = report.findings;
  assert.equal(placements.value, "283 − 283");
  assert.ok(placements.message.startsWith("283 of 2177 (derived from the value's 17 digits) here and 283 of 2178 (derived from the value's 17 digits) in "), placements.message);
  // 302 of 2972 comes back from its digits in lowest terms, 151 of 1486: twice it is one child more than 301 of 2971
  assert.equal(missing.value, "301 − 302");
  assert.ok(missing.message.startsWith("301 of 2971 (derived from the value's 17 digits) here and 302 of 2972 (derived from the value's 17 digits as 151 of 1486, times 2) in "), missing.message);
  // one run's intervals and the other's values
  const mixed = scanPaths([folder(dir, "iv1", "intervals.csv", INTERVALS_HEADER, RUN1.intervals), vo2]);
  assert.equal(mixed.total, 2);
});

test("a fraction in lowest terms is taken k times only when k times its denominator is near the other's and its count no further from the other's than the people between them", () => {
  const dir = tempDir("vsw-derived-");
  const values = (name: string, value: string) => folder(dir, name, "values.csv", "la_code,period,indicator,value", [`E06000001,2023,cla_missing_pct,${value}`]);
  const run1 = values("a", "10.131268933019186"); // 301 of 2971
  // 1 of 3 (33.33…%): 990 of 2970 is one child from 2971, but 689 children more than 301 counted: not a pair
  assert.equal(scanPaths([run1, values("b", String((1 / 3) * 100))]).total, 0);
  // 10 of 99 (300 of 2970 in lowest terms, written 10.1010101010101): 30 times it is one child fewer, and as many counted
  const fewer = scanPaths([run1, values("c", String((300 / 2970) * 100))]);
  assert.equal(fewer.total, 1);
  assert.match(fewer.findings[0].message, /300 of 2970 \(derived from the value's 15 digits as 10 of 99, times 30\)/);
});

test("a count derived beside the same count published is compared once, as published: two packages give the pairs of their indicators.csv, each once", () => {
  const dir = tempDir("vsw-derived-");
  const run = (name: string, r: typeof RUN1) => {
    const at = folder(dir, name, "intervals.csv", INTERVALS_HEADER, r.intervals);
    fs.writeFileSync(path.join(at, "indicators.csv"), `${INDICATORS_HEADER}\n${r.indicators.join("\n")}\n`);
    return at;
  };
  const rt1 = run("rt1", RUN1);
  const rt2 = run("rt2", RUN2);
  assert.equal(scanPaths([rt1]).total, 0, "a package's intervals give back its own counts: no pair");
  const report = scanPaths([rt1, rt2]);
  assert.equal(report.total, 2);
  assert.deepEqual(report.findings.map((f) => [path.basename(f.file), f.location, f.value]), [
    ["indicators.csv", 'row 1 column "numerator"', "283 − 283"],
    ["indicators.csv", 'row 2 column "numerator"', "301 − 302"],
  ]);
  assert.ok(!report.findings.some((f) => f.message.includes("(derived from")));
  // one run's intervals beside the other's indicators: the derived count meets the published one
  const cross = scanPaths([folder(dir, "iv1", "intervals.csv", INTERVALS_HEADER, RUN1.intervals), path.join(rt2, "indicators.csv")]);
  assert.equal(cross.total, 2);
  assert.match(cross.findings[1].message, /^301 of 2971 \(derived from the value and its 95% Wilson bounds\) here and 302 of 2972 in /);
});

test("rounded shares, means, rates and official rows give no derived count", () => {
  const header = ["la_code", "period", "indicator", "value", "lower", "upper", "conf", "method"];
  const rows = [
    ["E06000001", "2023", "cla_missing_pct", "10.1", "9.1", "11.3", "0.95", "wilson"], // rounded: many n fit
    ["E06000001", "2023", "pilot_child_survey_trust_staff_mean", "3.3333333333333335", "2.9", "3.8", "0.95", "t"], // a mean
    ["E06000001", "2023", "cla_rate_per_10k", "71.42857142857143", "60.1", "84.2", "0.95", "byar"], // a rate
    ["E06000001", "2023", "cla_3plus_placements_pct", "12.999540652273772", "11.651776621137468", "14.47765413211133", "0.95", "wilson"],
  ];
  const counts = publishedCountsOfTable("iv.csv", header, rows, (r, k) => `row ${r} column ${k}`, { publishedIndicators: new Set(["cla_3plus_placements_pct"]) });
  assert.deepEqual(counts, []);
  const own = publishedCountsOfTable("iv.csv", header, rows.slice(3), (r, k) => `row ${r} column ${k}`);
  assert.deepEqual(own.map((c) => [c.count, c.denominator, c.derived?.from, c.location]), [[283, 2177, "wilson", "row 1 column 3"]]);
});

test("a denominator column left blank (own values added without counts) gives way to the share's digits; one written 0 or not whole gives nothing", () => {
  const header = INDICATORS_HEADER.split(",");
  const rows = [
    ["E06000001", "2023", "own_reviews_pct", "12.999540652273772", "", "", ""],
    ["E06000001", "2023", "own_reviews_pct", "12.999540652273772", "", "0", ""],
    ["E06000001", "2023", "own_reviews_pct", "12.999540652273772", "", "many", ""],
    ["E06000001", "2023", "own_score", "12.999540652273772", "", "", ""], // not a share by its id
  ];
  const counts = publishedCountsOfTable("i.csv", header, rows, (r) => `row ${r}`);
  assert.deepEqual(counts.map((c) => [c.location, c.count, c.denominator, c.derived]), [["row 1", 283, 2177, { from: "digits", digits: 17 }]]);
  const catalogued = publishedCountsOfTable("i.csv", header, rows.slice(3), (r) => `row ${r}`, { percentIndicators: new Set(["own_score"]) });
  assert.equal(catalogued.length, 1, "an indicator of unit percent in the package's catalogue is a share whatever its id");
});
