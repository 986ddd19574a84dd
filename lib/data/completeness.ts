/**
 * Completeness of a data package: per indicator and period, how many LAs have a value, how many are
 * suppressed, missing for another stated reason, or absent altogether. The 2016 feasibility study noted that
 * returns varied between LAs and asked for exactly this check before any association is trusted.
 */
import type { DataPackage } from "./types";

/** A package's columns by resource and field (as `pkg.indicators.array("value")` gives them), without arquero. */
export type PackageColumnGetter = (resource: "areas" | "catalogue" | "indicators", field: string) => readonly unknown[];

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
export function completenessOfColumns(column: PackageColumnGetter): CompletenessRow[] {
  const codes = column("areas", "la_code") as string[];
  const first = column("areas", "first_period") as (number | null)[];
  const last = column("areas", "last_period") as (number | null)[];
  const existsIn = (i: number, p: number) => (first[i] === null || first[i]! <= p) && (last[i] === null || last[i]! >= p);

  const iInd = column("indicators", "indicator") as string[];
  const iPer = column("indicators", "period") as number[];
  const iVal = column("indicators", "value") as (number | null)[];
  const iSta = column("indicators", "status") as string[];
  const iLa = column("indicators", "la_code") as string[];
  const areaIndex = new Map(codes.map((c, i) => [c, i] as const));

  const periods = new Set<number>();
  for (let r = 0; r < iInd.length; r++) periods.add(iPer[r]);
  const periodList = [...periods];
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
  const present = new AreasPresent(cells.length, codes.length);
  for (let r = 0; r < iInd.length; r++) {
    const k = indicatorIndex.get(iInd[r]);
    if (k === undefined) continue;
    const c = k * periodList.length + periodIndex.get(iPer[r])!;
    const cell = cells[c];
    const a = areaIndex.get(iLa[r]);
    if (a === undefined || !existsIn(a, iPer[r])) continue; // outside the LA's life: not counted as coverage
    present.add(c, a);
    const status = iSta[r] ?? "";
    if (iVal[r] !== null) {
      cell.withValue++;
      if (status.startsWith("low-reliability")) cell.lowReliability++;
    } else if (status.startsWith("suppressed")) cell.suppressed++;
    else cell.otherMissing++;
  }
  const out: CompletenessRow[] = cells.map((row, c) => {
    row.absent = row.expected - present.count(c);
    row.completeness = row.expected > 0 ? row.withValue / row.expected : NaN;
    return row;
  });
  out.sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : a.period - b.period));
  return out;
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

/**
 * Overall completeness per indicator across all periods: Σ withValue / Σ expected over its periods.
 * @example
 * completenessByIndicator(completeness(pkg)).filter((r) => r.completeness < 0.6) // indicators too incomplete to trust
 */
export function completenessByIndicator(rows: readonly CompletenessRow[]): { indicator: string; completeness: number; withValue: number; expected: number }[] {
  const acc = new Map<string, { withValue: number; expected: number }>();
  for (const r of rows) {
    const a = acc.get(r.indicator) ?? { withValue: 0, expected: 0 };
    a.withValue += r.withValue;
    a.expected += r.expected;
    acc.set(r.indicator, a);
  }
  return [...acc].map(([indicator, a]) => ({
    indicator,
    withValue: a.withValue,
    expected: a.expected,
    completeness: a.expected > 0 ? a.withValue / a.expected : NaN,
  }));
}
