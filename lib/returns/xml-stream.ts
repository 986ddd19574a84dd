/**
 * A streaming XML tokenizer for large files (a CIN census for a big LA is hundreds of MB): the file is read
 * in chunks (xml-file-stream.ts) and only the unfinished tail of a chunk is kept between reads, so memory stays bounded by the
 * chunk size and the largest single token, never the file.
 *
 * It works on the UTF-8 bytes: tags are found with byte comparisons, element names are interned (the same
 * string for every `<CINreferralDate>`, made once from its bytes; xml-names.ts) and recognised by comparing
 * their bytes with the name that followed the previous tag last time, and a string is made only for each text
 * node (cut from a string of a window of the buffer; xml-text.ts). Measured on the synthetic national year's
 * census files (263 MB, 7.3 million elements) with a handler that keeps each text: 1.45 s CPU with a hash of
 * every start tag and a Buffer.toString per text, 0.70 s now.
 *
 * Like lib/data/import/spreadsheet/xml-tokens.ts (whose entity decoding it reuses) it is confined: start, end
 * and self-closing tags, text, comments, CDATA and processing instructions; no DTDs or external entities (a
 * `<!DOCTYPE` is an error); one root element (a second, or an XML declaration after the first, is an error: two
 * census files joined into one); an element named by a namespace prefix and one of the handler's names is an error (the
 * handler would not see it). Attributes are skipped, not parsed (the CIN census uses none that matter), but as XML
 * 1.0 reads them: a start tag ends at the first '>' outside a quoted value (§2.3 allows '>' and "/>" in one), and a
 * '<' before that '>' is an error, even in a value (§3.1), so an unclosed quote is reported at the next tag instead
 * of swallowing the rest of the file.
 * Malformed input is a DataError naming the file, the byte offset and (when reading a file) the line.
 * The input must be UTF-8; another declared encoding, UTF-16 and bytes that are not UTF-8 are errors (xml-encoding.ts),
 * except that a document declared at its start in an encoding that extends ASCII is read while it is ASCII.
 */
import { byteValue, invalidUtf8Offset } from "../data/csv";
import { DataError } from "../errors";
import { asciiCompatibleEncoding, asciiExpected, firstInvalidUtf8From, firstNonAsciiFrom, NOT_UTF16_EXPECTED, nonUtf8Encoding, UTF8_EXPECTED, utf16Start } from "./xml-encoding";
import { decodeXmlText, dtdKeyword } from "../data/import/spreadsheet/xml-tokens";
import { FNV_OFFSET, FNV_PRIME, nameAt, nameHash, XmlName, XmlNameTable } from "./xml-names";
import { XmlTextDecoder } from "./xml-text";

/** Longest entity or character reference kept back at a chunk end ("&#x10FFFF;" is 10 characters). */
const MAX_ENTITY_CHARS = 12;
/** Text without a following tag is kept back up to this many bytes, then passed on in pieces (bounded memory). */
const MAX_HELD_TEXT_BYTES = 1 << 16;
/** Longest text scanned by the `<name>text</name>` fast path before the general path takes over. */
const SIMPLE_TEXT_SCAN_BYTES = 256;
/** Text before a tag is looked through byte by byte this far before asking Buffer.indexOf (a C++ call). */
const SHORT_TEXT_BYTES = 64;
const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const AMP = 38;
const SEMICOLON = 59;
const QUOTE = 34;
const APOSTROPHE = 39;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const XML_DECLARATION = "<?xml";
/** A declaration at the start is waited for up to this many bytes, to know the document's encoding before reading it. */
const MAX_DECLARATION_BYTES = 1024;
const EMPTY = Buffer.alloc(0);

/** What a streaming consumer receives. Text is entity-decoded and may arrive in several pieces. */
export interface XmlStreamHandler {
  open(name: string): void;
  close(name: string): void;
  text(text: string): void;
  /** Element names the handler compares with, reported as these very strings; when given, the only names errors quote. */
  readonly names?: readonly string[];
  /** Given once, before any token: where the text last passed to `text` starts ("at line 3, byte 120"), for its own errors. */
  located?(where: () => string): void;
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
  private readonly stack: XmlName[] = [];
  private readonly names: XmlNameTable;
  /** The handler's names (empty: every name may be quoted), see {@link tagText}. */
  private readonly quotable: ReadonlySet<string>;
  private readonly text = new XmlTextDecoder();
  /** The current buffer's bytes, read four at a time to compare names. */
  private view = new DataView(EMPTY.buffer, EMPTY.byteOffset, 0);
  /** The last name opened or closed (and which): the next start tag is first compared with the name that followed it last time. */
  private previous: XmlName | null = null;
  private previousOpened = false;
  private started = false;
  /**
   * The encoding the declaration at the document's start names when it extends ASCII but is not UTF-8 (then every
   * byte must be ASCII: xml-encoding.ts), else null (UTF-8).
   */
  private asciiOnly: string | null = null;
  /** Where the last scan stopped in the attributes of the start tag it left unfinished, from the tag's '<' (0: none). */
  private startTagResume = 0;
  /** Byte offset in the input of the root element's start tag (−1 before it): see {@link root}. */
  private rootStart = -1;
  /** Byte offset in the input of the text last passed to the handler. */
  private textStart = 0;

  /** @param locate says where a byte offset is, for messages (streamXmlFile, xml-file-stream.ts, adds the line) */
  constructor(
    private readonly file: string,
    private readonly handler: XmlStreamHandler,
    private readonly locate: (byteOffset: number) => string = (offset) => `at byte ${offset}`,
  ) {
    this.names = new XmlNameTable(handler.names ?? []);
    this.quotable = new Set(handler.names ?? []);
    handler.located?.(() => this.locate(this.textStart));
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
    const i = this.started ? 0 : this.skipBom(buf);
    if (i < 0) return 0;
    const invalid = this.asciiOnly === null ? firstInvalidUtf8From(buf, i) : firstNonAsciiFrom(buf, i);
    if (invalid < 0) return this.tokenize(buf, i);
    // the tokens before the byte come first, as do their errors, wherever the chunks were cut
    const error = this.asciiOnly === null ? this.notUtf8(buf[invalid], invalid) : this.error(byteValue(buf[invalid]), asciiExpected(this.asciiOnly), invalid);
    this.tokenize(buf.subarray(0, invalid), i);
    throw error;
  }

  /** {@link scan} of UTF-8 bytes from i on. */
  private tokenize(buf: Buffer, from: number): number {
    let i = from;
    this.text.reset(buf);
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    const n = buf.length;
    while (i < n) {
      if (buf[i] !== LT) {
        const lt = nextLt(buf, i);
        if (lt < 0) {
          i = this.trailingText(buf, i);
          break;
        }
        this.emitText(i, lt);
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
    // the scans leave a character cut short by the end of their bytes for the next: here there is none
    const invalid = invalidUtf8Offset(this.tail, 0, this.tail.length);
    if (invalid >= 0) throw this.notUtf8(this.tail[invalid], invalid);
    // a tail never started (a document of one or two bytes) holds no byte-order mark: a partial one is not UTF-8
    if (this.tail.length > 0 && this.tail.indexOf(LT) < 0) {
      const held = this.tail;
      this.tail = EMPTY;
      this.text.reset(held);
      this.emitText(0, held.length);
    }
    if (this.tail.length > 0 && this.tail.toString("utf8").trim() !== "") {
      throw this.error("<", "a complete XML document (the file ends inside a tag)", this.tail.indexOf(LT)); // its bytes may hold an id
    }
    if (this.stack.length > 0) throw new DataError({ file: this.file, value: this.tagText("<", this.stack[this.stack.length - 1].name), expected: "its closing tag before the end of the file" });
  }

  /**
   * Index after a UTF-8 byte-order mark at the start (0 without one), or −1 while the start is too short to tell.
   * A UTF-16 document is an error: its byte-order mark, or a '<' beside a zero byte (UTF-16 without a mark).
   */
  private skipBom(buf: Buffer): number {
    if (buf.length < UTF8_BOM.length) return -1;
    const utf16 = utf16Start(buf[0], buf[1]);
    if (utf16 !== null) throw this.error(utf16, NOT_UTF16_EXPECTED, 0);
    const i = buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2] ? UTF8_BOM.length : 0;
    const declared = this.declaredEncoding(buf, i);
    if (declared === undefined) return -1;
    this.started = true;
    this.asciiOnly = declared !== null && asciiCompatibleEncoding(declared) ? declared : null;
    return i;
  }

  /**
   * The encoding named by an XML declaration at buf[i…] when it names one that is not UTF-8, null when there is none
   * (or no declaration), undefined while the bytes so far could still start one (a declaration longer than
   * {@link MAX_DECLARATION_BYTES} is not waited for: skipDeclaration reads it as before). Only its first
   * MAX_DECLARATION_BYTES bytes are looked at, however many the first chunk holds: a longer declaration whose end a
   * 1 MiB chunk holds but a short one does not was read as ASCII whole and refused in pieces.
   */
  private declaredEncoding(buf: Buffer, i: number): string | null | undefined {
    const known = Math.min(buf.length - i, XML_DECLARATION.length);
    for (let k = 0; k < known; k++) if (buf[i + k] !== XML_DECLARATION.charCodeAt(k)) return null;
    if (buf.length - i <= XML_DECLARATION.length) return undefined;
    const after = buf[i + XML_DECLARATION.length];
    if (after > 32 && after !== QUESTION) return null; // <?xml-stylesheet …?>: an instruction, not the declaration
    const close = buf.indexOf("?>", i + 2);
    if (close < 0 || close + 2 - i > MAX_DECLARATION_BYTES) return buf.length - i < MAX_DECLARATION_BYTES ? undefined : null;
    return nonUtf8Encoding(buf, i, close);
  }

  /** The error for the byte at `at`, which is not UTF-8. */
  private notUtf8(byte: number, at: number): DataError {
    return this.error(byteValue(byte), UTF8_EXPECTED, at);
  }

  /**
   * A start or self-closing tag at i: the index after it, or −1 when unfinished. The name that followed the
   * previous one last time is tried first, for `<name>` and `<name/>`; anything else takes {@link openTagByName}.
   */
  private openTag(buf: Buffer, i: number): number {
    if (this.stack.length === 0) this.root(i);
    const previous = this.previous;
    const predicted = previous === null ? null : this.previousOpened ? previous.afterOpen : previous.afterClose;
    if (predicted !== null) {
      const end = i + 1 + predicted.length;
      if (end + 1 < buf.length && nameAt(this.view, buf, i + 1, predicted)) {
        const after = buf[end];
        const selfClosing = after === SLASH && buf[end + 1] === GT;
        if (after === GT || selfClosing) {
          this.previous = predicted;
          this.previousOpened = true;
          return selfClosing ? this.emptyElement(predicted, end + 2) : this.openElement(buf, predicted, end);
        }
      }
    }
    return this.openTagByName(buf, i);
  }

  /**
   * The start tag at i, outside any element, is the root element's: XML 1.0 §2.1 allows one, so a second is an error
   * (two census files joined into one would otherwise be read as one, two LAs' or years' children merged). It quotes
   * the '<' alone (the tag may hold a child's id). A tag left unfinished at a chunk's end is looked at again, so the
   * root is known by where it starts.
   */
  private root(i: number): void {
    const at = this.consumed + i;
    if (this.rootStart >= 0 && this.rootStart !== at) throw this.error("<", "one root element: a second element starts after the root closed", i);
    this.rootStart = at;
  }

  /** A start or self-closing tag at i, its name looked up by its bytes: the index after it, or −1 when unfinished. Attributes are skipped. */
  private openTagByName(buf: Buffer, i: number): number {
    const n = buf.length;
    let sp = i + 1;
    let h = FNV_OFFSET;
    for (; sp < n; sp++) {
      const b = buf[sp];
      if (b <= 32 || b === GT || b === LT) break; // a '<' ends no name: startTagEnd refuses it
      h = Math.imul(h ^ b, FNV_PRIME);
    }
    if (sp >= n) return -1;
    const gt = buf[sp] === GT ? sp : this.startTagEnd(buf, i, sp);
    if (gt < 0) return -1;
    const selfClosing = buf[gt - 1] === SLASH;
    const nameEnd = Math.min(sp, selfClosing ? gt - 1 : gt);
    // the error quotes the '<' alone: what follows a stray '<' in a text may be a child's id
    if (nameEnd <= i + 1) throw this.error("<", "a tag name after '<'", i);
    const name = this.names.intern(this.view, buf, i + 1, nameEnd, nameEnd === sp ? h : nameHash(buf, i + 1, nameEnd));
    // each distinct name is interned here before it can be predicted (XmlName.inTable); the prefix is not quoted
    if (name.knownLocalName !== null) throw this.error(`<…:${name.knownLocalName}>`, `<${name.knownLocalName}> without a namespace prefix (the elements are read by their names, which carry none)`, i);
    this.follow(name);
    return selfClosing ? this.emptyElement(name, gt + 1) : this.openElement(buf, name, gt);
  }

  /**
   * The index of the '>' ending the start tag at i, from `from` (the end of its name) on, past quoted values; −1 when
   * the buffer ends first. A '<' before it is an error quoting that '<' alone: the bytes about it may be a child's id.
   */
  private startTagEnd(buf: Buffer, i: number, from: number): number {
    // an unfinished tag is scanned again from its start at every chunk (the next scan starts with it): its attributes
    // scanned already are not (a 48 MB tag of 8 million values holding '>': 3.8 s CPU scanning them again)
    from = Math.max(from, i + this.startTagResume);
    this.startTagResume = 0;
    // no '<' may come before the '>', so the tag lies before the next '<' (found once, by a C++ scan)
    const lt = buf.indexOf(LT, from);
    // without a '<' or a '>' ahead it cannot end here (a 50 MB tag of one attribute name: 5.1 s CPU by the loop, 1.2 s so)
    if (lt < 0 && buf.indexOf(GT, from) < 0) return this.unfinishedStartTag(i, from);
    const limit = lt < 0 ? buf.length : lt;
    for (let k = from; k < limit; k++) {
      const b = buf[k];
      if (b === GT) return k;
      if (b === QUOTE || b === APOSTROPHE) {
        const close = buf.indexOf(b, k + 1);
        if (close < 0 || close > limit) {
          if (lt < 0) return this.unfinishedStartTag(i, k);
          throw this.error("<", `the closing ${String.fromCharCode(b)} of an attribute value (a '<' may not appear in one)`, lt);
        }
        k = close;
      }
    }
    if (lt < 0) return this.unfinishedStartTag(i, limit);
    throw this.error("<", "'>' ending the start tag before the next '<'", lt);
  }

  /** −1; the next scan of the start tag at i resumes at `at` (outside a quoted value, or at its opening quote). */
  private unfinishedStartTag(i: number, at: number): number {
    this.startTagResume = at - i;
    return -1;
  }

  /** The start tag of `name` ending with the '>' at gt: the index after it, or after its end tag when it could be read at once. */
  private openElement(buf: Buffer, name: XmlName, gt: number): number {
    const simple = this.simpleElementEnd(buf, gt, name);
    if (simple > 0) return simple;
    this.handler.open(name.name);
    this.stack.push(name);
    return gt + 1;
  }

  /** A self-closing tag of `name`, reported as opened and closed; returns `after`, the index after the tag. */
  private emptyElement(name: XmlName, after: number): number {
    this.handler.open(name.name);
    this.handler.close(name.name);
    this.previousOpened = false;
    return after;
  }

  /**
   * Fast path for `<name>text</name>` wholly in the buffer, with short text free of markup and references (most
   * elements of a census): open, text and close are reported at once. The index after it, or −1 to take the
   * general path (the same tokens, one at a time).
   */
  private simpleElementEnd(buf: Buffer, gt: number, name: XmlName): number {
    const n = buf.length;
    const limit = Math.min(n, gt + 1 + SIMPLE_TEXT_SCAN_BYTES);
    let lt = gt + 1;
    for (; lt < limit; lt++) {
      const b = buf[lt];
      if (b === LT) break;
      if (b === AMP) return -1;
    }
    const end = lt + 2 + name.length;
    if (lt >= limit || end >= n || buf[lt + 1] !== SLASH || buf[end] !== GT || !nameAt(this.view, buf, lt + 2, name)) return -1;
    this.handler.open(name.name);
    if (lt > gt + 1) this.passText(gt + 1, this.text.decode(gt + 1, lt));
    this.handler.close(name.name);
    this.previousOpened = false;
    return end + 1;
  }

  /** A tag as an error shows it: its name only when the handler names none or this one (`<LAchildID>N0<12345>`: an id's rest). */
  private tagText(start: "<" | "</", name: string): string {
    return this.quotable.size === 0 || this.quotable.has(name) ? `${start}${name}>` : `${start}…>`;
  }

  /** `</name>` at i: checked against the open element and reported; the index after it, or −1 when unfinished. */
  private closeTag(buf: Buffer, i: number): number {
    const depth = this.stack.length;
    const open = depth === 0 ? undefined : this.stack[depth - 1];
    let gt = -1;
    if (open !== undefined && i + 2 + open.length < buf.length && buf[i + 2 + open.length] === GT && nameAt(this.view, buf, i + 2, open)) gt = i + 2 + open.length;
    else {
      // as in a start tag, a '<' before the '>' is an error quoting it alone (not an id's rest after a stray '</')
      const lt = buf.indexOf(LT, i + 2);
      gt = buf.indexOf(GT, i + 1);
      if (lt >= 0 && (gt < 0 || lt < gt)) throw this.error("<", "'>' ending the end tag before the next '<'", lt);
      if (gt < 0) return -1;
      const name = buf.toString("utf8", i + 2, gt).trim();
      if (open === undefined || open.name !== name) throw this.error(this.tagText("</", name), open === undefined ? "no closing tag" : this.tagText("</", open.name), i);
    }
    this.stack.pop();
    this.handler.close(open.name);
    this.previous = open;
    this.previousOpened = false;
    return gt + 1;
  }

  /** `name`, not the predicted name, is opened: remembered as what followed the previous name, the prediction for the next time. */
  private follow(name: XmlName): void {
    const previous = this.previous;
    if (previous !== null && name.predictable && name.inTable) {
      if (this.previousOpened) previous.afterOpen = name;
      else previous.afterClose = name;
    }
    this.previous = name;
    this.previousOpened = true;
  }

  /** A comment, CDATA section or processing instruction at i: the index after it, or −1 when unfinished. Other `<!` is refused, quoting only its DTD keyword (never an id that may follow). */
  private skipDeclaration(buf: Buffer, i: number, next: number): number {
    if (next === QUESTION) {
      if (buf.indexOf(GT, i + 1) < 0) return -1;
      const close = buf.indexOf("?>", i + 2);
      if (close < 0) return -1;
      if (startsWith(buf, i, "<?xml") && (buf[i + 5] <= 32 || buf[i + 5] === QUESTION)) {
        // XML 1.0 §2.8: the declaration opens a document; one after the root starts a second (files joined into one)
        if (this.rootStart >= 0) throw this.error("<?xml", "an XML declaration only at the start of the document, before the root element", i);
        const encoding = nonUtf8Encoding(buf, i, close);
        // one that extends ASCII, declared at the start, is read while the bytes are ASCII (skipBom, scan)
        if (encoding !== null && this.asciiOnly === null) throw this.error(`encoding="${encoding}"`, UTF8_EXPECTED, i);
      }
      return close + 2;
    }
    if (startsWith(buf, i, "<!--")) {
      const close = buf.indexOf("-->", i + 4);
      return close < 0 ? -1 : close + 3;
    }
    if (startsWith(buf, i, "<![CDATA[")) {
      const close = buf.indexOf("]]>", i + 9);
      if (close < 0) return -1;
      this.passText(i + 9, this.text.decode(i + 9, close));
      return close + 3;
    }
    if (buf.length - i < 9) return -1; // could still become a comment or CDATA
    throw this.error(dtdKeyword(buf.toString("latin1", i, i + 10)), "no DOCTYPE or DTD declarations", i);
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
    this.emitText(from, cut);
    return cut;
  }

  /** Text buf[from, to) inside the root element, entity-decoded; outside it only white space is allowed. */
  private emitText(from: number, to: number): void {
    const raw = this.text.decode(from, to);
    if (this.stack.length === 0) {
      // named by where it starts, not quoted: text outside the root may be a child's id (a root closed early)
      const start = raw.trimStart();
      if (start !== "") throw this.error("text", "markup, not text, outside the root element", from + Buffer.byteLength(raw.slice(0, raw.length - start.length)));
      return;
    }
    this.passText(from, raw.indexOf("&") < 0 ? raw : decodeXmlText(raw, this.file));
  }

  /** Text to the handler, its start (buffer index `at`) kept for {@link XmlStreamHandler.located}. */
  private passText(at: number, text: string): void {
    this.textStart = this.consumed + at;
    this.handler.text(text);
  }

  private error(value: string, expected: string, at: number): DataError {
    return new DataError({ file: this.file, value, expected: `${expected} (${this.locate(this.consumed + at)})` });
  }
}

/** The index of the first '<' at or after `from`, or −1. */
function nextLt(buf: Buffer, from: number): number {
  const limit = Math.min(buf.length, from + SHORT_TEXT_BYTES);
  for (let k = from; k < limit; k++) if (buf[k] === LT) return k;
  return limit < buf.length ? buf.indexOf(LT, limit) : -1;
}

/** buf[at…] starts with the ASCII text `prefix`. */
function startsWith(buf: Buffer, at: number, prefix: string): boolean {
  if (at + prefix.length > buf.length) return false;
  for (let k = 0; k < prefix.length; k++) if (buf[at + k] !== prefix.charCodeAt(k)) return false;
  return true;
}
