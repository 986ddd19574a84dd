/**
 * `add --replace` with one council's figures (its own SSDA903 return, official ids) had dropped every other LA's values
 * of the indicator and its benchmarks, exit 0: now refused unless --replace-all, which says what it drops.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { addOwnData, planOwnData } from "../../../lib/data/own-data/add";
import { readPackage, writePackage } from "../../../lib/data/package";
import { main } from "../../../lib/cli/main";
import { capture } from "../../helpers/cli";
import { tempDir } from "../../helpers/temp-dirs";
import { FIXTURE_ALIASES, FIXTURE_AREAS, tempFile, writeFixturePackage } from "./fixture";

const META = { unit: "rate_per_10k", polarity: "none", domain: "child-safe" } as const;
const HULL_ONLY = "la_code,period,cla_rate_per_10k\nE06000010,2019,61\n";

test("--replace refuses to drop other LAs' values, naming how many and which, and writes nothing", () => {
  const dir = writeFixturePackage();
  const before = fs.readFileSync(path.join(dir, "indicators.csv"), "utf8");
  const plan = planOwnData(readPackage(dir), tempFile("hull.csv", HULL_ONLY), { metadata: META, replace: true });
  assert.equal(plan.errors.length, 1);
  assert.match(plan.errors[0].message, /column "cla_rate_per_10k": got "cla_rate_per_10k", expected a file giving every LA and year the package has a row of cla_rate_per_10k for \(a value, or none with its reason\): replacing it would drop 5 value\(s\) of 5 LA\(s\) for years your file gives them no value or symbol \(E06000023 2019, .*, …; years 2019\)\. Give your figures another id to keep both series, or pass --replace-all/);
  assert.deepEqual(plan.report.replacementDrops, [{ indicator: "cla_rate_per_10k", lasDropped: 5, rowsDropped: 5, missingDropped: 0, periodsDropped: [2019], benchmarkRows: 0 }]);
  assert.throws(() => addOwnData(dir, tempFile("hull.csv", HULL_ONLY), { metadata: META, replace: true }), /was not added/);
  assert.equal(fs.readFileSync(path.join(dir, "indicators.csv"), "utf8"), before, "nothing written");
});

test("--replace goes ahead when the file gives every LA with a value; --replace-all replaces the whole series", () => {
  const dir = writeFixturePackage();
  const every = ["la_code,period,cla_rate_per_10k", ...["E06000010", "E06000023", "E06000065", "E08000013", "E08000038", "E10000009"].map((c) => `${c},2019,40`)].join("\n");
  const full = planOwnData(readPackage(dir), tempFile("all.csv", every), { metadata: META, replace: true });
  assert.equal(full.errors.length, 0);
  assert.deepEqual(full.report.replacementDrops, [{ indicator: "cla_rate_per_10k", lasDropped: 0, rowsDropped: 0, missingDropped: 0, periodsDropped: [], benchmarkRows: 0 }]);
  const out = path.join(tempDir("vsw-replace-"), "pkg");
  addOwnData(dir, tempFile("hull.csv", HULL_ONLY), { metadata: META, replaceAll: true, out });
  const rows = fs.readFileSync(path.join(out, "indicators.csv"), "utf8").trim().split("\n").slice(1);
  assert.deepEqual(rows.map((r) => r.split(",").slice(0, 4).join(",")), ["E06000010,2019,cla_rate_per_10k,61"]);
});

test("vital-signs add --replace-all says what the replacement drops; --replace refuses", async () => {
  const dir = writeFixturePackage();
  const out = path.join(tempDir("vsw-replace-"), "pkg");
  const args = [tempFile("hull.csv", HULL_ONLY), "--unit", "rate_per_10k", "--polarity", "none", "--domain", "child-safe"];
  const all = capture();
  assert.equal(await main(["add", dir, ...args, "--replace-all", "--out", out], all.io), 0, all.err.join(""));
  assert.match(all.out.join(""), /warning: replacing cla_rate_per_10k drops 5 value\(s\) of 5 LA\(s\) for years your file gives them no value or symbol and 0 England\/region benchmark row\(s\)/);
  const refused = capture();
  assert.equal(await main(["add", dir, ...args, "--replace"], refused.io), 1);
  assert.match(refused.err.join(""), /--replace-all/);
});

test("--replace checks LA and year: every LA given only another year would still drop the package's values, so it is refused", () => {
  // every LA of the package appears in the file, but the living ones only for 2020: their 2019 values would go
  // (an official series of 1,043 rows had become 158 that way, with the warning "drops 0 value(s) of 0 LA(s)")
  const dir = writeFixturePackage();
  const later = ["la_code,period,cla_rate_per_10k", "E10000009,2019,40", ...["E06000010", "E06000023", "E06000065", "E08000013", "E08000038"].map((c) => `${c},2020,40`)].join("\n");
  const plan = planOwnData(readPackage(dir), tempFile("later.csv", later), { metadata: META, replace: true });
  assert.equal(plan.errors.length, 1);
  assert.match(plan.errors[0].message, /would drop 5 value\(s\) of 5 LA\(s\) for years your file gives them no value or symbol \(E06000010 2019, E06000023 2019, E06000065 2019, …; years 2019\)/);
  assert.deepEqual(plan.report.replacementDrops, [{ indicator: "cla_rate_per_10k", lasDropped: 5, rowsDropped: 5, missingDropped: 0, periodsDropped: [2019], benchmarkRows: 0 }]);
});

test("--replace counts a cell with no value but a reason as dropped: suppressed cells do not go without a word", () => {
  // a file giving the LA-years with a value dropped 361 suppressed cells of an official series, exit 0, with the
  // warning "drops 0 value(s) of 0 LA(s)" (hostile review F2)
  const dir = tempDir("vsw-replace-suppressed-");
  writePackage(dir, {
    name: "fixture", title: "Own-data fixture, one cell suppressed", created: "2026-01-01", provenance: { code_aliases: FIXTURE_ALIASES }, areas: FIXTURE_AREAS,
    catalogue: [{ indicator: "cla_rate_per_10k", label: "CLA rate", domain: "child-safe", polarity: "none", unit: "rate_per_10k", numerator: "", denominator: "", source: "test", definition: "" }],
    indicators: FIXTURE_AREAS.filter((a) => a.first_period === null || a.first_period <= 2019).map((a) => ({
      la_code: a.la_code, period: 2019, indicator: "cla_rate_per_10k", numerator: null, denominator: null,
      ...(a.la_code === "E08000013" ? { value: null, status: "suppressed:c" } : { value: 50, status: "" }),
    })),
    context: [], outcomes: [],
  });
  const pkg = readPackage(dir);
  const others = ["la_code,period,cla_rate_per_10k", ...["E06000010", "E06000023", "E06000065", "E08000038", "E10000009"].map((c) => `${c},2019,40`)].join("\n");
  const plan = planOwnData(pkg, tempFile("others.csv", others), { metadata: META, replace: true });
  assert.equal(plan.errors.length, 1);
  assert.match(plan.errors[0].message, /would drop 0 value\(s\) and 1 cell\(s\) with no value but a reason \(suppressed, not available\) of 1 LA\(s\) for years your file gives them no value or symbol \(E08000013 2019; years 2019\)/);
  assert.deepEqual(plan.report.replacementDrops, [{ indicator: "cla_rate_per_10k", lasDropped: 1, rowsDropped: 1, missingDropped: 1, periodsDropped: [2019], benchmarkRows: 0 }]);
});

test("--replace: a blank cell does not replace a value; a DfE symbol, which says why there is none, does", () => {
  // a second review: blank cells in a replacement file turned 11 values into not-available:blank without a word
  const dir = writeFixturePackage();
  const las = ["E06000010", "E06000023", "E06000065", "E08000013", "E08000038", "E10000009"];
  const withBlank = ["la_code,period,cla_rate_per_10k", ...las.map((c, i) => `${c},2019,${i === 0 ? "" : 40}`)].join("\n");
  const plan = planOwnData(readPackage(dir), tempFile("blank.csv", withBlank), { metadata: META, replace: true });
  assert.equal(plan.errors.length, 1);
  assert.match(plan.errors[0].message, /would drop 1 value\(s\) of 1 LA\(s\) for years your file gives them no value or symbol \(E06000010 2019; years 2019\)/);
  const withSymbol = withBlank.replace("E06000010,2019,\n", "E06000010,2019,c\n");
  assert.equal(planOwnData(readPackage(dir), tempFile("symbol.csv", withSymbol), { metadata: META, replace: true }).errors.length, 0);
});
