import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as XLSX from "xlsx";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempFile, writeFixturePackage } from "../data/own-data/fixture";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");

test("add prints what was matched how, writes, and refuses with exit 1 and nothing written on an unmatched LA", async () => {
  const dir = writeFixturePackage();
  const ok = tempFile("ok.csv", "la_name,period,visits_pct\nBristol,2022,50\nHull,2022,60\n");
  const c = capture();
  assert.equal(await main(["add", dir, ok, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], c.io), 0, c.err.join(""));
  const out = c.out.join("");
  assert.match(out, /LAs matched: 1 by name, 1 by name variant/);
  assert.match(out, /"Hull" → Kingston upon Hull, City of \(E06000010, name variant\)/);
  assert.match(out, /added 1 indicator\(s\), 2 rows to .*re-hashed and validated/);
  const before = fs.readFileSync(path.join(dir, "indicators.csv"), "utf8");
  const bad = tempFile("bad.csv", "la_name,period,other_pct\nBristol,2022,50\nNowhere,2022,60\n");
  const d = capture();
  assert.equal(await main(["add", dir, bad, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], d.io), 1);
  assert.match(d.out.join(""), /not matched: 1 row\(s\)\n    row 2 "Nowhere": no LA named "Nowhere"/);
  assert.match(d.err.join(""), /vital-signs add: .*bad\.csv was not added \(nothing written\)/);
  assert.equal(fs.readFileSync(path.join(dir, "indicators.csv"), "utf8"), before);
});

test("add works out a blank value from its numerator and denominator for a percentage and says how many per indicator", async () => {
  const dir = writeFixturePackage();
  const file = tempFile("counts.csv", "la_code,period,indicator,value,numerator,denominator\nE06000023,2024,own_pct,,1,3\nE06000010,2024,own_pct,,30,120\nE08000013,2024,own_pct,,0,0\n");
  const c = capture();
  assert.equal(await main(["add", dir, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], c.io), 0, c.err.join(""));
  assert.match(c.out.join(""), /\n  own_pct \(percent\): 2 values, 1 missing, periods 2024; 2 values worked out from their counts \(numerator ÷ denominator × 100, unrounded\), 1 blank value\(s\) beside denominator 0 left missing \(not applicable\)\n/);
  assert.doesNotMatch(c.out.join(""), /warning/);
  const written = fs.readFileSync(path.join(dir, "indicators.csv"), "utf8").split("\n").filter((l) => l.includes("own_pct"));
  assert.deepEqual(written.map((l) => l.split(",").slice(0, 4).join(",") + "," + l.split(",").at(-1)), [
    "E06000023,2024,own_pct,33.33333333333333,", "E06000010,2024,own_pct,25,", "E08000013,2024,own_pct,,not-applicable:zero-denominator",
  ]);
});

test("add prints a warning, and still adds, when a percent column's values all lie from 0 to 1 (walkthrough F13b)", async () => {
  const dir = writeFixturePackage();
  const file = tempFile("frac.csv", "la_code,period,share_pct\nE06000023,2024,0.45\nE08000013,2024,0.52\n");
  const c = capture();
  assert.equal(await main(["add", dir, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], c.io), 0, c.err.join(""));
  assert.match(c.out.join(""), /\n  warning: share_pct \(column "share_pct"\): all 2 values lie between 0 and 1 \(0\.45 to 0\.52\), but its unit is percent \(0 to 100\): if these are proportions, multiply them by 100, or give the unit ratio/);
  assert.match(c.out.join(""), /added 1 indicator\(s\), 2 rows/);
});

/** A one-sheet workbook of pct_ind for three LAs (0.45, 0.3 and `third`), the cells `formatted` in Excel's 0% format. */
function percentWorkbook(name: string, third: number, formatted: readonly string[]): string {
  const sheet = XLSX.utils.aoa_to_sheet([["la_code", "period", "pct_ind"], ["E06000023", 2023, 0.45], ["E06000010", 2023, 0.3], ["E08000013", 2023, third]]);
  for (const ref of formatted) sheet[ref].z = "0%";
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, "Sheet1");
  const file = path.join(tempDir("vsw-cli-pct-"), name);
  fs.writeFileSync(file, XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
  return file;
}

test("add refuses a percent column that mixes cells formatted as percentages with plain numbers, naming the first plain cell", async () => {
  // a hostile review (H17): 54% beside 0.55 had been added as 54 and 0.55, side by side, without a word
  const dir = writeFixturePackage();
  const file = percentWorkbook("mix.xlsx", 0.55, ["C2", "C3"]);
  const before = fs.readFileSync(path.join(dir, "indicators.csv"), "utf8");
  const r = capture();
  assert.equal(await main(["add", dir, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], r.io), 1);
  assert.match(r.err.join(""), /mix\.xlsx, sheet "Sheet1", row 4, column "pct_ind": got "0\.55", expected a cell formatted as the column's others are: 2 cells are formatted as percentages \(cell C2 shows 45%, read as 45\) but this one is a plain number, read as written; format the whole column one way/);
  assert.equal(fs.readFileSync(path.join(dir, "indicators.csv"), "utf8"), before, "nothing written");
});

test("add reads XLSX cells formatted as percentages as shown for unit percent and says so; for unit ratio it refuses and writes nothing", async () => {
  const dir = writeFixturePackage();
  const file = percentWorkbook("pct.xlsx", 0.125, ["C2", "C3", "C4"]);
  const before = fs.readFileSync(path.join(dir, "indicators.csv"), "utf8");
  const r = capture();
  assert.equal(await main(["add", dir, file, "--unit", "ratio", "--polarity", "up", "--domain", "workforce"], r.io), 1);
  assert.match(r.err.join(""), /pct\.xlsx, sheet "Sheet1", row 2, column "pct_ind": got "45%", expected a number \(cell C2 and 2 more cells of this column are formatted as percentages, shown ×100: give the unit percent, or format the column as a number\)/);
  assert.doesNotMatch(r.out.join(""), /read as shown/);
  assert.equal(fs.readFileSync(path.join(dir, "indicators.csv"), "utf8"), before, "nothing written");
  const c = capture();
  assert.equal(await main(["add", dir, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], c.io), 0, c.err.join(""));
  // the words say what is read: the value × 100 with every decimal, not the rounded figure a 0% format shows (review
  // r24 finding 8: 0.525 shown as 53% is read as 52.5, and the note had said "read as shown")
  assert.match(c.out.join(""), /\n  pct_ind \(percent\): 3 values, 0 missing, periods 2023; 3 cells formatted as percentages in Excel read as the cell's value × 100 \(C2: 0\.45 → 45\), every decimal kept, not rounded as Excel shows it \(0\.525 shown as 53% is 52\.5\)\n/);
  assert.doesNotMatch(c.out.join(""), /read as shown/);
  assert.match(fs.readFileSync(path.join(dir, "indicators.csv"), "utf8"), /E06000023,2023,pct_ind,45,.*\nE06000010,2023,pct_ind,30,.*\nE08000013,2023,pct_ind,12\.5,/);
});

test("add --help lists the allowed units, polarities and domains; a bad one is refused naming them", async () => {
  const h = capture();
  assert.equal(await main(["add", "--help"], h.io), 0);
  assert.match(h.out.join(""), /unit: percent, rate_per_10k, ratio, count, score, gbp\n  polarity: up, down, none\n  domain: conditions-and-culture,/);
  const dir = writeFixturePackage();
  const c = capture();
  assert.equal(await main(["add", dir, tempFile("x.csv", "la_code,period,y\nE06000023,2022,1\n"), "--unit", "per_1000", "--polarity", "up", "--domain", "workforce"], c.io), 1);
  assert.match(c.err.join(""), /expected a unit that is one of percent, rate_per_10k, ratio, count, score/);
  const u = capture();
  assert.equal(await main(["add", dir], u.io), 2);
  assert.match(u.err.join(""), /^vital-signs add: PKG and one FILE are required/);
});

test("list shows ids with coverage, as text and as JSON; a bad kind suggests the right one", async () => {
  const c = capture();
  assert.equal(await main(["list", DATASET, "outcomes"], c.io), 0);
  assert.match(c.out.join(""), /^outcomes \(1\):\n  ofsted_overall +150 LAs/);
  const j = capture();
  assert.equal(await main(["list", DATASET, "--json"], j.io), 0);
  const entries = JSON.parse(j.out.join("")) as { kind: string; id: string; las: number }[];
  assert.ok(entries.some((e) => e.kind === "context" && e.id === "idaci_score" && e.las === 150));
  assert.equal(entries.filter((e) => e.kind === "indicators").length, 40);
  const b = capture();
  assert.equal(await main(["list", DATASET, "outcome"], b.io), 2);
  assert.match(b.err.join(""), /did you mean "outcomes"/);
});

test("analyse --las screens within the listed LAs and states the smaller n in stdout and results.json", async () => {
  const out = tempDir("vsw-las-");
  // eight LAs: the fewest complementary half-samples allow with one context variable (2 × (1 + 3): a partial
  // correlation needs 3 LAs more than its controls in each half; tests/cli/analyse-too-few.test.ts refuses fewer)
  const list = tempFile("pilot.txt", "# pilot\nAldholt\nMoorgate, Hartmouth\nE06900004\nE06900005,E06900006\nE06900007\nE06900008\n");
  const c = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--las", list, "--resamples", "20", "--out", out], c.io), 0, c.err.join(""));
  assert.match(c.out.join(""), /restricted to 8 of 150 LAs \(--las .*pilot\.txt\): n is at most 8/);
  const r = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
  assert.deepEqual(r.las_restriction, { rule: `--las ${list}`, n_las: 8, n_las_package: 150, las: ["E06900001", "E06900002", "E06900003", "E06900004", "E06900005", "E06900006", "E06900007", "E06900008"] });
  assert.ok(r.associations.every((a: { n: number }) => a.n <= 8));
  const e = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--las", "Aldholt,Nowhere", "--out", out], e.io), 1);
  assert.match(e.err.join(""), /"Nowhere": no LA named "Nowhere"/);
});

test("analyse --las resolves a name two LAs shared within --period (walkthrough F13c)", async () => {
  const dir = writeFixturePackage();
  // Dorset was E10000009 until 2019 and E06000059 from 2020: in 2024 it is one LA, so only "Nowhere" is not found
  const e = capture();
  assert.equal(await main(["analyse", dir, "--outcome", "cla_rate_per_10k", "--period", "2024", "--las", "Dorset,Nowhere", "--out", tempDir("vsw-las-")], e.io), 1);
  assert.match(e.err.join(""), /not found: "Nowhere": no LA named "Nowhere"/);
  assert.doesNotMatch(e.err.join(""), /Dorset/);
  // without --period the analysis period is the outcome's latest year (2019 here): Dorset is the county council
  const without = capture();
  assert.equal(await main(["analyse", dir, "--outcome", "cla_rate_per_10k", "--las", "Dorset,Nowhere", "--out", tempDir("vsw-las-")], without.io), 1);
  assert.match(without.err.join(""), /not found: "Nowhere": no LA named "Nowhere"/);
  assert.doesNotMatch(without.err.join(""), /Dorset/);
  // add resolves per row and counts the LAs, not the names
  const c = capture();
  const file = tempFile("dorset.csv", "la_name,period,share_pct\nDorset,2018,40\nDorset,2024,41\nBristol,2018,33\n");
  assert.equal(await main(["add", dir, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce", "--out", path.join(tempDir("vsw-las-"), "pkg")], c.io), 0, c.err.join(""));
  assert.match(c.out.join(""), /\n  LAs matched: 3 by name\n    "Dorset" → Dorset \(E10000009, name\), Dorset \(E06000059, name\): each by the row's period\n/);
});

test("import refuses a named file it does not recognise (exit 1), pointing to add", async () => {
  const c = capture();
  const file = tempFile("my.csv", "la_code,year,family_group_conferences_per_1000\nE06000023,2022,3\n");
  assert.equal(await main(["import", file, "--out", path.join(os.tmpdir(), `vsw-import-${process.pid}`)], c.io), 1);
  assert.match(c.err.join(""), /my\.csv: got "CSV header not recognised.*expected an official publication the importer recognises \(for your own indicators use `vital-signs add PKG FILE`\)/);
});

test("add and list check PKG and --out before any work (a missing PKG exits 1, as a missing input file; a file as --out 2)", async () => {
  const missing = capture();
  assert.equal(await main(["add", path.join(os.tmpdir(), "vsw-no-such-pkg"), "x.csv"], missing.io), 1);
  assert.match(missing.err.join(""), /^vital-signs add: PKG: must be an existing data package folder/);
  const file = tempFile("not-a-folder.txt", "x");
  const out = capture();
  assert.equal(await main(["add", writeFixturePackage(), "x.csv", "--out", file], out.io), 2);
  assert.match(out.err.join(""), /--out: must be a folder, not an existing file/);
  const list = capture();
  assert.equal(await main(["list", path.join(os.tmpdir(), "vsw-no-such-pkg")], list.io), 1);
  assert.match(list.err.join(""), /^vital-signs list: PKG: must be an existing data package folder/);
});

test("add --licence records the terms of the file with its source; an empty --licence is refused and nothing is written", async () => {
  const dir = writeFixturePackage();
  const file = tempFile("terms.csv", "la_name,period,terms_pct\nBristol,2022,50\n");
  const flags = ["--unit", "percent", "--polarity", "up", "--domain", "workforce"];
  const before = fs.readFileSync(path.join(dir, "datapackage.json"), "utf8");
  const empty = capture();
  assert.equal(await main(["add", dir, file, ...flags, "--licence", " "], empty.io), 2);
  assert.match(empty.err.join(""), /--licence must name a licence or terms \(got an empty value\)/);
  assert.equal(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"), before);
  const c = capture();
  assert.equal(await main(["add", dir, file, ...flags, "--licence", "Internal use only"], c.io), 0, c.err.join(""));
  const descriptor = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
  assert.deepEqual(descriptor.sources.filter((s: { path?: string }) => s.path === "terms.csv").map((s: { licence?: string }) => s.licence), ["Internal use only"]);
});

test("add of a table with more errors than it lists gives one count, the whole, on the CLI", async () => {
  const rows = Array.from({ length: 300 }, () => "E06000023,2024,abc\n").join("");
  const c = capture();
  assert.equal(await main(["add", writeFixturePackage(), tempFile("bad.csv", `la_code,period,my_pct\n${rows}`), "--unit", "percent", "--polarity", "up", "--domain", "workforce"], c.io), 1);
  const err = c.err.join("");
  assert.match(err, /bad\.csv was not added \(nothing written\): 300 error\(s\) \(the first 200 kept, the rest only counted\)\n/);
  assert.match(err, /\n  … and 280 more\n$/);
  assert.doesNotMatch(err, /200 error\(s\)|180 more/);
});
