/**
 * An LA whose value of an unpublished indicator is withheld for disclosure (3 of 7 visits) is out of every other LA's
 * funnel estimate, as it is out of a computed benchmark: a review found φ 2.75 with it at 3 of 7 and 2.79 at 6 of 7,
 * to 16 digits, in every other LA's profile. Its neighbours' summary says how many values are withheld.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage } from "../../lib/data/package";
import type { AreaRow, IndicatorRow } from "../../lib/data/types";
import { buildLaProfile, profileIndex } from "../../lib/profile";
import { writeVisitsPackage } from "./visits-fixture";

const AREAS: AreaRow[] = Array.from({ length: 16 }, (_, i) => ({
  la_code: `E069000${String(i).padStart(2, "0")}`, la_name: `Area ${String.fromCharCode(65 + i)}`, region_code: "E12000001",
  region_name: "North East", old_la_code: "", first_period: null, last_period: null,
}));
const WITHHELD_LA = AREAS[0].la_code;

/** Visits on time of 16 LAs in 2023 (unpublished: source "test"); the first LA's is `withheld` of 7. */
function visitsPackage(withheld: number, source = "test"): string {
  const indicators: IndicatorRow[] = AREAS.map((a, i) => {
    const [x, n] = i === 0 ? [withheld, 7] : [40 + ((i * 7) % 23), 100 + 10 * i];
    return { la_code: a.la_code, period: 2023, indicator: "visits_pct", value: (100 * x) / n, numerator: x, denominator: n, status: "" };
  });
  return writeVisitsPackage({ name: "funnel-withheld", title: "One LA's visits withheld" }, AREAS, indicators, source);
}

const visitsOf = (dir: string, la: string) =>
  buildLaProfile(profileIndex(readPackage(dir)), la, { neighbours: "context" }).indicators.find((i) => i.indicator === "visits_pct")!;

test("another LA's funnel is the same whatever the withheld LA's count, and is over the LAs shown", () => {
  const [low, high] = [3, 6].map((x) => visitsOf(visitsPackage(x), AREAS[5].la_code).funnel);
  assert.ok(low !== null && high !== null);
  assert.deepEqual(low, high);
  assert.equal(low.lasInEstimate, AREAS.length - 1);
});

test("a published indicator's withheld LA stays in the estimate: its counts are public", () => {
  const published = visitsOf(visitsPackage(3, "EES Children looked after in England"), AREAS[5].la_code).funnel;
  assert.equal(published?.lasInEstimate, AREAS.length);
});

test("a neighbour's withheld value: the summary is withheld and says so, with the neighbours whose values are shown", () => {
  const dir = visitsPackage(3);
  const index = profileIndex(readPackage(dir));
  for (const a of AREAS.slice(1)) {
    const p = JSON.parse(JSON.stringify(buildLaProfile(index, a.la_code, { neighbours: "context" }))) as ReturnType<typeof buildLaProfile>;
    const nb = p.indicators.find((i) => i.indicator === "visits_pct")!.neighbours;
    const hasWithheld = p.neighbours.list.some((n) => n.la_code === WITHHELD_LA);
    assert.equal(nb.withheld, hasWithheld ? 1 : 0, a.la_code);
    assert.equal(nb.withValue, nb.of - nb.withheld, a.la_code);
    if (hasWithheld) assert.deepEqual([nb.median, nb.min, nb.max, nb.mean], [null, null, null, null], a.la_code);
  }
});
