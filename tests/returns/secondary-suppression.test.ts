import { test } from "node:test";
import assert from "node:assert/strict";
import { returnsIndicatorRows } from "../../lib/returns/estimates";
import type { ReturnsCount } from "../../lib/returns/cla-indicators";

const LA = "E06000001";
const count = (indicator: string, numerator: number, denominator: number | null, period = 2024): ReturnsCount => ({ la_code: LA, period, indicator, numerator, denominator });
const population = new Map([[`${LA}|2024`, 20541], [`${LA}|2023`, 20400]]);
const published = (counts: ReturnsCount[]) =>
  Object.fromEntries(returnsIndicatorRows(counts, population).rows.map((r) => [r.indicator, r.status === "" ? [r.numerator, r.denominator] : r.status]));

test("two published counts of nested populations 1–9 apart: one side is suppressed (a user walkthrough: 62 looked after in the year, 58 at 31 March)", () => {
  const rows = published([count("cla_missing_pct", 12, 62), count("cla_3plus_placements_pct", 13, 58), count("cla_31mar_count", 58, null)]);
  // at 31 March is published twice (3+ placements and the rate), in the year once: the year's row goes
  assert.deepEqual(rows, { cla_missing_pct: "suppressed:disclosure", cla_3plus_placements_pct: [13, 58], cla_rate_per_10k: [58, 20541] });
});

test("10 or more apart, or the same count, nothing more is suppressed", () => {
  assert.deepEqual(published([count("cla_missing_pct", 12, 68), count("cla_3plus_placements_pct", 13, 58)]), { cla_missing_pct: [12, 68], cla_3plus_placements_pct: [13, 58] });
  assert.deepEqual(published([count("cla_missing_pct", 12, 58), count("cla_3plus_placements_pct", 13, 58)]), { cla_missing_pct: [12, 58], cla_3plus_placements_pct: [13, 58] });
});

test("a chain: once a population is hidden, the populations around it are compared with each other", () => {
  // in the year 70, at 31 March 64 (6 apart: the year's row goes), long-term stability cohort 60 (4 below 31 March: one side goes)
  const rows = published([
    count("cla_missing_pct", 12, 70),
    count("cla_3plus_placements_pct", 13, 64),
    count("cla_long_term_stability_pct", 30, 60),
  ]);
  assert.equal(rows.cla_missing_pct, "suppressed:disclosure");
  assert.equal([rows.cla_3plus_placements_pct, rows.cla_long_term_stability_pct].filter((r) => r === "suppressed:disclosure").length, 1);
  // whatever stays published, no two nested counts are 1–9 apart
  const left = Object.values(rows).filter((r): r is number[] => Array.isArray(r)).map((r) => r[1]);
  for (const a of left) for (const b of left) assert.ok(a === b || Math.abs(a - b) >= 10, `${a} and ${b}`);
});

test("a row already suppressed for a small count is not used to compare", () => {
  // at 31 March 8 (suppressed itself): the year's 15, 7 more, is not compared with it
  assert.deepEqual(published([count("cla_missing_pct", 0, 15), count("cla_3plus_placements_pct", 1, 8)]), { cla_missing_pct: [0, 15], cla_3plus_placements_pct: "suppressed:disclosure" });
});

test("across years: children looked after during a year include those looked after at 31 March of the year before (a review: 30 then 34)", () => {
  const rows = returnsIndicatorRows([count("cla_3plus_placements_pct", 12, 30, 2023), count("cla_missing_pct", 12, 34, 2024)], population).rows;
  const statuses = rows.map((r) => [r.period, r.indicator, r.status]);
  assert.equal(statuses.filter(([, , s]) => s === "suppressed:disclosure").length, 1, JSON.stringify(statuses));
  // 14 apart, or the 31 March count of the year after: nothing more
  const apart = returnsIndicatorRows([count("cla_3plus_placements_pct", 12, 30, 2023), count("cla_missing_pct", 12, 44, 2024)], population).rows;
  assert.ok(apart.every((r) => r.status === ""));
  const after = returnsIndicatorRows([count("cla_3plus_placements_pct", 12, 30, 2025), count("cla_missing_pct", 12, 34, 2024)], population).rows;
  assert.ok(after.every((r) => r.status === ""), "at 31 March 2025 is not within 2023-24");
});
