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

  it("refuses no series", () => {
    assert.throws(() => trendSmallMultiples([], options), InputError);
  });
});
