import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { POPULATION_RATE_MAPPINGS } from "../../../lib/data/import/mappings";
import { checkPublishedRates, ratesFromCounts } from "../../../lib/data/import/population";
import type { ContextRow, IndicatorRow } from "../../../lib/data/types";

/** ratesFromCounts as it was before its one pass (commit 4af27d6): a pass over the rows per mapping, a key string per look-up. */
function ratesFromCountsPerMapping(indicators: readonly IndicatorRow[], population: readonly ContextRow[]): IndicatorRow[] {
  const pop = new Map<string, number | null>();
  for (const p of population) if (p.variable === "child_population_0_17") pop.set(`${p.la_code}|${p.period}`, p.value);
  const out: IndicatorRow[] = [];
  for (const m of POPULATION_RATE_MAPPINGS) {
    for (const r of indicators) {
      if (r.indicator !== m.countIndicator) continue;
      const p = pop.get(`${r.la_code}|${r.period}`);
      if (r.value === null) out.push({ la_code: r.la_code, period: r.period, indicator: m.indicator, value: null, numerator: null, denominator: p ?? null, status: r.status });
      else if (p === undefined || p === null || p <= 0) out.push({ la_code: r.la_code, period: r.period, indicator: m.indicator, value: null, numerator: r.value, denominator: null, status: "not-available:population" });
      else out.push({ la_code: r.la_code, period: r.period, indicator: m.indicator, value: (r.value / p) * 10000, numerator: r.value, denominator: p, status: "" });
    }
  }
  return out;
}

const la = fc.constantFrom("A", "B", "C|1", "D");
const period = fc.constantFrom(2015, 2016, -0, 0);
const indicatorRow = fc.record({
  la_code: la,
  period,
  indicator: fc.constantFrom(...POPULATION_RATE_MAPPINGS.map((m) => m.countIndicator), "cla_rate_per_10k", "other"),
  value: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  numerator: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  denominator: fc.constant(null),
  status: fc.constantFrom("", "suppressed:c"),
});
const contextRow = fc.record({ la_code: la, period, variable: fc.constantFrom("child_population_0_17", "imd_score"), value: fc.option(fc.integer({ min: -1, max: 100000 }), { nil: null }) });

test("ratesFromCounts in one pass gives the rows (and order) of a pass per mapping; checkPublishedRates reads the same populations", () => {
  fc.assert(
    fc.property(fc.array(indicatorRow, { maxLength: 40 }), fc.array(contextRow, { maxLength: 20 }), (indicators, population) => {
      assert.deepEqual(ratesFromCounts(indicators, population), ratesFromCountsPerMapping(indicators, population));
      const pop = new Map(population.filter((p) => p.variable === "child_population_0_17").map((p) => [`${p.la_code}|${p.period}`, p.value]));
      const expectedN = indicators.filter((r) => {
        const p = pop.get(`${r.la_code}|${r.period}`);
        return r.indicator === "cla_rate_per_10k" && r.value !== null && r.numerator !== null && p !== undefined && p !== null && p > 0;
      }).length;
      assert.equal(checkPublishedRates(indicators, "cla_rate_per_10k", population).n, expectedN);
    }),
    { numRuns: 2000 },
  );
});
