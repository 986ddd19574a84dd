/**
 * The words results.json carries beside its numbers — a domain's coverage note and the test an indicator must
 * pass in one resample — written here from the codes and numbers lib/vitals returns, and {@link resultsWords},
 * the set of writers `toResults` takes (lib/vitals computes; the report layer words).
 */
import type { ResultsWords } from "../vitals/results";
import type { DomainCoverage, ResampleTest } from "../vitals/selection";
import { formatPercent } from "./number-format";
import { verdictReason } from "./verdict-words";

/**
 * A domain's coverage in words (results.json `domain_coverage[].note`): the selected indicators, or why the
 * domain is not covered with its most frequently selected indicator.
 * @example
 * domainCoverageNote({ domain: "workforce", selected: [], best: { indicator: "sw_turnover_pct", code: "unstable", selectionFrequency: 0.42 } })
 * // "not covered: the evidence does not allow it; best was sw_turnover_pct (unstable, selected in 42% of resamples)"
 */
export function domainCoverageNote(coverage: DomainCoverage): string {
  if (coverage.selected.length > 0) return `covered by ${coverage.selected.join(", ")}`;
  const best = coverage.best;
  return best
    ? `not covered: the evidence does not allow it; best was ${best.indicator} (${best.code}, selected in ${formatPercent(best.selectionFrequency, 0)} of resamples)`
    : "not covered: no indicator in this domain";
}

/**
 * What an indicator must pass in one resample, in words (results.json `design.test_in_resample`; the design
 * paragraph of lib/report/selection-words.ts `resamplingDesignText` ends with it).
 * @example
 * resampleTestText({ kind: "p-level", level: 0.1 })
 * // "partial correlation has p ≤ 0.1 (two-sided; 0.05 one-sided) and the sign of the full-sample association"
 */
export function resampleTestText(test: ResampleTest): string {
  return test.kind === "p-level"
    ? `partial correlation has p ≤ ${test.level} (two-sided; ${test.level / 2} one-sided) and the sign of the full-sample association`
    : `partial correlation passes Benjamini–Hochberg q < ${test.alpha} across the indicators and has the sign of the full-sample association`;
}

/**
 * The writers of results.json's words, for `toResults` (lib/vitals/results.ts).
 * @example toResults(analysis, pkg.descriptor, collectVersions(root), resultsWords).domain_coverage[0].note
 */
export const resultsWords: ResultsWords = {
  verdictReason,
  domainCoverageNote,
  resampleTest: resampleTestText,
};
