import { test } from "node:test";
import assert from "node:assert/strict";
import { addOwnData } from "../../lib/data/own-data/add";
import { readPackage } from "../../lib/data/package";
import { buildLaProfile } from "../../lib/profile/build";
import { profileIndex } from "../../lib/profile/package-index";
import { tempFile, writeFixturePackage } from "../data/own-data/fixture";

test("a profile of own data withholds the values, intervals and trend that would give a small count back (reviews r17, r22)", () => {
  // Hull: 3, 4, 5, 4, 3 of 12 over five years (every count under 10); Bristol: 30 to 34 of 60 (none small)
  const rows = ["la_code,period,indicator,value,numerator,denominator"];
  [3, 4, 5, 4, 3].forEach((x, k) => rows.push(`E06000010,${2020 + k},reviews_pct,${((100 * x) / 12).toFixed(1)},${x},12`));
  [30, 31, 32, 33, 34].forEach((x, k) => rows.push(`E06000023,${2020 + k},reviews_pct,${((100 * x) / 60).toFixed(1)},${x},60`));
  for (const la of ["E08000013", "E08000038"]) [20, 20, 20, 20, 20].forEach((x, k) => rows.push(`${la},${2020 + k},reviews_pct,50.0,${x},40`));
  const dir = writeFixturePackage();
  addOwnData(dir, tempFile("reviews.csv", `${rows.join("\n")}\n`), { metadata: { unit: "percent", polarity: "up", domain: "workforce" } });
  const index = profileIndex(readPackage(dir));
  const of = (la: string) => buildLaProfile(index, la).indicators.find((x) => x.indicator === "reviews_pct")!;
  const hull = of("E06000010");
  // 25.0% is 3 of 12 with nothing else: the value is withheld as a small count is, not only its interval (r22)
  assert.equal(hull.value, null);
  assert.equal(hull.status, "suppressed:disclosure");
  assert.equal(hull.lower95, null);
  assert.ok(hull.series.every((p) => p.value === null && p.lower95 === null && p.upper95 === null && p.status === "suppressed:disclosure"));
  // the trend's χ², p and slopes gave 4, 5, 4, 3, 2 of 12 back with the values (r17): no trend over withheld values
  assert.equal(hull.trend.marker, "cannot-be-calculated");
  assert.ok(Number.isNaN(hull.trend.chiSquare) && Number.isNaN(hull.trend.p) && hull.trend.leaveOneOutSlopes.length === 0);
  assert.match(hull.trend.reason ?? "", /withheld for disclosure/);
  // Bristol's counts are not small: its interval and trend statistics stay
  const bristol = of("E06000023");
  assert.ok(bristol.value !== null && bristol.lower95 !== null && bristol.series.every((p) => p.value !== null && p.lower95 !== null));
  assert.ok(Number.isFinite(bristol.trend.chiSquare));
  // England computed without Hull's small counts: pooled with them, it and the others' counts (their intervals give
  // them) would give Hull's back; (34 + 20 + 20) of (60 + 40 + 40) in 2024
  assert.equal(hull.england.value, (74 / 140) * 100);
  assert.match(hull.england.source, /pooled from 3 LAs' counts \(no published figure; 1 LA with counts under 10 left out\)/);
  // with the profile's own threshold (a second review: the benchmark used the default whatever the profile's):
  // at 25, the two LAs of 20 of 40 are small too, and Bristol (34 of 60) alone is under the three LAs a computed figure needs
  const strict = buildLaProfile(index, "E06000010", { disclosureThreshold: 25 }).indicators.find((x) => x.indicator === "reviews_pct")!;
  assert.equal(strict.england.value, null);
  assert.match(strict.england.source, /only 1 LA with a value/);
});
