/**
 * An Annex A window share (status low-reliability:window) in an LA's profile is marked as part-year wherever its value
 * is shown: its own marker in the trend chart, not joined to the annual line; a flag in the indicators table's value
 * cell; a note on the value and the series point in profile.json. On the synthetic pilot package, one LA's latest
 * value of one indicator given that status.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { PART_YEAR_NOTE, buildLaProfile, profileFigures, profileIndex, type LaProfile } from "../../lib/profile";
import { partYearChartNote, splitPartYear, withPartYearPoints } from "../../lib/profile/window-shares";
import { profileReport } from "../../lib/report/profile-report";
import { tableHtml } from "../../lib/report/html-table";

const SYNTHETIC = path.join(__dirname, "..", "..", "datasets", "pilot-synthetic");
const LA = "E06900002";

/** The profile of LA with the latest period of the first percentage indicator charted given `status`. */
function profileWithStatus(status: string | null): { profile: LaProfile; indicator: string; period: number } {
  const index = profileIndex(readPackage(SYNTHETIC));
  const plain = buildLaProfile(index, LA, { neighbours: "context" });
  const charted = new Set(profileFigures(plain).trends.map((t) => t.indicator));
  const x = plain.indicators.find((i) => charted.has(i.indicator) && i.unit === "percent" && i.value !== null && i.series.length >= 3)!;
  if (status !== null) index.byIndicator.get(x.indicator)!.get(x.period!)!.get(LA)!.status = status;
  return { profile: status === null ? plain : buildLaProfile(index, LA, { neighbours: "context" }), indicator: x.indicator, period: x.period! };
}

describe("an Annex A window share in an LA's profile", () => {
  const { profile, indicator, period } = profileWithStatus("low-reliability:window");
  const x = profile.indicators.find((i) => i.indicator === indicator)!;

  it("carries a note on its value and on its series point in profile.json; annual points carry none", () => {
    assert.equal(x.valueNote, PART_YEAR_NOTE);
    assert.match(PART_YEAR_NOTE, /^part-year: a share of the events of an Annex A window \(the 6 months before the list's extract\), not of the year ending 31 March$/);
    const notes = x.series.map((p) => [p.period, p.note ?? null]);
    assert.deepEqual(notes.filter(([, n]) => n !== null), [[period, PART_YEAR_NOTE]]);
    const json = JSON.parse(JSON.stringify(profile)) as LaProfile;
    assert.equal(json.indicators.find((i) => i.indicator === indicator)!.valueNote, PART_YEAR_NOTE);
  });

  it("is drawn as the LA's own open diamond with its words in the legend, hover and notes, and the annual line does not reach it", () => {
    const figure = profileFigures(profile).trends.find((t) => t.indicator === indicator)!.figure;
    const la = figure.data.find((t) => t.name === profile.la.la_name)!;
    const xs = la.x as number[];
    assert.equal((la.y as (number | null)[])[xs.indexOf(period)], null, "the annual line has no value at the window's period");
    const diamonds = figure.data.filter((t) => (t.marker as { symbol?: string } | undefined)?.symbol === "diamond-open");
    assert.equal(diamonds.length, 1);
    assert.deepEqual([diamonds[0].x, diamonds[0].y], [[period], [x.series.find((p) => p.period === period)!.value]]);
    assert.equal(diamonds[0].name, `${profile.la.la_name}: Annex A window share (part-year, not joined to the annual line)`);
    assert.match(String(diamonds[0].hovertemplate), /part-year: a share of the events of an Annex A window/);
    assert.match(String((figure.layout.title as { text: string }).text), new RegExp(`◇ ${period}: part-year: `));
  });

  it("is flagged part-year in the spine chart's and the tartan rug's labels, where only the latest value is shown", () => {
    const { spine, tartan } = profileFigures(profile);
    const flagged = `${x.label}, part-year (${period})`;
    const texts = (f: typeof spine) => JSON.stringify(f);
    assert.ok(spine !== null && tartan !== null);
    assert.ok(texts(spine).includes(flagged.slice(-30)), "spine: the label's end, which a shortened label keeps");
    assert.ok(texts(tartan).includes(flagged), "tartan rug");
    const plain = profileFigures(profileWithStatus(null).profile);
    assert.ok(!texts(plain.spine).includes("part-year") && !texts(plain.tartan).includes("part-year"));
  });

  it("is left out of the recent trend, which is that of the annual points alone", () => {
    const plain = profileWithStatus(null).profile.indicators.find((i) => i.indicator === indicator)!;
    assert.ok(plain.trend.periods.includes(period), "without the window status the period is in the trend");
    assert.ok(!x.trend.periods.includes(period), JSON.stringify(x.trend.periods));
  });

  it("has a flag in its value cell of profile.html's indicators table, and the caption says what it means", () => {
    const html = profileReport(profile, SYNTHETIC, { now: new Date(0) });
    const row = html.split("<tr>").find((r) => r.includes(`>${x.label}<`))!;
    assert.match(row, /<td class="vsw-num" data-v="[^"]+">[^<]+ <span class="vsw-flag"[^>]*>part-year<\/span><\/td>/);
    assert.ok(html.includes("A value flagged part-year: a share of the events of an Annex A window"));
  });

  it("changes nothing of a profile without one: no note, no diamond, no flag", () => {
    const plain = profileWithStatus(null);
    const y = plain.profile.indicators.find((i) => i.indicator === plain.indicator)!;
    assert.equal(y.valueNote, undefined);
    assert.ok(y.series.every((p) => p.note === undefined));
    const figure = profileFigures(plain.profile).trends.find((t) => t.indicator === plain.indicator)!.figure;
    assert.ok(figure.data.every((t) => (t.marker as { symbol?: string } | undefined)?.symbol !== "diamond-open"));
    const html = profileReport(plain.profile, SYNTHETIC, { now: new Date(0) });
    assert.ok(!html.includes("vsw-flag") && !html.includes("part-year"));
  });
});

describe("the part-year pieces of a trend chart", () => {
  const points = Object.freeze([
    Object.freeze({ period: 2022, value: 20, lower95: 15, upper95: 26, status: "" }),
    Object.freeze({ period: 2023, value: 22, lower95: 17, upper95: 28, status: "low-reliability:history" }),
    Object.freeze({ period: 2024, value: 31, lower95: 20, upper95: 44, status: "low-reliability:window" }),
  ]);

  it("splits the window share from the annual points, value and interval, without changing its input", () => {
    const { annual, partYear } = splitPartYear(points);
    assert.deepEqual(annual.map((p) => [p.period, p.value, p.lower95, p.upper95]), [[2022, 20, 15, 26], [2023, 22, 17, 28], [2024, null, null, null]]);
    assert.deepEqual(partYear, [points[2]]);
    assert.equal(points[2].value, 31);
    assert.equal(partYearChartNote([]), null);
    assert.equal(partYearChartNote(partYear), `◇ 2024: ${PART_YEAR_NOTE}; not in the recent trend`);
  });

  it("gives the diamond its interval as error bars, and none where the interval is withheld", () => {
    const figure = { data: [{ type: "scatter" }], layout: { title: { text: "t" } } };
    const withBars = withPartYearPoints(figure, "A & B", splitPartYear(points).partYear).data[1];
    assert.deepEqual(withBars.error_y, { type: "data", symmetric: false, array: [13], arrayminus: [11], color: "#CC79A7", thickness: 1.5, width: 4 });
    assert.equal(withBars.name, "A &amp; B: Annex A window share (part-year, not joined to the annual line)");
    const withheld = withPartYearPoints(figure, "A", [{ ...points[2], lower95: null, upper95: null }]).data[1];
    assert.equal(withheld.error_y, undefined);
    assert.equal(withPartYearPoints(figure, "A", []), figure);
  });
});

describe("tableHtml flags", () => {
  it("shows a row's flag after the number of the flagged column only, and refuses a flag column the table lacks", () => {
    const html = tableHtml([{ value: 12.5, other: 3, flag: "part-year" }, { value: 7, other: 4, flag: "" }], { columns: ["value", "other"], flags: { value: "flag" } });
    assert.match(html, /<td class="vsw-num" data-v="12.5">12.5 <span class="vsw-flag"[^>]*>part-year<\/span><\/td><td class="vsw-num" data-v="3">3<\/td>/);
    assert.match(html, /<td class="vsw-num" data-v="7">7<\/td>/);
    assert.throws(() => tableHtml([{ value: 1 }], { flags: { value: "nope" } }), /flags must map a shown column to a column of the table: "value" → "nope"/);
  });
});
