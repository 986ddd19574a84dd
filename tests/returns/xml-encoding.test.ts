import { test } from "node:test";
import assert from "node:assert/strict";
import { firstInvalidUtf8From, nonUtf8Encoding, utf16Start } from "../../lib/returns/xml-encoding";

test("a character cut short by the end of the bytes is left for the next chunk; a broken one, or one cut inside the range, is not", () => {
  const euro = Buffer.from("<a>€</a>"); // € is E2 82 AC at bytes 3-5
  for (let end = 0; end <= euro.length; end++) assert.equal(firstInvalidUtf8From(euro.subarray(0, end), 0), -1, `cut at ${end}`);
  assert.equal(firstInvalidUtf8From(Buffer.from([0x3c, 0xe2, 0x82, 0x3e]), 0), 1, "E2 82 before '>'");
  assert.equal(firstInvalidUtf8From(Buffer.from([0x3c, 0x80]), 0), 1, "a lone continuation byte at the end");
  assert.equal(firstInvalidUtf8From(Buffer.from([0xe9, 0x3c, 0xe9, 0x3c]), 1), 2, "from the given index on");
});

test("an XML declaration names UTF-8 (any case, with or without the hyphen) or another encoding, which is returned", () => {
  const encodingOf = (declaration: string) => nonUtf8Encoding(Buffer.from(declaration), 0, declaration.length);
  for (const utf8 of ['<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding = "utf8"?>', '<?xml version="1.0"?>']) assert.equal(encodingOf(utf8), null, utf8);
  assert.equal(encodingOf('<?xml version="1.0" encoding="ISO-8859-1"?>'), "ISO-8859-1");
  assert.equal(encodingOf("<?xml version='1.0' encoding='windows-1252' standalone='yes'?>"), "windows-1252");
});

test("UTF-16 is told by its byte-order mark or by a '<' beside a zero byte; UTF-8 starts are not", () => {
  assert.equal(utf16Start(0xff, 0xfe), "byte-order mark FF FE");
  assert.equal(utf16Start(0xfe, 0xff), "byte-order mark FE FF");
  assert.equal(utf16Start(0x3c, 0x00), "bytes 3C 00");
  assert.equal(utf16Start(0x00, 0x3c), "bytes 00 3C");
  for (const [first, second] of [[0xef, 0xbb], [0x3c, 0x3f], [0x3c, 0x4d]]) assert.equal(utf16Start(first, second), null);
});
