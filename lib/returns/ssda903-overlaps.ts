/**
 * A child's episodes one after another, whatever the order of a table's rows. DfE's SSDA903 validation rule 501 ("A new
 * episode has started before the end date of the previous episode"; the D2I / Social Finance lac_validator) fails a
 * return holding two overlapping episodes of a child, so an LA's table has at most a few, from data entry. Of two, which
 * is the child's cannot be told from the rows, so one is dropped by a rule that row order does not decide:
 * - An episode of the year (open, or ending on or after its 1 April) is taken in start order (episodeOrder), and one
 *   starting before the last kept one ended is dropped (OVERLAP_RULE): of two episodes of the year, the earlier-starting
 *   is kept, as it was before (it holds the longer care history; either choice is a guess, and a guess is made only for
 *   a few episodes: see below).
 * - An open episode (no DEC) with a later-starting episode of the child is dropped first (OPEN_BEFORE_LATER_RULE): only
 *   a child's latest episode can be open, so it ended on a day not given, and the later ones are kept. Kept as the
 *   earlier-starting, an unclosed episode of years before had displaced its child's episodes of the year.
 * - An episode that ended before the year began, the history of a child looked after in the year (rowsBeforeTheYear has
 *   dropped those of other children), is kept only when it overlaps no episode kept (HISTORY_OVERLAP_RULE): it never
 *   displaces one of the year. Last year's episodes pasted at the top of a year's table (the second review of round 21)
 *   had been kept in their place: 24 of the year's own episodes dropped, cla_3plus_placements_pct 13.88% → 13.71%.
 * - A table whose overlapping episodes are more than MIXED_YEARS_SHARE of its episodes and MIXED_YEARS_MIN_ROWS or more
 *   is refused (overlappingEpisodes): it mixes two extracts, and whichever episode is kept, the figures are a guess. The
 *   same review's table with 20% of its rows copied a year earlier had 933 of 7,218 episodes dropped as overlapping, the
 *   copies still open in the year kept in place of the year's own, exit 0: cla_3plus_placements_pct 13.88% → 11.92%,
 *   long-term stability 45.6% → 58.4%. The synthetic returns hold none (0 of 176,044 episodes, 30 LAs).
 */
import { DataError } from "../errors";
import { collectionYear, collectionYearLabel } from "./dates";
import type { ReturnsImportLog } from "./import-issues";
import type { ClaEpisode, Ssda903File } from "./ssda903-records";
import { MIXED_YEARS_SHARE, readWhenFew, shareAboveLimit, tooManyToDrop } from "./ssda903-table-year";

/**
 * Rule of an episode of the year dropped for starting before the child's previous episode ended. The previous episode's
 * row is in the entry's detail (`returns --log FILE`), not in the rule: the package's import log gives its rules with
 * their counts, and a rule naming a row had listed children's row numbers in it, each a rule of one, so withheld (507
 * rows dropped shown as "a withheld number").
 */
export const OVERLAP_RULE = "overlapping episodes: starts before the child's previous episode ended";

/**
 * Rule of an episode left open (no DEC) while a later-starting episode of the same child is in the table. Only a child's
 * latest episode can be open (DfE's SSDA903 validation: a new episode starts when the previous one ends), so this one
 * ended, on a day the table does not give: it is dropped and the later episodes, whose dates are recorded, are kept.
 * Ending it at the next start instead would invent a day and join it to the next episode as one period of care, which
 * the table does not say. Kept under OVERLAP_RULE (the earlier-starting first), an unclosed 2016 episode had taken
 * the place of its child's episodes of the year: 60 such children, 149 of the year's episodes dropped, long-term
 * stability 45.6% → 60.2%, exit 0.
 */
export const OPEN_BEFORE_LATER_RULE =
  "episode left open (no end date) while a later episode of the child starts: only a child's latest episode can be open, so this one ended on a day not given (the later episodes are kept)";

/** Rule of an episode that ended before its return's year dropped for overlapping an episode kept (the year's is kept). */
export const HISTORY_OVERLAP_RULE =
  "overlapping episodes: an episode that ended before its return's year overlaps one of the child's kept (an episode of the year is kept before an earlier one)";

/**
 * The order in which a child's episodes are taken: by start, then by end (an open one last); two of the same dates that
 * overlap (not a day's episode, which ends as it starts) by RNE, LS and PLACE, so that which one is kept does not depend
 * on where they are in the table. Episodes of one day keep the table's order (a stable sort), the only word on which
 * came first.
 * @example
 * episodes.sort(episodeOrder)
 */
export function episodeOrder(a: ClaEpisode, b: ClaEpisode): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end === null ? 1 : b.end === null ? -1 : a.end - b.end;
  if (a.end === a.start) return 0;
  return compareText(a.rne, b.rne) || compareText(a.ls, b.ls) || compareText(a.place, b.place);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether two episodes share a day other than one's last and the other's first (an episode ending as the next starts does not overlap it). */
function overlap(a: ClaEpisode, b: ClaEpisode): boolean {
  return a.start < (b.end ?? Infinity) && b.start < (a.end ?? Infinity);
}

/**
 * The episodes of one collection year's Episodes tables by child (`byChild`, as readEpisodes reads them) without
 * overlaps, each child's in episodeOrder: an open episode before a later-starting one is dropped, an episode of the
 * year is kept before an earlier one, and of two of the year the earlier-starting (each dropped episode logged under
 * OPEN_BEFORE_LATER_RULE, OVERLAP_RULE or HISTORY_OVERLAP_RULE, naming in its detail the next episode, the previous
 * one, or the one kept). The input is not changed.
 * @returns the episodes kept, and the error of a table with too many overlapping (overlappingEpisodes), if any
 * @example
 * const { episodes, error } = withoutOverlaps(yearEpisodes, episodesTable, log);
 */
export function withoutOverlaps(
  byChild: ReadonlyMap<string, readonly ClaEpisode[]>,
  file: Ssda903File,
  log: ReturnsImportLog,
): { episodes: Map<string, ClaEpisode[]>; error: DataError | undefined } {
  const yearStart = collectionYear(file.year).start;
  const episodes = new Map<string, ClaEpisode[]>();
  const read = new Map<string, number>();
  const dropped = new Map<string, number>();
  const historyDropped = new Set<string>();
  const openDropped = new Map<string, number>();
  const drop = (e: ClaEpisode, kept: ClaEpisode, rule: string) => {
    dropped.set(e.file, (dropped.get(e.file) ?? 0) + 1);
    if (rule === HISTORY_OVERLAP_RULE) historyDropped.add(e.file);
    if (rule === OPEN_BEFORE_LATER_RULE) openDropped.set(e.file, (openDropped.get(e.file) ?? 0) + 1);
    const which = rule === OVERLAP_RULE ? "the previous episode" : rule === OPEN_BEFORE_LATER_RULE ? "the next episode" : "the episode kept";
    const [column, value] = rule === OPEN_BEFORE_LATER_RULE ? ["DEC", ""] : ["DECOM", String(e.start)];
    log.drop(e.file, e.row, column, value, rule, `${which}: ${kept.file} row ${kept.row}`);
  };
  for (const [child, list] of byChild) {
    for (const e of list) read.set(e.file, (read.get(e.file) ?? 0) + 1);
    const ordered = [...list].sort(episodeOrder);
    const kept: ClaEpisode[] = [];
    const later = nextLaterStarts(ordered);
    for (const [k, e] of ordered.entries()) {
      const next = later[k];
      if (e.end === null && next !== undefined) {
        drop(e, next, OPEN_BEFORE_LATER_RULE);
        continue;
      }
      if (e.end !== null && e.end < yearStart) continue;
      const last = kept[kept.length - 1];
      if (last !== undefined && overlap(last, e)) drop(e, last, OVERLAP_RULE);
      else kept.push(e);
    }
    const ofYear = kept.length;
    for (const e of ordered) {
      if (e.end === null || e.end >= yearStart) continue;
      const other = kept.find((k) => overlap(k, e));
      if (other !== undefined) drop(e, other, HISTORY_OVERLAP_RULE);
      else kept.push(e);
    }
    if (kept.length > ofYear) kept.sort(episodeOrder);
    episodes.set(child, kept);
  }
  for (const name of openDropped.keys()) noticeOpenBeforeLater(name, log);
  for (const name of historyDropped) noticeHistoryOverlaps(name, log);
  return { episodes, error: overlappingEpisodes(file, dropped, read, openDropped) };
}

/** For each of a child's episodes in episodeOrder, the first episode starting after it (undefined for the latest start), in one pass. */
function nextLaterStarts(ordered: readonly ClaEpisode[]): (ClaEpisode | undefined)[] {
  const next: (ClaEpisode | undefined)[] = new Array(ordered.length);
  for (let k = ordered.length - 1; k >= 0; k--) {
    next[k] = k + 1 === ordered.length ? undefined : ordered[k + 1].start > ordered[k].start ? ordered[k + 1] : next[k + 1];
  }
  return next;
}

/**
 * Say on the screen, once per table, that open episodes followed by a later one of the child were dropped: figures
 * that count care history (long-term stability) or placements may move, and the fix is in the LA's records.
 */
function noticeOpenBeforeLater(file: string, log: ReturnsImportLog): void {
  log.notice(
    file,
    "episodes left open (no end date) while a later episode of the same child starts dropped (the import log counts them): only a child's latest episode can be open, so their end dates are missing; the later episodes are kept, and the figures of placements and long-term stability are counted without the open ones",
    "record the end date (DEC) of each such episode and export the table again",
  );
}

/**
 * Say on the screen, once per table, that episodes which ended before the year were dropped for overlapping the year's
 * own: the year's figures stand, but such rows are most often another year's pasted in.
 */
function noticeHistoryOverlaps(file: string, log: ReturnsImportLog): void {
  log.notice(
    file,
    "episodes that ended before 1 April of the return's year and overlap an episode of the year of the same child dropped (the import log counts them): the year's episodes are kept",
    "if the table holds an earlier year's rows, export the year's episodes again",
  );
}

/**
 * The error for a year's Episodes table of which too many episodes were dropped as overlapping (tooManyToDrop: more
 * than MIXED_YEARS_SHARE of the episodes read from it, and MIXED_YEARS_MIN_ROWS or more), or undefined.
 * @param dropped episodes dropped as overlapping, by file name
 * @param read episodes read (before the overlap rule), by file name
 * @param open of those dropped, the episodes left open before a later one (OPEN_BEFORE_LATER_RULE), by file name: said
 *   apart, since their fix is an end date in the LA's records, not another export
 */
function overlappingEpisodes(
  file: Ssda903File,
  dropped: ReadonlyMap<string, number>,
  read: ReadonlyMap<string, number>,
  open: ReadonlyMap<string, number>,
): DataError | undefined {
  for (const [name, n] of dropped) {
    const of = read.get(name) ?? 0;
    if (!tooManyToDrop(n, of)) continue;
    const label = collectionYearLabel(file.year);
    const unclosed = open.get(name) ?? 0;
    const ofThem = unclosed === 0 ? "" : `, ${unclosed} of them left open (no DEC) before a later episode of the child`;
    const close = unclosed === 0 ? "" : ", each episode before a child's latest with its end date";
    return new DataError({
      file: name,
      column: "DECOM, DEC",
      value: `${n} of its ${of} episodes`,
      expected: `each child's episodes one after another (DfE's validation rule 501: no episode starts before the child's previous one ended): ${shareAboveLimit(n, of)} of its episodes overlap another of the child's (more than ${100 * MIXED_YEARS_SHARE}%${ofThem}), so the table probably mixes two extracts (an earlier year's episodes, or another export of ${label}, pasted in), and which of two overlapping episodes is the child's cannot be told; export the ${label} table again${close} (${readWhenFew("episodes")})`,
    });
  }
  return undefined;
}
