/**
 * Strings of a streamed XML file's text nodes, made cheaply: most text nodes of a census are a few ASCII bytes
 * (a date, an id, a code), and making each with `buf.toString` crosses into C++ once per node (≈ 100 ns, a
 * quarter of the scanner's time on the synthetic national year, 4.9 million text nodes). Instead a window of the
 * buffer is made into one string at a time and the short texts in it are cut out with `substring`, which the
 * optimising compiler runs without leaving JavaScript.
 */
/**
 * Bytes per window. Small enough that its string is made in the young generation, whose memory is reused (a
 * larger one goes to the large-object space, fresh pages each time: ≈ 3–4 ms per MiB on this kind of VM), large
 * enough that the C++ call is made once per thousands of text nodes.
 */
export const XML_TEXT_WINDOW_BYTES = 1 << 15;
/**
 * Texts shorter than this are cut from the window. V8 makes a longer substring a slice that points into its parent
 * string (SlicedString::kMinLength is 13), and a slice kept by the reader would keep the whole window alive.
 */
const COPIED_SUBSTRING_CHARS = 13;

/**
 * Decodes byte ranges of one buffer as UTF-8, the same strings as `buf.toString("utf8", from, to)`.
 * Ranges are expected in increasing order (a scan's); any order is correct, only slower.
 * @example
 * const text = new XmlTextDecoder();
 * text.reset(buf);
 * text.decode(5, 15); // "2023-03-31"
 */
export class XmlTextDecoder {
  private buf: Buffer = Buffer.alloc(0);
  /**
   * The window: buf[start, end) as a latin1 string, one character per byte. Its characters are the text's only
   * where the bytes are ASCII, which is checked for each text cut from it.
   */
  private start = 0;
  private end = 0;
  private window = "";

  /** Decode ranges of `buf` from now on (its bytes may have changed since the last reset). */
  reset(buf: Buffer): void {
    this.buf = buf;
    this.start = 0;
    this.end = 0;
    this.window = "";
  }

  /** The text of buf[from, to). */
  decode(from: number, to: number): string {
    const buf = this.buf;
    if (to - from < COPIED_SUBSTRING_CHARS) {
      let bits = 0;
      for (let k = from; k < to; k++) bits |= buf[k];
      if (bits < 0x80) {
        if (from < this.start || to > this.end) this.move(from);
        return this.window.substring(from - this.start, to - this.start);
      }
    }
    return buf.toString("utf8", from, to);
  }

  /** Start the window at `from`. */
  private move(from: number): void {
    this.start = from;
    this.end = Math.min(this.buf.length, from + XML_TEXT_WINDOW_BYTES);
    this.window = this.buf.toString("latin1", from, this.end);
  }
}
