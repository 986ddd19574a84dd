import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readPackage, writePackage } from "../../lib/data/package";
import type { DataPackage, IndicatorRow } from "../../lib/data/types";
import { buildAnalysisFrame } from "../../lib/vitals/frame";
import { suppressedLasOfFrame } from "../../lib/vitals/suppressed-las";
import { tempDir } from "../helpers/temp-dirs";

const LAS = ["E06900001", "E06900002", "E06900003", "E06900004"];
const LINK = { kind: "latest-on-or-before", outcome: "ofsted_ilacs_overall", date: "2023-03-31" } as const;

/**
 * Four LAs, two indicators over 2020–2022. The first three LAs are judged once (in 2021, 2022 and 2020: the period
 * of their row), the fourth never. Missing values: x_pct suppressed for the first LA in its row's period, for the
 * second in another period and for the fourth; y_pct suppressed for the second LA in its row's period and not
 * available (not suppressed) for the third in its row's.
 */
function packageWithSuppressedValues(): DataPackage {
  const dir = tempDir("vsw-suppressed-las-");
  const missing: Record<string, string> = {
    "x_pct E06900001 2021": "suppressed:c",
    "x_pct E06900002 2020": "suppressed:c",
    "x_pct E06900004 2021": "suppressed:c",
    "y_pct E06900002 2022": "suppressed:low",
    "y_pct E06900003 2020": "not-available:x",
  };
  const indicators: IndicatorRow[] = [];
  for (const indicator of ["x_pct", "y_pct"]) {
    LAS.forEach((la_code, i) => {
      for (const period of [2020, 2021, 2022]) {
        const status = missing[`${indicator} ${la_code} ${period}`] ?? "";
        indicators.push({ la_code, period, indicator, value: status === "" ? 10 * i + period - 2000 : null, numerator: null, denominator: null, status } as IndicatorRow);
      }
    });
  }
  const entry = { polarity: "up", unit: "score", numerator: "", denominator: "", source: "test", definition: "test" } as const;
  writePackage(dir, {
    name: "suppressed", title: "Suppressed", created: "2026-01-01",
    areas: LAS.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null })),
    catalogue: [
      { ...entry, indicator: "x_pct", label: "X", domain: "child-safe" },
      { ...entry, indicator: "y_pct", label: "Y", domain: "child-safe" },
    ],
    indicators,
    context: LAS.map((la_code, i) => ({ la_code, period: 2020, variable: "idaci_score", value: 0.1 * (i + 1) })),
    outcomes: [
      { la_code: LAS[0], outcome: "ofsted_ilacs_overall", value: 2, label: "Good", date: "2021-06-01", period: 2021 },
      { la_code: LAS[1], outcome: "ofsted_ilacs_overall", value: 3, label: "Requires improvement", date: "2022-06-01", period: 2022 },
      { la_code: LAS[2], outcome: "ofsted_ilacs_overall", value: 4, label: "Inadequate", date: "2020-06-01", period: 2020 },
    ],
  });
  return readPackage(dir);
}

describe("suppressedLasOfFrame", () => {
  const pkg = packageWithSuppressedValues();
  const frame = buildAnalysisFrame(pkg, { context: ["idaci_score"], link: LINK });

  it("counts, per indicator, the LAs with an outcome whose value in their row's period is suppressed", () => {
    assert.deepEqual(frame.indicators.map((ind) => ind.indicator), ["x_pct", "y_pct"]);
    assert.deepEqual(Array.from(frame.slots[0].rowPeriod.slice(0, 3)), [2021, 2022, 2020], "the periods of the LAs' rows");
    // x_pct: the first LA only (the second's is in another period, the fourth has no outcome); y_pct: the second
    // LA only (the third's value is not available, not suppressed)
    assert.deepEqual(suppressedLasOfFrame(pkg, frame), [1, 1]);
  });

  it("gives the same counts when the indicators table is filtered or ordered (its columns are then copied)", () => {
    const filtered = { ...pkg, indicators: pkg.indicators.filter((d: { value: number | null }) => d.value !== -1) };
    const ordered = { ...pkg, indicators: pkg.indicators.orderby("period") };
    assert.equal(filtered.indicators.isFiltered(), true);
    assert.deepEqual(suppressedLasOfFrame(filtered, frame), [1, 1]);
    assert.deepEqual(suppressedLasOfFrame(ordered, frame), [1, 1]);
  });
});
