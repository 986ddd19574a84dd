/**
 * isValidDate by arithmetic against the check it replaced: a Date made from the text, whose ISO text must give
 * the same yyyy-mm-dd back (JavaScript's proleptic Gregorian calendar).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { isValidDate } from "../../lib/data/package-cells";
import { ISO_DATE } from "../../lib/data/schema";

const FIXED_SEED = 20261205;

/** The check isValidDate made before (round 9). */
function validByDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const two = (n: number) => String(n).padStart(2, "0");

test("isValidDate agrees with a Date's round trip on every month 00–13 and day 00–32 of leap, century and ordinary years", () => {
  let valid = 0;
  for (const year of ["0000", "0004", "0100", "1600", "1900", "2000", "2015", "2016", "2023", "2024", "2100", "9996", "9999"]) {
    for (let month = 0; month <= 13; month++) {
      for (let day = 0; day <= 32; day++) {
        const s = `${year}-${two(month)}-${two(day)}`;
        assert.equal(isValidDate(s), validByDate(s), s);
        if (validByDate(s)) valid++;
      }
    }
  }
  assert.equal(valid, 13 * 365 + 7); // 7 leap years among them: 0000, 0004, 1600, 2000, 2016, 2024, 9996
});

test("isValidDate agrees with a Date's round trip on any 4-digit year and on texts that are not yyyy-mm-dd", () => {
  const dateText = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${two(m)}-${two(d)}`);
  const texts = fc.oneof(dateText, fc.string({ maxLength: 12 }), fc.constantFrom("2016-1-01", "2016-01-1", " 2016-01-01", "2016-01-01 ", "2016/01/01", "+02016-01-01", "２０１６-01-01", ""));
  fc.assert(fc.property(texts, (s) => isValidDate(s) === validByDate(s)), { seed: FIXED_SEED, numRuns: 20000 });
});
