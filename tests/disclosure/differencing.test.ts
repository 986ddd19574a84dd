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

test("counts are read from the numerator, or from a percent value as the range of whole counts it fits, never from official rows", () => {
  const rows = Object.freeze([
    Object.freeze(["E06900009", "2023", TRUST, "62.5", "25", "40", ""]),
    Object.freeze(["E06900009", "2023", "own_reviews_pct", "41.7", "", "12", ""]),
    Object.freeze(["E06900009", "2023", "own_reviews_pct", "3", "", "120", ""]), // 3 or 4 of 120: a range
    Object.freeze(["E06900009", "2023", "cla_pct", "50", "20", "40", ""]),
    Object.freeze(["E06900009", "2023", TRUST, "", "", "", "suppressed:disclosure"]),
  ]);
  const counts = publishedCountsOfTable("t.csv", HEADER, rows, (r, k) => `row ${r} column ${k}`, { publishedIndicators: new Set(["cla_pct"]) });
  assert.deepEqual(counts.map((c) => [c.indicator, c.count, c.countMax, c.location]), [
    [TRUST, 25, undefined, "row 1 column 4"],
    ["own_reviews_pct", 5, undefined, "row 2 column 3"],
    ["own_reviews_pct", 3, 4, "row 3 column 3"],
  ]);
  assert.deepEqual(publishedCountsOfTable("t.csv", ["la_code", "value", "numerator", "denominator"], [["E06900009", "50", "20", "40"]], () => ""), [], "no indicator column: nothing to compare");
});

test("two counts of one LA, period, denominator and item that differ by 1 … threshold − 1 are a pair; 0 or the threshold are not; denominators 10 apart are not compared", () => {
  const a = count({});
  assert.deepEqual(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20 })], 10).pairs.map((p) => p.difference), [5]);
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 25 })], 10).total, 0, "the same count (a copy)");
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 15 })], 10).total, 0, "10 apart");
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20 })], 5).total, 0, "5 is not small at threshold 5");
  for (const other of [{ la: "E06900019" }, { period: "2024" }, { denominator: 50 }, { indicator: "pilot_child_survey_feel_safe_pct_positive" }]) {
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

test("keys are compared as a reader would: a period as its year, LA codes and indicator ids whatever their case", () => {
  const a = count({});
  for (const other of [{ period: "2022-23" }, { period: "2022/23" }, { period: "202223" }, { la: "e06900009" }, { indicator: "Pilot_Child_Survey_Trust_Staff_PCT_Positive" }]) {
    assert.deepEqual(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20, ...other })], 10).pairs.map((p) => p.difference), [5], JSON.stringify(other));
  }
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 20, period: "2021-22" })], 10).total, 0, "another year");
});

test("a denominator written 40.0 and a numerator written 20.0 are read as whole numbers; a denominator column named n is read", () => {
  const rows = [["E06900009", "2023", TRUST, "50", "20.0", "40.0", ""]];
  assert.deepEqual(publishedCountsOfTable("t.csv", HEADER, rows, () => "").map((c) => [c.count, c.denominator]), [[20, 40]]);
  const withN = ["la_code", "period", "indicator", "value", "numerator", "n"];
  assert.deepEqual(publishedCountsOfTable("t.csv", withN, [["E06900009", "2023", TRUST, "50", "20", "40"]], () => "").map((c) => [c.count, c.denominator]), [[20, 40]]);
  assert.deepEqual(publishedCountsOfTable("t.csv", HEADER, [["E06900009", "2023", TRUST, "50", "", "40.5", ""]], () => ""), [], "not a whole denominator");
});

test("denominators 1 … threshold − 1 apart are a pair whatever the counts: the few respondents between them are a small group", () => {
  const a = count({});
  const dropped = differencingPairs([a, count({ file: "c2/indicators.csv", count: 24, denominator: 39 })], 10);
  assert.deepEqual(dropped.pairs.map((p) => [p.respondents, p.difference]), [[1, 1]], "25 of 40 and 24 of 39: the dropped respondent answered positive");
  const added = differencingPairs([count({ count: 20 }), count({ file: "c2/indicators.csv", count: 20, denominator: 45 })], 10);
  assert.deepEqual(added.pairs.map((p) => [p.respondents, p.difference]), [[5, 0]], "20 of 40 and 20 of 45: the 5 added answered no");
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 25, denominator: 50 })], 10).total, 0, "10 apart: not a small group");
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 25, denominator: 45 })], 5).total, 0, "5 apart at threshold 5");
});

test("denominators the threshold or more apart: a pair when the respondents added hold a small count who counted or who did not", () => {
  const a = count({ count: 20 }); // 20 of 40
  const other = (c: number, d: number) => count({ file: "c2/indicators.csv", location: "row 7", count: c, denominator: d });
  const few = differencingPairs([a, other(22, 60)], 10);
  assert.deepEqual(few.pairs.map((p) => [p.respondents, p.added]), [[20, { counted: 2, notCounted: 18 }]], "20 of 40 and 22 of 60: 2 of the 20 added counted");
  const most = differencingPairs([other(35, 60), a], 10);
  assert.deepEqual(most.pairs.map((p) => [p.first.count, p.respondents, p.added]), [[35, 20, { counted: 15, notCounted: 5 }]], "20 of 40 and 35 of 60: 5 of the 20 added did not; the count read first is first");
  for (const [c, d, why] of [[30, 60, "10 of 20 counted, 10 did not"], [20, 60, "none counted: 0 is not a small count"], [40, 60, "all 20 counted"], [19, 60, "fewer counted in the larger: not one group among the other"], [22, 70, "2 counted and 28 did not"]] as const) {
    const found = differencingPairs([a, other(c, d)], 10);
    assert.equal(found.total, why.startsWith("2 counted") ? 1 : 0, `20 of 40 and ${c} of ${d}: ${why}`);
  }
  assert.equal(differencingPairs([a, count({ file: "c2/indicators.csv", count: 75, countMax: 76, denominator: 120 })], 10).total, 0, "a rounded percentage's range is not compared across far denominators");
});

/** The differencing findings of scanPaths over packages of one indicators.csv row each (folder name → row). */
function differencingOfPackages(prefix: string, rows: Record<string, string>) {
  const dir = tempDir(prefix);
  const H = "la_code,period,indicator,value,numerator,denominator";
  for (const [name, row] of Object.entries(rows)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "indicators.csv"), `${H}\n${row}\n`);
  }
  return scanPaths(Object.keys(rows).map((name) => path.join(dir, name))).findings.filter((f) => f.rule === "differencing");
}

test("scanPaths reports counts of far denominators whose added respondents hold a small count, naming both files", () => {
  const findings = differencingOfPackages("vsw-differencing-far-", { all: "E06900009,2023,own_visits_pct,50,20,40", more: "E06900009,2023,own_visits_pct,36.7,22,60" });
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /^20 of 40 here and 22 of 60 in .*more.indicators\.csv \(row 1 column "numerator"\), of indicator own_visits_pct, LA E06900009 2023: were the 40 among the 60, 2 of the 20 in one and not the other counted and 18 did not, a small count$/);
});

test("far denominators: a key of many rows is counted without listing every two (a hostile file)", () => {
  const rows: PublishedCount[] = [];
  for (let i = 0; i < 20000; i++) rows.push(count({ location: `row ${i + 1}`, count: 20 + (i % 5), denominator: 40 + 20 * (i % 2) }));
  const found = differencingPairs(rows, 10, 50);
  assert.equal(found.pairs.length, 50, "listed up to the limit");
  // each (count, denominator) of counts 20–24 and denominators 40, 60 is 2,000 rows: of the same denominator, two
  // counts 1–4 apart (10 couples of counts × 2,000² × 2 denominators); of 40 and 60, a larger count of 60 (10 × 2,000²)
  assert.equal(found.total, 10 * 2000 * 2000 * 2 + 10 * 2000 * 2000);
});

test("counts from rounded percentages are ranges: a pair when every difference they allow is small", () => {
  // 63% and 58% of 120 (no numerators): 75–76 and 69–70, a difference of 5 to 7
  const r1 = count({ denominator: 120, count: 75, countMax: 76 });
  const r2 = count({ file: "c2/indicators.csv", denominator: 120, count: 69, countMax: 70 });
  assert.deepEqual(differencingPairs([r1, r2], 10).pairs.map((p) => [p.difference, p.differenceMax]), [[5, 7]]);
  assert.equal(differencingPairs([r1, r2], 7).total, 0, "7 is not small at threshold 7: the difference may be 7");
  assert.equal(differencingPairs([r1, count({ file: "c2/indicators.csv", denominator: 120, count: 76, countMax: 77 })], 10).total, 0, "a difference of 0 is possible");
});

test("scanPaths finds the evasions of a review: another period form, LA case, 40.0, id case, n, a dropped respondent, rounded percentages", () => {
  const dir = tempDir("vsw-differencing-evasions-");
  const table = (name: string, header: string, row: string) => {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "indicators.csv"), `${header}\n${row}\n`);
    return path.join(dir, name);
  };
  const H = "la_code,period,indicator,value,numerator,denominator";
  const base = table("base", H, "E06900009,2023,pilot_s_q_pct_positive,62.5,25,40");
  for (const [name, header, row] of [
    ["period", H, "E06900009,2022-23,pilot_s_q_pct_positive,50,20,40"],
    ["la", H, "e06900009,2023,pilot_s_q_pct_positive,50,20,40"],
    ["whole", H, "E06900009,2023,pilot_s_q_pct_positive,50,20,40.0"],
    ["id", H, "E06900009,2023,Pilot_S_Q_pct_positive,50,20,40"],
    ["ncol", "la_code,period,indicator,value,numerator,n", "E06900009,2023,pilot_s_q_pct_positive,50,20,40"],
    ["dropped", H, "E06900009,2023,pilot_s_q_pct_positive,61.5,24,39"],
  ]) {
    const other = table(name, header, row);
    assert.equal(scanPaths([other]).total, 0, `${name} alone passes`);
    assert.deepEqual(scanPaths([base, other]).findings.map((f) => f.rule), ["differencing"], name);
  }
  const r1 = table("r1", H, "E06900009,2023,pilot_s_q_pct_positive,63,,120");
  const r2 = table("r2", H, "E06900009,2023,pilot_s_q_pct_positive,58,,120");
  assert.match(scanPaths([r1, r2]).findings.map((f) => f.message).join(" | "), /75–76 here and 69–70 in .*their difference 5 to 7 is a small count/);
});

test("counts in a semicolon-separated CSV and in a JSON array of records are compared too", () => {
  const dir = tempDir("vsw-differencing-formats-");
  const write = (name: string, file: string, text: string) => {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, file), text);
    return path.join(dir, name);
  };
  const base = write("base", "indicators.csv", "la_code,period,indicator,value,numerator,denominator\nE06900009,2023,pilot_s_q_pct_positive,62.5,25,40\n");
  const semi = write("semi", "indicators.csv", "la_code;period;indicator;value;numerator;denominator\nE06900009;2023;pilot_s_q_pct_positive;50;20;40\n");
  const json = write("json", "indicators.json", JSON.stringify([{ la_code: "E06900009", period: "2023", indicator: "pilot_s_q_pct_positive", value: 50, numerator: 20, denominator: 40 }]));
  for (const other of [semi, json]) {
    assert.equal(scanPaths([other]).total, 0, `${other} alone passes`);
    assert.deepEqual(scanPaths([base, other]).findings.map((f) => f.rule), ["differencing"], other);
  }
  assert.match(scanPaths([base, json]).findings[0].message, /\(\$\[0\]\.numerator\)/);
  // a quoted cell keeps its commas and semicolons: the separators are swapped, parsed, and swapped back
  const quoted = write("quoted", "notes.csv", 'area;note\nE06900009;"3 respondents; a, b"\n');
  assert.deepEqual(scanPaths([quoted]).findings.map((f) => [f.location, f.value]), [['row 1 column "note"', "3 respondents"]]);
});

test("the people between two near denominators are named as people, not respondents (a returns package's are children)", () => {
  const found = differencingOfPackages("vsw-differencing-near-", { one: "E06900009,2023,cla_missing_pct,10.1,301,2971", two: "E06900009,2023,cla_missing_pct,10.2,302,2972" });
  assert.equal(found.length, 1);
  assert.match(found[0].message, /: the 1 person \(respondents, children\) in one and not the other are a small group, and the counts' difference 1 says how many of them counted$/);
});
