/**
 * Find the returns in a folder and say what each file is, which LA and which collection year:
 * - SSDA903 CSV tables, by their whole header row and file name (detectSsda903Table; a file fitting two tables as well
 *   as each other is refused, naming both);
 * - CIN census XML, by its elements (a `<CINdetails>` or `<Message>` with CIN collection details);
 * - Ofsted Annex A workbooks (.xlsx), by a sheet named "List 1" … "List 11" or "annex" in the file name;
 * - anything else is listed in the log as an unknown file, except a file whose name says it is a return (an SSDA903
 *   table's name, or "cin" in an .xml file's) that cannot be taken for one: that is an error saying what is wrong;
 *   so is an entry named as a return that is not a regular file (a named pipe, a device, a folder: listFiles);
 * - two files of one SSDA903 table for one LA and year: an exact copy is read once, different ones are refused.
 *
 * **LA**: the nearest folder or file name holding an ONS LA code (E06/E07/E08/E09/E10 + 6 digits), else the
 * `la` option (one LA). **Year**: the last `2022-23`, `2022_23`, `202223` or lone `2023` in the path (a lone
 * year is the year ending 31 March); a CIN census's own ReferenceDate (or Year) where the path names none, and one
 * that disagrees with the path's year is refused. An Annex A workbook named
 * by its extract date has the year of its window (annexAWindowYear); a path that names another year is refused.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AreaRow } from "../data/types";
import { describeEntry, folderEntries } from "../data/folder-entries";
import { csvHeadProblem, describeCsvHeadProblem, type CsvHeadProblem } from "../data/csv-head";
import { readFileHead } from "../data/file-head";
import { xlsxSheetNames } from "../data/import/spreadsheet/xlsx";
import { DataError, InputError } from "../errors";
import { distinctAnnexAExtracts } from "./annex-a-extracts";
import { annexAListOfSheet } from "./annex-a-lists";
import { censusLeaOf, refuseCensusOfAnotherLa, type CensusLea } from "./cin-lea";
import { LINE_END } from "./csv-rows";
import { collectionYearLabel, datesInName, isoDate, withoutDates } from "./dates";
import { ANNEX_A_WINDOW_MONTHS, annexAExtractDate, annexAWindowYear } from "./read-annex-a";
import type { ReturnsImportLog } from "./import-issues";
import type { AttributedFile, Ssda903File } from "./read-ssda903";
import { distinctSsda903Tables } from "./ssda903-copies";
import { detectSsda903Table, nameAndColumnsWords, SSDA903_REQUIRED, ssda903TableOfName, type Ssda903Table, type Ssda903TableFound } from "./ssda903-tables";
import { utf16Start } from "./xml-encoding";
import { readWorkbookFile, WorkbookTooLargeError } from "../data/import/spreadsheet/workbook-file";

/** ONS codes of English LAs (unitary, district, metropolitan, London borough, county). */
export const LA_CODE_RE = /\b(E0[6-9]\d{6}|E10\d{6})\b/;

/**
 * The collection year a path names, or null. A whole date (an Annex A workbook's extract date) is not a year: in
 * 2024-25/annex_a_2024-10-15.xlsx the folder names it (its "2024-10" had made it 2024).
 * @example
 * yearFromPath("la/2022-23/header.csv") // 2023
 * yearFromPath("903_header_2023.csv") // 2023
 * yearFromPath("2024-25/annex_a_2024-10-15.xlsx") // 2025
 */
export function yearFromPath(p: string): number | null {
  let year: number | null = null;
  for (const seg of p.split(/[\\/]/).map(withoutDates)) {
    const re = /(?<!\d)(20\d{2})(?:[-_]?(\d{2}))?(?!\d)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg)) !== null) {
      if (m[2] !== undefined) {
        const second = 2000 + Number(m[2]);
        year = second === Number(m[1]) + 1 ? second : Number(m[1]);
      } else year = Number(m[1]);
    }
  }
  return year;
}

/**
 * The LA a path names (the last ONS LA code in it), or null.
 * @example
 * laFromPath("E09000001/2023/header.csv") // "E09000001"
 */
export function laFromPath(p: string): string | null {
  let la: string | null = null;
  for (const seg of p.split(/[\\/]/)) {
    const m = LA_CODE_RE.exec(seg);
    if (m) la = m[1];
  }
  return la;
}

/** What a name says a file is, or null: an SSDA903 table's name in a CSV, "cin" in an XML file's, "annex" in a workbook's. */
function returnOfName(baseName: string): string | null {
  const ext = path.extname(baseName).toLowerCase();
  const table = ext === ".csv" ? ssda903TableOfName(baseName) : null;
  if (table !== null) return `an SSDA903 ${table} table`;
  if (ext === ".xml" && /cin/i.test(baseName)) return "a CIN census";
  return ext === ".xlsx" && /annex/i.test(baseName) ? "an Annex A workbook" : null;
}

/** An entry of the folder that is not read as a file: what it is ({@link describeEntry}). */
interface OtherEntry {
  path: string;
  kind: string;
}

/**
 * The regular files under `dir` (sorted, folders walked: lib/data/folder-entries.ts, which never opens an entry), and
 * the entries that are neither: a named pipe, a device, a socket, a broken link, a link to a folder or a folder named
 * as a return (episodes.csv). Such an entry had been passed over without a word: an episodes.csv that is a pipe, or a
 * link to /dev/zero, left the year's children-looked-after indicators out, exit 0. A link to a regular file is read
 * as the file.
 */
function listFiles(dir: string, others: OtherEntry[]): string[] {
  // a folder named as a return (episodes.csv) is refused as a file named so would be, not walked as a folder
  const entries = folderEntries(dir, (name) => (returnOfName(name) === null ? "walk" : "keep"));
  for (const e of entries) if (e.kind !== "file") others.push({ path: e.path, kind: describeEntry(e) });
  return entries.filter((e) => e.kind === "file").map((e) => e.path);
}

/**
 * Refuse an entry named as a return that is not a file to read (a named pipe, a device, a folder, a broken link), and
 * log any other such entry as not read.
 * @throws DataError naming the entry, what its name says it is and what it is
 */
function checkOtherEntry(entry: OtherEntry, rel: string, log: ReturnsImportLog): void {
  const namedAs = returnOfName(path.basename(entry.path));
  if (namedAs !== null) throw new DataError({ file: rel, value: entry.kind, expected: `${namedAs}, as its name says: a regular file (or a link to one) to read` });
  log.note(rel, "unknown-file", `${entry.kind}: not read`);
}

/** What was found in a folder. */
export interface DiscoveredReturns {
  ssda903: Ssda903File[];
  cin: AttributedFile[];
  annexA: AttributedFile[];
}

/**
 * Whether an .xlsx file is an Annex A workbook: a sheet named "List 1" … "List 11" (only the workbook index is
 * inflated), or "annex" in the file name. A workbook over the size cap is refused as one named "annex" is: it had been
 * listed as an unknown file, its lists left out with nothing but a log line to say so.
 * @throws DataError (the cap's) for a workbook too large to open, with why it was opened
 */
function isAnnexAWorkbook(file: string, rel: string): boolean {
  if (/annex/i.test(path.basename(file))) return true;
  try {
    return xlsxSheetNames(readWorkbookFile(file, rel), rel).some((name) => annexAListOfSheet(name) !== null);
  } catch (e) {
    if (e instanceof WorkbookTooLargeError) {
      throw new DataError({ file: e.file, value: e.value, expected: `${e.expected}; it was opened to tell whether it is an Annex A workbook (sheets named List 1 … List 11): if it is not one, move it out of DIR` });
    }
    if (!(e instanceof DataError)) throw e;
  }
  return false;
}

/** Bytes of a CSV's start read to tell which table it is and whether it can be read. */
const CSV_HEAD_BYTES = 4096;

/**
 * The first line of a CSV's start (a byte order mark removed), decoded as the text {@link csvHeadProblem} says it
 * is: UTF-16 as UTF-16, so that a UTF-16 table is known by its CHILD column and refused as UTF-16 rather than taken
 * for some other CSV; else UTF-8 (UTF-32, which Node does not decode, reads as no columns).
 */
function firstLine(start: Buffer, problem: CsvHeadProblem | undefined): string {
  let text: string;
  if (problem?.code === "utf16") {
    const even = start.subarray(0, start.length - (start.length % 2));
    text = (problem.byteOrder === "big-endian" ? Buffer.from(even).swap16() : even).toString("utf16le");
  } else text = problem?.code === "utf32" ? "" : start.toString("utf8");
  return text.replace(/^\uFEFF/, "").split(LINE_END)[0];
}

/** What is wrong with a CSV file named as an SSDA903 table whose first row is not one's header (no CHILD column). */
function unreadableCsv(line: string, problem: CsvHeadProblem | undefined): string {
  if (problem?.code === "empty") return "the file is empty";
  for (const [separator, name] of [[";", "semicolons"], ["\t", "tabs"]]) {
    if (!line.includes(",") && line.includes(separator)) return `its columns are separated by ${name}: save it as CSV (comma-separated)`;
  }
  return "its first row has no CHILD column";
}

/**
 * A CSV's start that no table can be read from, or undefined: UTF-16, UTF-32 or a NUL byte in its header
 * ({@link csvHeadProblem}). CR-only line ends are read (csvLines), and an empty file is told apart by unreadableCsv.
 */
function unreadableText(problem: CsvHeadProblem | undefined): CsvHeadProblem | undefined {
  return problem?.code === "utf16" || problem?.code === "utf32" || problem?.code === "nul" ? problem : undefined;
}

/** What is wrong with an XML file named as a CIN census that is not taken for one; `h` is its start ({@link head}). */
function notACensus(file: string, h: string): string {
  if (fs.statSync(file).size === 0) return "the file is empty";
  if (!h.replace(/^\uFEFF/, "").trimStart().startsWith("<")) return "it is not XML (its first character is not '<')";
  return "an XML document without the census's elements (CINdetails, or Message with Children)";
}

/**
 * The text at the start of an XML file, to tell what it is. A file the census reader takes for UTF-16 (utf16Start:
 * its byte-order mark, or a '<' beside a zero byte) is decoded as UTF-16 here, so that a UTF-16 census is taken for
 * a census and refused by its reader (which reads UTF-8 only), not logged as some other XML file.
 */
function head(file: string, bytes = 65536): string {
  const buf = readFileHead(file, bytes);
  if (utf16Start(buf[0], buf[1]) !== null) {
    const start = buf.subarray(0, buf.length - (buf.length % 2));
    // big-endian when the first byte is FE (its mark) or zero (a '<' after it)
    return (buf[0] === 0xfe || buf[0] === 0 ? start.swap16() : start).toString("utf16le");
  }
  return buf.toString("utf8");
}

/**
 * The collection year of a CIN census: its path's, else its ReferenceDate's (else its Year's), from the start of the
 * file `h`. Where two of them disagree either may be the mistake (a census filed under the wrong year, or a mistyped
 * date): taking one had counted a 2023 folder's children in 2019 (ReferenceDate 2019-03-31), the 2023 figures gone,
 * exit 0. Its reader checks the census's own year elements against it again (lib/returns/read-cin), wherever they are.
 * @throws DataError naming the element and value disagreeing with the year taken
 */
function cinCensusYear(h: string, rel: string, named: string): number {
  const pathYear = yearFromPath(named);
  const ref = /<ReferenceDate>\s*((\d{4})-\d{2}-\d{2})\s*</.exec(h);
  const yearTag = /<Year>\s*(\d{4})\s*</.exec(h);
  const own = [...(ref ? [{ element: "ReferenceDate", value: ref[1], year: Number(ref[2]) }] : []), ...(yearTag ? [{ element: "Year", value: yearTag[1], year: Number(yearTag[1]) }] : [])];
  const year = pathYear ?? own[0]?.year ?? null;
  if (year === null) throw new InputError("DIR", `cannot tell the collection year of ${rel}: it has no ReferenceDate and its path names no year`, rel);
  const other = own.find((o) => o.year !== year);
  if (other !== undefined) {
    throw new DataError({
      file: rel,
      column: other.element,
      value: other.value,
      expected:
        pathYear !== null
          ? `a ${other.element} in ${collectionYearLabel(year)} (the year ending 31 March ${year}), the collection year of the folder the census is in (${named}): move it to the folder of its year, or correct its ${other.element}`
          : `a ${other.element} in ${collectionYearLabel(year)} (the year ending 31 March ${year}), the year its ${own[0].element} ${own[0].value} gives: correct the one that is wrong`,
    });
  }
  return year;
}

/**
 * The SSDA903 table a CSV file holds (by its header row and its name: detectSsda903Table), with what it was read as when
 * its name names another, or null when it holds none: population.csv is passed over, any other CSV logged
 * as an unknown file. A file whose name and columns do not say the same table is said on the screen, with which was
 * read and why (nameAndColumnsWords).
 * @throws DataError when a file that is a table by its columns or its name cannot be read as one, or fits two tables as
 *   well as each other (detectSsda903Table)
 */
function csvTable(file: string, rel: string, log: ReturnsImportLog): Ssda903TableFound | null {
  const start = readFileHead(file, CSV_HEAD_BYTES);
  const problem = csvHeadProblem(start, { wholeFile: start.length < CSV_HEAD_BYTES });
  const line = firstLine(start, problem);
  const header = line.split(",").map((h) => h.replace(/"/g, "").trim());
  const found = detectSsda903Table(path.basename(file), header, rel);
  const ofName = ssda903TableOfName(path.basename(file));
  const unreadable = unreadableText(problem);
  const headerExpected = (t: Ssda903Table) => `the header row of an SSDA903 ${t} table (${SSDA903_REQUIRED[t].join(", ")} …, comma-separated, UTF-8)`;
  // a table (by its columns or its name) in UTF-16 without a byte order mark had been refused as one "with no
  // CHILD column"; one with a NUL in its header was read with that NUL in a column's name
  const tableOrName = found?.table ?? ofName;
  if (unreadable !== undefined && tableOrName !== null) {
    throw new DataError({ file: rel, row: 0, value: describeCsvHeadProblem(unreadable), expected: `${headerExpected(tableOrName)}: save it as CSV UTF-8` });
  }
  if (found === null) {
    if (path.basename(file).toLowerCase() === "population.csv") return null;
    // a file named as a table but unreadable had been listed as "not read" and its indicators left out, exit 0
    if (ofName !== null) throw new DataError({ file: rel, row: 0, expected: `${headerExpected(ofName)}: ${unreadableCsv(line, problem)}` });
    log.note(rel, "unknown-file", "a CSV that is not an SSDA903 table (no CHILD column and no SSDA903 table name)");
    return null;
  }
  const disagreement = nameAndColumnsWords(path.basename(file), header, found.table);
  if (disagreement !== undefined) log.notice(rel, disagreement.rule, disagreement.detail);
  return found;
}

/**
 * Walk `dir` and classify its files.
 * @throws DataError when a file named as an SSDA903 table or a CIN census cannot be read as one, or an entry named as a return (an SSDA903 table, a CIN census, an Annex A workbook) is not a regular file (a named pipe, a device, a folder, a broken link); when a CIN census's ReferenceDate or Year disagrees with its path's year (or with each other)
 * @throws InputError when `dir` is not a folder, a return's LA or year cannot be told (name the option), an Annex A
 * workbook's path names a year other than its extract date's window, or two different Annex A workbooks of one LA
 * and year may list a child twice (distinctAnnexAExtracts), or an LA has two different files of one SSDA903 table for one
 * year (distinctSsda903Tables)
 * @throws DataError when a CIN census's LEA is another LA's DfE number (by `options.areas`, the LAs with their numbers,
 *   when given), or contradicts another census's (refuseCensusOfAnotherLa)
 * @example
 * const found = discoverReturns("returns/", log, { la: "E09000001" });
 */
export function discoverReturns(dir: string, log: ReturnsImportLog, options: { la?: string; areas?: readonly AreaRow[] } = {}): DiscoveredReturns {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new InputError("DIR", "must be a folder", dir);
  if (options.la !== undefined && !LA_CODE_RE.test(options.la)) throw new InputError("--la", "must be an ONS LA code such as E09000001", options.la);
  const out: DiscoveredReturns = { ssda903: [], cin: [], annexA: [] };
  const leas: CensusLea[] = [];
  const others: OtherEntry[] = [];
  const files = listFiles(dir, others);
  for (const entry of others) checkOtherEntry(entry, path.relative(dir, entry.path), log);
  for (const file of files) {
    const rel = path.relative(dir, file);
    // DIR's own name may be the LA or the year: attribution looks at it too
    const named = path.join(path.basename(path.resolve(dir)), rel);
    const ext = path.extname(file).toLowerCase();
    // `otherwise`: the year when the path names none (an Annex A workbook named by its extract date alone)
    const attribute = (otherwise: number | null = null): { la: string; year: number } => {
      const la = laFromPath(named) ?? options.la;
      if (la === undefined) throw new InputError("DIR", `cannot tell which LA ${rel} belongs to: put it in a folder named by the LA's ONS code or give --la`, rel);
      const year = yearFromPath(named) ?? otherwise;
      if (year === null) throw new InputError("DIR", `cannot tell the collection year of ${rel}: name a folder or the file by the year (2022-23 or 2023)`, rel);
      return { la, year };
    };
    if (ext === ".csv") {
      const table = csvTable(file, rel, log);
      if (table !== null) out.ssda903.push({ path: file, name: rel, ...table, ...attribute() });
    } else if (ext === ".xml") {
      const h = head(file);
      // by their names with or without a namespace prefix: a census whose elements are prefixed is refused by its reader
      // (which reads unprefixed names), not listed as some other XML file
      if (/<(?:[\w.-]+:)?CINdetails\b|<(?:[\w.-]+:)?Collection>\s*CIN\s*</.test(h) || (/<(?:[\w.-]+:)?Message\b/.test(h) && /<(?:[\w.-]+:)?Children\b/.test(h))) {
        const la = laFromPath(named) ?? options.la;
        if (la === undefined) throw new InputError("DIR", `cannot tell which LA ${rel} belongs to: put it in a folder named by the LA's ONS code or give --la`, rel);
        out.cin.push({ path: file, name: rel, la, year: cinCensusYear(h, rel, named) });
        leas.push({ name: rel, la, lea: censusLeaOf(h) });
      } else if (/cin/i.test(path.basename(file))) {
        // named as a census but unreadable: listed as "not read", its CIN indicators had gone, exit 0
        throw new DataError({ file: rel, expected: `a CIN census (an XML document whose <Message> holds <Header> and <Children>), as its name says: ${notACensus(file, h)}` });
      } else log.note(rel, "unknown-file", "an XML file that is not a CIN census (SSDA903 XML is not read: export the CSV tables)");
    } else if (ext === ".xlsx" && isAnnexAWorkbook(file, rel)) {
      const notADay = datesInName(path.basename(file)).find((d) => d.day === undefined);
      if (notADay !== undefined) {
        // a mistyped extract date: read as a name without one, its window (which the user meant to give) would be unknown
        log.note(rel, "unknown-file", `an Annex A workbook whose name holds ${notADay.text}, not a calendar date: rename it by its extract date (annex_a_2024-01-15.xlsx), which dates the months its lists hold`);
        continue;
      }
      const windowYear = annexAWindowYear(rel);
      const pathYear = yearFromPath(named);
      if (windowYear !== null && pathYear !== null && windowYear !== pathYear) {
        // either year may be the mistake (a workbook filed under the wrong year, or a mistyped extract date): taking
        // one would count its lists for a year the other says they are not of
        throw new InputError(
          "DIR",
          // named from DIR's own name, which may be the one giving the year
          `the Annex A workbook ${named} is in a folder of ${collectionYearLabel(pathYear)}, but its extract date ${isoDate(annexAExtractDate(rel)!)} puts its window (the ${ANNEX_A_WINDOW_MONTHS} months before it) in ${collectionYearLabel(windowYear)}: move it to the folder of the year its lists are of, or correct the date in its name`,
          rel,
        );
      }
      out.annexA.push({ path: file, name: rel, ...attribute(windowYear) });
    } else {
      // an SSDA903 table saved as a workbook had been listed as "not a return", then the year had "no Header table"
      // without a word of why (a user trial, round 27)
      const asWorkbook = [".xlsx", ".xls", ".ods"].includes(ext) ? ssda903TableOfName(`${path.basename(file, path.extname(file))}.csv`) : null;
      log.note(rel, "unknown-file", asWorkbook === null ? "not a return this command reads" : `not read: an SSDA903 ${asWorkbook} table saved as a workbook (this command reads SSDA903 tables as CSV: save it as CSV UTF-8)`);
    }
  }
  refuseCensusOfAnotherLa(leas, options.areas ?? []);
  // two workbooks of one LA and year: a copy is read once, overlapping extracts are refused (a child counted twice);
  // two files of one SSDA903 table: a copy is read once, different ones are refused
  return { ...out, ssda903: distinctSsda903Tables(out.ssda903, log), annexA: distinctAnnexAExtracts(out.annexA, log) };
}
