import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { funnelPlot, type FunnelPlotOptions } from "../../lib/plots/funnel-plot";
import { COLOURS } from "../../lib/plots/theme";
import { funnelPoints } from "./fixtures";
import { assertMatchesSnapshot } from "./snapshot";

const options: FunnelPlotOptions = Object.freeze({
  target: 0.2,
  type: "proportion",
  multiplier: 100,
  polarity: "up",
  label: "Plans lasting 2 years or more (%)",
  denominatorLabel: "Children on a plan",
});

const traceOf = (fig: ReturnType<typeof funnelPlot>, la: string) =>
  fig.data.find((t) => Array.isArray(t.text) && (t.text as string[]).includes(la));

describe("funnelPlot", () => {
  it("matches its snapshot", () => {
    assertMatchesSnapshot("funnel-plot", funnelPlot(funnelPoints(), options));
  });

  it("does not mutate its inputs", () => {
    const points = Object.freeze(funnelPoints().map((p) => Object.freeze(p)));
    assert.doesNotThrow(() => funnelPlot(points, options));
  });

  it("marks an LA far above the limits as better when higher is better, and worse when lower is better", () => {
    const up = traceOf(funnelPlot(funnelPoints(), options), "Penhallow")!;
    assert.match(up.name as string, /^Above 99\.8% limit \(better\)/);
    assert.equal((up.marker as { color: string }).color, COLOURS.better);
    const down = traceOf(funnelPlot(funnelPoints(), { ...options, polarity: "down" }), "Penhallow")!;
    assert.match(down.name as string, /^Above 99\.8% limit \(worse\)/);
    assert.equal((down.marker as { color: string }).color, COLOURS.worse);
    const below = traceOf(funnelPlot(funnelPoints(), { ...options, polarity: "down" }), "Riverside")!;
    assert.match(below.name as string, /^Below 99\.8% limit \(better\)/);
  });

  it("makes no judgement for an indicator without polarity", () => {
    const none = traceOf(funnelPlot(funnelPoints(), { ...options, polarity: "none" }), "Penhallow")!;
    assert.doesNotMatch(none.name as string, /better|worse/);
    assert.equal((none.marker as { color: string }).color, COLOURS.outside);
  });

  it("labels every plotted LA by name on hover, and leaves off an LA of a small denominator (its x would give it)", () => {
    const fig = funnelPlot(funnelPoints(), options);
    const names = fig.data.flatMap((t) => (Array.isArray(t.text) ? (t.text as string[]) : []));
    assert.equal(names.length, 18);
    // Ashford's denominator is 5: hovered as "<10", it had been plotted at x = 5
    assert.equal(traceOf(fig, "Ashford"), undefined);
    assert.ok(!fig.data.filter((t) => t.mode === "markers").some((t) => (t.x as number[]).includes(5)));
    assert.match((fig.layout.annotations as { text: string }[])[0].text, /18 LAs plotted, 1 with a denominator under 10 not shown/);
    assert.equal(traceOf(funnelPlot(funnelPoints(), { ...options, disclosureThreshold: 5 }), "Ashford") !== undefined, true, "5 is not small at threshold 5");
    const kingsmead0 = traceOf(fig, "Kingsmead")!;
    assert.match(kingsmead0.hovertemplate as string, /%\{text\}/);
    const kingsmead = traceOf(fig, "Kingsmead")!;
    assert.equal((kingsmead.customdata as string[][])[(kingsmead.text as string[]).indexOf("Kingsmead")][0], "1,000");
  });

  it("leaves LAs with a missing value off the chart (never at 0) and counts them", () => {
    const fig = funnelPlot(funnelPoints(), options);
    const ys = fig.data.filter((t) => t.mode === "markers").flatMap((t) => t.y as number[]);
    assert.ok(!ys.includes(0));
    assert.equal(traceOf(fig, "Juniper"), undefined);
    const note = (fig.layout.annotations as { text: string }[])[0].text;
    assert.match(note, /18 LAs plotted, 1 with a denominator under 10 not shown, 1 missing \(not shown\)/);
  });

  it("draws the 95% limits inside the 99.8% limits around the target", () => {
    const fig = funnelPlot(funnelPoints(), options);
    const byName = (n: string) => fig.data.filter((t) => t.name === n);
    const [lo95, hi95] = byName("95% limits");
    const [lo998, hi998] = byName("99.8% limits");
    (lo95.y as number[]).forEach((v, i) => {
      assert.ok((lo998.y as number[])[i] <= v && v <= 20 && 20 <= (hi95.y as number[])[i]);
      assert.ok((hi95.y as number[])[i] <= (hi998.y as number[])[i]);
    });
  });

  it("refuses a chart with no usable LA", () => {
    assert.throws(() => funnelPlot([{ la_code: "E1", la_name: "A", value: null, denominator: 10 }], options), InputError);
  });
});
