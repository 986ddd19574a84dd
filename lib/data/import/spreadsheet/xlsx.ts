/**
 * A confined reader for Office Open XML workbooks (.xlsx): sheets as rows of cell strings.
 *
 * Why not the registry's `xlsx` 0.18.5: it has published vulnerabilities (prototype pollution
 * CVE-2023-30533, ReDoS CVE-2024-22363) for untrusted files, and later versions are not on the registry.
 * This reader inflates only the workbook and its relationships, then the shared strings, styles and the
 * wanted sheets (fflate; any other part, however large it declares itself, is never inflated), tokenizes XML without DTDs or entity expansion, and returns plain strings.
 *
 * Cell rules (ECMA-376 Part 1, §18.3.1.4 c): `t="s"` shared string; `t="inlineStr"` inline `<is>` text;
 * `t="str"` formula string; `t="b"` `true`/`false`; `t="e"` the error text (e.g. `#N/A`); `t="d"` its ISO date;
 * `t="n"` or none the number in `<v>` as written; any other type is refused. A number whose cell style is a date
 * format (built-in ids 14–22, 45–47, or a custom code with d/m/y tokens) becomes the ISO date Excel shows
 * (./excel-dates.ts: 1900 date system with its 1900-02-29; the 1904 system when the workbook says so). Cells are placed by their `r` reference, so gaps become "" cells; trailing empties are dropped.
 *
 * Percent cells, only when asked ({@link XlsxReadOptions.percentAsShown}; own data asks, the official import and the
 * Annex A reader do not): a number whose style is a percent format (built-in ids 9 `0%` and 10 `0.00%`, or a custom
 * code with a '%' outside quotes, brackets and escapes) is returned as Excel shows it, ×100 ("0.45" → "45"), and
 * the sheet lists those cells by position.
 */
import { DataError } from "../../../errors";
import type { SheetRows } from "./ods";
import { MAX_CELL_CHARS, MAX_SHEET_CELLS, MAX_SHEET_ROWS, OVERLONG_CELL_VALUE } from "./ods";
import { decodeXmlText, parseXmlAttributes, visitStartTags, xmlTokens } from "./xml-tokens";
import { readZipText } from "./zip";
import { locatedIn, partPlace, WORKBOOK_PART_WORDS } from "./workbook-parts";
import { declaredSheets, relationshipTargets } from "./xlsx-sheet-list";
import { cellAt, columnIndex, columnLetters } from "./cell-refs";
import { isDateFormatCode, isoCellDate, serialFitsIsoDate, serialToIso } from "./excel-dates";

export { columnLetters } from "./cell-refs";

/** Built-in number-format ids that are dates (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Built-in number-format ids that are percentages (ECMA-376 §18.8.30: 9 `0%`, 10 `0.00%`). */
const BUILTIN_PERCENT_FORMATS = new Set([9, 10]);

/**
 * Significant digits Excel shows of a number (its display precision): a `<v>` may hold 17 ("0.45000000000000001",
 * the shortest text that round-trips the double), which the analyst sees as 45%.
 */
const EXCEL_SHOWN_DIGITS = 15;

/** Options of {@link readXlsxSheets}. */
export interface XlsxReadOptions {
  /**
   * Return a number in a percent format as Excel shows it (×100, exactly: "0.45" → "45") and list those cells in
   * {@link XlsxSheetRows.percentCells}. Off by default: the official import and Annex A lists read the stored value.
   */
  percentAsShown?: boolean;
}

/** The cells of one column that {@link XlsxReadOptions.percentAsShown} read as shown. */
export interface PercentColumn {
  /** Zero-based column (A = 0). */
  column: number;
  /** Zero-based indices into the sheet's `rows` (row 1 of the sheet = 0), increasing. */
  rows: number[];
}

/** A sheet as rows of cell strings, with the percent cells read as shown when that was asked for. */
export interface XlsxSheetRows extends SheetRows {
  /** With percentAsShown only: per column (in column order), the cells read as shown. */
  percentCells?: PercentColumn[];
  /**
   * The sheet's merged ranges (`B2:B21`; its first {@link MAX_MERGED_RANGES}), when it has any: only a range's first
   * cell holds its value, the others are read blank.
   */
  merged?: string[];
}

/** Merged ranges of a sheet kept in {@link XlsxSheetRows.merged}: enough to name them; a sheet may list millions. */
export const MAX_MERGED_RANGES = 1000;

/** Per cellXfs style index: whether it is a date, and for percent formats which number sections carry a '%'. */
interface CellStyles {
  dates: Set<number>;
  /** Style index → one flag per number section (positive; negative; zero), for styles with a '%' in any. */
  percents: Map<number, boolean[]>;
}

/**
 * Read sheets of an .xlsx file.
 * @param bytes - the file's bytes
 * @param file - file name for error messages
 * @param sheets - names of the sheets wanted (all when omitted); a missing one is an error
 * @param options - percentAsShown: percent cells as Excel shows them, listed per sheet
 * @throws DataError on a non-zip, corrupt archive, missing workbook part, malformed XML or a missing sheet; with
 *   percentAsShown, a percent cell whose `<v>` is not a decimal number
 * @example
 * readXlsxSheets(fs.readFileSync("File_11.xlsx"), "File_11.xlsx", ["IDACI"])[0].rows.length
 * readXlsxSheets(fs.readFileSync("own.xlsx"), "own.xlsx", undefined, { percentAsShown: true })[0].percentCells // [{ column: 2, rows: [1, 2, 3] }]
 */
export function readXlsxSheets(bytes: Uint8Array, file: string, sheets?: readonly string[], options: XlsxReadOptions = {}): XlsxSheetRows[] {
  const index = readZipText(bytes, file, ["xl/workbook.xml", "xl/_rels/workbook.xml.rels"]);
  const workbook = requirePart(index, "xl/workbook.xml", file);
  const rels = requirePart(index, "xl/_rels/workbook.xml.rels", file);
  const targets = locatedIn(partPlace("xl/_rels/workbook.xml.rels"), () => relationshipTargets(rels, file));
  const { declared, date1904 } = locatedIn(partPlace("xl/workbook.xml"), () => declaredSheets(workbook, targets, file));
  const seenNames = new Set(declared.map((s) => s.name));
  for (const wanted of sheets ?? []) {
    if (!seenNames.has(wanted)) throw new DataError({ file, sheet: wanted, expected: `a sheet named "${wanted}"` });
  }
  // Inflate only what the wanted sheets need: shared strings, styles and those sheets (never other parts).
  const wantedNames = sheets === undefined ? undefined : new Set(sheets);
  const chosen = declared.filter((s) => wantedNames === undefined || wantedNames.has(s.name));
  const sheetOfPart = new Map(chosen.map((s) => [s.path, s.name]));
  const parts = readZipText(bytes, file, ["xl/sharedStrings.xml", "xl/styles.xml", ...chosen.map((s) => s.path)], (part) => partPlace(part, sheetOfPart));
  const shared = locatedIn(partPlace("xl/sharedStrings.xml"), () => readSharedStrings(parts.get("xl/sharedStrings.xml"), file));
  const styles = locatedIn(partPlace("xl/styles.xml"), () => readCellStyles(parts.get("xl/styles.xml"), file));
  const percentStyles = options.percentAsShown === true ? styles.percents : null;
  const out: XlsxSheetRows[] = [];
  const budget = { cells: 0 };
  for (const s of chosen) {
    const xml = parts.get(s.path);
    if (xml === undefined) throw new DataError({ file, sheet: s.name, expected: "the sheet's cells, which the workbook lists but does not hold (a damaged workbook: save it again from Excel or LibreOffice)" });
    const percentCells = percentStyles === null ? null : new Map<number, number[]>();
    const merged: string[] = [];
    const rows = locatedIn({ sheet: s.name }, () => readSheetRows(xml, file, s.name, shared, { dates: styles.dates, percents: percentStyles, percentCells }, date1904, budget, merged));
    const sheet: XlsxSheetRows = merged.length === 0 ? { name: s.name, rows } : { name: s.name, rows, merged };
    if (percentCells !== null) sheet.percentCells = [...percentCells].sort((a, b) => a[0] - b[0]).map(([column, cellRows]) => ({ column, rows: cellRows }));
    out.push(sheet);
  }
  return out;
}

/**
 * Sheet names of an .xlsx from its workbook part only (no sheet is inflated), in order; "" for a sheet without a
 * name. The tags and attributes are read as {@link readXlsxSheets} reads them (a name in either quote, a '>' in an
 * attribute value, unescaped as XML allows, ends nothing), so these are the names it finds.
 * @throws DataError when the file is not a zip with a workbook part, or that part's markup is malformed
 * @example
 * xlsxSheetNames(fs.readFileSync("File_11_IoD2019_UTLA.xlsx"), "File_11.xlsx") // ["Notes", "IMD", …, "IDACI", …]
 */
export function xlsxSheetNames(bytes: Uint8Array, file: string): string[] {
  const workbook = readZipText(bytes, file, (n) => n === "xl/workbook.xml").get("xl/workbook.xml");
  if (workbook === undefined) throw new DataError({ file, expected: NOT_A_WORKBOOK });
  const out: string[] = [];
  locatedIn(partPlace("xl/workbook.xml"), () => visitStartTags(workbook, file, "sheet", (attrs) => out.push(parseXmlAttributes(attrs, file).name ?? "")));
  return out;
}

/** What a zip without a workbook's list of sheets, or of where they are stored, was expected to be. */
const NOT_A_WORKBOOK = "an .xlsx workbook (this zip has no list of sheets: save the file from Excel or LibreOffice as an Excel workbook, .xlsx)";

/** A part of the workbook's structure ({@link WORKBOOK_PART_WORDS}), which every .xlsx holds. */
function requirePart(parts: Map<string, string>, name: string, file: string): string {
  const p = parts.get(name);
  if (p === undefined) throw new DataError({ file, expected: name === "xl/workbook.xml" ? NOT_A_WORKBOOK : `an .xlsx workbook with ${WORKBOOK_PART_WORDS[name]} (a damaged workbook: save it again from Excel or LibreOffice)` });
  return p;
}

function readSharedStrings(xml: string | undefined, file: string): string[] {
  if (xml === undefined) return [];
  const out: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phoneticDepth = 0;
  for (const t of xmlTokens(xml, file)) {
    if (t.kind === "open") {
      if (t.name === "si") current = t.selfClosing ? (out.push(""), null) : "";
      else if (t.name === "rPh" && !t.selfClosing) phoneticDepth++;
      else if (t.name === "t" && !t.selfClosing) inText = true;
    } else if (t.kind === "close") {
      if (t.name === "si" && current !== null) {
        out.push(current);
        current = null;
      } else if (t.name === "rPh") phoneticDepth--;
      else if (t.name === "t") inText = false;
    } else if (inText && current !== null && phoneticDepth === 0) {
      current += decodeXmlText(t.text, file);
      if (current.length > MAX_CELL_CHARS) {
        throw new DataError({ file, ...partPlace("xl/sharedStrings.xml"), value: `text ${out.length + 1} of ${OVERLONG_CELL_VALUE}`, expected: `texts of at most ${MAX_CELL_CHARS} characters, as a cell holds` });
      }
    }
  }
  return out;
}

/** Indices of cellXfs styles whose number format is a date, and of those whose format is a percentage. */
function readCellStyles(xml: string | undefined, file: string): CellStyles {
  const out: CellStyles = { dates: new Set(), percents: new Map() };
  if (xml === undefined) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let xfIndex = 0;
  for (const t of xmlTokens(xml, file)) {
    if (t.kind === "open" && t.name === "numFmt") {
      const a = parseXmlAttributes(t.attrs, file);
      custom.set(Number(a.numFmtId), a.formatCode ?? "");
    } else if (t.kind === "open" && t.name === "cellXfs") {
      inCellXfs = !t.selfClosing;
    } else if (t.kind === "close" && t.name === "cellXfs") {
      inCellXfs = false;
    } else if (inCellXfs && t.kind === "open" && t.name === "xf") {
      const id = Number(parseXmlAttributes(t.attrs, file).numFmtId ?? "0");
      const code = custom.get(id);
      const isDate = BUILTIN_DATE_FORMATS.has(id) || (code !== undefined && isDateFormatCode(code));
      if (isDate) out.dates.add(xfIndex);
      else {
        const percentSections = BUILTIN_PERCENT_FORMATS.has(id) ? [true] : code === undefined ? [] : formatCodePercentSections(code);
        if (percentSections.includes(true)) out.percents.set(xfIndex, percentSections);
      }
      xfIndex++;
    }
  }
  return out;
}

/**
 * For each number section of a custom format code (positive; negative; zero: the first three of the ';'-separated
 * sections, the fourth being for text), whether it has a '%' that scales the value: one outside quoted text, [..]
 * brackets (colours, conditions, currency/locale tags such as [$%-809]) and the character after '\' (escaped), '_'
 * (a space the width of that character) or '*' (that character repeated to fill the cell), all of which Excel shows
 * as text without scaling. Scanned by hand, as {@link isDateFormatCode} is.
 */
function formatCodePercentSections(code: string): boolean[] {
  const sections = [false];
  for (let i = 0; i < code.length && sections.length <= 3; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "[") {
      const close = code.indexOf(ch === '"' ? '"' : "]", i + 1);
      if (close >= 0) i = close;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      i++;
    } else if (ch === ";") {
      sections.push(false);
    } else if (ch === "%") {
      sections[sections.length - 1] = true;
    }
  }
  return sections.slice(0, 3);
}

/**
 * The section of a format that shows `value`, as Excel picks it: one section for all; two: the first for
 * positive numbers and zero, the second for negative; three or more: positive, negative, zero. (A section with a
 * condition such as [>100] is taken by this sign rule too; percent formats with conditions are not met in
 * practice.)
 */
function sectionShowing(value: number, sections: number): number {
  if (value < 0 && sections >= 2) return 1;
  if (value === 0 && sections >= 3) return 2;
  return 0;
}

/** The cell types of ECMA-376 Part 1, §18.18.11 ST_CellType. */
const CELL_TYPES = "b, d, e, inlineStr, n, s or str";

/** xsd:double's decimal forms (ECMA-376 writes a cell's number as one): sign, digits with an optional point, exponent. */
const DECIMAL_NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * A percent cell's stored number as Excel shows it, ×100, by moving the decimal point two places in its text so
 * the result is exact (0.07 × 100 in floating point is 7.000000000000001). The number is first written with
 * Excel's 15 significant digits, so a `<v>` of 0.45000000000000001 (as Excel writes 0.45) is 45.
 * Undefined when the text is not a finite decimal number.
 * @example
 * percentAsShown("0.125") // "12.5"
 * percentAsShown("1.5E-2") // "1.5"
 * percentAsShown("0.45000000000000001") // "45"
 */
export function percentAsShown(text: string): string | undefined {
  if (!DECIMAL_NUMBER.test(text)) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  if (n === 0) return "0";
  const [mantissa, exponent] = n.toPrecision(EXCEL_SHOWN_DIGITS).split("e");
  return shiftDecimalPoint(mantissa, Number(exponent ?? "0") + 2);
}

/**
 * A plain decimal text (optional '-', digits, optional point and digits) with its point moved `places` to the right
 * (left when negative), written shortest: no leading zeros before the units, no trailing zeros after the point,
 * no "-0".
 * @example
 * shiftDecimalPoint("0.45", 2) // "45"
 * shiftDecimalPoint("12.5", -2) // "0.125"
 */
export function shiftDecimalPoint(text: string, places: number): string {
  const negative = text.startsWith("-");
  const unsigned = negative ? text.slice(1) : text;
  const point = unsigned.indexOf(".");
  const whole = point < 0 ? unsigned : unsigned.slice(0, point);
  const digits = point < 0 ? unsigned : whole + unsigned.slice(point + 1);
  const at = whole.length + places;
  const padded = at <= 0 ? "0".repeat(1 - at) + digits : at > digits.length ? digits + "0".repeat(at - digits.length) : digits;
  const units = Math.max(at, 1);
  const integer = padded.slice(0, units).replace(/^0+(?=\d)/, "");
  const fraction = padded.slice(units).replace(/0+$/, "");
  const shifted = fraction === "" ? integer : `${integer}.${fraction}`;
  return negative && /[1-9]/.test(shifted) ? `-${shifted}` : shifted;
}

function readSheetRows(
  xml: string,
  file: string,
  sheet: string,
  shared: readonly string[],
  styles: SheetStyles,
  date1904: boolean,
  budget: { cells: number },
  merged: string[],
): string[][] {
  const rows: string[][] = [];
  const spend = (cells: number) => {
    budget.cells += cells;
    if (budget.cells > MAX_SHEET_CELLS) {
      throw new DataError({ file, sheet, row: rows.length, value: `more than ${MAX_SHEET_CELLS} cells`, expected: `at most ${MAX_SHEET_CELLS} cells in the sheets read (a used range that large is not a statistical table)` });
    }
  };
  let row: string[] | null = null;
  let cellAttrs: Record<string, string> | null = null;
  let cellText = "";
  let capture: "v" | "t" | null = null;
  let nextRowIndex = 0;
  let lastCol = -1;
  let formula = false;
  let stored = false;

  const setCell = (col: number, value: string, ref: string | undefined) => {
    if (row === null) throw new DataError({ file, sheet, ...cellAt(ref), value: cellWithoutText(ref, value), expected: "cells inside a <row>" });
    if (value === "") return;
    spend(Math.max(1, col + 1 - row.length));
    while (row.length < col) row.push("");
    row[col] = value;
  };
  for (const t of xmlTokens(xml, file)) {
    if (t.kind === "open") {
      if (t.name === "row") {
        const a = parseXmlAttributes(t.attrs, file);
        const r = a.r === undefined ? nextRowIndex + 1 : Number(a.r);
        if (!Number.isInteger(r) || r < nextRowIndex + 1 || r > MAX_SHEET_ROWS) {
          throw new DataError({ file, sheet, value: a.r ?? "", expected: "increasing row numbers within the sheet limit" });
        }
        spend(r - rows.length);
        while (rows.length < r - 1) rows.push([]);
        row = [];
        rows.push(row);
        nextRowIndex = r;
        lastCol = -1;
        if (t.selfClosing) row = null;
      } else if (t.name === "c") {
        cellAttrs = parseXmlAttributes(t.attrs, file);
        cellText = "";
        formula = false;
        stored = false;
        if (t.selfClosing) cellAttrs = null;
      } else if (cellAttrs !== null && (t.name === "v" || t.name === "t" || t.name === "is" || t.name === "f")) {
        if (t.name === "f") formula = true;
        else stored = true; // <v/> too: a formula whose result is empty
        if ((t.name === "v" || t.name === "t") && !t.selfClosing) capture = t.name;
      } else if (t.name === "mergeCell" && merged.length < MAX_MERGED_RANGES) merged.push(parseXmlAttributes(t.attrs, file).ref ?? "");
    } else if (t.kind === "close") {
      if (t.name === "v" || t.name === "t") capture = null;
      else if (t.name === "c" && cellAttrs !== null) {
        const a = cellAttrs;
        lastCol = checkedColumn(a, row?.length ?? 0, lastCol, formula && !stored, file, sheet, rows.length);
        setCell(lastCol, storedCellValue(a, cellText, lastCol, rows.length - 1, { shared, styles, date1904, file, sheet }), a.r);
        cellAttrs = null;
      } else if (t.name === "row") row = null;
    } else if (capture !== null) {
      cellText += decodeXmlText(t.text, file);
      if (cellText.length > MAX_CELL_CHARS) {
        throw new DataError({ file, sheet, row: rows.length, value: OVERLONG_CELL_VALUE, expected: `cell text of at most ${MAX_CELL_CHARS} characters` });
      }
    }
  }
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/**
 * The column of a cell being closed, checked: past the row's previous cell (a hostile-input review wrote C2 twice
 * and the last value won, silently), and a formula with its calculated value (a workbook saved without calculating
 * has none, which would read as a blank).
 * @throws DataError naming the sheet, row and cell
 */
function checkedColumn(a: Record<string, string>, rowLength: number, lastCol: number, uncalculated: boolean, file: string, sheet: string, row: number): number {
  const col = a.r === undefined ? rowLength : columnIndex(a.r, file, sheet);
  const value = a.r ?? columnLetters(col);
  if (col <= lastCol) throw new DataError({ file, sheet, row, column: columnLetters(col), value, expected: "each cell once, in column order within its row (a cell written twice: which value is meant cannot be told)" });
  if (uncalculated) throw new DataError({ file, sheet, row, column: columnLetters(col), value, expected: "a formula cell with its calculated value (the workbook was saved without calculating it: open it in Excel or LibreOffice and save it again)" });
  return col;
}

/** The value a closed cell stores: as shown for a percent cell read so (recorded in `styles.percentCells`), else as xlsxCellValue reads it. */
function storedCellValue(
  a: Record<string, string>, cellText: string, col: number, row: number,
  r: { shared: readonly string[]; styles: SheetStyles; date1904: boolean; file: string; sheet: string },
): string {
  const { styles, file, sheet } = r;
  const percentSections = styles.percents === null || a.s === undefined || cellText === "" || (a.t !== undefined && a.t !== "n") ? undefined : styles.percents.get(Number(a.s));
  const shown = percentSections === undefined ? undefined : percentCellValue(a.r, cellText, percentSections, file, sheet);
  if (shown === undefined) return xlsxCellValue(a, cellText, r.shared, styles.dates, r.date1904, file, sheet);
  const listed = styles.percentCells!.get(col);
  if (listed === undefined) styles.percentCells!.set(col, [row]);
  else listed.push(row);
  return shown;
}

/** The styles a sheet's cells are read with; `percents` and `percentCells` are null unless percentAsShown. */
interface SheetStyles {
  dates: ReadonlySet<number>;
  percents: ReadonlyMap<number, readonly boolean[]> | null;
  /** Column → rows of the cells read as shown, filled as the sheet is read. */
  percentCells: Map<number, number[]> | null;
}

/**
 * A numeric cell in a percent style as shown, or undefined when the section that shows its value has no '%'.
 * @throws DataError (naming the cell, not its text) when `<v>` is not a decimal number
 */
function percentCellValue(ref: string | undefined, text: string, sections: readonly boolean[], file: string, sheet: string): string | undefined {
  const shown = percentAsShown(text);
  if (shown === undefined) throw new DataError({ file, sheet, ...cellAt(ref), value: cellWithoutText(ref, text), expected: "a decimal number in a numeric cell" });
  return sections[sectionShowing(Number(text), sections.length)] ? shown : undefined;
}

/**
 * A cell named in an error by its reference and the length of its text, never the text: a cell of an Annex A list may
 * hold a child's id, and error messages reach logs.
 */
function cellWithoutText(ref: string | undefined, text: string): string {
  return `${ref ?? "a cell"} (${text.length} characters)`;
}

function xlsxCellValue(
  a: Record<string, string>,
  text: string,
  shared: readonly string[],
  dateStyles: ReadonlySet<number>,
  date1904: boolean,
  file: string,
  sheet: string,
): string {
  switch (a.t) {
    case "s": {
      const i = Number(text);
      if (!Number.isInteger(i) || i < 0 || i >= shared.length) {
        throw new DataError({ file, sheet, ...cellAt(a.r), value: cellWithoutText(a.r, text), expected: "a valid shared-string index" });
      }
      return shared[i];
    }
    case "inlineStr":
    case "str":
    case "e":
      return text;
    case "b":
      return text === "1" ? "true" : "false";
    case "d": {
      const iso = text === "" ? "" : isoCellDate(text);
      if (iso === undefined) throw new DataError({ file, sheet, ...cellAt(a.r), value: cellWithoutText(a.r, text), expected: 'an ISO 8601 date in a date cell (t="d")' });
      return iso;
    }
    case undefined:
    case "n":
      return numericCellValue(a, text, dateStyles, date1904, file, sheet);
    default:
      // an unknown type had been read as a number (a review's t="zz")
      throw new DataError({ file, sheet, ...cellAt(a.r), value: `${a.r ?? "a cell"} of type "${a.t.slice(0, 20)}"`, expected: `a cell type Excel writes (${CELL_TYPES}): save the workbook again from Excel or LibreOffice` });
  }
}

/** A numeric cell's value: its `<v>` as written, or the ISO date Excel shows when its style is a date format. */
function numericCellValue(a: Record<string, string>, text: string, dateStyles: ReadonlySet<number>, date1904: boolean, file: string, sheet: string): string {
  if (text === "") return "";
  // Number() also reads "0x23" (35), "0b1", "0o7" and "Infinity": a numeric cell's <v> is a decimal (ECMA-376 xsd:double)
  if (!DECIMAL_NUMBER.test(text)) throw new DataError({ file, sheet, ...cellAt(a.r), value: cellWithoutText(a.r, text), expected: "a decimal number in a numeric cell" });
  const n = Number(text);
  if (!Number.isFinite(n)) throw new DataError({ file, sheet, ...cellAt(a.r), value: cellWithoutText(a.r, text), expected: "a number in a numeric cell" });
  if (a.s !== undefined && dateStyles.has(Number(a.s))) {
    if (!serialFitsIsoDate(n, date1904)) throw new DataError({ file, sheet, ...cellAt(a.r), value: cellWithoutText(a.r, text), expected: "a date Excel can show (a day number up to 2958465, 9999-12-31) in a date-formatted cell" });
    return serialToIso(n, date1904);
  }
  return text;
}
