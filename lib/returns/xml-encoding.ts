/**
 * The encoding rules of the streamed CIN census reader (xml-stream.ts): the input must be UTF-8 (XML 1.0 §4.3.3: the
 * encoding of a document without a declaration), the one encoding decoded. A declaration of any other encoding, a
 * UTF-16 document and a byte that is not UTF-8 are errors, never text decoded with U+FFFD in place of the byte: a
 * Latin-1 census whose ids N000000é and N000000è both became "N000000\uFFFD" was read as one child fewer, without a
 * word. (No statement of an encoding was found in the DfE CIN census business and technical specification, whose
 * §6.3 gives the XML schema.)
 *
 * One exception: a census whose declaration at its start names an encoding that extends ASCII (US-ASCII, ISO-8859-n,
 * Windows-125n; {@link asciiCompatibleEncoding}) is read while every byte of it is ASCII, for those bytes are the same
 * characters in UTF-8; its first byte ≥ 0x80 is an error naming the declared encoding. A census of codes, dates and
 * ASCII ids exported with `encoding="ISO-8859-1"` was refused whole.
 *
 * Each chunk is checked whole, by isUtf8 (simdutf), before it is scanned, which covers names, attribute values,
 * comments and instructions as well as text (checking only the texts that are not ASCII would skip the markup):
 * measured on the synthetic national year's 30 census files (263 MB, read in 1 MiB chunks, medians of 11), 8 ms CPU
 * more than reading them alone, against ≈ 520 ms for the scan.
 */
import { isAscii } from "node:buffer";
import { invalidUtf8Offset } from "../data/csv";

/** What a document that is not UTF-8 should be instead. */
export const UTF8_EXPECTED = "UTF-8 text (the one encoding read: re-save or export the census as UTF-8)";
/**
 * What a census declared in an encoding that extends ASCII should hold instead of a byte ≥ 0x80.
 * @example
 * asciiExpected("ISO-8859-1") // "ASCII only in a census declared ISO-8859-1 (…)"
 */
export function asciiExpected(encoding: string): string {
  return `ASCII only in a census declared ${encoding} (its ASCII bytes are read as the same UTF-8; other characters are not decoded: re-save or export the census as UTF-8)`;
}
/** Encodings whose first 128 code points are ASCII, one byte each: their ASCII-only documents are UTF-8 byte for byte. */
const ASCII_COMPATIBLE = /^(?:us-?ascii|ascii|iso[-_]?646(?:-us)?|iso[-_]?8859[-_](?:[1-9]|1[0-6])|latin-?[1-9]|l[1-9]|windows-125[0-8]|cp-?125[0-8])$/i;
/** What a UTF-16 document should be instead. */
export const NOT_UTF16_EXPECTED = "UTF-8 text, not UTF-16 (the one encoding read: re-save or export the census as UTF-8)";
const LT = 60;
/** The encoding named by an XML declaration (XML 1.0 §4.3.3 EncodingDecl), in double or single quotes. */
const DECLARED_ENCODING = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * The index of the first byte of buf[from…] that is not UTF-8, or −1. A character cut short by the end of the
 * buffer is not counted: a scan leaves its bytes for the next, with the rest of the character.
 * @example
 * firstInvalidUtf8From(Buffer.from([0x3c, 0xe9, 0x3e]), 0) // 1
 * firstInvalidUtf8From(Buffer.from([0x3c, 0xc3]), 0) // −1 (0xc3 waits for its second byte)
 */
export function firstInvalidUtf8From(buf: Buffer, from: number): number {
  let end = buf.length;
  for (let k = end - 1; k >= from && k >= end - 3; k--) {
    const b = buf[k];
    if (b < 0x80) break;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (end - k < length) end = k;
      break;
    }
  }
  return invalidUtf8Offset(buf, from, end);
}

/**
 * True when a declared encoding extends ASCII (one byte per character, the first 128 those of ASCII): a document of
 * ASCII bytes reads the same in it as in UTF-8.
 * @example
 * asciiCompatibleEncoding("ISO-8859-1") // true
 * asciiCompatibleEncoding("UTF-16") // false
 */
export function asciiCompatibleEncoding(encoding: string): boolean {
  return ASCII_COMPATIBLE.test(encoding);
}

/**
 * The index of the first byte of buf[from…] that is not ASCII (≥ 0x80), or −1 (isAscii, simdutf, on the whole range
 * first: a census is checked chunk by chunk).
 * @example
 * firstNonAsciiFrom(Buffer.from([0x3c, 0xe9, 0x3e]), 0) // 1
 */
export function firstNonAsciiFrom(buf: Buffer, from: number): number {
  if (isAscii(buf.subarray(from))) return -1;
  for (let k = from; k < buf.length; k++) if (buf[k] >= 0x80) return k;
  return -1;
}

/**
 * How the first two bytes of a document show it is UTF-16 (its byte-order mark, or a '<' beside a zero byte: UTF-16
 * without a mark), or null.
 * @example
 * utf16Start(0xff, 0xfe) // "byte-order mark FF FE"
 */
export function utf16Start(first: number, second: number): string | null {
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) return `byte-order mark ${hexByte(first)} ${hexByte(second)}`;
  if ((first === LT && second === 0) || (first === 0 && second === LT)) return `bytes ${hexByte(first)} ${hexByte(second)}`;
  return null;
}

/**
 * The encoding an XML declaration buf[from, to) names when it is not UTF-8 (any case; "UTF8" too, as libxml2 reads
 * it), else null. Another encoding is not read as UTF-8: its bytes ≥ 0x80 would be errors at best, other characters
 * at worst (one that extends ASCII is read while the document is ASCII: see the module comment).
 * @example
 * nonUtf8Encoding(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>'), 0, 42) // "ISO-8859-1"
 */
export function nonUtf8Encoding(buf: Buffer, from: number, to: number): string | null {
  const declared = DECLARED_ENCODING.exec(buf.toString("latin1", from, to));
  const encoding = declared === null ? null : (declared[1] ?? declared[2]);
  return encoding === null || /^utf-?8$/i.test(encoding) ? null : encoding;
}

/** A byte as two upper-case hexadecimal digits. */
function hexByte(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, "0");
}
