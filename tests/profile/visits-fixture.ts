/** Test packages of one indicator, visits on time (%), for the LAs given (tests/profile). */
import { writePackage } from "../../lib/data/package";
import type { AreaRow, IndicatorRow } from "../../lib/data/types";
import { tempDir } from "../helpers/temp-dirs";

/** A package of `indicators` of visits_pct (catalogue source `source`: unpublished unless official) with an IDACI context for 2023; its folder. */
export function writeVisitsPackage(meta: { name: string; title: string }, areas: AreaRow[], indicators: IndicatorRow[], source: string): string {
  const dir = tempDir(`vsw-${meta.name}-`);
  writePackage(dir, {
    name: meta.name, title: meta.title, created: "2026-01-01", areas,
    catalogue: [{ indicator: "visits_pct", label: "Visits on time (%)", domain: "child-safe", polarity: "up", unit: "percent", numerator: "visits on time", denominator: "visits", source, definition: "" }],
    indicators,
    context: areas.map((a, i) => ({ la_code: a.la_code, period: 2023, variable: "idaci_score", value: 0.1 + 0.01 * i })),
    outcomes: [],
  });
  return dir;
}

/** Every number in a JSON value, with its path. */
export function numbers(v: unknown, at = "", acc: [string, number][] = []): [string, number][] {
  if (typeof v === "number") acc.push([at, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => numbers(x, `${at}[${i}]`, acc));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) numbers(x, `${at}.${k}`, acc);
  return acc;
}
