import { test } from "node:test";
import assert from "node:assert/strict";
import { figureSmallCounts, figuresInScript, MAX_FIGURE_CANDIDATES_FAILED } from "../../lib/disclosure/figure-data";
import { scanFileText } from "../../lib/disclosure/scan";

/** The funnel plot of the evaluator's notebook (threshold 5): Marwick, 49 answered, 89.8% positive, 5 not. */
const FUNNEL = Object.freeze({
  data: [
    { type: "scatter", mode: "lines", name: "95% limits", x: [40, 49], y: [50, 90], hoverinfo: "skip" },
    {
      type: "scatter", mode: "markers", x: [49, 56], y: [89.79591836734694, 76.78571428571429], text: ["Marwick", "Brookhaven"],
      customdata: [["49", "High (0.001)"], ["56", "Not significant"]],
      hovertemplate: "<b>%{text}</b><br>I feel safe where I live: % positive: %{y:.3~f}<br>denominator: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
    },
  ],
  layout: { xaxis: { title: { text: "Children who answered" } }, yaxis: { title: { text: "I feel safe where I live: % positive" } } },
});

test("a figure point's percentage beside its denominator gives the count back; lines-only traces are not points", () => {
  const found = figureSmallCounts(FUNNEL, 10);
  assert.deepEqual(found.map((f) => f.location), ["trace 1 point 0 (Marwick)"], "Brookhaven: 43 of 56, 13 not: neither small");
  assert.match(found[0].message, /a complement of 5 \(denominator − 44\)/);
  assert.deepEqual(figureSmallCounts(FUNNEL, 5), [], "5 is not small at threshold 5");
});

test("axis titles label x and y when there is no hovertemplate; hover text labels its own values", () => {
  const byAxes = { data: [{ mode: "markers", x: [12], y: [41.7] }], layout: { xaxis: { title: "Respondents" }, yaxis: { title: { text: "% positive" } } } };
  assert.equal(figureSmallCounts(byAxes, 10).length, 1, "41.7% of 12 is 5");
  const byText = { data: [{ type: "bar", x: ["Leeds"], y: [3], hovertext: ["Leeds<br>Positive: 41.7%<br>n: 12"] }], layout: {} };
  assert.equal(figureSmallCounts(byText, 10).length, 1);
  const unlabelled = { data: [{ mode: "markers", x: [12], y: [41.7] }], layout: {} };
  assert.deepEqual(figureSmallCounts(unlabelled, 10), [], "nothing says which is a percentage");
  const interval = { data: [{ mode: "markers", x: [12], y: [41.7] }], layout: { xaxis: { title: "n" }, yaxis: { title: "95% interval lower limit" } } };
  assert.deepEqual(figureSmallCounts(interval, 10), [], "a limit is not the point's share");
});

test("figures are found in scripts as JSON objects opening with data, whatever strings they hold", () => {
  const script = `var spec = ${JSON.stringify({ data: [{ x: [1], text: ["a } brace"] }], layout: {} })};\nPlotly.newPlot(el, spec.data);`;
  assert.deepEqual(figuresInScript(script), { figures: [{ data: [{ x: [1], text: ["a } brace"] }], layout: {} }], unread: false, unreadCalls: [], unclosedFigures: [] });
  assert.deepEqual(figuresInScript("var o = {data: [1]};"), { figures: [], unread: false, unreadCalls: [], unclosedFigures: [] }, "a JavaScript literal, not JSON");
});

test("a hostile script of figure-like objects that are not JSON is read up to a bound, and the scan says what it left unread", () => {
  // nested or unclosed, each try read to the script's end: quadratic before the bound
  const nested = '{"data":['.repeat(MAX_FIGURE_CANDIDATES_FAILED + 1) + "x" + "]}".repeat(MAX_FIGURE_CANDIDATES_FAILED + 1);
  assert.deepEqual(figuresInScript(nested), { figures: [], unread: true, unreadCalls: [], unclosedFigures: [] });
  // fewer never closed: each is listed (a page cut off: round 23, L8), and the rest of the script read
  const unclosed = Array.from({ length: MAX_FIGURE_CANDIDATES_FAILED }, (_, k) => k * '{"data":['.length);
  assert.deepEqual(figuresInScript('{"data":['.repeat(MAX_FIGURE_CANDIDATES_FAILED)), { figures: [], unread: false, unreadCalls: [], unclosedFigures: unclosed });
  const manyLines = { data: [{ mode: "markers", x: [1], hovertext: [Array.from({ length: 50_000 }, (_, i) => (i % 2 ? "n: 12" : "Positive: 41.7%")).join("<br>")] }], layout: {} };
  assert.equal(figureSmallCounts(manyLines, 10).length, 1, "hover text read up to its bound, each pair once");
  const html = `<script>${'{"data":['.repeat(100_000)}</script>`;
  const findings = scanFileText("hostile.html", html).findings;
  assert.deepEqual(findings.map((f) => [f.rule, f.location]), [["not-scanned", "script"]]);
});

test("the scanner applies the rule to figures in HTML scripts, notebook outputs and JSON files", () => {
  const html = `<div id="f"></div><script type="text/javascript">(function () { var spec = ${JSON.stringify(FUNNEL)}; })();</script>`;
  const inHtml = scanFileText("site/05.html", html).findings;
  assert.deepEqual(inHtml.map((f) => [f.rule, f.location]), [["small-count", "script figure 1, trace 1 point 0 (Marwick)"]]);
  const notebook = JSON.stringify({ cells: [{ cell_type: "code", outputs: [{ output_type: "display_data", data: { "text/html": html, "application/vnd.plotly.v1+json": FUNNEL } }] }] });
  assert.equal(scanFileText("05.ipynb", notebook).findings.filter((f) => f.rule === "small-count").length, 2, "the HTML output and the plotly output");
  assert.equal(scanFileText("figure.json", JSON.stringify(FUNNEL)).findings.length, 1);
});

test("proportions 0–1 on an axis with a percent tick format or a 'proportion' title are read as percentages", () => {
  const figure = (yaxis: Record<string, unknown>, y = 0.8979591836734694) => ({
    data: [{ mode: "markers", x: [49], y: [y], text: ["Marwick"] }],
    layout: { xaxis: { title: { text: "Children who answered" } }, yaxis },
  });
  assert.match(figureSmallCounts(figure({ title: { text: "% positive" }, tickformat: ".0%" }), 10).map((f) => f.message).join(" | "), /a complement of 5/);
  assert.match(figureSmallCounts(figure({ title: { text: "Proportion positive" } }), 10).map((f) => f.message).join(" | "), /a complement of 5/);
  assert.match(figureSmallCounts(figure({ title: { text: "Positive" }, tickformat: ".1%" }), 10).map((f) => f.value).join(" | "), /^89\.79591836734694 of 49$/);
  assert.deepEqual(figureSmallCounts(figure({ title: { text: "Proportion positive" } }, 44.5), 10), [], "not 0–1: not proportions");
  assert.deepEqual(figureSmallCounts(figure({ title: { text: "Positive" } }), 10), [], "no sign of a percentage");
});

test("a denominator axis titled 'Base' or 'Sample' is a denominator", () => {
  for (const title of ["Base", "Sample", "Unweighted base"]) {
    const fig = { data: [{ mode: "markers", x: [49], y: [89.79591836734694] }], layout: { xaxis: { title: { text: title } }, yaxis: { title: { text: "% positive" } } } };
    assert.equal(figureSmallCounts(fig, 10).length, 1, title);
  }
});
