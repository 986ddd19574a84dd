import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Utf8Buffer, pseudonymText } from "../../lib/returns/keyed-pseudonyms";

test("pseudonymText writes ps_ and the two words' 16 hex digits, most significant first (signed words too)", () => {
  assert.equal(pseudonymText(0x01234567, 0x89abcdef | 0), "ps_0123456789abcdef");
  assert.equal(pseudonymText(-1, 0), "ps_ffffffff00000000");
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (hi, lo) => {
      const hex = (w: number) => (w >>> 0).toString(16).padStart(8, "0");
      assert.equal(pseudonymText(hi, lo), `ps_${hex(hi)}${hex(lo)}`);
    }),
  );
});

test("Utf8Buffer writes what Buffer.from(text, 'utf8') gives (lone surrogates as U+FFFD), growing for long text, reused for short", () => {
  const utf8 = new Utf8Buffer();
  const check = (text: string) => {
    utf8.write(text);
    assert.deepEqual(Buffer.from(utf8.bytes.subarray(0, utf8.length)), Buffer.from(text, "utf8"), JSON.stringify(text.slice(0, 20)));
  };
  for (const text of ["", "E09000001/C1", "Zoë", "a\ud800b", "\udc00", "𝄞".repeat(200), "x".repeat(1000), "ab"]) check(text);
  fc.assert(fc.property(fc.string({ maxLength: 120, unit: "binary" }), check), { numRuns: 1000 });
});

test("parts appended around a slash encode as their join (a lone surrogate at either side stays lone), growing as needed", () => {
  const utf8 = new Utf8Buffer();
  const check = (first: string, second: string) => {
    utf8.write(first);
    utf8.append("/");
    utf8.append(second);
    assert.deepEqual(Buffer.from(utf8.bytes.subarray(0, utf8.length)), Buffer.from(`${first}/${second}`, "utf8"));
  };
  check("E0\ud800", "\udc00x");
  check("é".repeat(100), "𝄞".repeat(300));
  fc.assert(fc.property(fc.string({ maxLength: 120, unit: "binary" }), fc.string({ maxLength: 120, unit: "binary" }), check), { numRuns: 1000 });
});
