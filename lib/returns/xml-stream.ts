/**
 * A streaming XML tokenizer for large files (a CIN census for a big LA is hundreds of MB): the file is read
 * in chunks and only the unfinished tail of a chunk is kept between reads, so memory stays bounded by the
 * chunk size and the largest single token, never the file.
 *
 * Like lib/data/import/spreadsheet/xml-tokens.ts (whose entity decoding it reuses) it is confined: start,
 * end and self-closing tags, text, comments, CDATA and processing instructions; no DTDs or external entities
 * (a `<!DOCTYPE` is an error). Attributes are not parsed (the CIN census uses none that matter).
 */
import { isAscii } from "node:buffer";
import * as fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { DataError } from "../errors";
import { decodeXmlText } from "../data/import/spreadsheet/xml-tokens";

/** Longest entity or character reference kept back at a chunk end ("&#x10FFFF;" is 10 characters). */
const MAX_ENTITY_CHARS = 12;
/** Bytes read per chunk (1 MiB). */
export const XML_CHUNK_BYTES = 1 << 20;

/** What a streaming consumer receives. Text is entity-decoded and may arrive in several pieces. */
export interface XmlStreamHandler {
  open(name: string): void;
  close(name: string): void;
  text(text: string): void;
}

/**
 * Feed chunks of XML text; complete tokens go to the handler, an unfinished tail waits for the next chunk.
 * @example
 * const t = new XmlChunkTokenizer("x.xml", handler);
 * t.push("<a><b>1</"); t.push("b></a>"); t.finish();
 */
export class XmlChunkTokenizer {
  private buf = "";
  private consumed = 0;
  private readonly stack: string[] = [];

  constructor(private readonly file: string, private readonly handler: XmlStreamHandler) {}

  /** Tokenize what can be tokenized of the buffer plus `chunk`. */
  push(chunk: string): void {
    const xml = this.buf.length === 0 ? chunk : this.buf + chunk;
    let i = 0;
    const n = xml.length;
    while (i < n) {
      const lt = xml.indexOf("<", i);
      if (lt < 0) {
        // text without a following tag yet: emit it (text may come in pieces)
        this.emitText(xml.slice(i));
        i = n;
        break;
      }
      if (lt > i) this.emitText(xml.slice(i, lt));
      i = lt;
      if (i + 1 >= n) break;
      const next = xml.charCodeAt(i + 1);
      const after = next === 47 /* / */ ? this.closeTag(xml, i) : next === 33 /* ! */ || next === 63 /* ? */ ? this.skipDeclaration(xml, i, next) : this.openTag(xml, i);
      if (after < 0) break; // unfinished: wait for the next chunk
      i = after;
    }
    this.consumed += i;
    this.buf = xml.slice(i);
  }

  /** `</name>` at i: checked against the open element and reported; the index after it, or −1 when unfinished. */
  private closeTag(xml: string, i: number): number {
    const open = this.stack[this.stack.length - 1];
    // fast path: the expected name followed directly by '>' (no slice of the tag is made)
    let gt = open !== undefined && xml.startsWith(open, i + 2) && xml.charCodeAt(i + 2 + open.length) === 62 ? i + 2 + open.length : -1;
    let name = open;
    if (gt < 0) {
      gt = xml.indexOf(">", i + 1);
      if (gt < 0) return -1;
      name = xml.slice(i + 2, gt).trim();
      if (open !== name) {
        throw new DataError({ file: this.file, value: `</${name}>`, expected: `${open === undefined ? "no closing tag" : `</${open}>`} (at character ${this.consumed + i})` });
      }
    }
    this.flushPendingEntity();
    this.stack.pop();
    this.handler.close(name as string);
    return gt + 1;
  }

  /** A start or self-closing tag at i: the index after it, or −1 when unfinished. Attributes are skipped. */
  private openTag(xml: string, i: number): number {
    const gt = xml.indexOf(">", i + 1);
    if (gt < 0) return -1;
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const bodyEnd = selfClosing ? gt - 1 : gt;
    let sp = i + 1;
    while (sp < bodyEnd && xml.charCodeAt(sp) > 32) sp++;
    if (sp === i + 1) throw new DataError({ file: this.file, value: xml.slice(i, i + 30), expected: `a tag name after '<' (at character ${this.consumed + i})` });
    const name = xml.slice(i + 1, sp);
    this.flushPendingEntity();
    if (!selfClosing) {
      const simple = this.simpleElementEnd(xml, gt, name);
      if (simple > 0) return simple;
    }
    this.handler.open(name);
    if (selfClosing) this.handler.close(name);
    else this.stack.push(name);
    return gt + 1;
  }

  /**
   * Fast path for `<name>text</name>` wholly in the buffer, with text free of markup and references (most
   * elements of a census): open, text and close are reported at once. The index after it, or −1 to take the
   * general path (the same tokens, one at a time).
   */
  private simpleElementEnd(xml: string, gt: number, name: string): number {
    const lt = xml.indexOf("<", gt + 1);
    if (lt < 0 || xml.charCodeAt(lt + 1) !== 47 || xml.charCodeAt(lt + 2 + name.length) !== 62 || !xml.startsWith(name, lt + 2)) return -1;
    const text = xml.slice(gt + 1, lt);
    if (text.indexOf("&") >= 0) return -1;
    this.handler.open(name);
    if (text.length > 0) this.handler.text(text);
    this.handler.close(name);
    return lt + 3 + name.length;
  }

  /** A comment, CDATA section or processing instruction at i (DOCTYPE is refused): the index after it, or −1 when unfinished. */
  private skipDeclaration(xml: string, i: number, next: number): number {
    if (next === 63) {
      if (xml.indexOf(">", i + 1) < 0) return -1;
      const close = xml.indexOf("?>", i + 2);
      return close < 0 ? -1 : close + 2;
    }
    if (xml.startsWith("<!--", i)) {
      const close = xml.indexOf("-->", i + 4);
      return close < 0 ? -1 : close + 3;
    }
    if (xml.startsWith("<![CDATA[", i)) {
      const close = xml.indexOf("]]>", i + 9);
      if (close < 0) return -1;
      this.handler.text(xml.slice(i + 9, close));
      return close + 3;
    }
    if (xml.length - i < 9) return -1; // could still become a comment or CDATA
    throw new DataError({ file: this.file, value: xml.slice(i, i + 20), expected: `no DOCTYPE or DTD declarations (at character ${this.consumed + i})` });
  }

  private emitText(piece: string): void {
    if (this.pendingEntity === "" && this.stack.length > 0 && piece.indexOf("&") < 0) {
      this.handler.text(piece);
      return;
    }
    const raw = this.pendingEntity + piece;
    this.pendingEntity = "";
    if (this.stack.length === 0) {
      if (raw.trim() !== "") throw new DataError({ file: this.file, value: raw.trim().slice(0, 30), expected: "markup, not text, outside the root element" });
      return;
    }
    // an entity split across chunks: keep "&..." without ";" for the next piece
    const amp = raw.lastIndexOf("&");
    if (amp >= 0 && raw.indexOf(";", amp) < 0 && raw.length - amp < MAX_ENTITY_CHARS) {
      if (amp > 0) this.handler.text(decodeXmlText(raw.slice(0, amp), this.file));
      this.pendingEntity = raw.slice(amp);
      return;
    }
    this.handler.text(decodeXmlText(raw, this.file));
  }
  private pendingEntity = "";

  /** A reference kept back but followed by a tag is incomplete: decoding it reports the error. */
  private flushPendingEntity(): void {
    if (this.pendingEntity === "") return;
    const raw = this.pendingEntity;
    this.pendingEntity = "";
    this.handler.text(decodeXmlText(raw, this.file));
  }

  /** End of input: everything must be closed. */
  finish(): void {
    if (this.buf.trim() !== "" || this.pendingEntity !== "") {
      throw new DataError({ file: this.file, value: (this.pendingEntity + this.buf).trim().slice(0, 30), expected: "a complete XML document (the file ends inside a tag)" });
    }
    if (this.stack.length > 0) throw new DataError({ file: this.file, value: `<${this.stack[this.stack.length - 1]}>`, expected: "its closing tag before the end of the file" });
  }
}

/**
 * Stream an XML file through a handler, chunk by chunk (UTF-8; a BOM is skipped).
 * @throws DataError on malformed XML (naming the file and the character offset)
 * @example
 * streamXmlFile("cin.xml", { open: (n) => {}, close: (n) => {}, text: (t) => {} });
 */
export function streamXmlFile(file: string, handler: XmlStreamHandler, name = file, chunkBytes = XML_CHUNK_BYTES): void {
  const fd = fs.openSync(file, "r");
  try {
    const decoder = new StringDecoder("utf8");
    const tokenizer = new XmlChunkTokenizer(name, handler);
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let first = true;
    // while every chunk so far is ASCII the decoder holds no partial character, so an ASCII chunk can be copied
    // as latin1 (the same characters, without UTF-8 decoding); from the first other byte on, the decoder is used
    let ascii = true;
    for (;;) {
      const got = fs.readSync(fd, buffer, 0, chunkBytes, null);
      if (got === 0) break;
      const bytes = buffer.subarray(0, got);
      if (ascii && !isAscii(bytes)) ascii = false;
      let text = ascii ? bytes.toString("latin1") : decoder.write(bytes);
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      tokenizer.push(text);
    }
    tokenizer.push(decoder.end());
    tokenizer.finish();
  } finally {
    fs.closeSync(fd);
  }
}
