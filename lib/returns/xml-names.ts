/**
 * Element names of a streamed XML file, each made into a string once: the scanner recognises a name by comparing
 * bytes, never by making a string per tag (7.3 million start tags in the synthetic national year's CIN censuses).
 *
 * Two things make the comparison cheap. A name's bytes are compared four at a time (as little-endian 32-bit
 * words read through a DataView, which the optimising compiler turns into single loads). And the name that
 * followed each name last time (the first child after it opened, the next sibling after it closed) is tried
 * first, so a census, whose records repeat one layout, rarely needs the hash table at all.
 */

/** Distinct element names remembered (a hostile file with millions of names cannot grow the table further). */
const MAX_INTERNED_NAMES = 4096;
/** Slots of the interned-name hash table (a power of two). */
const NAME_TABLE_SLOTS = 1024;
/** FNV-1a 32-bit offset basis and prime (Fowler–Noll–Vo hash), for the name table. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
const SLASH = 47;

/** An element name: its bytes, the one string reported for them, and the names seen after it. */
export class XmlName {
  readonly length: number;
  /**
   * The bytes as little-endian 32-bit words at offsets 0, 4, 8, … and the last at length − 4 (overlapping the one
   * before it when the length is not a multiple of 4); empty for names shorter than 4 bytes.
   */
  readonly words: Int32Array;
  /**
   * The name can be recognised from its bytes and a following '>' (not so when its last byte is '/': the scanner
   * reads `<a/>` as a self-closing `a`, so the name `a/`, which `<a/ x>` gives, is never a prediction).
   */
  readonly predictable: boolean;
  /**
   * The name is in its document's table ({@link XmlNameTable}), which keeps at most MAX_INTERNED_NAMES. Only such a
   * name becomes a prediction: a name made past that limit, linked as what followed the name before it, would keep
   * that name's successor alive, and so on, so a hostile file of millions of distinct names would hold them all.
   */
  inTable = false;
  /** The name opened next after this one opened, the last time (its first child). */
  afterOpen: XmlName | null = null;
  /** The name opened next after this one closed, the last time (its next sibling, or an ancestor's). */
  afterClose: XmlName | null = null;

  /**
   * @param bytes the name's UTF-8 bytes
   * @param name the name as reported
   * @param knownLocalName the part after a namespace prefix (`x:Child` → `Child`) when it is one of the handler's
   *   names, else null: a handler that compares whole names would skip such an element and all it holds (a census
   *   whose Child elements were prefixed gave CIN rates of 0, exit 0), so the tokenizer refuses it
   */
  constructor(
    readonly bytes: Buffer,
    readonly name: string,
    readonly knownLocalName: string | null = null,
  ) {
    const length = bytes.length;
    this.length = length;
    this.predictable = length > 0 && bytes[length - 1] !== SLASH;
    const count = length < 4 ? 0 : (length + 3) >> 2;
    this.words = new Int32Array(count);
    for (let k = 0; k < count - 1; k++) this.words[k] = bytes.readInt32LE(4 * k);
    if (count > 0) this.words[count - 1] = bytes.readInt32LE(length - 4);
  }
}

/**
 * Whether buf[at, at + name.length) are the bytes of `name`; `view` is a DataView of the same bytes as `buf`.
 * The caller checks that the range is inside the buffer.
 * @example
 * const buf = Buffer.from("<Child>");
 * nameAt(new DataView(buf.buffer, buf.byteOffset, buf.length), buf, 1, new XmlName(Buffer.from("Child"), "Child")) // true
 */
export function nameAt(view: DataView, buf: Buffer, at: number, name: XmlName): boolean {
  const words = name.words;
  const last = words.length - 1;
  if (last < 0) {
    const bytes = name.bytes;
    for (let k = 0; k < bytes.length; k++) if (buf[at + k] !== bytes[k]) return false;
    return true;
  }
  for (let k = 0; k < last; k++) if (view.getInt32(at + 4 * k, true) !== words[k]) return false;
  return view.getInt32(at + name.length - 4, true) === words[last];
}

/**
 * The element names of one document, interned by their bytes.
 * @example
 * const names = new XmlNameTable(["Child"]);
 * const buf = Buffer.from("<Child>");
 * names.intern(new DataView(buf.buffer, buf.byteOffset, buf.length), buf, 1, 6, nameHash(buf, 1, 6)).name; // "Child", the very string given
 */
export class XmlNameTable {
  private readonly table: (XmlName[] | undefined)[] = new Array<XmlName[] | undefined>(NAME_TABLE_SLOTS);
  private interned = 0;
  private readonly known: Map<string, string>;

  /** @param known names reported as these very strings (a handler's constants compare fastest) */
  constructor(known: readonly string[]) {
    this.known = new Map(known.map((name) => [name, name]));
  }

  /** The name of the bytes buf[from, to), whose FNV-1a hash is `hash` ({@link nameHash}). */
  intern(view: DataView, buf: Buffer, from: number, to: number, hash: number): XmlName {
    const slot = hash & (NAME_TABLE_SLOTS - 1);
    const bucket = this.table[slot];
    const length = to - from;
    if (bucket !== undefined) {
      for (const entry of bucket) if (entry.length === length && nameAt(view, buf, from, entry)) return entry;
    }
    const text = buf.toString("utf8", from, to);
    // looked at once per distinct name, here, rather than at every tag (7.3 million start tags in the national year)
    const colon = text.indexOf(":");
    const knownLocalName = colon < 0 ? null : (this.known.get(text.slice(colon + 1)) ?? null);
    const entry = new XmlName(Buffer.from(buf.subarray(from, to)), this.known.get(text) ?? text, knownLocalName);
    if (this.interned < MAX_INTERNED_NAMES) {
      this.interned++;
      entry.inTable = true;
      if (bucket === undefined) this.table[slot] = [entry];
      else bucket.push(entry);
    }
    return entry;
  }
}

/**
 * FNV-1a hash of buf[from, to) (the name table's hash).
 * @example
 * nameHash(Buffer.from("<Child>"), 1, 6)
 */
export function nameHash(buf: Buffer, from: number, to: number): number {
  let hash = FNV_OFFSET;
  for (let k = from; k < to; k++) hash = Math.imul(hash ^ buf[k], FNV_PRIME);
  return hash;
}
