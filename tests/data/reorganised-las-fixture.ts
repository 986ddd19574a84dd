/**
 * A small package of LAs around two reorganisations (bcp-dorset-2019, cumbria-2023 of lib/data/import/areas.ts) and
 * two LAs whose official names people write otherwise ("Bristol, City of", "St. Helens"), with an indicator and an
 * indicator outcome for each LA in each year it existed, 2018–2024 (but no outcome for Westmorland and Furness): for
 * the tests of naming LAs on the command line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writePackage } from "../../lib/data/package";
import type { AreaRow } from "../../lib/data/types";
import { tempDir } from "../helpers/temp-dirs";

const area = (la_code: string, la_name: string, region_code: string, region_name: string, old_la_code: string, first: number | null, last: number | null): AreaRow =>
  ({ la_code, la_name, region_code, region_name, old_la_code, first_period: first, last_period: last });

/** Bournemouth, Poole, Dorset CC (to 2019) → BCP, Dorset UA (from 2020); Cumbria (to 2023) → Cumberland, Westmorland and Furness; Bristol; St. Helens; four Yorkshire LAs. */
export const REORGANISED_AREAS: readonly AreaRow[] = [
  area("E06000023", "Bristol, City of", "E12000009", "South West", "801", null, null),
  area("E06000028", "Bournemouth", "E12000009", "South West", "837", null, 2019),
  area("E06000029", "Poole", "E12000009", "South West", "836", null, 2019),
  area("E06000058", "Bournemouth, Christchurch and Poole", "E12000009", "South West", "839", 2020, null),
  area("E06000059", "Dorset", "E12000009", "South West", "838", 2020, null),
  area("E06000063", "Cumberland", "E12000002", "North West", "942", 2024, null),
  area("E06000064", "Westmorland and Furness", "E12000002", "North West", "943", 2024, null),
  area("E08000013", "St. Helens", "E12000002", "North West", "342", null, null),
  area("E10000006", "Cumbria", "E12000002", "North West", "909", null, 2023),
  area("E10000009", "Dorset", "E12000009", "South West", "835", null, 2019),
  // four LAs of every year, so that a --las list of two or three names plus these has the six LAs a complementary-pairs
  // analysis without context needs (2 × 3: tests/cli/analyse-too-few.test.ts)
  ...["Kirklees", "Leeds", "Wakefield", "York"].map((name, k) => area(["E08000034", "E08000035", "E08000036", "E06000014"][k], name, "E12000003", "Yorkshire and The Humber", ["382", "383", "384", "816"][k], null, null)),
];

/** Write the package into a new temporary folder (removed when the calling test is done); returns its path. */
export function writeReorganisedPackage(): string {
  const dir = tempDir("vsw-reorganised-");
  const rows = [];
  for (const [i, a] of REORGANISED_AREAS.entries()) {
    for (let period = 2018; period <= 2024; period++) {
      if ((a.first_period !== null && period < a.first_period) || (a.last_period !== null && period > a.last_period)) continue;
      // values that differ between LAs and years, so a screen has something to correlate
      rows.push({ la_code: a.la_code, period, indicator: "cla_rate_per_10k", value: 50 + ((i * 7 + period) % 13), numerator: null, denominator: null, status: "" });
      // Westmorland and Furness has no value of the outcome
      if (a.la_code !== "E06000064") rows.push({ la_code: a.la_code, period, indicator: "stable_school_pct", value: 60 + ((i * 5 + period * 3) % 11), numerator: null, denominator: null, status: "" });
    }
  }
  writePackage(dir, {
    name: "reorganised",
    title: "Reorganised-LA fixture",
    created: "2026-01-01",
    provenance: {},
    areas: REORGANISED_AREAS,
    catalogue: [
      { indicator: "cla_rate_per_10k", label: "CLA rate", domain: "child-safe", polarity: "none", unit: "rate_per_10k", numerator: "", denominator: "", source: "test", definition: "" },
      { indicator: "stable_school_pct", label: "Stable school (%)", domain: "child-education", polarity: "up", unit: "percent", numerator: "", denominator: "", source: "test", definition: "" },
    ],
    indicators: rows,
    context: [],
    outcomes: [],
  });
  fs.writeFileSync(path.join(dir, "README.md"), "reorganised-LA fixture readme\n");
  return dir;
}
