/**
 * The top-level tables (sheets) of an ODS content.xml found in its UTF-8 bytes, so that only the sheets a
 * reader wants are decoded to text (the Ofsted 2023 workbook's content.xml is 40 MB, the sheet read 0.7 MB).
 *
 * Every delimiter looked for (`<table:table`, `>`, quotes, `<`) is ASCII, and in UTF-8 an ASCII byte is
 * never part of another character, so byte offsets find exactly the tags the same scan finds in the
 * decoded text; and decoding is cut only before or after an ASCII byte, where a UTF-8 decoder starts
 * afresh, so a decoded slice is the same text as that part of the whole decoded file.
 */
import { DataError } from "../../../errors";
import { invalidByteText, invalidUtf8Offset } from "../../csv";
import { parseXmlAttributes } from "./xml-tokens";
import { partPlace } from "./workbook-parts";

/** A top-level table: its name and the byte offsets of its body (between its start and end tags). */
export interface OdsTableBytes {
  name: string;
  bodyStart: number;
  bodyEnd: number;
}

const OPEN = Buffer.from("<table:table");
const NAME = Buffer.from("table:table");
/** Bytes decoded after a slice for error messages that quote past its end (30 characters take at most 120 bytes). */
export const ODS_CONTEXT_BYTES = 256;

const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** What a byte that is not UTF-8 in content.xml is reported against (ODF 1.2 part 3, §3.1: parts are UTF-8 XML). */
export const ODS_UTF8_EXPECTED = "UTF-8 text, as LibreOffice and Excel write it (save the spreadsheet again from either)";

/**
 * Text of `xml[start, end)` (UTF-8; a byte order mark kept, as it is inside a whole decoded file).
 * @example
 * decodeSlice(Buffer.from("<a>é</a>"), 3, 5) // "é"
 */
export function decodeSlice(xml: Uint8Array, start: number, end: number): string {
  return decoder.decode(xml.subarray(start, Math.min(end, xml.length)));
}

/**
 * The top-level `<table:table table:name="…">` elements, in order (a table without a name is skipped):
 * the scan of the decoded text (ods.ts before) done on bytes.
 * @throws DataError on a table start tag that is not terminated or a table that is not closed
 * @example
 * odsTablesInBytes(contentXmlBytes, "book.ods").map((t) => t.name) // ["Cover", "Data"]
 */
export function odsTablesInBytes(bytes: Uint8Array, file: string): OdsTableBytes[] {
  const scanner = new OdsTableScanner(file);
  scanner.scan(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, true);
  return scanner.tables;
}

/** Bytes from a `<` that the nested-table rule reads: `</table:table` (13) and a space of up to 3 bytes after it. */
const TAG_LOOKAHEAD = 16;
/** Bytes quoted from an unterminated start tag (40 characters take at most 160 bytes). */
const QUOTED_TAG_BYTES = 4 * 40;
/** {@link tagEndByte}'s answer when the bytes end before the tag does. */
const TAG_CUT = -2;

/**
 * The scan of {@link odsTablesInBytes} fed a part piece by piece, for a reader that inflates a large part
 * through a small window instead of whole (./ods-content.ts): the same tables with the same stream offsets and
 * the same errors, whatever the pieces. Each call scans as far as its bytes allow and says from which offset it
 * needs them again: a tag cut by the end of a piece is looked at again, whole, in the next one.
 */
export class OdsTableScanner {
  /** The top-level named tables found so far, offsets counted from the start of the part. */
  readonly tables: OdsTableBytes[] = [];
  /** Offset in the part of the next byte to scan. */
  private position = 0;
  /** Inside a top-level table: the depth of table nesting (0: between tables), and the table's name and body start. */
  private depth = 0;
  private name: string | undefined;
  private bodyStart = 0;

  constructor(private readonly file: string) {}

  /**
   * Scan the part's bytes `xml`, which start at offset `base` of the part (at or before the offset the last
   * call returned).
   * @param final - whether `xml` reaches the end of the part
   * @returns the offset from which the next call needs the part's bytes (the bytes before it are done with)
   * @throws DataError as {@link odsTablesInBytes} (a table not closed only once `final`)
   * @example
   * const keep = scanner.scan(window.subarray(0, length), base, false); // move window[keep - base, length) to the front
   */
  scan(xml: Buffer, base: number, final: boolean): number {
    const length = xml.length;
    let at = this.position - base;
    for (;;) {
      if (this.depth > 0) {
        const lt = this.tableEnd(xml, at, final);
        if (lt < 0) {
          if (final) throw new DataError({ file: this.file, sheet: this.name ?? "(unnamed table)", expected: "a closing </table:table> tag" });
          return this.stop(base, length);
        }
        if (this.depth > 0) return this.stop(base, lt);
        if (this.name !== undefined) this.tables.push({ name: this.name, bodyStart: this.bodyStart, bodyEnd: base + lt });
        at = lt;
        continue;
      }
      const lt = xml.indexOf(OPEN, at);
      if (lt < 0) return final ? this.stop(base, length) : this.stop(base, Math.max(at, length - OPEN.length + 1));
      if (!final && lt + OPEN.length >= length) return this.stop(base, lt);
      const after = xml[lt + OPEN.length];
      // <table:table-row>, <table:table-cell>, … share the prefix; only whitespace, '>' or '/' end the name
      if (!(after === 32 || after === 9 || after === 10 || after === 13 || after === 62 || after === 47)) {
        at = lt + OPEN.length;
        continue;
      }
      const gt = tagEndByte(xml, lt + OPEN.length);
      if (!final && (gt === TAG_CUT || (gt < 0 && lt + QUOTED_TAG_BYTES > length))) return this.stop(base, lt);
      if (gt < 0) throw new DataError({ file: this.file, ...partPlace("content.xml"), value: decodeSlice(xml, lt, lt + QUOTED_TAG_BYTES).slice(0, 40), expected: "a terminated <table:table> tag" });
      const selfClosing = xml[gt - 1] === 47;
      const tagEnd = selfClosing ? gt - 1 : gt;
      // checked before decodeSlice, which would write U+FFFD for such a byte (a sheet's name changed unseen)
      const notUtf8 = invalidUtf8Offset(xml, lt + OPEN.length, tagEnd);
      if (notUtf8 >= 0) throw new DataError({ file: this.file, ...partPlace("content.xml"), value: invalidByteText(xml[notUtf8], base + notUtf8), expected: ODS_UTF8_EXPECTED });
      const name = parseXmlAttributes(decodeSlice(xml, lt + OPEN.length, tagEnd), this.file)["table:name"];
      at = gt + 1;
      if (selfClosing) {
        if (name !== undefined) this.tables.push({ name, bodyStart: base + at, bodyEnd: base + at });
        continue;
      }
      this.depth = 1;
      this.name = name;
      this.bodyStart = base + at;
    }
  }

  private stop(base: number, at: number): number {
    this.position = base + at;
    return this.position;
  }

  /**
   * Offset of the `<` of the `</table:table` closing the table (depth 0), or of a `<` too near the end of the
   * bytes for the rule to be checked (depth > 0, not final); -1 if no `<` is left. Nested tables are counted:
   * the matches of the regular expression `<(\/?)table:table[\s>]` (JavaScript's `\s`, Unicode spaces included).
   */
  private tableEnd(xml: Buffer, from: number, final: boolean): number {
    const last = NAME.length - 1;
    const cut = xml.length - TAG_LOOKAHEAD;
    for (let lt = xml.indexOf(60, from); lt >= 0; lt = xml.indexOf(60, lt + 1)) {
      if (!final && lt > cut) return lt;
      const closing = xml[lt + 1] === 47;
      const at = closing ? lt + 2 : lt + 1;
      // cheap rejections first: most tags are <table:table-row>, <table:table-cell> and <text:p>
      if (xml[at] !== 116 || xml[at + 5] !== 58 || xml[at + last] !== 101 || xml[at + NAME.length] === 45) continue;
      if (!matchesAt(xml, at, NAME)) continue;
      const next = at + NAME.length;
      if (!(xml[next] === 62 || isJsSpaceAt(xml, next))) continue;
      this.depth += closing ? -1 : 1;
      if (this.depth === 0) return lt;
    }
    return -1;
  }
}

/**
 * Index of the `>` ending the tag whose name ends before `from`, skipping quoted values; -1 if a `<` comes
 * first, {@link TAG_CUT} (-2) if `end` (default: the end of `xml`) does: a tag that the bytes cut (the
 * streamed scan reads it again in a longer window) told from one a `<` ends.
 * @example
 * tagEndByte(Buffer.from('<a b=">">x'), 2) // 8
 * tagEndByte(Buffer.from('<a b=">'), 2) // -2
 */
export function tagEndByte(xml: Uint8Array, from: number, end = xml.length): number {
  let quote = 0;
  for (let j = from; j < end; j++) {
    const c = xml[j];
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return j;
    else if (c === 60) return -1;
  }
  return TAG_CUT;
}

/** Whether `xml` holds `word` at `at`. */
function matchesAt(xml: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at + word.length > xml.length) return false;
  for (let k = 0; k < word.length; k++) if (xml[at + k] !== word[k]) return false;
  return true;
}

/**
 * Whether the UTF-8 character at `i` is white space for a JavaScript regular expression's `\s`: ASCII tab,
 * line feed, vertical tab, form feed, carriage return, space; U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000, U+FEFF (ECMA-262 WhiteSpace and LineTerminator).
 */
function isJsSpaceAt(xml: Uint8Array, i: number): boolean {
  const b = xml[i];
  if (b === 32 || (b >= 9 && b <= 13)) return true;
  const b1 = xml[i + 1];
  const b2 = xml[i + 2];
  if (b === 0xc2) return b1 === 0xa0;
  if (b === 0xe1) return b1 === 0x9a && b2 === 0x80;
  if (b === 0xe2) return (b1 === 0x80 && ((b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf)) || (b1 === 0x81 && b2 === 0x9f);
  if (b === 0xe3) return b1 === 0x80 && b2 === 0x80;
  if (b === 0xef) return b1 === 0xbb && b2 === 0xbf;
  return false;
}
