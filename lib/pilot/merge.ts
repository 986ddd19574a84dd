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

/** What a merge did to the package's pilot indicator rows (rows of the indicators this run gives). */
export interface PilotMergeCounts {
  /** Rows of those indicators in periods this run does not give: an earlier wave's, kept. */
  kept: number;
  /** The periods of the kept rows, in order. */
  keptPeriods: number[];
  /** Rows of those indicators in this run's periods, replaced by this run's. */
  replaced: number;
  /** This run's rows. */
  added: number;
  /** This run's periods, in order. */
  addedPeriods: number[];
  /**
   * Pilot indicators of the package this run does not give, with a label one of this run's indicators has under
   * another id: an item renamed between waves, whose waves then stand as two one-period indicators (a user trial,
   * round 27: analyse called both "reliability unknown").
   */
  sameLabel: { kept: string; added: string; label: string }[];
}

/**
 * Merge pilot rows into package content. A pilot indicator's rows are replaced period by period: rows of the periods
 * this run gives are replaced by its rows (so merging one wave twice gives the same package), rows of other periods
 * (an earlier wave's) are kept. The catalogue row of a redefined id is this run's. An id clash with a non-pilot
 * indicator is an error. A user trial (round 27) had merged a second wave (2024) into a package holding the first
 * (2023): every 2023 row of the items both waves asked was deleted, 380 of 420, with "merged" and exit 0.
 * @throws DataErrors on id clashes with official indicators, pilot rows for LAs the package does not list, or rows for
 *   an LA in a period outside its lifespan (areas.csv first_period–last_period, the rule of lib/data/lifespan.ts: a
 *   review's 2023 records of Bournemouth, which ended in 2019, were merged into the official package; `add` refuses
 *   the same rows, and the words are add's)
 * @example
 * const merged = mergePilotRows(packageContent(readPackage("datasets/pilot-synthetic")), rows, { provenance });
 * writePackage("out/with-pilot", merged);
 */
export function mergePilotRows(base: PackageContent, pilot: PilotRows, options: { provenance?: Record<string, unknown> } = {}): PackageContent {
  return mergePilotRowsCounted(base, pilot, options).content;
}

/**
 * {@link mergePilotRows} and what it did to the rows of the run's indicators (the pilot command prints it).
 * @example mergePilotRowsCounted(base, rows).counts // { kept: 380, keptPeriods: [2023], replaced: 0, added: 420, addedPeriods: [2024] }
 */
export function mergePilotRowsCounted(base: PackageContent, pilot: PilotRows, options: { provenance?: Record<string, unknown> } = {}): { content: PackageContent; counts: PilotMergeCounts } {
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
  // the periods this run gives: its rows replace the package's of these, and keep (and must match) the others'
  const periods = new Set(pilot.indicators.map((r) => r.period));
  errors.push(...redefinedAcrossWaves(base, pilot, periods));
  if (errors.length > 0) throw new DataErrors(errors, "mergePilotRows");
  const provenance = options.provenance ? withPilotRun(base.provenance ?? {}, options.provenance) : { ...(base.provenance ?? {}) };
  const counts: PilotMergeCounts = { kept: 0, keptPeriods: [], replaced: 0, added: pilot.indicators.length, addedPeriods: [...periods].sort((a, b) => a - b), sameLabel: sameLabelOtherId(base, pilot) };
  const keptPeriods = new Set<number>();
  const indicators = base.indicators.filter((r) => {
    if (!newIds.has(r.indicator)) return true;
    if (periods.has(r.period)) {
      counts.replaced++;
      return false;
    }
    counts.kept++;
    keptPeriods.add(r.period);
    return true;
  });
  counts.keptPeriods = [...keptPeriods].sort((a, b) => a - b);
  const content = {
    ...base,
    provenance,
    catalogue: [...base.catalogue.filter((c) => !newIds.has(c.indicator)), ...pilot.catalogue],
    indicators: [...indicators, ...pilot.indicators],
  };
  return { content, counts };
}

/** The package's pilot indicators this run does not give whose label one of this run's has (see PilotMergeCounts.sameLabel). */
function sameLabelOtherId(base: PackageContent, pilot: PilotRows): PilotMergeCounts["sameLabel"] {
  const newByLabel = new Map(pilot.catalogue.map((c) => [c.label, c.indicator] as const));
  const newIds = new Set(pilot.catalogue.map((c) => c.indicator));
  return base.catalogue
    .filter((c) => c.source.startsWith(PILOT_SOURCE_PREFIX) && !newIds.has(c.indicator) && newByLabel.has(c.label))
    .map((c) => ({ kept: c.indicator, added: newByLabel.get(c.label)!, label: c.label }));
}

/** The catalogue fields that define what a pilot indicator's values mean (not `source`, which names the run's file). */
const DEFINING_FIELDS = ["label", "domain", "polarity", "unit", "numerator", "denominator", "definition"] as const;

/**
 * A pilot indicator this run defines otherwise than the package does, while the package keeps its rows of other periods
 * (an earlier wave's): those rows would then stand under this run's definition. One error per indicator and field.
 */
function redefinedAcrossWaves(base: PackageContent, pilot: PilotRows, periods: ReadonlySet<number>): DataError[] {
  const keptPeriods = new Map<string, Set<number>>();
  for (const r of base.indicators) {
    if (periods.has(r.period)) continue;
    let set = keptPeriods.get(r.indicator);
    if (set === undefined) keptPeriods.set(r.indicator, (set = new Set()));
    set.add(r.period);
  }
  const before = new Map(base.catalogue.filter((c) => c.source.startsWith(PILOT_SOURCE_PREFIX)).map((c) => [c.indicator, c] as const));
  const errors: DataError[] = [];
  for (const c of pilot.catalogue) {
    const old = before.get(c.indicator);
    const kept = keptPeriods.get(c.indicator);
    if (old === undefined || kept === undefined) continue;
    const years = [...kept].sort((a, b) => a - b).join(", ");
    for (const field of DEFINING_FIELDS) {
      if (old[field] === c[field]) continue;
      errors.push(new DataError({
        file: "catalogue.csv", column: field, value: `${c.indicator}: ${c[field]}`,
        expected: `the ${field} the package's rows of ${years} were made with ("${old[field]}"): one definition per indicator across waves (give a changed item a new id in the instruments file, or run every wave again with one definition)`,
      }));
    }
  }
  return errors;
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
