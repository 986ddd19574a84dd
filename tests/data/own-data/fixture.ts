/** A small real-LA package for the own-data tests (written with writePackage into a temporary folder). */
import * as fs from "node:fs";
import * as path from "node:path";
import { writePackage } from "../../../lib/data/package";
import type { AreaRow } from "../../../lib/data/types";
import { tempDir } from "../../helpers/temp-dirs";

const area = (la_code: string, la_name: string, region_code: string, region_name: string, old_la_code: string, first: number | null = null, last: number | null = null): AreaRow =>
  ({ la_code, la_name, region_code, region_name, old_la_code, first_period: first, last_period: last });

/** Bristol, Hull, St. Helens, Dorset CC (to 2019) and Dorset UA (from 2020), North Yorkshire, Barnsley. */
export const FIXTURE_AREAS: readonly AreaRow[] = [
  area("E06000010", "Kingston upon Hull, City of", "E12000003", "Yorkshire and The Humber", "810"),
  area("E06000023", "Bristol, City of", "E12000009", "South West", "801"),
  area("E06000059", "Dorset", "E12000009", "South West", "838", 2020, null),
  area("E06000065", "North Yorkshire", "E12000003", "Yorkshire and The Humber", "815"),
  area("E08000013", "St. Helens", "E12000002", "North West", "342"),
  area("E08000038", "Barnsley", "E12000003", "Yorkshire and The Humber", "370"),
  area("E10000009", "Dorset", "E12000009", "South West", "835", null, 2019),
];

/** Earlier ONS codes → current codes, as `vital-signs import` records them in provenance.code_aliases. */
export const FIXTURE_ALIASES = { E10000023: "E06000065", E08000016: "E08000038" };

/** Write the fixture package into a new temporary folder (removed when the calling test is done); returns its path. */
export function writeFixturePackage(): string {
  const dir = tempDir("vsw-own-");
  writePackage(dir, {
    name: "fixture",
    title: "Own-data fixture",
    created: "2026-01-01",
    provenance: { code_aliases: FIXTURE_ALIASES },
    areas: FIXTURE_AREAS,
    catalogue: [{ indicator: "cla_rate_per_10k", label: "CLA rate", domain: "child-safe", polarity: "none", unit: "rate_per_10k", numerator: "", denominator: "", source: "test", definition: "" }],
    // a 2019 row for each LA that existed in 2019 (not Dorset UA: a row outside an LA's lifespan is an error)
    indicators: FIXTURE_AREAS.filter((a) => a.first_period === null || a.first_period <= 2019).map((a) => ({ la_code: a.la_code, period: 2019, indicator: "cla_rate_per_10k", value: 50, numerator: null, denominator: null, status: "" })),
    context: [],
    outcomes: [],
  });
  fs.writeFileSync(path.join(dir, "README.md"), "fixture readme\n");
  return dir;
}

/** Write a file into a new temporary folder (removed when the calling test is done); returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const dir = tempDir("vsw-own-in-");
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
