/**
 * Differencing across outputs that key one LA differently (hostile review round 21, F8): by ONS code in one, by name,
 * DfE number or an earlier code in another, with `la`/`la_name` and `year` columns. Resolved over the areas of the
 * packages in the scan, as `add` resolves them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { publishedCountsOfTable } from "../../lib/disclosure/differencing";
import { laKeyAsWritten, laResolver, packageAreasOf } from "../../lib/disclosure/scan-areas";
import { scanPaths } from "../../lib/disclosure/scan-files";
import type { AreaRow } from "../../lib/data/types";
import { tempDir } from "../helpers/temp-dirs";
import { writePackage } from "./package-fixture";

const AREAS_CSV = [
  "la_code,la_name,region_code,region_name,old_la_code,first_period,last_period",
  "E06000001,Hartlepool,E12000001,North East,805,,",
  "E06000002,Middlesbrough,E12000001,North East,806,,",
  "E08000038,Barnsley,E12000003,Yorkshire and The Humber,370,,",
].join("\n") + "\n";

const AREAS: readonly AreaRow[] = Object.freeze([
  Object.freeze({ la_code: "E06000001", la_name: "Hartlepool", region_code: "E12000001", region_name: "North East", old_la_code: "805", first_period: null, last_period: null }),
  Object.freeze({ la_code: "E08000038", la_name: "Barnsley", region_code: "E12000003", region_name: "Yorkshire and The Humber", old_la_code: "370", first_period: null, last_period: null }),
]);

test("laResolver gives one key to an LA's code, earlier code, DfE number and name; unknown cells are compared as written", () => {
  const resolve = laResolver([{ areas: [...AREAS], codeAliases: { E08000016: "E08000038" } }]);
  assert.equal(resolve("E06000001", "2023"), "E06000001");
  assert.equal(resolve("hartlepool", "2022-23"), "E06000001");
  assert.equal(resolve("805", "2023"), "E06000001");
  assert.equal(resolve("E08000016", "2023"), "E08000038");
  assert.equal(resolve("Atlantis", "2023"), laKeyAsWritten("Atlantis"));
  assert.equal(laKeyAsWritten("St. Helens"), laKeyAsWritten("Saint Helens"));
  assert.equal(laKeyAsWritten("e06000001"), "E06000001");
});

test("counts are read under the LA and period columns add accepts (la, la_name, year, measure)", () => {
  const header = Object.freeze(["la", "Year", "measure", "value", "numerator", "denominator"]);
  const counts = publishedCountsOfTable("b.csv", header, [["Hartlepool", "2023", "fgc_pct", "50", "20", "40"]], (r) => `row ${r}`);
  assert.deepEqual(counts.map((c) => [c.la, c.period, c.indicator, c.count, c.denominator]), [["Hartlepool", "2023", "fgc_pct", 20, 40]]);
});

test("packageAreasOf reads a package's areas.csv and earlier codes; a folder that is no package gives none", () => {
  const dir = tempDir("disc-areas-");
  writePackage(dir, { "areas.csv": AREAS_CSV });
  const descriptor = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify({ ...descriptor, provenance: { code_aliases: { E08000016: "E08000038" } } }));
  const known = packageAreasOf(dir)!;
  assert.equal(known.areas.length, 3);
  assert.deepEqual(known.areas[0], AREAS[0]);
  assert.deepEqual(known.codeAliases, { E08000016: "E08000038" });
  const bare = tempDir("disc-areas-bare-");
  fs.writeFileSync(path.join(bare, "areas.csv"), AREAS_CSV);
  assert.equal(packageAreasOf(bare), undefined);
});

test("one count keyed by code, by name, by DfE number or under la/year is a differencing pair when a package's areas are scanned", () => {
  const dir = tempDir("disc-la-keys-");
  const write = (folder: string, file: string, text: string) => {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, file), text);
  };
  fs.mkdirSync(path.join(dir, "pkg"));
  writePackage(path.join(dir, "pkg"), { "areas.csv": AREAS_CSV });
  write("d1", "a.csv", "la_code,period,indicator,value,numerator,denominator\nE06000001,2023,fgc_pct,62.5,25,40\n");
  write("d7", "b.csv", "la_name,period,indicator,value,numerator,denominator\nHartlepool,2023,fgc_pct,50,20,40\n");
  write("d9", "b.csv", "la_code,period,indicator,value,numerator,denominator\n805,2023,fgc_pct,50,20,40\n");
  write("d10", "b.csv", "la,year,indicator,value,numerator,denominator\nE06000001,2023,fgc_pct,50,20,40\n");
  write("d4", "b.json", '[{"la_code":"805","period":"2022/23","indicator":"fgc_pct","value":50,"numerator":20,"denominator":40}]');
  // another LA's count: no pair
  write("d11", "b.csv", "la_name,period,indicator,value,numerator,denominator\nMiddlesbrough,2023,fgc_pct,50,20,40\n");
  const pairs = (other: string, withAreas = true) =>
    scanPaths([...(withAreas ? [path.join(dir, "pkg")] : []), path.join(dir, "d1"), path.join(dir, other)]).findings.filter((f) => f.rule === "differencing");
  for (const other of ["d7", "d9", "d10", "d4"]) {
    const found = pairs(other);
    assert.equal(found.length, 1, other);
    assert.match(found[0].message, /25 here and 20 in .*both of denominator 40: their difference 5/, other);
  }
  assert.equal(pairs("d11").length, 0);
  // la/year need no areas; a name or number does
  assert.equal(pairs("d10", false).length, 1);
  assert.equal(pairs("d7", false).length, 0);
});
