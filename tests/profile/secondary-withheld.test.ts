/**
 * A profile never gives a withheld count back through the figures beside it (task h24-prof): a review found Leeds 2025
 * with 55 adopted, 47 with consent dispensed, 15% and 85% shown beside its withheld 8 unopposed (55 − 47 = 8, 15% of
 * 55 ≈ 8), in the official package and, as own data, in a package whose small counts are not published.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readPackage, writePackage } from "../../lib/data/package";
import type { AreaRow, CatalogueRow, IndicatorRow } from "../../lib/data/types";
import { buildLaProfile, profileIndex, type LaProfile } from "../../lib/profile";
import { writeProfile } from "../../lib/report/profile-report";
import { scanPaths } from "../../lib/disclosure";
import { tableOf, UNPUBLISHED_TABLE } from "../../lib/profile/secondary-withheld";
import { tempDir } from "../helpers/temp-dirs";

const AREAS: AreaRow[] = Array.from({ length: 12 }, (_, i) => ({
  la_code: `E089000${String(i).padStart(2, "0")}`, la_name: `Area ${String.fromCharCode(65 + i)}`, region_code: "E12000003",
  region_name: "Yorkshire and The Humber", old_la_code: "", first_period: null, last_period: null,
}));
const LEEDS = AREAS[0].la_code;
const LAIT = (desc: string) => `LAIT big data sheet (bds_long), Short Desc "${desc}", topic Adoption; polarity, unit and definition from lait_data_dictionary.csv`;

/**
 * The adoption table's five figures, as LAIT publishes them (one topic) or as own data (one file; with `ownFiles`, the
 * counts from one `add` file and the percentages from another).
 */
function catalogue(own: boolean, ownFiles = false): CatalogueRow[] {
  const ownSource = (unit: string) => (ownFiles && unit === "percent" ? "Own data: adoption-rates.csv" : "Own data: adoptions.csv");
  const row = (indicator: string, label: string, unit: "count" | "percent"): CatalogueRow => ({
    indicator, label, domain: "child-wellbeing", polarity: "none", unit, numerator: "", denominator: "", source: own ? ownSource(unit) : LAIT(indicator), definition: "",
  });
  return [
    row("adopted", "Number of CLA adopted in year", "count"),
    row("unopposed", "Number CLA Adopted - application unopposed", "count"),
    row("dispensed", "Number CLA Adopted - consent dispensed with", "count"),
    row("unopposed_pct", "Percent CLA Adopted - application unopposed", "percent"),
    row("dispensed_pct", "Percent CLA Adopted - consent dispensed with", "percent"),
  ];
}

/** Twelve LAs in 2025: the first is Leeds (55 = 8 + 47, 15% and 85%), the others' parts 12 or more. */
function adoptionsPackage(own: boolean, ownFiles = false): string {
  const indicators: IndicatorRow[] = [];
  AREAS.forEach((a, i) => {
    const [unopposed, dispensed] = i === 0 ? [8, 47] : [12 + i, 30 + 3 * i];
    const total = unopposed + dispensed;
    const figures: [string, number][] = [
      ["adopted", total], ["unopposed", unopposed], ["dispensed", dispensed],
      ["unopposed_pct", Math.round((100 * unopposed) / total)], ["dispensed_pct", Math.round((100 * dispensed) / total)],
    ];
    for (const [indicator, value] of figures) indicators.push({ la_code: a.la_code, period: 2025, indicator, value, numerator: null, denominator: null, status: "" });
  });
  const dir = tempDir("vsw-adoptions-");
  writePackage(dir, {
    name: "adoptions", title: "Adoptions, Leeds' pattern", created: "2026-01-01", areas: AREAS, catalogue: catalogue(own, ownFiles), indicators,
    context: AREAS.map((a, i) => ({ la_code: a.la_code, period: 2025, variable: "idaci_score", value: 0.1 + 0.01 * i })), outcomes: [],
  });
  return dir;
}

const valuesOf = (p: LaProfile) => Object.fromEntries(p.indicators.map((x) => [x.indicator, x.value]));

for (const own of [false, true]) {
  const kind = own ? "own data" : "official data";
  test(`${kind}: beside the withheld 8, the 47 and both percentages are withheld, saying why; the total is shown`, () => {
    const p = buildLaProfile(profileIndex(readPackage(adoptionsPackage(own))), LEEDS, { neighbours: "context" });
    assert.deepEqual(valuesOf(p), { adopted: 55, unopposed: null, dispensed: null, unopposed_pct: null, dispensed_pct: null });
    const dispensed = p.indicators.find((x) => x.indicator === "dispensed")!;
    assert.equal(dispensed.status, "suppressed:disclosure");
    assert.equal(dispensed.withheldNote, 'withheld: beside "Number of CLA adopted in year" it would give back a count under 10');
    assert.deepEqual([dispensed.rank, dispensed.band, dispensed.headline.outcome], [null, null, "not-compared"]);
    assert.equal(p.indicators.find((x) => x.indicator === "unopposed")!.withheldNote, undefined, "the small count is withheld by the one-figure rule");
    // the other LAs' figures give nothing back: all shown
    const other = buildLaProfile(profileIndex(readPackage(adoptionsPackage(own))), AREAS[1].la_code, { neighbours: "context" });
    assert.ok(Object.values(valuesOf(other)).every((v) => v !== null));
  });

  test(`${kind}: another LA's page shows Leeds' 47 nowhere, and check-disclosure passes the pages`, () => {
    const dir = adoptionsPackage(own);
    const index = profileIndex(readPackage(dir));
    const out = tempDir("vsw-adoptions-out-");
    for (const a of AREAS) {
      const p = buildLaProfile(index, a.la_code, { neighbours: "context" });
      const x = p.indicators.find((i) => i.indicator === "dispensed")!;
      const leeds = x.neighbourLatest.find((n) => n.la_code === LEEDS);
      if (leeds) assert.equal(leeds.value, null, a.la_code);
      // an unpublished 47 is out of the LAs' distribution (its maximum had been it); a published one stays in
      if (own) assert.ok(x.distribution.max !== 47 && x.distribution.withheldLeftOut === 1, `${a.la_code}: ${JSON.stringify(x.distribution)}`);
      writeProfile(p, dir, path.join(out, a.la_code));
    }
    const page = fs.readFileSync(path.join(out, LEEDS, "profile.html"), "utf8");
    assert.match(page, /Number CLA Adopted - consent dispensed with: withheld: beside &quot;Number of CLA adopted in year&quot; it would give back a count under 10/);
    const report = scanPaths(own ? [dir, out] : [out]);
    assert.deepEqual(report.findings.filter((f) => !f.file.startsWith(dir)), []);
  });
}

test("a figure's table is its LAIT topic or its source file; every unpublished figure (own, pilot, returns) is one table", () => {
  assert.equal(tableOf(LAIT("unopposed")), "LAIT Adoption");
  assert.equal(tableOf("EES la_cla_placement_stability*.csv: percentage"), "EES la_cla_placement_stability*.csv");
  for (const own of ["Own data: adoptions.csv", "Own data: rates.xlsx", "pilot: Child survey (instruments.json)"]) assert.equal(tableOf(own), UNPUBLISHED_TABLE, own);
});

test("own data added from two files, counts in one and percentages in the other, are one table: the percentage beside the total is withheld", () => {
  // a last review of round 24: 55 adopted from one add file and 14.5% unopposed from another gave the withheld 8 back
  const p = buildLaProfile(profileIndex(readPackage(adoptionsPackage(true, true))), LEEDS, { neighbours: "context" });
  assert.deepEqual(valuesOf(p), { adopted: 55, unopposed: null, dispensed: null, unopposed_pct: null, dispensed_pct: null });
});
