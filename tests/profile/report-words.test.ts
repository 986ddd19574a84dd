/**
 * Words of profile.html a walkthrough as an LA analyst found wrong or opaque: the count of indicators with a value
 * beside a suppressed one, the neighbour column (the median, as the comparison is made with), the funnel cell's
 * jargon, a source column name on a funnel's axis.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { buildLaProfile, profileIndex } from "../../lib/profile";
import { denominatorWords } from "../../lib/profile/funnel-view";
import { funnelWords, profileReport, trendCellWords } from "../../lib/report/profile-report";
import { suppressedWords } from "../../lib/report/profile-summary";

const SYNTHETIC = path.join(__dirname, "..", "..", "datasets", "pilot-synthetic");
const LA = "E06900002";

describe("profile.html's words", () => {
  it("counts a value withheld for disclosure apart from the values shown, in the summary and the overview", () => {
    const index = profileIndex(readPackage(SYNTHETIC));
    const plain = buildLaProfile(index, LA, { neighbours: "context" });
    const x = plain.indicators.find((i) => i.unit === "count" && i.value !== null)!;
    index.byIndicator.get(x.indicator)!.get(x.period!)!.get(LA)!.value = 3;
    const profile = buildLaProfile(index, LA, { neighbours: "context" });
    assert.equal(profile.indicators.find((i) => i.indicator === x.indicator)!.value, null);
    assert.deepEqual([profile.summary.withValue, profile.summary.suppressed], [plain.summary.withValue - 1, 1]);
    const html = profileReport(profile, SYNTHETIC, { now: new Date(0) });
    const counted = `${plain.summary.withValue - 1} of ${profile.indicators.length} indicators have a value; 1 more is suppressed for disclosure`;
    assert.equal(html.split(counted).length - 1, 2, "summary and overview");
    assert.equal(suppressedWords(0), "");
    assert.equal(suppressedWords(2), "; 2 more are suppressed for disclosure");
  });

  it("shows one neighbour column, the median the comparison, profile.json and the charts use, whatever the benchmark", () => {
    // the table had shown the mean as "Statistical neighbours (average)" (Dorset's re-referrals 20.3) where everything
    // else gives the median (19.95): a user trial, r26; and the median only when it was the benchmark
    const index = profileIndex(readPackage(SYNTHETIC));
    for (const benchmark of ["neighbours", "england", "region"] as const) {
      const html = profileReport(buildLaProfile(index, LA, { neighbours: "context", benchmark }), SYNTHETIC, { now: new Date(0) });
      assert.equal(html.split("Statistical neighbours (median)").length - 1 >= 1, true, benchmark);
      assert.ok(!html.includes("Statistical neighbours (average)"), benchmark);
      assert.ok(!html.includes("compared against)"), benchmark);
    }
  });

  it("leaves out the Series column when no series is broken (the table was wider than its box)", () => {
    const profile = buildLaProfile(profileIndex(readPackage(SYNTHETIC)), LA, { neighbours: "context" });
    assert.ok(profile.indicators.every((x) => !x.seriesBroken));
    assert.ok(!profileReport(profile, SYNTHETIC, { now: new Date(0) }).includes(">Series</th>"));
  });

  it("says where the LA sits in its funnel in plain words", () => {
    assert.equal(funnelWords({ significance: "High (0.001)", adjustment: "none" }), "above the 99.8% limit");
    assert.equal(funnelWords({ significance: "Not significant", adjustment: "additive" }), "within the limits (widened for variation between LAs)");
    assert.equal(funnelWords({ significance: "Low (0.025)", adjustment: "multiplicative" }), "below the 95% limit (widened for variation between LAs)");
    assert.equal(funnelWords({ significance: null, adjustment: "none" }), "not placed");
  });

  it("gives the trend's years in the Recent trend cell when they end before the period shown (review F11)", () => {
    const pkg = readPackage(SYNTHETIC);
    const plain = buildLaProfile(profileIndex(pkg), LA, { neighbours: "context" }).indicators.find((i) => i.indicator === "rereferral_12m_pct")!;
    assert.deepEqual([plain.period, plain.trend.periods.at(-1)], [2023, 2023]);
    assert.ok(!/\(\d{4}–\d{4}\)/.test(trendCellWords(plain)), "a trend to the period shown needs no years");
    // the latest year published without its counts (as DfE's 2025 children looked after): the trend stops a year earlier
    const index = profileIndex(pkg);
    const latest = index.byIndicator.get("rereferral_12m_pct")!.get(2023)!.get(LA)!;
    latest.numerator = NaN;
    latest.denominator = NaN;
    const profile = buildLaProfile(index, LA, { neighbours: "context" });
    const x = profile.indicators.find((i) => i.indicator === "rereferral_12m_pct")!;
    assert.deepEqual([x.period, x.trend.periods], [2023, [2018, 2019, 2020, 2021, 2022]]);
    assert.notEqual(x.trend.marker, "cannot-be-calculated");
    const cell = trendCellWords(x);
    assert.equal(cell, `${x.trend.assessment.replace(/-/g, " ")} (2018–2022)`);
    assert.ok(profileReport(profile, SYNTHETIC, { now: new Date(0) }).includes(`>${cell}<`), "in the indicators table");
    assert.equal(trendCellWords({ period: 2025, trend: { marker: "increasing", assessment: "increasing", periods: [2020, 2021, 2022, 2023, 2024] } }), "increasing (2020–2024)");
    assert.equal(trendCellWords({ period: 2025, trend: { marker: "cannot-be-calculated", assessment: "cannot-be-calculated", periods: [] } }), "–");
  });

  it("titles a funnel's axis by its denominator without the source column's name", () => {
    assert.equal(denominatorWords("pupils (t_pupils)"), "pupils");
    assert.equal(denominatorWords("children aged 0–17 (ONS mid-year estimate of the previous year)"), "children aged 0–17 (ONS mid-year estimate of the previous year)");
    assert.equal(denominatorWords(""), "Denominator");
  });
});
