/**
 * An indicator's observations laid out for the profiles of many LAs: its periods in ascending order × the LAs
 * in the index's area order, with what each observation gives every profile that reads it (as the indicator
 * methods take it, its intervals, its comparison with England) made once.
 *
 * Why: an LA's profile reads, for each indicator and period of its series, its own figure and those of its
 * ten neighbours, and every LA is some LAs' neighbour. Read through the index's maps by la_code, with the
 * intervals worked out again at each reading, the profiles of the 158 LAs of the official package took 12.1 s
 * of CPU here (best of 3); by position in these tables, with each figure's intervals computed once, 8.3 s. The tables
 * are made on first use from `index.byIndicator`: they follow a change of an observation's figures, not rows added
 * to or removed from the index after its first profile.
 */
import type { CatalogueRow } from "../data/types";
import { compareIntervals, indicatorIntervals, type ComparisonLevels, type ComparisonOutcome, type IndicatorIntervals, type IndicatorObservation } from "../indicators/compare";
import { obsOf, type IndicatorTable, type Obs, type ProfileIndex } from "./package-index";

/** Position of each LA of `index.areas` (the position the tables use). */
export function laPositions(index: ProfileIndex): Map<string, number> {
  if (!index.cache.laPositions) index.cache.laPositions = new Map(index.areas.map((a, i) => [a.la_code, i]));
  return index.cache.laPositions;
}

/** The table of one catalogue indicator (made once per index). */
export function indicatorTable(index: ProfileIndex, cat: CatalogueRow): IndicatorTable {
  const hit = index.cache.tables.get(cat.indicator);
  if (hit) return hit;
  const positions = laPositions(index);
  const byPeriod = index.byIndicator.get(cat.indicator) ?? new Map<number, Map<string, Obs>>();
  const periods = [...byPeriod.keys()].sort((a, b) => a - b);
  const rowMaps = periods.map((p) => byPeriod.get(p)!);
  const empty = () => periods.map(() => new Array(index.areas.length).fill(undefined));
  const rows: (Obs | undefined)[][] = empty();
  rowMaps.forEach((rowMap, k) => {
    for (const [la, row] of rowMap) {
      const i = positions.get(la);
      if (i !== undefined) rows[k][i] = row;
    }
  });
  const table: IndicatorTable = { cat, periods, rowMaps, rows, observations: empty(), intervals: empty(), englandOutcomes: new Map() };
  index.cache.tables.set(cat.indicator, table);
  return table;
}

/** Whether `obs` is still what {@link obsOf} makes of `row` (a caller may have changed the row's figures). */
function sameFigures(obs: IndicatorObservation, row: Obs): boolean {
  const as = (v: number) => (Number.isNaN(v) ? null : v);
  return obs.value === as(row.value) && obs.numerator === as(row.numerator) && obs.denominator === as(row.denominator);
}

/**
 * LA `i`'s observation in `periods[k]` as the indicator methods take it (`row` is `rows[k][i]`). When the row's
 * figures have changed since it was made (a test editing an index it has profiled), it is made again and what
 * was derived from it forgotten.
 */
export function tableObservation(table: IndicatorTable, k: number, i: number, row: Obs): IndicatorObservation {
  const cached = table.observations[k][i];
  if (cached && sameFigures(cached, row)) return cached;
  const obs = (table.observations[k][i] = obsOf(row));
  table.intervals[k][i] = undefined;
  for (const outcomes of table.englandOutcomes.values()) outcomes[k][i] = undefined;
  return obs;
}

/** The 95% and 99.8% intervals of LA `i`'s observation in `periods[k]` (`row` is `rows[k][i]`). */
export function tableIntervals(table: IndicatorTable, k: number, i: number, row: Obs): IndicatorIntervals {
  const obs = tableObservation(table, k, i, row);
  return (table.intervals[k][i] ??= indicatorIntervals(obs, table.cat.unit, table.cat.denominator));
}

/**
 * LA `i`'s comparison with England in `periods[k]` at `levels` (`englandValue`: England's value in that
 * period, the same for every LA), made once per index and levels.
 */
export function tableEnglandOutcome(table: IndicatorTable, k: number, i: number, row: Obs, englandValue: number | null, levels: ComparisonLevels): ComparisonOutcome {
  let outcomes = table.englandOutcomes.get(levels);
  if (!outcomes) table.englandOutcomes.set(levels, (outcomes = table.periods.map(() => new Array(table.rows[0].length).fill(undefined))));
  const intervals = tableIntervals(table, k, i, row);
  return (outcomes[k][i] ??= compareIntervals(intervals, englandValue ?? NaN, table.cat.polarity, levels).outcome);
}
