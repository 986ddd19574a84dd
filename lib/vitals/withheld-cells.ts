/**
 * The cells of the screen's slot whose values a published report must not place: an indicator whose counts are not
 * published (own, pilot or returns data) and whose value would show a count of 1 … threshold − 1 (its denominator,
 * events or non-events: lib/disclosure/withheld-values.ts showsUnpublishedSmallCount, the rule by which an LA profile
 * withholds the value). A review found the analysis report's "LAs by number of indicators in the best and worst 10%" moved Hartlepool from
 * 5 to 6 when its withheld 3 of 7 visits became 6 of 7: the membership placed the withheld value.
 */
import { countsNeedNoCheck } from "../data/official-sources";
import type { CatalogueRow, DataPackage } from "../data/types";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure/suppress-counts";
import { showsUnpublishedSmallCount } from "../disclosure/withheld-values";
import { columnValues } from "./column-values";

/** Per indicators.csv row, 1 where the rule above withholds its value (null: none), by package and threshold. */
const withheldRowsCache = new WeakMap<DataPackage, { threshold: number; rows: Uint8Array | null }>();

/**
 * 1 for each indicators.csv row of `pkg` whose value the rule above withholds, or null when none is (official and
 * synthetic data): the rule is run once per package, and the analysis's view ({@link packageAsAnalysed}) and the
 * outcome's mask ({@link withheldOutcomeCells}) are both made from it.
 */
function withheldRows(pkg: DataPackage, threshold: number): Uint8Array | null {
  const cached = withheldRowsCache.get(pkg);
  if (cached !== undefined && cached.threshold === threshold) return cached.rows;
  const unpublished = new Map((pkg.catalogue.objects() as unknown as CatalogueRow[]).filter((c) => typeof c.source === "string" && !countsNeedNoCheck(c.source)).map((c) => [c.indicator, c] as const));
  let rows: Uint8Array | null = null;
  if (unpublished.size > 0) {
    const ids = columnValues<string>(pkg.indicators, "indicator");
    const values = columnValues<number | null>(pkg.indicators, "value");
    const numerators = columnValues<number | null>(pkg.indicators, "numerator");
    const denominators = columnValues<number | null>(pkg.indicators, "denominator");
    for (let k = 0; k < ids.length; k++) {
      const cat = unpublished.get(ids[k]);
      if (cat === undefined || !showsUnpublishedSmallCount({ value: values[k] ?? null, numerator: numerators[k] ?? null, denominator: denominators[k] ?? null }, cat, threshold)) continue;
      (rows ??= new Uint8Array(ids.length))[k] = 1;
    }
  }
  withheldRowsCache.set(pkg, { threshold, rows });
  return rows;
}

/**
 * 1 for each LA of `laCodes` whose value of the indicator `outcome` in `year` is withheld by the rule above (`pkg` or
 * its view): the outcome of a continuous screen (buildAnalysisFrame's `withheldOutcome`), placed nowhere in the report
 * either, and counted apart in its summary.
 * @example withheldOutcomeCells(pkg, frame.laCodes, "own_visits_pct", 2024)[0] // 1: 3 of 161 of own data
 */
export function withheldOutcomeCells(pkg: DataPackage, laCodes: readonly string[], outcome: string, year: number, threshold = DEFAULT_DISCLOSURE_THRESHOLD): Uint8Array {
  const mask = new Uint8Array(laCodes.length);
  const original = packageBeforeAnalysis(pkg);
  const rows = withheldRows(original, threshold);
  if (rows === null) return mask;
  const rowOfLa = new Map(laCodes.map((la, i) => [la, i] as const));
  const ids = columnValues<string>(original.indicators, "indicator");
  const las = columnValues<string>(original.indicators, "la_code");
  const periods = columnValues<number>(original.indicators, "period");
  for (let k = 0; k < rows.length; k++) {
    if (rows[k] === 0 || ids[k] !== outcome || periods[k] !== year) continue;
    const i = rowOfLa.get(las[k]);
    if (i !== undefined) mask[i] = 1;
  }
  return mask;
}

/** Each package's view with its withheld values suppressed, and each view's package (so that a view is made once). */
const views = new WeakMap<DataPackage, DataPackage>();
const originals = new WeakMap<DataPackage, DataPackage>();

/**
 * The package as the analysis reads it: each value the rule above withholds (an unpublished indicator's small count)
 * is missing, status `suppressed:disclosure`, as a publisher's suppressed cell is, in every period. Its statistics
 * were computed with the value in: a second review gave every withheld value back, to 1e-12, from the screen's
 * unrounded multiple_r and the other LAs' values (which LA profiles show), and a notebook scatter's fitted line gave a
 * withheld outcome back with the point itself left out. The package itself is returned when nothing is withheld
 * (official and synthetic data); the other columns are shared, not copied.
 * @example packageAsAnalysed(pkg).indicators.get("status", 0) // "suppressed:disclosure" where row 0 shows 3 of 161 of own data
 */
export function packageAsAnalysed(pkg: DataPackage): DataPackage {
  if (originals.has(pkg)) return pkg;
  const made = views.get(pkg);
  if (made !== undefined) return made;
  // at the disclosure threshold the analysis publishes at: a view is made once per package, so a threshold given by
  // a caller would have been ignored whenever the view was already made (none gave one)
  const rows = withheldRows(pkg, DEFAULT_DISCLOSURE_THRESHOLD);
  let view = pkg;
  if (rows !== null) {
    const value = Array.from(columnValues<number | null>(pkg.indicators, "value"));
    const status = Array.from(columnValues<string | null>(pkg.indicators, "status"));
    for (let k = 0; k < rows.length; k++) {
      if (rows[k] === 0) continue;
      value[k] = null;
      status[k] = "suppressed:disclosure";
    }
    view = { ...pkg, indicators: pkg.indicators.assign({ value, status }) };
  }
  views.set(pkg, view);
  originals.set(view, pkg);
  return view;
}

/** The package a view of {@link packageAsAnalysed} was made of (the package itself otherwise). */
export function packageBeforeAnalysis(pkg: DataPackage): DataPackage {
  return originals.get(pkg) ?? pkg;
}
