/**
 * The end-of-import summaries of indicator rows (one pass, the indicator looked at only when it changes) against
 * the whole-array code they replaced: a Set of every row's indicator, and a map lookup per row.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { importedIndicators, indicatorsOfColumns, study2016Coverage, study2016CoverageOfColumns } from "../../../lib/data/import/indicator-row-summaries";
import { indicatorRowColumns } from "../../../lib/data/indicator-row-columns";
import { INDICATOR_META } from "../../../lib/data/import/mappings";
import type { IndicatorRow } from "../../../lib/data/types";

const FIXED_SEED = 20261205;

/** study2016Coverage as it was (import-official.ts before round 9): a map lookup per row. */
function study2016CoverageByRow(indicators: readonly IndicatorRow[]): { variable: number; indicator: string; las_with_value_2015: number; note?: string }[] {
  const out: { variable: number; indicator: string; las_with_value_2015: number; note?: string }[] = [];
  const periodOf = (domain: string) => (domain === "workforce" ? 2016 : 2015);
  const counted = new Map<string, number>();
  for (const [id, meta] of Object.entries(INDICATOR_META)) if (meta.study2016) counted.set(id, 0);
  for (const r of indicators) {
    const n = counted.get(r.indicator);
    if (n !== undefined && r.value !== null && r.period === periodOf(INDICATOR_META[r.indicator].domain)) counted.set(r.indicator, n + 1);
  }
  for (const [id, meta] of Object.entries(INDICATOR_META)) {
    if (!meta.study2016) continue;
    const workforce = meta.domain === "workforce";
    out.push({
      variable: meta.study2016,
      indicator: id,
      las_with_value_2015: counted.get(id) as number,
      note: workforce ? "workforce census of 30 September 2015 = period 2016; not in the official folder (CSWW EES file starts 2017, LAIT 2016)" : undefined,
    });
  }
  return out.sort((a, b) => a.variable - b.variable);
}

const studyIds = Object.entries(INDICATOR_META).filter(([, m]) => m.study2016).map(([id]) => id);
const otherIds = Object.keys(INDICATOR_META).filter((id) => !studyIds.includes(id)).slice(0, 3);
assert.ok(studyIds.length >= 10 && otherIds.length === 3, "the mapping table has study and other indicators to draw from");

/** Rows in runs of one indicator (as importers emit them) or shuffled, of study, other and unknown indicators. */
const rows = fc
  .array(
    fc.record({
      indicator: fc.constantFrom(...studyIds, ...otherIds, "not_in_meta"),
      period: fc.constantFrom(2014, 2015, 2016),
      value: fc.oneof(fc.constant(null), fc.double({ noNaN: true })),
      run: fc.integer({ min: 1, max: 6 }),
    }),
    { maxLength: 40 },
  )
  .map((specs) =>
    specs.flatMap((s, k) =>
      Array.from({ length: s.run }, (_, j): IndicatorRow => ({ la_code: `E0600000${j}`, period: s.period + (j % 2) * (k % 2), indicator: s.indicator, value: j === 1 ? null : s.value, numerator: null, denominator: null, status: "" })),
    ),
  );

test("study2016Coverage counts as a lookup per row did, for rows in runs or in any order", () => {
  fc.assert(
    fc.property(rows, fc.boolean(), (rs, reverse) => {
      const input = Object.freeze(reverse ? [...rs].reverse() : rs);
      assert.deepEqual(study2016Coverage(input), study2016CoverageByRow(input));
    }),
    { seed: FIXED_SEED, numRuns: 500 },
  );
});

test("importedIndicators gives every row's indicator once, in order of first occurrence, as a Set of all rows did", () => {
  fc.assert(
    fc.property(rows, (rs) => {
      assert.deepEqual([...importedIndicators(rs)], [...new Set(rs.map((r) => r.indicator))]);
    }),
    { seed: FIXED_SEED, numRuns: 500 },
  );
  assert.deepEqual([...importedIndicators([])], []);
});

test("from indicators.csv's columns, the indicators and the 2016 coverage are those of the rows", () => {
  fc.assert(
    fc.property(rows, fc.boolean(), (rs, reverse) => {
      const input = Object.freeze(reverse ? [...rs].reverse() : rs);
      const columns = indicatorRowColumns(input);
      assert.deepEqual(study2016CoverageOfColumns(columns), study2016CoverageByRow(input));
      assert.deepEqual([...indicatorsOfColumns(columns)!], [...importedIndicators(input)]);
    }),
    { seed: FIXED_SEED, numRuns: 500 },
  );
  // an indicator column not all texts is not coded: the callers fall back to the rows
  const odd = indicatorRowColumns([{ la_code: "E1", period: 2015, indicator: 5, value: 1, numerator: null, denominator: null, status: "" }]);
  assert.equal(study2016CoverageOfColumns(odd), undefined);
  assert.equal(indicatorsOfColumns(odd), undefined);
});
