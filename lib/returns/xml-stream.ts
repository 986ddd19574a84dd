/**
 * A streaming XML tokenizer for large files (a CIN census for a big LA is hundreds of MB): the file is read
 * in chunks and only the unfinished tail of a chunk is kept between reads, so memory stays bounded by the
 * chunk size and the largest single token, never the file.
 *
 * Like lib/data/import/spreadsheet/xml-tokens.ts (whose entity decoding it reuses) it is confined: start,
 * end and self-closing tags, text, comments, CDATA and processing instructions; no DTDs or external entities
 * (a `<!DOCTYPE` is an error). Attributes are not parsed (the CIN census uses none that matter).
 */
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
    this.buf += chunk;
    const xml = this.buf;
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
      if (xml.startsWith("<!--", i)) {
        const close = xml.indexOf("-->", i + 4);
        if (close < 0) break;
        i = close + 3;
        continue;
      }
      if (xml.startsWith("<![CDATA[", i)) {
        const close = xml.indexOf("]]>", i + 9);
        if (close < 0) break;
        this.handler.text(xml.slice(i + 9, close));
        i = close + 3;
        continue;
      }
      if (i + 1 >= n) break;
      const next = xml.charCodeAt(i + 1);
      if (next === 33 /* ! */) {
        if (n - i < 9) break; // could still become a comment or CDATA
        throw new DataError({ file: this.file, value: xml.slice(i, i + 20), expected: `no DOCTYPE or DTD declarations (at character ${this.consumed + i})` });
      }
      const gt = xml.indexOf(">", i + 1);
      if (gt < 0) break;
      if (next === 63 /* ? */) {
        const close = xml.indexOf("?>", i + 2);
        if (close < 0) break;
        i = close + 2;
        continue;
      }
      if (next === 47 /* / */) {
        const name = xml.slice(i + 2, gt).trim();
        this.flushPendingEntity();
        const open = this.stack.pop();
        if (open !== name) {
          throw new DataError({ file: this.file, value: `</${name}>`, expected: `${open === undefined ? "no closing tag" : `</${open}>`} (at character ${this.consumed + i})` });
        }
        this.handler.close(name);
      } else {
        const selfClosing = xml.charCodeAt(gt - 1) === 47;
        const body = xml.slice(i + 1, selfClosing ? gt - 1 : gt);
        let sp = 0;
        while (sp < body.length && body.charCodeAt(sp) > 32) sp++;
        const name = body.slice(0, sp);
        if (name.length === 0) throw new DataError({ file: this.file, value: xml.slice(i, i + 30), expected: `a tag name after '<' (at character ${this.consumed + i})` });
        this.flushPendingEntity();
        this.handler.open(name);
        if (selfClosing) this.handler.close(name);
        else this.stack.push(name);
      }
      i = gt + 1;
    }
    this.consumed += i;
    this.buf = xml.slice(i);
  }

  private emitText(piece: string): void {
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
    for (;;) {
      const got = fs.readSync(fd, buffer, 0, chunkBytes, null);
      if (got === 0) break;
      let text = decoder.write(buffer.subarray(0, got));
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
