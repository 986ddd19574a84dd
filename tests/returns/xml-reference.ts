/**
 * A deliberately plain reading of the XML that lib/returns/xml-stream.ts accepts, for differential tests: the
 * whole document at once, no chunks, no name table, no predicted names, no fast paths, every name and text made
 * with Buffer.toString. It states the tokenizer's rules one by one, quirks included (a CDATA section is text even
 * outside the root element). One root element: a start tag or an XML declaration after it is an error (two files
 * joined into one). Attributes are skipped as XML 1.0 §3.1 reads them: a start tag ends at the first '>' outside a
 * quoted value, and no '<' may come before it, not even in a value.
 *
 * Events: "<name" (open), ">name" (close), "t:text" (the text between two tags, pieces and CDATA merged). A
 * DataError ends the list as "!message"; text not yet followed by a tag is then left out.
 */
import { DataError } from "../../lib/errors";
import { decodeXmlText } from "../../lib/data/import/spreadsheet/xml-tokens";

const LT = 60;
const GT = 62;
const SLASH = 47;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** What may follow a start tag's name before its '>': anything but '<', '>' and quotes, or a quoted value without '<'. */
const ATTRIBUTES = /(?:[^<>"']|"[^<"]*"|'[^<']*')*/y;

/**
 * Events in the form both the reference and the tokenizer under test are compared in: the texts between two tags
 * merged into one `t:` event, `<name` and `>name` for start and end, an error (`!message`) last; text before an
 * error is not an event (a reader that fails never hands it on).
 */
export class XmlEventList {
  readonly list: string[] = [];
  private pending = "";

  tag(event: string): void {
    this.endText();
    this.list.push(event);
  }

  text(text: string): void {
    this.pending += text;
  }

  /** The text since the last tag, as one event (at a tag, or at the end of the document). */
  endText(): void {
    if (this.pending !== "") this.list.push(`t:${this.pending}`);
    this.pending = "";
  }

  error(message: string): void {
    this.list.push(`!${message}`);
  }
}

/** The events of `doc`; `locate` says where a byte offset is, as the tokenizer under test does. */
export function referenceXmlEvents(doc: Buffer, file: string, locate: (offset: number) => string, names: readonly string[] = []): string[] {
  const events = new XmlEventList();
  const tag = (event: string) => events.tag(event);
  const stack: { bytes: Buffer; name: string }[] = [];
  /** A start tag was read at depth 0: the root element (XML 1.0 §2.1: exactly one), whose document may not start again. */
  let rootSeen = false;
  const utf8 = (from: number, to: number) => doc.toString("utf8", from, to);
  const latin1 = doc.toString("latin1");
  const failAt = (value: string, expected: string, at: number) => new DataError({ file, value, expected: `${expected} (${locate(at)})` });
  // a tag in an error: its name only when no names are given or it is one of them (another may be an id's rest)
  const tagText = (start: string, name: string) => (names.length === 0 || names.includes(name) ? `${start}${name}>` : `${start}…>`);
  /** The text `raw`, whose first byte is at `from`: outside the root element, an error at its first byte not white space. */
  const text = (raw: string, from: number) => {
    if (stack.length > 0) events.text(decodeXmlText(raw, file));
    else if (raw.trim() !== "") throw failAt("text", "markup, not text, outside the root element", from + Buffer.byteLength(raw.slice(0, raw.length - raw.trimStart().length)));
  };
  const n = doc.length;
  const started = n >= 3 || !BOM.subarray(0, n).equals(doc);
  let i = started && doc.subarray(0, 3).equals(BOM) ? 3 : 0;
  try {
    // each step reads one token at i; `rest` marks where the document ends inside a token
    let rest = started ? -1 : 0;
    while (rest < 0 && i < n) {
      if (doc[i] !== LT) {
        const lt = doc.indexOf(LT, i);
        if (lt < 0) {
          rest = i;
          break;
        }
        text(utf8(i, lt), i);
        i = lt;
        continue;
      }
      if (i + 1 >= n) rest = i;
      else if (doc[i + 1] === SLASH) {
        const open = stack[stack.length - 1];
        let gt = -1;
        if (open !== undefined && doc.subarray(i + 2, i + 2 + open.bytes.length).equals(open.bytes) && doc[i + 2 + open.bytes.length] === GT) gt = i + 2 + open.bytes.length;
        else {
          gt = doc.indexOf(GT, i + 1);
          const lt = doc.indexOf(LT, i + 2);
          if (lt >= 0 && (gt < 0 || lt < gt)) throw failAt("<", "'>' ending the end tag before the next '<'", lt);
          if (gt < 0) {
            rest = i;
            break;
          }
          const name = utf8(i + 2, gt).trim();
          if (open === undefined || open.name !== name) throw failAt(tagText("</", name), open === undefined ? "no closing tag" : tagText("</", open.name), i);
        }
        stack.pop();
        tag(`>${open.name}`);
        i = gt + 1;
      } else if (doc[i + 1] === 0x3f) {
        const close = doc.indexOf("?>", i + 2);
        if (close < 0) rest = i;
        else if (rootSeen && utf8(i, i + 5) === "<?xml" && (doc[i + 5] <= 32 || doc[i + 5] === 0x3f)) throw failAt("<?xml", "an XML declaration only at the start of the document, before the root element", i);
        else i = close + 2;
      } else if (doc[i + 1] === 0x21) {
        if (utf8(i, i + 4) === "<!--") {
          const close = doc.indexOf("-->", i + 4);
          if (close < 0) rest = i;
          else i = close + 3;
        } else if (utf8(i, i + 9) === "<![CDATA[") {
          const close = doc.indexOf("]]>", i + 9);
          if (close < 0) rest = i;
          else {
            events.text(utf8(i + 9, close));
            i = close + 3;
          }
        } else if (n - i < 9) rest = i;
        else throw failAt(/^<!(?:DOCTYPE|ELEMENT|ENTITY|ATTLIST|NOTATION)?/.exec(utf8(i, i + 10))![0], "no DOCTYPE or DTD declarations", i);
      } else if (stack.length === 0 && rootSeen) {
        throw failAt("<", "one root element: a second element starts after the root closed", i);
      } else {
        rootSeen = true;
        // the name runs to white space, '>' or '<' (refused next), then attributes (their values quoted, holding '>'
        // but not '<') up to the '>'; a '/' just before the '>' makes the tag self-closing. The errors quote only the
        // '<' (the text before it may be a child's id)
        let space = i + 1;
        while (space < n && doc[space] > 32 && doc[space] !== GT && doc[space] !== LT) space++;
        ATTRIBUTES.lastIndex = space;
        const after = space + ATTRIBUTES.exec(latin1)![0].length;
        if (after >= n) {
          rest = i;
          break;
        }
        if (doc[after] === LT) throw failAt("<", "'>' ending the start tag before the next '<'", after);
        if (doc[after] !== GT) {
          // a quote never closed: its value runs into a '<' or to the end of the document
          const lt = doc.indexOf(LT, after);
          if (lt < 0) {
            rest = i;
            break;
          }
          throw failAt("<", `the closing ${latin1[after]} of an attribute value (a '<' may not appear in one)`, lt);
        }
        const gt = after;
        const selfClosing = doc[gt - 1] === SLASH;
        const nameEnd = Math.min(space, selfClosing ? gt - 1 : gt);
        if (nameEnd <= i + 1) throw failAt("<", "a tag name after '<'", i);
        const name = utf8(i + 1, nameEnd);
        tag(`<${name}`);
        if (selfClosing) tag(`>${name}`);
        else stack.push({ bytes: doc.subarray(i + 1, nameEnd), name });
        i = gt + 1;
      }
    }
    finish(rest < 0 ? n : rest);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    events.error(error.message);
  }
  return events.list;

  /** The end of the document: `from` is where its unfinished rest starts. */
  function finish(from: number): void {
    let restText = utf8(from, n);
    if (from < n && doc.indexOf(LT, from) < 0 && started) {
      text(restText, from);
      restText = "";
    }
    if (restText.trim() !== "") throw failAt("<", "a complete XML document (the file ends inside a tag)", doc.indexOf(LT, from));
    if (stack.length > 0) throw new DataError({ file, value: tagText("<", stack[stack.length - 1].name), expected: "its closing tag before the end of the file" });
    events.endText();
  }
}
