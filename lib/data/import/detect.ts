/**
 * Which official file is this? Detection by extension and header (CSV), sheet names (ODS/XLSX) or
 * format (parquet). Files we recognise but do not import get a reason; unrecognised files are reported. A file
 * of a source's type that cannot be read (cut short, corrupt, in another encoding, a source's header without rows)
 * is an error, not "unknown": skipped, its rows were lost with exit 0. So is a file under a publisher's name
 * ({@link publicationOf}) that is not readable as any source ({@link detectSource}).
 */
import * as path from "node:path";
import { DataError } from "../../errors";
import { parseCsv } from "../csv";
import { CSV_HEAD_SEARCH_BYTES, csvHeadProblem, describeCsvHeadProblem } from "../csv-head";
import { isDerivedClaHeader } from "./sfr-derived";
import { isSfrHeader, sfrMappingsFor } from "./sfr-csv";
import { isEesHeader } from "./ees";
import { isLaitDictionaryHeader } from "./lait-parquet";
import { isPopulationHeader } from "./population";
import { publicationOf } from "./publications";
import { detectOfstedWorkbook } from "./ofsted-ods";
import { isOhidHeader } from "./ohid-fingertips";
import { revenueOutturnSheet } from "./revenue-outturn-ods";
import { odsSheetNames } from "./spreadsheet/ods";
import { xlsxSheetNames } from "./spreadsheet/xlsx";

export type SourceKind =
  | "areas-lookup"
  | "ees"
  | "derived-cla"
  | "sfr"
  | "population"
  | "lait-dictionary"
  | "lait-parquet"
  | "ofsted-ods"
  | "revenue-outturn-ods"
  | "ohid-fingertips"
  | "iod-xlsx"
  | "not-imported"
  | "unknown";

export interface DetectedSource {
  file: string;
  kind: SourceKind;
  /** Why a recognised file is not imported, or why a file was not recognised. */
  reason?: string;
  /** Sheet names of a workbook, read at detection (so the importer does not read them again). */
  sheets?: readonly string[];
}

const AREAS_LOOKUP_COLUMNS = ["old_la_code", "new_la_code", "la_name", "region_code", "first_year", "last_year"];

/** Recognised files we deliberately do not import, with the reason (matched on header or first cell). */
const NOT_IMPORTED: readonly { test: (header: readonly string[]) => boolean; reason: string }[] = [
  { test: (h) => h.includes("SN1") || h.includes("SN_1"), reason: "statistical neighbour groupings: read by lib/context, not part of the data package" },
  { test: (h) => h.includes("LTLA23CD") && h.includes("UTLA23CD"), reason: "lower-to-upper-tier lookup: every imported source is already upper-tier" },
  { test: (h) => h.includes("New_geog_code") && h.includes("geog_c"), reason: "pre-EES SFR underlying CSV with no entry in SFR_MAPPINGS: its 2011–2016 looked-after-children indicators are imported from derived/cla_indicators_la_2011_2016_long.csv, later years from EES and LAIT" },
  { test: (h) => /^(Table LA|Back to contents|"?Table LA)/.test(h[0] ?? ""), reason: "pre-EES SFR LA table (presentation layout): its values are imported from derived/cla_indicators_la_2011_2016_long.csv" },
];

/**
 * Detect a file's kind from its bytes.
 * @throws DataError for a .parquet with "PAR1" at one end only, a workbook without sheets, a CSV in UTF-16/UTF-32,
 *   with a NUL in its first line or CR-only line ends, or a source's CSV header without rows; the workbook
 *   readers' errors (not a zip, a corrupt archive); and a file under a publisher's name that is no source
 * @example
 * detectSource("b1_children_in_need_2013_to_2025.csv", bytes).kind // "ees"
 */
export function detectSource(file: string, bytes: Uint8Array): DetectedSource {
  const detected = detectByContent(file, bytes);
  if (detected.kind !== "unknown") return detected;
  // A PNG saved as ks4_la.csv or an xlsx as bds_long_0.parquet was "unknown" with exit 0, while the same file cut
  // short was an error: under the publisher's name it stands for that source, whose rows would be lost without a
  // word. A source renamed (data.csv) has no publisher's name and stays unknown, logged.
  const publication = publicationOf(file);
  if (publication === undefined) return detected;
  throw new DataError({ file, value: detected.reason ?? "not recognised", expected: `the source its name is a file of (${publication}), readable as one (saved in another format, or damaged: download it again, or rename or remove it if it is not that source)` });
}

/** {@link detectSource} by the bytes alone, its name only giving the type (and the SFR tables' workbook). */
function detectByContent(file: string, bytes: Uint8Array): DetectedSource {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") {
    const unreadable = csvTextProblem(bytes);
    if (unreadable !== undefined) throw new DataError({ file, row: 0, value: unreadable, expected: CSV_TEXT_EXPECTED });
    const header = csvHeader(bytes, file);
    if (header === undefined) return { file, kind: "unknown", reason: "CSV with an unreadable header" };
    const kind = csvSourceKind(header, file);
    if (kind !== undefined) {
      if (!hasRowAfterFirstLine(bytes)) throw new DataError({ file, row: 1, value: "(end of file)", expected: `data rows after the header, which is a source's (${kind}; a source with only its header was cut short or exported empty: download it again, or remove it from the folder if it is not a source)` });
      return { file, kind };
    }
    const skip = NOT_IMPORTED.find((n) => n.test(header));
    if (skip) return { file, kind: "not-imported", reason: skip.reason };
    return { file, kind: "unknown", reason: `CSV header not recognised (${header.slice(0, 5).join(", ")}…)` };
  }
  if (ext === ".parquet") {
    if (hasParquetMagic(bytes)) return { file, kind: "lait-parquet" };
    const starts = startsWithMagic(bytes, 0);
    const ends = bytes.length >= PARQUET_MAGIC.length && startsWithMagic(bytes, bytes.length - PARQUET_MAGIC.length);
    // neither end: nothing says these bytes were ever Parquet (a workbook or a web page saved under the name), so
    // the file is skipped as unknown like any other file that is not a source; one end: a Parquet file cut short
    // or damaged, whose rows would be lost without a word
    if (!starts && !ends) return { file, kind: "unknown", reason: `not a Parquet file (a Parquet file starts and ends with the bytes "PAR1"; this one starts ${quotedBytes(bytes.subarray(0, 4))} and ends ${quotedBytes(bytes.subarray(Math.max(0, bytes.length - 4)))})` };
    throw new DataError({
      file,
      value: `${bytes.length} bytes, starting with the bytes ${hexBytes(bytes.subarray(0, 4))} and ending with ${hexBytes(bytes.subarray(Math.max(0, bytes.length - 4)))}`,
      expected: `a complete Parquet file, at least 12 bytes starting and ending with "PAR1" (50 41 52 31; this one is cut short or damaged: download it again, or remove it from the folder if it is not a source)`,
    });
  }
  if (ext === ".ods") {
    const sheets = odsSheetNames(bytes, file);
    if (sheets.length === 0) throw noSheetsError(file, "content.xml", "an OpenDocument spreadsheet whose content.xml holds its sheets (<table:table>)");
    if (detectOfstedWorkbook(sheets) !== undefined) return { file, kind: "ofsted-ods" };
    if (revenueOutturnSheet(sheets) !== undefined) return { file, kind: "revenue-outturn-ods", sheets };
    return { file, kind: "unknown", reason: `OpenDocument workbook that is neither an Ofsted inspection-outcomes workbook nor an MHCLG revenue outturn (RO3/RSX) workbook (sheets: ${sheets.slice(0, 5).join(", ")}${sheets.length > 5 ? ", …" : ""})` };
  }
  if (ext === ".xlsx") {
    const sheets = xlsxSheetNames(bytes, file);
    if (sheets.length === 0) throw noSheetsError(file, "xl/workbook.xml", "an xlsx workbook whose xl/workbook.xml lists its sheets (<sheet>)");
    if (sheets.includes("IDACI") && sheets.includes("IMD")) return { file, kind: "iod-xlsx" };
    if (/^SFR\d+_\d{4}_LA_Tables\.xlsx$/i.test(path.basename(file))) {
      return { file, kind: "not-imported", reason: "SFR LA tables workbook: its values are imported from derived/cla_indicators_la_2011_2016_long.csv" };
    }
    return { file, kind: "unknown", reason: `workbook without IMD and IDACI sheets (${sheets.slice(0, 5).join(", ")})` };
  }
  return { file, kind: "unknown", reason: `unsupported file type "${ext || "(none)"}"` };
}

/**
 * A workbook in which no sheet can be found: a corrupt archive (a part cut short or rewritten), never a workbook
 * someone saved (a spreadsheet application always writes a sheet), so an error rather than an unknown file: as
 * "unknown", a damaged Ofsted workbook lost half the outcome rows with exit 0.
 */
function noSheetsError(file: string, part: string, expected: string): DataError {
  return new DataError({ file, column: part, value: "no sheets", expected: `${expected} (a corrupt archive: save or download it again, or remove it from the folder if it is not a source)` });
}

/** The kind of source a CSV header is, or undefined when it is none. */
function csvSourceKind(header: readonly string[], file: string): SourceKind | undefined {
  if (AREAS_LOOKUP_COLUMNS.every((c) => header.includes(c))) return "areas-lookup";
  if (isDerivedClaHeader(header)) return "derived-cla";
  if (isPopulationHeader(header)) return "population";
  if (isEesHeader(header)) return "ees";
  if (isLaitDictionaryHeader(header)) return "lait-dictionary";
  if (isOhidHeader(header)) return "ohid-fingertips";
  if (isSfrHeader(header) && sfrMappingsFor(file).length > 0) return "sfr";
  return undefined;
}

/** Parquet's magic number "PAR1" at both ends of the file (Apache Parquet format, File format). */
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];

/**
 * Whether bytes look like a Parquet file: "PAR1" at the start and the end, at least 12 bytes long.
 * @example
 * hasParquetMagic(fs.readFileSync("bds_long_0.parquet")) // true
 */
export function hasParquetMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  return startsWithMagic(bytes, 0) && startsWithMagic(bytes, bytes.length - PARQUET_MAGIC.length);
}

const startsWithMagic = (bytes: Uint8Array, at: number) => PARQUET_MAGIC.every((b, k) => bytes[at + k] === b);

const hexBytes = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

/** Bytes as a quoted string, printable ASCII as is and other bytes as \\xNN. */
function quotedBytes(bytes: Uint8Array): string {
  return JSON.stringify(Array.from(bytes, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`)).join(""));
}

const utf8 = new TextDecoder();

/**
 * A CSV's first line (BOM removed; no line end): the text before the first LF (and a CR just before it) in its
 * first {@link CSV_HEAD_SEARCH_BYTES} bytes, or all of those when there is none. Only the line is decoded (the
 * decoding of its bytes is the start of the decoding of the whole: an LF byte is never part of another character).
 * @example
 * firstCsvLine(new TextEncoder().encode("\uFEFFa,b\r\n1,2\n")) // "a,b"
 */
export function firstCsvLine(bytes: Uint8Array): string {
  const head = bytes.subarray(0, CSV_HEAD_SEARCH_BYTES);
  const lf = head.indexOf(10);
  if (lf < 0) return utf8.decode(head);
  return utf8.decode(head.subarray(0, lf > 0 && head[lf - 1] === 13 ? lf - 1 : lf));
}

const CSV_TEXT_EXPECTED = "CSV text in UTF-8 with LF or CRLF line ends (save it so, or remove it from the folder if it is not a source)";

/**
 * What makes a CSV unreadable as the importers read it (UTF-8, lines ended by LF or CRLF), in words, or undefined when
 * nothing does: what {@link csvHeadProblem} finds (UTF-16 or UTF-32 with a byte order mark or without, a NUL byte in
 * the first line, CR-only line ends), but an empty file, which is no source's. These are errors whatever the header:
 * in them the header cannot be matched, so nothing shows the file is not a source, and as "unknown" a UTF-16 source
 * lost its rows without a word.
 * @example
 * csvTextProblem(new TextEncoder().encode("a,b\r1,2\r")) // "CR-only line ends (a CR at offset 3 not followed by LF)"
 */
export function csvTextProblem(bytes: Uint8Array): string | undefined {
  const problem = csvHeadProblem(bytes, { wholeFile: true });
  return problem === undefined || problem.code === "empty" ? undefined : describeCsvHeadProblem(problem);
}

/** Whether anything but line ends follows a CSV's first line (a source with only its header has no rows). */
function hasRowAfterFirstLine(bytes: Uint8Array): boolean {
  const lf = bytes.subarray(0, CSV_HEAD_SEARCH_BYTES).indexOf(10);
  if (lf < 0) return bytes.length > CSV_HEAD_SEARCH_BYTES; // a first line longer than the search: not known to be alone
  for (let k = lf + 1; k < bytes.length; k++) if (bytes[k] !== 10 && bytes[k] !== 13) return true;
  return false;
}

/** The header row of a CSV (BOM removed), from its first line; undefined if it cannot be parsed. */
function csvHeader(bytes: Uint8Array, file: string): string[] | undefined {
  const line = firstCsvLine(bytes);
  try {
    return parseCsv(`${line}\n`, file).header.map((h) => h.trim());
  } catch (e) {
    if (e instanceof DataError) return undefined;
    throw e;
  }
}
