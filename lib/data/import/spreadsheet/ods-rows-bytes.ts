/**
 * The rows of one ODS table read straight from content.xml's UTF-8 bytes, for the plain case: what
 * ods.ts's text path (decode the body, tokenise it, parse each tag's attributes into an object) gives,
 * without decoding the body or making a token, an attribute object or a string per tag. A numeric cell
 * decodes only its `office:value`; a text cell only its paragraphs' text.
 *
 * Plain case only: anything the text path would treat specially or reject (a comment, CDATA, a processing
 * instruction or DOCTYPE, an unterminated tag, a tag, close-tag or attribute name that is not ASCII,
 * malformed or repeated attributes, a bad entity, a cell or sheet over its limits, a bad numeric cell or
 * repeat count) makes {@link readOdsTableRowsFromBytes} give up (undefined, nothing spent from the budget),
 * and the text path reads the table and gives its result or its error. In a read with a column filter, the
 * common cells of the columns not read take a shorter route (./ods-unread-cells.ts) to the same values
 * and checks. Every delimiter looked for is ASCII, and a UTF-8 decoder starts afresh after an ASCII byte, so a
 * slice decoded between delimiters is the text that part of the decoded body holds (ods-tables.ts).
 */
import { DataError } from "../../../errors";
import { decodeXmlText, isXmlSpace } from "./xml-tokens";
import { decodeSlice, tagEndByte } from "./ods-tables";
import { ATTRIBUTE_VALUED, ColumnChoice, MAX_CELL_CHARS, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, UNREAD_CELL, cellValue, parseRepeat, type OdsCellAt, type OdsColumnFilter } from "./ods-cells";
import { columnLetters } from "./cell-refs";
import { hasAmpersand, matches, sameBytes } from "./ods-bytes";
import { UnreadCellRoute, unreadValueOfCounts, type UnreadCellRow } from "./ods-unread-cells";

/** Thrown inside the byte reader when the table is not the plain case (caught: the text path reads it). */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain("not the plain case");

/**
 * Most attributes one tag may have in the plain case. A repeated name is found by comparing each name with the
 * ones before it (k² / 2 comparisons for k attributes); a spreadsheet's cells have about six (style, value type,
 * value, calcext type, repeat, formula), so a tag with more goes to the text path, whose check is linear. Without
 * this cap a 119 KB .ods whose one cell had 60,000 attributes took 15 s to read instead of 0.08 s.
 */
export const MAX_PLAIN_ATTRIBUTES = 32;

/** The tags the table reader acts on (any other tag is passed over, as the text path's reader does). */
const enum Tag {
  Other,
  Row,
  Cell,
  CoveredCell,
  Paragraph,
  Space,
  Tab,
  LineBreak,
  Annotation,
}

const TAG_NAMES: readonly [string, Tag][] = [
  ["table:table-row", Tag.Row],
  ["table:table-cell", Tag.Cell],
  ["table:covered-table-cell", Tag.CoveredCell],
  ["text:p", Tag.Paragraph],
  ["text:h", Tag.Paragraph],
  ["text:s", Tag.Space],
  ["text:tab", Tag.Tab],
  ["text:line-break", Tag.LineBreak],
  ["office:annotation", Tag.Annotation],
];
const TAG_BYTES = TAG_NAMES.map(([n, t]) => [Buffer.from(n, "latin1"), t] as const);

/** The attributes the reader uses, by name (any other is only checked: syntax, repeats, entities). */
const ATTRIBUTE_NAMES = [
  "table:number-rows-repeated",
  "table:number-columns-repeated",
  "office:value-type",
  "office:value",
  "office:date-value",
  "office:boolean-value",
  "text:c",
] as const;
const ATTRIBUTE_BYTES = ATTRIBUTE_NAMES.map((n) => Buffer.from(n, "latin1"));
const ROWS_REPEATED = 0;
const COLUMNS_REPEATED = 1;
const VALUE_TYPE = 2;
const SPACE_COUNT = 6;

/**
 * The rows of the table whose body is `xml[start, end)`, as ods.ts's text path reads them (repeats
 * expanded, trailing empties dropped), or undefined when the body is not the plain case (see the module
 * comment); `budget.cells` grows by the cells materialised only when rows are returned. With `columns`, a
 * cell of a column not read has its value decoded neither from its attributes nor from its text (ods.ts
 * readOdsSheets).
 * @example
 * readOdsTableRowsFromBytes(contentXml, table.bodyStart, table.bodyEnd, "book.ods", "Data", { cells: 0 })?.[0] // ["E-code", "ONS Code", …]
 */
export function readOdsTableRowsFromBytes(xml: Uint8Array, start: number, end: number, file: string, sheet: string, budget: { cells: number }, columns?: OdsColumnFilter): string[][] | undefined {
  const reader = new ByteRowsReader(Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength), file, sheet, budget.cells, new ColumnChoice(columns));
  try {
    reader.read(start, end);
  } catch (e) {
    // not the plain case, or a cell the text path rejects too: the text path reads this table and gives its
    // result or its error; anything else is a defect of this reader, not of the file, and is not hidden
    if (e instanceof NotPlain || e instanceof DataError) return undefined;
    throw e;
  }
  budget.cells = reader.cells;
  return reader.rows;
}

/** The cell being read: its attributes (as cellValue reads them), repeat, paragraphs and annotation depth. */
interface ByteCell {
  attrs: Record<string, string>;
  repeat: number;
  /** Whether cellValue reads the paragraphs (a text cell) or an attribute (their text is then only checked). */
  keepsText: boolean;
  paragraphs: string[];
  text: string;
  /** Upper bound of the current paragraph's length in characters when its text is not kept. */
  textBound: number;
  inParagraph: boolean;
  annotationDepth: number;
  /** Its column is not read: its value is ods-cells.ts unreadCellValue's, from what follows. */
  unread: boolean;
  attributeValued: boolean;
  /** Of a cell not read: the characters of its closed paragraphs, and whether they (or the current one) hold a non-blank one. */
  chars: number;
  nonBlank: boolean;
  paragraphNonBlank: boolean;
}

/** ods.ts's TableRowsReader over bytes: the same state machine, fed by a tokenizer on bytes. */
class ByteRowsReader implements UnreadCellRow {
  readonly rows: string[][] = [];
  private pendingEmptyRows = 0;
  private row: string[] | null = null;
  private rowRepeat = 1;
  private pendingEmptyCells = 0;
  private cell: ByteCell | null = null;
  /** Values of ATTRIBUTE_NAMES in the tag whose attributes were read last, decoded when asked ({@link attribute}). */
  private readonly values: (string | undefined)[] = new Array(ATTRIBUTE_NAMES.length).fill(undefined);
  /** Where each of ATTRIBUTE_NAMES' values lies in the tag read last (-1: absent or already in `values`). */
  private readonly valueFrom = new Int32Array(ATTRIBUTE_NAMES.length);
  private readonly valueTo = new Int32Array(ATTRIBUTE_NAMES.length);
  /** Start and end of each attribute name of the tag being read (to find a repeated one). */
  private readonly nameSpans: number[] = [];
  /** The short route for the common cells of columns not read. */
  private readonly route: UnreadCellRoute;

  constructor(
    private readonly xml: Buffer,
    private readonly file: string,
    private readonly sheet: string,
    public cells: number,
    private readonly columns: ColumnChoice,
  ) {
    this.route = new UnreadCellRoute(xml);
  }

  /** Tokenise `xml[start, end)` as xml-tokens.ts's xmlTokens does, acting on each token. */
  read(start: number, end: number): void {
    const xml = this.xml;
    let i = start;
    while (i < end) {
      let lt = xml.indexOf(60, i);
      if (lt < 0 || lt >= end) lt = end;
      if (lt > i) this.textToken(i, lt);
      if (lt === end) break;
      const next = xml[lt + 1];
      // the cells of columns not read take the short route once the filter has chosen the columns: before, every
      // column is read, so no cell would qualify; and trying it on those rows cost ≈ 40 ms of RO3's first read, as
      // V8 threw away its optimised code when ColumnChoice's field changed type at the choice
      if (next === 116 /* t */ && this.cell === null && this.columns.chosen) {
        const after = this.route.cellsEnd(this, lt, end);
        if (after >= 0) {
          i = after;
          continue;
        }
      }
      if (next === 33 /* ! */ || next === 63 /* ? */) throw NOT_PLAIN;
      const gt = tagEndByte(xml, lt + 1, end);
      if (gt < 0) throw NOT_PLAIN;
      if (next === 47 /* / */) this.closeToken(lt + 2, gt);
      else {
        const selfClosing = xml[gt - 1] === 47;
        this.openToken(lt + 1, selfClosing ? gt - 1 : gt, selfClosing);
      }
      i = gt + 1;
    }
    this.endRow();
  }

  private textToken(from: number, to: number): void {
    const cell = this.cell;
    if (cell === null || cell.annotationDepth > 0 || !cell.inParagraph) return;
    if (cell.keepsText) this.appendText(cell, this.decodedText(from, to));
    else {
      // not kept: only what the text path would reject (a bad entity, a paragraph too long) is checked
      const decoded = hasAmpersand(this.xml, from, to) ? decodeXmlText(this.textOf(from, to), this.file) : undefined;
      this.boundText(cell, to - from); // a UTF-8 byte sequence decodes to at most as many UTF-16 units
      if (cell.unread && !cell.attributeValued && !cell.paragraphNonBlank) cell.paragraphNonBlank = decoded !== undefined ? /\S/.test(decoded) : this.hasNonBlank(from, to);
    }
  }

  private openToken(from: number, to: number, selfClosing: boolean): void {
    const xml = this.xml;
    let nameEnd = from;
    while (nameEnd < to) {
      const c = xml[nameEnd];
      if (c === 32 || (c >= 9 && c <= 13)) break;
      if (c >= 0x80) throw NOT_PLAIN; // a Unicode space may end the name in the text path
      nameEnd++;
    }
    if (nameEnd === from) throw NOT_PLAIN;
    const tag = tagOf(xml, from, nameEnd);
    const cell = this.cell;
    if (cell !== null && cell.annotationDepth > 0) {
      if (tag === Tag.Annotation && !selfClosing) cell.annotationDepth++;
      return;
    }
    switch (tag) {
      case Tag.Row:
        this.endRow();
        this.readAttributes(nameEnd, to);
        this.rowRepeat = parseRepeat(this.attribute(ROWS_REPEATED), this.file, this.sheet, MAX_SHEET_ROWS);
        this.row = [];
        this.pendingEmptyCells = 0;
        if (selfClosing) this.endRow();
        break;
      case Tag.Cell:
      case Tag.CoveredCell:
        this.openCell(nameEnd, to, selfClosing);
        break;
      case Tag.Paragraph:
        if (cell === null) break;
        if (selfClosing) cell.paragraphs.push("");
        else {
          cell.inParagraph = true;
          cell.text = "";
          cell.textBound = 0;
          cell.paragraphNonBlank = false;
        }
        break;
      case Tag.Space:
        if (cell !== null && cell.inParagraph) {
          this.readAttributes(nameEnd, to);
          const n = parseRepeat(this.attribute(SPACE_COUNT), this.file, this.sheet, MAX_CELL_CHARS);
          if (cell.keepsText) this.appendText(cell, " ".repeat(n));
          else this.boundText(cell, n);
        }
        break;
      case Tag.Tab:
      case Tag.LineBreak:
        if (cell !== null && cell.inParagraph) {
          if (cell.keepsText) this.appendText(cell, tag === Tag.Tab ? "\t" : "\n");
          else this.boundText(cell, 1);
        }
        break;
      case Tag.Annotation:
        if (cell !== null && !selfClosing) cell.annotationDepth = 1;
        break;
      default:
        break;
    }
  }

  private openCell(attrsFrom: number, attrsTo: number, selfClosing: boolean): void {
    this.readAttributes(attrsFrom, attrsTo);
    const repeat = parseRepeat(this.attribute(COLUMNS_REPEATED), this.file, this.sheet, MAX_SHEET_COLUMNS);
    const type = this.attribute(VALUE_TYPE) as string;
    const attributeValued = ATTRIBUTE_VALUED.has(type);
    if (!this.columns.reads(this.column(), repeat)) {
      // a column not read: as ods-cells.ts unreadCellValue, without decoding the value or the text
      if (selfClosing) this.pushCell(attributeValued ? UNREAD_CELL : "", repeat);
      // (a cell's column can move before its end tag only in markup the text path reads: see closeToken)
      else this.cell = { attrs: NO_ATTRIBUTES, repeat, keepsText: false, paragraphs: [], text: "", textBound: 0, inParagraph: false, annotationDepth: 0, unread: true, attributeValued, chars: 0, nonBlank: false, paragraphNonBlank: false };
      return;
    }
    // one shape for every cell (an absent attribute is undefined, which is all cellValue asks of it)
    const attrs = { "office:value-type": type, "office:value": this.attribute(VALUE_TYPE + 1), "office:date-value": this.attribute(VALUE_TYPE + 2), "office:boolean-value": this.attribute(VALUE_TYPE + 3) } as Record<string, string>;
    if (selfClosing) this.pushCell(cellValue(attrs, [], this.file, this.sheet, this.cellAt), repeat);
    else this.cell = { attrs, repeat, keepsText: !attributeValued, paragraphs: [], text: "", textBound: 0, inParagraph: false, annotationDepth: 0, unread: false, attributeValued, chars: 0, nonBlank: false, paragraphNonBlank: false };
  }

  /** Where the cell being read is, for cellValue's errors (as ods.ts's reader gives it). */
  private readonly cellAt = (): OdsCellAt => ({ row: this.rows.length + this.pendingEmptyRows + 1, column: columnLetters(this.column()) });

  /** The column the next cell of the row starts at. */
  private column(): number {
    return (this.row?.length ?? 0) + this.pendingEmptyCells;
  }

  /** The value of a cell not read, as ods-cells.ts unreadCellValue gives it for the text path's attributes and paragraphs. */
  private unreadValue(cell: ByteCell): string {
    return unreadValueOfCounts(cell.attributeValued || cell.nonBlank, cell.paragraphs.length, cell.chars);
  }

  /** Whether `xml[from, to)` (text without entities) holds a character that is not white space for String.prototype.trim. */
  private hasNonBlank(from: number, to: number): boolean {
    const xml = this.xml;
    for (let k = from; k < to; k++) {
      const c = xml[k];
      if (c >= 0x80) return /\S/.test(decodeSlice(xml, from, to));
      if (!(c === 32 || (c >= 9 && c <= 13))) return true;
    }
    return false;
  }

  private closeToken(from: number, to: number): void {
    const xml = this.xml;
    let a = from;
    let b = to;
    while (a < b && (xml[a] === 32 || (xml[a] >= 9 && xml[a] <= 13))) a++;
    while (b > a && (xml[b - 1] === 32 || (xml[b - 1] >= 9 && xml[b - 1] <= 13))) b--;
    for (let k = from; k < to; k++) if (xml[k] >= 0x80) throw NOT_PLAIN; // trim() also strips Unicode spaces
    const tag = tagOf(xml, a, b);
    const cell = this.cell;
    if (cell !== null && cell.annotationDepth > 0) {
      if (tag === Tag.Annotation) cell.annotationDepth--;
      return;
    }
    switch (tag) {
      case Tag.Paragraph:
        if (cell !== null && cell.inParagraph) {
          cell.paragraphs.push(cell.text);
          cell.inParagraph = false;
          cell.text = "";
          cell.chars += cell.textBound; // not 0 exactly when the paragraph's text is not empty
          cell.nonBlank ||= cell.paragraphNonBlank;
        }
        break;
      case Tag.Cell:
      case Tag.CoveredCell:
        if (cell !== null) {
          // a row started, or a cell pushed, inside the cell may have moved it to a column read otherwise
          if (cell.unread === this.columns.reads(this.column(), cell.repeat)) throw NOT_PLAIN;
          this.pushCell(cell.unread ? this.unreadValue(cell) : cellValue(cell.attrs, cell.paragraphs, this.file, this.sheet, this.cellAt), cell.repeat);
          this.cell = null;
        }
        break;
      case Tag.Row:
        this.endRow();
        break;
      default:
        break;
    }
  }

  /**
   * parseXmlAttributes over `xml[from, to)`: the same syntax (not-plain where it throws), where each used
   * value lies recorded (for {@link attribute}), every value's entities checked.
   */
  private readAttributes(from: number, to: number): void {
    const xml = this.xml;
    const values = this.values;
    values.fill(undefined);
    this.valueFrom.fill(-1);
    const spans = this.nameSpans;
    spans.length = 0;
    let i = from;
    while (i < to) {
      while (i < to && isXmlSpace(xml[i])) i++;
      if (i >= to) break;
      const nameStart = i;
      while (i < to) {
        const c = xml[i];
        if (isXmlSpace(c) || c === 61 || c === 34 || c === 39 || c === 47) break;
        if (c >= 0x80) throw NOT_PLAIN;
        i++;
      }
      if (i === nameStart) throw NOT_PLAIN;
      const nameEnd = i;
      while (i < to && isXmlSpace(xml[i])) i++;
      if (xml[i] !== 61 || i >= to) throw NOT_PLAIN;
      i++;
      while (i < to && isXmlSpace(xml[i])) i++;
      const quote = xml[i];
      if (i >= to || (quote !== 34 && quote !== 39)) throw NOT_PLAIN;
      const close = xml.indexOf(quote, i + 1);
      if (close < 0 || close >= to) throw NOT_PLAIN;
      if (spans.length >= 2 * MAX_PLAIN_ATTRIBUTES) throw NOT_PLAIN;
      for (let s = 0; s < spans.length; s += 2) if (sameBytes(xml, spans[s], spans[s + 1], nameStart, nameEnd)) throw NOT_PLAIN;
      spans.push(nameStart, nameEnd);
      const used = attributeOf(xml, nameStart, nameEnd);
      const hasEntity = hasAmpersand(xml, i + 1, close);
      if (used >= 0 && !hasEntity) {
        this.valueFrom[used] = i + 1;
        this.valueTo[used] = close;
      } else if (used >= 0) values[used] = decodeXmlText(this.textOf(i + 1, close), this.file);
      else if (hasEntity) decodeXmlText(this.textOf(i + 1, close), this.file);
      i = close + 1;
    }
  }

  /** The value of ATTRIBUTE_NAMES[k] in the tag whose attributes were read last (undefined when absent). */
  private attribute(k: number): string | undefined {
    const from = this.valueFrom[k];
    if (from < 0) return this.values[k];
    const to = this.valueTo[k];
    return k === VALUE_TYPE ? (valueTypeAt(this.xml, from, to) ?? this.textOf(from, to)) : this.textOf(from, to);
  }

  /** The text of `xml[from, to)` with its entities decoded (a DataError there: not plain). */
  private decodedText(from: number, to: number): string {
    return decodeXmlText(this.textOf(from, to), this.file);
  }

  /** The UTF-8 text of `xml[from, to)` (ASCII copied as is). */
  private textOf(from: number, to: number): string {
    const xml = this.xml;
    for (let k = from; k < to; k++) if (xml[k] >= 0x80) return decodeSlice(xml, from, to);
    return xml.toString("latin1", from, to);
  }

  private appendText(cell: ByteCell, text: string): void {
    if (cell.text.length + text.length > MAX_CELL_CHARS) throw NOT_PLAIN;
    cell.text += text;
  }

  private boundText(cell: ByteCell, chars: number): void {
    cell.textBound += chars;
    if (cell.textBound > MAX_CELL_CHARS) throw NOT_PLAIN; // perhaps too long: the text path decides
  }

  private spend(cells: number): void {
    this.cells += cells;
    if (this.cells > MAX_SHEET_CELLS) throw NOT_PLAIN;
  }

  /** Whether the row's next cell, repeated `repeat` times, is in a column the read keeps (for the short route). */
  readsNextCell(repeat: number): boolean {
    return this.columns.reads(this.column(), repeat);
  }

  pushCell(value: string, repeat: number): void {
    const row = this.row;
    if (row === null) throw NOT_PLAIN;
    if (value === "") {
      this.pendingEmptyCells += repeat;
      return;
    }
    if (row.length + this.pendingEmptyCells + repeat > MAX_SHEET_COLUMNS) throw NOT_PLAIN;
    this.spend(this.pendingEmptyCells + repeat);
    for (; this.pendingEmptyCells > 0; this.pendingEmptyCells--) row.push("");
    for (let k = 0; k < repeat; k++) row.push(value);
  }

  private endRow(): void {
    const row = this.row;
    if (row === null) return;
    if (row.length === 0) {
      this.pendingEmptyRows += this.rowRepeat;
    } else {
      if (this.rows.length + this.pendingEmptyRows + this.rowRepeat > MAX_SHEET_ROWS) throw NOT_PLAIN;
      this.spend(this.pendingEmptyRows + (this.rowRepeat - 1) * row.length);
      for (; this.pendingEmptyRows > 0; this.pendingEmptyRows--) this.rows.push([]);
      for (let k = 0; k < this.rowRepeat; k++) this.rows.push(k === 0 ? row : row.slice());
      this.columns.rowRead(row);
    }
    this.row = null;
  }
}

/** The attributes of every cell not read (none is looked at). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** The value types of OpenDocument 1.2 §19.387 (office:value-type), as bytes: one string each, not one per cell. */
const VALUE_TYPES = ["float", "percentage", "currency", "date", "time", "boolean", "string", "void"].map((t) => [t, Buffer.from(t, "latin1")] as const);

/** The value type whose bytes are `xml[from, to)`, or undefined for any other text. */
function valueTypeAt(xml: Uint8Array, from: number, to: number): string | undefined {
  for (let k = 0; k < VALUE_TYPES.length; k++) if (matches(xml, from, to, VALUE_TYPES[k][1])) return VALUE_TYPES[k][0];
  return undefined;
}

function tagOf(xml: Uint8Array, from: number, to: number): Tag {
  for (let k = 0; k < TAG_BYTES.length; k++) if (matches(xml, from, to, TAG_BYTES[k][0])) return TAG_BYTES[k][1];
  return Tag.Other;
}

function attributeOf(xml: Uint8Array, from: number, to: number): number {
  for (let k = 0; k < ATTRIBUTE_BYTES.length; k++) if (matches(xml, from, to, ATTRIBUTE_BYTES[k])) return k;
  return -1;
}
