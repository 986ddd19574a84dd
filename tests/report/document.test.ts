import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { plotlyBundle } from "../../lib/plots/figure-html";
import { reportHtml, writeReport, type ReportSpec } from "../../lib/report/document";
import type { ReproducibilityStamp } from "../../lib/report/reproducibility";
import { tempDir } from "../helpers/temp-dirs";

const stamp: ReproducibilityStamp = Object.freeze({
  packageName: "vital-signs-workbench", packageVersion: "0.1.0", gitCommit: "a".repeat(40), gitDirty: false,
  dataName: "pilot-synthetic", dataSha256: "b".repeat(64), seed: 42, node: "v20", createdAt: "2026-01-01T00:00:00.000Z",
  sources: [
    { title: "b1_children_in_need_2013_to_2025.csv", publication: "Children in need, England (DfE, Explore Education Statistics)", licence: "OGL-UK-3.0" },
    { title: "b1_children_in_need_2013_to_2025.csv", publication: "Children in need, England (DfE, Explore Education Statistics)", licence: "OGL-UK-3.0" },
    { title: "File_11_IoD2019_UTLA.xlsx", licence: "OGL-UK-3.0" },
  ],
  licences: ["OGL-UK-3.0"],
  command: "vital-signs analyse 'my pkg' --outcome ofsted_overall",
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
    assert.match(html, /<h2>Sources, citation and reproducibility<\/h2>[\s\S]*a{40}[\s\S]*b{64}/);
    assert.match(html, /Figure 2\. Second/);
    assert.match(html, /<title>Vital signs &lt;test&gt;<\/title>/);
    assert.match(html, /<a href="#s3-sources-citation-and-reproducibility">Sources, citation and reproducibility<\/a>/);
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
    const file = writeReport(path.join(tempDir("vsw-report-"), "out", "report.html"), spec);
    assert.equal(fs.readFileSync(file, "utf8"), reportHtml(spec));
  });
});

describe("the colophon", () => {
  it("ends every report with its sources (each once), the OGL attribution, a citation and the exact command", () => {
    const html = reportHtml(spec);
    const colophon = html.slice(html.indexOf('id="vsw-colophon"'));
    assert.ok(colophon.length > 0 && html.includes('id="vsw-colophon"'));
    assert.equal(colophon.split('data-v="Children in need, England (DfE, Explore Education Statistics)').length - 1, 1, "a source listed twice in the package is listed once");
    assert.match(colophon, /data-v="sources \(2\)"/);
    assert.match(colophon, /File_11_IoD2019_UTLA\.xlsx/);
    assert.match(colophon, /Contains public sector information licensed under the Open Government Licence v3\.0\./);
    assert.match(colophon, /Vital Signs Workbench contributors \(2026\)\. Vital Signs Workbench, version 0\.1\.0, commit aaaaaaaaaaaa \[software\]/);
    assert.match(colophon, /vital-signs analyse &#39;my pkg&#39; --outcome ofsted_overall|vital-signs analyse 'my pkg' --outcome ofsted_overall/);
  });

  it("gives the package's own licence, not the OGL statement, when no source is OGL", () => {
    const html = reportHtml({ ...spec, stamp: { ...stamp, sources: [{ title: "synthetic" }], licences: ["CC0-1.0"], command: null } });
    assert.doesNotMatch(html, /Open Government Licence/);
    assert.match(html, /CC0-1\.0/);
    assert.match(html, /not run from the command line/);
  });
});

describe("CITATION.cff", () => {
  it("names the same title and version as the citation in every report", () => {
    const cff = fs.readFileSync(`${__dirname}/../../CITATION.cff`, "utf8");
    const manifest = JSON.parse(fs.readFileSync(`${__dirname}/../../package.json`, "utf8")) as { version: string };
    assert.match(cff, /^title: "Vital Signs Workbench"$/m);
    assert.match(cff, new RegExp(`^version: ${manifest.version.replace(/\./g, "\\.")}$`, "m"));
    assert.match(cff, /^cff-version: 1\.2\.0$/m);
  });
});
