/**
 * Put pilot indicators into a data package, beside the official ones, so that the screen and the selection
 * treat them alike: catalogue rows + indicator rows, merged into an existing package's content or made into a
 * package of their own.
 */
import { isWithinLifespan } from "../data/lifespan";
import { OWN_RECORDS_LICENCE_ENTRY } from "../data/own-data/licence";
import { lifespanWords } from "../data/own-data/match-areas";
import { reorganisationWords } from "../data/reorganisations";
import { DataError, DataErrors } from "../errors";
import type { AreaRow, CatalogueRow, IndicatorRow, PackageContent } from "../data/types";
import { PILOT_SOURCE_PREFIX } from "./indicators";

/** The rows pilot data adds to a package. */
export interface PilotRows {
  catalogue: readonly CatalogueRow[];
  indicators: readonly IndicatorRow[];
}

/**
 * Merge pilot rows into package content. Catalogue rows of earlier pilot runs (source starting with
 * `pilot:`) whose ids are redefined are replaced together with their indicator rows, so merging twice gives
 * the same package; an id clash with a non-pilot indicator is an error.
 * @throws DataErrors on id clashes with official indicators, pilot rows for LAs the package does not list, or rows for
 *   an LA in a period outside its lifespan (areas.csv first_period–last_period, the rule of lib/data/lifespan.ts: a
 *   review's 2023 records of Bournemouth, which ended in 2019, were merged into the official package; `add` refuses
 *   the same rows, and the words are add's)
 * @example
 * const merged = mergePilotRows(packageContent(readPackage("datasets/pilot-synthetic")), rows, { provenance });
 * writePackage("out/with-pilot", merged);
 */
export function mergePilotRows(base: PackageContent, pilot: PilotRows, options: { provenance?: Record<string, unknown> } = {}): PackageContent {
  const errors: DataError[] = [];
  const newIds = new Set(pilot.catalogue.map((c) => c.indicator));
  for (const c of base.catalogue) {
    if (newIds.has(c.indicator) && !c.source.startsWith(PILOT_SOURCE_PREFIX)) {
      errors.push(
        new DataError({ file: "catalogue.csv", column: "indicator", value: c.indicator, expected: "a pilot indicator id not already used by a non-pilot indicator" }),
      );
    }
  }
  const areaOf = new Map(base.areas.map((a) => [a.la_code, a] as const));
  // an LA × period outside the LA's lifespan once, however many indicators it has (add refuses it, in these words)
  const outsideLifespan = new Set<string>();
  pilot.indicators.forEach((r, i) => {
    const area = areaOf.get(r.la_code);
    if (area === undefined) {
      errors.push(new DataError({ file: "pilot indicators", row: i + 1, column: "la_code", value: r.la_code, expected: "an LA listed in the package's areas.csv" }));
    } else if (!isWithinLifespan(area, r.period) && !outsideLifespan.has(`${r.la_code} ${r.period}`)) {
      outsideLifespan.add(`${r.la_code} ${r.period}`);
      const reason = `${area.la_name} (${area.la_code}) existed ${lifespanWords(area)}, not in ${r.period}${reorganisationWords(area, base.areas, r.period)}`;
      errors.push(new DataError({ file: "pilot indicators", row: i + 1, column: "la_code", value: r.la_code, expected: `an LA of the package: ${reason}` }));
    }
  });
  if (errors.length > 0) throw new DataErrors(errors, "mergePilotRows");
  const provenance = options.provenance ? withPilotRun(base.provenance ?? {}, options.provenance) : { ...(base.provenance ?? {}) };
  return {
    ...base,
    provenance,
    catalogue: [...base.catalogue.filter((c) => !newIds.has(c.indicator)), ...pilot.catalogue],
    indicators: [...base.indicators.filter((r) => !newIds.has(r.indicator)), ...pilot.indicators],
  };
}

/**
 * Package provenance with `run` as its `pilot` entry; an earlier run's entry (a package merged into) moves to the end of
 * `pilot_earlier_runs`, whose rows the package may still hold (a second review: a merge had replaced the earlier run's
 * files and suppression counts with this run's).
 */
function withPilotRun(provenance: Record<string, unknown>, run: Record<string, unknown>): Record<string, unknown> {
  const earlier = provenance.pilot === undefined ? [] : [provenance.pilot];
  const before = Array.isArray(provenance.pilot_earlier_runs) ? (provenance.pilot_earlier_runs as unknown[]) : [];
  return { ...provenance, pilot: run, ...(before.length + earlier.length > 0 ? { pilot_earlier_runs: [...before, ...earlier] } : {}) };
}

/**
 * A package holding pilot indicators only (no context or outcomes), for LAs listed in `areas`.
 * @example
 * writePackage("out/pilot", pilotPackageContent(rows, areas, { name: "pilot", title: "Pilot", created: "2026-01-01" }));
 */
export function pilotPackageContent(
  pilot: PilotRows,
  areas: readonly AreaRow[],
  meta: { name: string; title: string; created: string; description?: string; provenance?: Record<string, unknown> },
): PackageContent {
  // meta.provenance is the run's: it becomes the package's provenance.pilot (mergePilotRows)
  const base: PackageContent = {
    name: meta.name,
    title: meta.title,
    created: meta.created,
    ...(meta.description ? { description: meta.description } : {}),
    licenses: [{ ...OWN_RECORDS_LICENCE_ENTRY }],
    sources: [],
    areas,
    catalogue: [],
    indicators: [],
    context: [],
    outcomes: [],
  };
  return mergePilotRows(base, pilot, { provenance: meta.provenance });
}
