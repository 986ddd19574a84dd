/**
 * An SSDA903 Episodes table exported as "the episodes that started in the year", a common export mistake. A year's
 * table must hold every episode open during the year, the episodes open on its 1 April that started earlier among
 * them (DfE's SSDA903 guidance: the Episodes table lists each episode open at any time in the year). A table holding
 * only the year's new episodes had been read as the year's children: counts halved, with exit 0 (round-27 trial S1-6:
 * E06000003 looked after at 31 March 2023, 122 → 65; E06000002, 69 → 34).
 *
 * Such a table is told by the year before it: when the previous collection year's Episodes table (read in the same
 * run) has children in care at its end, the episodes still open on its 31 March, the next year's table must list
 * each of them with an episode that started before its 1 April. A table in which no episode starts before its year,
 * while the year before ended with children in care, is refused. The first year of a run is not judged (nothing says
 * which children it must hold), nor is a year whose previous year ended with no child in care; an LA with few children
 * is judged alike (one child in care at the year's end who is in the next table with the episode open on 1 April passes).
 */
import { DataError } from "../errors";
import { collectionYear, collectionYearLabel } from "./dates";
import type { ClaEpisode } from "./ssda903-records";

/**
 * The refusal of `year`'s Episodes table (`file`, its episodes by child) when no episode of it starts before the year
 * while the previous year's table (`previous`, or undefined when the year starts a run) has episodes open at its end,
 * or undefined.
 * @example
 * startOnlyEpisodesError(2023, "E06000003/2023/episodes.csv", byYear.get(2023)!, byYear.get(2022), "E06000003/2022/episodes.csv")
 */
export function startOnlyEpisodesError(
  year: number,
  file: string,
  episodes: ReadonlyMap<string, readonly ClaEpisode[]>,
  previous: ReadonlyMap<string, readonly ClaEpisode[]> | undefined,
  previousFile: string,
): DataError | undefined {
  if (previous === undefined) return undefined;
  const { start } = collectionYear(year);
  let count = 0;
  for (const es of episodes.values()) {
    for (const e of es) {
      if (e.start < start) return undefined;
      count++;
    }
  }
  if (count === 0) return undefined;
  const openAtEnd = openAtYearEnd(previous, year - 1);
  if (openAtEnd === 0) return undefined;
  const label = collectionYearLabel(year);
  return new DataError({
    file,
    column: "DECOM",
    value: `every one of its ${count} episode(s) starts in ${label}`,
    expected:
      `the table to also hold the episodes open on 1 April ${year - 1} that started earlier (an Episodes table lists every episode open during its year): ` +
      `${previousFile} has ${openAtEnd} child(ren) in care at its end, 31 March ${year - 1}, none of them in this table with an episode that started before ${label}. ` +
      `Was it exported by start date? Export the ${label} Episodes table again with every episode open during the year`,
  });
}

/** Children of a year's Episodes table with an episode open at the year's end (no end date, or one after 31 March). */
function openAtYearEnd(episodes: ReadonlyMap<string, readonly ClaEpisode[]>, year: number): number {
  const { end } = collectionYear(year);
  let n = 0;
  for (const es of episodes.values()) if (es.some((e) => e.start <= end && (e.end === null || e.end > end))) n++;
  return n;
}
