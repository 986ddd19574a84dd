/**
 * The figures of an LA profile: the spine chart, the tartan rug and the trend charts of its most notable
 * indicators (chart builders in lib/plots/profile.ts).
 */
import { spineChart, tartanRug, trendWithNeighbours, type SpineRow, type TartanCell } from "../plots/profile";
import type { Figure } from "../plots/figure";
import { PROFILE_TREND_CHARTS, type LaProfile, type ProfileBenchmark, type ProfileIndicator, type ProfileTrend } from "./types";
import { flaggedLabel, partYearChartNote, splitPartYear, withPartYearPoints } from "./window-shares";

/** The benchmark as a legend names it. */
const BENCHMARK_NAMES: Record<ProfileBenchmark, string> = { england: "England", region: "region", neighbours: "statistical-neighbour median" };
/** The profile's figures: spine chart, tartan rug and trend charts of the most notable indicators. */
export function profileFigures(profile: LaProfile): { spine: Figure | null; tartan: Figure | null; trends: { indicator: string; figure: Figure }[] } {
  const la = profile.la.la_name;
  // out-of-date figures (x.stale) are listed apart in the indicators table, not drawn beside current ones
  const judged = profile.indicators.filter((x) => x.period !== null && x.value !== null && x.polarity !== "none" && x.unit !== "count" && !x.stale);
  const spineRows: SpineRow[] = judged
    .filter((x) => x.england.value !== null && x.distribution.min !== null && x.distribution.max !== null)
    .map((x) => ({
      indicator: x.indicator,
      label: flaggedLabel(x),
      polarity: x.polarity,
      value: x.value,
      england: x.england.value,
      // a figure the profile computed is not a published England rate: the hover says so, as the table's note does
      ...(x.england.source.startsWith("published") ? {} : { englandSource: x.england.source }),
      ...(x.valueNote === undefined ? {} : { valueNote: x.valueNote }),
      min: x.distribution.min as number,
      q25: x.distribution.q25 as number,
      q75: x.distribution.q75 as number,
      max: x.distribution.max as number,
      comparison: x.headline.outcome,
      comparisonLabel: x.headline.label,
      period: x.period,
    }));
  const spine = spineRows.length ? spineChart(spineRows, { laName: la, benchmarkName: BENCHMARK_NAMES[profile.options.benchmark] }) : null;
  // tartan rug: LA, neighbours, region, England; colour = comparison with England
  const rugRows = judged.filter((x) => x.comparisons.england.outcome !== "not-compared");
  let tartan: Figure | null = null;
  if (rugRows.length) {
    const areas = [la, ...profile.neighbours.list.map((n) => n.la_name), profile.la.region_name || "Region", "England"];
    const cells: TartanCell[][] = rugRows.map((x) => {
      const nb = x.neighbourLatest.map((n): TartanCell => ({ value: n.value, comparison: n.england }));
      return [
        { value: x.value, comparison: x.comparisons.england.outcome },
        ...nb,
        { value: x.region.value, comparison: "not-compared" },
        { value: x.england.value, comparison: "not-compared" },
      ];
    });
    tartan = tartanRug({ areas, indicators: rugRows.map((x) => ({ label: flaggedLabel(x), period: x.period })), cells }, { title: `${la} and its neighbours against England` });
  }
  const score = (x: ProfileIndicator) =>
    (x.trend.marker === "increasing" || x.trend.marker === "decreasing" ? 4 : 0) + (x.headline.outcome === "worse" ? 3 : x.headline.outcome === "better" ? 2 : 0) + (x.seriesBroken ? 1 : 0);
  const chosen = profile.indicators
    .filter((x) => x.series.filter((p) => p.value !== null).length >= 2 && x.unit !== "count")
    .map((x, i) => ({ x, i, s: score(x) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, PROFILE_TREND_CHARTS);
  const nbNames = new Map(profile.neighbours.list.map((n) => [n.la_code, n.la_name]));
  const trends = chosen.map(({ x }) => {
    // an Annex A window share is not a year's value: drawn apart, not joined to the annual line (lib/profile/window-shares.ts)
    const { annual, partYear } = splitPartYear(x.series);
    const partYearNote = partYearChartNote(partYear);
    const figure = trendWithNeighbours({
      label: x.label,
      polarity: x.polarity,
      la: { name: la, points: annual.map((p) => ({ period: p.period, value: p.value, lower95: p.lower95, upper95: p.upper95 })) },
      neighbours: x.neighbourSeries.map((n) => ({ name: nbNames.get(n.la_code) ?? n.la_code, points: x.series.map((p, k) => ({ period: p.period, value: n.values[k] })) })),
      neighbourMedian: x.series.map((p) => ({ period: p.period, value: p.neighbourMedian })),
      england: x.series.map((p) => ({ period: p.period, value: p.england })),
      notes: [trendText(x.trend), ...x.seriesNotes, ...(partYearNote === null ? [] : [partYearNote])],
    });
    return { indicator: x.indicator, figure: withPartYearPoints(figure, la, partYear) };
  });
  return { spine, tartan, trends };
}

/** The trend marker in words, under a trend chart. */
function trendText(t: ProfileTrend): string {
  if (t.marker === "cannot-be-calculated") return `Recent trend: cannot be calculated (${t.reason ?? "insufficient data"})`;
  const what = t.marker === "no-significant-change" ? "no significant change" : `${t.marker}${t.assessment !== t.marker ? ` and ${t.assessment}` : ""}`;
  return `Recent trend ${t.periods[0]}–${t.periods[t.periods.length - 1]}: ${what} (χ² = ${t.chiSquare.toFixed(2)}, ${t.method === "wls" ? "weighted least squares" : "Cochran–Armitage"})`;
}
