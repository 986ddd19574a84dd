/**
 * The exemption of published indicators belongs to a package's own resources: a review copied an LA's own returns
 * table under official ids beside an official package, and it passed with 0 findings (the exemption was read from the
 * folder's catalogue and applied to every file in it), where the same file alone had 5.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";
import { writePackage } from "./package-fixture";

const CATALOGUE = [
  "indicator,source,unit",
  "cla_3plus_placements_pct,EES la_children_who_started_to_be_looked_after*.csv: placements,percent",
  "care_leavers_eet_19_21_pct,EES care_leavers*.csv: in education employment or training,percent",
  "",
].join("\n");
const OFFICIAL_ROWS = "la_code,period,indicator,value,numerator,denominator,status\nE06000001,2023,cla_3plus_placements_pct,5.0,3,60,\n";
const OWN_RETURNS = "la_code,period,indicator,value,numerator,denominator,status\nE06000001,2023,cla_3plus_placements_pct,5.0,3,60,\nE06000001,2023,care_leavers_eet_19_21_pct,66.7,4,6,\n";

const locations = (dir: string, file: string) =>
  scanPaths([path.join(dir, file)]).findings.map((f) => `${f.rule} ${f.location}`).sort();

test("a package's own resource keeps the exemption of published indicators", () => {
  const dir = tempDir("vsw-exempt-own-");
  writePackage(dir, { "catalogue.csv": CATALOGUE, "indicators.csv": OFFICIAL_ROWS });
  assert.deepEqual(locations(dir, "indicators.csv"), []);
  assert.equal(scanPaths([dir]).total, 0, "the folder walked: the same");
});

test("a CSV beside an official package that its datapackage.json does not list is checked fully", () => {
  const dir = tempDir("vsw-exempt-beside-");
  writePackage(dir, { "catalogue.csv": CATALOGUE, "indicators.csv": OFFICIAL_ROWS });
  fs.writeFileSync(path.join(dir, "my-la-returns.csv"), OWN_RETURNS);
  const alone = tempDir("vsw-exempt-alone-");
  fs.writeFileSync(path.join(alone, "my-la-returns.csv"), OWN_RETURNS);
  const expected = locations(alone, "my-la-returns.csv");
  assert.ok(expected.length >= 5, `the file alone has its findings (${expected.join("; ")})`);
  assert.deepEqual(locations(dir, "my-la-returns.csv"), expected);
  // walked with the package, the package's own file still passes and the copy does not
  const walked = scanPaths([dir]).findings;
  assert.deepEqual([...new Set(walked.map((f) => path.basename(f.file)))], ["my-la-returns.csv"]);
});

test("a resource changed after the package was written (its sha256 no longer matches) is checked fully", () => {
  const dir = tempDir("vsw-exempt-edited-");
  writePackage(dir, { "catalogue.csv": CATALOGUE, "indicators.csv": OFFICIAL_ROWS });
  fs.appendFileSync(path.join(dir, "indicators.csv"), "E06000001,2023,care_leavers_eet_19_21_pct,66.7,4,6,\n");
  assert.ok(locations(dir, "indicators.csv").includes('small-count row 2 column "numerator"'), "the appended row is checked");
  assert.ok(locations(dir, "indicators.csv").includes('small-count row 1 column "numerator"'), "and so is the package's own row, now unverified");
});

test("a resource listed without a hash, or in another folder, gives no exemption", () => {
  const dir = tempDir("vsw-exempt-nohash-");
  fs.writeFileSync(path.join(dir, "catalogue.csv"), CATALOGUE);
  fs.writeFileSync(path.join(dir, "indicators.csv"), OFFICIAL_ROWS);
  fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify({ resources: [{ path: "indicators.csv" }, { path: "../indicators.csv", hash: "sha256:" + "0".repeat(64) }] }));
  assert.ok(locations(dir, "indicators.csv").length > 0);
});
