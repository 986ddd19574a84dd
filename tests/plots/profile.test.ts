import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { COMPARISON_COLOURS, funnelWithOverdispersion, spineChart, spinePosition, tartanRug, trendWithNeighbours, type SpineRow } from "../../lib/plots/profile";
import { assertMatchesSnapshot } from "./snapshot";

const rows: readonly SpineRow[] = Object.freeze([
  // England 22.6, LAs 12–34: h = max(22.6 − 12, 34 − 22.6) = 11.4; low is good, so mirrored
  { indicator: "rereferral", label: "Re-referrals (%)", polarity: "down", value: 14.7, england: 22.6, min: 12, q25: 19, q75: 25, max: 34, comparison: "better", comparisonLabel: "better (99.8%)", period: 2025 },
  { indicator: "stability", label: "Placement stability (%)", polarity: "up", value: 66, england: 68, min: 50, q25: 64, q75: 72, max: 80, comparison: "similar", comparisonLabel: "similar", period: 2024 },
  { indicator: "agency", label: "Agency social workers (%)", polarity: "down", value: null, england: 17.8, min: 0, q25: 10, q75: 25, max: 50, comparison: "not-compared", comparisonLabel: "not compared", period: null },
] as SpineRow[]);

describe("spinePosition", () => {
  it("puts England in the middle and mirrors low-is-good rows so that right is better", () => {
    assert.equal(spinePosition(22.6, rows[0]), 0.5);
    // p = 0.5 + (14.7 − 22.6)/(2 × 11.4) = 0.153509; mirrored: 1 − p = 0.846491
    assert.ok(Math.abs(spinePosition(14.7, rows[0]) - 0.846491) < 1e-6);
    // high is good, not mirrored: h = max(18, 12) = 18; p = 0.5 + (66 − 68)/36 = 0.444444
    assert.ok(Math.abs(spinePosition(66, rows[1]) - 0.444444) < 1e-6);
    // the LA farthest from England sits at an end
    assert.equal(spinePosition(34, rows[0]), 0);
    assert.equal(spinePosition(50, rows[1]), 0);
  });
  it("is NaN without England's value", () => {
    assert.ok(Number.isNaN(spinePosition(10, { ...rows[0], england: null })));
  });
});

describe("spineChart", () => {
  const fig = spineChart(rows, { laName: "Dorset", benchmarkName: "England" });
  it("matches its snapshot", () => assertMatchesSnapshot("profile-spine-chart", fig));
  it("draws three range bars per row and one marker trace per comparison outcome, coloured by it", () => {
    const bars = fig.data.filter((t) => t.type === "bar");
    assert.equal(bars.length, 3);
    assert.equal((bars[1].y as string[]).length, 3);
    const better = fig.data.find((t) => t.name === "Dorset: better")!;
    assert.equal((better.marker as { color: string }).color, COMPARISON_COLOURS.better);
    assert.ok(Math.abs((better.x as number[])[0] - 0.846491) < 1e-6);
    const nc = fig.data.find((t) => t.name === "Dorset: not compared")!;
    assert.deepEqual(nc.x, [null]); // a missing value is not drawn, never placed at 0
  });
  it("keys its rows by indicator and shows the labels on the axis, long ones shortened, whole in the hover", () => {
    const y = fig.layout.yaxis as { tickvals: string[]; ticktext: string[] };
    assert.deepEqual(y.tickvals, ["rereferral", "stability", "agency"]);
    assert.deepEqual(y.ticktext, ["Re-referrals (%) (2025)", "Placement stability (%) (2024)", "Agency social workers (%)"]);
    const label = "Children in need (not on a plan or looked after): KS2 reading, writing and maths at the expected standard (%)";
    const long = spineChart([{ ...rows[0], label }], { laName: "Dorset", benchmarkName: "England" });
    const text = (long.layout.yaxis as { ticktext: string[] }).ticktext[0];
    assert.ok([...text].length <= 48 && text.endsWith("standard (%) (2025)"), text);
    assert.ok((long.data.find((t) => t.type === "scatter")!.text as string[])[0].startsWith(`${label} (2025)<br>`));
  });
  it("the hover says where a computed England figure comes from (a review: five pilot LAs pooled read as 'England')", () => {
    const hover = (row: SpineRow) => (spineChart([row], { laName: "Dorset", benchmarkName: "England" }).data.find((t) => t.type === "scatter")!.text as string[])[0];
    assert.match(hover({ ...rows[0], englandSource: "pooled from 5 LAs' counts (no published figure)" }), /England: [\d.]+ \(pooled from 5 LAs' counts \(no published figure\)\)<br>/);
    assert.match(hover(rows[0]), /England: [\d.]+<br>/);
  });
  it("names its outer bars the worst and best quarters (rows are mirrored, right = better), in one legend entry", () => {
    const bars = fig.data.filter((t) => t.type === "bar");
    assert.deepEqual(bars.map((b) => [b.name, b.showlegend]), [
      ["Worst quarter of LAs (left end) and best quarter (right end)", true],
      ["Middle half of LAs (25th–75th percentile)", true],
      ["Worst quarter of LAs (left end) and best quarter (right end)", false],
    ]);
  });
  it("the hover gives a flagged value's note beside it", () => {
    const hover = (spineChart([{ ...rows[0], valueNote: "low reliability: so marked in the data" }], { laName: "Dorset", benchmarkName: "England" }).data.find((t) => t.type === "scatter")!.text as string[])[0];
    assert.match(hover, /<br>Dorset: [\d.]+ \(low reliability: so marked in the data\)<br>/);
  });
  it("refuses an empty profile", () => {
    assert.throws(() => spineChart([], { laName: "x", benchmarkName: "England" }), InputError);
  });
});

describe("tartanRug", () => {
  const input = Object.freeze({
    areas: ["Dorset", "Somerset", "England"],
    indicators: [{ label: "Re-referrals (%)", period: 2025 }, { label: "Turnover (%)", period: 2026 }],
    cells: [
      [{ value: 14.7, comparison: "better" }, { value: 22.1, comparison: "similar" }, { value: 22.6, comparison: "not-compared" }],
      [{ value: 7.9, comparison: "similar" }, { value: null, comparison: "not-compared" }, { value: 11.8, comparison: "not-compared" }],
    ],
  } as const);
  const fig = tartanRug(input as never, { title: "Comparison with England" });
  it("matches its snapshot", () => assertMatchesSnapshot("profile-tartan-rug", fig));
  it("has one cell per indicator and area, labelled with values ('missing' for none)", () => {
    const heat = fig.data[0];
    assert.equal((heat.z as number[][]).length, 2);
    assert.deepEqual(heat.text, [["14.7", "22.1", "22.6"], ["7.9", "missing", "11.8"]]);
  });
  it("keeps its column labels clear of the title: title pinned to the top, top margin grows with the longest area name", () => {
    const layout = fig.layout as { margin: { t: number }; title: { y: number; yref: string; yanchor: string } };
    assert.deepEqual([layout.title.y, layout.title.yref, layout.title.yanchor], [1, "container", "top"]);
    const long = tartanRug({ ...input, areas: ["Dorset", "Kensington and Chelsea", "England"] } as never, { title: "x" }).layout as { margin: { t: number } };
    // "Kensington and Chelsea" (22 characters) at 30°: about 22 × 6.5 × sin 30° ≈ 72 px of labels above the rug
    assert.ok(long.margin.t - layout.margin.t >= 45, `${long.margin.t} vs ${layout.margin.t}`);
    assert.ok(long.margin.t >= 44 + 72, `${long.margin.t}`);
  });
  it("refuses a ragged grid", () => {
    assert.throws(() => tartanRug({ ...input, cells: [input.cells[0]] } as never, { title: "x" }), /cells must be 2 × 3/);
  });
});

describe("trendWithNeighbours", () => {
  const fig = trendWithNeighbours({
    label: "Re-referrals (%)",
    polarity: "down",
    la: { name: "Dorset", points: [{ period: 2023, value: 16.3, lower95: 15.1, upper95: 17.6 }, { period: 2024, value: null }, { period: 2025, value: 14.7, lower95: 13.4, upper95: 16.1 }] },
    neighbours: [{ name: "Somerset", points: [{ period: 2023, value: 26.6 }, { period: 2025, value: 22.1 }] }],
    neighbourMedian: [{ period: 2023, value: 21 }, { period: 2025, value: 19.9 }],
    england: [{ period: 2023, value: 22.4 }, { period: 2025, value: 22.6 }],
    notes: ["series starts in 2020"],
  });
  it("matches its snapshot", () => assertMatchesSnapshot("profile-trend-with-neighbours", fig));
  it("leaves a gap for a missing year and draws the LA last (on top)", () => {
    const la = fig.data[fig.data.length - 1];
    assert.equal(la.name, "Dorset");
    assert.deepEqual(la.y, [16.3, null, 14.7]);
    assert.equal(la.connectgaps, false);
    assert.match(String((fig.layout.title as { text: string }).text), /series starts in 2020/);
  });
});

describe("funnelWithOverdispersion", () => {
  const exact = { denominators: [100, 1000], lower998: [10, 18], upper998: [35, 27] };
  const adjusted = { denominators: [100, 1000], lower95: [9, 12], upper95: [36, 33], lower998: [5, 9], upper998: [43, 38], adjustment: "additive" };
  const points = Object.freeze([
    { la_name: "Dorset", value: 14.7, denominator: 2349 },
    { la_name: "Somerset", value: 22.1, denominator: 3000 },
    { la_name: "Nowhere", value: null, denominator: 500 },
  ]);
  const fig = funnelWithOverdispersion(points, exact, adjusted, { label: "Re-referrals (%)", focus: "Dorset", phi: 29.77, tau2: 0.0066 });
  it("matches its snapshot", () => assertMatchesSnapshot("profile-funnel-overdispersion", fig));
  it("draws both limit sets, the LAs with values, and the focus LA apart", () => {
    assert.equal(fig.data.filter((t) => t.mode === "lines").length, 6);
    const las = fig.data.find((t) => t.name === "LAs")!;
    assert.deepEqual(las.y, [22.1]); // the missing value is left out, Dorset drawn separately
    assert.deepEqual(fig.data[fig.data.length - 1].y, [14.7]);
    assert.match(String((fig.layout.title as { text: string }).text), /φ = 29\.77/);
  });
});
