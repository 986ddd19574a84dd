import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { SOURCE_LINE_PX, withSourceLine } from "../../lib/plots/source-line";
import type { Figure } from "../../lib/plots/figure";

const figure: Figure = Object.freeze({
  data: [{ type: "bar", x: ["a"], y: [1] }],
  layout: Object.freeze({ height: 480, margin: Object.freeze({ l: 70, r: 30, t: 70, b: 120 }), annotations: Object.freeze([{ text: "panel" }]) }),
}) as Figure;

describe("withSourceLine", () => {
  it("writes the source under the figure, growing the bottom margin and the height alike", () => {
    const out = withSourceLine(figure, "Source: DfE <children in need> & Ofsted");
    const layout = out.layout as { height: number; margin: { b: number; t: number }; annotations: { text: string; yshift: number; y: number }[] };
    assert.equal(layout.height, 480 + SOURCE_LINE_PX);
    assert.equal(layout.margin.b, 120 + SOURCE_LINE_PX);
    assert.equal(layout.margin.t, 70);
    assert.equal(layout.annotations.length, 2, "the figure's own annotations are kept");
    const line = layout.annotations[1];
    assert.equal(line.text, "Source: DfE &lt;children in need&gt; &amp; Ofsted");
    assert.equal(line.y, 0);
    assert.ok(line.yshift < -120, "below the old bottom margin, where the legend is");
  });

  it("leaves the figure passed in unchanged, and refuses an empty source", () => {
    withSourceLine(figure, "Source: x");
    assert.equal((figure.layout.annotations as unknown[]).length, 1);
    assert.throws(() => withSourceLine(figure, " "), InputError);
  });

  it("takes Plotly's default bottom margin when the layout sets none", () => {
    const out = withSourceLine({ data: [], layout: {} }, "Source: x");
    assert.equal((out.layout.margin as { b: number }).b, 80 + SOURCE_LINE_PX);
    assert.equal(out.layout.height, undefined);
  });
});
