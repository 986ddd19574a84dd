/**
 * A streaming XML tokenizer for large files (a CIN census for a big LA is hundreds of MB): the file is read
 * in chunks and only the unfinished tail of a chunk is kept between reads, so memory stays bounded by the
 * chunk size and the largest single token, never the file.
 *
 * It works on the UTF-8 bytes: tags are found with byte comparisons, element names are interned (the same
 * string for every `<CINreferralDate>`, made once from its bytes), and a string is made only for each text
 * node. Like lib/data/import/spreadsheet/xml-tokens.ts (whose entity decoding it reuses) it is confined:
 * start, end and self-closing tags, text, comments, CDATA and processing instructions; no DTDs or external
 * entities (a `<!DOCTYPE` is an error). Attributes are not parsed (the CIN census uses none that matter).
 * Malformed input is a DataError naming the file, the byte offset and (when reading a file) the line.
 */
import { isAscii } from "node:buffer";
import * as fs from "node:fs";
import { DataError } from "../errors";
import { decodeXmlText } from "../data/import/spreadsheet/xml-tokens";

/** Longest entity or character reference kept back at a chunk end ("&#x10FFFF;" is 10 characters). */
const MAX_ENTITY_CHARS = 12;
/** Bytes read per chunk (1 MiB). */
export const XML_CHUNK_BYTES = 1 << 20;
/** Text without a following tag is kept back up to this many bytes, then passed on in pieces (bounded memory). */
const MAX_HELD_TEXT_BYTES = 1 << 16;
/** Distinct element names remembered (a hostile file with millions of names cannot grow the table further). */
const MAX_INTERNED_NAMES = 4096;
/** Slots of the interned-name hash table (a power of two). */
const NAME_TABLE_SLOTS = 1024;
/** FNV-1a 32-bit offset basis and prime (Fowler–Noll–Vo hash), for the name table. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Longest text scanned by the `<name>text</name>` fast path before the general path takes over. */
const SIMPLE_TEXT_SCAN_BYTES = 256;
const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const AMP = 38;
const SEMICOLON = 59;
const NEWLINE = 10;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const EMPTY = Buffer.alloc(0);

/** What a streaming consumer receives. Text is entity-decoded and may arrive in several pieces. */
export interface XmlStreamHandler {
  open(name: string): void;
  close(name: string): void;
  text(text: string): void;
  /** Element names the handler compares with: reported as these very strings (interned constants compare fastest). */
  readonly names?: readonly string[];
}

/** An element name: its bytes and the one string reported for them. */
interface InternedName {
  bytes: Buffer;
  name: string;
}

/**
 * Feed chunks of UTF-8 bytes; complete tokens go to the handler, an unfinished tail waits for the next chunk.
 * @example
 * const t = new XmlByteTokenizer("x.xml", handler);
 * t.push(Buffer.from("<a><b>1</")); t.push(Buffer.from("b></a>")); t.finish();
 */
export class XmlByteTokenizer {
  private tail: Buffer = EMPTY;
  /** Bytes of the input before the current buffer. */
  private consumed = 0;
  private readonly stack: InternedName[] = [];
  private readonly table: (InternedName[] | undefined)[] = new Array(NAME_TABLE_SLOTS);
  private interned = 0;
  private readonly known: Map<string, string>;
  /** The current buffer is ASCII: text is copied as latin1 (the same characters, without UTF-8 decoding). */
  private ascii = true;
  private started = false;

  /** @param locate says where a byte offset is, for messages (streamXmlFile adds the line) */
  constructor(
    private readonly file: string,
    private readonly handler: XmlStreamHandler,
    private readonly locate: (byteOffset: number) => string = (offset) => `at byte ${offset}`,
  ) {
    this.known = new Map((handler.names ?? []).map((n) => [n, n]));
  }

  /** Tokenize what can be tokenized of the kept tail plus `chunk` (which may be reused by the caller afterwards). */
  push(chunk: Uint8Array): void {
    const buf = this.tail.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([this.tail, chunk]);
    const kept = this.scan(buf);
    this.tail = kept >= buf.length ? EMPTY : Buffer.from(buf.subarray(kept));
  }

  /**
   * Tokenize what can be tokenized of `buf`, which continues the input where the last scan stopped (the caller
   * keeps the unfinished rest and puts it in front of the next bytes: streamXmlFile does so in place).
   * @returns the index from which bytes must be kept for the next scan
   */
  scan(buf: Buffer): number {
    let i = this.started ? 0 : this.skipBom(buf);
    if (i < 0) return 0;
    this.ascii = isAscii(buf);
    const n = buf.length;
    while (i < n) {
      if (buf[i] !== LT) {
        const lt = buf.indexOf(LT, i);
        if (lt < 0) {
          i = this.trailingText(buf, i);
          break;
        }
        this.emitText(buf, i, lt);
        i = lt;
      }
      if (i + 1 >= n) break;
      const next = buf[i + 1];
      const after = next === SLASH ? this.closeTag(buf, i) : next === BANG || next === QUESTION ? this.skipDeclaration(buf, i, next) : this.openTag(buf, i);
      if (after < 0) break; // unfinished: wait for the next chunk
      i = after;
    }
    this.consumed += i;
    return i;
  }

  /** End of input (`rest`: what the last scan kept, when the caller keeps it): everything must be closed. */
  finish(rest?: Buffer): void {
    if (rest !== undefined) this.tail = rest;
    if (this.tail.length > 0 && this.tail.indexOf(LT) < 0 && this.started) {
      const held = this.tail;
      this.tail = EMPTY;
      this.ascii = isAscii(held);
      this.emitText(held, 0, held.length);
    }
    if (this.tail.length > 0 && this.tail.toString("utf8").trim() !== "") {
      throw new DataError({ file: this.file, value: this.tail.toString("utf8").trim().slice(0, 30), expected: "a complete XML document (the file ends inside a tag)" });
    }
    if (this.stack.length > 0) throw new DataError({ file: this.file, value: `<${this.stack[this.stack.length - 1].name}>`, expected: "its closing tag before the end of the file" });
  }

  /** Index after a UTF-8 byte-order mark at the start (0 without one), or −1 while the start is too short to tell. */
  private skipBom(buf: Buffer): number {
    for (let k = 0; k < UTF8_BOM.length; k++) {
      if (k >= buf.length) return -1;
      if (buf[k] !== UTF8_BOM[k]) {
        this.started = true;
        return 0;
      }
    }
    this.started = true;
    return UTF8_BOM.length;
  }

  /** The text of buf[from, to) as a string. */
  private decode(buf: Buffer, from: number, to: number): string {
    return buf.toString(this.ascii ? "latin1" : "utf8", from, to);
  }

  /** The interned name of the bytes buf[from, to), whose FNV-1a hash is `h` ({@link nameHash}). */
  private intern(buf: Buffer, from: number, to: number, h: number): InternedName {
    const slot = h & (NAME_TABLE_SLOTS - 1);
    const bucket = this.table[slot];
    const length = to - from;
    if (bucket !== undefined) {
      for (const entry of bucket) if (entry.bytes.length === length && sameBytes(buf, from, entry.bytes)) return entry;
    }
    const text = buf.toString("utf8", from, to);
    const entry = { bytes: Buffer.from(buf.subarray(from, to)), name: this.known.get(text) ?? text };
    if (this.interned < MAX_INTERNED_NAMES) {
      this.interned++;
      if (bucket === undefined) this.table[slot] = [entry];
      else bucket.push(entry);
    }
    return entry;
  }

  /** A start or self-closing tag at i: the index after it, or −1 when unfinished. Attributes are skipped. */
  private openTag(buf: Buffer, i: number): number {
    const n = buf.length;
    let sp = i + 1;
    let h = FNV_OFFSET;
    for (let b = buf[sp]; sp < n && b > 32 && b !== GT; b = buf[++sp]) h = Math.imul(h ^ b, FNV_PRIME);
    if (sp >= n) return -1;
    const gt = buf[sp] === GT ? sp : buf.indexOf(GT, sp);
    if (gt < 0) return -1;
    const selfClosing = buf[gt - 1] === SLASH;
    const nameEnd = Math.min(sp, selfClosing ? gt - 1 : gt);
    if (nameEnd <= i + 1) throw this.error(buf.toString("utf8", i, Math.min(n, i + 30)), "a tag name after '<'", i);
    const name = this.intern(buf, i + 1, nameEnd, nameEnd === sp ? h : nameHash(buf, i + 1, nameEnd));
    if (!selfClosing) {
      const simple = this.simpleElementEnd(buf, gt, name);
      if (simple > 0) return simple;
    }
    this.handler.open(name.name);
    if (selfClosing) this.handler.close(name.name);
    else this.stack.push(name);
    return gt + 1;
  }

  /**
   * Fast path for `<name>text</name>` wholly in the buffer, with short text free of markup and references (most
   * elements of a census): open, text and close are reported at once. The index after it, or −1 to take the
   * general path (the same tokens, one at a time).
   */
  private simpleElementEnd(buf: Buffer, gt: number, name: InternedName): number {
    const limit = Math.min(buf.length, gt + 1 + SIMPLE_TEXT_SCAN_BYTES);
    let lt = gt + 1;
    while (lt < limit && buf[lt] !== LT) {
      if (buf[lt] === AMP) return -1;
      lt++;
    }
    const len = name.bytes.length;
    if (lt >= limit || buf[lt + 1] !== SLASH || buf[lt + 2 + len] !== GT || !sameBytes(buf, lt + 2, name.bytes)) return -1;
    this.handler.open(name.name);
    if (lt > gt + 1) this.handler.text(this.decode(buf, gt + 1, lt));
    this.handler.close(name.name);
    return lt + 3 + len;
  }

  /** `</name>` at i: checked against the open element and reported; the index after it, or −1 when unfinished. */
  private closeTag(buf: Buffer, i: number): number {
    const open = this.stack[this.stack.length - 1];
    let gt = -1;
    if (open !== undefined && buf[i + 2 + open.bytes.length] === GT && sameBytes(buf, i + 2, open.bytes)) gt = i + 2 + open.bytes.length;
    else {
      gt = buf.indexOf(GT, i + 1);
      if (gt < 0) return -1;
      const name = buf.toString("utf8", i + 2, gt).trim();
      if (open === undefined || open.name !== name) throw this.error(`</${name}>`, open === undefined ? "no closing tag" : `</${open.name}>`, i);
    }
    this.stack.pop();
    this.handler.close(open.name);
    return gt + 1;
  }

  /** A comment, CDATA section or processing instruction at i (DOCTYPE is refused): the index after it, or −1 when unfinished. */
  private skipDeclaration(buf: Buffer, i: number, next: number): number {
    if (next === QUESTION) {
      if (buf.indexOf(GT, i + 1) < 0) return -1;
      const close = buf.indexOf("?>", i + 2);
      return close < 0 ? -1 : close + 2;
    }
    if (startsWith(buf, i, "<!--")) {
      const close = buf.indexOf("-->", i + 4);
      return close < 0 ? -1 : close + 3;
    }
    if (startsWith(buf, i, "<![CDATA[")) {
      const close = buf.indexOf("]]>", i + 9);
      if (close < 0) return -1;
      this.handler.text(this.decode(buf, i + 9, close));
      return close + 3;
    }
    if (buf.length - i < 9) return -1; // could still become a comment or CDATA
    throw this.error(buf.toString("utf8", i, i + 20), "no DOCTYPE or DTD declarations", i);
  }

  /**
   * Text from `from` to the end of the buffer, with no tag after it yet: kept for the next chunk while short;
   * a long run is passed on except its last bytes (never cutting a UTF-8 character or a reference). The index
   * from which bytes are kept.
   */
  private trailingText(buf: Buffer, from: number): number {
    const n = buf.length;
    if (n - from <= MAX_HELD_TEXT_BYTES) return from;
    let cut = n - 4;
    while (cut > from && (buf[cut] & 0xc0) === 0x80) cut--; // a UTF-8 continuation byte: back to its character's start
    const amp = buf.lastIndexOf(AMP, cut - 1);
    if (amp >= from && amp > cut - MAX_ENTITY_CHARS) {
      const semicolon = buf.indexOf(SEMICOLON, amp);
      if (semicolon < 0 || semicolon >= cut) cut = amp; // a reference not finished before the cut: kept whole
    }
    this.emitText(buf, from, cut);
    return cut;
  }

  /** Text buf[from, to) inside the root element, entity-decoded; outside it only white space is allowed. */
  private emitText(buf: Buffer, from: number, to: number): void {
    const raw = this.decode(buf, from, to);
    if (this.stack.length === 0) {
      if (raw.trim() !== "") throw new DataError({ file: this.file, value: raw.trim().slice(0, 30), expected: "markup, not text, outside the root element" });
      return;
    }
    this.handler.text(raw.indexOf("&") < 0 ? raw : decodeXmlText(raw, this.file));
  }

  private error(value: string, expected: string, at: number): DataError {
    return new DataError({ file: this.file, value, expected: `${expected} (${this.locate(this.consumed + at)})` });
  }
}

/** FNV-1a hash of buf[from, to) (the name table's hash). */
function nameHash(buf: Buffer, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let k = from; k < to; k++) h = Math.imul(h ^ buf[k], FNV_PRIME);
  return h;
}

/** buf[at…] starts with the bytes of `expected`. */
function sameBytes(buf: Buffer, at: number, expected: Buffer): boolean {
  if (at + expected.length > buf.length) return false;
  for (let k = 0; k < expected.length; k++) if (buf[at + k] !== expected[k]) return false;
  return true;
}

/** buf[at…] starts with the ASCII text `prefix`. */
function startsWith(buf: Buffer, at: number, prefix: string): boolean {
  if (at + prefix.length > buf.length) return false;
  for (let k = 0; k < prefix.length; k++) if (buf[at + k] !== prefix.charCodeAt(k)) return false;
  return true;
}

/**
 * Feed chunks of XML text (strings); the same tokens as {@link XmlByteTokenizer} on their UTF-8 bytes.
 * @example
 * const t = new XmlChunkTokenizer("x.xml", handler);
 * t.push("<a><b>1</"); t.push("b></a>"); t.finish();
 */
export class XmlChunkTokenizer {
  private readonly bytes: XmlByteTokenizer;
  /** A high surrogate ending the last chunk, kept until its pair arrives. */
  private highSurrogate = "";

  constructor(file: string, handler: XmlStreamHandler) {
    this.bytes = new XmlByteTokenizer(file, handler);
  }

  /** Tokenize what can be tokenized so far. */
  push(chunk: string): void {
    let text = this.highSurrogate + chunk;
    this.highSurrogate = "";
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.highSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    this.bytes.push(Buffer.from(text, "utf8"));
  }

  /** End of input: everything must be closed. */
  finish(): void {
    if (this.highSurrogate !== "") this.bytes.push(Buffer.from(this.highSurrogate, "utf8"));
    this.bytes.finish();
  }
}

/**
 * The line (1-based) of a byte offset in a file, counted by reading it again: only for error messages, so the
 * streaming pass never counts lines.
 */
function lineOfByte(file: string, offset: number): number {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(XML_CHUNK_BYTES);
    let line = 1;
    let position = 0;
    while (position < offset) {
      const got = fs.readSync(fd, buffer, 0, Math.min(XML_CHUNK_BYTES, offset - position), position);
      if (got === 0) break;
      for (let at = buffer.indexOf(NEWLINE, 0); at >= 0 && at < got; at = buffer.indexOf(NEWLINE, at + 1)) line++;
      position += got;
    }
    return line;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Stream an XML file through a handler, chunk by chunk (UTF-8; a BOM is skipped).
 * @throws DataError on malformed XML (naming the file, the line and the byte offset)
 * @example
 * streamXmlFile("cin.xml", { open: (n) => {}, close: (n) => {}, text: (t) => {} });
 */
export function streamXmlFile(file: string, handler: XmlStreamHandler, name = file, chunkBytes = XML_CHUNK_BYTES): void {
  const fd = fs.openSync(file, "r");
  try {
    const tokenizer = new XmlByteTokenizer(name, handler, (offset) => `at line ${lineOfByte(file, offset)}, byte ${offset}`);
    // the unfinished rest of a chunk is moved to the front of the buffer and the next chunk read in after it
    let buffer = Buffer.allocUnsafe(2 * chunkBytes);
    let held = 0;
    for (;;) {
      if (held + chunkBytes > buffer.length) buffer = Buffer.concat([buffer.subarray(0, held)], 2 * (held + chunkBytes));
      const got = fs.readSync(fd, buffer, held, chunkBytes, null);
      if (got === 0) break;
      const end = held + got;
      const kept = tokenizer.scan(buffer.subarray(0, end));
      buffer.copyWithin(0, kept, end);
      held = end - kept;
    }
    tokenizer.finish(Buffer.from(buffer.subarray(0, held)));
  } finally {
    fs.closeSync(fd);
  }
}
