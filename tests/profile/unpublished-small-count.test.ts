/**
 * An unpublished indicator's value whose numerator or non-events are 1–9 is withheld, as a small count is (task
 * h22-withhold): a review found 1.863354% shown at the precision of the user's file, 3 of 161 (the smallest fraction
 * that rounds to it), with its interval withheld. Nothing of a profile places or gives it back: its value and series,
 * the neighbours' summary and mean, the LAs' distribution, the comparisons, the HTML page. A published indicator's
 * value (the publisher applied its own control) is shown as before, and so is the same LA-period at 30 of 161.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import type { AreaRow, IndicatorRow } from "../../lib/data/types";
import { buildLaProfile, profileFunnels, profileIndex, type LaProfile } from "../../lib/profile";
import { VALUE_WITHHELD } from "../../lib/profile/build-indicator";
import { writeProfile } from "../../lib/report/profile-report";
import { tempDir } from "../helpers/temp-dirs";
import { numbers, writeVisitsPackage } from "./visits-fixture";

const AREAS: AreaRow[] = Array.from({ length: 16 }, (_, i) => ({
  la_code: `E069000${String(i).padStart(2, "0")}`, la_name: `Area ${String.fromCharCode(65 + i)}`, region_code: i < 8 ? "E12000001" : "E12000002",
  region_name: i < 8 ? "North East" : "North West", old_la_code: "", first_period: null, last_period: null,
}));
const SMALL_LA = AREAS[0].la_code;
const PERIODS = [2019, 2020, 2021, 2022, 2023];
const OWN = "Own data: visits.csv";
const OFFICIAL = "EES cla_visits_la.csv";

/**
 * Visits on time of 16 LAs over five years: the first LA's are `x` of 161 every year, the value as the user's file
 * gives it (1.863354 for 3 of 161: the lowest of the LAs); the others' 40 to 62 of 100 to 250.
 */
function visitsPackage(x: number, source: string): string {
  const indicators: IndicatorRow[] = [];
  AREAS.forEach((a, i) => PERIODS.forEach((period, k) => {
    const [num, den] = i === 0 ? [x, 161] : [40 + ((i * 7 + k) % 23), 100 + 10 * i];
    indicators.push({ la_code: a.la_code, period, indicator: "visits_pct", value: Number(((100 * num) / den).toFixed(6)), numerator: num, denominator: den, status: "" });
  }));
  return writeVisitsPackage({ name: "small-count", title: "One LA's visits a small count" }, AREAS, indicators, source);
}

const visitsOf = (p: LaProfile) => p.indicators.find((i) => i.indicator === "visits_pct")!;

test("an own indicator's value of 3 of 161 is withheld with its series, comparisons and place among the LAs", () => {
  const index = profileIndex(readPackage(visitsPackage(3, OWN)));
  const x = visitsOf(buildLaProfile(index, SMALL_LA, { neighbours: "context" }));
  assert.deepEqual([x.value, x.status, x.lower95, x.englandDifference], [null, "suppressed:disclosure", null, null]);
  assert.ok(x.series.every((p) => p.value === null && p.status === "suppressed:disclosure"), "every year's 3 of 161 is withheld");
  for (const c of [...Object.values(x.comparisons), x.headline]) assert.deepEqual([c.outcome, c.reason], ["not-compared", VALUE_WITHHELD]);
  assert.deepEqual([x.band, x.quartile, x.rank, x.funnel], [null, null, null, null]);
  assert.equal(x.trend.marker, "cannot-be-calculated");
});

test("another LA's profile: the withheld value is in no neighbour summary, mean or distribution bound", () => {
  const index = profileIndex(readPackage(visitsPackage(3, OWN)));
  let neighbourOfIt = 0;
  for (const a of AREAS.slice(1)) {
    const p = JSON.parse(JSON.stringify(buildLaProfile(index, a.la_code, { neighbours: "context" }))) as LaProfile;
    const x = visitsOf(p);
    assert.ok(x.value !== null, a.la_code);
    // the lowest of the LAs: kept in, the distribution's minimum was it
    assert.equal(x.distribution.lasWithValue, AREAS.length - 1, a.la_code);
    assert.ok(x.distribution.min !== null && x.distribution.min > 10, `${a.la_code}: min ${x.distribution.min}`);
    if (p.neighbours.list.some((n) => n.la_code === SMALL_LA)) {
      neighbourOfIt++;
      const nb = x.neighbours;
      assert.deepEqual([nb.median, nb.min, nb.max, nb.mean, nb.withheld], [null, null, null, null, 1], a.la_code);
      assert.ok(x.series.every((s) => s.neighbourMedian === null), a.la_code);
      assert.ok(x.neighbourSeries.find((n) => n.la_code === SMALL_LA)!.values.every((v) => v === null), a.la_code);
      assert.deepEqual(x.neighbourLatest.find((n) => n.la_code === SMALL_LA), { la_code: SMALL_LA, value: null, england: "not-compared" });
    }
    assert.deepEqual(numbers(p).filter(([, v]) => Math.abs(v - (100 * 3) / 161) < 0.005), [], `${a.la_code}: 1.86 in profile.json`);
  }
  assert.ok(neighbourOfIt > 0, "some profile has the LA among its neighbours");
});

test("no page of the package's profiles shows 1.86", () => {
  const dir = visitsPackage(3, OWN);
  const index = profileIndex(readPackage(dir));
  const out = tempDir("vsw-small-count-out-");
  for (const la of [SMALL_LA, ...AREAS.slice(1, 6).map((a) => a.la_code)]) {
    const profile = buildLaProfile(index, la, { neighbours: "context" });
    const written = writeProfile(profile, dir, path.join(out, la), { funnels: profileFunnels(index, profile) });
    const page = fs.readFileSync(written.html, "utf8").split(/<script[^>]*>/).filter((part) => !part.includes("inlined for offline use")).join("");
    assert.doesNotMatch(page, /(?<![\d.])1\.86\d*(?![\d])/, la);
  }
});

test("the same LA-period at 30 of 161 is shown, and a published 3 of 161 is too", () => {
  const thirty = visitsOf(buildLaProfile(profileIndex(readPackage(visitsPackage(30, OWN))), SMALL_LA, { neighbours: "context" }));
  assert.equal(thirty.value, Number(((100 * 30) / 161).toFixed(6)));
  assert.ok(thirty.lower95 !== null && thirty.series.every((p) => p.value !== null));
  const published = visitsOf(buildLaProfile(profileIndex(readPackage(visitsPackage(3, OFFICIAL))), SMALL_LA, { neighbours: "context" }));
  assert.equal(published.value, 1.863354);
  assert.equal(published.status, "");
  assert.ok(published.series.every((p) => p.value === 1.863354));
  assert.ok(published.rank !== null && published.band !== null);
});
