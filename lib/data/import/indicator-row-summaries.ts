/**
 * What the end of an import needs from its indicator rows (257,276 of them for the official folder): the
 * indicators imported, for the catalogue, and the 2016 study's coverage, for provenance. From the rows, each in
 * one pass that looks at a row's indicator only when it differs from the previous row's (importers emit rows in
 * runs of one indicator); from indicators.csv's columns (indicatorRowColumns, which writePackage then writes),
 * by the indicator's code, with no row object or text read at all.
 */
import type { ResourceColumns } from "../package-columns";
import type { IndicatorRow } from "../types";
import { INDICATOR_META } from "./mappings";

/**
 * The distinct indicators of the rows, in order of first occurrence.
 * @example
 * importedIndicators([{ indicator: "b" }, { indicator: "a" }, { indicator: "b" }] as IndicatorRow[]) // Set { "b", "a" }
 */
export function importedIndicators(indicators: readonly Pick<IndicatorRow, "indicator">[]): Set<string> {
  const used = new Set<string>();
  let previous: string | undefined;
  for (let i = 0; i < indicators.length; i++) {
    const id = indicators[i].indicator;
    if (id === previous) continue;
    previous = id;
    used.add(id);
  }
  return used;
}

/** The period of the 2016 study's year for a domain: the September 2015 workforce census is period 2016, the rest 2015. */
function study2016PeriodOf(domain: string): number {
  return domain === "workforce" ? 2016 : 2015;
}

/** Rows with a value in their study period, per indicator of the 2016 study (the others are not counted). */
function study2016RowsWithValue(indicators: readonly IndicatorRow[]): Map<string, number> {
  const counted = new Map<string, number>();
  for (const [id, meta] of Object.entries(INDICATOR_META)) if (meta.study2016) counted.set(id, 0);
  let current: string | undefined;
  let tracked = false;
  let period = 0;
  let n = 0;
  for (let i = 0; i < indicators.length; i++) {
    const r = indicators[i];
    if (r.indicator !== current) {
      if (tracked) counted.set(current as string, (counted.get(current as string) as number) + n);
      current = r.indicator;
      tracked = counted.has(current);
      period = tracked ? study2016PeriodOf(INDICATOR_META[current].domain) : 0;
      n = 0;
    }
    if (tracked && r.value !== null && r.period === period) n++;
  }
  if (tracked) counted.set(current as string, (counted.get(current as string) as number) + n);
  return counted;
}

/**
 * The distinct indicators of indicators.csv's columns in order of first occurrence ({@link importedIndicators}
 * of its rows), from its coded indicator column; undefined when that column is not coded (not all texts).
 * @example
 * indicatorsOfColumns(indicatorRowColumns(rows)) // Set { …the rows' indicators }
 */
export function indicatorsOfColumns(columns: ResourceColumns): Set<string> | undefined {
  const coded = columns.coded?.indicator;
  return coded ? new Set(coded.values as string[]) : undefined;
}

/**
 * {@link study2016Coverage} of the rows whose columns these are (indicatorRowColumns), by indicator code: the
 * study period of each code decided once, then one pass over codes, periods and values; undefined when the
 * indicator column is not coded (not all texts).
 * @example
 * study2016CoverageOfColumns(indicatorRowColumns(content.indicators)) // as study2016Coverage(content.indicators)
 */
export function study2016CoverageOfColumns(columns: ResourceColumns): ReturnType<typeof study2016Coverage> | undefined {
  const coded = columns.coded?.indicator;
  if (!coded) return undefined;
  const ids = coded.values as string[];
  // per code: the study period (0: not a study indicator) and the rows counted
  const periodOfCode = Int32Array.from(ids, (id) => (INDICATOR_META[id]?.study2016 ? study2016PeriodOf(INDICATOR_META[id].domain) : 0));
  const counts = new Int32Array(ids.length);
  const { codes } = coded;
  const period = columns.columns.period;
  const value = columns.columns.value;
  for (let i = 0; i < columns.length; i++) {
    const c = codes[i];
    if (periodOfCode[c] !== 0 && value[i] !== null && period[i] === periodOfCode[c]) counts[c]++;
  }
  const counted = new Map<string, number>();
  ids.forEach((id, c) => counted.set(id, counts[c]));
  return coverageRows(counted);
}

/**
 * How many LAs have a value in the year ending March 2015 for each of the 2016 study's 14 variables.
 * @example
 * study2016Coverage(content.indicators).find((s) => s.variable === 10)?.las_with_value_2015 // 149
 */
export function study2016Coverage(indicators: readonly IndicatorRow[]): { variable: number; indicator: string; las_with_value_2015: number; note?: string }[] {
  return coverageRows(study2016RowsWithValue(indicators));
}

/** The coverage rows, by variable, from the rows with a value per indicator (0 for a study indicator not counted). */
function coverageRows(counted: ReadonlyMap<string, number>): { variable: number; indicator: string; las_with_value_2015: number; note?: string }[] {
  const out: { variable: number; indicator: string; las_with_value_2015: number; note?: string }[] = [];
  for (const [id, meta] of Object.entries(INDICATOR_META)) {
    if (!meta.study2016) continue;
    const workforce = meta.domain === "workforce";
    const n = counted.get(id) ?? 0;
    out.push({
      variable: meta.study2016,
      indicator: id,
      las_with_value_2015: n,
      note: workforce ? "workforce census of 30 September 2015 = period 2016; not in the official folder (CSWW EES file starts 2017, LAIT 2016)" : undefined,
    });
  }
  return out.sort((a, b) => a.variable - b.variable);
}
