/** TallyPeriods and readYear (lib/pilot/tally-periods.ts): the period field of a record and its dense index. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { NOT_A_PERIOD, readYear, TallyPeriods, TOO_MANY_PERIODS } from "../../lib/pilot/tally-periods";
import { MAX_PERIOD, MAX_PERIODS, MIN_PERIOD } from "../../lib/pilot/records";

const bytes = (s: string) => Buffer.from(s, "latin1");

test("readYear reads 1–4 ASCII digits, and nothing else, as Number would", () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("0", "1", "2", "9", "5", "a", " ", "-", "+", ".", "/", ":"), maxLength: 6 }), (s) => {
      const expected = /^[0-9]{1,4}$/.test(s) ? Number(s) : -1;
      assert.equal(readYear(bytes(`x${s}y`), 1, 1 + s.length), expected);
    }),
  );
});

test("periods get dense indices in order of first appearance; years out of range are refused", () => {
  const periods = new TallyPeriods();
  assert.equal(periods.indexOf(bytes("2023"), 0, 4), 0);
  assert.equal(periods.indexOf(bytes("2021"), 0, 4), 1);
  assert.equal(periods.indexOf(bytes("2023"), 0, 4), 0);
  assert.equal(periods.indexOf(bytes(String(MIN_PERIOD - 1)), 0, 4), NOT_A_PERIOD);
  assert.equal(periods.indexOf(bytes(String(MAX_PERIOD + 1)), 0, 4), NOT_A_PERIOD);
  assert.equal(periods.indexOf(bytes(String(MIN_PERIOD)), 0, 4), 2, "the first year allowed is a period");
  assert.equal(periods.indexOf(bytes(String(MAX_PERIOD)), 0, 4), 3, "the last year allowed is a period");
  assert.equal(periods.indexOf(bytes("20230"), 0, 5), NOT_A_PERIOD);
  assert.equal(periods.indexOf(bytes(""), 0, 0), NOT_A_PERIOD);
  assert.deepEqual(periods.list, [2023, 2021, MIN_PERIOD, MAX_PERIOD]);
});

test("a period beyond MAX_PERIODS distinct ones is refused, the known ones still found", () => {
  const periods = new TallyPeriods();
  for (let k = 0; k < MAX_PERIODS; k++) assert.equal(periods.indexOf(bytes(String(MIN_PERIOD + k)), 0, 4), k);
  assert.equal(periods.indexOf(bytes(String(MIN_PERIOD + MAX_PERIODS)), 0, 4), TOO_MANY_PERIODS);
  assert.equal(periods.indexOf(bytes(String(MIN_PERIOD + 3)), 0, 4), 3);
  assert.equal(periods.list.length, MAX_PERIODS);
});
