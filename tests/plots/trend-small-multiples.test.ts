import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { trendSmallMultiples, type TrendSeries } from "../../lib/plots/trend-small-multiples";
import { COLOURS } from "../../lib/plots/theme";
import { assertMatchesSnapshot } from "./snapshot";

const series: readonly TrendSeries[] = Object.freeze([
  { indicator: "re_referrals", label: "Re-referrals (%)", polarity: "down", points: [
    { period: 2013, la: 24, region: 22, neighbours: 23, england: 24.9 },
    { period: 2014, la: null, region: 22.5, neighbours: 22, england: 23.4 },
    { period: 2015, la: 21, region: 22.1, neighbours: 22.6, england: 24 },
  ] },
  { indicator: "cla_stability", label: "Placement stability (%)", polarity: "up", points: [
    { period: 2014, la: 66, england: 67 },
    { period: 2015, la: 70, england: 68 },
  ] },
] as TrendSeries[]);
const options = Object.freeze({ laName: "Castleton", regionName: "North West", neighboursLabel: "Statistical neighbours (median)" });

describe("trendSmallMultiples", () => {
  it("matches its snapshot", () => {
    assertMatchesSnapshot("trend-small-multiples", trendSmallMultiples(series, options));
  });

  it("draws one panel per indicator with the LA highlighted and each comparator once in the legend", () => {
    const fig = trendSmallMultiples(series, options);
    assert.ok(fig.layout.xaxis2);
    const la = fig.data.filter((t) => t.name === "Castleton");
    assert.equal(la.length, 2);
    assert.equal((la[0].line as { color: string }).color, COLOURS.focus);
    assert.deepEqual(fig.data.filter((t) => t.showlegend).map((t) => t.name), ["Castleton", "North West", "Statistical neighbours (median)", "England"]);
  });

  it("leaves a gap for a missing year and omits comparators with no data", () => {
    const fig = trendSmallMultiples(series, options);
    assert.deepEqual(fig.data[0].y, [24, null, 21]);
    assert.equal(fig.data.filter((t) => t.yaxis === "y2").length, 2);
  });

  it("states each indicator's polarity in its panel title", () => {
    const titles = (trendSmallMultiples(series, options).layout.annotations as { text: string }[]).map((a) => a.text);
    assert.match(titles[0], /lower is better/);
    assert.match(titles[1], /higher is better/);
  });

  it("wraps long titles and leaves room under each row for its years before the next row's titles", () => {
    const long = "Child protection plans for a second or subsequent time (%)";
    const years = Array.from({ length: 13 }, (_, i) => ({ period: 2013 + i, la: i, england: i }));
    const six = Array.from({ length: 6 }, (_, k) => ({ indicator: `i${k}`, label: long, polarity: "down" as const, points: years }));
    const fig = trendSmallMultiples(six, options);
    const layout = fig.layout as Record<string, { domain: number[]; dtick: number; tickangle: number; title: { text: string } }> & { height: number; margin: { t: number; b: number } };
    const titles = (fig.layout.annotations as { text: string }[]).map((a) => a.text);
    for (const t of titles) for (const line of t.replace(/<\/?b>/g, "").split("<br>").slice(0, -1)) assert.ok(line.length <= 40, line);
    assert.ok(titles[0].includes("<br>"), "a 60-character label is wrapped in a third of the width");
    // px between the first row's plot bottom and the second row's plot top: the years, the axis title and a 3-line title
    const plotPx = layout.height - layout.margin.t - layout.margin.b;
    const gapPx = (layout.yaxis.domain[0] - layout.yaxis4.domain[1]) * plotPx;
    assert.ok(gapPx >= 48 + 3 * 16, `${gapPx} px between rows`);
    assert.equal(layout.xaxis.tickangle, 0);
    assert.ok(12 / layout.xaxis.dtick <= 6, `13 years at every ${layout.xaxis.dtick}`);
    assert.equal(layout.xaxis.title.text, "Year ending March");
  });

  it("refuses no series", () => {
    assert.throws(() => trendSmallMultiples([], options), InputError);
  });
});
