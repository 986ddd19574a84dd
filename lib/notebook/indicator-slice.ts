/**
 * Notebook versions of {@link selectIndicatorRows} and {@link catalogueRow}: on an error they also print the
 * message to stderr before throwing, because tslab leaves the error text empty in nbconvert exports, so the
 * reader would see only an empty error box.
 */
import type { ColumnTable } from "arquero";
import { catalogueRow, selectIndicatorRows } from "../data/indicator-rows";
import type { CatalogueRow, DataPackage } from "../data/types";

/**
 * Run `compute`; when it throws, write the message to stderr (shown by Jupyter and in exports), then rethrow.
 * @example
 * visibleErrors(() => selectIndicatorRows(pkg, "nope"))
 */
export function visibleErrors<T>(compute: () => T, write: (text: string) => void = (t) => process.stderr.write(t)): T {
  try {
    return compute();
  } catch (e) {
    write(`${(e as Error).message}\n`);
    throw e;
  }
}

/**
 * One indicator's rows (one period), LA names joined: the slice a notebook plots.
 * @throws InputError "did you mean …" for an unknown id, or the periods there are (also printed to stderr)
 * @example
 * const slice = vs.indicatorSlice(pkg, "rereferral_12m_pct", 2019);
 */
export function indicatorSlice(pkg: DataPackage, indicator: string, period?: number): ColumnTable {
  return visibleErrors(() => selectIndicatorRows(pkg, indicator, period));
}

/**
 * An indicator's catalogue row (label, unit, polarity, domain, …).
 * @throws InputError "did you mean …" for an unknown id (also printed to stderr)
 * @example
 * vs.indicatorMeta(pkg, "rereferral_12m_pct").label
 */
export function indicatorMeta(pkg: DataPackage, indicator: string): CatalogueRow {
  return visibleErrors(() => catalogueRow(pkg, indicator));
}
