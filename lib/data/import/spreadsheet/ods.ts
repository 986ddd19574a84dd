/**
 * A confined reader for OpenDocument spreadsheets (.ods): sheets as rows of cell strings.
 *
 * Why not a library: no maintained pure-JS ODS reader is installed, and the registry's `xlsx` 0.18.5 has
 * published vulnerabilities (prototype pollution, ReDoS) for untrusted files. This reader inflates only
 * `content.xml` (./ods-content.ts, ./zip.ts), tokenizes it without DTD or entity expansion, and returns plain strings.
 *
 * Cell text rules (OpenDocument 1.2, §9.1.4 table:table-cell):
 * - `office:value-type="float" | "percentage" | "currency"`: the `office:value` attribute (full precision,
 *   not the displayed text; a percentage is a fraction, 0.25 for 25%);
 * - `"date"`: `office:date-value` as ISO (`2015-03-31`, or with time when not midnight);
 * - `"boolean"`: `true`/`false`; otherwise the paragraphs' text joined by `\n`, with `<text:s text:c="n"/>`
 *   as n spaces, `<text:tab/>` as a tab, `<text:line-break/>` as `\n`; annotations are ignored.
 * - `table:number-columns-repeated` / `table:number-rows-repeated` expand, but trailing empty cells and
 *   rows are dropped, so a sheet's declared 1,048,576 empty rows cost nothing.
 */
import { DataError } from "../../../errors";
import { decodeXmlText, parseXmlAttributes, xmlTokens, type XmlToken } from "./xml-tokens";
import { decodeSlice, ODS_CONTEXT_BYTES, ODS_UTF8_EXPECTED, odsTablesInBytes, type OdsTableBytes } from "./ods-tables";
import { invalidByteText, invalidUtf8Offset } from "../../csv";
import { copyOdsTableBodies, ODS_HEAD_BYTES, scanOdsContent } from "./ods-content";
import { readZipParts } from "./zip";
import { locatedIn, partPlace } from "./workbook-parts";
import { columnLetters } from "./cell-refs";
import { readOdsTableRowsFromBytes } from "./ods-rows-bytes";
import { ColumnChoice, MAX_CELL_CHARS, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, OVERLONG_CELL_VALUE, cellValue, parseRepeat, unreadCellValue, type OdsCellAt, type OdsColumnFilter } from "./ods-cells";

/** One sheet: its name and rows of cell strings ("" for an empty cell); trailing empties removed. */
export interface SheetRows {
  name: string;
  rows: string[][];
}

export { MAX_CELL_CHARS, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, OVERLONG_CELL_VALUE, UNREAD_CELL, type OdsColumnFilter } from "./ods-cells";

/**
 * Read sheets of an .ods file.
 * @param bytes - the file's bytes
 * @param file - file name for error messages
 * @param sheets - names of the sheets wanted (all when omitted), or a function choosing them from all the
 *   workbook's sheet names; a missing one is an error
 * @param columns - the columns to read in each sheet, chosen from its rows (all when omitted): a cell of
 *   another column is not read (nor checked), and is `""`, `" "` or {@link UNREAD_CELL} as its text is
 *   empty, blank or not (ods-cells.ts unreadCellValue); the limits and errors are otherwise those of the
 *   full read
 * @returns the sheets, in workbook order
 * @throws DataError on a non-zip, a corrupt archive, a missing content.xml, malformed XML or a missing sheet
 * @example
 * readOdsSheets(fs.readFileSync("outcomes.ods"), "outcomes.ods", ["ILACS_inspection_history"])[0].rows[0]
 */
export function readOdsSheets(
  bytes: Uint8Array,
  file: string,
  sheets?: readonly string[] | ((names: readonly string[]) => readonly string[]),
  columns?: OdsColumnFilter,
): SheetRows[] {
  const primed = primedSheets(bytes, sheets, columns);
  if (primed !== undefined) return primed;
  try {
    const content = odsContent(bytes, file);
    if (content.doctype) throw new DataError({ file, ...partPlace("content.xml"), value: "<!DOCTYPE", expected: "no DOCTYPE or DTD declarations in a spreadsheet part" });
    const tables = tablesOf(content);
    const wanted = typeof sheets === "function" ? sheets(tables.map((t) => t.name)) : sheets;
    const chosen = tables.filter((t) => wanted === undefined || wanted.includes(t.name));
    const bodies = tableBodies(bytes, file, content, chosen);
    return readTables(bodies.xml, bodies.tables, chosen, file, wanted, columns);
  } finally {
    // an importer reads its sheets once: what was found in content.xml (tens of MB when inflated whole) is not
    // kept for the rest of the import, and a caller that reuses the bytes object for another workbook gets that
    // workbook read afresh (a second call scans again: 28–44 ms warm for the Ofsted 2023 workbook, measured)
    contentCache.delete(bytes);
  }
}

/**
 * The tables `tables` (in workbook order) read from `xml`, then a missing sheet of `wanted` reported. `inPart`:
 * the same tables with their offsets in content.xml (`xml` may hold only copies of their bodies), for naming a
 * byte that is not UTF-8: each body is checked before it is read (0.65 MB for the Ofsted 2023 workbook), as
 * decoding would have put U+FFFD in a cell in its place.
 */
function readTables(xml: Uint8Array, tables: readonly OdsTableBytes[], inPart: readonly OdsTableBytes[], file: string, wanted: readonly string[] | undefined, columns: OdsColumnFilter | undefined): SheetRows[] {
  const out: SheetRows[] = [];
  const budget = { cells: 0 };
  for (const [k, table] of tables.entries()) {
    const notUtf8 = invalidUtf8Offset(xml, table.bodyStart, table.bodyEnd);
    if (notUtf8 >= 0) {
      const offset = inPart[k].bodyStart + notUtf8 - table.bodyStart;
      throw new DataError({ file, sheet: table.name, value: `${invalidByteText(xml[notUtf8], offset)} of the spreadsheet's contents`, expected: ODS_UTF8_EXPECTED });
    }
    // the plain case straight from the bytes; anything else by the text path below (same result or error)
    const fromBytes = locatedIn({ sheet: table.name }, () => readOdsTableRowsFromBytes(xml, table.bodyStart, table.bodyEnd, file, table.name, budget, columns));
    if (fromBytes !== undefined) {
      out.push({ name: table.name, rows: fromBytes });
      continue;
    }
    // the body, then a little of what follows it for error messages quoting past its end, decoded as one
    // flat string (a concatenation would be flattened again by the tokenizer's first search: 26 MB for RO3)
    const text = decodeSlice(xml, table.bodyStart, table.bodyEnd + ODS_CONTEXT_BYTES);
    const bodyLength = text.length - decodeSlice(xml, table.bodyEnd, table.bodyEnd + ODS_CONTEXT_BYTES).length;
    out.push({ name: table.name, rows: locatedIn({ sheet: table.name }, () => readTableRows(text, 0, bodyLength, file, table.name, budget, columns)) });
  }
  for (const w of wanted ?? []) {
    if (!out.some((s) => s.name === w)) {
      throw new DataError({ file, sheet: w, expected: `a sheet named "${w}"` });
    }
  }
  return out;
}

/**
 * Sheet names of an .ods, in workbook order, without reading their cells.
 * @throws DataError on a non-zip, a corrupt archive or a missing content.xml
 * @example
 * odsSheetNames(fs.readFileSync("LA_Inspection_Outcomes_as_at_31_March_2025.ods"), "outcomes.ods") // ["Cover", …, "ILACS_inspection_history", …]
 */
export function odsSheetNames(bytes: Uint8Array, file: string): string[] {
  const primed = primedOds.get(bytes);
  if (primed !== undefined) return primed.names.slice();
  return tablesOf(odsContent(bytes, file)).map((t) => t.name);
}

/**
 * What another thread already read from a workbook's bytes (the same functions on a copy of the same bytes):
 * its sheet names, and the sheets one {@link readOdsSheets} call asked for. Keyed by the bytes object, so
 * it lives only as long as the caller keeps the bytes.
 */
interface PrimedOds {
  names: readonly string[];
  read?: PrimedRead;
}
/** The sheets one {@link readOdsSheets} call read: the sheets asked for, the key of its column filter (none: all columns), and the result. */
export interface PrimedRead {
  wanted: readonly string[];
  columnsKey?: string;
  sheets: SheetRows[];
}
const primedOds = new WeakMap<Uint8Array, PrimedOds>();

/**
 * Record what {@link odsSheetNames} and {@link readOdsSheets} returned for a copy of `bytes` (read on a
 * worker thread), so the same calls on `bytes` return it without inflating and tokenising again. Only
 * successful results are recorded: a call that failed elsewhere runs here and fails the same way.
 * @example
 * primeOdsSheets(bytes, ["Cover", "Data"], { wanted: ["Data"], sheets });
 */
export function primeOdsSheets(bytes: Uint8Array, names: readonly string[], read?: PrimedRead): void {
  primedOds.set(bytes, { names, read });
}

/** The primed sheets when `sheets` and `columns` ask for exactly the primed ones (taken once: the cache then lets them go). */
function primedSheets(bytes: Uint8Array, sheets: readonly string[] | ((names: readonly string[]) => readonly string[]) | undefined, columns: OdsColumnFilter | undefined): SheetRows[] | undefined {
  const primed = primedOds.get(bytes);
  if (primed?.read === undefined || sheets === undefined || primed.read.columnsKey !== columns?.key) return undefined;
  const wanted = typeof sheets === "function" ? sheets(primed.names.slice()) : sheets;
  const read = primed.read;
  if (wanted.length !== read.wanted.length || wanted.some((w, k) => w !== read.wanted[k])) return undefined;
  primed.read = undefined;
  return read.sheets;
}

/**
 * What content.xml of an .ods holds for the readers: its top-level tables (or the scan's error), whether its
 * start declares a DOCTYPE, its size, and the part itself when it was inflated whole (else it was streamed,
 * ./ods-content.ts, and the bodies read are inflated again when read).
 */
interface OdsContent {
  tables: OdsTableBytes[];
  failure?: { error: unknown };
  doctype: boolean;
  size: number;
  xml?: Uint8Array;
}

/**
 * content.xml found once per bytes object: detection (sheet names) and reading the same file share it (a
 * WeakMap, so it lives only as long as the caller keeps the bytes); a scan that failed is not kept.
 */
const contentCache = new WeakMap<Uint8Array, OdsContent>();
function odsContent(bytes: Uint8Array, file: string): OdsContent {
  const cached = contentCache.get(bytes);
  if (cached !== undefined) return cached;
  let content: OdsContent;
  const scan = scanOdsContent(bytes, file);
  if (scan !== undefined) {
    content = { tables: scan.tables, ...(scan.failure === undefined ? {} : { failure: scan.failure }), doctype: hasDoctype(scan.head), size: scan.size };
  } else {
    // not Node's zlib path (zip64, a non-ASCII name, a corrupt or capped archive, …): inflated whole, as before
    const xml = wholeContentXml(bytes, file);
    content = { tables: [], doctype: hasDoctype(xml), size: xml.length, xml };
    try {
      content.tables = odsTablesInBytes(xml, file);
    } catch (error) {
      content.failure = { error };
    }
  }
  // a failed scan is not kept: its error names this call's file, and the next call (perhaps naming the file
  // otherwise) scans again and builds its own, as the reader before did; only bad files pay for the rescan
  if (content.failure === undefined) contentCache.set(bytes, content);
  return content;
}

/** The content's tables, or the error its scan gave. */
function tablesOf(content: OdsContent): OdsTableBytes[] {
  const failure = content.failure;
  if (failure !== undefined) return locatedIn(partPlace("content.xml"), () => { throw failure.error; });
  return content.tables;
}

/**
 * A buffer holding the bodies of `tables` (each with the ODS_CONTEXT_BYTES after it) and their offsets in it:
 * the whole part when it is at hand or the tables are most of it, else only their bodies, copied out of a
 * streamed inflate (the Ofsted 2023 workbook: 0.65 MB of a 39.8 MB part).
 */
function tableBodies(bytes: Uint8Array, file: string, content: OdsContent, tables: OdsTableBytes[]): { xml: Uint8Array; tables: readonly OdsTableBytes[] } {
  if (content.xml !== undefined) return { xml: content.xml, tables };
  return copyOdsTableBodies(bytes, tables, content.size) ?? { xml: wholeContentXml(bytes, file), tables };
}

/** content.xml of an .ods inflated whole. */
function wholeContentXml(bytes: Uint8Array, file: string): Uint8Array {
  const xml = readZipParts(bytes, file, (n) => n === "content.xml").get("content.xml");
  if (xml === undefined) throw new DataError({ file, expected: "an OpenDocument spreadsheet, .ods (this zip holds no sheets: save the file from LibreOffice or Excel as an .ods)" });
  return xml;
}

/** Whether the first 4,096 characters of a part declare a DOCTYPE (they take at most 16,384 bytes). */
function hasDoctype(xml: Uint8Array): boolean {
  return /<!DOCTYPE/i.test(decodeStart(xml, ODS_HEAD_BYTES).slice(0, 4096));
}

/** The first bytes of a part decoded as a whole file is (a leading byte order mark dropped, as TextDecoder does). */
function decodeStart(xml: Uint8Array, bytes: number): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(xml.subarray(0, bytes));
}

interface CellState {
  attrs: Record<string, string>;
  repeat: number;
  paragraphs: string[];
  text: string;
  inParagraph: boolean;
  annotationDepth: number;
}

/**
 * The rows of a table from its decoded body `xml[start, end)` by tokens (the text path: any markup; the byte
 * path, ./ods-rows-bytes.ts, reads the plain case and must give the same rows).
 * @throws DataError on malformed markup, a bad cell or a limit passed
 * @example
 * readTableRows("<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row>", 0, 85, "b.ods", "S", { cells: 0 }) // [["a"]]
 */
export function readTableRows(xml: string, start: number, end: number, file: string, sheet: string, budget: { cells: number }, columns?: OdsColumnFilter): string[][] {
  const reader = new TableRowsReader(file, sheet, budget, new ColumnChoice(columns));
  for (const t of xmlTokens(xml, file, start, end)) {
    if (reader.skipsAnnotation(t)) continue;
    if (t.kind === "text") reader.text(t.text);
    else if (t.kind === "open") reader.open(t);
    else reader.close(t.name);
  }
  reader.endRow();
  return reader.rows;
}

/**
 * The rows of one table from its XML tokens: repeated rows and cells expanded, trailing empty cells and rows
 * dropped, annotations skipped; sizes bounded (cells, columns, rows, characters per cell) with a DataError.
 */
class TableRowsReader {
  readonly rows: string[][] = [];
  private pendingEmptyRows = 0;
  private row: string[] | null = null;
  private rowRepeat = 1;
  private pendingEmptyCells = 0;
  private cell: CellState | null = null;

  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly budget: { cells: number },
    private readonly columns: ColumnChoice,
  ) {}

  /** Where the cell being read is, for cellValue's errors: the row as the spreadsheet numbers it, and its column. */
  private readonly cellAt = (): OdsCellAt => ({ row: this.rows.length + this.pendingEmptyRows + 1, column: columnLetters((this.row?.length ?? 0) + this.pendingEmptyCells) });

  private where(v?: string) {
    return { file: this.file, sheet: this.sheet, value: v };
  }

  /** True for a token inside a cell's annotation (comments are not cell text), keeping count of nesting. */
  skipsAnnotation(t: XmlToken): boolean {
    const cell = this.cell;
    if (cell === null || cell.annotationDepth === 0) return false;
    if (t.kind === "open" && t.name === "office:annotation" && !t.selfClosing) cell.annotationDepth++;
    else if (t.kind === "close" && t.name === "office:annotation") cell.annotationDepth--;
    return true;
  }

  /** Raw XML text: decoded and kept only inside a paragraph of a cell. */
  text(raw: string): void {
    if (this.cell !== null && this.cell.inParagraph) this.appendText(this.cell, decodeXmlText(raw, this.file));
  }

  open(t: Extract<XmlToken, { kind: "open" }>): void {
    const { file, sheet } = this;
    const cell = this.cell;
    switch (t.name) {
      case "table:table-row": {
        this.endRow();
        const a = parseXmlAttributes(t.attrs, file);
        this.rowRepeat = parseRepeat(a["table:number-rows-repeated"], file, sheet, MAX_SHEET_ROWS);
        this.row = [];
        this.pendingEmptyCells = 0;
        if (t.selfClosing) this.endRow();
        break;
      }
      case "table:table-cell":
      case "table:covered-table-cell": {
        const a = parseXmlAttributes(t.attrs, file);
        const repeat = parseRepeat(a["table:number-columns-repeated"], file, sheet, MAX_SHEET_COLUMNS);
        if (t.selfClosing) this.pushCell(this.valueOf(a, [], repeat), repeat);
        else this.cell = { attrs: a, repeat, paragraphs: [], text: "", inParagraph: false, annotationDepth: 0 };
        break;
      }
      case "text:p":
      case "text:h":
        if (cell === null) break;
        if (t.selfClosing) cell.paragraphs.push("");
        else {
          cell.inParagraph = true;
          cell.text = "";
        }
        break;
      case "text:s":
        if (cell !== null && cell.inParagraph) this.appendText(cell, " ".repeat(parseRepeat(parseXmlAttributes(t.attrs, file)["text:c"], file, sheet, MAX_CELL_CHARS)));
        break;
      case "text:tab":
        if (cell !== null && cell.inParagraph) this.appendText(cell, "\t");
        break;
      case "text:line-break":
        if (cell !== null && cell.inParagraph) this.appendText(cell, "\n");
        break;
      case "office:annotation":
        if (cell !== null && !t.selfClosing) cell.annotationDepth = 1;
        break;
      default:
        break;
    }
  }

  close(name: string): void {
    const cell = this.cell;
    switch (name) {
      case "text:p":
      case "text:h":
        if (cell !== null && cell.inParagraph) {
          cell.paragraphs.push(cell.text);
          cell.inParagraph = false;
          cell.text = "";
        }
        break;
      case "table:table-cell":
      case "table:covered-table-cell":
        if (cell !== null) {
          this.pushCell(this.valueOf(cell.attrs, cell.paragraphs, cell.repeat), cell.repeat);
          this.cell = null;
        }
        break;
      case "table:table-row":
        this.endRow();
        break;
      default:
        break;
    }
  }

  /** The value of a cell about to be pushed: cellValue's, or unreadCellValue's when its columns are not read. */
  private valueOf(a: Record<string, string>, paragraphs: string[], repeat: number): string {
    const read = this.columns.reads((this.row?.length ?? 0) + this.pendingEmptyCells, repeat);
    return read ? cellValue(a, paragraphs, this.file, this.sheet, this.cellAt) : unreadCellValue(a, paragraphs);
  }

  private spend(cells: number): void {
    this.budget.cells += cells;
    if (this.budget.cells > MAX_SHEET_CELLS) {
      throw new DataError({ ...this.where(`more than ${MAX_SHEET_CELLS} cells once repeats are expanded`), row: this.rows.length + 1, expected: `at most ${MAX_SHEET_CELLS} cells in the sheets read (a used range that large is not a statistical table)` });
    }
  }

  private appendText(cellState: CellState, text: string): void {
    if (cellState.text.length + text.length > MAX_CELL_CHARS) {
      throw new DataError({ ...this.where(OVERLONG_CELL_VALUE), row: this.rows.length + this.pendingEmptyRows + 1, expected: `cell text of at most ${MAX_CELL_CHARS} characters` });
    }
    cellState.text += text;
  }

  private pushCell(value: string, repeat: number): void {
    const row = this.row;
    // neither error quotes the cell's value: it may be a child's id
    if (row === null) throw new DataError({ ...this.where(), expected: "table cells inside a table row" });
    if (value === "") {
      this.pendingEmptyCells += repeat;
      return;
    }
    if (row.length + this.pendingEmptyCells + repeat > MAX_SHEET_COLUMNS) {
      throw new DataError({ ...this.where(`more than ${MAX_SHEET_COLUMNS} columns`), row: this.rows.length + this.pendingEmptyRows + 1, expected: `at most ${MAX_SHEET_COLUMNS} columns` });
    }
    this.spend(this.pendingEmptyCells + repeat);
    for (; this.pendingEmptyCells > 0; this.pendingEmptyCells--) row.push("");
    for (let k = 0; k < repeat; k++) row.push(value);
  }

  endRow(): void {
    const row = this.row;
    if (row === null) return;
    if (row.length === 0) {
      this.pendingEmptyRows += this.rowRepeat;
    } else {
      if (this.rows.length + this.pendingEmptyRows + this.rowRepeat > MAX_SHEET_ROWS) {
        throw new DataError({ ...this.where(), expected: `at most ${MAX_SHEET_ROWS} rows` });
      }
      this.spend(this.pendingEmptyRows + (this.rowRepeat - 1) * row.length);
      for (; this.pendingEmptyRows > 0; this.pendingEmptyRows--) this.rows.push([]);
      for (let k = 0; k < this.rowRepeat; k++) this.rows.push(k === 0 ? row : row.slice());
      this.columns.rowRead(row);
    }
    this.row = null;
  }
}
