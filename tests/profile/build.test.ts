/**
 * The LA profile as DfE's dashboards show it (issue #18): every indicator with a value carries England, the
 * statistical-neighbour average and its quarter among LAs, even where no interval can be computed; a latest
 * value over 3 years older than the profile's period is marked stale. On the synthetic pilot package.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { STALE_AFTER_YEARS, buildLaProfile, profileIndex, type ProfileIndicator } from "../../lib/profile";
import { comparisonWords, quartileWords } from "../../lib/report/profile-report";

const SYNTHETIC = path.join(__dirname, "..", "..", "datasets", "pilot-synthetic");
const index = profileIndex(readPackage(SYNTHETIC));
const LA = "E06900002";
// one indicator's series stops in 2018 (five years before the others' 2023): an out-of-date figure
const STALE = "cla_dental_check_pct";
const staleIndex = profileIndex(readPackage(SYNTHETIC));
for (const p of [...staleIndex.byIndicator.get(STALE)!.keys()]) if (p > 2018) staleIndex.byIndicator.get(STALE)!.delete(p);

describe("buildLaProfile for a dashboard reader", () => {
  const profile = buildLaProfile(index, LA, { neighbours: "context" });
  const withValue = profile.indicators.filter((x) => x.period !== null && x.value !== null);

  it("gives every indicator with a value England, the neighbour average and a quarter, compared or not", () => {
    assert.ok(withValue.some((x) => x.headline.outcome === "not-compared"), "the synthetic package has indicators without intervals (scores, ratios, counts)");
    for (const x of withValue) {
      assert.ok(x.england.value !== null, `${x.indicator}: no England value`);
      const hidden = x.neighbourLatest.some((n) => n.value === null && Number.isFinite(index.byIndicator.get(x.indicator)!.get(x.period!)!.get(n.la_code)?.value ?? NaN));
      assert.ok(x.neighbours.mean !== null || hidden, `${x.indicator}: no neighbour average`);
      assert.ok(x.quartile !== null, `${x.indicator}: no quarter`);
      assert.equal(x.englandDifference, (x.value as number) - (x.england.value as number));
    }
  });

  it("withholds the neighbour average when a neighbour's value is suppressed, and the England difference of a suppressed value", () => {
    const idx = profileIndex(readPackage(SYNTHETIC));
    const p0 = buildLaProfile(idx, LA, { neighbours: "context" });
    const count = p0.indicators.find((x) => x.unit === "count" && x.value !== null)!;
    const at = idx.byIndicator.get(count.indicator)!.get(count.period!)!;
    at.get(p0.neighbours.list[0].la_code)!.value = 3; // a count under the threshold of 10: suppressed in neighbourLatest
    at.get(LA)!.value = 4;
    const x = buildLaProfile(idx, LA, { neighbours: "context" }).indicators.find((i) => i.indicator === count.indicator)!;
    assert.equal(x.neighbourLatest[0].value, null);
    assert.equal(x.neighbours.mean, null, "mean × n − the others would give the suppressed value back");
    assert.equal(x.value, null);
    assert.equal(x.englandDifference, null, "England + difference would give the suppressed value back");
  });

  it("the neighbour average is the mean of the neighbours' values at the indicator's period", () => {
    const x = withValue.find((i) => i.unit === "percent")!;
    const at = index.byIndicator.get(x.indicator)!.get(x.period!)!;
    const values = profile.neighbours.list.map((n) => at.get(n.la_code)?.value ?? NaN).filter(Number.isFinite);
    assert.ok(values.length > 0);
    assert.ok(Math.abs(x.neighbours.mean! - values.reduce((a, b) => a + b, 0) / values.length) < 1e-12);
  });

  it("the quarter agrees with LAIT's band where the indicator has a good direction (A best)", () => {
    for (const x of withValue.filter((i) => i.band !== null)) {
      const fromQuarter = x.polarity === "down" ? "ABCD"[x.quartile! - 1] : "DCBA"[x.quartile! - 1];
      assert.equal(x.band, fromQuarter, x.indicator);
    }
  });

  it("has a reference period and nothing stale when every series reaches it", () => {
    assert.equal(profile.referencePeriod, 2023);
    assert.equal(profile.summary.stale, 0);
    assert.ok(withValue.every((x) => x.yearsBehind === 0 || x.yearsBehind! <= STALE_AFTER_YEARS));
  });

  it("marks a latest value more than 3 years before the reference period as stale, and counts it", () => {
    const p = buildLaProfile(staleIndex, LA, { neighbours: "context" });
    const x = p.indicators.find((i) => i.indicator === STALE)!;
    assert.equal(x.period, 2018);
    assert.equal(x.yearsBehind, 5);
    assert.equal(x.stale, true);
    assert.equal(p.summary.stale, 1);
    // 3 years behind is not stale (the boundary): the same indicator with --period 2021
    const q = buildLaProfile(staleIndex, LA, { neighbours: "context", period: 2021 }).indicators.find((i) => i.indicator === STALE)!;
    assert.deepEqual([q.yearsBehind, q.stale], [3, false]);
  });
});

describe("profile words", () => {
  const base = { value: 12, headline: { benchmark: 10, outcome: "not-compared", label: "not compared", confidence: null } } as Pick<ProfileIndicator, "value" | "headline">;
  it("says the direction when no interval could be computed, and the verdict otherwise", () => {
    assert.equal(comparisonWords(base, "England"), "higher than England (no interval)");
    assert.equal(comparisonWords({ ...base, value: 8 }, "England"), "lower than England (no interval)");
    assert.equal(comparisonWords({ ...base, value: 10 }, "England"), "same as England (no interval)");
    assert.equal(comparisonWords({ ...base, value: null }, "England"), "not compared");
    assert.equal(comparisonWords({ ...base, headline: { ...base.headline, outcome: "worse", label: "worse (95%)" } }, "England"), "worse (95%)");
    // a count beside England's or a region's total is not "lower" (every LA's is); beside the neighbour median it is compared
    const count = { ...base, unit: "count" as const, value: 16324, headline: { ...base.headline, benchmark: 632830 } };
    assert.equal(comparisonWords(count, "England"), "not compared (a count beside England's total)");
    assert.equal(comparisonWords(count, "the region"), "not compared (a count beside the region's total)");
    assert.equal(comparisonWords({ ...count, headline: { ...count.headline, benchmark: 15000 } }, "the neighbour median"), "higher than the neighbour median (no interval)");
  });
  it("shows LAIT's band with best and worst, else the LA's quarter", () => {
    assert.equal(quartileWords({ band: "A", quartile: 4 }), "A (best)");
    assert.equal(quartileWords({ band: "C", quartile: 2 }), "C");
    assert.equal(quartileWords({ band: null, quartile: 4 }), "highest quarter");
    assert.equal(quartileWords({ band: null, quartile: null }), "");
  });
});

describe("the profile's trend marker over school sessions", () => {
  // E06900001's re-referrals fall clearly (Cochran–Armitage) in the synthetic package: the same counts over
  // sessions, which cluster within pupils, must get no marker, as they get no interval
  const TRENDING = "rereferral_12m_pct";
  const SESSIONS_LA = "E06900001";
  const sessionsIndex = profileIndex(readPackage(SYNTHETIC));
  sessionsIndex.catalogue.find((c) => c.indicator === TRENDING)!.denominator = "possible sessions";

  it("is calculated for the counts over referrals", () => {
    const trend = buildLaProfile(index, SESSIONS_LA, { neighbours: "context" }).indicators.find((x) => x.indicator === TRENDING)!.trend;
    assert.equal(trend.method, "cochran-armitage");
    assert.equal(trend.marker, "decreasing");
  });

  it("cannot be calculated over sessions, with the intervals' reason and no χ²", () => {
    const x = buildLaProfile(sessionsIndex, SESSIONS_LA, { neighbours: "context" }).indicators.find((i) => i.indicator === TRENDING)!;
    assert.equal(x.trend.marker, "cannot-be-calculated");
    assert.equal(x.trend.assessment, "cannot-be-calculated");
    assert.ok(Number.isNaN(x.trend.chiSquare) && Number.isNaN(x.trend.p));
    assert.match(x.trend.reason ?? "", /school sessions, which cluster within pupils.*trend test/);
    assert.equal(x.lower95, null, "the interval is refused for the same reason");
  });
});

describe("buildLaProfile takes the LA as the profile command does", () => {
  it("by name, the same profile as by code", () => {
    const byName = buildLaProfile(index, "Moorgate", { neighbours: "context" });
    const byCode = buildLaProfile(index, LA, { neighbours: "context" });
    assert.equal(byName.la.la_code, LA);
    assert.deepEqual(byName, byCode);
  });

  it("refuses a name of no LA, naming the text and the LAs it may have meant", () => {
    assert.throws(() => buildLaProfile(index, "Moorgatx"), /buildLaProfile: la must be the ONS code, DfE number or name of an LA in areas\.csv: "Moorgatx": .*did you mean "Moorgate"/);
  });
});

describe("a source's note on the LA's values", () => {
  it("is in the profile's notes for the LAs it names, with its years and file, and not for others (Cornwall and the Isles of Scilly combined)", () => {
    const pkg = readPackage(SYNTHETIC);
    const provenance = { ...(pkg.descriptor.provenance ?? {}), value_notes: [{ file: "la_hospital_admissions_2324.csv", note: "Value for Cornwall and Isles of Scilly combined", areas: [LA, "E06900003"], periods: [2011, 2012, 2013, 2016] }] };
    const noted = profileIndex({ ...pkg, descriptor: { ...pkg.descriptor, provenance } });
    const notes = buildLaProfile(noted, LA, { neighbours: "context" }).notes;
    const name = noted.pkg.areas.objects().find((a) => (a as { la_code: string }).la_code === LA) as { la_name: string };
    assert.ok(notes.includes(`Source note on ${name.la_name}'s values of 2011–2013, 2016 from la_hospital_admissions_2324.csv: "Value for Cornwall and Isles of Scilly combined".`), notes.join("\n"));
    assert.ok(!buildLaProfile(noted, "E06900001", { neighbours: "context" }).notes.some((n) => n.startsWith("Source note")));
  });
});
