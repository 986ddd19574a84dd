/** asciiDigitsValue (lib/data/ascii-digits.ts): whole numbers from ASCII digits in bytes, as Number reads them. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { asciiDigitsValue } from "../../lib/data/ascii-digits";

const value = (text: string) => asciiDigitsValue(Buffer.from(`x${text}y`, "latin1"), 1, 1 + text.length);

test("asciiDigitsValue reads the digits of a range, 0 for an empty one, -1 for any other byte", () => {
  assert.equal(value("2025"), 2025);
  assert.equal(value("007"), 7);
  assert.equal(value(""), 0);
  for (const bad of ["2O25", "-1", "+1", " 1", "1 ", "1.5", "1e3", "/", ":", "\u00b2"]) assert.equal(value(bad), -1, bad);
  // only the range is read: the bytes around it are not digits
  assert.equal(asciiDigitsValue(Buffer.from("12345"), 1, 3), 23);
});

test("a long run of digits reads above any bound a caller checks (never wraps round to a small number)", () => {
  // summed digit by digit, a value past 2^53 is rounded (not Number's correctly rounded one), but stays that large
  assert.ok(value("9".repeat(20)) > 9.9e19);
  assert.equal(value("9".repeat(400)), Infinity);
});
