import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createNotebookRenderer, stampSourceLine } from "../../lib/notebook/renderer";
import { show } from "../../lib/notebook/show";
import { plotlyBundle } from "../../lib/plots/figure-html";
import type { ReproducibilityStamp } from "../../lib/report/reproducibility";

const figure = Object.freeze({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: {} });

function capture() {
  const outputs: string[] = [];
  return { outputs, renderer: createNotebookRenderer({ html: (s) => outputs.push(s) }) };
}

describe("createNotebookRenderer", () => {
  it("inlines plotly with the first chart only and draws every chart into its own div", () => {
    const { outputs, renderer } = capture();
    renderer.show(figure);
    renderer.show(figure);
    assert.equal(outputs.length, 2);
    assert.ok(outputs[0].includes(plotlyBundle()));
    assert.ok(!outputs[1].includes(plotlyBundle().slice(0, 1000)));
    const ids = outputs.map((o) => /<div id="([^"]+)"/.exec(o)![1]);
    assert.notEqual(ids[0], ids[1]);
    assert.match(outputs[1], /window\.Plotly\.newPlot/);
  });

  it("renders tables as HTML with missing values explained", () => {
    const { outputs, renderer } = capture();
    renderer.showTable([{ la: "A", value: null, status: "suppressed:c" }]);
    assert.match(outputs[0], /<table[^>]*class="vsw-table"/);
    assert.match(outputs[0], /suppressed \(c\)/);
  });

  it("renders the stamp and Markdown", () => {
    const { outputs, renderer } = capture();
    const stamp = { packageName: "p", packageVersion: "1", gitCommit: "c".repeat(40), gitDirty: true, dataName: "d", dataSha256: "e".repeat(64), seed: null, node: "v20", createdAt: "t", sources: [{ title: "f.csv", licence: "OGL-UK-3.0" }], licences: [], command: null } as ReproducibilityStamp;
    renderer.showStamp(stamp);
    renderer.showMarkdown("**n = 150**");
    assert.match(outputs[0], /c{40} \(with uncommitted changes\)/);
    assert.match(outputs[0], /none \(no random step\)/);
    assert.match(outputs[0], /Contains public sector information licensed under the Open Government Licence v3\.0\./, "the notebook stamp carries the colophon");
    assert.equal(outputs[1], '<div class="vsw-markdown"><p><strong>n = 150</strong></p></div>');
  });
});

describe("the figures' source line", () => {
  const stampOf = (dataName: string): ReproducibilityStamp => ({
    packageName: "vital-signs-workbench", packageVersion: "0.1.0", gitCommit: "5f7b5b8".padEnd(40, "0"), gitDirty: false, dataName,
    dataSha256: "da88cd3cbc01".padEnd(64, "f"), seed: null, node: "v20", createdAt: "t",
    sources: [{ title: "a.csv" }, { title: "b.csv" }], licences: ["OGL-UK-3.0"], command: null,
  });

  it("names the data package, its sources, licences and sha256, and the workbench and commit", () => {
    assert.equal(stampSourceLine(stampOf("england-official")),
      "Source: data package england-official (2 sources; OGL-UK-3.0; sha256 da88cd3cbc01…), vital-signs-workbench 0.1.0 at 5f7b5b8");
  });

  it("says a generated package has no published source, not \"0 sources\"", () => {
    assert.match(stampSourceLine({ ...stampOf("pilot-records-synthetic"), sources: [], licences: ["CC0-1.0"] }), /^Source: data package pilot-records-synthetic \(no published source; CC0-1\.0; sha256 /);
  });

  it("is under every figure after a stamp, the last stamp's, and under none before", () => {
    const { outputs, renderer } = capture();
    renderer.show(figure);
    renderer.showStamp(stampOf("pilot-synthetic"));
    renderer.show(figure);
    renderer.showStamp(stampOf("england-official"));
    renderer.show(figure);
    const figures = outputs.filter((o) => o.includes("newPlot"));
    assert.doesNotMatch(figures[0], /Source: data package/);
    assert.match(figures[1], /Source: data package pilot-synthetic/);
    assert.match(figures[2], /Source: data package england-official/);
    assert.doesNotMatch(figures[2], /pilot-synthetic/);
    assert.deepEqual(figure.layout, {}, "the figure passed in is not changed");
  });

  it("is HTML-escaped text under the figure's box", () => {
    const { outputs, renderer } = capture();
    renderer.showStamp(stampOf("<b>odd</b>"));
    renderer.show(figure);
    const line = /<\/script>\n<p class="vsw-figure-source"[^>]*>(Source: [^<]*)<\/p>$/.exec(outputs[1]);
    assert.ok(line, "a paragraph after the figure's script ends the output");
    assert.match(line[1], /^Source: data package &lt;b&gt;odd&lt;\/b&gt; /);
  });
});

describe("show", () => {
  it("says clearly when it is not running in a tslab kernel", () => {
    assert.throws(() => show(figure), /not running in a tslab kernel/);
  });
});
