/**
 * A value an LA profile withholds (unpublished data whose value shows a count of 1–9) is placed in no best or worst
 * 10% group of the analysis (hostile review F14: the report's per-LA counts moved Hartlepool from 5 to 6 when its
 * withheld 3 of 7 became 6 of 7).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage, writePackage } from "../../lib/data/package";
import type { DataPackage, IndicatorRow } from "../../lib/data/types";
import { buildAnalysisFrame } from "../../lib/vitals/frame";
import { extremeMembership } from "../../lib/vitals/percentiles";
import { packageAsAnalysed, packageBeforeAnalysis } from "../../lib/vitals/withheld-cells";
import { adjustedScatterRows, membershipRows } from "../../lib/report/analysis-figures";
import { outcomeMeasureFields } from "../../lib/vitals/outcome-measure-results";
import { outcomeMeasureSections } from "../../lib/report/outcome-measure-words";
import type { Analysis } from "../../lib/vitals/analyse";
import { tempDir } from "../helpers/temp-dirs";

const LAS = Array.from({ length: 12 }, (_, i) => `E069000${String(i + 1).padStart(2, "0")}`);
const LINK = { kind: "latest-on-or-before", outcome: "ofsted_ilacs_overall", date: "2023-03-31" } as const;

/** Twelve LAs judged in 2022; visits x of n in 2022, the first LA's `first` of 7; `source` the catalogue's. */
function visitsPackage(first: number, source: string): DataPackage {
  const dir = tempDir("vsw-withheld-cells-");
  const indicators: IndicatorRow[] = LAS.map((la_code, i) => {
    const [x, n] = i === 0 ? [first, 7] : [30 + 3 * i, 100];
    return { la_code, period: 2022, indicator: "visits_pct", value: (100 * x) / n, numerator: x, denominator: n, status: "" };
  });
  writePackage(dir, {
    name: "withheld-cells", title: "Withheld cells", created: "2026-01-01",
    areas: LAS.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null })),
    catalogue: [{ indicator: "visits_pct", label: "Visits", domain: "child-safe", polarity: "up", unit: "percent", numerator: "visits on time", denominator: "visits", source, definition: "" }],
    indicators,
    context: LAS.map((la_code, i) => ({ la_code, period: 2022, variable: "idaci_score", value: 0.1 + 0.01 * i })),
    outcomes: LAS.map((la_code, i) => ({ la_code, outcome: "ofsted_ilacs_overall", value: 1 + (i % 4), label: ["Outstanding", "Good", "Requires improvement", "Inadequate"][i % 4], date: "2022-06-01", period: 2022 })),
  });
  return readPackage(dir);
}

/** The LAs whose value the frame withholds (every LA has one in the package: missing in the frame is withheld), and the membership analyse computes from the frame's values. */
function membershipOf(pkg: DataPackage) {
  const frame = buildAnalysisFrame(pkg, { context: ["idaci_score"], link: LINK });
  const values = frame.slots[0].values[0];
  return { withheld: Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0)), m: extremeMembership(frame.laCodes, [{ indicator: "visits_pct", polarity: "up", values }]) };
}

test("an unpublished indicator's small-count value is withheld and in no group, whatever it is", () => {
  const low = membershipOf(visitsPackage(3, "Own data: visits.csv (visits_pct)"));
  const high = membershipOf(visitsPackage(7, "Own data: visits.csv (visits_pct)"));
  assert.deepEqual(low.withheld, [1, ...Array(11).fill(0)]);
  assert.deepEqual(low.m.perLa, high.m.perLa, "7 of 7 (the best) and 3 of 7 place the LA alike");
  assert.deepEqual([high.m.perLa[0].best, high.m.perLa[0].worst, high.m.perLa[0].judged], [0, 0, 0]);
});

test("a published indicator's small counts are public: nothing is withheld", () => {
  assert.deepEqual(membershipOf(visitsPackage(7, "EES Children looked after in England")).withheld, Array(12).fill(0));
});

test("the indicator–outcome scatter leaves an LA whose value is withheld out of both panels", () => {
  // a notebook's scatter of own data drew the withheld 3 of 7 at 42.857 (its hover "%{x:.3~f}", its data unrounded)
  const own = visitsPackage(3, "Own data: visits.csv (visits_pct)");
  const frame = buildAnalysisFrame(own, { context: ["idaci_score"], link: LINK });
  const rows = adjustedScatterRows(frame, "visits_pct");
  assert.deepEqual([rows[0].indicator, rows[0].indicatorAdjusted], [null, null]);
  assert.ok(rows.slice(1).every((r) => r.indicator !== null && r.indicatorAdjusted !== null));
  // the other LAs' adjusted values do not depend on the withheld one
  const sixOfSeven = adjustedScatterRows(buildAnalysisFrame(visitsPackage(6, "Own data: visits.csv (visits_pct)"), { context: ["idaci_score"], link: LINK }), "visits_pct");
  assert.deepEqual(sixOfSeven, rows);
  const published = adjustedScatterRows(buildAnalysisFrame(visitsPackage(3, "EES Children looked after in England"), { context: ["idaci_score"], link: LINK }), "visits_pct");
  assert.equal(published[0].indicator, 300 / 7);
});

/** Twelve LAs: an own outcome `visits_pct` in 2023 (the first LA's `first` of 161, the lowest), a published candidate in 2022. */
function outcomePackage(first: number, source: string): DataPackage {
  const dir = tempDir("vsw-withheld-outcome-");
  const indicators: IndicatorRow[] = LAS.flatMap((la_code, i) => {
    const [x, n] = i === 0 ? [first, 161] : [40 + 3 * i, 100];
    return [
      { la_code, period: 2023, indicator: "visits_pct", value: Number(((100 * x) / n).toFixed(6)), numerator: x, denominator: n, status: "" },
      { la_code, period: 2022, indicator: "staff_pct", value: 50 + ((i * 5) % 17), numerator: null, denominator: null, status: "" },
    ];
  });
  writePackage(dir, {
    name: "withheld-outcome", title: "Withheld outcome", created: "2026-01-01",
    areas: LAS.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null })),
    catalogue: [
      { indicator: "visits_pct", label: "Visits", domain: "child-safe", polarity: "up", unit: "percent", numerator: "visits on time", denominator: "visits", source, definition: "" },
      { indicator: "staff_pct", label: "Staff", domain: "workforce", polarity: "up", unit: "percent", numerator: "", denominator: "", source: "EES staff.csv", definition: "" },
    ],
    indicators,
    context: LAS.map((la_code, i) => ({ la_code, period: 2022, variable: "idaci_score", value: 0.1 + 0.01 * i })),
    outcomes: [],
  });
  return readPackage(dir);
}

test("an own outcome's withheld value is not the outcome's minimum in results.json, nor in a quarter of the membership chart", () => {
  const link = { kind: "indicator-year", outcome: "visits_pct", period: 2023, lag: 1 } as const;
  const frame = buildAnalysisFrame(outcomePackage(3, "Own data: visits.csv (visits_pct)"), { context: ["idaci_score"], link });
  assert.deepEqual([...frame.withheldOutcome], [1, ...Array(11).fill(0)]);
  const values = outcomeMeasureFields(frame)!.values;
  // 1.863354 (3 of 161) was the minimum; mean and SD are over the 11 others too (a mean over all 12, beside the
  // others' values in the report, gave it back: 12 × mean − their sum)
  assert.deepEqual([values.n, values.withheld, values.min, values.max], [12, 1, 43, 73]);
  const others = Array.from(frame.slots[0].outcome.values).slice(1);
  assert.ok(Math.abs(values.mean! - others.reduce((a, b) => a + b, 0) / 11) < 1e-12);
  const perLa = frame.laCodes.map((laCode) => ({ laCode, best: 0, worst: 0, judged: 1 }));
  const rows = membershipRows({ frame, percentiles: { perLa } } as unknown as Analysis);
  assert.equal(rows[0].outcomeQuarter, null);
  assert.ok(rows.slice(1).every((r) => r.outcomeQuarter !== null));
  const published = buildAnalysisFrame(outcomePackage(3, "EES visits.csv"), { context: ["idaci_score"], link });
  assert.equal(outcomeMeasureFields(published)!.values.min, 1.863354);
  assert.equal(outcomeMeasureFields(published)!.values.withheld, 0);
  assert.equal(membershipRows({ frame: published, percentiles: { perLa } } as unknown as Analysis)[0].outcomeQuarter, 4);
});

test("a withheld value is analysed as suppressed: missing in every statistic, so none gives it back (a second review recovered five from multiple_r)", () => {
  const own = visitsPackage(3, "Own data: visits.csv (visits_pct)");
  const view = packageAsAnalysed(own);
  assert.notEqual(view, own);
  assert.equal(packageAsAnalysed(view), view, "made once");
  assert.equal(packageBeforeAnalysis(view), own);
  assert.deepEqual([view.indicators.get("value", 0), view.indicators.get("status", 0)], [null, "suppressed:disclosure"]);
  assert.equal(view.indicators.get("value", 1), own.indicators.get("value", 1));
  // the frame's value is missing, that LA's alone, and the screen's statistics are those without the LA
  const frame = buildAnalysisFrame(own, { context: ["idaci_score"], link: LINK });
  assert.deepEqual(Array.from(frame.slots[0].values[0], Number.isNaN), [true, ...Array(11).fill(false)]);
  const sixOfSeven = buildAnalysisFrame(visitsPackage(6, "Own data: visits.csv (visits_pct)"), { context: ["idaci_score"], link: LINK });
  assert.deepEqual(sixOfSeven.slots.map((s) => [...s.values[0]]), frame.slots.map((s) => [...s.values[0]]));
  assert.deepEqual(frame.indicators[0].byPeriod.map((v) => [...v]), sixOfSeven.indicators[0].byPeriod.map((v) => [...v]), "every period");
  // published data and packages with nothing withheld are analysed as they are
  const published = visitsPackage(3, "EES Children looked after in England");
  assert.equal(packageAsAnalysed(published), published);
  assert.equal(buildAnalysisFrame(published, { context: ["idaci_score"], link: LINK }).slots[0].values[0][0], 300 / 7);
});

test("the report's outcome section says how many of the outcome's values are withheld (a second review found it silent)", () => {
  const link = { kind: "indicator-year", outcome: "visits_pct", period: 2023, lag: 1 } as const;
  const fields = (first: number, source: string) => outcomeMeasureFields(buildAnalysisFrame(outcomePackage(first, source), { context: ["idaci_score"], link }))!;
  const text = (m: ReturnType<typeof fields>) => JSON.stringify(outcomeMeasureSections({ outcome_measure: m as never }));
  assert.match(text(fields(3, "Own data: visits.csv (visits_pct)")), /1 of its 12 LA values in that year is withheld for disclosure/);
  assert.doesNotMatch(text(fields(3, "EES visits.csv")), /withheld for disclosure/);
});
