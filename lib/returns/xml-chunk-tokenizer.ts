/** Tokenizing XML given as strings, for tests and callers holding text: {@link XmlByteTokenizer} on its UTF-8 bytes. */
import { XmlByteTokenizer, type XmlStreamHandler } from "./xml-stream";

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
