import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readPackage, writePackage } from "../../lib/data/package";
import type { IndicatorRow } from "../../lib/data/types";
import { buildAnalysisFrame } from "../../lib/vitals/frame";
import { DEFAULT_CANDIDATE_RULE, LISTED_CANDIDATE_RULE } from "../../lib/data/framework";
import { tempDir } from "../helpers/temp-dirs";

/** Three LAs, periods 2020–2022, one indicator (value = 100·LA + period − 2000), IDACI for 2019 only. */
function tinyPackage() {
  const dir = tempDir("vsw-frame-");
  const las = ["E06900001", "E06900002", "E06900003"];
  const indicators: IndicatorRow[] = [];
  las.forEach((la, i) => {
    for (const period of [2020, 2021, 2022]) {
      indicators.push({ la_code: la, period, indicator: "x_pct", value: i === 2 && period === 2021 ? null : 100 * i + period - 2000, numerator: null, denominator: null, status: i === 2 && period === 2021 ? "suppressed:c" : "" });
    }
  });
  writePackage(dir, {
    name: "tiny", title: "Tiny", created: "2026-01-01",
    areas: las.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: i === 1 ? 2021 : null })),
    catalogue: [
      { indicator: "x_pct", label: "X", domain: "child-safe", polarity: "down", unit: "score", numerator: "", denominator: "", source: "test", definition: "test" },
      { indicator: "pop", label: "Population", domain: "context", polarity: "none", unit: "count", numerator: "", denominator: "", source: "test", definition: "test" },
    ],
    indicators,
    context: las.map((la_code, i) => ({ la_code, period: 2019, variable: "idaci_score", value: 0.1 * (i + 1) })),
    outcomes: [
      { la_code: las[0], outcome: "ofsted_ilacs_overall", value: 2, label: "Good", date: "2021-06-01", period: 2021 },
      { la_code: las[2], outcome: "ofsted_ilacs_overall", value: 4, label: "Inadequate", date: "2020-05-01", period: 2020 },
      { la_code: las[2], outcome: "ofsted_ilacs_overall", value: 3, label: "Requires improvement", date: "2022-11-01", period: 2022 },
    ],
  });
  return readPackage(dir);
}

describe("the candidates screened by default", () => {
  /** The tiny package with tags: x_pct practice, a demand rate y_rate tagged context, a child outcome z_pct. */
  function tagged() {
    const pkg = tinyPackage();
    const dir = tempDir("vsw-frame-tagged-");
    const rows = pkg.indicators.objects() as unknown as IndicatorRow[];
    const copy = (id: string, k: number) => rows.filter((r) => r.indicator === "x_pct").map((r) => ({ ...r, indicator: id, value: r.value === null ? null : r.value * k + (r.la_code.endsWith("3") ? 7 : 0) }));
    const base = { label: "L", polarity: "none", unit: "score", numerator: "", denominator: "", source: "test", definition: "test" } as const;
    writePackage(dir, {
      name: "tiny", title: "Tiny", created: "2026-01-01",
      areas: pkg.areas.objects() as never, context: pkg.context.objects() as never, outcomes: pkg.outcomes.objects() as never,
      catalogue: [
        { ...base, indicator: "x_pct", domain: "child-safe", framework_role: "practice", framework_area: "safety" },
        { ...base, indicator: "y_rate", domain: "child-safe", framework_role: "context", framework_area: "need" },
        { ...base, indicator: "z_pct", domain: "child-education", framework_role: "child-outcome", framework_area: "education" },
      ],
      indicators: [...rows, ...copy("y_rate", 2), ...copy("z_pct", 3)],
    });
    return readPackage(dir);
  }
  const link = { kind: "latest-on-or-before", outcome: "ofsted_ilacs_overall", date: "2023-03-31" } as const;

  test("are the indicators not tagged context (a demand rate is context: not screened), and the rule is recorded", () => {
    const f = buildAnalysisFrame(tagged(), { context: ["idaci_score"], link });
    assert.deepEqual(f.indicators.map((i) => i.indicator), ["x_pct", "z_pct"]);
    assert.equal(f.candidateRule, DEFAULT_CANDIDATE_RULE);
  });

  test("a listed indicator is screened whatever its tag", () => {
    const f = buildAnalysisFrame(tagged(), { context: ["idaci_score"], link, indicators: ["y_rate", "x_pct"] });
    assert.deepEqual(f.indicators.map((i) => i.indicator).sort(), ["x_pct", "y_rate"]);
    assert.equal(f.candidateRule, LISTED_CANDIDATE_RULE);
  });
});

describe("buildAnalysisFrame", () => {
  const pkg = tinyPackage();
  const link = { kind: "latest-on-or-before", outcome: "ofsted_ilacs_overall", date: "2023-03-31" } as const;

  test("rows are the LAs existing in the analysis period; context-domain catalogue rows are not indicators", () => {
    const f = buildAnalysisFrame(pkg, { context: ["idaci_score"], link });
    assert.equal(f.period, 2022);
    assert.deepEqual(f.laCodes, ["E06900001", "E06900003"]); // LA 1 ended in 2021
    assert.deepEqual(f.indicators.map((i) => i.indicator), ["x_pct"]);
  });

  test("judgement-period alignment takes each LA's values from its judgement's period, slot 1 from the judgement before", () => {
    const f = buildAnalysisFrame(pkg, { context: ["idaci_score"], link });
    assert.equal(f.alignment, "judgement-period");
    assert.deepEqual(Array.from(f.slots[0].rowPeriod), [2021, 2022]);
    assert.deepEqual(Array.from(f.slots[0].values[0]), [21, 222]);
    assert.deepEqual(Array.from(f.outcome.values), [2, 3]);
    assert.deepEqual(Array.from(f.outcomeBetter), [-2, -3]);
    assert.deepEqual(Array.from(f.slots[1].outcome.values), [NaN, 4]);
    assert.deepEqual(Array.from(f.slots[1].values[0]), [NaN, 220]);
  });

  test("analysis-period alignment takes every LA's values from the period and earlier slots from earlier years", () => {
    const f = buildAnalysisFrame(pkg, { context: ["idaci_score"], link, period: 2022 });
    assert.equal(f.alignment, "analysis-period");
    assert.deepEqual(Array.from(f.slots[0].values[0]), [22, 222]);
    assert.deepEqual(Array.from(f.slots[1].values[0]), [21, NaN]); // suppressed stays missing, never zero
    assert.deepEqual(Array.from(f.slots[2].values[0]), [20, 220]);
  });

  test("context comes from the nearest period when the row period has none", () => {
    const f = buildAnalysisFrame(pkg, { context: ["idaci_score"], link });
    assert.deepEqual(Array.from(f.context[0].values).map((v) => Math.round(v * 10) / 10), [0.1, 0.3]);
    assert.deepEqual(f.context[0].periodsUsed, [2019]);
    assert.match(f.contextRule, /nearest period/);
  });

  test("unknown periods and context variables are input errors naming what exists", () => {
    assert.throws(() => buildAnalysisFrame(pkg, { context: ["imd_score"], link }), /context variable not in context.csv \(have: idaci_score\)/);
    assert.throws(() => buildAnalysisFrame(pkg, { context: [], link, period: 2030 }), /period 2030 has no indicator values/);
  });
});
