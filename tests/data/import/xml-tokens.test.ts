/** The tag-name scan finds the first white space exactly where a regular expression's `\s` does; visitStartTags finds the tags (and errors) xmlTokens does. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { decodeXmlText, indexOfJsSpace, parseXmlAttributes, visitStartTags, xmlTokens } from "../../../lib/data/import/spreadsheet/xml-tokens";

/** Every character `\s` matches below U+10000, and their neighbours. */
const SPACES = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, k) => 0x2000 + k), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
const OTHERS = [8, 14, 31, 33, 0x85, 0x9f, 0xa1, 0x167f, 0x1681, 0x1fff, 0x200b, 0x2027, 0x202a, 0x202e, 0x2030, 0x205e, 0x2060, 0x2fff, 0x3001, 0xfefe, 0xffff, 97, 0xe9];

test("indexOfJsSpace(s) === s.search(/\\s/) on strings of spaces and near-spaces", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...SPACES, ...OTHERS), { maxLength: 12 }), (codes) => {
      const s = String.fromCharCode(...codes);
      assert.equal(indexOfJsSpace(s), s.search(/\s/), JSON.stringify(s));
    }),
    { numRuns: 3000 },
  );
  for (let c = 0; c < 0x10000; c++) assert.equal(indexOfJsSpace(String.fromCharCode(c)), /\s/.test(String.fromCharCode(c)) ? 0 : -1, `U+${c.toString(16)}`);
});

/** Pieces of markup, good and broken, from which documents for the property below are made. */
const MARKUP = ["<", ">", "/", "/>", "</", "<!--", "-->", "<![CDATA[", "]]>", "<?", "?>", "<!DOCTYPE x>", "sheet", "sheets", "sheetX", " ", "\t", "\u00a0", "\u2028", '"', "'", "name=", '="a"', "='b'", "x", "&amp;", "&bad;", "=", "\n"];

/** The sheet names as xlsxSheetNames read them with xmlTokens: the value, or what was thrown. */
function sheetNamesByTokens(xml: string): unknown {
  try {
    const out: string[] = [];
    for (const t of xmlTokens(xml, "w.xml")) if (t.kind === "open" && t.name === "sheet") out.push(parseXmlAttributes(t.attrs, "w.xml").name ?? "");
    return { value: out };
  } catch (e) {
    return { thrown: String(e), error: JSON.stringify(e) };
  }
}

function sheetNamesByVisit(xml: string): unknown {
  try {
    const out: string[] = [];
    visitStartTags(xml, "w.xml", "sheet", (attrs) => out.push(parseXmlAttributes(attrs, "w.xml").name ?? ""));
    return { value: out };
  } catch (e) {
    return { thrown: String(e), error: JSON.stringify(e) };
  }
}

test("visitStartTags gives the attributes of the tags xmlTokens opens with that name, and throws where xmlTokens (or the visit) throws (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...MARKUP), { maxLength: 30 }), (pieces) => {
      const xml = pieces.join("");
      assert.deepEqual(sheetNamesByVisit(xml), sheetNamesByTokens(xml), JSON.stringify(xml));
    }),
    { numRuns: 20000 },
  );
  const workbook = '<?xml version="1.0"?><workbook><sheets><sheet name="Notes" sheetId="1"/><sheet name="IMD" sheetId="2"></sheet><sheet\tname="IDACI"/></sheets><definedNames><definedName name="x">\'IMD\'!$A$1</definedName></definedNames></workbook>';
  assert.deepEqual(sheetNamesByVisit(workbook), { value: ["Notes", "IMD", "IDACI"] });
});

test("a '>' or '/>' in a quoted attribute value (either quote) does not end the tag, for xmlTokens and visitStartTags alike", () => {
  // XML 1.0 §2.3 forbids only '<' and '&' in an attribute value; Python's expat reads this document the same way
  const xml = `<sheets><sheet note="a>b" name='List 3'>t</sheet><sheet name="x/>y" note='">"'/><sheet note='name="Fake"' name="Notes" /></sheets>`;
  const tokens = [...xmlTokens(xml, "x.xml")].map((t) => (t.kind === "open" ? `<${t.name}${t.selfClosing ? "/" : ""}${t.attrs}` : t.kind === "close" ? `>${t.name}` : `t:${t.text}`));
  assert.deepEqual(tokens, ["<sheets", `<sheet note="a>b" name='List 3'`, "t:t", ">sheet", `<sheet/ name="x/>y" note='">"'`, `<sheet/ note='name="Fake"' name="Notes" `, ">sheets"]);
  assert.deepEqual(sheetNamesByVisit(xml), { value: ["List 3", "x/>y", "Notes"] });
  assert.deepEqual(sheetNamesByTokens(xml), { value: ["List 3", "x/>y", "Notes"] });
});

test("a stray '<' in a cell's text, or markup left open after it, is an error quoting only the markup ('<', '<?', '<!--', '<![CDATA[', a DTD keyword), never the text after it (it may be a child's id), for xmlTokens and visitStartTags alike", () => {
  const cases: [string, string, string][] = [
    ["<t>N001<2345</t>", "<", "a terminated XML tag"],
    ["<t>N001< 2345</t>", "<", "a terminated XML tag"],
    ["<t>N001<2345", "<", "a terminated XML tag"],
    ["<t>N001< 23>45</t>", "<", "a tag name after '<'"],
    ["<t>N001<?2345</t>", "<?", "a terminated processing instruction"],
    ["<t>N001<!--2345</t>", "<!--", "a terminated XML comment"],
    ["<t>N001<![CDATA[2345</t>", "<![CDATA[", "a terminated CDATA section"],
    ["<t>N001<!2345</t>", "<!", "no DOCTYPE or DTD declarations in a spreadsheet part"],
    ["<t>N001<!ENTITY2345</t>", "<!ENTITY", "no DOCTYPE or DTD declarations in a spreadsheet part"],
  ];
  for (const [xml, value, expected] of cases) {
    const message = `x.xml: got ${JSON.stringify(value)}, expected ${expected}`;
    assert.throws(() => [...xmlTokens(xml, "x.xml")], (e: unknown) => e instanceof Error && e.message === message, `xmlTokens: ${xml}`);
    assert.throws(() => visitStartTags(xml, "x.xml", "t", () => {}), (e: unknown) => e instanceof Error && e.message === message, `visitStartTags: ${xml}`);
  }
});

test("a bad reference is quoted when complete (&bogus;, &#1114112;), only its '&' when its ';' is missing: what follows an unescaped '&' in a cell may be a child's id", () => {
  const entities = "one of the predefined XML entities (&amp; &lt; &gt; &quot; &apos;)";
  const cases: [string, string, string][] = [
    ["N0&bogus;12", "&bogus;", entities],
    ["&#1114112;", "&#1114112;", "a valid XML character reference"],
    ["N&Jones12", "&", entities],
    ["N001&amp2345", "&", entities],
    ["N001&#2345 ", "&", "a valid XML character reference"],
  ];
  for (const [text, value, expected] of cases) {
    assert.throws(() => decodeXmlText(text, "x.xml"), (e: unknown) => e instanceof Error && e.message === `x.xml: got ${JSON.stringify(value)}, expected ${expected}`, text);
  }
});
