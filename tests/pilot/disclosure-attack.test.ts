/**
 * An attacker's view of the pilot export: from every published field of the indicator rows (share value,
 * numerator, denominator; mean score and its denominator), try to recover each withheld positive count x
 * and its complement n − x, and fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findRecordFiles } from "../../lib/pilot/import-pilot";
import { estimatePilotIndicators, pilotIndicatorRows } from "../../lib/pilot/indicators";
import { listItems, readInstruments, SCALES } from "../../lib/pilot/instruments";
import { tallyPilotRecords } from "../../lib/pilot/tally-records";
import { parseCsv } from "../../lib/data/csv";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../../lib/disclosure/suppress-counts";

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDS = path.join(ROOT, "datasets", "pilot-records-synthetic");
const set = readInstruments(path.join(RECORDS, "instruments.json"));
const areas = parseCsv(fs.readFileSync(path.join(RECORDS, "areas.csv"), "utf8"), "areas.csv").rows.map((r) => r[0]);
// raw ids are fine here: nothing is written, only counted
const sources = findRecordFiles(RECORDS).map((file) => ({ file, bytes: fs.readFileSync(file) }));
const tally = tallyPilotRecords(sources, set, areas);
const truth = estimatePilotIndicators(tally, { threshold: 1 }); // nothing suppressed: the true x and n
const rows = pilotIndicatorRows(estimatePilotIndicators(tally), {});
const key = (la: string, period: number, indicator: string) => `${la}|${period}|${indicator}`;
const published = new Map(rows.map((r) => [key(r.la_code, r.period, r.indicator), r]));
const small = (c: number) => c > 0 && c < DEFAULT_DISCLOSURE_THRESHOLD;

/**
 * Every positive count x consistent with a published mean score m over n respondents, exactly: with the
 * positive and the other responses each on consecutive integer scores, the score sums reachable with x
 * positive responses are all the integers from x·minP + (n−x)·minN to x·maxP + (n−x)·maxN.
 */
function positiveCountsConsistentWithMean(mean: number, n: number, positive: number[], other: number[]): number[] {
  const sum = Math.round(mean * n);
  const out: number[] = [];
  for (let x = 0; x <= n; x++) {
    const lo = x * Math.min(...positive) + (n - x) * Math.min(...other);
    const hi = x * Math.max(...positive) + (n - x) * Math.max(...other);
    if (positive.length === 0 && x > 0) continue;
    if (other.length === 0 && x < n) continue;
    if (sum >= lo && sum <= hi) out.push(x);
  }
  return out;
}

test("the synthetic pilot has shares whose x or n − x is 1–9 (the attack has something to find)", () => {
  const risky = truth.filter((e) => e.kind === "share_positive" && e.status === "" && e.respondents >= 10 && (small(e.positive) || small(e.respondents - e.positive)));
  assert.ok(risky.length >= 12, `${risky.length}`);
});

test("no withheld positive count or complement comes back from any published field", () => {
  const consecutive = (xs: number[]) => xs.every((v, i) => i === 0 || v === xs[i - 1] + 1);
  let attacked = 0;
  for (const e of truth) {
    if (e.kind !== "share_positive" || e.status !== "") continue;
    const x = e.positive;
    const n = e.respondents;
    const share = published.get(key(e.la_code, e.period, e.indicator))!;
    const candidates = new Set<number>();
    // 1. the share row: numerator, or value × denominator / 100, or denominator − numerator
    if (share.numerator !== null) candidates.add(share.numerator);
    if (share.value !== null && share.denominator !== null) candidates.add(Math.round((share.value * share.denominator) / 100));
    // 2. the mean-score row of the same group: the x consistent with its sum of scores, when only one is
    const ref = listItems(set).find((r) => r.instrument.id === e.instrument && r.item.id === e.item)!;
    const scale = SCALES[ref.scale.id];
    const mean = published.get(key(e.la_code, e.period, e.indicator.replace(/_pct_positive$/, "_mean")));
    if (scale.scores && mean && mean.value !== null && mean.denominator !== null) {
      const pos = scale.responses.flatMap((r, i) => (ref.item.positive.includes(r) ? [scale.scores![i]] : []));
      const other = scale.responses.flatMap((r, i) => (ref.item.positive.includes(r) ? [] : [scale.scores![i]]));
      assert.ok(consecutive(pos) && consecutive(other), "the exact mean attack assumes consecutive scores");
      const xs = positiveCountsConsistentWithMean(mean.value, mean.denominator, pos, other);
      assert.ok(xs.includes(x), "the attack is sound: the true x is among the consistent ones");
      if (xs.length === 1) candidates.add(xs[0]);
    }
    if (!small(x) && !small(n - x)) continue;
    attacked++;
    assert.ok(!candidates.has(x), `${e.la_code} ${e.indicator}: x = ${x} recovered`);
    assert.equal(share.value, null, `${e.la_code} ${e.indicator}: share published`);
    assert.equal(share.numerator, null);
  }
  assert.ok(attacked >= 12, `${attacked} withheld counts attacked`);
});
