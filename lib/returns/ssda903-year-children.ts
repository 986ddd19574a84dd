/**
 * Who is counted in a collection year of an LA's SSDA903 run: the children that year's Episodes table lists. DfE's
 * return "records details of every child your local authority looks after at any time during the year" (Children
 * looked after return: guide to submitting data), so when a year's return is in the run, it is the record of who was
 * looked after in that year. Other years' episodes are the history of the children it lists (a placement or period of
 * care begun before the year, which long-term stability needs: read-ssda903's mergeYears), never a reason to count a
 * child in the year. This is the cross-file twin of rowsBeforeTheYear (ssda903-table-year), which drops an earlier
 * year's episodes within one table unless their child is looked after in the year.
 *
 * Counted over the merged episodes of the run instead, an episode open at the end of one year's file stayed open in
 * every later year whose files did not list the child: a child whose CHILD id changed between two years (a case-system
 * migration) was counted twice in each year (E06000002 2022-23 looked after at 31 March 69 → 130, and a 2021-22
 * denominator 61 → 122 from the 2022-23 files' episodes begun before that year), and dropping a child's Header row of
 * a year (its episodes then dropped) made the year's count go up.
 *
 * Between two consecutive years of a run, each child looked after at the end of the first (an episode open on its 31
 * March) whom the second's table does not list, and each child the second lists whose episodes there say it was looked
 * after in the first (an episode open on a day of it) whom the first does not list, is a warning on the episode's row
 * (the rows in `returns --log` only; the package's log gives each rule with its count), with a notice on the screen.
 * Many of both (CHANGED_IDS_SHARE, CHANGED_IDS_MIN_CHILDREN) is refused as identifiers changed between the years.
 * A table "lists" a child when an episode of the child is read from it: a child whose rows were all dropped (a child
 * missing from the year's Header, say: logged with its own rule) is not counted in the year either.
 */
import { DataError } from "../errors";
import { collectionYear, collectionYearLabel } from "./dates";
import type { ReturnsImportLog } from "./import-issues";
import type { ClaEpisode } from "./ssda903-records";

/**
 * Rule of a child looked after at the end of a year (an episode open on its 31 March in that year's Episodes table)
 * whom the next year's Episodes table, in the run, does not list: counted in the first year only.
 */
export const NOT_IN_NEXT_RETURN_RULE =
  "child looked after at the end of the year (an episode open on 31 March) with no episode read from the next year's Episodes table: not counted in the next year (its return is the record of who was looked after then)";

/**
 * Rule of a child listed in a year's Episodes table whose episodes there say it was looked after in the year before (an
 * episode open on a day of it), whom the earlier year's Episodes table, in the run, does not list: counted in the later
 * year only.
 */
export const NOT_IN_EARLIER_RETURN_RULE =
  "child whose episodes say it was looked after in the year before, with no episode read from that year's Episodes table: not counted in the year before (its return is the record of who was looked after then)";

/**
 * Share of the children carried over a year's end, on either side, above which a pair of consecutive years is refused
 * as identifiers changed between them, when both sides are: the children looked after at the end of the first year
 * whom the second does not list, of all looked after at its end; and the children of the second whose episodes reach
 * into the first whom the first does not list, of all whose episodes reach into it. In a pair of returns of one
 * system both are none (a child looked after on 31 March is looked after on 1 April, and listed in both years'
 * returns); a few come from a record corrected after one year's export (an end date or a start recorded late), and
 * are dropped from the year that did not list them, each with its rule. New identifiers for the same children give
 * nearly all on both sides (the trial's migrated LA: 61 of 61), so that each child would be two, the earlier year's
 * history lost to every later figure. The same 5% as a table mixing years (MIXED_YEARS_SHARE), for the same reason:
 * beyond a few, rows (here children) have been mixed, not mistyped. Both sides must be above it: one side alone is a
 * year's export short of children, or with children added, which the warnings say.
 */
export const CHANGED_IDS_SHARE = 0.05;

/** Fewest children on each side for a pair of years to be refused as identifiers changed (CHANGED_IDS_SHARE): a late record is a child or two. */
export const CHANGED_IDS_MIN_CHILDREN = 5;

/**
 * The children each year's Episodes table lists (with an episode kept): the children counted in that year.
 * @example
 * childrenOfEachYear(new Map([[2023, episodesOf2023]])).get(2023)?.has(child)
 */
export function childrenOfEachYear(byYear: ReadonlyMap<number, ReadonlyMap<string, readonly ClaEpisode[]>>): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const [year, episodes] of byYear) {
    const children = new Set<string>();
    for (const [child, list] of episodes) if (list.length > 0) children.add(child);
    out.set(year, children);
  }
  return out;
}

/** Children carried across the end of `year`, seen from one side: those of the side's table, and those the other side's table does not list, each with the episode that carries it. */
interface CarriedChildren {
  all: number;
  unlisted: ClaEpisode[];
}

/** The first episode of `list` that is open on a day of [start, end], if any. */
function episodeOpenIn(list: readonly ClaEpisode[], start: number, end: number): ClaEpisode | undefined {
  return list.find((e) => e.start <= end && (e.end === null || e.end >= start));
}

/**
 * The children of `earlier`'s table looked after at the end of `year` (an episode open on its 31 March) and those of
 * `later`'s table (year + 1) looked after in `year` by its episodes, each with those the other table does not list.
 */
function carriedAcross(
  year: number,
  earlier: ReadonlyMap<string, readonly ClaEpisode[]>,
  later: ReadonlyMap<string, readonly ClaEpisode[]>,
): { atEnd: CarriedChildren; reachingBack: CarriedChildren } {
  const { start, end } = collectionYear(year);
  const atEnd: CarriedChildren = { all: 0, unlisted: [] };
  for (const [child, list] of earlier) {
    const open = list.find((e) => e.start <= end && (e.end === null || e.end > end));
    if (open === undefined) continue;
    atEnd.all++;
    if (!(later.get(child)?.length)) atEnd.unlisted.push(open);
  }
  const reachingBack: CarriedChildren = { all: 0, unlisted: [] };
  for (const [child, list] of later) {
    const before = episodeOpenIn(list, start, end);
    if (before === undefined) continue;
    reachingBack.all++;
    if (!(earlier.get(child)?.length)) reachingBack.unlisted.push(before);
  }
  return { atEnd, reachingBack };
}

/** Whether `unlisted` of `all` children is too many for a pair of years: more than CHANGED_IDS_SHARE, and CHANGED_IDS_MIN_CHILDREN or more. */
function tooManyUnlisted(unlisted: number, all: number): boolean {
  return unlisted >= CHANGED_IDS_MIN_CHILDREN && unlisted > CHANGED_IDS_SHARE * all;
}

/**
 * Check each pair of consecutive years of an LA's run for children one year's Episodes table lists across the years'
 * boundary and the other does not: each such child is a warning on the episode's row (NOT_IN_NEXT_RETURN_RULE on the
 * earlier table's open episode, NOT_IN_EARLIER_RETURN_RULE on the later table's episode reaching back), with one
 * notice per pair; many of both is refused (CHANGED_IDS_SHARE). Nothing is changed: who is counted in a year is
 * childrenOfEachYear's.
 * @param files each year's Episodes file names, for messages
 * @throws DataError naming the LA, both years, both counts and the files, when both sides are too many
 * @example
 * checkChildrenAcrossYears("E06000002", [2022, 2023], byYear, files, log);
 */
export function checkChildrenAcrossYears(
  la: string,
  run: readonly number[],
  byYear: ReadonlyMap<number, ReadonlyMap<string, readonly ClaEpisode[]>>,
  files: ReadonlyMap<number, readonly string[]>,
  log: ReturnsImportLog,
): void {
  for (let k = 1; k < run.length; k++) {
    const year = run[k - 1];
    const next = run[k];
    const { atEnd, reachingBack } = carriedAcross(year, byYear.get(year)!, byYear.get(next)!);
    const names = { earlier: files.get(year)!.join(", "), later: files.get(next)!.join(", ") };
    const labels = { earlier: collectionYearLabel(year), later: collectionYearLabel(next) };
    if (tooManyUnlisted(atEnd.unlisted.length, atEnd.all) && tooManyUnlisted(reachingBack.unlisted.length, reachingBack.all)) {
      throw changedIdentifiers(la, year, atEnd, reachingBack, names);
    }
    for (const e of atEnd.unlisted) log.warn(e.file, e.row, "DEC", "", NOT_IN_NEXT_RETURN_RULE, `no episode read from the ${labels.later} Episodes table (${names.later}): counted in ${labels.earlier} only`);
    for (const e of reachingBack.unlisted) log.warn(e.file, e.row, "DECOM", String(e.start), NOT_IN_EARLIER_RETURN_RULE, `no episode read from the ${labels.earlier} Episodes table (${names.earlier}): counted in ${labels.later} only`);
    if (atEnd.unlisted.length + reachingBack.unlisted.length === 0) continue;
    // no count in the notice: its text is a rule of the package's log, where a count of 1 to 9 would be given back
    log.notice(
      `${la} ${labels.earlier}, ${labels.later}`,
      `children looked after across the end of ${labels.earlier} whom one of the two years' Episodes tables does not list (${names.earlier}; ${names.later}): each is counted only in the year whose return lists the child (the import log counts them; returns --log names their rows)`,
      "a child looked after on 31 March is looked after on 1 April, so both years' returns list it: check that each year's table is a whole export from one system, with one CHILD identifier per child across years",
    );
  }
}

/** The refusal of a pair of years whose children on both sides of the years' boundary are too many not listed by the other year (checkChildrenAcrossYears). */
function changedIdentifiers(la: string, year: number, atEnd: CarriedChildren, reachingBack: CarriedChildren, names: { earlier: string; later: string }): DataError {
  const earlier = collectionYearLabel(year);
  const later = collectionYearLabel(year + 1);
  return new DataError({
    file: names.later,
    column: "CHILD",
    value: `${reachingBack.unlisted.length} of the ${reachingBack.all} children it gives as looked after in ${earlier} absent from ${earlier}'s table; ${atEnd.unlisted.length} of the ${atEnd.all} children looked after on 31 March ${year} in ${earlier}'s table absent from it`,
    expected: `for ${la}, the children of ${later}'s return (${names.later}) carried over from ${earlier}'s (${names.earlier}) under the same CHILD identifiers: a child looked after on 31 March ${year} is looked after on 1 April, so both returns list it. More than ${100 * CHANGED_IDS_SHARE}% of the children on both sides of the years' end (and ${CHANGED_IDS_MIN_CHILDREN} or more) are listed by one year alone, so the CHILD identifiers probably changed between ${earlier} and ${later} (a case-management system migration), and each child would be counted as two, the ${earlier} history lost to ${later}'s figures; export both years' tables with one CHILD identifier per child across years (the same system's identifiers in every year), or import each year on its own`,
  });
}
