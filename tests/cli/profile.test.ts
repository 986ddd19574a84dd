/**
 * `vital-signs profile` end to end: on the synthetic pilot (always) and on the official publications
 * (imported here; skipped with the reason when ../shared/data/official is absent, failing under CI).
 * The official comparisons, bands and ranks are checked by hand from the raw CIN census file, with the
 * arithmetic written next to each expected value (Wilson limits computed in R 4.2.2 with the formula of
 * PHEindicatormethods' wilson_lower/upper; quantiles with quantile(type = 7)).
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage } from "../../lib/data/package";
import { loadOfficial } from "../../lib/notebook/official-cache";
import { buildLaProfile, profileIndex, profileableAreas, type LaProfile, type ProfileIndex } from "../../lib/profile";
import { OFFICIAL_DATA_DIR, officialTest } from "../helpers/official";
import { capture } from "../helpers/cli";
import { readProfileNeighbourGroups } from "../../lib/cli/commands/profile";
import { writeProfile } from "../../lib/report/profile-report";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "../..");
const SYNTHETIC = path.join(ROOT, "datasets", "pilot-synthetic");

const tmp = () => tempDir("vsw-profile-");

/** Every key anywhere in a JSON value. */
function keys(v: unknown, acc = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keys(x, acc));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) { acc.add(k); keys(x, acc); }
  return acc;
}

describe("vital-signs profile on the synthetic pilot", () => {
  const firstLa = () => fs.readFileSync(path.join(SYNTHETIC, "areas.csv"), "utf8").split("\n")[1].split(",")[0];
  // `vital-signs profile SYNTHETIC --la FIRST --out OUT` (the default benchmark) is run once for the two tests that read
  // what it writes (each ran the same command into a folder of its own); each still checks its exit code
  const defaultOut = tmp();
  let defaultRun: Promise<number> | undefined;
  const defaultProfile = async () => {
    assert.equal(await (defaultRun ??= main(["profile", SYNTHETIC, "--la", firstLa(), "--out", defaultOut], capture().io)), 0);
    return defaultOut;
  };

  test("writes profile.json and a self-contained profile.html with plotly inlined once", async () => {
    const out = tmp();
    const c = capture();
    const code = await main(["profile", SYNTHETIC, "--la", firstLa(), "--out", out, "--benchmark", "neighbours"], c.io);
    assert.equal(code, 0, c.err.join(""));
    assert.match(c.out.join(""), /indicators with a value; against neighbours: \d+ better, \d+ similar, \d+ worse/);
    const profile = JSON.parse(fs.readFileSync(path.join(out, "profile.json"), "utf8")) as LaProfile;
    assert.equal(profile.la.la_code, firstLa());
    assert.equal(profile.options.benchmark, "neighbours");
    assert.equal(profile.neighbours.list.length, 10);
    assert.ok(profile.summary.withValue > 0);
    assert.ok(profile.indicators.every((x) => x.headline === undefined || x.headline.outcome === x.comparisons.neighbours.outcome));
    const html = fs.readFileSync(path.join(out, "profile.html"), "utf8");
    assert.equal(html.match(/plotly\.js [\d.]+, inlined for offline use/g)?.length, 1);
    assert.ok((html.match(/class="vsw-figure"/g) ?? []).length >= 3, "spine chart, tartan rug and trend charts");
    assert.doesNotMatch(html, /<script[^>]+src=/);
  });

  test("an England or region figure that is the median of the LAs (nothing published, no counts to pool) is named as such beside the indicator", async () => {
    const out = await defaultProfile();
    const profile = JSON.parse(fs.readFileSync(path.join(out, "profile.json"), "utf8")) as LaProfile;
    const medians = profile.indicators.filter((x) => x.england.laMedian);
    assert.ok(medians.length > 0 && medians.length < profile.indicators.length, `${medians.length} medians`);
    assert.ok(medians.every((x) => /^median of \d+ LAs/.test(x.england.source)));
    const html = fs.readFileSync(path.join(out, "profile.html"), "utf8");
    assert.match(html, /<th scope="col"[^>]*>Benchmark note<\/th>/);
    for (const x of medians) assert.ok(html.includes(`England: ${x.england.source}`), x.indicator);
    // a pooled or published England figure has no note
    const pooled = profile.indicators.find((x) => x.england.value !== null && !x.england.laMedian)!;
    assert.doesNotMatch(pooled.england.source, /median/);
  });

  test("exports no numerators or denominators (disclosure)", async () => {
    const out = await defaultProfile();
    const k = keys(JSON.parse(fs.readFileSync(path.join(out, "profile.json"), "utf8")));
    assert.ok(!k.has("numerator") && !k.has("denominator"));
  });

  test("works for every LA of the synthetic pilot, and one index shared by all gives the profile.json a fresh one gives", () => {
    const pkg = readPackage(SYNTHETIC);
    const index = profileIndex(pkg);
    const codes = profileableAreas(index);
    assert.ok(codes.length >= 100, `${codes.length} LAs`);
    // last to first, so that each LA sampled below finds the index's caches filled by the others
    const shared = new Map<string, string>();
    for (const c of [...codes].reverse()) {
      const p = buildLaProfile(index, c);
      assert.ok(p.summary.withValue > 0, c);
      shared.set(c, JSON.stringify(p));
    }
    // a fresh index for the first LA (built last from the shared index) and the last (built first): ~0.2 s of CPU each
    // here, against ~16 ms from the shared index (for all 150, 30 s); tests/profile/shared-index.test.ts mixes options
    for (const c of [codes[0], codes[codes.length - 1]]) assert.equal(shared.get(c), JSON.stringify(buildLaProfile(profileIndex(pkg), c)), c);
  });

  test("fails with a usage message without --la, and names an unknown LA", async () => {
    const a = capture();
    assert.equal(await main(["profile", SYNTHETIC], a.io), 2);
    assert.match(a.err.join(""), /--la CODE are required/);
    const b = capture();
    assert.equal(await main(["profile", SYNTHETIC, "--la", "E99999999", "--out", tmp()], b.io), 2);
    assert.match(b.err.join(""), /--la: "E99999999": ONS code E99999999 is not in areas\.csv or its earlier codes/);
    // a Welsh code is told it is Welsh, not offered the English code one digit away (review r24, finding 5)
    const w = capture();
    assert.equal(await main(["profile", SYNTHETIC, "--la", "W06000015", "--out", tmp()], w.io), 2);
    assert.match(w.err.join(""), /--la: "W06000015": W06000015 is the code of a Welsh area: the package holds England's children's services authorities only/);
    assert.doesNotMatch(w.err.join(""), /did you mean/);
    const d = capture();
    assert.equal(await main(["profile", SYNTHETIC, "--la", firstLa(), "--benchmark", "world"], d.io), 2);
    assert.match(d.err.join(""), /--benchmark: must be one of england, region, neighbours/);
  });
});

describe("vital-signs profile on the official publications", () => {
  let index: ProfileIndex | undefined;
  let pkgDir = "";
  const load = async () => {
    if (!index) {
      const official = await loadOfficial(OFFICIAL_DATA_DIR); // imported once per machine
      pkgDir = official.dir;
      index = profileIndex(official.pkg);
    }
    return index;
  };
  const profiles = new Map<string, LaProfile>();
  const profile = async (la: string) => {
    if (!profiles.has(la)) profiles.set(la, buildLaProfile(await load(), la, { dfeGroups: readProfileNeighbourGroups("auto", OFFICIAL_DATA_DIR) }));
    return profiles.get(la)!;
  };
  const rereferral = async (la: string) => (await profile(la)).indicators.find((x) => x.indicator === "cin_rereferral_pct")!;

  officialTest("Dorset 2025 re-referrals: 14.7% is better than England at 99.8%, band A, rank 12 of 153", async () => {
    const x = await rereferral("E06000059");
    // c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv line 124: Dorset 2025, 2349 referrals,
    // 346 re-referrals, 14.7%; line 2: England 22.6%; line 11: South West 22.1%.
    assert.equal(x.period, 2025);
    assert.equal(x.value, 14.7);
    // Wilson 346/2349: 95% [13.354, 16.220], 99.8% [12.613, 17.132]; England 22.6 > 17.132 → better (99.8%) (low is good)
    assert.ok(Math.abs((x.upper998 as number) - 17.13209) < 1e-4);
    assert.equal(x.comparisons.england.label, "better (99.8%)");
    assert.equal(x.comparisons.region.label, "better (99.8%)"); // 22.1 > 17.132
    // type-7 quartiles of the 153 LA values in 2025: 0, 16.9, 20.0, 23.0, 46.7; 14.7 ≤ 16.9 → lowest quarter → A
    assert.deepEqual([x.distribution.q25, x.distribution.median, x.distribution.q75], [16.9, 20, 23]);
    assert.equal(x.band, "A");
    // rank(ties.method = "min") ascending: 12 of 153
    assert.deepEqual([x.rank, x.rankOf], [12, 153]);
  });

  officialTest("Cumberland, Westmorland and Furness and North Northamptonshire 2025 re-referrals, by hand", async () => {
    // line 32: Cumberland 3367, 764, 22.7%: Wilson 95% [21.308, 24.136] contains 22.6 → similar; 20.0 < 22.7 ≤ 23.0 → C; rank 108
    const cu = await rereferral("E06000063");
    assert.equal(cu.comparisons.england.label, "similar");
    assert.deepEqual([cu.band, cu.rank], ["C", 108]);
    // line 47: Westmorland and Furness 1505, 248, 16.5%: 99.8% upper 19.643 < 22.6 → better (99.8%); 16.5 ≤ 16.9 → A; rank 32
    const wf = await rereferral("E06000064");
    assert.equal(wf.comparisons.england.label, "better (99.8%)");
    assert.deepEqual([wf.band, wf.rank], ["A", 32]);
    // line 70: North Northamptonshire 4682, 1121, 23.9%: 95% [22.742, 25.186], 99.8% [22.070, 25.922];
    // 22.070 ≤ 22.6 < 22.742 → worse at 95% only; 23.9 > 23.0 → D; rank 125
    const nn = await rereferral("E06000061");
    assert.equal(nn.comparisons.england.label, "worse (95%)");
    assert.deepEqual([nn.band, nn.rank], ["D", 125]);
  });

  officialTest("reorganised LAs: series are cut at the code change and the profile says so", async () => {
    for (const [la, first] of [["E06000059", 2020], ["E06000063", 2024], ["E06000061", 2022]] as const) {
      const p = await profile(la);
      assert.match(p.notes.join(" "), /created by a local-government reorganisation/);
      const withValue = p.indicators.filter((x) => x.period !== null);
      assert.ok(withValue.every((x) => x.seriesBroken && x.series.every((s) => s.period >= first)), la);
      assert.ok(withValue.every((x) => x.trend.periods.every((t) => t >= first)), `${la}: a trend spans the reorganisation`);
    }
    for (const [la, last] of [["E10000006", 2023], ["E10000021", 2021]] as const) {
      const p = await profile(la);
      assert.match(p.notes.join(" "), new RegExp(`ceased after ${last}`));
      assert.ok(p.indicators.every((x) => x.series.every((s) => s.period <= last) && (x.period === null || x.period <= last)), la);
      // the profile describes the LA's last period, not a later one that a value outside its lifespan once set
      // (Northamptonshire's figures were all "older figures" against 2025, and profile.html then failed on an
      // empty table of current figures)
      assert.equal(p.referencePeriod, last, `${la}: reference period`);
      assert.ok(p.summary.stale < p.summary.withValue / 2, `${la}: ${p.summary.stale} of ${p.summary.withValue} figures out of date`);
    }
    const northamptonshire = writeProfile(await profile("E10000021"), pkgDir, tmp());
    assert.ok(fs.statSync(northamptonshire.html).size > 1e6, "Northamptonshire's profile.html is written");
    // asked for a period after it ceased, every figure is older: the page says there is no current figure
    // instead of failing on an empty table (tableHtml: unknown column "indicator")
    const late = buildLaProfile(await load(), "E10000021", { period: 2025 });
    assert.equal(late.summary.stale, late.summary.withValue);
    const lateHtml = fs.readFileSync(writeProfile(late, pkgDir, tmp()).html, "utf8");
    assert.match(lateHtml, /No current figures\./);
    // Northamptonshire is not in the 2025 neighbour model: its 2021 ("Old SNs") group is used
    assert.equal((await profile("E10000021")).neighbours.source, "dfe-2021");
  });

  officialTest("a profile can be made for every LA with data", async () => {
    const idx = await load();
    const codes = profileableAreas(idx);
    assert.ok(codes.length >= 150, `${codes.length} LAs with data`);
    const dfeGroups = readProfileNeighbourGroups("auto", OFFICIAL_DATA_DIR);
    for (const c of codes) {
      const p = buildLaProfile(idx, c, { dfeGroups });
      assert.ok(p.summary.withValue > 0 && p.neighbours.list.length > 0, c);
    }
  });

  officialTest("the CLI writes Dorset's profile to out/ (checked by the browser test and the disclosure scan)", async () => {
    await load();
    const out = path.join(ROOT, "out", "profile-E06000059");
    const c = capture();
    assert.equal(await main(["profile", pkgDir, "--la", "Dorset", "--out", out, "--official", OFFICIAL_DATA_DIR], c.io), 0, c.err.join(""));
    assert.match(c.out.join(""), /Dorset \(E06000059\)/);
    assert.match(c.out.join(""), /neighbours: dfe-2025 \(10\)/);
    assert.ok(fs.statSync(path.join(out, "profile.html")).size > 1e6);
  });
});

test("profile --period before every value of the package is refused naming the years there are (it had stopped on an internal table error)", async () => {
  const c = capture();
  const out = tmp();
  assert.equal(await main(["profile", SYNTHETIC, "--la", "E06900001", "--period", "1990", "--out", out], c.io), 2);
  assert.match(c.err.join(""), /--period: no indicator has a value in or before 1990: the package's values run from 2014 to \d{4} \(got "1990"\)/);
  assert.doesNotMatch(c.err.join(""), /noWrap|tableHtml/);
  assert.deepEqual(fs.readdirSync(out), []);
});

test("profile --period after every value of the package is refused naming the latest (it had listed every figure as older)", async () => {
  const c = capture();
  const out = tmp();
  assert.equal(await main(["profile", SYNTHETIC, "--la", "E06900001", "--period", "2030", "--out", out], c.io), 2);
  assert.match(c.err.join(""), /--period: the package's latest values are of (\d{4}) \(they run from 2014\): give \1 or earlier, or leave --period out for each indicator's latest \(got "2030"\)/);
  assert.deepEqual(fs.readdirSync(out), []);
});
