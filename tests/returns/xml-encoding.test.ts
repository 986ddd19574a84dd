import { test } from "node:test";
import assert from "node:assert/strict";
import { asciiCompatibleEncoding, firstInvalidUtf8From, firstNonAsciiFrom, nonUtf8Encoding, utf16Start } from "../../lib/returns/xml-encoding";

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

test("encodings that extend ASCII one byte per character are told apart from those that do not", () => {
  for (const name of ["US-ASCII", "ascii", "ISO-8859-1", "iso-8859-15", "ISO_8859-2", "latin1", "Latin-9", "l1", "windows-1252", "Windows-1250", "cp1252", "ISO646-US"]) assert.ok(asciiCompatibleEncoding(name), name);
  for (const name of ["UTF-16", "UTF-16LE", "UTF-32", "IBM037", "EBCDIC-US", "Shift_JIS", "ISO-2022-JP", "windows-1259", "ISO-8859-17", "latin", ""]) assert.ok(!asciiCompatibleEncoding(name), name);
});

test("the first byte that is not ASCII is found from the given index on, or -1", () => {
  assert.equal(firstNonAsciiFrom(Buffer.from("<a>x</a>"), 0), -1);
  assert.equal(firstNonAsciiFrom(Buffer.from([0x3c, 0xe9, 0x3e]), 0), 1);
  assert.equal(firstNonAsciiFrom(Buffer.from([0xc3, 0x3c, 0xa9, 0x3e]), 1), 2, "from the given index on");
  assert.equal(firstNonAsciiFrom(Buffer.from([0x3c, 0x80]), 2), -1, "nothing after the end");
  const long = Buffer.alloc(100000, 0x61);
  long[99999] = 0xff;
  assert.equal(firstNonAsciiFrom(long, 0), 99999);
});
