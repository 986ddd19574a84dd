import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage, writePackage } from "../../lib/data/package";
import type { CatalogueRow, IndicatorRow } from "../../lib/data/types";
import { analysePackage } from "../../lib/vitals/analyse";
import { laAccounting } from "../../lib/vitals/la-accounting";
import { indicatorOutcomeRule } from "../../lib/vitals/outcome-measure";
import { tempDir } from "../helpers/temp-dirs";
import { verdictReason } from "../../lib/report/verdict-words";

const LAS = Array.from({ length: 40 }, (_, i) => `E069${String(i + 1).padStart(5, "0")}`);
const YEARS = [2019, 2020, 2021, 2022, 2023];
/**
 * Roles of five LAs: no outcome in 2023 (suppressed) but one in 2022; no outcome row at all; no deprivation value; ended
 * in 2018; the outcome suppressed (DfE c) in every year.
 */
const [EARLIER_ONLY, NEVER, NO_CONTEXT, ENDED, SUPPRESSED] = LAS;

const row = (indicator: string, domain: CatalogueRow["domain"], role: CatalogueRow["framework_role"]): CatalogueRow => ({
  indicator, label: indicator, domain, polarity: domain === "context" ? "none" : "up", unit: "percent", numerator: "", denominator: "",
  source: "test", definition: "test", framework_role: role, framework_area: "leaving-care",
});

/** 40 LAs, 2019–2023, an indicator outcome `eet_pct` and two candidates, with the four LAs of {@link EARLIER_ONLY} … {@link ENDED}. */
function accountingPackage(leverSuppressedIn2023: readonly string[] = []) {
  const dir = tempDir("vsw-la-accounting-");
  const indicators: IndicatorRow[] = [];
  const put = (la: string, period: number, indicator: string, value: number | null) =>
    indicators.push({ la_code: la, period, indicator, value, numerator: null, denominator: null, status: value === null ? "suppressed:c" : "" });
  LAS.forEach((la, i) => {
    for (const t of YEARS) {
      put(la, t, "lever_pct", t === 2023 && leverSuppressedIn2023.includes(la) ? null : 20 + ((i * 7 + t * 3) % 30));
      put(la, t, "other_pct", 10 + ((i * 5 + t) % 17));
      const missing = la === SUPPRESSED || (la === EARLIER_ONLY && t === 2023);
      if (la !== NEVER) put(la, t, "eet_pct", missing ? null : 40 + ((i * 13 + t) % 23));
    }
  });
  writePackage(dir, {
    name: "la-accounting-test", title: "LA accounting test", created: "2026-01-01",
    areas: LAS.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: la_code === ENDED ? 2018 : null })),
    catalogue: [row("lever_pct", "reaching-children", "practice"), row("other_pct", "reaching-children", "practice"), row("eet_pct", "child-education", "child-outcome"), row("idaci_score", "context", "context")],
    indicators,
    context: LAS.filter((la) => la !== NO_CONTEXT).map((la_code, i) => ({ la_code, period: 2019, variable: "idaci_score", value: 0.1 + ((i * 17) % 23) / 100 })),
    outcomes: [],
  });
  return readPackage(dir);
}

test("the LA accounting: the package's LAs, those of the period, the linked and the analysed, with every LA left out and why", () => {
  const pkg = accountingPackage();
  const a = analysePackage(pkg, { link: indicatorOutcomeRule(pkg, "eet_pct", {}), context: ["idaci_score"], seed: 1, resamples: 10 });
  const acc = laAccounting(a.frame, a.selection.design, a.selection.bootstrapOffsets);
  assert.deepEqual([acc.period, acc.packageLas, acc.periodLas, acc.linked, acc.analysed], [2023, 40, 39, 36, 36]);
  assert.equal(acc.analysed, a.selection.design.units);
  assert.equal(acc.linked, a.frame.outcome.n);
  assert.deepEqual(acc.leftOut, [
    { reason: "not-in-period", laCode: ENDED, laName: "LA 3", firstPeriod: null, lastPeriod: 2018 },
    { reason: "no-outcome", laCode: NEVER, laName: "LA 1" },
    { reason: "outcome-suppressed", laCode: SUPPRESSED, laName: "LA 4", status: "suppressed:c" },
    { reason: "no-context", laCode: NO_CONTEXT, laName: "LA 2", variables: ["idaci_score"] },
  ]);
  assert.deepEqual(acc.earlierSlotsOnly, [{ laCode: EARLIER_ONLY, laName: "LA 0" }], "resampled through its outcome of 2022");
  // the outcome of 2023 is suppressed for EARLIER_ONLY and SUPPRESSED: not linked, whatever happens to them later
  assert.deepEqual(acc.outcomeSuppressedLatest, [{ status: "suppressed:c", las: 2 }]);
  // every LA of the package is counted once: analysed, or left out with a reason
  assert.equal(acc.analysed + acc.leftOut.length, acc.packageLas);
});

test("suppressed_las counts the LAs analysed, not an LA left out for want of context", () => {
  const pkg = accountingPackage([NO_CONTEXT, LAS[5], LAS[6]]);
  const a = analysePackage(pkg, { link: indicatorOutcomeRule(pkg, "eet_pct", {}), context: ["idaci_score"], seed: 1, resamples: 10 });
  const lever = a.frame.indicators.findIndex((ind) => ind.indicator === "lever_pct");
  // NO_CONTEXT has an outcome and a suppressed value, but the screen never had it: 2, not 3
  assert.equal(a.suppressedLas[lever], 2);
  assert.equal(a.suppressedLas[a.frame.indicators.findIndex((ind) => ind.indicator === "other_pct")], 0);
});

test("LAs with an outcome in earlier slots only are left out as earlier-slots-only when slot 0's LAs would be fewer than half", () => {
  // the outcome of 2023 suppressed for 30 of the 40 LAs, present in 2022: 9 linked in 2023 (one more lacks context),
  // 30 through 2022 only, so only the linked are drawn
  const dir = tempDir("vsw-la-accounting-minority-");
  const indicators: IndicatorRow[] = [];
  const put = (la: string, period: number, indicator: string, value: number | null) =>
    indicators.push({ la_code: la, period, indicator, value, numerator: null, denominator: null, status: value === null ? "suppressed:c" : "" });
  LAS.forEach((la, i) => {
    for (const t of YEARS) {
      put(la, t, "lever_pct", 20 + ((i * 7 + t * 3) % 30));
      put(la, t, "eet_pct", t === 2023 && i >= 10 ? null : 40 + ((i * 13 + t) % 23));
    }
  });
  writePackage(dir, {
    name: "la-accounting-minority", title: "LA accounting test", created: "2026-01-01",
    areas: LAS.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null })),
    catalogue: [row("lever_pct", "reaching-children", "practice"), row("eet_pct", "child-education", "child-outcome"), row("idaci_score", "context", "context")],
    indicators,
    context: LAS.filter((la) => la !== NO_CONTEXT).map((la_code, i) => ({ la_code, period: 2019, variable: "idaci_score", value: 0.1 + ((i * 17) % 23) / 100 })),
    outcomes: [],
  });
  const pkg = readPackage(dir);
  const a = analysePackage(pkg, { link: indicatorOutcomeRule(pkg, "eet_pct", {}), context: ["idaci_score"], seed: 1, resamples: 10 });
  const acc = laAccounting(a.frame, a.selection.design, a.selection.bootstrapOffsets);
  assert.equal(a.selection.design.earlierOnlyLeftOut, 30);
  assert.deepEqual([acc.linked, acc.analysed], [10, 9]);
  assert.equal(acc.earlierSlotsOnly.length, 0);
  const notDrawn = acc.leftOut.filter((l) => l.reason === "earlier-slots-only");
  assert.equal(notDrawn.length, 30);
  assert.equal(notDrawn[0].laCode, LAS[10]);
  assert.deepEqual(acc.leftOut.filter((l) => l.reason === "no-context").map((l) => l.laCode), [NO_CONTEXT]);
  // the verdicts say "each LA bringing one of its 1–3 slots" only when some LA has more than one (9 of them here)
  const sel = a.selection;
  assert.ok(sel.bootstrapOffsets.length > 1 && sel.design.unitsWithSeveralSlots > 0);
  const v = sel.verdicts.find((x) => x.indicator === "lever_pct")!;
  assert.match(verdictReason(v, sel), /each LA bringing one of its 1–\d slots/);
  assert.doesNotMatch(verdictReason(v, { ...sel, design: { ...sel.design, unitsWithSeveralSlots: 0 } }), /slots/);
});
