/**
 * profile.html: an LA profile (lib/profile `buildLaProfile`) in words, tables and figures, composed with the
 * report builder (./document.ts). The numbers come from lib/profile; this file only writes them out.
 */
import * as path from "node:path";
import { writeFilesAtomically } from "../data/atomic-write";
import type { Domain } from "../data/types";
import type { FunnelSignificance } from "../indicators/funnel";
import { NO_ENGLAND_FIGURE, ROUNDED_VALUE_NOTE, STALE_AFTER_YEARS, type ProfileFunnel, type ProfileVitalSigns, profileFigures, type BenchmarkValue, type LaProfile, type ProfileBenchmark, type ProfileFunnelView, type ProfileIndicator } from "../profile";
import { reportHtml, type ReportBlock, type ReportSection } from "./document";
import { reproducibilityStamp } from "./reproducibility";
import { profileSummarySection, suppressedWords } from "./profile-summary";
import { verdictGloss } from "./analysis-summary";
import { contextLabel, outcomeLabel } from "./plain-labels";

/** The benchmark as it reads after "against" or "with": "England", "the region", "the statistical-neighbour median". */
const BENCHMARK_PHRASES: Record<ProfileBenchmark, string> = { england: "England", region: "the region", neighbours: "the statistical-neighbour median" };
/** The benchmark as it reads after "higher than": "England", "the region", "the neighbour median". */
const BENCHMARK_NAMES: Record<ProfileBenchmark, string> = { england: "England", region: "the region", neighbours: "the neighbour median" };

/** "1 indicator is", "11 indicators are". */
function indicatorsAre(n: number): string {
  return `${n} indicator${n === 1 ? " is" : "s are"}`;
}

/**
 * " (6 of them withheld for disclosure)": the broken series counted include withheld figures, so "182 series are
 * broken" had stood beside "176 of 188 indicators have a value" without a word (a user trial, r26); "" when none is.
 * @example brokenWithheldWords(profile) // " (6 of them withheld for disclosure)"
 */
export function brokenWithheldWords(profile: Pick<LaProfile, "indicators">): string {
  const withheld = profile.indicators.filter((x) => x.period !== null && x.seriesBroken && x.value === null).length;
  return withheld > 0 ? ` (${withheld} of them withheld for disclosure)` : "";
}

/** The overview: counts of the comparisons, notes, why indicators were not compared, and the neighbours. */
function overviewSection(profile: LaProfile): ReportSection {
  const { la, summary } = profile;
  const bm = BENCHMARK_PHRASES[profile.options.benchmark];
  const notCompared = Object.entries(summary.notComparedReasons).sort((a, b) => b[1] - a[1]);
  const overview: ReportBlock[] = [
    {
      type: "text",
      markdown:
        `**${la.la_name}** (${la.la_code}, ${la.region_name}). ${summary.withValue} of ${summary.indicators} indicators have a value${suppressedWords(summary.suppressed)}. ` +
        `Against ${bm} (Fingertips' interval-overlap rule at ${profile.options.levels}%): ${summary.better} better, ${summary.similar} similar and ${summary.worse} worse; ` +
        `${indicatorsAre(summary.higherOrLower)} without a judgement of direction (higher or lower only). ` +
        `${summary.brokenSeries} series ${summary.brokenSeries === 1 ? "is" : "are"} broken by a reorganisation${brokenWithheldWords(profile)}.`,
    },
  ];
  if (profile.notes.length) overview.push({ type: "text", markdown: profile.notes.map((n) => `- ${n}`).join("\n") });
  if (notCompared.length > 0) {
    overview.push({ type: "text", markdown: `${indicatorsAre(summary.notCompared)} not compared:\n\n${notCompared.map(([r, n]) => `- ${n}: ${r}`).join("\n")}` });
  }
  overview.push({
    type: "table",
    rows: profile.neighbours.list.map((n) => ({ rank: n.rank, la: n.la_name, code: n.la_code, closeness: n.closeness })),
    options: { caption: `Statistical neighbours (${profile.neighbours.source})`, sortable: false, labels: { rank: "Rank", la: "Local authority", code: "Code", closeness: "Closeness" } },
  });
  return { heading: "Overview", blocks: overview };
}

/**
 * The council's vital signs (`profile --results`): what the analysis found, in its words, then each sign's latest
 * value and comparison as the indicators table shows them.
 */
function vitalSignsSection(profile: LaProfile, view: ProfileVitalSigns): ReportSection {
  const allowedFor = view.context.map(contextLabel);
  const outcome = outcomeLabel(view.outcome);
  const bm = BENCHMARK_PHRASES[profile.options.benchmark];
  const intro =
    `An analysis of this package (period ${view.analysedPeriod}) related each indicator to **${outcome}** across LAs, allowing for ${allowedFor.length > 0 ? allowedFor.join(", ") : "no context"}. ` +
    `${view.signs.length === 0 ? "It selected no vital sign." : `It selected ${view.signs.length} vital sign${view.signs.length === 1 ? "" : "s"}: each ${verdictGloss("selected", allowedFor)}.`} ` +
    `The direction is the analysis' (across all LAs), not a judgement of ${profile.la.la_name}; the comparison is the profile's, against ${bm}.`;
  const rows = view.signs.map((s) => ({
    indicator: s.label,
    value: s.value === null ? (s.status === "suppressed:disclosure" ? "suppressed (disclosure)" : "no value") : `${s.value}${s.valueFlag ? ` (${s.valueFlag})` : ""}`,
    period: s.period ?? "",
    comparison: s.headline,
    band: quartileWords(s),
    direction: s.direction ?? "",
  }));
  const blocks: ReportBlock[] = [{ type: "text", markdown: intro }];
  if (rows.length > 0) {
    blocks.push({
      type: "table",
      rows,
      options: { caption: `${profile.la.la_name}'s vital signs for ${outcome}`, sortable: false, labels: { indicator: "Vital sign", value: "Latest value", period: "Period", comparison: `Against ${bm}`, band: "Quartile band", direction: "In the analysis" } },
    });
  }
  return { heading: "Vital signs", blocks };
}

/** The domains of the 2019 outcomes framework (La Valle et al.) as a reader knows them. */
export const DOMAIN_LABELS: Readonly<Record<Domain, string>> = Object.freeze({
  "conditions-and-culture": "Conditions and culture for good practice",
  "reaching-children": "Reaching the children who need help",
  "valued-and-involved": "Children and families valued and involved",
  "child-safe": "Children are safe",
  "child-wellbeing": "Children's wellbeing",
  "child-education": "Children's education",
  workforce: "Workforce",
  context: "Context",
});

/** A trend marker or assessment code in words ("no-significant-change" → "no significant change"). */
function trendWords(code: string): string {
  return code.replace(/-/g, " ");
}

/**
 * The "Recent trend" cell: the assessment in words, with the trend's years when it does not end at the period shown
 * beside it (a review: Leeds' children looked after, 85 in 2025, beside "increasing" over 2020–2024, 2025 having no
 * counts for the trend); "–" when there is no trend.
 * @example trendCellWords({ period: 2025, trend: { marker: "increasing", assessment: "increasing", periods: [2020, 2021, 2022, 2023, 2024] } })
 * // "increasing (2020–2024)"
 */
export function trendCellWords(x: { period: number | null; trend: Pick<ProfileIndicator["trend"], "marker" | "assessment" | "periods"> }): string {
  const { marker, assessment, periods } = x.trend;
  if (marker === "cannot-be-calculated") return "–";
  const last = periods[periods.length - 1];
  return last === x.period ? trendWords(assessment) : `${trendWords(assessment)} (${periods[0]}–${last})`;
}

/**
 * Why a rank is among fewer LAs than have a value, for the caption of the table it is in: an unpublished indicator's
 * values withheld for disclosure are left out of its ranks (an official indicator's are not: they are public); null
 * when nothing is left out or the LA has no rank.
 * @example rankLeftOutWords({ label: "Visits on time (%)", rank: 3, rankOf: 11, distribution: { withheldLeftOut: 1 } }, 10)
 * // "Visits on time (%): ranked among the 11 LAs whose value is shown; 1 LA whose value is withheld for disclosure is left out (a count of 1 to 9 behind it, or one it would give back; unlike official figures, these data are not published)."
 */
export function rankLeftOutWords(x: Pick<ProfileIndicator, "label" | "rank" | "rankOf"> & { distribution: Pick<ProfileIndicator["distribution"], "withheldLeftOut"> }, threshold: number): string | null {
  const k = x.distribution.withheldLeftOut;
  if (x.rank === null || k === 0) return null;
  return `${x.label}: ranked among the ${x.rankOf} LAs whose value is shown; ${k} LA${k === 1 ? " whose value is" : "s whose values are"} withheld for disclosure ${k === 1 ? "is" : "are"} left out (a count of 1 to ${threshold - 1} behind ${k === 1 ? "it" : "each"}, or one it would give back; unlike official figures, these data are not published).`;
}

/** The LA's quarter as LAIT shows it: the band A (best) – D where the indicator has a good direction, else lowest … highest. */
export function quartileWords(x: Pick<ProfileIndicator, "band" | "quartile">): string {
  if (x.band !== null) return `${x.band}${x.band === "A" ? " (best)" : x.band === "D" ? " (worst)" : ""}`;
  return x.quartile === null ? "" : ["lowest quarter", "2nd quarter", "3rd quarter", "highest quarter"][x.quartile - 1];
}

/**
 * The comparison with the headline benchmark in words: the interval rule's verdict when intervals could be
 * computed, else the direction alone, "higher than England (no interval)" — as the dashboards show it.
 */
export function comparisonWords(x: Pick<ProfileIndicator, "value" | "headline"> & Partial<Pick<ProfileIndicator, "unit">>, benchmarkName: string): string {
  if (x.headline.outcome !== "not-compared") return x.headline.label;
  if (x.value === null || x.headline.benchmark === null) return "not compared";
  // England's and a region's figure of a count is their total: every LA's count is lower (Birmingham's referrals,
  // 16,324, "lower than England" at 632,830: a user trial, round 27); a neighbour median of counts stays comparable
  if (x.unit === "count" && (benchmarkName === BENCHMARK_NAMES.england || benchmarkName === BENCHMARK_NAMES.region)) return `not compared (a count beside ${benchmarkName === BENCHMARK_NAMES.england ? "England's" : "the region's"} total)`;
  const d = x.value - x.headline.benchmark;
  return d === 0 ? `same as ${benchmarkName} (no interval)` : `${d > 0 ? "higher" : "lower"} than ${benchmarkName} (no interval)`;
}

/**
 * The note beside an indicator whose England or region figure the profile computed (nothing published: pooled
 * from the package's LAs' counts, or their median), so that it is not read as a published rate — in a package of
 * a pilot's own data, "England" is the pilot's LAs (a walkthrough: "worse than England", pooled from 12 LAs, with
 * the note only in profile.json); "" when both are published or missing.
 * @example computedBenchmarkNote({ value: 67, source: "median of 151 LAs (no published figure)", laMedian: true }, { value: 70, source: "published (benchmarks.csv)" })
 * // "England: median of 151 LAs (no published figure)"
 */
function computedBenchmarkNote(england: BenchmarkValue, region: BenchmarkValue): string {
  // a computed figure, or England refused because the LAs with a value are a part of it (lib/profile/comparators.ts)
  const computed = (b: BenchmarkValue) => (b.value !== null && !b.source.startsWith("published")) || b.source.startsWith(NO_ENGLAND_FIGURE);
  return [computed(england) ? `England: ${england.source}` : "", computed(region) ? `region: ${region.source}` : ""].filter((t) => t !== "").join("; ");
}

/** Where the LA sits against its funnel's limits, in words (PHEindicatormethods' labels in profile.json). */
const FUNNEL_POSITION_WORDS: Readonly<Record<FunnelSignificance, string>> = Object.freeze({
  "High (0.001)": "above the 99.8% limit",
  "High (0.025)": "above the 95% limit",
  "Not significant": "within the limits",
  "Low (0.025)": "below the 95% limit",
  "Low (0.001)": "below the 99.8% limit",
});

/**
 * The funnel cell: the LA's position in plain words, and whether the limits were widened for the variation between
 * LAs (the method's names, φ and τ², are in the Methods section and profile.json: a walkthrough found them jargon on
 * a director's page).
 * @example funnelWords({ significance: "Not significant", adjustment: "additive" }) // "within the limits (widened for variation between LAs)"
 */
export function funnelWords(f: Pick<ProfileFunnel, "significance" | "adjustment">): string {
  const position = f.significance === null ? "not placed" : FUNNEL_POSITION_WORDS[f.significance];
  return f.adjustment === "none" ? position : `${position} (widened for variation between LAs)`;
}

/** The flag of a published value rounded outside its own interval (lib/profile `ROUNDED_VALUE_NOTE`). */
const ROUNDED_FLAG = "rounded";

/** Whether the value is published rounded outside its interval, which the counts give. */
function isRounded(x: Pick<ProfileIndicator, "intervalNote">): boolean {
  return x.intervalNote?.startsWith(ROUNDED_VALUE_NOTE) ?? false;
}

/** One row of the indicators table, with reader's labels. */
function indicatorRow(x: ProfileIndicator, benchmarkName: string) {
  return {
    indicator: x.label,
    domain: DOMAIN_LABELS[x.domain] ?? x.domain,
    period: x.period,
    value: x.value,
    // flagged in the value's cell: a window share or a low-reliability value reads like the others (lib/profile/value-flags.ts)
    // and a rounded published value outside its interval is flagged "rounded" (the caption says what the interval is
    // of: 11 of 1,999 = 0.55 beside "1"; in the cell the note made the value column 415 px wide)
    value_flag: [x.valueFlag ?? "", isRounded(x) ? ROUNDED_FLAG : ""].filter((t) => t !== "").join("; "),
    status: x.status,
    ci95: x.lower95 === null ? "" : `${x.lower95.toFixed(1)}–${(x.upper95 as number).toFixed(1)}`,
    england: x.england.value,
    region: x.region.value,
    benchmark_note: computedBenchmarkNote(x.england, x.region),
    // the median, as the neighbour comparison, profile.json's neighbours.median and the trend charts give it: the table
    // had shown the mean as "Statistical neighbours (average)" (Dorset's re-referrals 20.3 beside a median of 19.95
    // everywhere else, a user trial, r26); the mean stays in profile.json (neighbours.mean)
    neighbour_median: x.comparisons.neighbours.benchmark,
    // an empty benchmark cell says why it is empty, never the LA's own status (a review: England, region and neighbours
    // read "suppressed (disclosure)" where no benchmark exists, beside a note saying there is no England figure)
    benchmark_missing: "none",
    neighbours_missing: x.neighbours.withheld > 0 ? "withheld (a neighbour's value is withheld for disclosure)" : "none",
    comparison: comparisonWords(x, benchmarkName),
    band: quartileWords(x),
    rank: x.rank === null ? "" : `${x.rank}/${x.rankOf}`,
    funnel: x.funnel ? funnelWords(x.funnel) : "",
    trend: trendCellWords(x),
    series: x.seriesBroken ? "broken" : "",
  };
}

const INDICATOR_COLUMN_LABELS = {
  indicator: "Indicator",
  domain: "Domain",
  period: "Period",
  value: "Value",
  status: "Status",
  ci95: "95% CI",
  england: "England",
  region: "Region",
  benchmark_note: "Benchmark note",
  neighbour_median: "Statistical neighbours (median)",
  comparison: "Comparison",
  band: "Quartile band",
  rank: "Rank",
  funnel: "Funnel (against England)",
  trend: "Recent trend",
  series: "Series",
};

/**
 * The indicators table: for every indicator with a value its period, value, interval, England, region and
 * statistical-neighbour median, comparison, quartile band, rank, funnel and trend. Indicators whose latest
 * value is more than STALE_AFTER_YEARS before the reference period are grouped apart, under a note that says so.
 */
function indicatorsSection(profile: LaProfile): ReportSection {
  const bm = BENCHMARK_PHRASES[profile.options.benchmark];
  const bmName = BENCHMARK_NAMES[profile.options.benchmark];
  const withValue = profile.indicators.filter((x) => x.period !== null);
  const table = (rows: readonly ProfileIndicator[], caption: string, id: string): ReportBlock => {
    // the note on unpublished England and region figures only where one of the table's rows has one
    const withNote = rows.some((x) => computedBenchmarkNote(x.england, x.region) !== "");
    // what each flag means, under the caption of a table that has one ("A value flagged part-year: …")
    const flagNotes = [...new Set(rows.flatMap((x) => (x.valueNote === undefined ? [] : [x.valueNote])))].map((n) => ` A value flagged ${n}.`).join("") +
      rows.filter(isRounded).map((x) => ` ${x.label}, flagged ${ROUNDED_FLAG}: ${x.intervalNote}.`).join("") +
      // a value withheld beside the LA's other figures says which (secondary suppression: it is not small itself)
      rows.flatMap((x) => (x.withheldNote === undefined ? [] : [` ${x.label}: ${x.withheldNote}.`])).join("") +
      // a rank among fewer LAs than have a value says why (a review: "37/95" where 131 LAs have one)
      rows.flatMap((x) => rankLeftOutWords(x, profile.disclosure.threshold) ?? []).map((t) => ` ${t}`).join("");
    return { type: "table", rows: rows.map((x) => indicatorRow(x, bmName)), options: {
      maxRows: 400, digits: 1, caption: `${caption}${flagNotes}`, id, labels: INDICATOR_COLUMN_LABELS, flags: { value: "value_flag" },
      missingWhy: { england: "benchmark_missing", region: "benchmark_missing", neighbour_median: "neighbours_missing" },
      // a missing value says why in its own cell (from status), so status needs no column of its own
      // the series column only where a series is broken (an empty column the table's width could not spare: 1437 px
      // in a 1152 px box); one neighbour column, the median, whatever the benchmark: the mean had been shown beside a
      // comparison against the median (a walkthrough: 74.8 shown, compared against 69.8)
      columns: Object.keys(INDICATOR_COLUMN_LABELS).filter((c) => c !== "status" && (c !== "benchmark_note" || withNote) && (c !== "series" || rows.some((x) => x.seriesBroken))),
      // short codes and ranges on one line; long names and the funnel verdict wrap over at most a few lines
      noWrap: ["ci95", "rank"], minWidthEm: { indicator: 13, funnel: 8, ...(withNote ? { benchmark_note: 9 } : {}) },
    } };
  };
  const current = withValue.filter((x) => !x.stale);
  const stale = withValue.filter((x) => x.stale);
  const blocks: ReportBlock[] = current.length === 0 ? [
    { type: "text", markdown: `**No current figures.** No indicator has a value within ${STALE_AFTER_YEARS} years of ${profile.referencePeriod}, the period of this profile${withValue.length > 0 ? ": every figure the LA has is older and listed below" : ""}.` },
  ] : [
    table(current, `Comparison: against ${bm} (where no interval can be computed, the direction only); quartile band: LAIT's A (best) – D, or the LA's quarter among all LAs where higher is neither better nor worse; funnel: the LA's position against limits around England that allow, where LAs differ more than chance would make them, for that variation. The two can differ: the comparison asks whether the LA's own interval excludes ${bm}; the wider funnel limits ask whether it stands out from the variation between LAs.`, "vsw-profile-indicators"),
  ];
  if (stale.length > 0) {
    blocks.push(
      { type: "text", markdown: `**Older figures.** ${indicatorsAre(stale.length)} shown apart because ${stale.length === 1 ? "its" : "their"} latest value is more than ${STALE_AFTER_YEARS} years before ${profile.referencePeriod}, the period of this profile: they may no longer describe the service. They are left out of the spine chart and the tartan rug.` },
      table(stale, `Older figures (latest value more than ${STALE_AFTER_YEARS} years before ${profile.referencePeriod})`, "vsw-profile-indicators-older"),
    );
  }
  return { heading: "Indicators", blocks };
}

/** Triangulation by domain: composite z, sources and whether they agree, thin evidence. */
function triangulationSection(profile: LaProfile): ReportSection {
  return {
    heading: "Triangulation by domain",
    blocks: [
      { type: "text", markdown: "Indicators standardised against England (z, sign aligned so that positive is better), averaged per domain; sources agree when their mean z have the same sign. Thin evidence is flagged." },
      {
        type: "table",
        rows: profile.triangulation.domains.map((d) => ({
          domain: DOMAIN_LABELS[d.domain as Domain] ?? d.domain,
          composite_z: Number.isFinite(d.composite) ? d.composite : null,
          // says why a composite is missing in its cell: no indicator with a value and a good direction to average
          status: d.inComposite === 0 ? "none to average" : "",
          indicators: `${d.inComposite} of ${d.indicators}`,
          sources: d.sources.map((s) => `${s.source} (mean z ${s.meanZ.toFixed(2)} over ${s.indicators} indicators)`).join("; "),
          sources_agree: d.singleSource ? "single source" : d.sourcesAgree === null ? "–" : d.sourcesAgree ? "yes" : "no",
          thin_evidence: d.thin ? d.thinReasons.join("; ") : "",
        })),
        options: { digits: 2, sortable: false, columns: ["domain", "composite_z", "indicators", "sources", "sources_agree", "thin_evidence"], labels: { domain: "Domain", composite_z: "Composite z", indicators: "Indicators in it", sources: "Sources", sources_agree: "Sources agree", thin_evidence: "Thin evidence" } },
      },
    ],
  };
}

/** The funnel plots, each with how many LAs the exact and the adjusted limits flag. */
function funnelsSection(funnels: readonly ProfileFunnelView[]): ReportSection {
  return {
    heading: "Funnel plots with overdispersion",
    blocks: funnels.map((f) => ({
      type: "figure" as const,
      figure: f.figure,
      caption:
        `${f.reason}. Outside the 99.8% limits: ${f.outsideExact998} of ${f.lasInEstimate} LAs with exact limits, ${f.outsideAdjusted998} with the adjusted ones.` +
        (f.notPlotted > 0 ? ` ${f.notPlotted} LA${f.notPlotted === 1 ? " is" : "s are"} not plotted: a count (the denominator, or the events or non-events it gives back) is under the disclosure threshold, or its value is withheld because it would give such a count back.` : ""),
    })),
  };
}

/** The methods behind every number of the profile. */
function methodsSection(profile: LaProfile): ReportSection {
  return {
    heading: "Methods",
    blocks: [
      {
        type: "text",
        markdown:
          "- Intervals: Wilson (percentages), exact Poisson below 10 events and Byar otherwise (rates per 10,000), as PHEindicatormethods.\n" +
          "- Comparisons: Fingertips' single interval-overlap rule at 95% and 99.8%, polarity-aware; `none` polarity gives higher/lower.\n" +
          "- Funnels: limits around England for each LA's size, widened when LAs differ more than chance alone would make them (method: FunnelPlotR's φ and DerSimonian–Laird τ² on winsorised z, 10% each end; additive limits when that overdispersion is significant).\n" +
          "- Recent trend: Fingertips' marker (5 points, χ² > 9.5495, leave-one-out sign check; Cochran–Armitage for percentages with counts).\n" +
          "- Quartile bands: LAIT's, the LA's quarter among all LAs, A best to D worst (quartiles as R's default quantile, type 7); a value equal to a quartile goes to the better band, for either direction (LAIT puts it in the band below); ranks: ties share the best rank. " +
          "An official indicator's quarters and ranks are among every LA with a published value, those shown here as suppressed included (DfE published them; LAIT ranks among them all); own, pilot or returns data's among the LAs whose value is shown.\n" +
          `- Disclosure: ${profile.disclosure.rule}.`,
      },
    ],
  };
}

/**
 * The report spec for profile.html (sections for the report builder).
 * @example
 * reportHtml({ title: "LA profile", sections: profileReportSections(profile, profileFunnels(index, profile)) });
 */
export function profileReportSections(profile: LaProfile, funnels: readonly ProfileFunnelView[] = []): ReportSection[] {
  const figs = profileFigures(profile);
  const bm = BENCHMARK_PHRASES[profile.options.benchmark];
  const sections: ReportSection[] = [overviewSection(profile)];
  if (profile.vitalSigns) sections.push(vitalSignsSection(profile, profile.vitalSigns));
  if (figs.spine) sections.push({ heading: "Spine chart", blocks: [{ type: "figure", figure: figs.spine, caption: `Each indicator against the range of LAs; England in the middle, right = better; marker colour = comparison with ${bm}.` }] });
  if (figs.tartan) sections.push({ heading: "Tartan rug", blocks: [{ type: "figure", figure: figs.tartan, caption: "The LA's comparison with England, beside its neighbours', region's and England's values." }] });
  sections.push(indicatorsSection(profile), triangulationSection(profile));
  if (funnels.length) sections.push(funnelsSection(funnels));
  if (figs.trends.length) sections.push({ heading: "Trends against neighbours", blocks: figs.trends.map((t) => ({ type: "figure" as const, figure: t.figure })) });
  sections.push(methodsSection(profile));
  return sections;
}

/**
 * profile.html as a string (self-contained, plotly inlined once, via the report builder).
 * @example
 * fs.writeFileSync("out/profile.html", profileReport(profile, pkg.dir));
 */
export function profileReport(profile: LaProfile, packageDir: string, options: { now?: Date; funnels?: readonly ProfileFunnelView[]; command?: string } = {}): string {
  return reportHtml({
    title: `LA profile: ${profile.la.la_name}`,
    subtitle: `${profile.dataset.title} — against England, ${profile.la.region_name || "its region"} and its statistical neighbours`,
    sections: [profileSummarySection(profile), ...profileReportSections(profile, options.funnels ?? [])],
    stamp: reproducibilityStamp(packageDir, { now: options.now, command: options.command }),
  });
}

/**
 * Write profile.json and profile.html to a folder, atomically as one group (lib/data/atomic-write.ts);
 * returns their paths.
 * @example
 * writeProfile(profile, pkg.dir, "out/profile-E06000059");
 */
export function writeProfile(profile: LaProfile, packageDir: string, outDir: string, options: { now?: Date; funnels?: readonly ProfileFunnelView[]; command?: string } = {}): { json: string; html: string } {
  const json = path.join(outDir, "profile.json");
  const html = path.join(outDir, "profile.html");
  // one atomic group: a killed run leaves the previous profile.json and profile.html intact
  writeFilesAtomically(outDir, [
    { name: "profile.json", contents: JSON.stringify(profile, null, 1) + "\n" },
    { name: "profile.html", contents: profileReport(profile, packageDir, options) },
  ]);
  return { json, html };
}
