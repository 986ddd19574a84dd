/**
 * Report sections of a several-outcomes screen (`analyse --outcomes`): the indicators × outcomes heatmap,
 * the indicators that hold across outcomes, the outcomes' noise verdicts and the outcomes skipped.
 */
import type { ReportSection } from "./document";
import { outcomesHeatmap } from "../plots/outcomes-heatmap";
import { formatNumberAs } from "./number-format";
import type { OutcomesScreen } from "../vitals/outcomes-screen";

/**
 * The sections: heatmap first (marked indicators on top), then the marks and the outcomes.
 * @example reportHtml({ title, sections: outcomesScreenSections(screen), stamp })
 */
export function outcomesScreenSections(s: OutcomesScreen): ReportSection[] {
  const order = s.indicators.map((_, i) => i).sort((a, b) => Number(s.indicators[b].marked) - Number(s.indicators[a].marked) || s.indicators[b].holdsPrecise.length - s.indicators[a].holdsPrecise.length || s.indicators[b].holdsAcross - s.indicators[a].holdsAcross || a - b);
  const figure = outcomesHeatmap({
    outcomes: s.outcomes.map((o) => ({ id: o.id, label: o.label, noisy: o.noise.code === "too-noisy" })),
    indicators: order.map((i) => s.indicators[i]),
    cells: order.map((i) => s.cells[i]),
    alpha: s.alpha,
    method: s.method === "spearman" ? "Spearman" : "Pearson",
  });
  const marked = s.indicators.filter((i) => i.marked);
  const fixed = (v: number) => (Number.isFinite(v) ? formatNumberAs(v, "fixed", 2) : "–");
  return [
    {
      heading: "Indicators × outcomes",
      blocks: [
        { type: "text", markdown: `Each cell: the association of an indicator with one outcome after allowing for ${s.context.join(", ") || "nothing"} (partial ${s.method} correlation, + = goes with a better outcome), indicators of the year ${s.lag > 0 ? `${s.lag} before` : "of"} the outcome. Rings: BH q < ${s.alpha} within the outcome. ★: ${s.holdsRule}. Outcomes marked "(noisy)" are too noisy at LA level to judge indicators by, and do not count toward ★; outcomes of one family (column "family" below: the same children's same assessment or record) count once.` },
        { type: "figure", figure, caption: "Indicators × outcomes: context-adjusted associations with q-values." },
        { type: "text", markdown: marked.length > 0 ? `Holding across outcomes: ${marked.map((i) => `**${i.label}** (${holdsText(i)}; ${i.direction === "better" ? "better" : "worse"} outcomes)`).join("; ")}.` : "No indicator holds across several outcomes judged precise enough." },
      ],
    },
    {
      heading: "The outcomes screened",
      blocks: [
        { type: "table", rows: s.outcomes.map((o) => ({ outcome: o.id, label: o.label, family: o.family === o.id ? "" : o.family, outcome_year: o.outcomeYear, indicator_year: o.indicatorYear, LAs: o.nLinked, reliability: fixed(o.noise.meanReliability), year_to_year_r: fixed(o.noise.yearToYearR), noise: o.noise.code })), options: { labels: { outcome_year: "outcome year", indicator_year: "indicator year", reliability: "mean reliability", year_to_year_r: "year-to-year r" } } },
        ...(s.skipped.length > 0 ? [{ type: "text" as const, markdown: `Not screened: ${s.skipped.map((k) => `${k.id} (${k.reason})`).join("; ")}.` }] : []),
      ],
    },
  ];
}

/**
 * The framework areas an indicator holds across, as stdout and the report say them.
 * @example areasText(["education"]) // "1 area: education"
 */
export function areasText(areas: readonly string[]): string {
  return `${areas.length} ${areas.length === 1 ? "area" : "areas"}: ${areas.join(", ")}`;
}

/**
 * How many outcomes an indicator holds across, as stdout and the report say it: the distinct outcomes judged
 * precise enough, the outcome measures they come from, and the areas of the precise ones.
 * @example holdsText({ holdsAcross: 5, holdsPrecise: ["cin_ks2_rwm_expected_pct"], holdsPreciseAreas: ["education"] }) // "1 outcome judged precise enough, from 5 measures; 1 area: education"
 */
export function holdsText(i: { holdsAcross: number; holdsPrecise: readonly string[]; holdsPreciseAreas: readonly string[] }): string {
  const n = i.holdsPrecise.length;
  const areas = n > 0 ? `; ${areasText(i.holdsPreciseAreas)}` : "";
  return `${n} ${n === 1 ? "outcome" : "outcomes"} judged precise enough, from ${i.holdsAcross} ${i.holdsAcross === 1 ? "measure" : "measures"}${areas}`;
}
