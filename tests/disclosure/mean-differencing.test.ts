/**
 * Two published means of one LA, period and indicator whose denominators differ by 1 … threshold − 1 give the
 * newcomers' total back (mean × n differenced). Round 27's user trial, S1-7: a pilot item's mean 3.482142857142857 of
 * 56, then 3.456140350877193 of 57 (one late respondent): totals 195 and 197, so the late respondent answered 2;
 * check-disclosure of the two means alone had found nothing.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  isMeanIndicator,
  MAX_MEANS_PER_KEY,
  meanDifferencingPairs,
  PILOT_WIDEST_SCALE,
  publishedMeansOfTable,
  scaleOfDefinition,
  totalsOfMean,
  type PublishedMean,
} from "../../lib/disclosure/mean-differencing";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";
import { writePackage } from "./package-fixture";

const HEADER = "la_code,period,indicator,value,numerator,denominator,status";
const TRUST = "pilot_child_survey_trust_staff_mean";

/** The differencing findings of scanPaths over CSV files of one row each (file name → row), and its total. */
function scanRows(rows: Record<string, string>, threshold?: number) {
  const dir = tempDir("vsw-mean-differencing-");
  for (const [name, row] of Object.entries(rows)) fs.writeFileSync(path.join(dir, name), `${HEADER}\n${row}\n`);
  const report = scanPaths(Object.keys(rows).map((name) => path.join(dir, name)), threshold === undefined ? {} : { threshold });
  return { findings: report.findings.filter((f) => f.rule === "differencing"), total: report.total };
}

function mean(overrides: Partial<PublishedMean>): PublishedMean {
  return { file: "w1.csv", location: "row 1", la: "E06900009", period: "2023", indicator: TRUST, denominator: 56, text: "3.48", decimals: 2, scale: PILOT_WIDEST_SCALE, ...overrides };
}

test("the trial's pair: two means of one item, 56 and 57 respondents, give the late respondent's answer back", () => {
  const rows = { "means-w1.csv": `E06900009,2023,${TRUST},3.482142857142857,,56,`, "means-w1top1.csv": `E06900009,2023,${TRUST},3.456140350877193,,57,` };
  for (const [name, row] of Object.entries(rows)) assert.equal(scanRows({ [name]: row }).total, 0, `${name} alone passes`);
  const { findings, total } = scanRows(rows);
  assert.equal(total, 1);
  assert.equal(findings[0].location, 'row 1 column "value"');
  assert.match(findings[0].file, /means-w1\.csv$/);
  assert.equal(findings[0].value, "3.482142857142857 of 56 − 3.456140350877193 of 57");
  assert.match(
    findings[0].message,
    /^3\.482142857142857 of 56 here and 3\.456140350877193 of 57 in .*means-w1top1\.csv \(row 1 column "value"\), means of indicator pilot_child_survey_trust_staff_mean, LA E06900009 2023: were the 56 among the 57, the 1 respondent's total \(in one and not the other\) is 2 \(mean × n: 197 − 195\); answers taken as 1–5 \(the pilot's widest scale\)\. Publish the means of one run only$/,
  );
});

test("rounded to 2 decimals the totals are still exact; to 1 decimal small groups still give the total back", () => {
  const two = scanRows({ "a.csv": `E06900009,2023,${TRUST},3.48,,56,`, "b.csv": `E06900009,2023,${TRUST},3.46,,57,` });
  assert.equal(two.total, 1);
  assert.match(two.findings[0].message, /the 1 respondent's total \(in one and not the other\) is 2 \(mean × n: 197 − 195\)/);
  // 42 of 12 respondents' scores (3.5), then one more who answered 1: 43 of 13 (3.3077, written 3.3)
  const one = scanRows({ "a.csv": `E06900009,2023,${TRUST},3.5,,12,`, "b.csv": `E06900009,2023,${TRUST},3.3,,13,` });
  assert.equal(one.total, 1);
  assert.match(one.findings[0].message, /the 1 respondent's total \(in one and not the other\) is 1 \(mean × n: 43 − 42\)/);
  // three more respondents: 3.5 of 12 (42) and 3.4 of 15 (50.25 … 51.75: 51) give their total, 9
  const three = scanRows({ "a.csv": `E06900009,2023,${TRUST},3.5,,12,`, "b.csv": `E06900009,2023,${TRUST},3.4,,15,` });
  assert.match(three.findings[0]?.message ?? "", /the 3 respondents' total \(in one and not the other\) is 9 \(mean × n: 51 − 42\)/);
});

test("a difference that allows every answer on the scale is not a finding: 1 decimal of 56 and 57", () => {
  // 3.5 of 56 is 194 … 198, 3.5 of 57 is 197 … 202: the newcomer answered −1 … 8, so anything from 1 to 5
  assert.equal(scanRows({ "a.csv": `E06900009,2023,${TRUST},3.5,,56,`, "b.csv": `E06900009,2023,${TRUST},3.5,,57,` }).total, 0);
  // whole means: 4 of 20 (70 … 90) and 4 of 21 (73.5 … 94.5: 74 … 94) allow anything
  // (the whole value 4 beside its denominator is a small count of its own: the content rule, not this one)
  assert.equal(scanRows({ "a.csv": `E06900009,2023,${TRUST},4,,20,`, "b.csv": `E06900009,2023,${TRUST},4,,21,` }).findings.length, 0);
});

test("denominators the threshold apart, or equal, are not a pair; threshold − 1 apart are", () => {
  const base = `E06900009,2023,${TRUST},3.48,,56,`;
  assert.equal(scanRows({ "a.csv": base, "b.csv": `E06900009,2023,${TRUST},3.41,,66,` }).total, 0, "10 apart at threshold 10");
  assert.equal(scanRows({ "a.csv": base, "b.csv": `E06900009,2023,${TRUST},3.41,,66,` }, 11).total, 1, "10 apart at threshold 11");
  assert.equal(scanRows({ "a.csv": base, "b.csv": `E06900009,2023,${TRUST},3.46,,56,` }).total, 0, "the same respondents: a changed answer, nobody's answer");
  // 195 of 56, then 9 more answering 4, 4, 4, 4, 4, 4, 4, 4, 3 (35): 230 of 65 = 3.538…
  const nine = scanRows({ "a.csv": base, "b.csv": `E06900009,2023,${TRUST},3.54,,65,` });
  assert.equal(nine.total, 1);
  // 3.54 of 65 is 229.775 … 230.425: 230
  assert.match(nine.findings[0].message, /the 9 respondents' total \(in one and not the other\) is 35 \(mean × n: 230 − 195\)/);
});

test("two means are compared only with one LA, period (however written) and indicator", () => {
  const a = `E06900009,2023,${TRUST},3.48,,56,`;
  assert.equal(scanRows({ "a.csv": a, "b.csv": `E06900010,2023,${TRUST},3.46,,57,` }).total, 0, "another LA");
  assert.equal(scanRows({ "a.csv": a, "b.csv": `E06900009,2024,${TRUST},3.46,,57,` }).total, 0, "another period");
  assert.equal(scanRows({ "a.csv": a, "b.csv": `E06900009,2023,pilot_child_survey_feel_safe_mean,3.46,,57,` }).total, 0, "another item");
  assert.equal(scanRows({ "a.csv": a, "b.csv": `e06900009,2022-23,${TRUST.toUpperCase()},3.46,,57,` }).total, 1, "the same key written otherwise");
});

test("means are told by catalogue unit score or by name; rates are not means, whatever their name", () => {
  assert.equal(isMeanIndicator(TRUST), true);
  assert.equal(isMeanIndicator("own_average_visits_per_child"), true);
  assert.equal(isMeanIndicator("mean_wait_days"), true);
  assert.equal(isMeanIndicator("cla_rate_per_10k"), false);
  assert.equal(isMeanIndicator("average_rate_per_10k"), false, "a rate of a count over a public population: left for later");
  assert.equal(isMeanIndicator("cla_mean_pct"), false, "a share is a count's question");
  assert.equal(isMeanIndicator("cin_ks4_attainment8"), false, "not a mean by its name");
  const units = new Map([["cin_ks4_attainment8", "score"], ["own_mean_rate", "rate_per_10k"]]);
  assert.equal(isMeanIndicator("cin_ks4_attainment8", { indicatorUnits: units }), true, "a catalogue's unit score");
  assert.equal(isMeanIndicator("own_mean_rate", { indicatorUnits: units }), false, "the catalogue's unit, not the name");
  const rates = scanRows({ "a.csv": "E06900009,2023,cla_rate_per_10k,41.5,,2651,", "b.csv": "E06900009,2023,cla_rate_per_10k,41.6,,2652," });
  assert.equal(rates.total, 0);
});

test("a mean of unknown scale and answers that need not be whole: the finding gives the interval of totals", () => {
  // 2.35 of 20 is 46.9 … 47.1, 2.4 of 21 is 49.35 … 51.45: the one more child's total is 2.25 … 4.55
  const { findings, total } = scanRows({ "a.csv": "E06900009,2023,own_average_visits,2.35,,20,", "b.csv": "E06900009,2023,own_average_visits,2.4,,21," });
  assert.equal(total, 1);
  assert.match(findings[0].message, /the 1 respondent's total \(in one and not the other\) is 2\.24 to 4\.56 \(mean × n: 49\.34 to 51\.46 − 46\.89 to 47\.11\); the scale of the answers is not known here/);
});

test("in packages the catalogue gives the unit and the scale: an audit4 mean pinned below its spread is a finding", () => {
  const root = tempDir("vsw-mean-packages-");
  const definition = '"Mean score on scale audit4 (1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate) of responses to ""Plan quality"""';
  const catalogue = `indicator,label,domain,polarity,unit,numerator,denominator,source,definition\nown_audit_plan,Plan quality,valued-and-involved,down,score,,,own: audit,${definition}\n`;
  const packages = ["w1", "w2"].map((name, i) => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    // 2.50 of 20 (50), then 2 more answering 4 and 4: 58 of 22 = 2.636… (2.64)
    writePackage(dir, { "catalogue.csv": catalogue, "indicators.csv": `${HEADER}\nE06900009,2023,own_audit_plan,${i === 0 ? "2.50" : "2.64"},,${i === 0 ? 20 : 22},\n` });
    return dir;
  });
  const findings = scanPaths(packages).findings.filter((f) => f.rule === "differencing");
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /means of indicator own_audit_plan, LA E06900009 2023: were the 20 among the 22, the 2 respondents' total \(in one and not the other\) is 8 \(mean × n: 58 − 50\); answers 1–4 \(the catalogue's scale\)/);
  // to 1 decimal, 2.5 of 20 is 49 … 51: the two's total is 7 or 8 of the 2 … 8 their answers allow
  fs.writeFileSync(path.join(packages[0], "indicators.csv"), `${HEADER}\nE06900009,2023,own_audit_plan,2.5,,20,\n`);
  assert.match(scanPaths(packages).findings.map((f) => f.message).join(" | "), /the 2 respondents' total \(in one and not the other\) is 7 to 8 \(mean × n: 58 − 49 to 51\)/);
});

test("the scale is read from a catalogue definition as the pilot writes it", () => {
  assert.deepEqual(scaleOfDefinition("Mean score on scale likert5 (1 Strongly disagree, 2 Disagree, 3 Neither agree nor disagree, 4 Agree, 5 Strongly agree) of responses"), { min: 1, max: 5, whole: true, from: "catalogue" });
  assert.deepEqual(scaleOfDefinition("Mean score on scale audit4 (1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate) of …"), { min: 1, max: 4, whole: true, from: "catalogue" });
  assert.equal(scaleOfDefinition("Average Attainment 8 score of children in need"), undefined);
  assert.equal(scaleOfDefinition("on scale x (Strongly disagree, Agree)"), undefined, "labels without scores");
  const long = `Mean score on scale x (${Array.from({ length: 300000 }, (_, i) => `${i} a`).join(", ")})`;
  assert.deepEqual(scaleOfDefinition(long), { min: 0, max: 299999, whole: true, from: "catalogue" }, "a hostile catalogue's 300,000 scores: no stack overflow");
});

test("totals are the interval a mean as written allows, whole when the answers are", () => {
  assert.deepEqual(totalsOfMean({ denominator: 56, text: "3.482142857142857", decimals: 15, scale: PILOT_WIDEST_SCALE }), { lo: 195, hi: 195 });
  assert.deepEqual(totalsOfMean({ denominator: 56, text: "3.5", decimals: 1, scale: PILOT_WIDEST_SCALE }), { lo: 194, hi: 198 });
  const any = totalsOfMean({ denominator: 20, text: "2.35", decimals: 2 });
  assert.ok(Math.abs(any.lo - 46.9) < 1e-9 && Math.abs(any.hi - 47.1) < 1e-9, JSON.stringify(any));
});

test("means are read from value beside a whole denominator; blanks, suppressed rows, official rows and inputs are left alone", () => {
  const header = Object.freeze(HEADER.split(","));
  const rows = Object.freeze([
    Object.freeze(["E06900009", "2023", TRUST, "3.48", "", "56", ""]),
    Object.freeze(["E06900009", "2023", TRUST, "", "", "", "suppressed:disclosure"]),
    Object.freeze(["E06900009", "2023", TRUST, "3.48", "", "56.0", ""]),
    Object.freeze(["E06900009", "2023", TRUST, "3.48", "", "", ""]),
    Object.freeze(["E06900009", "2023", TRUST, "3.4e0", "", "56", ""]),
    Object.freeze(["E06900009", "2023", "cla_sdq_average", "14.1", "", "56", ""]),
  ]);
  const means = publishedMeansOfTable("t.csv", header, rows, (r, k) => `row ${r} column ${k}`, { publishedIndicators: new Set(["cla_sdq_average"]) });
  assert.deepEqual(means.map((m) => [m.location, m.denominator, m.decimals]), [["row 1 column 3", 56, 2], ["row 3 column 3", 56, 2]]);
});

test("a key of more distinct means than are compared is one finding, not millions of comparisons", () => {
  const many = Array.from({ length: MAX_MEANS_PER_KEY + 1 }, (_, i) => mean({ location: `row ${i + 1}`, denominator: 50 + (i % 5), text: (3 + i / 1000).toFixed(3), decimals: 3 }));
  const found = meanDifferencingPairs(many, 10);
  assert.equal(found.pairs.length, 0);
  assert.deepEqual(found.crowded.map((c) => [c.first.location, c.means]), [["row 1", MAX_MEANS_PER_KEY + 1]]);
  const dir = tempDir("vsw-mean-crowded-");
  const rows = Array.from({ length: MAX_MEANS_PER_KEY + 1 }, (_, i) => `E06900009,2023,${TRUST},${(3 + i / 1000).toFixed(3)},,${50 + (i % 5)},`);
  fs.writeFileSync(path.join(dir, "many.csv"), `${HEADER}\n${rows.join("\n")}\n`);
  const report = scanPaths([dir]);
  assert.deepEqual(report.findings.map((f) => [f.rule, f.location, f.value]), [["differencing", 'row 1 column "value"', "51 means"]]);
  assert.match(report.findings[0].message, /^51 different means of indicator pilot_child_survey_trust_staff_mean, LA E06900009 2023 \(of this and the other files scanned\), more than the 50 compared two by two: their pairs were not checked\. Publish one mean per LA, period and indicator \(one run\)$/);
  // repeated rows are one mean: 10,000 copies of two means give their pairs, counted, without comparing each
  const copies = Array.from({ length: 10000 }, (_, i) => mean({ location: `row ${i + 1}`, denominator: 56 + (i % 2), text: i % 2 === 0 ? "3.48" : "3.46" }));
  const pairs = meanDifferencingPairs(copies, 10, 50);
  assert.equal(pairs.pairs.length, 50);
  assert.equal(pairs.total, 5000 * 5000);
  assert.deepEqual(pairs.crowded, []);
});

test("means in a semicolon-separated CSV and in a JSON array of records are compared too", () => {
  const dir = tempDir("vsw-mean-forms-");
  fs.writeFileSync(path.join(dir, "w1.csv"), `la_code;period;indicator;value;denominator\nE06900009;2023;${TRUST};3.48;56\n`);
  fs.writeFileSync(path.join(dir, "w2.json"), JSON.stringify([{ la_code: "E06900009", period: "2023", indicator: TRUST, value: 3.46, denominator: 57 }]));
  const findings = scanPaths([dir]).findings;
  assert.deepEqual(findings.map((f) => f.rule), ["differencing"]);
  assert.match(findings[0].message, /^3\.48 of 56 here and 3\.46 of 57 in .*w2\.json \(\$\[0\]\.value\), .*the 1 respondent's total \(in one and not the other\) is 2 \(mean × n: 197 − 195\)/);
});
