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
 * common cells of the columns not read take a shorter route (ByteRowsReader.unreadCellsEnd) to the same values
 * and checks. Every delimiter looked for is ASCII, and a UTF-8 decoder starts afresh after an ASCII byte, so a
 * slice decoded between delimiters is the text that part of the decoded body holds (ods-tables.ts).
 */
import { DataError } from "../../../errors";
import { decodeXmlText } from "./xml-tokens";
import { decodeSlice, tagEndByte } from "./ods-tables";
import { ATTRIBUTE_VALUED, ColumnChoice, MAX_CELL_CHARS, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, UNREAD_CELL, cellValue, parseRepeat, type OdsColumnFilter } from "./ods-cells";

/** Runs of cells read by ByteRowsReader.unreadCellsEnd in this thread ({@link unreadCellRunsReadShort}). */
let unreadRunsReadShort = 0;

/**
 * How many runs of cells of columns not read the short route (ByteRowsReader.unreadCellsEnd) has read in this
 * thread: it gives the same rows as the general path, so only this count tells a test that it is taken at all
 * (a change that turned it off would only make reading RO3 2–3 times slower).
 * @example
 * const before = unreadCellRunsReadShort(); readOdsSheets(bytes, file, [sheet], columns); unreadCellRunsReadShort() > before // true for RO3
 */
export function unreadCellRunsReadShort(): number {
  return unreadRunsReadShort;
}

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
class ByteRowsReader {
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
  /** `xml`, to be read 4 bytes at a time (Word.at). */
  private readonly view: DataView;
  /** Start and end of each attribute name not in KNOWN_ATTRIBUTES of the cell {@link unreadCellsEnd} reads (to find a repeated one). */
  private readonly fastNameSpans = new Int32Array(2 * MAX_FAST_ATTRIBUTES);

  constructor(
    private readonly xml: Buffer,
    private readonly file: string,
    private readonly sheet: string,
    public cells: number,
    private readonly columns: ColumnChoice,
  ) {
    this.view = new DataView(xml.buffer, xml.byteOffset, xml.byteLength);
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
        const after = this.unreadCellsEnd(lt, end);
        if (after >= 0) {
          unreadRunsReadShort++;
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

  /**
   * The common cells of columns not read, in one pass over their bytes: each `<table:table-cell`, attributes of
   * ASCII names and values without entities, then `/>`, or `>`, paragraphs `<text:p>…</text:p>` of text
   * without markup or entities, and `</table:table-cell>`. Each is pushed as {@link openCell},
   * {@link textToken} and {@link closeToken} would push it: the same repeat, the same unreadCellValue, the same
   * checks (each attribute once, the repeat count, the paragraph's length), none of the strings, attribute
   * records or cell objects they make. Gives the index after the last cell pushed, or -1 when none was: the
   * first cell that has another shape, whose columns are read or whose own checks fail is left (with nothing
   * done) to the general path, which reads it or gives up where it would (a row's column or the sheet's cell
   * limit passed in pushCell gives up on the table, as the general path does). RO3's sheet has 211,000 cells,
   * 98 % of them of this shape in columns not read: the whole read took ≈ 180 ms warm and ≈ 230 ms in a fresh
   * process through the general path, and takes ≈ 50 and ≈ 110 ms.
   */
  private unreadCellsEnd(lt: number, end: number): number {
    const xml = this.xml;
    const view = this.view;
    const spans = this.fastNameSpans;
    let pushed = -1;
    let i = lt;
    while (CELL_START.at(view, i, end)) {
      let names = 0;
      let known = 0; // bit k: KNOWN_ATTRIBUTES[k] seen (the other names are compared by their spans)
      let repeat = 1;
      let attributeValued = false;
      i += CELL_START.length;
      for (;;) {
        if (i >= end) return pushed;
        if (xml[i] === 62 /* > */ || xml[i] === 47 /* / */) break;
        if (!isXmlSpace(xml[i])) return pushed; // a longer tag name, or attributes not separated by white space
        while (i < end && isXmlSpace(xml[i])) i++;
        if (i >= end) return pushed;
        if (xml[i] === 62 || xml[i] === 47) break;
        let attribute = -1;
        for (let k = 0; k < KNOWN_ATTRIBUTES.length; k++) {
          if (KNOWN_ATTRIBUTES[k].at(view, i, end)) {
            attribute = k;
            break;
          }
        }
        if (attribute >= 0) {
          if ((known & (1 << attribute)) !== 0) return pushed;
          known |= 1 << attribute;
          i += KNOWN_ATTRIBUTES[attribute].length;
        } else {
          const nameStart = i;
          while (i < end && NAME_BYTE[xml[i]] === 1) i++;
          const nameEnd = i;
          if (nameEnd === nameStart || i >= end || xml[i] !== 61 /* = */) return pushed;
          if (names === MAX_FAST_ATTRIBUTES) return pushed;
          for (let k = 0; k < 2 * names; k += 2) if (sameBytes(xml, spans[k], spans[k + 1], nameStart, nameEnd)) return pushed;
          spans[2 * names] = nameStart;
          spans[2 * names + 1] = nameEnd;
          names++;
          i++;
        }
        const quote = xml[i];
        if (i >= end || (quote !== 34 && quote !== 39)) return pushed;
        const valueStart = ++i;
        while (i < end && xml[i] !== quote) {
          if (xml[i] === 38 /* & */) return pushed; // an entity to check: the general path decodes it
          i++;
        }
        if (i >= end) return pushed;
        if (attribute === KNOWN_VALUE_TYPE) attributeValued = isAttributeValuedType(xml, valueStart, i);
        else if (attribute === KNOWN_COLUMNS_REPEATED) {
          repeat = repeatAt(xml, valueStart, i, MAX_SHEET_COLUMNS);
          if (repeat < 0) return pushed;
        }
        i++;
      }
      if (this.columns.reads(this.column(), repeat)) return pushed;
      if (xml[i] === 47) {
        if (i + 1 >= end || xml[i + 1] !== 62) return pushed;
        this.pushCell(attributeValued ? UNREAD_CELL : "", repeat);
        i += 2;
        pushed = i;
        continue;
      }
      i++;
      let paragraphs = 0;
      let chars = 0;
      let nonBlank = false;
      while (!CELL_END.at(view, i, end)) {
        if (!PARAGRAPH_START.at(view, i, end)) return pushed;
        i += PARAGRAPH_START.length;
        const textStart = i;
        // whether the text is blank matters only for a text cell that has no non-blank character yet
        let blankSoFar = !attributeValued && !nonBlank;
        for (; i < end; i++) {
          const c = xml[i];
          if (c === 60 /* < */) break;
          if (c === 38 /* & */) return pushed;
          if (blankSoFar && !(c === 32 || (c >= 9 && c <= 13))) {
            if (c >= 0x80) return pushed; // perhaps a Unicode space: the general path decodes it
            nonBlank = true;
            blankSoFar = false;
          }
        }
        if (i - textStart > MAX_CELL_CHARS || !PARAGRAPH_END.at(view, i, end)) return pushed;
        chars += i - textStart;
        paragraphs++;
        i += PARAGRAPH_END.length;
      }
      this.pushCell(unreadValueOfCounts(attributeValued || nonBlank, paragraphs, chars), repeat);
      i += CELL_END.length;
      pushed = i;
    }
    return pushed;
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
    if (selfClosing) this.pushCell(cellValue(attrs, [], this.file, this.sheet), repeat);
    else this.cell = { attrs, repeat, keepsText: !attributeValued, paragraphs: [], text: "", textBound: 0, inParagraph: false, annotationDepth: 0, unread: false, attributeValued, chars: 0, nonBlank: false, paragraphNonBlank: false };
  }

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
          this.pushCell(cell.unread ? this.unreadValue(cell) : cellValue(cell.attrs, cell.paragraphs, this.file, this.sheet), cell.repeat);
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

  private pushCell(value: string, repeat: number): void {
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

/**
 * The value of a cell whose column is not read, from what the byte reader counted (ods-cells.ts unreadCellValue
 * gives it from the text path's attributes and paragraphs): UNREAD_CELL when it has a value (an attribute, or a
 * character that is not blank), else "" when it is empty (no paragraph, or one empty one) and " " when it is
 * blank (paragraphs joined by "\n" are blank but not empty). Both routes of ByteRowsReader use it.
 * @example
 * unreadValueOfCounts(false, 2, 0) // " "
 */
function unreadValueOfCounts(valued: boolean, paragraphs: number, chars: number): string {
  if (valued) return UNREAD_CELL;
  return paragraphs === 0 || (paragraphs === 1 && chars === 0) ? "" : " ";
}

/** The attributes of every cell not read (none is looked at). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Most attributes not in KNOWN_ATTRIBUTES of a cell read by ByteRowsReader.unreadCellsEnd (RO3's have none or
 * one): a cell with more is read by the general path.
 */
const MAX_FAST_ATTRIBUTES = 8;

/**
 * An ASCII word of at least 4 bytes found at a given place by comparing 4 bytes at a time (the last 4
 * overlapping the others): the byte-by-byte comparison was half of ByteRowsReader.unreadCellsEnd's time, as
 * RO3's cells are mostly these words (53 of a cell's ≈ 120 bytes, and the attribute names).
 */
class Word {
  readonly length: number;
  /** Where each 4-byte part starts in the word, and its bytes as DataView.getInt32 reads them (little-endian). */
  private readonly offsets: Int32Array;
  private readonly parts: Int32Array;
  constructor(text: string) {
    const bytes = Buffer.from(text, "latin1");
    this.length = bytes.length;
    const offsets = Array.from({ length: Math.ceil(bytes.length / 4) }, (_, k) => Math.min(4 * k, bytes.length - 4));
    this.offsets = Int32Array.from(offsets);
    this.parts = Int32Array.from(offsets, (o) => bytes.readInt32LE(o));
  }

  /** Whether `view` holds the word at `at`, before `end`. */
  at(view: DataView, at: number, end: number): boolean {
    if (at + this.length > end) return false;
    for (let k = 0; k < this.offsets.length; k++) if (view.getInt32(at + this.offsets[k], true) !== this.parts[k]) return false;
    return true;
  }
}

const CELL_START = new Word("<table:table-cell");
const CELL_END = new Word("</table:table-cell>");
const PARAGRAPH_START = new Word("<text:p>");
const PARAGRAPH_END = new Word("</text:p>");

/**
 * The attribute names of nearly every cell, each with its `=`: ByteRowsReader.unreadCellsEnd matches them in
 * one comparison (a name and its `=`, as the general path reads them when no white space comes between).
 */
const KNOWN_ATTRIBUTES = ["office:value-type=", "office:value=", "table:style-name=", "table:number-columns-repeated=", "calcext:value-type="].map((n) => new Word(n));
const KNOWN_VALUE_TYPE = 0;
const KNOWN_COLUMNS_REPEATED = 3;

/**
 * 1 for the bytes an attribute name may hold in ByteRowsReader.unreadCellsEnd: ASCII, not white space or a
 * control character, and none of the bytes that end a name or a tag (= " ' / < >) in the general path.
 */
const NAME_BYTE = new Uint8Array(256);
for (let c = 33; c < 127; c++) if (!'="\'/<>'.includes(String.fromCharCode(c))) NAME_BYTE[c] = 1;

/** ATTRIBUTE_VALUED's value types, as bytes. */
const ATTRIBUTE_VALUED_BYTES = [...ATTRIBUTE_VALUED].map((t) => Buffer.from(t, "latin1"));

/** Whether `xml[from, to)` is a value type whose cell's value is an attribute (ATTRIBUTE_VALUED). */
function isAttributeValuedType(xml: Uint8Array, from: number, to: number): boolean {
  // indexed loops here and in tagOf and valueTypeAt: a for-of loop makes iterator objects until the code is optimised (24 ms of RO3's first read)
  for (let k = 0; k < ATTRIBUTE_VALUED_BYTES.length; k++) if (matches(xml, from, to, ATTRIBUTE_VALUED_BYTES[k])) return true;
  return false;
}

/**
 * The repeat count `xml[from, to)` when it is decimal digits only giving 1 to `max` (then parseRepeat gives the
 * same number), or -1 for anything else (which the general path reads, or rejects, by parseRepeat).
 */
function repeatAt(xml: Uint8Array, from: number, to: number, max: number): number {
  if (from === to) return -1;
  let n = 0;
  for (let k = from; k < to; k++) {
    const d = xml[k] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
    if (n > max) return -1;
  }
  return n === 0 ? -1 : n;
}

/** The value types of OpenDocument 1.2 §19.387 (office:value-type), as bytes: one string each, not one per cell. */
const VALUE_TYPES = ["float", "percentage", "currency", "date", "time", "boolean", "string", "void"].map((t) => [t, Buffer.from(t, "latin1")] as const);

/** The value type whose bytes are `xml[from, to)`, or undefined for any other text. */
function valueTypeAt(xml: Uint8Array, from: number, to: number): string | undefined {
  for (let k = 0; k < VALUE_TYPES.length; k++) if (matches(xml, from, to, VALUE_TYPES[k][1])) return VALUE_TYPES[k][0];
  return undefined;
}

/** XML white space (§2.3 S): space, tab, carriage return, line feed. */
function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Whether `xml[from, to)` holds an `&` (an entity or character reference to decode or reject). */
function hasAmpersand(xml: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (xml[k] === 38) return true;
  return false;
}

function sameBytes(xml: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) if (xml[a + k] !== xml[b + k]) return false;
  return true;
}

function tagOf(xml: Uint8Array, from: number, to: number): Tag {
  for (let k = 0; k < TAG_BYTES.length; k++) if (matches(xml, from, to, TAG_BYTES[k][0])) return TAG_BYTES[k][1];
  return Tag.Other;
}

function attributeOf(xml: Uint8Array, from: number, to: number): number {
  for (let k = 0; k < ATTRIBUTE_BYTES.length; k++) if (matches(xml, from, to, ATTRIBUTE_BYTES[k])) return k;
  return -1;
}

/** Whether `xml[from, to)` is exactly `word`. */
function matches(xml: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  if (to - from !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (xml[from + k] !== word[k]) return false;
  return true;
}
