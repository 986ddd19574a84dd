import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import { streamXmlFile } from "../../lib/returns/xml-file-stream";
import { XmlByteTokenizer, type XmlStreamHandler } from "../../lib/returns/xml-stream";
import { referenceXmlEvents, XmlEventList } from "./xml-reference";
import { tempDir } from "./helpers";

/** Names the handler says it compares with (the tokenizer reports these very strings). */
const KNOWN = ["Child", "LAchildID", "CINreferralDate"];

/** The tokenizer's events in the reference's form (texts between two tags merged; an error ends the list). */
function collect(run: (handler: XmlStreamHandler) => void): string[] {
  const events = new XmlEventList();
  try {
    run({ names: KNOWN, open: (name) => events.tag(`<${name}`), close: (name) => events.tag(`>${name}`), text: (text) => events.text(text) });
    events.endText();
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    events.error(error.message);
  }
  return events.list;
}

/** The document pushed in pieces cut at the given byte offsets. */
function pushedAt(doc: Buffer, cuts: readonly number[]): string[] {
  return collect((handler) => {
    const tokenizer = new XmlByteTokenizer("x.xml", handler);
    let from = 0;
    for (const cut of [...cuts, doc.length]) {
      tokenizer.push(doc.subarray(from, cut));
      from = cut;
    }
    tokenizer.finish();
  });
}

/** The document pushed in chunks of `size` bytes. */
function pushed(doc: Buffer, size: number): string[] {
  const cuts: number[] = [];
  for (let at = size; at < doc.length; at += size) cuts.push(at);
  return pushedAt(doc, cuts);
}

const atByte = (offset: number) => `at byte ${offset}`;

/** The reference reads `text` as `expected`, and so does the tokenizer, cut at every byte and pushed byte by byte. */
function readsEverywhere(text: string, expected: readonly string[]): void {
  const doc = Buffer.from(text, "utf8");
  assert.deepEqual(referenceXmlEvents(doc, "x.xml", atByte), expected, text);
  for (let cut = 0; cut <= doc.length; cut++) assert.deepEqual(pushedAt(doc, [cut]), expected, `${text} cut at ${cut}`);
  assert.deepEqual(pushed(doc, 1), expected, `${text} byte by byte`);
}

/**
 * The events with the quoted value of a DOCTYPE error left out: the tokenizer quotes up to 20 bytes from the '<',
 * but only those already in its buffer, so the quote depends on where a chunk ends (kept as the tokenizer has always
 * done it; the kind of error and its byte offset do not depend on it).
 */
function withoutBufferQuote(events: string[]): string[] {
  return events.map((event) => event.replace(/^(!.*?: got ").*(", expected no DOCTYPE)/s, "$1…$2"));
}

/** Seeded pseudo-random numbers in [0, 1) (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// names that are prefixes of one another, non-ASCII, a name ending in '/' (what `<a/ x>` opens), known and unknown
const NAMES = ["a", "ab", "abc", "Child", "ChildX", "Chil", "CINreferralDate", "CINreferralDat", "LAchildID", "é", "naïve", "x1234567", "LEA"];
const TEXTS = ["2023-03-31", "N0000001", "0", " ", "\n", "a &amp; b", "&lt;&gt;&quot;&apos;", "&#233;", "&#x2603;", "é€𝄞", "x".repeat(300), "  2023-01-01  ", "é".repeat(140) + "&amp;", "\r\n\t"];
const MARKUP = [
  "<!-- c > d -->", "<![CDATA[<raw> & ]]>", "<?pi x?>", "<a b='1' c=\"2\"/>", "<a\tb=\"1\"></a>", "<CINreferralDate x='1'>2023</CINreferralDate >",
  "<a b=\"x>y\" c='/>'/>", "<Child note='a>b'>2023</Child>", "<ab x=\"'/>'\" y='\">\"'>é</ab>",
];
const HOSTILE = ["<", "</", "<>", "< a>", "</zz>", "<!DOCTYPE x>", "<!-- unterminated", "<?pi", "<![CDATA[ open", "&", "&amp", "&bogus;", "&#xZZ;", "&#1114112;", "<a/ >", "<a/ x>", "<a b=\"x>y\">", "\ufeff", "]]>", "<!x>", "<!-", "</a/>", "\u00a0", "<a b=\"x", "<a b='x>", "<a b=\"x/>", "<a b='x\">", "<a <b>", "<a b=\"1\"<"];

/** A random document: mostly well-formed nesting of the pieces above, sometimes hostile, cut short or with a BOM. */
function randomDocument(next: () => number): Buffer {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const content = (depth: number): string => {
    let out = "";
    for (let k = 1 + Math.floor(next() * 4); k > 0; k--) {
      const r = next();
      if (r < 0.01) out += pick(HOSTILE);
      else if (r < 0.3) out += pick(TEXTS);
      else if (r < 0.4) out += `<${pick(NAMES)}/>`;
      else if (r < 0.47) out += pick(MARKUP);
      else if (depth < 4) {
        const name = pick(NAMES);
        out += `<${name}>${next() < 0.4 ? pick(TEXTS) : content(depth + 1)}</${next() < 0.01 ? pick(NAMES) : name}>`;
      }
    }
    return out;
  };
  let doc = `${next() < 0.2 ? "\ufeff" : ""}${next() < 0.5 ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ""}<Message>${content(0)}</Message>${next() < 0.3 ? "\n" : ""}`;
  if (next() < 0.1) doc = doc.slice(0, Math.floor(next() * doc.length));
  if (next() < 0.05) doc += pick(HOSTILE);
  return Buffer.from(doc, "utf8");
}

test("random documents, valid and hostile, give the reference's events and errors, whole and in chunks of any size", () => {
  const next = random(19);
  let failures = 0;
  for (let k = 0; k < 400; k++) {
    const doc = randomDocument(next);
    const expected = referenceXmlEvents(doc, "x.xml", atByte, KNOWN);
    if (expected[expected.length - 1]?.startsWith("!")) failures++;
    const random = 1 + Math.floor(next() * doc.length);
    assert.deepEqual(pushed(doc, doc.length || 1), expected, `document ${k} whole: ${JSON.stringify(doc.toString())}`);
    for (const size of [1, 2, 3, 5, 8, random]) {
      assert.deepEqual(withoutBufferQuote(pushed(doc, size)), withoutBufferQuote(expected), `document ${k}, chunks of ${size}: ${JSON.stringify(doc.toString())}`);
    }
  }
  // the generator must exercise both outcomes
  assert.ok(failures > 40 && failures < 360, `${failures} of 400 documents are errors`);
});

/** Tags that start alike: a name, a longer or shorter one, with '/' in odd places, with attributes. */
const LOOKALIKES = ["<a>1</a>", "<a/>", "<ab/>", "<a/ x></a/>", "<a/x></a/x>", "<a x='1'/>", "<a\n/>", "<a></a >", "<Chil/>", "<Child>2</Child>", "<Child >x</Child>", "<é/>"];

test("a tag like the one that followed the same tag before is read by its own name (every pair of look-alikes)", () => {
  for (const first of LOOKALIKES) {
    for (const second of LOOKALIKES) {
      // after </c> the first tag is seen, so the tokenizer's guess for the second tag is the first one
      const doc = Buffer.from(`<M><c></c>${first}<c></c>${second}<c></c>${first}</M>`, "utf8");
      const expected = referenceXmlEvents(doc, "x.xml", atByte, KNOWN);
      assert.deepEqual(pushed(doc, doc.length), expected, `${first} then ${second}`);
      assert.deepEqual(pushed(doc, 7), expected, `${first} then ${second}, chunks of 7`);
    }
  }
});

/** A small document with every kind of token the tokenizer knows. */
const EVERYTHING = Buffer.from(
  '\ufeff<?xml version="1.0"?>\n<Message><!-- a comment > with a bracket -->\n' +
    "<Child><LAchildID>Zoë &amp; &lt;1&gt; &#233;&#x2603;</LAchildID><CINreferralDate>2023-03-31</CINreferralDate>" +
    "<CINclosureDate/><a x='1' y=\"2\">𝄞</a><a x='1'/><![CDATA[<raw> &amp;]]><b>\r\n</b></Child >\n<Child><LAchildID>N2</LAchildID></Child></Message>\n",
  "utf8",
);

test("a document cut into two pieces at every byte gives the same events as whole", () => {
  const expected = referenceXmlEvents(EVERYTHING, "x.xml", atByte, KNOWN);
  assert.equal(expected.filter((event) => event === ">Child").length, 2);
  assert.ok(expected.includes("t:Zoë & <1> é☃"));
  assert.deepEqual(pushedAt(EVERYTHING, []), expected);
  for (let cut = 0; cut <= EVERYTHING.length; cut++) assert.deepEqual(pushedAt(EVERYTHING, [cut]), expected, `cut at ${cut}`);
  for (let cut = 1; cut < EVERYTHING.length; cut++) assert.deepEqual(pushedAt(EVERYTHING, [cut - 1, cut]), expected, `one byte alone at ${cut - 1}`);
});

/**
 * Start tags whose quoted attribute values hold '>' and '/>' (XML 1.0 §2.3 forbids only '<' and '&' in a value), in
 * both quote styles, on elements with text and on self-closing ones, with known and predicted names.
 */
const ATTRIBUTES = Buffer.from(
  `<Message xmlns="urn:cin" note='a>b'><Child note="a>b">x</Child><Child note="x/>y">z</Child><Child>plain</Child>` +
    `<Child note='1>2' other="'/>'">w</Child><e a="1>2"/><e b='/>'/><e c="'>'" d='">"' /><e\n  a = "x>y"\n/>` +
    `<LAchildID x="é>€">N1</LAchildID><CINreferralDate when=">">2023-03-31</CINreferralDate><Child note="&gt;/&amp;">v</Child>` +
    `<Child note="/>" >u</Child ></Message>`,
  "utf8",
);

/** ATTRIBUTES' events as a conforming parser (Python's expat) reads the document, attributes left out. */
const ATTRIBUTES_EVENTS = [
  "<Message",
  ...["x", "z", "plain", "w"].flatMap((text) => ["<Child", `t:${text}`, ">Child"]),
  ...["<e", ">e", "<e", ">e", "<e", ">e", "<e", ">e"],
  ...["<LAchildID", "t:N1", ">LAchildID", "<CINreferralDate", "t:2023-03-31", ">CINreferralDate"],
  ...["v", "u"].flatMap((text) => ["<Child", `t:${text}`, ">Child"]),
  ">Message",
];

test("a '>' or '/>' in a quoted attribute value does not end the tag: a conforming parser's events, whole, cut anywhere and streamed in chunks of every size", () => {
  assert.deepEqual(referenceXmlEvents(ATTRIBUTES, "x.xml", atByte), ATTRIBUTES_EVENTS);
  assert.deepEqual(pushedAt(ATTRIBUTES, []), ATTRIBUTES_EVENTS);
  for (let cut = 0; cut <= ATTRIBUTES.length; cut++) assert.deepEqual(pushedAt(ATTRIBUTES, [cut]), ATTRIBUTES_EVENTS, `cut at ${cut}`);
  for (let cut = 1; cut < ATTRIBUTES.length; cut++) assert.deepEqual(pushedAt(ATTRIBUTES, [cut - 1, cut]), ATTRIBUTES_EVENTS, `one byte alone at ${cut - 1}`);
  const file = path.join(tempDir(), "attributes.xml");
  fs.writeFileSync(file, ATTRIBUTES);
  for (let size = 1; size <= ATTRIBUTES.length; size++) assert.deepEqual(collect((handler) => streamXmlFile(file, handler, "x.xml", size)), ATTRIBUTES_EVENTS, `chunks of ${size}`);
  // the last tag of a document, with no '<' after it
  const root = Buffer.from(`<r a="x>y" b='/>'/>\n`, "utf8");
  assert.deepEqual(referenceXmlEvents(root, "x.xml", atByte), ["<r", ">r"]);
  for (let cut = 0; cut <= root.length; cut++) assert.deepEqual(pushedAt(root, [cut]), ["<r", ">r"], `root cut at ${cut}`);
});

test("an attribute value whose quote is not closed is an error at the next '<' naming the quote expected, or at the end of the input, in pieces of any size", () => {
  const failure = (value: string, expected: string) => `!x.xml: got ${JSON.stringify(value)}, expected ${expected}`;
  const unclosed = (quote: string, at: number) => `the closing ${quote} of an attribute value (a '<' may not appear in one) (at byte ${at})`;
  const cut = "a complete XML document (the file ends inside a tag)";
  const cases: [string, string][] = [
    // a conforming parser (expat) stops at the same '<': "not well-formed (invalid token): line 1, column 11"
    ['<r><e a="x></e></r>', failure("<", unclosed('"', 11))],
    ['<r><e a="x></e><f b="1"/></r>', failure("<", unclosed('"', 11))],
    [`<r><e a='x"></e></r>`, failure("<", unclosed("'", 12))],
    ['<r><e a="x/>y</r>', failure("<", unclosed('"', 13))],
    ['<r><e a="1" <f/></r>', failure("<", "'>' ending the start tag before the next '<' (at byte 12)")],
    ['<r><e a="x>', failure("<", `${cut} (at byte 3)`)],
    ["<r><e a='x>y\n", failure("<", `${cut} (at byte 3)`)],
  ];
  for (const [text, error] of cases) readsEverywhere(text, ["<r", error]);
});

test("a '<' in a start tag (in its name or after it) or in an end tag, or without a name, is an error at that '<' quoting no text of the document (a stray '<' may come in a child's id), in pieces of any size", () => {
  const failure = (expected: string, at: number) => `!x.xml: got "<", expected ${expected} (at byte ${at})`;
  const noGt = "'>' ending the start tag before the next '<'";
  const unclosed = `the closing " of an attribute value (a '<' may not appear in one)`;
  const cases: [string, string[]][] = [
    // expat: "not well-formed (invalid token)" at the second '<' (a name may not hold one, XML 1.0 §2.3)
    ["<r><e<f>x</e<f></r>", ["<r", failure(noGt, 5)]],
    ["<Message><LAchildID>N001<2345</LAchildID></Message>", ["<Message", "<LAchildID", failure(noGt, 29)]],
    ["<Message><LAchildID>N001<2345 </LAchildID></Message>", ["<Message", "<LAchildID", failure(noGt, 30)]],
    ['<Message><LAchildID a="x>N0012345</LAchildID></Message>', ["<Message", failure(unclosed, 33)]],
    // a '<' without a name, or in an end tag's name: expat stops at the '<' after '<' or '</', and at the second '<'
    ["<Message><LAchildID>N001< 23>45</LAchildID></Message>", ["<Message", "<LAchildID", failure("a tag name after '<'", 24)]],
    ["<Message><LAchildID>N001</2345</LAchildID></Message>", ["<Message", "<LAchildID", failure("'>' ending the end tag before the next '<'", 30)]],
  ];
  for (const [text, expected] of cases) readsEverywhere(text, expected);
});

test("text outside the root element is an error at its first byte that is not white space, quoting none of it (it may be a child's id), whole, cut anywhere and in chunks of any size", () => {
  const outside = (at: number, line = "") => `!x.xml: got "text", expected markup, not text, outside the root element (at ${line}byte ${at})`;
  const cases: [string, string[]][] = [
    ["<Message></Message>N0012345", ["<Message", ">Message", outside(19)]],
    ["<Message></Message>\n  N0012345\n<Message/>", ["<Message", ">Message", outside(22)]],
    [" \n\tN0012345<Message/>", [outside(3)]],
    ["é", [outside(0)]],
  ];
  for (const [text, expected] of cases) readsEverywhere(text, expected);
  // white space longer than the text held back at a chunk's end, passed on in pieces wherever the chunks end
  const long = Buffer.from(`<r/>${" ".repeat(70_000)}N0012345<r/>`);
  const file = path.join(tempDir(), "outside.xml");
  fs.writeFileSync(file, long);
  for (const size of [4096, 65_536, 70_001, 1 << 20]) assert.deepEqual(collect((handler) => streamXmlFile(file, handler, "x.xml", size)), ["<r", ">r", outside(70_004, "line 1, ")], `chunks of ${size}`);
});

test("a second element after the root closed (two census files joined into one) is an error at its '<' quoting none of it, whole, cut anywhere and in chunks of any size; white space, comments and instructions may follow the root", () => {
  const second = (at: number) => `!x.xml: got "<", expected one root element: a second element starts after the root closed (at byte ${at})`;
  const declaration = (at: number) => `!x.xml: got "<?xml", expected an XML declaration only at the start of the document, before the root element (at byte ${at})`;
  const cases: [string, string[]][] = [
    // expat: "junk after document element" at the second root's '<'
    ["<Message><Child>N1</Child></Message><Message><Child>N2</Child></Message>", ["<Message", "<Child", "t:N1", ">Child", ">Message", second(36)]],
    ["<r/><r/>", ["<r", ">r", second(4)]],
    ["<r>N1</r>\n<r>N2</r>", ["<r", "t:N1", ">r", second(10)]],
    // the root's name closed before as a child's, so the scanner predicts the tag that followed it then
    ["<a><a></a><b/></a><b/>", ["<a", "<a", ">a", "<b", ">b", ">a", second(18)]],
    ["<r/>\n<!-- c --><?pi x?><?xml-stylesheet href='s'?>\n<r/>", ["<r", ">r", second(51)]],
    ["<r/><b", ["<r", ">r", second(4)]],
    // the second file's declaration (after its byte-order mark, which is white space to trim) comes first
    ['<?xml version="1.0"?>\n<r>N1</r>\n\ufeff<?xml version="1.0"?>\n<r>N2</r>\n', ["<r", "t:N1", ">r", declaration(35)]],
    ['<r><?xml version="1.0"?></r>', ["<r", declaration(3)]],
    ["<r/>\n<!-- c --><?pi x?><?xml-stylesheet href='s'?>\n", ["<r", ">r"]],
  ];
  for (const [text, expected] of cases) readsEverywhere(text, expected);
});

test("a long attribute value without its closing quote is held until the end of the file, then an error", () => {
  const file = path.join(tempDir(), "unclosed.xml");
  fs.writeFileSync(file, `<r><e a="${"x>".repeat(100_000)}`);
  for (const size of [4096, 65_536, 1 << 20]) {
    const error = `!x.xml: got "<", expected a complete XML document (the file ends inside a tag) (at line 1, byte 3)`;
    assert.deepEqual(collect((handler) => streamXmlFile(file, handler, "x.xml", size)), ["<r", error], `chunks of ${size}`);
  }
});

test("a file streamed in chunks of every size up to its length gives the reference's events, and its errors name the line", () => {
  const dir = tempDir();
  const next = random(7);
  const documents = [EVERYTHING, Buffer.from("<Message>\n<Child>\n</Children>\n</Message>\n"), Buffer.from("<a>\n<b>x &bogus; y</b></a>")];
  for (let k = 0; k < 30; k++) documents.push(randomDocument(next));
  documents.forEach((doc, k) => {
    const file = path.join(dir, `doc${k}.xml`);
    fs.writeFileSync(file, doc);
    const atLine = (offset: number) => `at line ${doc.subarray(0, offset).toString("latin1").split("\n").length}, byte ${offset}`;
    const expected = referenceXmlEvents(doc, "doc.xml", atLine, KNOWN);
    const sizes = k === 0 ? Array.from({ length: doc.length }, (_, size) => size + 1) : [1, 3, 64];
    assert.deepEqual(collect((handler) => streamXmlFile(file, handler, "doc.xml")), expected, `document ${k} in one chunk`);
    for (const size of sizes) {
      const events = collect((handler) => streamXmlFile(file, handler, "doc.xml", size));
      assert.deepEqual(withoutBufferQuote(events), withoutBufferQuote(expected), `document ${k}, chunks of ${size}`);
    }
  });
});

test("the reference itself: a mismatched closing tag names the expected tag, the line and the byte", () => {
  const doc = Buffer.from("<Message>\n<Child>\n</Children>\n</Message>\n");
  const atLine = (offset: number) => `at line ${doc.subarray(0, offset).toString("latin1").split("\n").length}, byte ${offset}`;
  const events = referenceXmlEvents(doc, "bad.xml", atLine).filter((event) => !event.startsWith("t:"));
  assert.deepEqual(events.slice(0, 2), ["<Message", "<Child"]);
  assert.match(events[2], /^!bad\.xml.*<\/Children>.*<\/Child> \(at line 3, byte 18\)/s);
});
