/**
 * A value withheld for disclosure (shown "suppressed (disclosure)") cannot be read back from anything a profile
 * writes: not its comparisons, band, quartile, rank, funnel position, trend or triangulation, not the LAs'
 * distribution or the neighbours' median and range, in profile.json, profile.html or the figures' data, of its own LA's
 * profile or another's (task h20-prof, item 1: a withheld count had band D and rank 123 of 150, and the triangulation
 * gave a withheld 577.9 days as it was).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readPackage, writePackage } from "../../lib/data/package";
import type { AreaRow, IndicatorRow } from "../../lib/data/types";
import { buildLaProfile, profileFunnels, profileIndex, type LaProfile } from "../../lib/profile";
import { VALUE_WITHHELD } from "../../lib/profile/build-indicator";
import { profileReport, rankLeftOutWords, writeProfile } from "../../lib/report/profile-report";
import { tempDir } from "../helpers/temp-dirs";
import { numbers } from "./visits-fixture";

const REGIONS = ["E12000001", "E12000002", "E12000003"];
/** Twelve LAs in three regions; the first, E06900000, is the one whose values are withheld. */
const AREAS: AreaRow[] = Array.from({ length: 12 }, (_, i) => ({
  la_code: `E069000${String(i).padStart(2, "0")}`,
  la_name: `Area ${String.fromCharCode(65 + i)}`,
  region_code: REGIONS[i % 3],
  region_name: `Region ${i % 3}`,
  old_la_code: "",
  first_period: null,
  last_period: null,
}));
const WITHHELD_LA = AREAS[0].la_code;
const PERIODS = [2019, 2020, 2021, 2022, 2023];
/** The withheld LA's visits: 3 of 7 every year (denominator under 10), 42.9%, the highest of the LAs. */
const WITHHELD_PERCENT = 42.9;
/** The withheld LA's panels: 7 (a count under 10), the lowest of the LAs. */
const WITHHELD_COUNT = 7;

function withheldPackage(): string {
  const indicators: IndicatorRow[] = [];
  AREAS.forEach((a, i) => {
    PERIODS.forEach((period, k) => {
      const own = i === 0;
      indicators.push({
        la_code: a.la_code, period, indicator: "visits_pct",
        value: own ? WITHHELD_PERCENT : 20 + i + k, numerator: own ? 3 : 20 + i + k, denominator: own ? 7 : 100, status: "",
      });
      indicators.push({ la_code: a.la_code, period, indicator: "panels_count", value: own ? WITHHELD_COUNT : 20 + 3 * i + k, numerator: null, denominator: null, status: "" });
    });
  });
  const dir = tempDir("vsw-withheld-");
  writePackage(dir, {
    name: "withheld",
    title: "A package with one LA's values withheld",
    created: "2026-01-01",
    areas: AREAS,
    catalogue: [
      { indicator: "visits_pct", label: "Visits on time (%)", domain: "child-safe", polarity: "up", unit: "percent", numerator: "visits on time", denominator: "visits", source: "test", definition: "" },
      { indicator: "panels_count", label: "Panels", domain: "child-safe", polarity: "none", unit: "count", numerator: "", denominator: "", source: "test", definition: "" },
    ],
    indicators,
    context: AREAS.map((a, i) => ({ la_code: a.la_code, period: 2023, variable: "idaci_score", value: 0.1 + 0.01 * i })),
    outcomes: [],
  });
  return dir;
}

test("a withheld value is compared with nothing and placed nowhere in its LA's profile", () => {
  const index = profileIndex(readPackage(withheldPackage()));
  const profile = buildLaProfile(index, WITHHELD_LA, { neighbours: "context" });
  assert.ok(profile.neighbours.list.length > 0, "the profile has neighbours to compare with");
  for (const id of ["visits_pct", "panels_count"]) {
    const x = profile.indicators.find((i) => i.indicator === id)!;
    assert.equal(x.value, null, id);
    assert.equal(x.status, "suppressed:disclosure", id);
    for (const c of [...Object.values(x.comparisons), x.headline]) {
      assert.equal(c.outcome, "not-compared", id);
      assert.equal(c.reason, VALUE_WITHHELD, id);
    }
    assert.deepEqual([x.band, x.quartile, x.rank, x.funnel, x.englandDifference], [null, null, null, null, null], id);
    assert.deepEqual([x.lower95, x.upper95, x.lower998, x.upper998], [null, null, null, null], id);
    assert.equal(x.trend.marker, "cannot-be-calculated", id);
    assert.ok(Number.isNaN(x.trend.chiSquare) && Number.isNaN(x.trend.slope), id);
    assert.ok(x.series.every((p) => p.value === null && p.lower95 === null), id);
    assert.ok(!profile.triangulation.indicators.some((t) => t.indicator === id), `${id} in the triangulation`);
  }
  // the percentage's trend was calculable from the counts before: it is withheld in words
  assert.match(profile.indicators.find((i) => i.indicator === "visits_pct")!.trend.reason ?? "", /withheld for disclosure/);
  assert.equal(profile.summary.suppressed, 2);
  assert.equal(profile.summary.compared, 0);
  assert.equal(profile.summary.notComparedReasons[VALUE_WITHHELD], 2);
});

test("no profile of the package, nor its HTML and figures, gives the withheld values back", () => {
  const dir = withheldPackage();
  const index = profileIndex(readPackage(dir));
  const out = tempDir("vsw-withheld-out-");
  for (const la of AREAS.map((a) => a.la_code)) {
    const profile: LaProfile = buildLaProfile(index, la, { neighbours: "context" });
    const json = JSON.parse(JSON.stringify(profile)) as LaProfile;
    // the distribution over LAs, the neighbours' median and range and the per-period neighbour median are over the
    // values shown: the withheld 42.9 (the highest) and 7 (the lowest) were their maximum and minimum
    const visits = json.indicators.find((i) => i.indicator === "visits_pct")!;
    const hits = numbers(json).filter(([, v]) => v === WITHHELD_PERCENT);
    assert.deepEqual(hits, [], `${la}: ${WITHHELD_PERCENT} in profile.json`);
    assert.ok(visits.distribution.max !== null && visits.distribution.max < WITHHELD_PERCENT, la);
    assert.equal(visits.distribution.lasWithValue, AREAS.length - 1, la);
    // the withheld count is in the distribution only as lying in (0, 10): it is the lowest, so the minimum (which is
    // it) is not given; the quartiles, all above 10 whatever it is, are
    const panels = json.indicators.find((i) => i.indicator === "panels_count")!;
    assert.equal(panels.distribution.min, null, la);
    assert.deepEqual([panels.distribution.lasWithValue, panels.distribution.withheldCounts], [AREAS.length, 1], la);
    assert.ok(panels.distribution.q25 !== null && panels.distribution.q25 > 10, la);
    for (const x of [visits, panels]) {
      const withheldIsNeighbour = json.neighbours.list.some((n) => n.la_code === WITHHELD_LA);
      if (withheldIsNeighbour) {
        // a neighbour's withheld value: no neighbour median, minimum, maximum or mean, and no colour in the tartan rug
        assert.deepEqual([x.neighbours.median, x.neighbours.min, x.neighbours.max, x.neighbours.mean], [null, null, null, null], `${la} ${x.indicator}`);
        assert.ok(x.series.every((p) => p.neighbourMedian === null), `${la} ${x.indicator}`);
        const cell = x.neighbourLatest.find((n) => n.la_code === WITHHELD_LA)!;
        assert.deepEqual([cell.value, cell.england], [null, "not-compared"], `${la} ${x.indicator}`);
      }
    }
    assert.ok(json.triangulation.indicators.every((t) => t.value !== WITHHELD_PERCENT), la);
    const funnels = profileFunnels(index, profile);
    // the funnel's curves span the plotted LAs' denominators (all 100): the withheld LA's 7 was their first x
    for (const f of funnels) for (const trace of f.figure.data) assert.ok((trace.x as number[]).every((x) => x >= 100), `${la}: funnel x`);
    const written = writeProfile(profile, dir, path.join(out, la), { funnels });
    // the page without its inlined plotly.js (whose code has numbers of its own): values, hovers and figure data
    const page = fs.readFileSync(written.html, "utf8").split(/<script[^>]*>/).filter((part) => !part.includes("inlined for offline use")).join("");
    // (the withheld LA's own page has no figure: nothing of it is drawn)
    if (la !== WITHHELD_LA) assert.ok(page.includes("Plotly.newPlot"), `${la}: the figures are in the page checked`);
    // 42.9 nowhere (values, hovers, figure data); 42.86 (3/7) neither
    assert.doesNotMatch(page, /(?<![\d.])42\.(9|86|857)(?!\d)/, la);
  }
});

test("a rank among fewer LAs than have a value says why: an unpublished value withheld is left out of the ranks (review F2)", () => {
  const dir = withheldPackage();
  const index = profileIndex(readPackage(dir));
  const la = AREAS[1].la_code;
  const profile = buildLaProfile(index, la, { neighbours: "context" });
  const visits = profile.indicators.find((i) => i.indicator === "visits_pct")!;
  // 12 LAs have a value; the withheld 3 of 7 (42.9%) is left out: ranked among 11
  assert.deepEqual([visits.rankOf, visits.distribution.lasWithValue, visits.distribution.withheldLeftOut], [AREAS.length - 1, AREAS.length - 1, 1]);
  assert.ok(visits.rank !== null);
  // the count withheld as small is in the ranks as lying in (0, 10): nothing left out (polarity none: not ranked)
  assert.equal(profile.indicators.find((i) => i.indicator === "panels_count")!.distribution.withheldLeftOut, 0);
  const html = profileReport(profile, dir, { now: new Date(0) });
  const note = "Visits on time (%): ranked among the 11 LAs whose value is shown; 1 LA whose value is withheld for disclosure is left out (a count of 1 to 9 behind it, or one it would give back; unlike official figures, these data are not published).";
  assert.equal(rankLeftOutWords(visits, 10), note);
  assert.ok(html.includes(note), "under the indicators table");
  assert.ok(html.includes(`>${visits.rank}/11<`), "beside the rank it explains");
  // the withheld LA's own page ranks nothing, so says nothing of it
  const own = buildLaProfile(index, WITHHELD_LA, { neighbours: "context" });
  assert.ok(!profileReport(own, dir, { now: new Date(0) }).includes("ranked among the"));
});
