/**
 * The summary in plain words that opens an LA profile: how the LA compares with its headline benchmark
 * (better, similar, worse; different where the indicator has no agreed good direction; not compared), which
 * indicators are worse and better by name, and a one-line meaning of each comparison outcome beside it.
 */
import type { ComparisonOutcome } from "../indicators/compare";
import type { ReportBlock, ReportSection } from "./document";
import { STALE_AFTER_YEARS, type LaProfile } from "../profile";

/** Most indicators named per list in the summary ("and 12 more"). */
export const PROFILE_SUMMARY_NAMED = 8;

/** The meaning of each comparison outcome in one line; `{benchmark}` is the benchmark's name. */
export const COMPARISON_GLOSSES: Readonly<Record<ComparisonOutcome, string>> = Object.freeze({
  better: "better than {benchmark}: the LA's interval lies wholly on the good side of it",
  similar: "no clear difference from {benchmark}: the interval includes it",
  worse: "worse than {benchmark}: the interval lies wholly on the bad side of it",
  higher: "higher than {benchmark}, but higher is neither better nor worse for this indicator",
  lower: "lower than {benchmark}, but lower is neither better nor worse for this indicator",
  "not-compared": "not compared: no interval could be computed (the table still says higher or lower), or there is no benchmark value for the period",
});

const ORDER: readonly ComparisonOutcome[] = ["worse", "better", "similar", "higher", "lower", "not-compared"];

const BENCHMARK_NAMES: Record<LaProfile["options"]["benchmark"], string> = { england: "England", region: "the region", neighbours: "the statistical-neighbour median" };

/**
 * "", or "; 1 more is suppressed for disclosure" after "N of M indicators have a value".
 * @example suppressedWords(1) // "; 1 more is suppressed for disclosure"
 */
export function suppressedWords(suppressed: number): string {
  return suppressed === 0 ? "" : `; ${suppressed} more ${suppressed === 1 ? "is" : "are"} suppressed for disclosure`;
}

function named(labels: readonly string[]): string {
  const shown = labels.slice(0, PROFILE_SUMMARY_NAMED).join("; ");
  return labels.length > PROFILE_SUMMARY_NAMED ? `${shown}; and ${labels.length - PROFILE_SUMMARY_NAMED} more (see the table)` : shown;
}

/**
 * The summary section of a profile (put first).
 * @example reportHtml({ title, sections: [profileSummarySection(profile), ...profileReportSections(profile)], stamp })
 */
export function profileSummarySection(profile: Pick<LaProfile, "la" | "options" | "indicators">): ReportSection {
  const bm = BENCHMARK_NAMES[profile.options.benchmark] ?? profile.options.benchmark;
  const withValue = profile.indicators.filter((x) => x.period !== null);
  const by = new Map<ComparisonOutcome, string[]>();
  for (const x of withValue) by.set(x.headline.outcome, [...(by.get(x.headline.outcome) ?? []), x.label]);
  const count = (o: ComparisonOutcome) => by.get(o)?.length ?? 0;
  const compared = count("better") + count("similar") + count("worse");
  const stale = withValue.filter((x) => x.stale).length;
  // a value withheld for disclosure has a period but is shown as suppressed, not as a value
  const shown = withValue.filter((x) => x.value !== null).length;
  // no benchmark figure at all (a package of an LA's own returns): "worse on 0, better on 0 … of the 0" under a subtitle
  // naming England had read as a comparison made (a user trial, round 27)
  if (withValue.length > 0 && withValue.every((x) => x.headline.benchmark === null)) {
    return { heading: "Summary", blocks: [{
      type: "text",
      markdown: `**${profile.la.la_name}**: no indicator has a figure for ${bm} in this package, so nothing is compared with it ` +
        `(a package of an LA's own returns holds no England or regional figures: add its indicators to a package with the official ones, \`vital-signs add\`, to compare). ` +
        `${shown} of ${profile.indicators.length} indicators have a value${suppressedWords(withValue.length - shown)}.`,
    }] };
  }
  const blocks: ReportBlock[] = [{
    type: "text",
    markdown:
      `**${profile.la.la_name}** against ${bm}, on each indicator's latest period: **worse on ${count("worse")}**, **better on ${count("better")}** and similar on ${count("similar")} ` +
      `of the ${compared} indicators with a good direction that could be compared (Fingertips' interval-overlap rule at ${profile.options.levels}%). ` +
      `${count("higher") + count("lower")} more differ from ${bm} on indicators with no agreed good direction; ${count("not-compared")} could not be compared` +
      `${count("not-compared") > 0 ? " by interval (no count model or no denominator: the indicators table gives their direction only)" : ""}. ` +
      `${shown} of ${profile.indicators.length} indicators have a value${suppressedWords(withValue.length - shown)}` +
      `${stale > 0 ? `; ${stale} of them ${stale === 1 ? "is" : "are"} more than ${STALE_AFTER_YEARS} years old and listed apart` : ""}. A difference says where to look, not why.`,
  }];
  const lists = (["worse", "better"] as const).filter((o) => count(o) > 0).map((o) => `- **${o === "worse" ? "Worse" : "Better"} than ${bm}:** ${named(by.get(o)!)}`);
  if (lists.length > 0) blocks.push({ type: "text", markdown: lists.join("\n") });
  blocks.push({
    type: "table",
    rows: ORDER.filter((o) => count(o) > 0).map((o) => ({ comparison: o, meaning: COMPARISON_GLOSSES[o].replace("{benchmark}", bm), indicators: count(o) })),
    options: { labels: { comparison: "comparison", meaning: "what it means", indicators: "indicators" }, noWrap: ["comparison"], sortable: false, id: "vsw-comparison-glosses" },
  });
  return { heading: "Summary", blocks };
}
