/**
 * Sheets found in content.xml bytes are those the scan of the decoded text finds (the reader before):
 * same names, same bodies once decoded, same errors; checked on token soups with multi-byte and
 * Unicode-space characters around the delimiters.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DataError } from "../../../lib/errors";
import { decodeSlice, odsTablesInBytes, tagEndByte } from "../../../lib/data/import/spreadsheet/ods-tables";
import { parseXmlAttributes } from "../../../lib/data/import/spreadsheet/xml-tokens";

/** The text scan the byte scan replaces (lib/data/import/spreadsheet/ods.ts before): names and bodies. */
function textScan(xml: string, file: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const open = "<table:table";
  let from = 0;
  for (;;) {
    const lt = xml.indexOf(open, from);
    if (lt < 0) return out;
    const after = xml.charCodeAt(lt + open.length);
    if (!(after === 32 || after === 9 || after === 10 || after === 13 || after === 62 || after === 47)) {
      from = lt + open.length;
      continue;
    }
    let gt = -1;
    let quote = 0;
    for (let j = lt + open.length; j < xml.length; j++) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) {
        gt = j;
        break;
      } else if (c === 60) break;
    }
    if (gt < 0) throw new DataError({ file, column: "content.xml", value: xml.slice(lt, lt + 40), expected: "a terminated <table:table> tag" });
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const name = parseXmlAttributes(xml.slice(lt + open.length, selfClosing ? gt - 1 : gt), file)["table:name"];
    if (selfClosing) {
      if (name !== undefined) out.push({ name, body: "" });
      from = gt + 1;
      continue;
    }
    const re = /<(\/?)table:table[\s>]/g;
    re.lastIndex = gt + 1;
    let depth = 1;
    let end = -1;
    let m: RegExpExecArray | null;
    while ((m = re.exec(xml)) !== null) {
      depth += m[1] === "/" ? -1 : 1;
      if (depth === 0) {
        end = m.index;
        break;
      }
    }
    if (end < 0) throw new DataError({ file, sheet: name ?? "(unnamed table)", expected: "a closing </table:table> tag" });
    if (name !== undefined) out.push({ name, body: xml.slice(gt + 1, end) });
    from = end;
  }
}

function outcome(f: () => { name: string; body: string }[]): unknown {
  try {
    return f();
  } catch (e) {
    if (e instanceof DataError) return `DataError: ${e.message}`;
    throw e;
  }
}

const PIECES = [
  '<table:table table:name="A">', '<table:table table:name="Bé">', "<table:table>", '<table:table table:name="S"/>', "</table:table>", "</table:table ",
  "<table:table-row>", "</table:table-row>", "<table:table\u00a0>", "</table:table\u2028", "</table:table\u3000>", "</table:table\ufeff", "</table:table\u00e9",
  "<table:table:table:table>", "é", "✓", "\u{1F600}", "\ufeff", "x", " ", ">", "<", '"', "'", "<text:p>v</text:p>",
];

test("the byte scan finds the sheets and bodies the text scan finds, or fails with the same DataError", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
      const xml = pieces.join("");
      const bytes = Buffer.from(xml, "utf8");
      const byBytes = outcome(() => odsTablesInBytes(bytes, "f.ods").map((t) => ({ name: t.name, body: decodeSlice(bytes, t.bodyStart, t.bodyEnd) })));
      assert.deepEqual(byBytes, outcome(() => textScan(xml, "f.ods")), JSON.stringify(xml));
    }),
    { numRuns: 2000 },
  );
});

test("a table whose end tag is followed by a Unicode space (U+2028) closes; nested tables are counted", () => {
  const xml = Buffer.from('<table:table table:name="Outer"><table:table table:name="Inner">é</table:table\u2028>✓</table:table\u3000><table:table table:name="Next"/>');
  const tables = odsTablesInBytes(xml, "f.ods");
  assert.deepEqual(tables.map((t) => t.name), ["Outer", "Next"]);
  assert.equal(decodeSlice(xml, tables[0].bodyStart, tables[0].bodyEnd), '<table:table table:name="Inner">é</table:table\u2028>✓');
});

test("tagEndByte finds the > ending a tag past quoted values, and tells a tag a < ends (-1) from one the bytes cut (-2)", () => {
  const bytes = (s: string) => Buffer.from(s, "utf8");
  assert.equal(tagEndByte(bytes('<a b=">">x'), 2), 8);
  assert.equal(tagEndByte(bytes("<a b='>\"'>x"), 2), 9);
  assert.equal(tagEndByte(bytes('<a b="é"<c>'), 2), -1);
  assert.equal(tagEndByte(bytes('<a b=">'), 2), -2);
  assert.equal(tagEndByte(bytes("<a b"), 2), -2);
  // `end` cuts as the end of the bytes does
  assert.equal(tagEndByte(bytes('<a b="x">'), 2, 8), -2);
  assert.equal(tagEndByte(bytes('<a b="x">'), 2, 9), 8);
});
