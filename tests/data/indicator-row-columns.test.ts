/**
 * indicators.csv's columns read row by row by field name, its texts coded in the same pass (indicatorRowColumns,
 * what writePackage uses for indicators) against reading `row[field]` for every schema field and coding each
 * all-text column afterwards with textCodes, the generic path it replaced for them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { INDICATOR_ROW_FIELDS, indicatorRowColumns } from "../../lib/data/indicator-row-columns";
import { anyValueColumn, columnsOfRows, textCodes } from "../../lib/data/package-columns";
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
      const got = indicatorRowColumns(frozen);
      assert.equal(got.length, rows.length);
      assert.deepEqual(got.columns, expected);
      assert.deepEqual(columnsOfRows("indicators", frozen).columns, expected);
      // coded: those of la_code, indicator and status that textCodes codes (all texts), with its codes (same
      // array type) and values; writePackage's withTextCodes codes any other all-text column as before
      const expectedCoded = Object.fromEntries(
        ["la_code", "indicator", "status"].flatMap((field) => {
          const cells = expected[field];
          const coded = textCodes(cells, cells.length);
          return coded ? [[field, coded]] : [];
        }),
      );
      assert.deepEqual(got.coded, expectedCoded);
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
  assert.deepEqual(Object.keys(c.columns), [...INDICATOR_ROW_FIELDS]);
  assert.deepEqual(c.columns.value, [1.5, null]);
  assert.deepEqual(c.columns.status, ["", "suppressed"]);
  assert.deepEqual([...c.coded!.status.codes], [0, 1]);
  assert.deepEqual(c.coded!.indicator.values, ["x", "y"]);
  assert.deepEqual(indicatorRowColumns([]).columns.la_code, []);
});

test("a coded text column's cells are made on first read, as the rows' cells, and kept; a column not all texts is read as given", () => {
  const rows = [
    { la_code: "E1", period: 2020, indicator: "x", value: 1, numerator: null, denominator: null, status: "" },
    { la_code: "E2", period: 2020, indicator: 7, value: 1, numerator: null, denominator: null, status: "" },
    { la_code: "E1", period: 2021, indicator: "x", value: null, numerator: null, denominator: null, status: "suppressed" },
  ];
  const got = indicatorRowColumns(rows);
  assert.deepEqual(Object.keys(got.coded!), ["la_code", "status"]);
  const first = got.columns.la_code;
  assert.deepEqual(first, ["E1", "E2", "E1"]);
  assert.equal(got.columns.la_code, first, "made once");
  assert.deepEqual(got.columns.indicator, ["x", 7, "x"]);
  assert.deepEqual(got.columns.status, ["", "", "suppressed"]);
});

test("anyValueColumn has the length asked for, and no cell for length 0", () => {
  assert.equal(anyValueColumn(3).length, 3);
  assert.deepEqual(anyValueColumn(0), []);
});

test("indicatorRowColumns' codes widen past 256 distinct texts as textCodes' do", () => {
  const rows = Array.from({ length: 70_500 }, (_, i) => ({ la_code: `E${i % 70_000}`, period: 2020, indicator: `i${i % 300}`, value: null, numerator: null, denominator: null, status: "" }));
  const got = indicatorRowColumns(rows);
  assert.deepEqual(got.coded!.la_code, textCodes(got.columns.la_code, rows.length));
  assert.ok(got.coded!.la_code.codes instanceof Int32Array);
  assert.deepEqual(got.coded!.indicator, textCodes(got.columns.indicator, rows.length));
  assert.ok(got.coded!.indicator.codes instanceof Uint16Array);
});
