/** The words of results.json written from codes and numbers: a domain's coverage note and the per-resample test. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { domainCoverageNote, resampleTestText, resultsWords } from "../../lib/report/results-words";
import { verdictReason } from "../../lib/report/verdict-words";
import type { DomainCoverage } from "../../lib/vitals/selection";

test("a covered domain names its selected indicators", () => {
  const d: DomainCoverage = Object.freeze({ domain: "child-safe", selected: ["x1", "x2"] });
  assert.equal(domainCoverageNote(d), "covered by x1, x2");
});

test("an uncovered domain names its most frequently selected indicator, its verdict and frequency in whole percent", () => {
  const d: DomainCoverage = { domain: "workforce", selected: [], best: { indicator: "sw_turnover_pct", code: "unstable", selectionFrequency: 0.425 } };
  assert.equal(domainCoverageNote(d), "not covered: the evidence does not allow it; best was sw_turnover_pct (unstable, selected in 43% of resamples)");
  assert.equal(domainCoverageNote({ domain: "workforce", selected: [] }), "not covered: no indicator in this domain");
});

test("property: the percentage is Math.round(100·f)% for every frequency k/B a selection can give (the words as vitals wrote them)", () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (B, k0) => {
    const f = Math.min(k0, B) / B;
    const note = domainCoverageNote({ domain: "workforce", selected: [], best: { indicator: "x", code: "weak", selectionFrequency: f } });
    assert.ok(note.endsWith(`selected in ${Math.round(f * 100)}% of resamples)`), `${f}: ${note}`);
  }));
});

test("the per-resample test in words, for complementary pairs (p level, halved one-sided) and for the bootstrap (BH q)", () => {
  assert.equal(resampleTestText({ kind: "p-level", level: 0.1 }), "partial correlation has p ≤ 0.1 (two-sided; 0.05 one-sided) and the sign of the full-sample association");
  assert.equal(resampleTestText({ kind: "bh-q", alpha: 0.05 }), "partial correlation passes Benjamini–Hochberg q < 0.05 across the indicators and has the sign of the full-sample association");
});

test("resultsWords bundles the report's writers for toResults", () => {
  assert.equal(resultsWords.verdictReason, verdictReason);
  assert.equal(resultsWords.domainCoverageNote, domainCoverageNote);
  assert.equal(resultsWords.resampleTest, resampleTestText);
});
