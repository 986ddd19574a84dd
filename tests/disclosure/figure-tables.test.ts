/**
 * A figure's points read as a table whose columns are named by axis titles, trace names and hover labels, and its
 * hovers read with their placeholders resolved (hostile review round 21, F12: each of these passed with 0 findings).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { figureTables, gridAsPoints, hoverCounts, MAX_GRID_CELLS, templateLabels } from "../../lib/disclosure/figure-tables";
import { scanFileText } from "../../lib/disclosure/scan";

/** A page as the workbench writes a figure: `var spec = {...}; Plotly.newPlot(el, spec.data, spec.layout)`. */
function page(traces: object[], xTitle: string, yTitle: string, yaxis: object = {}): string {
  const spec = { data: traces, layout: { xaxis: { title: { text: xTitle } }, yaxis: { title: { text: yTitle }, ...yaxis } } };
  return `<html><body><div id="f"></div><script>(function () {\n  var el = document.getElementById("f");\n  var spec = ${JSON.stringify(spec)};\n  window.Plotly.newPlot(el, spec.data, spec.layout);\n})();</script></body></html>`;
}
const points = (x: unknown[], y: unknown[], more: object = {}) => ({ type: "scatter", mode: "markers", name: "LAs", x, y, ...more });
const found = (html: string) => scanFileText("fig.html", html, { threshold: 10 }).findings.map((f) => [f.rule, f.value]);

test("counts plotted under an axis title, a people name or a trace name are small counts", () => {
  assert.deepEqual(found(page([points([1, 2], [3, 80])], "LA", "Number of children")), [["small-count", "3"]]);
  assert.deepEqual(found(page([points(["Hartlepool", "Darlington"], [3, 80], { type: "bar" })], "", "Children looked after")), [["small-count", "3"]]);
  assert.deepEqual(found(page([{ type: "bar", x: ["A", "B"], y: [3, 80], name: "Adoptions" }], "LA", "")), [["small-count", "3"]]);
  // the same values under names of no count: nothing
  assert.deepEqual(found(page([points([1, 2], [3, 80])], "LA", "Score")), []);
  assert.deepEqual(found(page([{ type: "bar", x: ["A", "B"], y: [3, 80], name: "Average score" }], "LA", "")), []);
});

test("customdata shown by a hovertemplate is read under its label, and the hover as text", () => {
  const shown = found(page([points([1, 2], [3, 80], { customdata: [3, 80], hovertemplate: "n = %{customdata}" })], "LA", "value"));
  assert.ok(shown.some(([rule, value]) => rule === "small-count" && value === "n = 3"), JSON.stringify(shown));
  assert.ok(shown.some(([rule, value]) => rule === "small-count" && value === "3"), JSON.stringify(shown));
  assert.deepEqual(found(page([points([120, 200], [2.5, 40], { customdata: [[3], [80]], hovertemplate: "%{customdata[0]} of %{x}" })], "LA size", "value")), [["small-count", "3 of 120"]]);
  assert.deepEqual(found(page([points([200, 120], [40, 2.5], { text: ["A", "B"], hovertemplate: "%{text}: %{y:.1f}% of %{x} children" })], "", "")), [["small-count", "2.5% of 120"]]);
});

test("an axis whose ticks end in % holds percentages, whatever its title", () => {
  assert.deepEqual(found(page([points([120, 200], [2.5, 40])], "respondents", "LA value", { ticksuffix: "%" })), [["small-count", "2.5 of 120"]]);
});

test("shares of LAs or resamples in a hover are not counts of people (the analysis report's own hovers)", () => {
  assert.deepEqual(hoverCounts("2 LAs (1% of 153) in the best 10% for 0 indicators, Outstanding", 10), []);
  assert.deepEqual(hoverCounts("selected in 93% of 1,000 half-samples of LAs", 10), []);
  assert.deepEqual(hoverCounts("3 of 150 LAs", 10), []);
  assert.deepEqual(hoverCounts("ranked 3 of 152", 10), []);
  assert.deepEqual(hoverCounts("117 of 120 answered", 10).map((h) => h.value), ["117 of 120"]);
});

test("figureTables names columns by hover label, then axis title, then the trace's name on its value axis", () => {
  const figure = Object.freeze({
    data: [{ type: "bar", orientation: "h", name: "Adoptions", x: [3, 80], y: ["A", "B"], customdata: [[5, "x"], [6, "y"]], hovertemplate: "Cases: %{customdata[0]}<br>%{customdata[1]}" }],
    layout: { yaxis: { title: { text: "LA" } } },
  });
  const [table] = figureTables(figure);
  assert.deepEqual(table.header, ["Adoptions", "LA", "Cases", "customdata[1] value"]);
  assert.deepEqual(table.rows, [["3", "A", "5", "x"], ["80", "B", "6", "y"]]);
  assert.deepEqual(table.hover, ["Cases: 5 x", "Cases: 6 y"]);
  assert.equal(templateLabels("Leeds<br>n = %{customdata}").get("customdata"), "n");
  // lines-only traces (limits, fitted lines) are not points
  assert.deepEqual(figureTables({ data: [{ mode: "lines", x: [1, 2], y: [3, 4] }] }), []);
});

test("a funnel's published whole percentages beside its denominators are no counts: the by-content rule is for tables", () => {
  // the profile's funnel of an official indicator published rounded (7 … 16%) gave 50 false findings in Leeds' profile
  const funnel = points([334, 513, 419, 581], [11, 11, 7, 8], { text: ["A", "B", "C", "D"], hovertemplate: "%{text}: %{y:.1f}<extra></extra>" });
  assert.deepEqual(found(page([funnel], "children looked after at 31 March", "LA value")), []);
  // as a CSV table the same columns are read by content, as before: a whole-number column never above a count is part of it
  assert.equal(scanFileText("t.csv", "children looked after at 31 March,LA value\n334,11\n419,7\n", { threshold: 10 }).findings.length, 1);
});

test("a figure drawn as plotly.py writes it, Plotly.newPlot(id, [traces], layout), is read", () => {
  // a second review: this form (plotly.py's HTML and notebook output) was never read
  const traces = [{ type: "bar", x: ["Hartlepool", "Darlington"], y: [3, 80], name: "LAs" }];
  const layout = { yaxis: { title: { text: "Number of children" } } };
  const html = `<html><body><div id="abc"></div><script type="text/javascript">window.PLOTLYENV=window.PLOTLYENV || {};\nif (document.getElementById("abc")) {\n  Plotly.newPlot("abc", ${JSON.stringify(traces)}, ${JSON.stringify(layout)}, {"responsive": true})\n};</script></body></html>`;
  assert.deepEqual(found(html), [["small-count", "3"]]);
  // the same values under a title of no count: nothing
  assert.deepEqual(found(html.replace("Number of children", "Score")), []);
});

test("a heatmap's grid is read a cell at a time: z under its hover label, colour bar title or name", () => {
  const grid = (more: object) => ({ type: "heatmap", x: [2022, 2023], y: ["Hartlepool", "Darlington"], z: [[3, 80], [120, 95]], ...more });
  // counts of children in the colour bar's title: 3 is found, at its cell
  assert.deepEqual(found(page([grid({ colorbar: { title: { text: "Number of children" } } })], "Year", "LA")), [["small-count", "3"]]);
  assert.deepEqual(found(page([grid({ hovertemplate: "%{y} %{x}<br>Children: %{z}<extra></extra>" })], "Year", "LA")), [["small-count", "3"], ["small-count", "Children: 3"]]);
  assert.deepEqual(found(page([grid({ name: "Adoptions" })], "Year", "LA")), [["small-count", "3"]]);
  // a grid's 2-D hover text is read as text per cell
  const texts = [["3 of 120 children", "80 of 200 children"], ["120 of 150 children", "95 of 100 children"]];
  const textPage = page([grid({ text: texts, hovertemplate: "%{text}<extra></extra>", colorbar: { title: { text: "share" } } })], "Year", "LA");
  const hovers = scanFileText("fig.html", textPage, { threshold: 10 }).findings.filter((f) => /point \d+ hover/.test(f.location));
  assert.deepEqual(hovers.map((f) => [f.location.replace(/.*trace/, "trace"), f.value]), [
    ["trace 0 point 0 hover", "3 of 120 children"],
    ["trace 0 point 0 hover", "3 of 120"],
    ["trace 0 point 3 hover", "95 of 100"],
  ]);
  // the same grid of correlations, shares or scores: nothing
  assert.deepEqual(found(page([grid({ colorbar: { title: { text: "Spearman r" } } })], "Year", "LA")), []);
  assert.deepEqual(found(page([grid({})], "Year", "LA")), []);
  const [table] = figureTables({ data: [grid({ colorbar: { title: "Children" } })] });
  assert.deepEqual(table.header, ["x value", "y value", "Children"]);
  assert.deepEqual(table.rows, [["2022", "Hartlepool", "3"], ["2023", "Hartlepool", "80"], ["2022", "Darlington", "120"], ["2023", "Darlington", "95"]]);
});

test("a grid of more than a million cells is read up to the million and the rest reported as not scanned (a hostile 22 MB page had taken 13.8 s and 2.3 GB)", () => {
  const grid = gridAsPoints({ type: "heatmap", z: [new Array(MAX_GRID_CELLS - 1).fill(50), [50, 3, 50]] })!;
  assert.equal(grid.unreadCells, 2);
  assert.equal((grid.z as unknown[]).length, MAX_GRID_CELLS);
  const spec = { data: [{ type: "heatmap", z: [[3, 80]], colorbar: { title: "Children" } }], layout: {} };
  assert.equal(figureTables(spec)[0].unreadCells, undefined);
  const big = { data: [{ type: "heatmap", z: [new Array(MAX_GRID_CELLS).fill(50), [3]], colorbar: { title: "Children" } }], layout: {} };
  const findings = scanFileText("fig.json", JSON.stringify(big), { threshold: 10 }).findings.map((f) => [f.rule, f.value]);
  assert.deepEqual(findings, [["not-scanned", "1 cells"]]);
});

test("the text rules skip plain numbers and texts already found quiet, and still report each finding's text where it is", () => {
  // a hashed-looking id is read with the cells to its left: the same text beside a hash label is not reported
  const rows = [["sha", "a3f9c2e417b6d8051c2e"], ["child", "a3f9c2e417b6d8051c2e"], ["child", "a3f9c2e417b6d8051c2e"]];
  const found = scanFileText("t.csv", ["label,token", ...rows.map((r) => r.join(","))].join("\n"), { threshold: 10 }).findings;
  assert.deepEqual(found.map((f) => [f.rule, f.location]), [["record-identifier", "row 2 column \"token\""], ["record-identifier", "row 3 column \"token\""]]);
});

test("a choropleth's values per location, a treemap's or sunburst's values per label and a plotly table's cells are read (a review, round 23: each passed with 0 findings)", () => {
  const map = { type: "choropleth", locations: ["E06000001", "E06000002"], z: [3, 80], colorbar: { title: { text: "Children" } } };
  assert.deepEqual(found(page([map], "", "")), [["small-count", "3"]]);
  assert.deepEqual(found(page([{ ...map, type: "choroplethmap", colorbar: { title: { text: "Rate per 10,000" } } }], "", "")), []);
  for (const type of ["treemap", "sunburst", "icicle"]) {
    assert.deepEqual(found(page([{ type, labels: ["Hartlepool", "Darlington"], parents: ["", ""], values: [3, 80], name: "Children" }], "", "")), [["small-count", "3"]], type);
  }
  const table = { type: "table", header: { values: ["<b>LA</b>", "Children"] }, cells: { values: [["Hartlepool", "Darlington"], [3, 80]] } };
  assert.deepEqual(figureTables({ data: [table] })[0], { trace: 0, header: ["LA", "Children"], rows: [["Hartlepool", "3"], ["Darlington", "80"]], hover: [] });
  assert.deepEqual(found(page([table], "", "")), [["small-count", "3"]]);
});

test("a marker's sizes or colours shown per point ('children=%{marker.size}', plotly express' size= and color=) are read under their hover label (a review, round 23: a bubble chart's 3 passed)", () => {
  const bubbles = { type: "scatter", mode: "markers", x: [55.2, 60.1], y: [0.5, 0.6], marker: { size: [3, 80] }, hovertemplate: "rate=%{x}<br>score=%{y}<br>children=%{marker.size}<extra></extra>" };
  const [table] = figureTables({ data: [bubbles] });
  assert.deepEqual(table.header, ["rate", "score", "children"]);
  assert.deepEqual(table.rows, [["55.2", "0.5", "3"], ["60.1", "0.6", "80"]]);
  assert.deepEqual(table.hover[0], "rate=55.2 score=0.5 children=3");
  assert.ok(found(page([bubbles], "", "")).some(([rule, value]) => rule === "small-count" && value === "3"));
  // sizes without a label say nothing of what they count
  assert.deepEqual(found(page([{ ...bubbles, hovertemplate: undefined }], "rate", "score")), []);
});
