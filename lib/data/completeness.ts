/**
 * Completeness of a data package: per indicator and period, how many LAs have a value, how many are
 * suppressed, missing for another stated reason, or absent altogether. The 2016 feasibility study noted that
 * returns varied between LAs and asked for exactly this check before any association is trusted.
 */
import type { CellCodes, CodedColumn } from "./package-columns";
import type { DataPackage } from "./types";

/** A package's columns by resource and field (as `pkg.indicators.array("value")` gives them), without arquero. */
export type PackageColumnGetter = (resource: "areas" | "catalogue" | "indicators", field: string) => readonly unknown[];

/** The reader's codes of a text column of indicators.csv, when it coded it (validate: the text column itself is then never made). */
export type PackageCodesGetter = (resource: "indicators", field: string) => CodedColumn | undefined;

/** One indicator × period cell of the completeness report. */
export interface CompletenessRow {
  indicator: string;
  period: number;
  /** LAs that exist in this period (areas.csv first/last period). */
  expected: number;
  /** LAs with a value (low-reliability values count here and in `lowReliability`). */
  withValue: number;
  /** Values suppressed by the publisher (status `suppressed…`). */
  suppressed: number;
  /** Missing for another stated reason (not-available, not-applicable). */
  otherMissing: number;
  /** Present but flagged low reliability. */
  lowReliability: number;
  /** Existing LAs with no row at all. */
  absent: number;
  /** withValue / expected (NaN when no LA is expected). */
  completeness: number;
}

/**
 * Completeness per indicator and period, sorted by indicator then period.
 * @example
 * const rows = completeness(readPackage("datasets/pilot-synthetic"));
 * rows.filter((r) => r.completeness < 0.6);
 */
export function completeness(pkg: DataPackage): CompletenessRow[] {
  return completenessOfColumns((resource, field) => pkg[resource].array(field) as unknown[]);
}

/**
 * {@link completeness} from a package's columns (validate uses the columns it has read, with no tables made).
 * @example
 * const { resources } = loadPackageColumns("datasets/pilot-synthetic");
 * completenessOfColumns((r, f) => resources[r]!.columns[f]).length // indicators × periods
 */
export function completenessOfColumns(column: PackageColumnGetter, coded?: PackageCodesGetter): CompletenessRow[] {
  const codes = column("areas", "la_code") as string[];
  const first = column("areas", "first_period") as (number | null)[];
  const last = column("areas", "last_period") as (number | null)[];
  const existsIn = (i: number, p: number) => (first[i] === null || first[i]! <= p) && (last[i] === null || last[i]! >= p);

  const iPer = column("indicators", "period") as number[];
  const areaIndex = new Map(codes.map((c, i) => [c, i] as const));

  const periodList = distinctInOrder(iPer);
  const periodIndex = new Map(periodList.map((p, k) => [p, k] as const));
  const indicatorList = [...new Set<string>(column("catalogue", "indicator") as string[])];
  const indicatorIndex = new Map(indicatorList.map((ind, k) => [ind, k] as const));
  const expectedIn = periodList.map((p) => {
    let expected = 0;
    for (let a = 0; a < codes.length; a++) if (existsIn(a, p)) expected++;
    return expected;
  });
  // cell c = indicator k × period q, in the order the cells were listed before sorting (indicator, then period)
  const cells: CompletenessRow[] = [];
  for (const indicator of indicatorList) {
    periodList.forEach((period, q) => {
      cells.push({ indicator, period, expected: expectedIn[q], withValue: 0, suppressed: 0, otherMissing: 0, lowReliability: 0, absent: 0, completeness: NaN });
    });
  }
  const rows: IndicatorRowKeys = {
    indicator: rowKeys(column, coded, "indicator", (ind) => indicatorIndex.get(ind as string) ?? -1),
    area: rowKeys(column, coded, "la_code", (la) => areaIndex.get(la as string) ?? -1),
    status: rowKeys(column, coded, "status", (status) => statusKind((status as string | null | undefined) ?? "")),
  };
  const present = new AreasPresent(cells.length, codes.length);
  countRows(cells, present, rows, iPer, column("indicators", "value") as (number | null)[], periodIndex, existsIn);
  const out: CompletenessRow[] = cells.map((row, c) => {
    row.absent = row.expected - present.count(c);
    row.completeness = row.expected > 0 ? row.withValue / row.expected : NaN;
    return row;
  });
  out.sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : a.period - b.period));
  return out;
}

/**
 * The distinct values of a column in order of first occurrence (as a Set of its cells gives them); a run of equal
 * cells is looked up once (files come sorted: periods run in blocks). A function of its own, so that its loop is
 * optimised (OSR) as this small function.
 * @example
 * distinctInOrder([2020, 2020, 2019, 2020]) // [2020, 2019]
 */
export function distinctInOrder<T>(col: readonly T[]): T[] {
  const seen = new Set<T>();
  let previous: T | undefined;
  for (let r = 0; r < col.length; r++) {
    if (r > 0 && col[r] === previous) continue; // already added
    previous = col[r];
    seen.add(previous);
  }
  return [...seen];
}

/** A status with a value: not flagged; without: missing for another reason than suppression. */
const OTHER_STATUS = 0;
const LOW_RELIABILITY_STATUS = 1;
const SUPPRESSED_STATUS = 2;

/** What completeness counts of a status: whether it starts with low-reliability, suppressed, or neither. */
function statusKind(status: string): number {
  return status.startsWith("low-reliability") ? LOW_RELIABILITY_STATUS : status.startsWith("suppressed") ? SUPPRESSED_STATUS : OTHER_STATUS;
}

/**
 * A small integer per row of a column of indicators.csv (an index, −1 for none, or a status kind): through the
 * reader's codes when it coded the column (`keyOf` then runs once per distinct text, and the column of texts is
 * never asked for), else `keyOf` of each cell.
 */
interface RowKeys {
  codes: CellCodes | undefined;
  keyOfCode: Int32Array;
  cells: readonly unknown[];
  keyOf: (cell: unknown) => number;
}

function rowKeys(column: PackageColumnGetter, coded: PackageCodesGetter | undefined, field: string, keyOf: (cell: unknown) => number): RowKeys {
  const made = coded?.("indicators", field);
  if (made) return { codes: made.codes, keyOfCode: Int32Array.from(made.values, keyOf), cells: [], keyOf };
  return { codes: undefined, keyOfCode: new Int32Array(0), cells: column("indicators", field), keyOf };
}

function keyAt(keys: RowKeys, row: number): number {
  return keys.codes ? keys.keyOfCode[keys.codes[row]] : keys.keyOf(keys.cells[row]);
}

interface IndicatorRowKeys {
  indicator: RowKeys;
  area: RowKeys;
  status: RowKeys;
}

/** Count each indicator row into its indicator × period cell (rows of LAs outside their life are not counted). */
function countRows(
  cells: CompletenessRow[],
  present: AreasPresent,
  rows: IndicatorRowKeys,
  periods: readonly number[],
  values: readonly (number | null)[],
  periodIndex: ReadonlyMap<number, number>,
  existsIn: (area: number, period: number) => boolean,
): void {
  const periodCount = periodIndex.size;
  // the period's index and whether the LA exists then, looked up again only when they change (files come sorted)
  let period = NaN;
  let q = -1;
  let area = -1;
  let exists = false;
  for (let r = 0; r < periods.length; r++) {
    const k = keyAt(rows.indicator, r);
    if (k < 0) continue;
    const a = keyAt(rows.area, r);
    if (periods[r] !== period || a !== area) {
      if (periods[r] !== period) q = periodIndex.get(periods[r])!;
      period = periods[r];
      area = a;
      exists = a >= 0 && existsIn(a, period);
    }
    const c = k * periodCount + q;
    const cell = cells[c];
    if (!exists) continue; // outside the LA's life, or an LA not in areas.csv: not counted as coverage
    present.add(c, a);
    const status = keyAt(rows.status, r);
    if (values[r] !== null) {
      cell.withValue++;
      if (status === LOW_RELIABILITY_STATUS) cell.lowReliability++;
    } else if (status === SUPPRESSED_STATUS) cell.suppressed++;
    else cell.otherMissing++;
  }
}

/** Largest cells × areas grid kept as one byte per pair (64 MB); beyond it a set of pair numbers. */
const MAX_PRESENCE_GRID = 1 << 26;

/** Which areas have a row in each cell, and how many distinct ones (an area counted once per cell). */
class AreasPresent {
  private readonly grid: Uint8Array | undefined;
  private readonly pairs = new Set<number>();
  private readonly counts: Int32Array;

  constructor(cells: number, private readonly areas: number) {
    this.counts = new Int32Array(cells);
    this.grid = cells * areas <= MAX_PRESENCE_GRID ? new Uint8Array(cells * areas) : undefined;
  }

  add(cell: number, area: number): void {
    const pair = cell * this.areas + area;
    if (this.grid) {
      if (this.grid[pair] === 1) return;
      this.grid[pair] = 1;
    } else {
      if (this.pairs.has(pair)) return;
      this.pairs.add(pair);
    }
    this.counts[cell]++;
  }

  count(cell: number): number {
    return this.counts[cell];
  }
}

/** An indicator's completeness over the periods it was published ({@link completenessByIndicator}). */
export interface IndicatorCompleteness {
  indicator: string;
  /** withValue / expected (NaN when the indicator was never published: no period). */
  completeness: number;
  withValue: number;
  /** LA-periods of the published periods: LAs that existed then. */
  expected: number;
  /** The periods in which any LA has a value or a suppressed one (ascending). */
  periods: number[];
}

/**
 * Overall completeness per indicator over the periods it was published: Σ withValue / Σ expected over the periods in
 * which any LA has a value or a suppressed one. A period the indicator does not exist in (no LA row, or only rows
 * saying it is not available) is not a gap: over every period of the package, a one-year indicator (RO3 2024-25's
 * csc_cla_spend_share_pct) showed 6.1 % for 100 %.
 * @example
 * completenessByIndicator(completeness(pkg)).filter((r) => r.completeness < 0.6) // indicators too incomplete to trust
 */
export function completenessByIndicator(rows: readonly CompletenessRow[]): IndicatorCompleteness[] {
  const acc = new Map<string, { withValue: number; expected: number; periods: number[] }>();
  for (const r of rows) {
    let a = acc.get(r.indicator);
    if (a === undefined) acc.set(r.indicator, (a = { withValue: 0, expected: 0, periods: [] }));
    if (r.withValue + r.suppressed === 0) continue; // not published that period
    a.withValue += r.withValue;
    a.expected += r.expected;
    a.periods.push(r.period);
  }
  return [...acc].map(([indicator, a]) => ({
    indicator,
    withValue: a.withValue,
    expected: a.expected,
    completeness: a.expected > 0 ? a.withValue / a.expected : NaN,
    periods: a.periods.sort((x, y) => x - y),
  }));
}
