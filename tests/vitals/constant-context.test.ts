/**
 * A constant context variable: the analysis stopped with "no resample was usable … needs 4 LAs with the indicator",
 * which named the wrong cause; it is now refused naming the variable and its one value.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage, writePackage } from "../../lib/data/package";
import type { CatalogueRow, IndicatorRow } from "../../lib/data/types";
import { analysePackage } from "../../lib/vitals/analyse";
import { indicatorOutcomeRule } from "../../lib/vitals/outcome-measure";
import { tempDir } from "../helpers/temp-dirs";

const LAS = Array.from({ length: 30 }, (_, i) => `E069${String(i + 1).padStart(5, "0")}`);

const row = (indicator: string, domain: CatalogueRow["domain"], role: CatalogueRow["framework_role"]): CatalogueRow => ({
  indicator, label: indicator, domain, polarity: domain === "context" ? "none" : "up", unit: "percent", numerator: "", denominator: "",
  source: "test", definition: "test", framework_role: role, framework_area: "leaving-care",
});

/** 30 LAs, 2021–2023, an indicator outcome and a candidate; idaci_score `deprivation(i)` for LA i. */
function contextPackage(deprivation: (i: number) => number) {
  const dir = tempDir("vsw-constant-context-");
  const indicators: IndicatorRow[] = [];
  LAS.forEach((la, i) => {
    for (const period of [2021, 2022, 2023]) {
      indicators.push({ la_code: la, period, indicator: "lever_pct", value: 20 + ((i * 7 + period * 3) % 30), numerator: null, denominator: null, status: "" });
      indicators.push({ la_code: la, period, indicator: "eet_pct", value: 40 + ((i * 13 + period) % 23), numerator: null, denominator: null, status: "" });
    }
  });
  writePackage(dir, {
    name: "constant-context-test", title: "Constant context test", created: "2026-01-01",
    areas: LAS.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null })),
    catalogue: [row("lever_pct", "reaching-children", "practice"), row("eet_pct", "child-education", "child-outcome"), row("idaci_score", "context", "context")],
    indicators,
    context: LAS.map((la_code, i) => ({ la_code, period: 2021, variable: "idaci_score", value: deprivation(i) })),
    outcomes: [],
  });
  return readPackage(dir);
}

test("a context variable with one value for every LA analysed is refused, naming it and the value", () => {
  const pkg = contextPackage(() => 0.2);
  assert.throws(
    () => analysePackage(pkg, { link: indicatorOutcomeRule(pkg, "eet_pct", {}), context: ["idaci_score"], seed: 1, resamples: 10 }),
    /--context: idaci_score has the same value \(0\.2\) for all 30 LAs analysed, so it cannot be allowed for/,
  );
});

test("a context variable that varies is taken", () => {
  const pkg = contextPackage((i) => 0.1 + (i % 7) / 100);
  const a = analysePackage(pkg, { link: indicatorOutcomeRule(pkg, "eet_pct", {}), context: ["idaci_score"], seed: 1, resamples: 10 });
  assert.equal(a.frame.context[0].variable, "idaci_score");
});
