import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { percentileMembershipChart, type PercentileMembershipRow } from "../../lib/plots/percentile-membership-chart";
import { assertMatchesSnapshot } from "./snapshot";

// The 2016 study's distribution (Tables 1 and 3, 152 LAs, 11 outcome indicators):
// best 10%: 59, 47, 26, 14, 3, 3 LAs with 0–5 indicators; worst 10%: 63, 42, 27, 14, 6 with 0–4.
const BEST = [59, 47, 26, 14, 3, 3];
const WORST = [63, 42, 27, 14, 6];
function studyRows(): PercentileMembershipRow[] {
  const expand = (dist: number[]) => dist.flatMap((count, k) => Array.from({ length: count }, () => k));
  const best = expand(BEST);
  const worst = expand(WORST);
  return best.map((b, i) => ({ la_code: `LA${i}`, la_name: `Authority ${i}`, bestCount: b, worstCount: worst[(i * 37) % 152], grade: 1 + (i % 4) }));
}

const sumByX = (fig: ReturnType<typeof percentileMembershipChart>, axis: string) => {
  const out = new Array(12).fill(0);
  for (const t of fig.data.filter((d) => d.xaxis === axis)) (t.y as number[]).forEach((v, k) => (out[k] += v));
  return out;
};

describe("percentileMembershipChart", () => {
  it("matches its snapshot", () => {
    const rows = Object.freeze(studyRows().slice(0, 24).map((r) => Object.freeze(r)));
    assertMatchesSnapshot("percentile-membership-chart", percentileMembershipChart(rows, { indicatorCount: 5 }));
  });

  it("splits the bars of a continuous outcome by the LAs' quarter of it, with every LA drawn", () => {
    // values like 71.2% match no grade: grouped by grade, every LA fell out of the figure
    const rows = Object.freeze(studyRows().map((r, i) => Object.freeze({ ...r, grade: null, outcomeQuarter: i % 5 === 4 ? null : 1 + (i % 5) })));
    const fig = percentileMembershipChart(rows, { indicatorCount: 11, colourBy: "outcome-quarter" });
    assert.deepEqual(sumByX(fig, "x").slice(0, BEST.length), BEST);
    assert.deepEqual(sumByX(fig, "x2").slice(0, WORST.length), WORST);
    assert.deepEqual(fig.data.filter((t) => t.showlegend).map((t) => t.name),
      ["Outcome in the best quarter", "Outcome in the 2nd quarter", "Outcome in the 3rd quarter", "Outcome in the worst quarter", "No outcome value"]);
    // the grade version of the same rows has only LAs without a grade
    assert.deepEqual(percentileMembershipChart(rows, { indicatorCount: 11 }).data.filter((t) => t.showlegend).map((t) => t.name), ["No grade"]);
  });

  it("reproduces the 2016 Tables 1 and 3 as bar heights", () => {
    const fig = percentileMembershipChart(studyRows(), { indicatorCount: 11 });
    assert.deepEqual(sumByX(fig, "x"), [...BEST, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(sumByX(fig, "x2"), [...WORST, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("splits bars by Ofsted grade and lists the LAs on hover", () => {
    const fig = percentileMembershipChart(studyRows(), { indicatorCount: 11 });
    assert.deepEqual([...new Set(fig.data.map((t) => t.name))], ["Outstanding", "Good", "Requires improvement", "Inadequate"]);
    const hover = (fig.data[1].customdata as string[][])[5];
    assert.match(hover[0], /^1 LA \(1% of 152\) in the best 10% for 5 indicators, Good$/);
    assert.match(hover[1], /^Authority \d+$/);
  });

  it("refuses counts outside 0..indicatorCount", () => {
    assert.throws(() => percentileMembershipChart([{ la_code: "x", la_name: "X", bestCount: 3, worstCount: 0, grade: 2 }], { indicatorCount: 2 }), InputError);
  });
});
