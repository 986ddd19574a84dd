/**
 * A small, confined XML tokenizer for the two spreadsheet formats we read (ODS content.xml, XLSX sheet XML).
 *
 * It is not a general XML parser: it recognises start tags, end tags, self-closing tags, text, comments,
 * CDATA and processing instructions, decodes the five predefined entities and numeric character
 * references, and never resolves DTDs or external entities (a `<!DOCTYPE` is an error), so a hostile
 * file cannot make it fetch or expand anything. Malformed markup is a {@link DataError}.
 */
import { DataError } from "../../../errors";

/** One token of an XML document. */
export type XmlToken =
  | { kind: "open"; name: string; attrs: string; selfClosing: boolean; at: number }
  | { kind: "close"; name: string; at: number }
  | { kind: "text"; text: string; at: number };

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Decode XML character references and the five predefined entities.
 * @throws DataError on an unknown entity (we never resolve DTD-defined ones)
 * @example
 * decodeXmlText("a &amp; b &#233;", "x.xml") // "a & b é"
 */
export function decodeXmlText(raw: string, file: string): string {
  if (raw.indexOf("&") < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || !whole.endsWith(";")) {
        throw new DataError({ file, value: quotedReference(whole), expected: "a valid XML character reference" });
      }
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[ref];
    if (named === undefined || !whole.endsWith(";")) {
      throw new DataError({ file, value: quotedReference(whole), expected: "one of the predefined XML entities (&amp; &lt; &gt; &quot; &apos;)" });
    }
    return named;
  });
}

/**
 * A bad reference as an error quotes it: whole when complete (`&bogus;`), its '&' alone without its ';', since the
 * letters or digits after an unescaped '&' may be the rest of a cell's text, such as a child's id.
 */
function quotedReference(whole: string): string {
  return whole.endsWith(";") ? whole : "&";
}

/**
 * Read the attributes of a start tag into a plain object (values entity-decoded).
 * Scanned by hand in one pass (linear in the length of `attrs`; a regex with a repeated name class
 * re-scans from every start position and is quadratic on a long run of name characters).
 * The object has no prototype, so an attribute named `__proto__` is an ordinary key.
 * @throws DataError on malformed attribute syntax (a name without `="value"`, an unterminated quote) or a
 *   repeated attribute (both are not well-formed XML, §3.1)
 * @example
 * parseXmlAttributes(' a="1" b:c=\'x\'', "x.xml") // { a: "1", "b:c": "x" }
 */
export function parseXmlAttributes(attrs: string, file: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const n = attrs.length;
  let i = 0;
  const fail = (expected: string): never => {
    throw new DataError({ file, value: attrs.slice(Math.max(0, i - 10), i + 20), expected });
  };
  while (i < n) {
    while (i < n && isXmlSpace(attrs.charCodeAt(i))) i++;
    if (i >= n) break;
    const nameStart = i;
    while (i < n) {
      const c = attrs.charCodeAt(i);
      if (isXmlSpace(c) || c === 61 /* = */ || c === 34 || c === 39 || c === 47 /* / */) break;
      i++;
    }
    if (i === nameStart) fail("an attribute name");
    const name = attrs.slice(nameStart, i);
    while (i < n && isXmlSpace(attrs.charCodeAt(i))) i++;
    if (attrs.charCodeAt(i) !== 61) fail(`'=' after the attribute name ${name.slice(0, 40)}`);
    i++;
    while (i < n && isXmlSpace(attrs.charCodeAt(i))) i++;
    const quote = attrs.charCodeAt(i);
    if (quote !== 34 && quote !== 39) fail(`a quoted value for the attribute ${name.slice(0, 40)}`);
    const close = attrs.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close < 0) fail(`a closing quote for the attribute ${name.slice(0, 40)}`);
    if (Object.prototype.hasOwnProperty.call(out, name)) fail(`each attribute once per tag (${name.slice(0, 40)} repeats)`);
    out[name] = decodeXmlText(attrs.slice(i + 1, close), file);
    i = close + 1;
  }
  return out;
}

/**
 * What an error quotes of a refused `<!` declaration: its DTD keyword (`<!DOCTYPE`, `<!ENTITY`, …) or `<!` alone,
 * never the text after it (a stray `<!` in a cell or a census may be followed by the rest of a child's id).
 * @param start the declaration's first characters (10 are enough)
 * @example dtdKeyword("<!DOCTYPE x") // "<!DOCTYPE"; dtdKeyword("<!N0012345") // "<!"
 */
export function dtdKeyword(start: string): string {
  return /^<!(?:DOCTYPE|ELEMENT|ENTITY|ATTLIST|NOTATION)?/.exec(start)?.[0] ?? "<!";
}

/**
 * XML white space (§2.3 S): space, tab, carriage return, line feed (character or byte codes: all four are ASCII).
 * @example
 * isXmlSpace(0x20) // true
 */
export function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Iterate the tokens of `xml` between character offsets `start` and `end`.
 * Comments, processing instructions and the XML declaration are skipped; CDATA becomes text.
 * @throws DataError on an unterminated tag, comment or CDATA section, or on a DOCTYPE
 * @example
 * [...xmlTokens("<a x='1'>hi</a>", "x.xml")].map((t) => t.kind) // ["open", "text", "close"]
 */
export function* xmlTokens(xml: string, file: string, start = 0, end = xml.length): Generator<XmlToken> {
  let i = start;
  while (i < end) {
    const lt = xml.indexOf("<", i);
    if (lt < 0 || lt >= end) {
      yield { kind: "text", text: xml.slice(i, end), at: i };
      return;
    }
    if (lt > i) yield { kind: "text", text: xml.slice(i, lt), at: i };
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const after = afterDeclaration(xml, file, lt, end);
      if (xml.startsWith("<![CDATA[", lt)) yield { kind: "text", text: xml.slice(lt + 9, after - 3).replace(/&/g, "&amp;").replace(/</g, "&lt;"), at: lt };
      i = after;
      continue;
    }
    const gt = findTagEnd(xml, lt + 1, end);
    // the markup errors quote the markup alone: the text after a stray '<' in a cell may be a child's id
    if (gt < 0) throw new DataError({ file, value: "<", expected: "a terminated XML tag" });
    if (next === 47 /* / */) {
      yield { kind: "close", name: xml.slice(lt + 2, gt).trim(), at: lt };
    } else {
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const body = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      const sp = indexOfJsSpace(body);
      const name = sp < 0 ? body : body.slice(0, sp);
      if (name.length === 0) throw new DataError({ file, value: "<", expected: "a tag name after '<'" });
      yield { kind: "open", name, attrs: sp < 0 ? "" : body.slice(sp), selfClosing, at: lt };
    }
    i = gt + 1;
  }
}

/**
 * Call `visit` with the attributes (as {@link xmlTokens} gives an open token's `attrs`) of each start tag named
 * `name`, in order, while checking the whole document's markup exactly as {@link xmlTokens} does (the same
 * DataError at the same place for an unterminated tag, comment, CDATA section or processing instruction, a DOCTYPE
 * or a tag without a name; what `visit` throws is thrown where that tag is), but without making a token for every
 * tag and text: for a small part of a large document, such as an xlsx workbook part's `sheet` elements among
 * thousands of defined names.
 * @throws DataError as {@link xmlTokens}
 * @example
 * const attrs: string[] = [];
 * visitStartTags('<sheets><sheet name="IMD"/><sheet name="IDACI"/></sheets>', "x.xml", "sheet", (a) => attrs.push(a)); // [' name="IMD"', ' name="IDACI"']
 */
export function visitStartTags(xml: string, file: string, name: string, visit: (attrs: string) => void): void {
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) return; // text to the end
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      i = afterDeclaration(xml, file, lt, xml.length);
      continue;
    }
    const gt = findTagEnd(xml, lt + 1, xml.length);
    if (gt < 0) throw new DataError({ file, value: "<", expected: "a terminated XML tag" });
    if (next !== 47 /* / */) {
      const bodyEnd = xml.charCodeAt(gt - 1) === 47 ? gt - 1 : gt;
      if (bodyEnd === lt + 1 || isJsSpace(next)) throw new DataError({ file, value: "<", expected: "a tag name after '<'" });
      const nameEnd = lt + 1 + name.length;
      if (nameEnd <= bodyEnd && xml.startsWith(name, lt + 1) && (nameEnd === bodyEnd || isJsSpace(xml.charCodeAt(nameEnd)))) visit(xml.slice(nameEnd, bodyEnd));
    }
    i = gt + 1;
  }
}

/**
 * Where the text after the comment, CDATA section or processing instruction starting at `lt` begins (a CDATA
 * section's text ends 3 characters before it); a DOCTYPE and anything unterminated are errors, which quote only the
 * markup's opening (or a DTD keyword), never what follows: it may be a cell's text, such as a child's id.
 */
function afterDeclaration(xml: string, file: string, lt: number, end: number): number {
  if (xml.charCodeAt(lt + 1) === 63 /* ? */) {
    const close = xml.indexOf("?>", lt + 2);
    if (close < 0 || close >= end) throw new DataError({ file, value: "<?", expected: "a terminated processing instruction" });
    return close + 2;
  }
  if (xml.startsWith("<!--", lt)) {
    const close = xml.indexOf("-->", lt + 4);
    if (close < 0 || close >= end) throw new DataError({ file, value: "<!--", expected: "a terminated XML comment" });
    return close + 3;
  }
  if (xml.startsWith("<![CDATA[", lt)) {
    const close = xml.indexOf("]]>", lt + 9);
    if (close < 0 || close >= end) throw new DataError({ file, value: "<![CDATA[", expected: "a terminated CDATA section" });
    return close + 3;
  }
  throw new DataError({ file, value: dtdKeyword(xml.slice(lt, lt + 10)), expected: "no DOCTYPE or DTD declarations in a spreadsheet part" });
}

/** Whether a character code is one a regular expression's `\s` matches (see {@link indexOfJsSpace}). */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

/**
 * Index of the first character of `s` that a regular expression's `\s` matches (ECMA-262 WhiteSpace and
 * LineTerminator: tab, LF, VT, FF, CR, space, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000, U+FEFF), or -1: `s.search(/\s/)` without a regular expression per tag.
 * @example
 * indexOfJsSpace("table:table-cell office:value='1'") // 16
 */
export function indexOfJsSpace(s: string): number {
  for (let i = 0; i < s.length; i++) if (isJsSpace(s.charCodeAt(i))) return i;
  return -1;
}

/** Index of the `>` ending the tag that starts at `from`, skipping quoted attribute values; -1 if none. */
function findTagEnd(xml: string, from: number, end: number): number {
  let quote = 0;
  for (let j = from; j < end; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return j;
    } else if (c === 60) {
      return -1;
    }
  }
  return -1;
}
