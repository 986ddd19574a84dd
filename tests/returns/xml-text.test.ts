import { test } from "node:test";
import assert from "node:assert/strict";
import { XML_TEXT_WINDOW_BYTES, XmlTextDecoder } from "../../lib/returns/xml-text";

test("every range decodes as Buffer.toString does: ASCII, multi-byte, broken UTF-8, across windows and in any order", () => {
  // ASCII with a few multi-byte characters and broken sequences, longer than two windows
  const parts: Buffer[] = [];
  for (let k = 0; parts.reduce((sum, part) => sum + part.length, 0) < 2.5 * XML_TEXT_WINDOW_BYTES; k++) {
    parts.push(Buffer.from(k % 97 === 0 ? "é€𝄞" : `2023-03-${k % 31}<`, "utf8"));
    if (k % 503 === 0) parts.push(Buffer.from([0x80, 0xc3]));
  }
  const buf = Buffer.concat(parts);
  const text = new XmlTextDecoder();
  text.reset(buf);
  let state = 5;
  const next = (limit: number) => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % limit;
  for (let k = 0; k < 20_000; k++) {
    const from = k < 10_000 ? (k * 7) % buf.length : next(buf.length); // in order, then anywhere
    const to = Math.min(buf.length, from + (k % 5 === 0 ? next(40) : next(13)));
    assert.equal(text.decode(from, to), buf.toString("utf8", from, to), `[${from}, ${to})`);
  }
});

test("after a reset the new bytes are decoded, not the old window", () => {
  const buf = Buffer.from("<a>2023-03-31</a>");
  const text = new XmlTextDecoder();
  text.reset(buf);
  assert.equal(text.decode(3, 13), "2023-03-31");
  buf.write("1999", 3);
  text.reset(buf);
  assert.equal(text.decode(3, 13), "1999-03-31");
});

test("a short text whose only high byte is 0x80 (or 0x80 beside NUL) decodes as UTF-8 does, not as latin1", () => {
  for (const bytes of [[0x80], [0x00, 0x80], [0x41, 0x80, 0x42], [0x80, 0x00, 0x80]]) {
    const buf = Buffer.from([0x3e, ...bytes, 0x3c]);
    const text = new XmlTextDecoder();
    text.reset(buf);
    assert.equal(text.decode(1, 1 + bytes.length), buf.toString("utf8", 1, 1 + bytes.length), JSON.stringify(bytes));
  }
});
