import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CompletenessRow } from "../../lib/data/completeness";
import { InputError } from "../../lib/errors";
import { completenessHeatmap } from "../../lib/plots/completeness-heatmap";
import { assertMatchesSnapshot } from "./snapshot";

const row = (indicator: string, period: number, withValue: number, suppressed: number, expected = 152): CompletenessRow =>
  Object.freeze({ indicator, period, expected, withValue, suppressed, otherMissing: 0, lowReliability: 0, absent: expected - withValue - suppressed, completeness: withValue / expected });
const rows = Object.freeze([row("re_referrals", 2014, 150, 2), row("re_referrals", 2015, 147, 5), row("sw_turnover", 2015, 120, 0)]);

describe("completenessHeatmap", () => {
  it("matches its snapshot", () => {
    assertMatchesSnapshot("completeness-heatmap", completenessHeatmap(rows, { labels: { re_referrals: "Re-referrals" } }));
  });

  it("puts indicators down and years across, with a gap where no row exists", () => {
    const fig = completenessHeatmap(rows);
    assert.deepEqual(fig.data[0].x, ["2014", "2015"]);
    assert.deepEqual(fig.data[0].y, ["re_referrals", "sw_turnover"]);
    assert.deepEqual(fig.data[0].z, [[150 / 152, 147 / 152], [null, 120 / 152]]);
  });

  it("gives counts of LAs (not children) on hover, including suppressed ones", () => {
    const text = completenessHeatmap(rows).data[0].text as string[][];
    assert.equal(text[0][1], "re_referrals, 2015: 97% — 147 of 152 LAs with a value, 5 suppressed");
  });

  it("refuses an empty report", () => {
    assert.throws(() => completenessHeatmap([]), InputError);
  });
});
