/**
 * A low-reliability value in an LA's profile is flagged wherever it is shown, with its reason in words: a walkthrough
 * found a returns package's long-term stability (11 of 54, status low-reliability:history) shown in profile.html as
 * "20.4, 11.8–32.9" with no caveat, the status only in profile.json. On the synthetic pilot package, one LA's latest
 * value of one indicator given that status.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { buildLaProfile, profileFigures, profileIndex, type LaProfile } from "../../lib/profile";
import { valueFlag } from "../../lib/profile/value-flags";
import { profileReport } from "../../lib/report/profile-report";

const SYNTHETIC = path.join(__dirname, "..", "..", "datasets", "pilot-synthetic");
const LA = "E06900002";

/** The profile of LA with the latest value of the first percentage indicator on the spine chart given `status`. */
function profileWithStatus(status: string): { profile: LaProfile; indicator: string } {
  const index = profileIndex(readPackage(SYNTHETIC));
  const plain = buildLaProfile(index, LA, { neighbours: "context" });
  const x = plain.indicators.find((i) => i.unit === "percent" && i.value !== null && i.polarity !== "none" && !i.stale && i.england.value !== null)!;
  index.byIndicator.get(x.indicator)!.get(x.period!)!.get(LA)!.status = status;
  return { profile: buildLaProfile(index, LA, { neighbours: "context" }), indicator: x.indicator };
}

describe("valueFlag", () => {
  it("flags low-reliability statuses with their reason in words, part-year window shares as before, and nothing else", () => {
    assert.deepEqual(valueFlag("low-reliability:history"), {
      flag: "low reliability",
      note: "low reliability: computed without the 2 earlier collection years its definition needs (a placement or period of care may have begun before the earliest file), so the count may be too low",
    });
    assert.equal(valueFlag("low-reliability:u")?.note, "low reliability: the publisher marks it as of low reliability (DfE symbol u)");
    assert.equal(valueFlag("low-reliability:other")?.note, "low reliability: so marked in the data (other)");
    assert.equal(valueFlag("low-reliability")?.note, "low reliability: so marked in the data");
    assert.equal(valueFlag("low-reliability:window")?.flag, "part-year");
    assert.equal(valueFlag(""), null);
    assert.equal(valueFlag("published"), null);
    assert.equal(valueFlag("low-reliabilityx"), null);
  });
});

describe("a low-reliability value in an LA's profile", () => {
  const { profile, indicator } = profileWithStatus("low-reliability:history");
  const x = profile.indicators.find((i) => i.indicator === indicator)!;

  it("carries its flag and note in profile.json", () => {
    assert.equal(x.valueFlag, "low reliability");
    assert.match(x.valueNote ?? "", /^low reliability: computed without the 2 earlier collection years/);
    assert.match(x.series.find((p) => p.period === x.period)!.note ?? "", /^low reliability: /);
  });

  it("is flagged in its value cell of profile.html, and the caption gives the reason", () => {
    const html = profileReport(profile, SYNTHETIC, { now: new Date(0) });
    const row = html.split("<tr>").find((r) => r.includes(`>${x.label}<`))!;
    assert.match(row, /<td class="vsw-num" data-v="[^"]+">[^<]+ <span class="vsw-flag"[^>]*>low reliability<\/span><\/td>/);
    assert.ok(html.includes("A value flagged low reliability: computed without the 2 earlier collection years"));
  });

  it("is flagged in the spine chart's label and its hover gives the reason", () => {
    const spine = JSON.stringify(profileFigures(profile).spine);
    assert.ok(spine.includes(", low reliability (") && spine.includes("(low reliability: computed without"));
  });
});
