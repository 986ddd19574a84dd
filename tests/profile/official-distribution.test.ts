/**
 * An official indicator's LAs' distribution, ranks, quartiles and triangulation spread are over every published
 * value, those the profile withholds from display included (round 23, review F2: Leeds' KS4 Attainment 8 (CP plan)
 * was "37/95" where DfE published 131 values); the LA's own withheld value still gets no band or rank; a denominator
 * of FTE social workers is no small count (City of London's caseload is shown). Expected values from R over the
 * imported package: tests/reference/profile/official-distribution.R (R 4.2.2), official-distribution-reference.json.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadOfficial } from "../../lib/notebook/official-cache";
import { buildLaProfile, profileIndex, type LaProfile, type ProfileIndex } from "../../lib/profile";
import { OFFICIAL_DATA_DIR, officialTest } from "../helpers/official";

interface Case { la: string; indicator: string; period: number; value: number; denominator: number; n: number; quartiles: number[]; rank: number; sd: number }
const REF: { cases: Case[] } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "reference", "profile", "official-distribution-reference.json"), "utf8"));
const TOLERANCE = 1e-12;
/** The cases whose value the profile withholds from display: Darlington's KS4 Attainment 8 (CP plan) 2024, 8.3 over 6 pupils. */
const WITHHELD = new Set(["E06000005 cpp_ks4_attainment8"]);

let index: ProfileIndex | undefined;
const profiles = new Map<string, LaProfile>();
async function profileOf(la: string): Promise<LaProfile> {
  if (!index) index = profileIndex((await loadOfficial(OFFICIAL_DATA_DIR)).pkg);
  // context neighbours: DfE's groups are not what is checked here
  if (!profiles.has(la)) profiles.set(la, buildLaProfile(index, la, { neighbours: "context" }));
  return profiles.get(la)!;
}

const close = (a: number | null, b: number, what: string) => assert.ok(a !== null && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b)), `${what}: ${a} vs R ${b}`);

officialTest("each case's quartiles, number of LAs and spread are R's over every published value", async () => {
  for (const c of REF.cases) {
    const p = await profileOf(c.la);
    const x = p.indicators.find((i) => i.indicator === c.indicator)!;
    const what = `${c.la} ${c.indicator} ${c.period}`;
    assert.equal(x.period, c.period, what);
    const d = x.distribution;
    [d.min, d.q25, d.median, d.q75, d.max].forEach((q, k) => close(q, c.quartiles[k], `${what} quartile ${k}`));
    assert.deepEqual([d.lasWithValue, d.withheldLeftOut, x.rankOf], [c.n, 0, c.n], what);
    const t = p.triangulation.indicators.find((i) => i.indicator === c.indicator);
    if (x.value === null) assert.equal(t, undefined, `${what}: a withheld value has no z`);
    else {
      assert.equal(t!.lasForSd, c.n, what);
      close(t!.sd, c.sd, `${what} sd`);
    }
  }
});

officialTest("a value shown is ranked as R ranks it among them all; the LA's own withheld value is not ranked", async () => {
  for (const c of REF.cases) {
    const x = (await profileOf(c.la)).indicators.find((i) => i.indicator === c.indicator)!;
    const what = `${c.la} ${c.indicator} ${c.period}`;
    if (WITHHELD.has(`${c.la} ${c.indicator}`)) {
      assert.ok(c.denominator < 10, what);
      assert.deepEqual([x.value, x.status, x.rank, x.band, x.quartile], [null, "suppressed:disclosure", null, null, null], what);
    } else {
      assert.equal(x.value, c.value, what);
      assert.equal(x.rank, c.rank, what);
    }
  }
  // Leeds: the review's "37/95" is 51 of 131, as R gives
  const leeds = (await profileOf("E08000035")).indicators.find((i) => i.indicator === "cpp_ks4_attainment8")!;
  assert.equal(`${leeds.rank}/${leeds.rankOf}`, "51/131");
});

officialTest("City of London's caseload over 6.8 FTE social workers is shown, compared and ranked", async () => {
  const x = (await profileOf("E09000001")).indicators.find((i) => i.indicator === "csww_caseload")!;
  assert.deepEqual([x.period, x.value, x.status, x.rank, x.band], [2026, 11.2, "", 4, "A"]);
  // LAIT's count of FTE social workers starting (0.8 FTE in 2026) is no count of people either
  const starters = (await profileOf("E09000001")).indicators.find((i) => i.indicator === "lait_social_work_starters")!;
  assert.deepEqual([starters.period, starters.value], [2026, 0.8]);
});

officialTest("no official indicator of the three profiles leaves a value out of its distribution", async () => {
  for (const la of ["E08000035", "E09000001", "E06000005"]) {
    const p = await profileOf(la);
    for (const x of p.indicators) {
      if (x.period === null) continue;
      const values = [...index!.byIndicator.get(x.indicator)!.get(x.period)!.values()].filter((o) => Number.isFinite(o.value)).length;
      assert.deepEqual([x.distribution.lasWithValue, x.distribution.withheldLeftOut, x.distribution.withheldCounts], [values, 0, 0], `${la} ${x.indicator}`);
      if (x.polarity !== "none") assert.equal(x.rankOf, values, `${la} ${x.indicator}`);
    }
  }
});
