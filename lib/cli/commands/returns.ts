import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomically } from "../../data/atomic-write";
import { packageContent, readPackage } from "../../data/package";
import type { AreaRow } from "../../data/types";
import { DEFAULT_DISCLOSURE_THRESHOLD, MINIMUM_DISCLOSURE_THRESHOLD } from "../../disclosure/suppress-counts";
import { InputError } from "../../errors";
import { resolvePseudonymKey } from "../../pilot/pseudonymise";
import { importReturnsInParallel } from "../../returns/import-parallel";
import { readPopulationCsv, type ReturnsImport } from "../../returns/import-returns";
import type { RecordCount } from "../../returns/import-issues";
import { COUNTS_NOT_GIVEN, fullImportLog, NESTED_COUNT_WITHHELD, POPULATION_CONTEXT_VARIABLE, RETURNS_EXTRA_FILES, RETURNS_PACKAGE_NAME, returnsPackageContent, withheldCount, writeReturnsPackage, type ReturnsPackageContent } from "../../returns/returns-package";
import { BAD_FORMAT_MIN_ROWS, BAD_FORMAT_SHARE } from "../../returns/date-formats";
import { MIXED_YEARS_MIN_ROWS, MIXED_YEARS_SHARE } from "../../returns/ssda903-table-year";
import { CHANGED_IDS_MIN_CHILDREN, CHANGED_IDS_SHARE } from "../../returns/ssda903-year-children";
import { holdOutputFolder, refuseOutputAtInput, type OutputKind } from "../../data/output-folder";
import type { CliCommand, CliIO } from "../command";
import { existingInput, integerOption, positionalCount, thresholdOption } from "../options";
import { printableText } from "../printable";

/** Most worker threads --workers accepts (more than the LAs or the cores gains nothing). */
const MAX_WORKERS = 64;

const USAGE = `vital-signs returns DIR [--out PKG] [options]

Read the record-level returns LAs hold — SSDA903 CSV tables (Header, Episodes, Missing, OC3, …), CIN census
XML and Ofsted Annex A workbooks (.xlsx, lists 3, 4, 7, 8 and 9; used where no statutory return gives the
indicator) — for one or several LAs and years in DIR, and write LA × year indicators (DfE definitions, official ids)
with 95% intervals as a data package. Children's identifiers are pseudonymised as they are read (keyed
HMAC-SHA256; the key from VSW_PSEUDONYM_KEY or --key-file, or --ephemeral-key); dates of birth are kept as
months, postcodes are not kept; nothing record-level is written; counts of 1..N-1 are suppressed, and so is one
side of two counts of nested groups of children (looked after during the year and at 31 March) 1..N-1 apart.

LA and year of each file: a folder or file name holding the LA's ONS code (or --la for one LA) and the
collection year (2022-23, 202223 or 2023 = year ending 31 March 2023); CIN census files state their year.
An Annex A workbook holds the six months before the day its lists were extracted: name it by that day
(annex_a_2024-01-15.xlsx); named by collection year alone its months are unknown, and only its shares are given.
Of two workbooks of one LA and year, an exact copy is read once; different ones are read together when their
windows do not overlap, and refused otherwise (a child in both would be counted twice). So are two sheets of one
list in a workbook (a sheet copied in Excel, "List 7 (2)", or "Copy of List 7"): an exact copy is read once, and two
different ones holding the list's columns are refused.

A CSV is the SSDA903 table whose columns it holds most of (of those whose own column it holds, such as DECOM or
REVIEW, and the one its name names); one fitting two tables as well as each other is refused unless its name names
one of them. An exact copy of a row of an Episodes, OC2 or OC3 table is read once. A child listed in more than one
row of OC2 or OC3 with rows that differ (DfE's validation: a child is in each once) is left out of that table's
figures, numerator and denominator, and the import log counts the children and names their rows; a table where such
rows are more than ${100 * MIXED_YEARS_SHARE}% of its rows (and ${MIXED_YEARS_MIN_ROWS} or more) is refused as two exports mixed.
Consecutive years of an LA are read together: a year counts the children its own Episodes table lists (its return
is the record of who was looked after then), the other years' episodes giving their history. A child looked after
on 31 March whom the next year's table does not list, or one the next year's gives as looked after before it whom
the earlier one does not list, is counted in the year that lists it, and counted in the import log; more than
${100 * CHANGED_IDS_SHARE}% of the children on both sides of a year's end (and ${CHANGED_IDS_MIN_CHILDREN} or more) listed by one year alone is refused as
CHILD identifiers changed between the years (one identifier per child across years is needed).

Dates: SSDA903 dd/mm/yyyy (or yyyy-mm-dd), CIN census yyyy-mm-dd (or T00:00:00 after it), Annex A date cells or
dd/mm/yyyy. A row with a date that is not one is dropped and counted; a file where such rows are more than
${100 * BAD_FORMAT_SHARE}% of its rows (and ${BAD_FORMAT_MIN_ROWS} or more) is refused as saved in another format, naming the format found (dd/mm/yy,
mm/dd/yyyy, ...), and so is an Episodes or Missing table whose children are mostly not in the Header (ids that lost
their leading zeros in Excel). A census whose LEA is another LA's number (known from --population PKG) is refused.

Options:
  --out PKG            package folder to write (default: DIR-indicators)
  --la CODE            the LA's ONS code when DIR holds one LA and names none
  --population FILE    population CSV (la_code, period, population) or a data package with
                       ${POPULATION_CONTEXT_VARIABLE} (e.g. the imported official package); without it the
                       rates per 10,000 are left out (logged). With a package, LA folders are matched to its
                       LAs as add matches them: an earlier ONS code is counted under the LA's current code
                       (said on the screen); an LA-year outside the LA's lifespan is refused, naming successors
  --key-file FILE      file holding the pseudonymisation key (outside any git working tree): text, UTF-8,
                       at least 16 characters, white space at either end ignored; make one with
                       openssl rand -hex 32 > FILE (raw random bytes are refused)
  --ephemeral-key      use a random key that is not saved
  --threshold N        suppress counts 1..N-1 (default ${DEFAULT_DISCLOSURE_THRESHOLD}; at least ${MINIMUM_DISCLOSURE_THRESHOLD}: counts of
                       1-${MINIMUM_DISCLOSURE_THRESHOLD - 1} are always small, as in DfE's statistics)
  --log FILE           also write the whole import log, one entry per record dropped or warned about (file,
                       row, column, rule; identifiers and dates withheld) to FILE, outside the package: it
                       describes records, so keep it with the returns. The package's import-log.json has the
                       counts per file and per rule only, those of 1..N-1 records and totals holding one left out
  --created DATE       creation timestamp written to datapackage.json (default: now)
  --workers N          worker threads besides the main one (default: one fewer than the cores for
                       16 MB of returns or more, else 0); the package is the same whatever N`;

/** The population, and of a package its LAs and their earlier ONS codes (provenance.code_aliases), which folder codes are matched to. */
function populationFrom(source: string): { population: Map<string, number>; areas: AreaRow[]; codeAliases: Record<string, string> } {
  if (fs.existsSync(source) && fs.statSync(source).isDirectory()) {
    const pkg = readPackage(source);
    const content = packageContent(pkg);
    const population = new Map<string, number>();
    for (const c of content.context) if (c.variable === POPULATION_CONTEXT_VARIABLE && c.value !== null && c.value > 0) population.set(`${c.la_code}|${c.period}`, c.value);
    const aliases = pkg.descriptor.provenance?.code_aliases;
    return { population, areas: [...content.areas], codeAliases: aliases !== null && typeof aliases === "object" ? (aliases as Record<string, string>) : {} };
  }
  existingInput(source, "--population", "file or package folder");
  return { population: readPopulationCsv(source), areas: [], codeAliases: {} };
}

/** The package `returns` writes: an earlier run's may be replaced (its files not written again are removed), nothing else. */
const RETURNS_OUTPUT: OutputKind = {
  command: "returns",
  packageName: RETURNS_PACKAGE_NAME,
  extraFiles: RETURNS_EXTRA_FILES,
  foreignProvenance: ["own_data", "pilot"],
};

/** The options `returns` takes. */
const RETURNS_OPTIONS = {
  out: { type: "string" },
  la: { type: "string" },
  population: { type: "string" },
  "key-file": { type: "string" },
  "ephemeral-key": { type: "boolean", default: false },
  threshold: { type: "string" },
  created: { type: "string" },
  workers: { type: "string" },
  log: { type: "string" },
} as const;

/** The options as parsed. */
type ReturnsValues = ReturnType<typeof parseArgs<{ options: typeof RETURNS_OPTIONS; allowPositionals: true }>>["values"];

export const returnsCommand: CliCommand = {
  name: "returns",
  summary: "LA returns (SSDA903 CSV, CIN census XML, Annex A xlsx) → pseudonymised, disclosure-controlled LA × year indicators",
  usage: USAGE,
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: RETURNS_OPTIONS });
    // a second folder had been ignored without a word (two LAs' folders: put them under one DIR)
    positionalCount(positionals, 1, 1, "one DIR");
    const dir = positionals[0];
    const out = values.out ?? `${path.resolve(dir)}-indicators`;
    const threshold = thresholdOption(values.threshold);
    existingInput(dir, "DIR", "folder");
    if (values.population !== undefined) existingInput(values.population, "--population", "file or package folder");
    const logFile = values.log === undefined ? undefined : path.resolve(values.log);
    const inside = logFile === undefined ? "" : path.relative(path.resolve(out), logFile);
    if (logFile !== undefined && !inside.startsWith("..") && !path.isAbsolute(inside)) {
      throw new InputError("--log", "must be outside the package folder (the log describes records; the package is what is shared)", values.log);
    }
    // before anything is read: not beside the returns, and not over anything but an earlier run's package
    refuseOutputAtInput(out, [{ what: "DIR", path: dir }]);
    // locked until the package is in place: two runs into one folder at once had renamed their files over each other's
    const { lock, replacing } = holdOutputFolder(out, RETURNS_OUTPUT);
    if (lock.staleNote !== undefined) io.err(`returns: ${lock.staleNote}\n`);
    let made: Awaited<ReturnType<typeof makeReturnsPackage>>;
    try {
      made = await makeReturnsPackage(dir, out, values, { threshold, replacing, beforeCommit: lock.beforeCommit }, io);
    } finally {
      lock.release();
    }
    const { result, content, source } = made;
    const unread = result.log.entries().filter((e) => e.action === "unknown-file");
    if (logFile !== undefined) writeFileAtomically(logFile, JSON.stringify(fullImportLog(result.log), null, 2) + "\n");
    // the counts as the package gives them (import-log.json): a count of 1..N-1 records, or a total holding one, is
    // withheld here too (the screen had printed the whole warning total, giving back a hidden count by subtraction)
    const published = content.importLog;
    const dropped = sumOfPublished(published.files.map((f) => f.dropped));
    const onRows = sumOfPublished(published.files.map((f) => f.warnings));
    // no warning: no entry for the action (null is a count withheld, not none)
    const warned = "warning" in published.summary.byAction ? published.summary.byAction.warning : 0;
    const notices = result.log.notices.length;
    const aboutRuns = `${warned === null || onRows === null ? "a withheld number" : warned - onRows} about LAs, years and indicators${notices === 0 ? "" : `, ${notices} of them listed below`}`;
    const withheld = dropped === null || warned === null || onRows === null;
    const neverGiven = [...COUNTS_NOT_GIVEN.values()].some((why) => published.note.includes(why));
    const nested = published.note.includes(NESTED_COUNT_WITHHELD);
    const suppressed = result.indicators.filter((r) => r.status.startsWith("suppressed")).length;
    io.out(
      `returns: ${result.files.ssda903} SSDA903 table(s), ${result.files.cin} CIN census file(s)` +
        `${result.files.annexA ? `, ${result.files.annexA} Annex A workbook(s)` : ""}; key from ${source}\n` +
        `  ${result.las.length} LA(s), years ${result.years.join(", ")}: ${result.indicators.length} indicator rows, ${suppressed} suppressed (counts below ${threshold})\n` +
        `  import log ${path.join(out, "import-log.json")}: ${counted(dropped, "row")} dropped, ${counted(warned, "warning")}` +
        `${warned === 0 ? "" : `: ${onRows ?? "a withheld number"} on rows, ${aboutRuns}`}` +
        `${logFile !== undefined ? `; every entry in ${logFile}` : withheld || dropped + warned > 0 ? "; --log FILE writes each, for finding them in the returns" : ""}\n` +
        (withheld ? `  a withheld number: a count of 1..${threshold - 1} records${neverGiven ? ", rows the package never gives (its note says why)" : ""}${nested ? `, a count held by another that differs from it by 1..${threshold - 1}` : ""}, or a total holding one, as in import-log.json\n` : "") +
        (unread.length === 0 ? "" : `  ${unread.length} entr${unread.length === 1 ? "y" : "ies"} in DIR not read: ${unreadList(unread)}\n`) +
        result.log.notices.map((n) => `  warning: ${printableText(n.file)}: ${n.rule}\n`).join("") +
        droppedByFile(result.log.recordCounts(), threshold) +
        (values.population ? "" : "  rates per 10,000 left out: no --population\n") +
        `  wrote ${out}\n`,
    );
    return 0;
  },
};

/** What {@link makeReturnsPackage} writes with: the disclosure threshold, and the output folder's earlier files and lock check. */
interface ReturnsWrite {
  threshold: number;
  replacing: readonly string[];
  beforeCommit: () => void;
}

/** Read the returns in `dir` (the key, the population, the records) and write their package to `out`. */
async function makeReturnsPackage(dir: string, out: string, values: ReturnsValues, write: ReturnsWrite, io: CliIO): Promise<{ result: ReturnsImport; content: ReturnsPackageContent; source: string }> {
  const { key, source } = resolvePseudonymKey({ keyFile: values["key-file"], ephemeral: values["ephemeral-key"] });
  const pop = values.population ? populationFrom(values.population) : { population: new Map<string, number>(), areas: [], codeAliases: {} };
  const workers = integerOption("--workers", values.workers, { min: 0, max: MAX_WORKERS });
  const onWorkerFailure = (reason: string) => io.err(`returns: a worker thread failed (${reason}); its LAs were read on the main thread\n`);
  const result = await importReturnsInParallel(dir, { key, la: values.la, population: pop.population, areas: pop.areas, codeAliases: pop.codeAliases, threshold: write.threshold, workers, onWorkerFailure });
  // files found in DIR but not read: said on the screen too, not only in the log (a 903 table whose header is not
  // recognised would otherwise leave its indicators out with nothing on the screen to say so)
  const unread = result.log.entries().filter((e) => e.action === "unknown-file");
  if (result.las.length === 0) {
    const found = unread.length === 0 ? "" : ` (${unread.length} file(s) found but not read: ${unreadList(unread)})`;
    // an LA-year whose SSDA903 tables came without an Episodes table gives nothing, and its notice says why: a
    // folder of Header, Missing, OC2 and OC3 tables had been told it held no SSDA903 tables
    const notices = result.log.notices.map((n) => `; ${n.file}: ${n.rule}`).join("");
    throw new InputError("DIR", `holds no SSDA903 tables with an Episodes table, CIN census files or Annex A workbooks${found}${notices}`, dir);
  }
  const content = returnsPackageContent(result, {
    created: values.created ?? new Date().toISOString(),
    knownAreas: pop.areas,
    population: pop.population,
    provenance: { pseudonymisation: `HMAC-SHA256, key from ${source}`, disclosure: { threshold: write.threshold } },
  });
  writeReturnsPackage(out, content, result, write.replacing, write.beforeCommit);
  return { result, content, source };
}

/** Files whose dropped rows the screen names (the rest are counted, and the import log names them). */
const DROPPED_FILES_SHOWN = 10;

/** Rules per file the screen names, the commonest first. */
const DROPPED_RULES_SHOWN = 3;

/**
 * The rows dropped, file by file, with their commonest rules: figures counted without them had carried no word of it
 * on the screen ("35 row(s) dropped" for an Episodes table two exports pasted into, round-27 trial S1-5). A count the
 * package withholds (withheldCount: 1..threshold−1) is withheld here too.
 * @example
 * droppedByFile([{ action: "dropped", rule: "start date is not a date dd/mm/yyyy", file: "E06000003/2024/episodes.csv", count: 35 }], 10)
 * // "  rows dropped, so the figures of their LA and year are counted without them (…):\n    E06000003/2024/episodes.csv: start date is not a date dd/mm/yyyy (35 rows)\n"
 */
export function droppedByFile(records: readonly RecordCount[], threshold: number): string {
  const byFile = new Map<string, RecordCount[]>();
  for (const r of records) if (r.action === "dropped" && r.count > 0) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  if (byFile.size === 0) return "";
  const files = [...byFile.keys()].sort();
  const lines = files.slice(0, DROPPED_FILES_SHOWN).map((file) => {
    const rules = byFile.get(file)!.sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
    const shown = rules.slice(0, DROPPED_RULES_SHOWN).map((r) => `${r.rule} (${withheldCount(r, threshold) ? "a withheld number of" : r.count} rows)`);
    const more = rules.length > DROPPED_RULES_SHOWN ? `; ${rules.length - DROPPED_RULES_SHOWN} more rule(s)` : "";
    return `    ${printableText(file)}: ${shown.join("; ")}${more}\n`;
  });
  const rest = files.length > DROPPED_FILES_SHOWN ? `    and ${files.length - DROPPED_FILES_SHOWN} more file(s), which the import log names\n` : "";
  return `  rows dropped, so the figures of their LA and year are counted without them (a withheld number: 1..${threshold - 1} rows):\n${lines.join("")}${rest}`;
}

/** The sum of counts as the package gives them, or null when one of them is withheld. */
function sumOfPublished(counts: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const n of counts) {
    if (n === null) return null;
    sum += n;
  }
  return sum;
}

/** A count of `noun`s on the screen: "3 row(s)", or words for one withheld ("a withheld number of rows"). */
function counted(n: number | null, noun: string): string {
  return n === null ? `a withheld number of ${noun}s` : `${n} ${noun}(s)`;
}

/**
 * Entries not read, as the summary lists them: the first five with why (an LA folder given as a link had been listed
 * bare among "files not read"), then how many more, whose reasons the import log gives.
 */
function unreadList(entries: readonly { file: string; rule: string }[]): string {
  const shown = entries.slice(0, 5).map((e) => `${printableText(e.file)} (${e.rule})`).join(", ");
  return entries.length > 5 ? `${shown} and ${entries.length - 5} more (the import log says why)` : shown;
}
