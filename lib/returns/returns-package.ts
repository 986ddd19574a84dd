/**
 * Write the result of a returns import as a data package (lib/data/package writePackage) plus, beside its
 * resources, `import-log.json` (rows read, dropped and warned per file, and the count per rule, each count of
 * records of 1 … threshold − 1 and every total holding one left out: {@link packageImportLog}) and `intervals.csv`
 * (each published value with its 95% interval and method; suppressed rows have no value and no limits). Nothing record-level is written: the log's
 * entries (file, row, column and a value that is withheld for identifiers, dates and postcodes) describe records,
 * one entry per record, so they go only to a file the user names (`returns --log FILE`), kept with the returns.
 */
import { OWN_RECORDS_LICENCE_ENTRY } from "../data/own-data/licence";
import { formatCsv } from "../data/csv";
import { isSmallCount } from "../disclosure/suppress-counts";
import { summariseImportLog } from "../data/import/import-log";
import { writePackage } from "../data/package";
import type { AreaRow, ContextRow, PackageContent, PackageDescriptor } from "../data/types";
import type { PopulationTable } from "./estimates";
import type { RecordCount } from "./import-issues";
import type { ReturnsImport } from "./import-returns";
import { leftOutRule, NO_BIRTH_DATE } from "./cla-indicators";
import { BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE, REPEATED_CHILD_RULES, REPEATED_CHILDREN_LEFT_OUT } from "./ssda903-repeated-children";
import { FUTURE_BIRTH_DATE_RULE, MISSING_BIRTH_DATE_RULE, OC2_BIRTH_DATE_RULE } from "./ssda903-row-readers";

/** Context variable the population is stored under (as the official import does). */
export const POPULATION_CONTEXT_VARIABLE = "child_population_0_17";

/**
 * What {@link returnsPackageContent} gives: the package's content and the import log as the package publishes it
 * ({@link packageImportLog}), made once, with the threshold the import suppressed its counts with
 * (ReturnsImport.threshold): the log's summary in datapackage.json and import-log.json are the same object, so the two
 * cannot disagree (each had been computed again, from a threshold of its own).
 */
export type ReturnsPackageContent = PackageContent & { importLog: PackageImportLog };

/**
 * Package content for a returns import, with its import log as the package gives it.
 * @param knownAreas areas of a package the population came from (names and regions); others get placeholders
 * @example
 * writeReturnsPackage("out/returns", returnsPackageContent(result, { created: "2026-01-01" }), result);
 */
export function returnsPackageContent(
  result: ReturnsImport,
  meta: { created: string; knownAreas?: readonly AreaRow[]; population?: PopulationTable; provenance?: Record<string, unknown> },
): ReturnsPackageContent {
  const known = new Map((meta.knownAreas ?? []).map((a) => [a.la_code, a]));
  const areas: AreaRow[] = result.las.map(
    (la) => known.get(la) ?? { la_code: la, la_name: la, region_code: "unknown", region_name: "unknown", old_la_code: "", first_period: null, last_period: null },
  );
  const context: ContextRow[] = [];
  for (const la of result.las) {
    for (const year of result.years) {
      const pop = meta.population?.get(`${la}|${year}`);
      if (pop !== undefined) context.push({ la_code: la, period: year, variable: POPULATION_CONTEXT_VARIABLE, value: pop });
    }
  }
  const importLog = packageImportLog(result.log, result.threshold);
  return {
    name: RETURNS_PACKAGE_NAME,
    title: `Indicators from local authorities' own returns (SSDA903, CIN census${result.files.annexA > 0 ? ", Ofsted Annex A" : ""})`,
    description:
      `LA × year indicators computed by \`vital-signs returns\` from record-level SSDA903 and CIN census extracts${result.files.annexA > 0 ? " and Ofsted Annex A lists" : ""}, pseudonymised on ingest; ` +
      `${result.threshold > 1 ? `counts of 1–${result.threshold - 1} suppressed` : "no count suppressed (threshold 1): not for publication"}. Definitions in catalogue.csv.`,
    created: meta.created,
    licenses: [{ ...OWN_RECORDS_LICENCE_ENTRY }],
    sources: [],
    provenance: {
      returns: { files: result.files, las: result.las.length, years: result.years, ...(meta.provenance ?? {}) },
      import_log: { file: "import-log.json", summary: importLog.summary },
    },
    areas,
    catalogue: result.catalogue,
    indicators: result.indicators,
    context,
    outcomes: [],
    importLog,
  };
}

/** A file of the import log as the package gives it: its rows read (always null: ROWS_READ_WITHHELD), dropped and warned, each null when withheld. */
export type PackageLogFile = { file: string; rows: number | null; dropped: number | null; warnings: number | null; note?: string };

/**
 * Which of a file's totals a count of records of `action` is inside (a table skipped whole: every row read, which is
 * never given, so such a count only ever hides `rows`; readTable also counts those rows dropped, a total equal to it).
 */
const FILE_TOTAL_OF_ACTION = { dropped: "dropped", warning: "warnings", "skipped-file": "rows" } as const;

/**
 * Why a file's rows read are not in the package's log (null): a table's rows are children or their records, and
 * beside a published count of a subset they give the difference back — a walkthrough took header.csv's 113 rows (every
 * child looked after in the year) less cla_missing_pct's denominator of 109 (those not on short breaks only): 4.
 */
const ROWS_READ_WITHHELD = "Rows read are not given (null): a table's rows are children or their records, and beside a published count of some of them would give the rest back; vital-signs returns --log FILE gives them.";

/**
 * Why the rows dropped as rows of a child listed in more than one row of OC2 or OC3 are never given, whatever their
 * count: the children left out are (REPEATED_CHILDREN_LEFT_OUT), and rows − 2 × children is the rows beyond a child's
 * second, a count of records that may be small however large the two are (23 rows, 11 children: one child listed three
 * times; a hostile review, round 23). The children are what the figures lose, so they are given and the rows not.
 */
const REPEATED_CHILD_ROWS_WITHHELD =
  "Rows dropped as rows of a child listed in more than one row of OC2 or OC3 are not given (null), nor is any total holding them (a file's rows dropped, all rows dropped): the children left out are given, and beside them the rows would give back how many rows a child has beyond two, a small count (23 rows of 11 children: one child in three rows); vital-signs returns --log FILE gives them.";

/**
 * Why the rows of a child listed in Header rows with different dates of birth are never given, whatever their count, as
 * OC2's and OC3's are not (REPEATED_CHILD_ROWS_WITHHELD): the children are given (REPEATED_CHILDREN_LEFT_OUT), each with
 * its first row warned about and its others dropped, so rows dropped − children would give back the rows beyond a
 * child's second.
 */
const REPEATED_HEADER_ROWS_WITHHELD =
  "Rows of a child listed in more than one row of Header with different dates of birth are not given (null), nor is any total holding them (a file's rows dropped or warned about, all rows dropped or warned about): the children read without a date of birth are given, and beside them the rows would give back how many rows a child has beyond two, a small count; vital-signs returns --log FILE gives them.";

/**
 * Rules whose counts of records the package never gives, whatever their size, with why (said in the log's note): a
 * count that, beside another count given, would give a small count back by difference.
 */
export const COUNTS_NOT_GIVEN: ReadonlyMap<string, string> = new Map([
  [REPEATED_CHILD_RULES.OC2, REPEATED_CHILD_ROWS_WITHHELD],
  [REPEATED_CHILD_RULES.OC3, REPEATED_CHILD_ROWS_WITHHELD],
  [REPEATED_CHILD_RULES.Header, REPEATED_HEADER_ROWS_WITHHELD],
]);

/**
 * Whether a count of records is left out of the package: 1 … threshold − 1, or of a rule never given (COUNTS_NOT_GIVEN),
 * unless the threshold is 1 (a package not for publication, in which no count is left out). The screen withholds it too.
 * @example
 * withheldCount({ action: "dropped", rule: "start date is not a date dd/mm/yyyy", file: "episodes.csv", count: 3 }, 10) // true
 */
export function withheldCount(r: RecordCount, threshold: number): boolean {
  return isSmallCount(r.count, threshold) || (threshold > 1 && r.count > 0 && COUNTS_NOT_GIVEN.has(r.rule));
}

/**
 * Counts of records of which one holds the other (`part`'s records are among the sum of `whole`'s rules): given all of
 * them, whole − part is a count of records too, so when it is 1 … threshold − 1 the part is left out
 * (controlledSummary). OC2 rows without a valid date of birth (warned) hold those with CONVICTED recorded, the children
 * cla_convicted_pct leaves out: 12 rows and 10 children had given back 2 rows without a date of birth or CONVICTED (a
 * review of round 23's R4, the same pattern). The children long-term stability leaves out for want of a date of birth
 * are among the Header's children read without one, for whatever reason: a date missing or not a date, a date after
 * the collection year, or rows of the child with different dates (REPEATED_CHILDREN_LEFT_OUT.Header, round 24). Paired
 * with the three together: paired with the last alone, 20 rows without a date, 15 children with different dates and 33
 * left out had given back 2 children (a second read of round 24). So are the children whose Headers of two years of the
 * run give different dates (BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE, round 25), read without one too. A child's date of
 * birth may come from another year's Header of the run, which only makes the part smaller; the pair is kept whenever
 * all are given, a conservative rule.
 * `why` is said in the log's note when the part is left out.
 */
const NESTED_COUNTS: readonly { whole: readonly { action: RecordCount["action"]; rule: string }[]; part: { action: RecordCount["action"]; rule: string }; why: string }[] = [
  {
    whole: [{ action: "warning", rule: OC2_BIRTH_DATE_RULE }],
    part: { action: "warning", rule: leftOutRule("cla_convicted_pct", NO_BIRTH_DATE) },
    why: "the OC2 rows warned about without a date of birth hold the children cla_convicted_pct leaves out for it: their difference is the rows without one and without CONVICTED",
  },
  {
    whole: [
      { action: "warning", rule: MISSING_BIRTH_DATE_RULE },
      { action: "warning", rule: FUTURE_BIRTH_DATE_RULE },
      { action: "warning", rule: REPEATED_CHILDREN_LEFT_OUT.Header },
      { action: "warning", rule: BIRTH_DATES_DIFFER_ACROSS_YEARS_RULE },
    ],
    part: { action: "warning", rule: leftOutRule("cla_long_term_stability_pct", NO_BIRTH_DATE) },
    why: "the Header's children read without a date of birth (missing, after the collection year, or different in two rows of the child or in two years' Headers) hold those cla_long_term_stability_pct leaves out for want of one: their difference is the children outside its cohort or given a date by another year",
  },
];

/** How the log's note starts to say that a count was left out for a count holding it (NESTED_COUNTS). */
export const NESTED_COUNT_WITHHELD = "A count of records that another given count holds is left out too";

/**
 * The import log's files as the package may publish them: a file of records has a row per child or per episode
 * (header.csv: one per child looked after in the year; a CIN census: one per child), so its rows read are never
 * given ({@link ROWS_READ_WITHHELD}), and its rows dropped or warned about are records too, so a count of
 * 1 … threshold − 1 of them is left out (null), with a note. So is a
 * file's total that holds such a count of one rule (`records`, ReturnsImportLog.recordCounts): with the rule's other
 * counts published, the total would give it back by subtraction (18 rows dropped, of which 15 by the one other rule:
 * 3).
 * @example
 * packageLogFiles([{ file: "E06000002/2023-24/header.csv", rows: 80, dropped: 3, warnings: 0 }], [], 10)[0] // { …, rows: null, dropped: null, warnings: 0, note: … }
 */
export function packageLogFiles(
  files: readonly { file: string; rows: number; dropped: number; warnings: number }[],
  records: readonly RecordCount[],
  threshold: number,
): PackageLogFile[] {
  const holdingSmall = new Set(records.filter((r) => isSmallCount(r.count, threshold)).map((r) => `${FILE_TOTAL_OF_ACTION[r.action]}\u0000${r.file}`));
  const holdingNotGiven = new Set(records.filter((r) => withheldCount(r, threshold) && !isSmallCount(r.count, threshold)).map((r) => `${FILE_TOTAL_OF_ACTION[r.action]}\u0000${r.file}`));
  return files.map((f) => {
    const small = (["dropped", "warnings"] as const).filter((k) => isSmallCount(f[k], threshold));
    const holding = (["dropped", "warnings"] as const).filter((k) => !small.includes(k) && holdingSmall.has(`${k}\u0000${f.file}`));
    const notGiven = (["dropped", "warnings"] as const).filter((k) => !small.includes(k) && !holding.includes(k) && holdingNotGiven.has(`${k}\u0000${f.file}`));
    const withheld = (k: "dropped" | "warnings") => small.includes(k) || holding.includes(k) || notGiven.includes(k);
    // rows read are never published (ROWS_READ_WITHHELD): header.csv's are every child looked after in the year
    const out: PackageLogFile = { file: f.file, rows: null, dropped: withheld("dropped") ? null : f.dropped, warnings: withheld("warnings") ? null : f.warnings };
    const notes = [
      ...(small.length === 0 ? [] : [`${small.join(", ")}: between 1 and ${threshold - 1}, under the disclosure threshold of ${threshold}, not published`]),
      ...(holding.length === 0 ? [] : [`${holding.join(", ")}: holding a count of one rule between 1 and ${threshold - 1}, not published`]),
      ...(notGiven.length === 0 ? [] : [`${notGiven.join(", ")}: holding a count of one rule the package does not give (see the log's note), not published`]),
    ];
    return notes.length === 0 ? out : { ...out, note: notes.join("; ") };
  });
}

/**
 * summariseImportLog with the counts of records controlled: a rule's count is left out (null) when it holds a count
 * of 1 … threshold − 1 in one file or LA-year (`records`, ReturnsImportLog.recordCounts: rows dropped, rows warned
 * about, children left out of an indicator, rows of a table skipped whole), and so is an action's total when any
 * rule's count inside it is left out. A total is never given beside some of its parts while another is hidden: the
 * Annex A log's 12 warnings, 4 notices (one per LA-year, given) and two rules of c children each, had given c = 4.
 * Counts of files, LA-years and checks (the notices: each is also its rule's `files`) are kept.
 * @example
 * controlledSummary([{ action: "dropped", file: "a.csv", rule: "r", count: 3 }], [{ action: "dropped", file: "a.csv", rule: "r", count: 3 }], 10).byAction.dropped // null
 */
export function controlledSummary(entries: Parameters<typeof summariseImportLog>[0], records: readonly RecordCount[], threshold: number) {
  const s = summariseImportLog(entries);
  const ruleKey = (r: { action: string; rule: string }) => `${r.action}\u0000${r.rule}`;
  const hiddenRules = new Set(records.filter((r) => withheldCount(r, threshold)).map(ruleKey));
  const total = (k: string) => records.filter((r) => ruleKey(r) === k).reduce((n, r) => n + r.count, 0);
  for (const { whole, part } of NESTED_COUNTS) {
    const [ws, p] = [whole.map(ruleKey), ruleKey(part)];
    // given all, their difference would be given too
    const wholeCount = ws.reduce((n, w) => n + total(w), 0);
    if (!ws.some((w) => hiddenRules.has(w)) && !hiddenRules.has(p) && isSmallCount(wholeCount - total(p), threshold)) hiddenRules.add(p);
  }
  const hiddenActions = new Set<string>(s.byRule.filter((r) => hiddenRules.has(ruleKey(r))).map((r) => r.action));
  return {
    byAction: Object.fromEntries(Object.entries(s.byAction).map(([action, n]) => [action, hiddenActions.has(action) ? null : n])),
    byRule: s.byRule.map((r) => ({ ...r, count: hiddenRules.has(ruleKey(r)) ? null : r.count })),
  };
}

/** The import log as the package gives it ({@link packageImportLog}). */
export interface PackageImportLog {
  files: PackageLogFile[];
  summary: ReturnType<typeof controlledSummary>;
  note: string;
}

/**
 * The import log as the package gives it: per file and per rule, counts controlled; no entries (one per record).
 * @example
 * packageImportLog(result.log, 10).entries // undefined: `returns --log FILE` writes them
 */
export function packageImportLog(log: ReturnsImport["log"], threshold: number): PackageImportLog {
  const records = log.recordCounts();
  // said only when it happened, so that a log without such a total reads as it did
  const totals = records.some((r) => isSmallCount(r.count, threshold))
    ? " So is every total holding one (a rule's over files, an action's over rules, a file's over rules): with its other parts given, it would give the count back."
    : "";
  // said only when such a rule counted something, as above
  const notGiven = [...new Set(records.filter((r) => withheldCount(r, threshold) && COUNTS_NOT_GIVEN.has(r.rule)).map((r) => COUNTS_NOT_GIVEN.get(r.rule)!))];
  const summary = controlledSummary(log.entries(), records, threshold);
  const nestedHidden = NESTED_COUNTS.filter(({ part }) =>
    summary.byRule.some((r) => r.action === part.action && r.rule === part.rule && r.count === null) &&
    records.every((r) => r.rule !== part.rule || !isSmallCount(r.count, threshold)));
  const nested = nestedHidden.length > 0
    ? ` ${NESTED_COUNT_WITHHELD} when the two differ by 1 to ${threshold - 1} (${nestedHidden.map((n) => n.why).join("; ")}).`
    : "";
  return {
    files: packageLogFiles(log.fileSummary(), records, threshold),
    summary,
    note: `${ROWS_READ_WITHHELD} Counts of records (rows dropped, warned about) of 1 to ${threshold - 1} are left out (null).${totals}${nested}${notGiven.map((n) => ` ${n}`).join("")} The log's entries (file, row, column, rule) describe records, one entry per record, and are not in the package: vital-signs returns --log FILE writes them to a file of your choosing, to keep with the returns.`,
  };
}

/** The `name` of the package `returns` writes. */
export const RETURNS_PACKAGE_NAME = "returns-indicators";

/** The files `returns` writes beside the package's resources. */
export const RETURNS_EXTRA_FILES: readonly string[] = Object.freeze(["import-log.json", "intervals.csv"]);

/**
 * The whole import log, entries included, for `returns --log FILE` (kept with the returns, not the package).
 * @example
 * fullImportLog(result.log).entries.length
 */
export function fullImportLog(log: ReturnsImport["log"]) {
  return { files: log.fileSummary(), summary: summariseImportLog(log.entries()), entries: log.entries() };
}

/**
 * Write the package, `import-log.json` (the content's importLog: counts per file and per rule, those of records below
 * the import's disclosure threshold left out; no entries) and `intervals.csv` to `dir`. `replacing`: an earlier run's
 * files there (`refuseForeignOutput`), those not written again removed in the same atomic group. `beforeCommit`: called
 * just before the files are renamed into place (a package lock's check).
 * @example
 * writeReturnsPackage("out/returns", returnsPackageContent(result, { created: "2026-01-01" }), result);
 */
export function writeReturnsPackage(dir: string, content: ReturnsPackageContent, result: ReturnsImport, replacing: readonly string[] = [], beforeCommit?: () => void): PackageDescriptor {
  const { importLog, ...packageContent } = content;
  const fields = ["la_code", "period", "indicator", "value", "lower", "upper", "conf", "method", "status"];
  const intervals = formatCsv(result.estimates.map((e) => ({ ...e, method: e.method === "none" ? "" : e.method })), fields);
  // in the package's one atomic write (before datapackage.json): written after it, a run stopped between the two
  // left a new package beside the previous run's log and intervals
  return writePackage(dir, packageContent, {
    extraFiles: [
      { name: "import-log.json", contents: JSON.stringify(importLog, null, 2) + "\n" },
      { name: "intervals.csv", contents: intervals },
    ],
    replacing,
    beforeCommit,
  });
}
