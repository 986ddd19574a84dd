import { test } from "node:test";
import assert from "node:assert/strict";
import { valueFromCounts } from "../../../lib/data/own-data/value-from-counts";
import type { IndicatorRow } from "../../../lib/data/types";

const row = (value: number | null, numerator: number | null, denominator: number | null, status = value === null ? "not-available:blank" : ""): IndicatorRow =>
  Object.freeze({ la_code: "E06000023", period: 2024, indicator: "x", value, numerator, denominator, status });

test("a blank value is numerator ÷ denominator × 100 for a percentage and × 10,000 for a rate, unrounded, in a new row", () => {
  const given = row(null, 1, 3);
  const r = valueFromCounts(given, "percent");
  assert.equal(r.kind, "worked-out");
  assert.deepEqual(r.row, { ...given, value: (1 / 3) * 100, status: "" });
  assert.notEqual(r.row, given);
  assert.equal(given.value, null, "the row given is not changed");
  assert.equal(valueFromCounts(row(null, 7, 16000), "rate_per_10k").row.value, 4.375);
  assert.equal(valueFromCounts(row(null, 0, 5), "percent").row.value, 0);
});

test("a denominator of 0 leaves the value missing, not applicable", () => {
  const r = valueFromCounts(row(null, 0, 0), "percent");
  assert.equal(r.kind, "zero-denominator");
  assert.deepEqual([r.row.value, r.row.status], [null, "not-applicable:zero-denominator"]);
});

test("nothing is worked out for a given value, a missing count, a reason given, another unit, or counts that break the unit's rules", () => {
  for (const [given, unit] of [
    [row(40.5, 49, 121), "percent"],
    [row(null, 30, null), "percent"],
    [row(null, null, 120), "percent"],
    [row(null, 30, 120, "suppressed:c"), "percent"],
    [row(null, 30, 120, "not-available:x"), "percent"],
    [row(null, 30, 120), "ratio"],
    [row(null, 30, 120), "count"],
    [row(null, 30, 120), undefined],
    [row(null, 130, 120), "percent"],
    [row(null, -1, 120), "rate_per_10k"],
    [row(null, 1, -120), "rate_per_10k"],
  ] as const) {
    const r = valueFromCounts(given, unit);
    assert.deepEqual([r.kind, r.row], ["as-given", given], JSON.stringify([given, unit]));
  }
  // a rate may exceed its base: 130 of 120 is 10,833.3 per 10,000
  assert.equal(valueFromCounts(row(null, 130, 120), "rate_per_10k").kind, "worked-out");
});
