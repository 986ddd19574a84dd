import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../lib/errors";
import { XmlByteTokenizer } from "../../lib/returns/xml-stream";
import { XmlChunkTokenizer } from "../../lib/returns/xml-chunk-tokenizer";

function tokens(xml: string, chunk: number): string[] {
  const out: string[] = [];
  let text = "";
  const flush = () => {
    if (text.trim() !== "") out.push(`text:${text.trim()}`);
    text = "";
  };
  const t = new XmlChunkTokenizer("x.xml", {
    open: (n) => (flush(), out.push(`open:${n}`)),
    close: (n) => (flush(), out.push(`close:${n}`)),
    text: (s) => (text += s),
  });
  for (let i = 0; i < xml.length; i += chunk) t.push(xml.slice(i, i + chunk));
  t.finish();
  return out;
}

test("tokens are the same whatever the chunk size (tags, text, entities, comments and CDATA split across chunks)", () => {
  const xml = '<?xml version="1.0"?>\n<a x="1"><!-- c > d --><b>one &amp; two &#233;</b><c/><![CDATA[<raw>]]><d>2023-03-31</d></a>';
  const whole = tokens(xml, xml.length);
  assert.deepEqual(whole, ["open:a", "open:b", "text:one & two é", "close:b", "open:c", "close:c", "text:<raw>", "open:d", "text:2023-03-31", "close:d", "close:a"]);
  for (const size of [1, 2, 3, 5, 7, 13]) assert.deepEqual(tokens(xml, size), whole, `chunk ${size}`);
});

test("a document cut inside a tag is an error", () => {
  assert.throws(() => tokens("<a><b", 100), /complete XML document/);
  assert.throws(() => tokens("<a></b>", 100), /<\/a>/);
});

test("a '<!' that is not a comment or CDATA is refused quoting only its DTD keyword or '<!', never what follows (it may be part of a child's id)", () => {
  assert.throws(() => tokens("<r><LAchildID><!N0012345678</LAchildID></r>", 100), (e: unknown) => e instanceof DataError && e.message.includes('got "<!", expected no DOCTYPE or DTD declarations') && !/N001|2345/.test(e.message));
  assert.throws(() => tokens('<!DOCTYPE r [<!ENTITY x "y">]><r/>', 100), (e: unknown) => e instanceof DataError && e.message.includes('got "<!DOCTYPE", expected no DOCTYPE'));
});

test("a document that ends inside a tag is an error at that tag's '<', quoting only the '<' (what follows it may be part of a child's id), in pieces of any size", () => {
  const xml = "<Message><Children><Child><ChildIdentifiers><LAchildID>N001<2345 67";
  for (const size of [1, 2, 5, 16, xml.length]) {
    assert.throws(
      () => tokens(xml, size),
      (e: unknown) => e instanceof DataError && !/2345|N001/.test(e.message) && e.message.includes('got "<", expected a complete XML document (the file ends inside a tag) (at byte 59)'),
      `pieces of ${size}`,
    );
  }
});

test("an entity without its ';' before a tag is an error, even when it ends a chunk", () => {
  assert.throws(() => tokens("<a>x &amp</a>", 100), /predefined XML entities/);
  assert.throws(() => tokens("<a>x &amp</a>", 8), /predefined XML entities/);
});

test("an unescaped '&' in a child's id is an error quoting only the '&', in pieces of any size", () => {
  for (const size of [1, 3, 7, 100]) {
    assert.throws(() => tokens("<r><LAchildID>N&Jones12</LAchildID></r>", size), (e: unknown) => e instanceof DataError && e.message.includes('got "&", expected one of the predefined XML entities') && !/Jones|N&/.test(e.message), `pieces of ${size}`);
  }
});

test("a census file streamed in small chunks (multi-byte characters split between them) gives the same tokens as in one chunk", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { streamXmlFile } = await import("../../lib/returns/xml-file-stream");
  const { cinXml, tempDir } = await import("./helpers");
  const file = path.join(tempDir(), "cin.xml");
  const details = Array.from({ length: 200 }, (_, k) => ({ id: `Zoë-${k}-é€`, details: [`<CINreferralDate>2023-05-0${1 + (k % 9)}</CINreferralDate>`] }));
  fs.writeFileSync(file, cinXml(2024, details));
  const collect = (chunk: number) => {
    const out: string[] = [];
    let text = "";
    streamXmlFile(file, { open: (n) => out.push(`<${n}`), close: (n) => (out.push(`${text.trim()}>${n}`), (text = "")), text: (t) => (text += t) }, "cin.xml", chunk);
    return out;
  };
  const whole = collect(1 << 20);
  assert.ok(whole.includes("Zoë-7-é€>LAchildID"));
  for (const chunk of [1, 2, 3, 333]) assert.deepEqual(collect(chunk), whole, `chunk ${chunk}`);
});

test("a malformed census file names the line and byte of the problem", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { streamXmlFile } = await import("../../lib/returns/xml-file-stream");
  const { tempDir } = await import("./helpers");
  const file = path.join(tempDir(), "bad.xml");
  fs.writeFileSync(file, "<Message>\n<Children>\n<Child></Children>\n</Message>\n");
  const noop = { open() {}, close() {}, text() {} };
  assert.throws(() => streamXmlFile(file, noop, "bad.xml", 7), /bad\.xml.*<\/Child>.*line 3, byte 28/s);
});

test("a long text node (over the held-back limit) arrives whole, with references and multi-byte characters across chunk ends", () => {
  const body = "ab &amp; é€𝄞 &#233;".repeat(20_000);
  const expected = "ab & é€𝄞 é".repeat(20_000);
  for (const chunk of [4096, 65_537, 1 << 20]) {
    let text = "";
    const t = new XmlChunkTokenizer("x.xml", { open() {}, close() {}, text: (s) => (text += s) });
    const xml = `<a>${body}</a>`;
    for (let i = 0; i < xml.length; i += chunk) t.push(xml.slice(i, i + chunk));
    t.finish();
    assert.equal(text, expected, `chunk ${chunk}`);
  }
});

test("a byte-order mark and a surrogate pair split between chunks are read as in one chunk", () => {
  const xml = "\ufeff<a><b>𝄞x</b></a>";
  const whole = tokens(xml, xml.length);
  assert.deepEqual(whole, ["open:a", "open:b", "text:𝄞x", "close:b", "close:a"]);
  for (const size of [1, 2, 3]) assert.deepEqual(tokens(xml, size), whole, `chunk ${size}`);
});

/** The tokens of `doc` pushed as bytes in pieces cut at `cuts`, then the error's message ("!…") if it fails. */
function byteTokens(doc: Buffer, cuts: readonly number[]): string[] {
  const out: string[] = [];
  const t = new XmlByteTokenizer("x.xml", { open: (n) => out.push(`open:${n}`), close: (n) => out.push(`close:${n}`), text: (s) => out.push(`text:${s}`) });
  try {
    let from = 0;
    for (const cut of [...cuts, doc.length]) {
      t.push(doc.subarray(from, cut));
      from = cut;
    }
    t.finish();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    out.push(`!${e.message}`);
  }
  // texts merged, as pieces depend on the cuts
  return out.reduce<string[]>((merged, token) => {
    if (token.startsWith("text:") && merged.at(-1)?.startsWith("text:")) merged[merged.length - 1] += token.slice(5);
    else merged.push(token);
    return merged;
  }, []);
}

/** The document's tokens are the same whole, cut into two pieces at every byte and pushed in pieces of 1, 2 and 3 bytes; returns them. */
function sameWhereverCut(doc: Buffer): string[] {
  const whole = byteTokens(doc, []);
  for (let cut = 0; cut <= doc.length; cut++) assert.deepEqual(byteTokens(doc, [cut]), whole, `cut at byte ${cut}`);
  for (const size of [1, 2, 3]) {
    const cuts = Array.from({ length: Math.ceil(doc.length / size) }, (_, k) => k * size);
    assert.deepEqual(byteTokens(doc, cuts), whole, `pieces of ${size}`);
  }
  return whole;
}

test("characters of two, three and four bytes in names, attribute values, comments, CDATA and text read exactly, cut at every byte", () => {
  const xml = `<?xml version="1.0" encoding="utf-8"?><naïve é="€"><!-- 𝄞 --><b>é</b><![CDATA[€𝄞]]><?pi ö?><Zoë>x€𝄞é</Zoë></naïve>`;
  assert.deepEqual(sameWhereverCut(Buffer.from(xml)), ["open:naïve", "open:b", "text:é", "close:b", "text:€𝄞", "open:Zoë", "text:x€𝄞é", "close:Zoë", "close:naïve"]);
});

test("bytes that are not UTF-8 are an error naming the byte and its offset, wherever the document is cut, in text, names, values, comments, CDATA, instructions and at the end", () => {
  const at = (prefix: string) => Buffer.byteLength(prefix);
  const cases: [string, Buffer, Buffer, number][] = [];
  const bad = (before: string, bytes: number[], after: string) => {
    cases.push([`${before}|${after}`, Buffer.from(before), Buffer.from(bytes), at(before)]);
    return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
  };
  const docs = [
    bad("<a><b>N000000", [0xe9], "</b></a>"), // Latin-1 é
    bad("<a><b>x", [0x80], "y</b></a>"), // a lone continuation byte
    bad("<a><b>", [0xc3, 0x28], "</b></a>"), // a lead byte without its continuation
    bad("<a><b>", [0xed, 0xa0, 0x80], "</b></a>"), // a surrogate (CESU-8)
    bad("<a><b>", [0xc0, 0xaf], "</b></a>"), // an overlong '/'
    bad("<a><n", [0xe9], "/></a>"), // in a name
    bad('<a x="', [0xe9], '"></a>'), // in an attribute value
    bad("<a><!-- ", [0xe9], " --></a>"), // in a comment
    bad("<a><![CDATA[", [0xe9], "]]></a>"), // in CDATA
    bad("<a><?pi ", [0xe9], "?></a>"), // in a processing instruction
    bad("<a>x</a>", [0xe2, 0x82], ""), // a character cut short by the end of the file
  ];
  docs.forEach((doc, k) => {
    const [name, , bytes, offset] = cases[k];
    const tokens = sameWhereverCut(doc);
    const error = tokens.at(-1) ?? "";
    assert.match(error, new RegExp(`^!x\\.xml: got "byte 0x${bytes[0].toString(16)}", expected UTF-8 .*at byte ${offset}\\)$`, "s"), name);
    assert.ok(!tokens.some((t) => t.includes("\ufffd")), `${name}: no U+FFFD`);
  });
});

test("a long tag held over many pieces is checked as UTF-8 to its last byte: a bad byte at any place in it is an error at its offset, its valid characters of 2-4 bytes read exactly, in pieces of every size", () => {
  const value = "é€𝄞x".repeat(20);
  const valid = Buffer.from(`<a><b v="${value}">x</b></a>`);
  const expected = ["open:a", "open:b", "text:x", "close:b", "close:a"];
  const pieces = (doc: Buffer, size: number) => Array.from({ length: Math.ceil(doc.length / size) }, (_, k) => k * size);
  for (let size = 1; size <= 40; size++) assert.deepEqual(byteTokens(valid, pieces(valid, size)), expected, `pieces of ${size}`);
  const start = valid.indexOf('"') + 1;
  for (const bytes of [[0xe9], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0xaf]]) {
    // the bad bytes replace a whole character of the value
    for (let at = start; at < start + 30; at++) {
      const lead = valid[at];
      if ((lead & 0xc0) === 0x80) continue;
      const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      const doc = Buffer.concat([valid.subarray(0, at), Buffer.from(bytes), valid.subarray(at + length)]);
      const error = `!x.xml: got "byte 0x${bytes[0].toString(16)}", expected UTF-8 text (the one encoding read: re-save or export the census as UTF-8) (at byte ${at})`;
      for (const size of [1, 2, 3, 4, 5, 7, 11]) assert.deepEqual(byteTokens(doc, pieces(doc, size)), ["open:a", error], `${bytes} at ${at}, pieces of ${size}`);
    }
  }
});

test("a document's first error comes first: a malformed tag before a bad byte is reported as such, a bad byte before a malformed tag as a bad byte", () => {
  const doc = (first: string, second: string) => Buffer.concat([Buffer.from(`<a>${first}`), Buffer.from([0xe9]), Buffer.from(`${second}</a>`)]);
  assert.match(sameWhereverCut(doc("<b></c>", "")).at(-1) ?? "", /<\/c>/);
  assert.match(sameWhereverCut(doc("", "<b></c>")).at(-1) ?? "", /byte 0xe9/);
});

test("an encoding declared that does not extend ASCII is refused, naming it; UTF-8 in any case, or none, is read", () => {
  for (const encoding of ["UTF-16", "UTF-16LE", "IBM037", "Shift_JIS", "UTF-32"]) {
    for (const quote of ['"', "'"]) {
      const doc = Buffer.from(`<?xml version="1.0" encoding=${quote}${encoding}${quote} standalone="yes"?>\n<a>x</a>`);
      assert.match(sameWhereverCut(doc).at(-1) ?? "", new RegExp(`^!x\\.xml: got "encoding=\\\\"${encoding}\\\\"", expected UTF-8.*at byte 0\\)$`, "s"));
    }
  }
  for (const declaration of ['<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding = "Utf-8" ?>', '<?xml version="1.0"?>', '<?xml-stylesheet href="x"?>', ""]) {
    assert.deepEqual(sameWhereverCut(Buffer.from(`${declaration}<a>x</a>`)), ["open:a", "text:x", "close:a"], declaration);
  }
});

test("a document declared at its start in an encoding that extends ASCII is read while its bytes are ASCII; its first byte ≥ 0x80 is an error naming the byte, its offset and the encoding, wherever cut", () => {
  for (const encoding of ["ISO-8859-1", "iso-8859-15", "windows-1252", "US-ASCII", "latin1"]) {
    const declaration = `<?xml version="1.0" encoding="${encoding}"?>\n`;
    for (const bom of ["", "\ufeff"]) {
      assert.deepEqual(sameWhereverCut(Buffer.from(`${bom}${declaration}<a><b>N0012345</b>x</a>`)), ["open:a", "open:b", "text:N0012345", "close:b", "text:x", "close:a"], `${encoding}${bom}`);
    }
    // Latin-1 é, and UTF-8 é (which in ISO-8859-1 would be two other characters): neither is decoded
    for (const bytes of [[0xe9], [0xc3, 0xa9]]) {
      const before = `${declaration}<a><b>N000000`;
      const doc = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from("</b></a>")]);
      const hex = bytes[0].toString(16);
      const tokens = sameWhereverCut(doc);
      assert.deepEqual(tokens.slice(0, -1), ["open:a", "open:b"], `${encoding} ${hex}`);
      assert.match(tokens.at(-1) ?? "", new RegExp(`^!x\\.xml: got "byte 0x${hex}", expected ASCII only in a census declared ${encoding} .*UTF-8.*at byte ${Buffer.byteLength(before)}\\)$`, "s"), `${encoding} ${hex}`);
      assert.doesNotMatch(tokens.at(-1) ?? "", /N000000/, "no id in the message");
    }
  }
  // only a declaration that opens the document: after white space it is refused by its name, as before
  assert.match(sameWhereverCut(Buffer.from('\n<?xml version="1.0" encoding="ISO-8859-1"?><a>x</a>')).at(-1) ?? "", /got "encoding=\\"ISO-8859-1\\"", expected UTF-8/);
});

test("a UTF-16 document is refused as UTF-16, with its byte-order mark or without", () => {
  const little = Buffer.from("\ufeff<a>x</a>", "utf16le");
  const big = Buffer.from(little).swap16();
  for (const doc of [little, big, little.subarray(2), big.subarray(2)]) {
    assert.match(sameWhereverCut(doc).at(-1) ?? "", /^!x\.xml: got "byte-order mark|^!x\.xml: got "bytes/);
    assert.match(sameWhereverCut(doc).at(-1) ?? "", /UTF-16.*at byte 0\)$/s);
  }
});

test("a census file with a byte that is not UTF-8 names its line and byte", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { streamXmlFile } = await import("../../lib/returns/xml-file-stream");
  const { tempDir } = await import("../helpers/temp-dirs");
  const file = path.join(tempDir("vsw-xml-"), "bad.xml");
  fs.writeFileSync(file, Buffer.concat([Buffer.from("<Message>\n<Children>\n<Child>N"), Buffer.from([0xe9]), Buffer.from("</Child></Children>\n</Message>\n")]));
  const noop = { open() {}, close() {}, text() {} };
  for (const chunk of [1, 7, 1 << 20]) assert.throws(() => streamXmlFile(file, noop, "bad.xml", chunk), /bad\.xml: got "byte 0xe9", expected UTF-8.*line 3, byte 29\)/s, `chunk ${chunk}`);
});

test("a document of one or two bytes gives the error of any text outside the root element, or none when it is white space", () => {
  for (const doc of ["a", "ab", "é"]) assert.match(byteTokens(Buffer.from(doc), []).at(-1) ?? "", /markup, not text, outside the root element/, doc);
  for (const doc of ["", " ", "\r\n"]) assert.deepEqual(byteTokens(Buffer.from(doc), []), [], JSON.stringify(doc));
  assert.match(byteTokens(Buffer.from([0xef, 0xbb]), []).at(-1) ?? "", /byte 0xef/);
});

test("a declaration longer than 1,024 bytes is refused by its encoding wherever the document is cut, by a tokenizer and by a file read in chunks of any size", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { streamXmlFile } = await import("../../lib/returns/xml-file-stream");
  const { tempDir } = await import("../helpers/temp-dirs");
  const opening = '<?xml version="1.0" encoding="ISO-8859-1"';
  const refused = /got "encoding=\\"ISO-8859-1\\"", expected UTF-8.*byte 0\)$/s;
  // 1,024 bytes with its "?>" is the longest read as ASCII; one more is read as a declaration after the start
  for (const [length, tokens] of [[1024, ["open:a", "text:x", "close:a"]], [1025, null], [1100, null]] as const) {
    const doc = Buffer.from(`${opening}${" ".repeat(length - opening.length - 2)}?><a>x</a>`);
    const whole = sameWhereverCut(doc);
    if (tokens === null) assert.match(whole.at(-1) ?? "", refused, `${length} bytes`);
    else assert.deepEqual(whole, tokens, `${length} bytes`);
    const file = path.join(tempDir("vsw-xml-"), "long.xml");
    fs.writeFileSync(file, doc);
    for (const chunk of [1, 64, 1000, 1 << 20]) {
      const out: string[] = [];
      let error = "";
      try {
        streamXmlFile(file, { open: (n) => out.push(`open:${n}`), close: (n) => out.push(`close:${n}`), text: (s) => out.push(`text:${s}`) }, "x.xml", chunk);
      } catch (e) {
        error = String(e);
      }
      if (tokens === null) assert.match(error, /got "encoding=\\"ISO-8859-1\\"", expected UTF-8/, `${length} bytes, chunk ${chunk}`);
      else assert.deepEqual(out, tokens, `${length} bytes, chunk ${chunk}`);
    }
  }
});

test("an element named by a namespace prefix and one of the handler's names is an error, quoting its local name only, in pieces of any size; other prefixed names are read", () => {
  const withNames = (xml: string, chunk: number): string[] => {
    const out: string[] = [];
    const t = new XmlChunkTokenizer("x.xml", { names: ["Child"], open: (n) => out.push(`open:${n}`), close: (n) => out.push(`close:${n}`), text: () => undefined });
    for (let i = 0; i < xml.length; i += chunk) t.push(xml.slice(i, i + chunk));
    t.finish();
    return out;
  };
  for (const size of [1, 3, 100]) {
    for (const xml of ['<r><Child/><N0012:Child xmlns:N0012="urn:x">1</N0012:Child></r>', '<r><N0012:Child xmlns:N0012="urn:x"/></r>']) {
      assert.throws(
        () => withNames(xml, size),
        (e: unknown) => e instanceof DataError && e.message.includes('got "<…:Child>", expected <Child> without a namespace prefix') && !e.message.includes("N0012"),
        `${xml} in pieces of ${size}`,
      );
    }
    assert.deepEqual(withNames('<r xmlns:x="urn:x"><x:Other/></r>', size), ["open:r", "open:x:Other", "close:x:Other", "close:r"]);
  }
  assert.deepEqual(tokens('<x:Child xmlns:x="urn:x"/>', 100), ["open:x:Child", "close:x:Child"], "a handler that names none reads every name");
});
