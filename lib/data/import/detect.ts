/**
 * Which official file is this? Detection by extension and header (CSV), sheet names (ODS/XLSX) or
 * format (parquet). Files we recognise but do not import get a reason; unrecognised files are reported.
 */
import * as path from "node:path";
import { DataError } from "../../errors";
import { parseCsv } from "../csv";
import { isDerivedClaHeader } from "./sfr-derived";
import { isSfrHeader, sfrMappingsFor } from "./sfr-csv";
import { isEesHeader } from "./ees";
import { isLaitDictionaryHeader } from "./lait-parquet";
import { isPopulationHeader } from "./population";
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
 * @example
 * detectSource("b1_children_in_need_2013_to_2025.csv", bytes).kind // "ees"
 */
export function detectSource(file: string, bytes: Uint8Array): DetectedSource {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") {
    const header = csvHeader(bytes, file);
    if (header === undefined) return { file, kind: "unknown", reason: "CSV with an unreadable header" };
    if (AREAS_LOOKUP_COLUMNS.every((c) => header.includes(c))) return { file, kind: "areas-lookup" };
    if (isDerivedClaHeader(header)) return { file, kind: "derived-cla" };
    if (isPopulationHeader(header)) return { file, kind: "population" };
    if (isEesHeader(header)) return { file, kind: "ees" };
    if (isLaitDictionaryHeader(header)) return { file, kind: "lait-dictionary" };
    if (isOhidHeader(header)) return { file, kind: "ohid-fingertips" };
    if (isSfrHeader(header) && sfrMappingsFor(file).length > 0) return { file, kind: "sfr" };
    const skip = NOT_IMPORTED.find((n) => n.test(header));
    if (skip) return { file, kind: "not-imported", reason: skip.reason };
    return { file, kind: "unknown", reason: `CSV header not recognised (${header.slice(0, 5).join(", ")}…)` };
  }
  if (ext === ".parquet") {
    if (!hasParquetMagic(bytes)) return { file, kind: "unknown", reason: `not a Parquet file (a Parquet file starts and ends with the bytes "PAR1"; this one starts ${JSON.stringify(latin1(bytes.subarray(0, 4)))})` };
    return { file, kind: "lait-parquet" };
  }
  if (ext === ".ods") {
    const sheets = odsSheetNames(bytes, file);
    if (detectOfstedWorkbook(sheets) !== undefined) return { file, kind: "ofsted-ods" };
    if (revenueOutturnSheet(sheets) !== undefined) return { file, kind: "revenue-outturn-ods", sheets };
    return { file, kind: "unknown", reason: `OpenDocument workbook that is neither an Ofsted inspection-outcomes workbook nor an MHCLG revenue outturn (RO3/RSX) workbook (sheets: ${sheets.slice(0, 5).join(", ")}${sheets.length > 5 ? ", …" : ""})` };
  }
  if (ext === ".xlsx") {
    const sheets = xlsxSheetNames(bytes, file);
    if (sheets.includes("IDACI") && sheets.includes("IMD")) return { file, kind: "iod-xlsx" };
    if (/^SFR\d+_\d{4}_LA_Tables\.xlsx$/i.test(path.basename(file))) {
      return { file, kind: "not-imported", reason: "SFR LA tables workbook: its values are imported from derived/cla_indicators_la_2011_2016_long.csv" };
    }
    return { file, kind: "unknown", reason: `workbook without IMD and IDACI sheets (${sheets.slice(0, 5).join(", ")})` };
  }
  return { file, kind: "unknown", reason: `unsupported file type "${ext || "(none)"}"` };
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
  return PARQUET_MAGIC.every((b, k) => bytes[k] === b && bytes[bytes.length - 4 + k] === b);
}

function latin1(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`)).join("");
}

/** How far a CSV's first line is looked for (bytes): 64 KiB, about thirty times the longest official header (sfr/2016__SFR41_CareLeavers2016.csv, 2,176 bytes). */
const CSV_HEADER_SEARCH_BYTES = 65536;
const utf8 = new TextDecoder();

/**
 * A CSV's first line (BOM removed; no line end): the text before the first LF (and a CR just before it) in its
 * first {@link CSV_HEADER_SEARCH_BYTES} bytes, or all of those when there is none. Only the line is decoded (the
 * decoding of its bytes is the start of the decoding of the whole: an LF byte is never part of another character).
 * @example
 * firstCsvLine(new TextEncoder().encode("\uFEFFa,b\r\n1,2\n")) // "a,b"
 */
export function firstCsvLine(bytes: Uint8Array): string {
  const head = bytes.subarray(0, CSV_HEADER_SEARCH_BYTES);
  const lf = head.indexOf(10);
  if (lf < 0) return utf8.decode(head);
  return utf8.decode(head.subarray(0, lf > 0 && head[lf - 1] === 13 ? lf - 1 : lf));
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
