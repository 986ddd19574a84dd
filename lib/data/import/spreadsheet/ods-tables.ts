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
import { parseXmlAttributes } from "./xml-tokens";

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
  const xml = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables: OdsTableBytes[] = [];
  let from = 0;
  for (;;) {
    const lt = xml.indexOf(OPEN, from);
    if (lt < 0) return tables;
    const after = xml[lt + OPEN.length];
    // <table:table-row>, <table:table-cell>, … share the prefix; only whitespace, '>' or '/' end the name
    if (!(after === 32 || after === 9 || after === 10 || after === 13 || after === 62 || after === 47)) {
      from = lt + OPEN.length;
      continue;
    }
    const gt = tagEndByte(xml, lt + OPEN.length);
    if (gt < 0) throw new DataError({ file, column: "content.xml", value: decodeSlice(xml, lt, lt + 4 * 40).slice(0, 40), expected: "a terminated <table:table> tag" });
    const selfClosing = xml[gt - 1] === 47;
    const attrs = parseXmlAttributes(decodeSlice(xml, lt + OPEN.length, selfClosing ? gt - 1 : gt), file);
    const name = attrs["table:name"];
    if (selfClosing) {
      if (name !== undefined) tables.push({ name, bodyStart: gt + 1, bodyEnd: gt + 1 });
      from = gt + 1;
      continue;
    }
    const bodyEnd = tableEndByte(xml, gt + 1, file, name ?? "(unnamed table)");
    if (name !== undefined) tables.push({ name, bodyStart: gt + 1, bodyEnd });
    from = bodyEnd;
  }
}

/**
 * Index of the `>` ending the tag whose name ends before `from`, skipping quoted values; -1 if none before `end`
 * (default: the end of `xml`) or a `<` comes first.
 * @example
 * tagEndByte(Buffer.from('<a b=">">x'), 2) // 8
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
  return -1;
}

/**
 * Offset of the `</table:table` closing the table whose body starts at `from`, nested tables counted: the
 * matches of the regular expression `<(\/?)table:table[\s>]` (JavaScript's `\s`, Unicode spaces included).
 */
function tableEndByte(xml: Buffer, from: number, file: string, name: string): number {
  let depth = 1;
  const last = NAME.length - 1;
  for (let lt = xml.indexOf(60, from); lt >= 0; lt = xml.indexOf(60, lt + 1)) {
    const closing = xml[lt + 1] === 47;
    const at = closing ? lt + 2 : lt + 1;
    // cheap rejections first: most tags are <table:table-row>, <table:table-cell> and <text:p>
    if (xml[at] !== 116 || xml[at + 5] !== 58 || xml[at + last] !== 101 || xml[at + NAME.length] === 45) continue;
    if (!matchesAt(xml, at, NAME)) continue;
    const next = at + NAME.length;
    if (!(xml[next] === 62 || isJsSpaceAt(xml, next))) continue;
    depth += closing ? -1 : 1;
    if (depth === 0) return lt;
  }
  throw new DataError({ file, column: name, expected: "a closing </table:table> tag" });
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
