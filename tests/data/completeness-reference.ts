/**
 * The completeness count as it was before it read the reader's codes (round 9, lib/data/completeness.ts): a Map
 * lookup per row for the indicator, period and LA and the status's prefix per row. Kept as the oracle of the
 * differential tests (completeness.test.ts).
 */
import type { CompletenessRow, PackageColumnGetter } from "../../lib/data/completeness";

export function completenessBefore(column: PackageColumnGetter): CompletenessRow[] {
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
  // the areas with a row in each cell, each counted once (a set per cell: the library's grid is not reused here)
  const present = cells.map(() => new Set<number>());
  for (let r = 0; r < iInd.length; r++) {
    const k = indicatorIndex.get(iInd[r]);
    if (k === undefined) continue;
    const c = k * periodList.length + periodIndex.get(iPer[r])!;
    const cell = cells[c];
    const a = areaIndex.get(iLa[r]);
    if (a === undefined || !existsIn(a, iPer[r])) continue; // outside the LA's life: not counted as coverage
    present[c].add(a);
    const status = iSta[r] ?? "";
    if (iVal[r] !== null) {
      cell.withValue++;
      if (status.startsWith("low-reliability")) cell.lowReliability++;
    } else if (status.startsWith("suppressed")) cell.suppressed++;
    else cell.otherMissing++;
  }
  const out: CompletenessRow[] = cells.map((row, c) => {
    row.absent = row.expected - present[c].size;
    row.completeness = row.expected > 0 ? row.withValue / row.expected : NaN;
    return row;
  });
  out.sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : a.period - b.period));
  return out;
}
