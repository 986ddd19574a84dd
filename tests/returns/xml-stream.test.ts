import { test } from "node:test";
import assert from "node:assert/strict";
import { XmlChunkTokenizer } from "../../lib/returns/xml-stream";

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

test("an entity without its ';' before a tag is an error, even when it ends a chunk", () => {
  assert.throws(() => tokens("<a>x &amp</a>", 100), /predefined XML entities/);
  assert.throws(() => tokens("<a>x &amp</a>", 8), /predefined XML entities/);
});

test("a census file streamed in small chunks (multi-byte characters split between them) gives the same tokens as in one chunk", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { streamXmlFile } = await import("../../lib/returns/xml-stream");
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
  const { streamXmlFile } = await import("../../lib/returns/xml-stream");
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
