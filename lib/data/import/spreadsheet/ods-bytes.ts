/**
 * Small byte tests shared by the ODS byte readers (./ods-rows-bytes.ts and its short route for cells not read,
 * ./ods-unread-cells.ts): content.xml is looked at as UTF-8 bytes, and every byte these look for is ASCII
 * (XML white space is ./xml-tokens.ts isXmlSpace, which takes a byte as well as a character code).
 */

/**
 * Whether `xml[from, to)` holds an `&` (an entity or character reference to decode or reject).
 * @example
 * hasAmpersand(Buffer.from("a&amp;b"), 0, 7) // true
 */
export function hasAmpersand(xml: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (xml[k] === 38) return true;
  return false;
}

/**
 * Whether `xml[a, aEnd)` and `xml[b, bEnd)` are the same bytes.
 * @example
 * sameBytes(Buffer.from("x:a x:a"), 0, 3, 4, 7) // true
 */
export function sameBytes(xml: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) if (xml[a + k] !== xml[b + k]) return false;
  return true;
}

/**
 * Whether `xml[from, to)` is exactly `word`.
 * @example
 * matches(Buffer.from("float"), 0, 5, Buffer.from("float")) // true
 */
export function matches(xml: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  if (to - from !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (xml[from + k] !== word[k]) return false;
  return true;
}
