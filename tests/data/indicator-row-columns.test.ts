/**
 * indicators.csv's columns read row by row by field name (indicatorRowColumns, what columnsOfRows uses for
 * indicators) against reading `row[field]` for every schema field, the generic path it replaced for them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { INDICATOR_ROW_FIELDS, anyValueColumn, indicatorRowColumns } from "../../lib/data/indicator-row-columns";
import { columnsOfRows } from "../../lib/data/package-columns";
import { SCHEMAS } from "../../lib/data/schema";
import type { TypedRow } from "../../lib/data/package-cells";

const FIXED_SEED = 20261205;

/** The generic read: one array per schema field, `rows[i][field]`. */
function keyedColumns(rows: readonly TypedRow[]): Record<string, unknown[]> {
  return Object.fromEntries(SCHEMAS.indicators.map((f) => [f.name, rows.map((r) => r[f.name])]));
}

const cell = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(""),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -5, max: 3000 }),
  fc.double(),
  fc.boolean(),
);

/** Rows of several shapes: fields in any order, some absent, some extra, values of any type. */
const looseRow = fc
  .tuple(fc.shuffledSubarray([...INDICATOR_ROW_FIELDS, "extra", "note"]), fc.array(cell, { minLength: 9, maxLength: 9 }))
  .map(([keys, values]) => Object.fromEntries(keys.map((k, i) => [k, values[i]])) as TypedRow);

test("INDICATOR_ROW_FIELDS are indicators.csv's schema fields, in schema order", () => {
  assert.deepEqual([...INDICATOR_ROW_FIELDS], SCHEMAS.indicators.map((f) => f.name));
});

test("indicatorRowColumns gives each field's cells as row[field] does, whatever the rows' shapes and values", () => {
  fc.assert(
    fc.property(fc.array(looseRow, { maxLength: 40 }), (rows) => {
      const frozen = Object.freeze(rows.map((r) => Object.freeze(r)));
      const expected = keyedColumns(frozen);
      assert.deepEqual(indicatorRowColumns(frozen), expected);
      const viaColumnsOfRows = columnsOfRows("indicators", frozen);
      assert.equal(viaColumnsOfRows.length, rows.length);
      assert.deepEqual(viaColumnsOfRows.columns, expected);
    }),
    { seed: FIXED_SEED, numRuns: 500 },
  );
});

test("indicatorRowColumns of typical rows: numbers, nulls and texts as given, in the schema's field order", () => {
  const rows = [
    { la_code: "E06000001", period: 2020, indicator: "x", value: 1.5, numerator: null, denominator: 4, status: "" },
    { status: "suppressed", denominator: null, numerator: null, value: null, indicator: "y", period: 2021, la_code: "E06000002" },
  ];
  const c = indicatorRowColumns(rows);
  assert.deepEqual(Object.keys(c), [...INDICATOR_ROW_FIELDS]);
  assert.deepEqual(c.value, [1.5, null]);
  assert.deepEqual(c.status, ["", "suppressed"]);
  assert.deepEqual(indicatorRowColumns([]).la_code, []);
});

test("anyValueColumn has the length asked for, and no cell for length 0", () => {
  assert.equal(anyValueColumn(3).length, 3);
  assert.deepEqual(anyValueColumn(0), []);
});
