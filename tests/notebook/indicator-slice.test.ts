import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { indicatorMeta, indicatorSlice, visibleErrors } from "../../lib/notebook/indicator-slice";
import { funnelPlot } from "../../lib/plots/funnel-plot";

const pkg = readPackage(path.join(__dirname, "../../datasets/pilot-synthetic"));

test("visibleErrors prints the message (where Jupyter shows it) and rethrows", () => {
  const written: string[] = [];
  assert.throws(() => visibleErrors(() => { throw new Error("boom"); }, (t) => void written.push(t)), /boom/);
  assert.deepEqual(written, ["boom\n"]);
  assert.equal(visibleErrors(() => 3, (t) => void written.push(t)), 3);
});

test("indicatorSlice and indicatorMeta: an unknown id says 'did you mean', on stderr too", () => {
  const original = process.stderr.write.bind(process.stderr);
  const seen: string[] = [];
  (process.stderr as { write: unknown }).write = (t: string) => (seen.push(String(t)), true);
  try {
    assert.throws(() => indicatorSlice(pkg, "rereferal_12m_pct", 2019), /did you mean "rereferral_12m_pct"/);
    assert.throws(() => indicatorMeta(pkg, "assesment_45d_pct"), /did you mean "assessment_45d_pct"/);
  } finally {
    (process.stderr as { write: unknown }).write = original;
  }
  assert.equal(seen.length, 2);
  assert.match(seen[0], /no indicator "rereferal_12m_pct" in catalogue.csv \(did you mean "rereferral_12m_pct" or "rereferral_12m_lait_pct"\?\)/);
  assert.equal(indicatorSlice(pkg, "rereferral_12m_pct", 2019).numRows(), 150);
});

test("funnelPlot on an empty slice says the slice is empty, not that no LA has a denominator", () => {
  const options = { target: 0.2, type: "proportion" as const, multiplier: 100, polarity: "down" as const, label: "x" };
  assert.throws(() => funnelPlot([], options), /funnelPlot: no points were given \(an empty slice: is the indicator id or the period right\?/);
  assert.throws(() => funnelPlot([{ la_code: "a", la_name: "A", value: 1, denominator: null }], options), /no LA has both a value and a denominator > 0 \(1 of 1 have a value, 0 a denominator\)/);
});
