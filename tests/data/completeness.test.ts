/**
 * Completeness from the reader's codes (validate) and from the columns of texts (the tables' path) against the
 * count it replaced (completeness-reference.ts): the same rows for any package, LAs outside their life, unknown
 * LAs and indicators, and every status.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { completenessOfColumns, type PackageColumnGetter } from "../../lib/data/completeness";
import { loadPackageColumns } from "../../lib/data/package-load";
import { columnsOfRows, textCodes, type ResourceColumns } from "../../lib/data/package-columns";
import type { TypedRow } from "../../lib/data/package-cells";
import { DEFAULT_DATASET } from "../../lib/cli/paths";
import { completenessBefore } from "./completeness-reference";

const FIXED_SEED = 20261205;
const STATUSES = ["", "suppressed", "suppressed:c", "low-reliability", "low-reliability:u", "not-available", "not-applicable:z"];

function getter(resources: Record<string, ResourceColumns>): PackageColumnGetter {
  return (resource, field) => resources[resource].columns[field];
}

test("completeness from the reader's codes and from the text columns equals the count it replaced on the embedded package", () => {
  const { resources, result } = loadPackageColumns(DEFAULT_DATASET);
  assert.equal(result.errors.length, 0);
  const all = resources as Record<string, ResourceColumns>;
  const viaCodes = completenessOfColumns(getter(all), (resource, field) => all[resource].coded?.[field]);
  const viaTexts = completenessOfColumns(getter(all));
  assert.ok(viaCodes.length > 100);
  assert.deepEqual(viaCodes, completenessBefore(getter(all)));
  assert.deepEqual(viaTexts, completenessBefore(getter(all)));
});

test("completeness from codes and from texts equals the count it replaced for any rows (unknown LAs and indicators, LA lifetimes, statuses)", () => {
  const area = fc.record({ first: fc.option(fc.integer({ min: 2014, max: 2018 })), last: fc.option(fc.integer({ min: 2016, max: 2020 })) });
  const row = fc.record({
    la: fc.integer({ min: 0, max: 5 }),
    period: fc.integer({ min: 2014, max: 2020 }),
    indicator: fc.constantFrom("a", "b", "c", "zz"),
    value: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
    status: fc.constantFrom(...STATUSES),
  });
  fc.assert(
    fc.property(fc.array(area, { minLength: 1, maxLength: 4 }), fc.array(row, { maxLength: 60 }), (areas, rows) => {
      const resources: Record<string, ResourceColumns> = {
        areas: columnsOfRows("areas", areas.map((a, i) => ({ la_code: `E0${i}`, first_period: a.first, last_period: a.last }))),
        catalogue: columnsOfRows("catalogue", [{ indicator: "a" }, { indicator: "b" }, { indicator: "c" }]),
        indicators: columnsOfRows(
          "indicators",
          rows.map((r): TypedRow => ({ la_code: `E0${r.la}`, period: r.period, indicator: r.indicator, value: r.value, numerator: null, denominator: null, status: r.status })),
        ),
      };
      const ind = resources.indicators;
      const coded = (_: string, field: string) => textCodes(ind.columns[field], ind.length);
      const before = completenessBefore(getter(resources));
      assert.deepEqual(completenessOfColumns(getter(resources), coded), before);
      assert.deepEqual(completenessOfColumns(getter(resources)), before);
    }),
    { seed: FIXED_SEED, numRuns: 300 },
  );
});
