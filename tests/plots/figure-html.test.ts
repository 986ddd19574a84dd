import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import type { Figure } from "../../lib/plots/figure";
import { figureHtml, figureId, plotlyBundle, plotlyScriptTag, scriptSafeJson, standaloneFigureHtml } from "../../lib/plots/figure-html";
import { tempDir } from "../helpers/temp-dirs";

const fig: Figure = Object.freeze({
  data: [{ type: "bar", x: ["a"], y: [1], text: ["</script><script>alert(1)</script>"] }],
  layout: { title: { text: "T" } },
});

describe("figure HTML", () => {
  it("inlines the plotly bundle from node_modules (no CDN)", () => {
    const tag = plotlyScriptTag();
    assert.ok(tag.length > 1_000_000);
    assert.ok(tag.includes(plotlyBundle()));
    assert.doesNotMatch(tag.slice(0, 200), /src=/);
  });

  it("keeps figure JSON from closing the script element", () => {
    const html = figureHtml(fig, "f1");
    assert.ok(!html.includes("</script><script>alert"));
    assert.equal(JSON.parse(scriptSafeJson({ a: "</script>" })).a, "</script>");
  });

  it("gives each figure a stable id from its content and sequence", () => {
    assert.equal(figureId(fig, 1), figureId(JSON.parse(JSON.stringify(fig)), 1));
    assert.notEqual(figureId(fig, 1), figureId(fig, 2));
  });

  it("makes a standalone page with plotly exactly once and nothing loaded from the network", () => {
    const page = standaloneFigureHtml(fig, "A <title>");
    assert.equal(page.split("plotly.js 4").length - 1, 1);
    assert.doesNotMatch(page.replace(plotlyBundle(), ""), /src="http|href="http/);
    assert.match(page, /<title>A &lt;title><\/title>/);
  });

  it("is written by writeFigureHtml", async () => {
    const { writeFigureHtml } = await import("../../lib/plots/export-figure");
    const dir = tempDir("vsw-fig-");
    const file = writeFigureHtml(fig, `${dir}/sub/fig.html`);
    assert.equal(fs.readFileSync(file, "utf8"), standaloneFigureHtml(fig, "T"));
  });
});

describe("figure config: nothing sends a chart off the machine", () => {
  it("forces showSendToCloud, showEditInChartStudio and showLink off, even when a figure asks for them", () => {
    const fig = { data: [], layout: {}, config: { showSendToCloud: true, showEditInChartStudio: true, showLink: true, responsive: false } };
    const html = figureHtml(fig, "f1");
    assert.match(html, /"showSendToCloud":false/);
    assert.doesNotMatch(html, /"showSendToCloud":true|"showEditInChartStudio":true|"showLink":true/);
    assert.match(html, /"responsive":false/, "the figure's own options are kept");
  });
  it("gives figures without a config the default, with showSendToCloud off", () => {
    assert.match(figureHtml({ data: [], layout: {} }, "f2"), /"displaylogo":false.*"showSendToCloud":false/);
  });
});
