/** The tag-name scan finds the first white space exactly where a regular expression's `\s` does. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { indexOfJsSpace } from "../../../lib/data/import/spreadsheet/xml-tokens";

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
