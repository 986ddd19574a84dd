import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import { plotlyBundle } from "../../lib/plots/figure-html";
import { reportHtml, writeReport, type ReportSpec } from "../../lib/report/document";
import type { ReproducibilityStamp } from "../../lib/report/reproducibility";

const stamp: ReproducibilityStamp = Object.freeze({
  packageName: "vital-signs-workbench", packageVersion: "0.1.0", gitCommit: "a".repeat(40), gitDirty: false,
  dataName: "pilot-synthetic", dataSha256: "b".repeat(64), seed: 42, node: "v20", createdAt: "2026-01-01T00:00:00.000Z",
});
const figure = { data: [{ type: "bar", x: ["a"], y: [1] }], layout: {} };
const spec: ReportSpec = Object.freeze<ReportSpec>({
  title: "Vital signs <test>",
  subtitle: "synthetic",
  stamp,
  sections: [
    { heading: "The question", blocks: [{ type: "text", markdown: "Which indicators go with **better** outcomes?" }] },
    { heading: "Screen", blocks: [
      { type: "table", rows: [{ indicator: "a", rho: 0.3 }] },
      { type: "figure", figure, caption: "Forest plot" },
      { type: "figure", figure, caption: "Second" },
    ] },
  ],
});

describe("reportHtml", () => {
  it("is one page with plotly inlined exactly once however many figures", () => {
    const html = reportHtml(spec);
    assert.equal(html.split(plotlyBundle()).length - 1, 1);
    assert.equal((html.match(/class="vsw-figure"/g) ?? []).length, 2);
    assert.doesNotMatch(html.replace(plotlyBundle(), ""), /src="http|href="http|<link /);
  });

  it("leaves plotly out when there is no figure", () => {
    const html = reportHtml({ ...spec, sections: [spec.sections[0]] });
    assert.ok(!html.includes(plotlyBundle().slice(0, 500)));
  });

  it("ends with the reproducibility stamp and numbers its figures", () => {
    const html = reportHtml(spec);
    assert.match(html, /<h2>Reproducibility<\/h2>[\s\S]*a{40}[\s\S]*b{64}/);
    assert.match(html, /Figure 2\. Second/);
    assert.match(html, /<title>Vital signs &lt;test&gt;<\/title>/);
    assert.match(html, /<a href="#s3-reproducibility">Reproducibility<\/a>/);
  });

  it("folds a details block under its summary, with its tables numbered in order", () => {
    const html = reportHtml({
      ...spec,
      sections: [{ heading: "Notes", blocks: [
        { type: "table", rows: [{ indicator: "a" }] },
        { type: "details", summary: "Notes <per indicator>", blocks: [{ type: "table", rows: [{ indicator: "a", note: "long text" }] }] },
      ] }],
    });
    assert.match(html, /<details><summary>Notes &lt;per indicator&gt;<\/summary>\n<div class="vsw-table-wrap"><table id="vsw-table-2"[\s\S]*long text[\s\S]*<\/details>/);
    assert.match(html, /<table id="vsw-table-1"/);
  });

  it("is deterministic and written by writeReport", () => {
    assert.equal(reportHtml(spec), reportHtml(spec));
    const file = writeReport(`${fs.mkdtempSync("/tmp/vsw-report-")}/out/report.html`, spec);
    assert.equal(fs.readFileSync(file, "utf8"), reportHtml(spec));
  });
});
