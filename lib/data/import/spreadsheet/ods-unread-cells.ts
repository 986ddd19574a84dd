/**
 * The short route of the byte row reader (./ods-rows-bytes.ts) for the common cells of columns a read does not
 * keep: each `<table:table-cell`, attributes of ASCII names and values without entities, then `/>`, or `>`,
 * paragraphs `<text:p>…</text:p>` of text without markup or entities, and `</table:table-cell>`, read in one pass
 * over its bytes. Each is pushed as the reader's general path (openCell, textToken, closeToken) would push it:
 * the same repeat, the same value (ods-cells.ts unreadCellValue), the same checks (each attribute once, the
 * repeat count, the paragraph's length), none of the strings, attribute records or cell objects it makes. The
 * first cell of another shape, in a column read, or whose own checks fail is left (with nothing done) to the
 * general path, which reads it or gives up where it would.
 *
 * RO3's data sheet has 211,000 cells, 98 % of them of this shape in columns not read: its whole read took
 * ≈ 180 ms warm and ≈ 230 ms in a fresh process through the general path, and takes ≈ 50 and ≈ 110 ms.
 */
import { asciiDigitsValue } from "../../ascii-digits";
import { matches, sameBytes } from "./ods-bytes";
import { isXmlSpace } from "./xml-tokens";
import { ATTRIBUTE_VALUED, MAX_CELL_CHARS, MAX_SHEET_COLUMNS, UNREAD_CELL } from "./ods-cells";

/** What the route needs of the reader whose row it adds to. */
export interface UnreadCellRow {
  /** Whether the row's next cell, repeated `repeat` times, lies in a column the read keeps. */
  readsNextCell(repeat: number): boolean;
  /** Add a cell's value `repeat` times (throwing, as the general path does, when a limit is passed). */
  pushCell(value: string, repeat: number): void;
}

/** Runs of cells read by {@link UnreadCellRoute.cellsEnd} in this thread ({@link unreadCellRunsReadShort}). */
let runsRead = 0;

/**
 * How many runs of cells of columns not read the short route has read in this thread: it gives the same rows as
 * the general path, so only this count tells a test that it is taken at all (a change that turned it off would
 * only make reading RO3 2–3 times slower).
 * @example
 * const before = unreadCellRunsReadShort(); readOdsSheets(bytes, file, [sheet], columns); unreadCellRunsReadShort() > before // true for RO3
 */
export function unreadCellRunsReadShort(): number {
  return runsRead;
}

/**
 * The value of a cell whose column is not read, from what a byte reader counted (ods-cells.ts unreadCellValue
 * gives it from the text path's attributes and paragraphs): UNREAD_CELL when it has a value (an attribute, or a
 * character that is not blank), else "" when it is empty (no paragraph, or one empty one) and " " when it is
 * blank (paragraphs joined by "\n" are blank but not empty). The route and the general path both use it.
 * @example
 * unreadValueOfCounts(false, 2, 0) // " "
 */
export function unreadValueOfCounts(valued: boolean, paragraphs: number, chars: number): string {
  if (valued) return UNREAD_CELL;
  return paragraphs === 0 || (paragraphs === 1 && chars === 0) ? "" : " ";
}

/** Most attributes not in KNOWN_ATTRIBUTES of a cell the route reads (RO3's have none or one): a cell with more goes to the general path. */
const MAX_FAST_ATTRIBUTES = 8;

/**
 * The route over one content.xml: {@link cellsEnd} reads a run of cells; the cell being read is held in fields
 * (no object per cell).
 */
export class UnreadCellRoute {
  /** `xml`, to be read 4 bytes at a time (Word.at). */
  private readonly view: DataView;
  /** Start and end of each attribute name not in KNOWN_ATTRIBUTES of the cell being read (to find a repeated one). */
  private readonly nameSpans = new Int32Array(2 * MAX_FAST_ATTRIBUTES);
  /** The cell being read: its repeat, whether its value is an attribute, and of its paragraphs how many, their characters and whether one is not blank. */
  private repeat = 1;
  private attributeValued = false;
  private paragraphs = 0;
  private chars = 0;
  private nonBlank = false;

  constructor(private readonly xml: Uint8Array) {
    this.view = new DataView(xml.buffer, xml.byteOffset, xml.byteLength);
  }

  /**
   * Read the cells from the `<` at `lt` on, before `end`, into `row`: the index after the last cell pushed, or -1
   * when none was (the cell at `lt` is then the general path's).
   * @example
   * const after = route.cellsEnd(reader, lt, end); if (after >= 0) i = after; // else the general path reads the tag at lt
   */
  cellsEnd(row: UnreadCellRow, lt: number, end: number): number {
    const xml = this.xml;
    let pushed = -1;
    let i = lt;
    while (CELL_START.at(this.view, i, end)) {
      const tagEnd = this.startTagEnd(i + CELL_START.length, end);
      if (tagEnd < 0 || row.readsNextCell(this.repeat)) break;
      if (xml[tagEnd] === 47 /* / */) {
        if (tagEnd + 1 >= end || xml[tagEnd + 1] !== 62) break;
        row.pushCell(this.attributeValued ? UNREAD_CELL : "", this.repeat);
        i = tagEnd + 2;
      } else {
        const bodyEnd = this.bodyEnd(tagEnd + 1, end);
        if (bodyEnd < 0) break;
        row.pushCell(unreadValueOfCounts(this.attributeValued || this.nonBlank, this.paragraphs, this.chars), this.repeat);
        i = bodyEnd + CELL_END.length;
      }
      pushed = i;
    }
    if (pushed >= 0) runsRead++;
    return pushed;
  }

  /**
   * The start tag's attributes from `i` (just after `<table:table-cell`): the index of the `>` or `/` that ends
   * them, with `repeat` and `attributeValued` set; -1 for any other shape (a longer tag name, a repeated or
   * malformed attribute, an entity, a repeat the general path must judge).
   */
  private startTagEnd(i: number, end: number): number {
    const xml = this.xml;
    const view = this.view;
    const spans = this.nameSpans;
    let names = 0;
    let known = 0; // bit k: KNOWN_ATTRIBUTES[k] seen (the other names are compared by their spans)
    this.repeat = 1;
    this.attributeValued = false;
    for (;;) {
      if (i >= end) return -1;
      if (xml[i] === 62 /* > */ || xml[i] === 47 /* / */) return i;
      if (!isXmlSpace(xml[i])) return -1; // a longer tag name, or attributes not separated by white space
      while (i < end && isXmlSpace(xml[i])) i++;
      if (i >= end) return -1;
      if (xml[i] === 62 || xml[i] === 47) return i;
      let attribute = -1;
      for (let k = 0; k < KNOWN_ATTRIBUTES.length; k++) {
        if (KNOWN_ATTRIBUTES[k].at(view, i, end)) {
          attribute = k;
          break;
        }
      }
      if (attribute >= 0) {
        if ((known & (1 << attribute)) !== 0) return -1;
        known |= 1 << attribute;
        i += KNOWN_ATTRIBUTES[attribute].length;
      } else {
        const nameStart = i;
        while (i < end && NAME_BYTE[xml[i]] === 1) i++;
        const nameEnd = i;
        if (nameEnd === nameStart || i >= end || xml[i] !== 61 /* = */) return -1;
        if (names === MAX_FAST_ATTRIBUTES) return -1;
        for (let k = 0; k < 2 * names; k += 2) if (sameBytes(xml, spans[k], spans[k + 1], nameStart, nameEnd)) return -1;
        spans[2 * names] = nameStart;
        spans[2 * names + 1] = nameEnd;
        names++;
        i++;
      }
      const quote = xml[i];
      if (i >= end || (quote !== 34 && quote !== 39)) return -1;
      const valueStart = ++i;
      while (i < end && xml[i] !== quote) {
        if (xml[i] === 38 /* & */) return -1; // an entity to check: the general path decodes it
        i++;
      }
      if (i >= end) return -1;
      if (attribute === KNOWN_VALUE_TYPE) this.attributeValued = isAttributeValuedType(xml, valueStart, i);
      else if (attribute === KNOWN_COLUMNS_REPEATED) {
        this.repeat = repeatAt(xml, valueStart, i, MAX_SHEET_COLUMNS);
        if (this.repeat < 0) return -1;
      }
      i++;
    }
  }

  /**
   * The cell's paragraphs from `i` (just after its start tag's `>`): the index of its `</table:table-cell>`, with
   * `paragraphs`, `chars` and `nonBlank` set; -1 for any other shape (markup, an entity, a character that may be
   * a Unicode space, a paragraph over MAX_CELL_CHARS).
   */
  private bodyEnd(i: number, end: number): number {
    const xml = this.xml;
    const view = this.view;
    this.paragraphs = 0;
    this.chars = 0;
    this.nonBlank = false;
    while (!CELL_END.at(view, i, end)) {
      if (!PARAGRAPH_START.at(view, i, end)) return -1;
      i += PARAGRAPH_START.length;
      const textStart = i;
      // whether the text is blank matters only for a text cell that has no non-blank character yet
      let blankSoFar = !this.attributeValued && !this.nonBlank;
      for (; i < end; i++) {
        const c = xml[i];
        if (c === 60 /* < */) break;
        if (c === 38 /* & */) return -1;
        if (blankSoFar && !(c === 32 || (c >= 9 && c <= 13))) {
          if (c >= 0x80) return -1; // perhaps a Unicode space: the general path decodes it
          this.nonBlank = true;
          blankSoFar = false;
        }
      }
      if (i - textStart > MAX_CELL_CHARS || !PARAGRAPH_END.at(view, i, end)) return -1;
      this.chars += i - textStart;
      this.paragraphs++;
      i += PARAGRAPH_END.length;
    }
    return i;
  }
}

/**
 * An ASCII word of at least 4 bytes found at a given place by comparing 4 bytes at a time (the last 4
 * overlapping the others): the byte-by-byte comparison was half of the route's time, as RO3's cells are mostly
 * these words (53 of a cell's ≈ 120 bytes, and the attribute names).
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
 * The attribute names of nearly every cell, each with its `=`: the route matches them in one comparison (a name
 * and its `=`, as the general path reads them when no white space comes between).
 */
const KNOWN_ATTRIBUTES = ["office:value-type=", "office:value=", "table:style-name=", "table:number-columns-repeated=", "calcext:value-type="].map((n) => new Word(n));
const KNOWN_VALUE_TYPE = 0;
const KNOWN_COLUMNS_REPEATED = 3;

/**
 * 1 for the bytes an attribute name may hold in the route: ASCII, not white space or a control character, and
 * none of the bytes that end a name or a tag (= " ' / < >) in the general path.
 */
const NAME_BYTE = new Uint8Array(256);
for (let c = 33; c < 127; c++) if (!'="\'/<>'.includes(String.fromCharCode(c))) NAME_BYTE[c] = 1;

/** ATTRIBUTE_VALUED's value types, as bytes. */
const ATTRIBUTE_VALUED_BYTES = [...ATTRIBUTE_VALUED].map((t) => Buffer.from(t, "latin1"));

/** Whether `xml[from, to)` is a value type whose cell's value is an attribute (ATTRIBUTE_VALUED). */
function isAttributeValuedType(xml: Uint8Array, from: number, to: number): boolean {
  // an indexed loop (as in ods-rows-bytes.ts tagOf and valueTypeAt): a for-of loop makes iterator objects until the code is optimised (24 ms of RO3's first read)
  for (let k = 0; k < ATTRIBUTE_VALUED_BYTES.length; k++) if (matches(xml, from, to, ATTRIBUTE_VALUED_BYTES[k])) return true;
  return false;
}

/**
 * The repeat count `xml[from, to)` when it is decimal digits only giving 1 to `max` (then parseRepeat gives the
 * same number), or -1 for anything else (which the general path reads, or rejects, by parseRepeat).
 */
function repeatAt(xml: Uint8Array, from: number, to: number, max: number): number {
  if (from === to) return -1;
  const n = asciiDigitsValue(xml, from, to);
  return n >= 1 && n <= max ? n : -1;
}
