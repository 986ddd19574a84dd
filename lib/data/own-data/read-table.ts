/**
 * A researcher's own table (CSV or XLSX) as a header and rows of cell text, and its layout:
 * long (`la_code|la_name, period, indicator|measure|metric, value[, numerator, denominator]`) or wide
 * (`la_code|la_name, period, <one column per indicator>`).
 *
 * Column names are matched after {@link normaliseHeader} (case, spaces and punctuation ignored), so
 * `LA code`, `la_code` and `LA_Code` are the same column. A repeated column name is an error.
 *
 * An XLSX number in a percent format is read as Excel shows it (0.45 formatted 0% → "45"), and the table lists
 * those cells ({@link OwnTable.percentCells}) so that add.ts can accept them only for indicators in percent.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../../errors";
import { decodeCsvBytes, parseCsv } from "../csv";
import { csvHeadProblem, describeCsvHeadProblem } from "../csv-head";
import { separatorHint } from "../csv-separator-hint";
import { joinWords } from "../../join-words";
import { columnLetters, readXlsxSheets, type PercentColumn } from "../import/spreadsheet/xlsx";
import { refuseMergedData } from "./merged-cells";
import { OWN_CSV_EXPECTED } from "./read-csv-records";
import { maxOf } from "../../stats/extreme";
import { readWorkbookFile } from "../import/spreadsheet/workbook-file";
import { findSheetHeader } from "./sheet-header";

/** A table's header, as read from a CSV file or one sheet of an XLSX workbook, without its rows. */
export interface OwnTableHead {
  /** The file as given, for messages. */
  file: string;
  /** The sheet read (XLSX only). */
  sheet?: string;
  /** The workbook's sheets (XLSX only), for an error that must name the one to choose. */
  sheets?: string[];
  /**
   * XLSX only: the sheet's row number (as Excel numbers it, 1 = its first) of the header (index 0) and of each data row
   * (index i = data row i), which differ from the table's when rows above or between are empty (they are skipped).
   */
  sheetRows?: number[];
  /** XLSX only, when the header was found below titles (sheet-header.ts): the sheet's rows above it, left out (1-based). */
  titleRows?: number[];
  header: string[];
  /**
   * XLSX only: the cells of the data rows that were numbers in a percent format, read as shown (×100): column
   * index → data row (1-based, as `rows[row - 1]`) → the cell's reference in the sheet (C2).
   */
  percentCells?: Map<number, Map<number, string>>;
}

/** A table read from a CSV file or one sheet of an XLSX workbook; row i of `rows` is data row i + 1. */
export interface OwnTable extends OwnTableHead {
  rows: string[][];
}

/**
 * The text of a researcher's CSV file (a table or a metadata sidecar), strictly UTF-8: refused, named, when its first
 * bytes are UTF-16 or UTF-32 or hold a NUL in the header ({@link csvHeadProblem}: UTF-16 had been called "Latin-1 or
 * Windows-1252", and a NUL in a column's name was dropped with the punctuation as the name was matched), and at its
 * first byte that is not UTF-8 (decodeCsvBytes: Excel's plain "CSV" is Windows-1252, whose "£", "–" or curly quotes
 * would have become U+FFFD in labels and names without a word). CR-only line ends are read (parseCsv ends a line at a
 * CR alone too), and an empty file is left to parseCsv ("a header row").
 * @throws DataError naming the file, the row and what was found
 * @example
 * parseCsv(readOwnCsvText("examples/own-data/fgc-by-name.csv"), "fgc-by-name.csv").header[0] // "la_name"
 */
export function readOwnCsvText(file: string): string {
  return ownCsvText(fs.readFileSync(file), file);
}

/**
 * {@link readOwnCsvText} of bytes already read (a sidecar read within its size cap).
 * @throws DataError naming the file, the row and what was found
 * @example ownCsvText(Buffer.from("indicator,unit\nfgc,ratio\n"), "fgc.meta.csv") // "indicator,unit\nfgc,ratio\n"
 */
export function ownCsvText(bytes: Buffer, file: string): string {
  const problem = csvHeadProblem(bytes, { wholeFile: true });
  if (problem !== undefined && problem.code !== "cr-only" && problem.code !== "empty") {
    throw new DataError({ file, row: 0, value: describeCsvHeadProblem(problem), expected: OWN_CSV_EXPECTED });
  }
  return decodeCsvBytes(bytes, file);
}

/** The file extensions {@link readOwnTable} reads. */
export const OWN_DATA_EXTENSIONS = [".csv", ".xlsx"] as const;

/**
 * A header with its letters' accents taken off (compatibility decomposition, combining marks dropped), so that the two
 * ways Unicode writes "é" (one character, or "e" and a combining accent: macOS file names, some exports) give one id:
 * "café_pct" had become `caf_pct` in one form and `cafe_pct` in the other, two indicators.
 * @example withoutAccents("Café") // "Cafe"; withoutAccents("Größe") // "Grosse"
 */
export function withoutAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").replace(UNDECOMPOSED_LETTERS_RE, (c) => UNDECOMPOSED_LETTERS[c]);
}

/**
 * Latin letters that Unicode does not decompose into a letter and an accent, as they are written without one: "Größe"
 * had given the id "gr_e" ("ß" dropped with the other non-ASCII letters), a review found.
 */
const UNDECOMPOSED_LETTERS: Record<string, string> = {
  ß: "ss", ẞ: "SS", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE", ø: "o", Ø: "O", ł: "l", Ł: "L", đ: "d", Đ: "D", ð: "d", Ð: "D", þ: "th", Þ: "TH", ı: "i",
};
const UNDECOMPOSED_LETTERS_RE = new RegExp(`[${Object.keys(UNDECOMPOSED_LETTERS).join("")}]`, "g");

/**
 * A header cell reduced for matching: accents taken off ({@link withoutAccents}), lower case, runs of anything but
 * letters and digits → `_`, trimmed.
 * @example
 * normaliseHeader(" LA Code ") // "la_code"
 */
export function normaliseHeader(h: string): string {
  return withoutAccents(h).toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

/**
 * Read a CSV or XLSX file as a table. XLSX: the named sheet, else the one sheet whose header names an LA column
 * ({@link AREA_KEY_COLUMNS}; two or more such sheets are refused, each named), else the first with any cells
 * (detectLayout's error then lists the sheets); the header is the first non-empty row, or a row naming the LA below
 * titles in column A (sheet-header.ts: the titles are left out, listed in `titleRows`); short rows are padded with "" and empty rows skipped. The whole table is held in memory
 * (`add` streams a CSV instead, read-csv-records.ts; an XLSX sheet it reads with this, the workbook unzipped whole).
 * @throws DataError for another extension, a CSV that is not UTF-8 or is malformed, an unreadable workbook, a missing sheet, an empty
 *   table, a repeated column name, rows of several cells above a header naming the LA, or (no sheet named) two or more
 *   sheets with an LA column
 * @example
 * readOwnTable("examples/own-data/fgc-by-name.csv").header // ["la_name", "period", "family_group_conferences_per_1000", …]
 */
export function readOwnTable(file: string, options: { sheet?: string } = {}): OwnTable {
  const ext = ownDataExtension(file);
  let table: OwnTable;
  if (ext === ".csv") {
    const csv = parseCsv(readOwnCsvText(file), file);
    table = { file, header: csv.header.map((h) => h.trim()), rows: csv.rows };
  } else {
    const sheets = readXlsxSheets(readWorkbookFile(file), file, options.sheet === undefined ? undefined : [options.sheet], { percentAsShown: true });
    // the header: the first row with a value, or a row naming the LA below titles in column A (sheet-header.ts)
    const headers = new Map(sheets.map((s) => [s, findSheetHeader(s.rows, namesAreaColumn)] as const));
    const withCells = sheets.filter((s) => headers.get(s)!.index >= 0);
    // an LA analyst's workbook opened on a text-only "Cover" sheet, which was read as the table ("row 0: got 'Local
    // performance measures…', expected a column identifying the LA"), its "Data" sheet never looked at
    const tables = withCells.filter((s) => namesAreaColumn(s.rows[headers.get(s)!.index]));
    // a workbook of one sheet per year: the first was added and the others dropped without a word (a hostile review)
    if (options.sheet === undefined && tables.length > 1) throw new DataError({ file, value: `${tables.length} sheets with an LA column`, expected: moreThanOneTable(tables.map((s) => s.name)) });
    const sheet = tables[0] ?? withCells[0];
    if (!sheet) throw new DataError({ file, expected: "a sheet with a header row and data" });
    const found = headers.get(sheet)!;
    const titleRows = found.above.map((i) => i + 1);
    if (found.refusal !== undefined) throw new DataError({ file, sheet: sheet.name, row: found.index + 1, value: sheet.rows[found.index].filter((c) => c.trim() !== "").join(","), expected: found.refusal });
    refuseMergedData(file, sheet, found.index + 1);
    // the header and the rows with a value below it, by their sheet row (1-based); sheet row index → data row, for the percent cells
    const sheetRows = sheet.rows.flatMap((r, i) => (i >= found.index && isNonEmpty(r) ? [i + 1] : []));
    const dataRowOf = new Map(sheetRows.map((n, k) => [n - 1, k] as const));
    const nonEmpty = sheetRows.map((n) => sheet.rows[n - 1]);
    // as wide as the last column with a cell in any row: a last column with values but no name is refused (add:
    // unnamedColumns), as in a CSV; it had been cut off with its values, without a word
    const width = maxOf(nonEmpty.map((r) => r.findLastIndex((c) => c.trim() !== "") + 1));
    const header = Array.from({ length: width }, (_, k) => (nonEmpty[0][k] ?? "").trim());
    const rows = nonEmpty.slice(1).map((r) => Array.from({ length: width }, (_, k) => r[k] ?? ""));
    table = { file, sheet: sheet.name, sheets: sheets.map((s) => s.name), sheetRows, ...(titleRows.length > 0 ? { titleRows } : {}), header, rows, percentCells: percentCellsByDataRow(sheet.percentCells ?? [], dataRowOf, header.length) };
  }
  inSheetOf(table, () => checkOwnHeader(file, table.header));
  return table;
}

/**
 * An error about a workbook's table placed in its sheet: the sheet named, and a row given as the table numbers it
 * (header = 0, data rows from 1) given as the sheet's row, the one Excel shows ({@link OwnTableHead.sheetRows}). An
 * error that names a sheet already, or another file (a metadata sidecar), or a table of a CSV, is returned as it is.
 * @example
 * placedInSheet(new DataError({ file: "own.xlsx", row: 2, column: "rate", value: "x7", expected: "a number" }), { file: "own.xlsx", sheet: "FGC", sheetRows: [3, 4, 5], header: [] }).message
 * // 'own.xlsx, sheet "FGC", row 5, column "rate": got "x7", expected a number'
 */
export function placedInSheet(e: DataError, table: OwnTableHead): DataError {
  if (table.sheet === undefined || e.sheet !== undefined || e.file !== table.file || e.constructor !== DataError) return e;
  const row = e.row === undefined ? undefined : (table.sheetRows?.[e.row] ?? e.row);
  return new DataError({ file: e.file, sheet: table.sheet, ...(e.part === undefined ? {} : { part: e.part }), row, column: e.column, value: e.value, expected: e.expected });
}

/**
 * `read()`, a DataError it throws about a workbook's table placed in its sheet ({@link placedInSheet}).
 * @example inSheetOf(table, () => detectLayout(table))
 */
export function inSheetOf<T>(table: OwnTableHead, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw e instanceof DataError ? placedInSheet(e, table) : e;
  }
}

/**
 * The extension of a file {@link readOwnTable} reads (lower case), after checking that it is one and names a file.
 * @throws DataError for another extension or no such file
 * @example
 * ownDataExtension("examples/own-data/fgc-by-name.csv") // ".csv"
 */
export function ownDataExtension(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (!(OWN_DATA_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new DataError({ file, expected: `a ${OWN_DATA_EXTENSIONS.join(" or ")} file` });
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new DataError({ file, expected: "an existing file" });
  return ext;
}

/** C0 control characters but tab, line feed and carriage return, and DEL. */
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The columns of a header (trimmed) without a name, once normalised ({@link normaliseHeader}): a trailing comma on
 * every line, an Excel sheet's formatted but empty column. `add` leaves such a column out when it is blank in every
 * row and refuses it when it holds a value (which indicator, or what, it is would be a guess).
 * @example
 * unnamedColumns(["la_code", "period", "visits_pct", ""]) // [3]
 */
export function unnamedColumns(header: readonly string[]): number[] {
  return header.flatMap((h, i) => (normaliseHeader(h) === "" ? [i] : []));
}

/**
 * Check a table's header (trimmed): not empty, no control character, no name twice once normalised ({@link normaliseHeader}).
 * A column without a name passes ({@link unnamedColumns}).
 * @throws DataError (row 0) naming the column
 * @example
 * checkOwnHeader("own.csv", ["la_code", "LA Code"]) // throws: …column "LA Code": … each column named once (column 1, "la_code", is read as the same name, la_code)
 */
export function checkOwnHeader(file: string, header: readonly string[]): void {
  if (header.length === 0 || header.every((h) => h === "")) throw new DataError({ file, row: 0, expected: "a header row" });
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    // the header sniffer looks at the first 64 KiB only: a NUL in a column name beyond it had reached catalogue.csv
    if (CONTROL_RE.test(h)) throw new DataError({ file, row: 0, column: `column ${i + 1}`, value: h, expected: "a column name without control characters (a NUL or other control byte)" });
    const k = normaliseHeader(h);
    // a column without a name is read only to see that it is blank (add leaves it out: unnamedColumns)
    if (k === "") return;
    const first = seen.get(k);
    if (first !== undefined) {
      // "Größe" and "Grosse" are not the same name as written, but make the same id
      const same = header[first] === h ? `same name as column ${first + 1}` : `column ${first + 1}, "${header[first]}", is read as the same name, ${k}`;
      throw new DataError({ file, row: 0, column: h, value: h, expected: `each column named once (${same})` });
    }
    seen.set(k, i);
  });
}

function isNonEmpty(row: readonly string[]): boolean {
  return row.some((c) => c.trim() !== "");
}

/** Whether a header row has a column that identifies the LA ({@link AREA_KEY_COLUMNS}). */
function namesAreaColumn(header: readonly string[]): boolean {
  const names = new Set(header.map(normaliseHeader));
  return Object.values(AREA_KEY_COLUMNS).some((columns) => columns.some((c) => names.has(c)));
}

/** The reader's percent cells (sheet rows) by data row, without the header's and those beyond the header's columns. */
function percentCellsByDataRow(columns: readonly PercentColumn[], dataRowOf: ReadonlyMap<number, number>, width: number): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  for (const { column, rows } of columns) {
    if (column >= width) continue;
    const cells = new Map<number, string>();
    for (const sheetRow of rows) {
      const dataRow = dataRowOf.get(sheetRow);
      if (dataRow !== undefined && dataRow > 0) cells.set(dataRow, `${columnLetters(column)}${sheetRow + 1}`);
    }
    if (cells.size > 0) out.set(column, cells);
  }
  return out;
}


/** How a column identifies the LA. */
export type AreaKeyKind = "code" | "number" | "name";

/** Header names (normalised) that identify the LA, by kind; the first present is used, codes first. */
export const AREA_KEY_COLUMNS: Readonly<Record<AreaKeyKind, readonly string[]>> = Object.freeze({
  code: ["la_code", "new_la_code", "ons_code", "area_code", "lad_code", "utla_code", "code"],
  number: ["old_la_code", "la_number", "dfe_number", "dfe_la_number", "la_no"],
  name: ["la_name", "local_authority", "la", "authority", "area_name", "name", "area"],
});

/** Header names (normalised) holding the period. */
export const PERIOD_COLUMNS = ["period", "year", "time_period", "year_ending_march"] as const;

/** Header names (normalised) of a long table's indicator and value columns, the first present used. */
export const LONG_INDICATOR_COLUMNS = ["indicator", "indicator_id", "measure", "metric"] as const;
export const LONG_VALUE_COLUMNS = ["value", "values"] as const;

/** Columns of a wide table that are not indicators and are ignored (reported). */
export const IGNORED_WIDE_COLUMNS = ["region", "region_code", "region_name", "geographic_level", "time_identifier", "country_code", "country_name"] as const;

/** The layout of a table: where the LA key, the period and the values are. */
export interface OwnTableLayout {
  kind: "long" | "wide";
  /** Column index and kind of the LA key. */
  area: { column: number; kind: AreaKeyKind };
  /** Other LA key columns present (e.g. a name beside the code), not used for matching. */
  otherAreaColumns: number[];
  /** Column index of the period, or undefined (then a period must be given). */
  period?: number;
  /** Long: the indicator, value, numerator and denominator columns. */
  long?: { indicator: number; value: number; numerator?: number; denominator?: number; status?: number };
  /** Wide: one column per indicator. */
  indicatorColumns: number[];
  /** Columns ignored (wide: region and similar descriptive columns). */
  ignored: number[];
}

/**
 * Find the LA key, the period and the values in a table's header.
 * @throws DataError (row 0) when no LA column is found, or a wide table has no indicator column
 * @example
 * detectLayout({ file: "x.csv", header: ["la_code", "year", "fgc_per_1000"] }).kind // "wide"
 */
export function detectLayout(table: OwnTableHead): OwnTableLayout {
  const names = table.header.map(normaliseHeader);
  const find = (cands: readonly string[]) => {
    for (const c of cands) {
      const i = names.indexOf(c);
      if (i >= 0) return i;
    }
    return undefined;
  };
  let area: OwnTableLayout["area"] | undefined;
  const areaColumns: number[] = [];
  for (const kind of ["code", "number", "name"] as const) {
    const i = find(AREA_KEY_COLUMNS[kind]);
    if (i === undefined) continue;
    areaColumns.push(i);
    area ??= { column: i, kind };
  }
  if (!area) {
    throw new DataError({
      file: table.file,
      row: 0,
      value: table.header.join(","),
      expected: `a column identifying the LA: one of ${[...AREA_KEY_COLUMNS.code.slice(0, 2), ...AREA_KEY_COLUMNS.number.slice(0, 1), ...AREA_KEY_COLUMNS.name.slice(0, 2)].join(", ")}${table.sheet === undefined ? separatorHint(table.header) : sheetsHint(table)}`,
    });
  }
  const key = area;
  const period = find(PERIOD_COLUMNS);
  // a long sheet's "Measure" and "Value" were read as two wide indicator columns (a user walkthrough)
  const indicator = find(LONG_INDICATOR_COLUMNS) ?? -1;
  const value = find(LONG_VALUE_COLUMNS) ?? -1;
  // a column without a name is neither an indicator nor ignored: add leaves it out or refuses it (unnamedColumns)
  const used = new Set([...areaColumns, ...(period === undefined ? [] : [period]), ...unnamedColumns(table.header)]);
  if (indicator >= 0 && value >= 0) {
    const numerator = names.indexOf("numerator");
    const denominator = names.indexOf("denominator");
    const status = names.indexOf("status");
    for (const i of [indicator, value, numerator, denominator, status]) if (i >= 0) used.add(i);
    const ignored = names.map((_, i) => i).filter((i) => !used.has(i));
    return {
      kind: "long",
      area,
      otherAreaColumns: areaColumns.filter((i) => i !== key.column),
      period,
      long: { indicator, value, numerator: numerator >= 0 ? numerator : undefined, denominator: denominator >= 0 ? denominator : undefined, status: status >= 0 ? status : undefined },
      indicatorColumns: [],
      ignored,
    };
  }
  const ignored = names.map((_, i) => i).filter((i) => !used.has(i) && (IGNORED_WIDE_COLUMNS as readonly string[]).includes(names[i]));
  const indicatorColumns = names.map((_, i) => i).filter((i) => !used.has(i) && !ignored.includes(i));
  if (indicatorColumns.length === 0) {
    throw new DataError({
      file: table.file,
      row: 0,
      value: table.header.join(","),
      expected: `indicator columns (wide: one column per indicator) or the columns indicator (or ${LONG_INDICATOR_COLUMNS.slice(1).join(", ")}) and value (long)`,
    });
  }
  return { kind: "wide", area, otherAreaColumns: areaColumns.filter((i) => i !== key.column), period, indicatorColumns, ignored };
}

/**
 * For a workbook with several sheets whose header names an LA column: add reads one sheet a run, so each is named.
 * @example moreThanOneTable(["2023", "2024"]) // 'one table: sheets "2023" and "2024" each have a header row naming the LA, and add reads one sheet at a time: add each with --sheet NAME (--sheet "2023", then --sheet "2024")'
 */
function moreThanOneTable(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  const runs = names.slice(0, 3).map((n) => `--sheet "${n}"`);
  return `one table: sheets ${joinWords(quoted)} each have a header row naming the LA, and add reads one sheet at a time: add each with --sheet NAME (${runs.join(", then ")}${names.length > 3 ? ", …" : ""})`;
}

/** For a sheet without an LA column: the workbook's sheets and how to choose one. */
function sheetsHint(table: OwnTableHead): string {
  const sheets = table.sheets ?? [];
  return ` in sheet "${table.sheet}" (the workbook's sheets: ${sheets.map((s) => `"${s}"`).join(", ")}; choose the one with the table with --sheet NAME)`;
}
