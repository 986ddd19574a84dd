/**
 * Heatmap forms and hover formats a hostile review (round 23, D1) drew with a 3 among 80, 120, 95 children, each of which
 * passed with 0 findings: a z per point, a shared colour axis's title, heatmapgl, surface, contourcarpet and 2-D
 * histograms' grids, a `%{z:.0%}` hover, and histograms plotly counts in the browser.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { binnedInBrowser, formatted } from "../../lib/disclosure/figure-tables";
import { scanFileText } from "../../lib/disclosure/scan";

/** A page as plotly.py writes a figure: `Plotly.newPlot("f", [traces], layout)`. */
const page = (traces: object[], layout: object = {}) => `<html><body><div id="f"></div><script>Plotly.newPlot("f", ${JSON.stringify(traces)}, ${JSON.stringify(layout)});</script></body></html>`;
const found = (html: string) => scanFileText("fig.html", html, { threshold: 10 }).findings.map((f) => [f.rule, f.value]);
const colourBar = { colorbar: { title: { text: "Number of children" } } };
const grid = { x: ["2022", "2023"], y: ["Hartlepool", "Leeds"], z: [[3, 80], [120, 95]] };

test("a z per point, with x and y per point, is read as a grid's cells are", () => {
  const flat = { type: "heatmap", x: ["2022", "2023", "2022", "2023"], y: ["Hartlepool", "Hartlepool", "Leeds", "Leeds"], z: [3, 80, 120, 95], ...colourBar };
  assert.deepEqual(found(page([flat])), [["small-count", "3"]]);
  assert.deepEqual(found(page([{ ...flat, z: [30, 80, 120, 95] }])), []);
});

test("a shared colour axis's colour bar title names z (plotly express's heatmaps)", () => {
  const layout = { coloraxis: { colorbar: { title: { text: "Number of children" } } } };
  assert.deepEqual(found(page([{ type: "heatmap", ...grid, coloraxis: "coloraxis" }], layout)), [["small-count", "3"]]);
  assert.deepEqual(found(page([{ type: "heatmap", ...grid, coloraxis: "coloraxis2" }], { coloraxis2: layout.coloraxis })), [["small-count", "3"]]);
  assert.deepEqual(found(page([{ type: "heatmap", ...grid, coloraxis: "coloraxis" }], { coloraxis: { colorbar: { title: { text: "Rank" } } } })), []);
});

test("heatmapgl, surface and contourcarpet grids are read", () => {
  for (const type of ["heatmapgl", "surface", "contourcarpet"]) assert.deepEqual(found(page([{ type, ...grid, ...colourBar }])), [["small-count", "3"]], type);
});

test("a histogram plotly counts in the browser is reported not scanned; one given counted is read", () => {
  const perChild = { type: "histogram2d", x: [...Array(3).fill("2022"), ...Array(80).fill("2023")], y: [...Array(3).fill("Hartlepool"), ...Array(80).fill("Leeds")] };
  assert.deepEqual(found(page([perChild])), [["not-scanned", "83 values"]]);
  assert.deepEqual(found(page([{ type: "histogram", x: ["Hartlepool", "Hartlepool", "Hartlepool", "Leeds"] }])), [["not-scanned", "4 values"]]);
  // histfunc "sum" of counts given, one row per bin: read as a bar is
  const counted = { type: "histogram", histfunc: "sum", x: ["Hartlepool", "Leeds"], y: [3, 80] };
  assert.deepEqual(found(page([counted], { yaxis: { title: { text: "Number of children" } } })), [["small-count", "3"]]);
  assert.equal(binnedInBrowser(counted), 0);
  assert.equal(binnedInBrowser({ type: "histogram2dcontour", histfunc: "sum", x: [1, 2], y: [1, 2], z: [3, 80] }), 0);
  assert.equal(binnedInBrowser({ type: "bar", x: [1, 2] }), 0);
  // a 2-D histogram's z grid given is read too, beside the report
  assert.deepEqual(found(page([{ type: "histogram2dcontour", ...grid, ...colourBar }])), [["not-scanned", "2 values"], ["small-count", "3"]]);
});

test("a hover's percentage format shows the value × 100, as the reader sees it, on grids and bars", () => {
  const heat = { type: "heatmap", x: grid.x, y: grid.y, z: [[0.3, 0.8], [0.9, 0.5]], customdata: [[10, 100], [130, 100]], hovertemplate: "%{z:.0%} of %{customdata} children<extra></extra>" };
  assert.deepEqual(found(page([heat])), [["small-count", "30% of 10"]]);
  const bar = { type: "bar", x: ["Hartlepool", "Leeds"], y: [0.3, 0.5], customdata: [10, 100], hovertemplate: "%{y:.0%} of %{customdata}" };
  assert.deepEqual(found(page([bar])), [["small-count", "30% of 10"]]);
  assert.equal(formatted(0.3, ".0%"), "30%");
  assert.equal(formatted(0.125, ".1%"), "12.5%");
  assert.equal(formatted(0.07, "%"), "7%");
  assert.equal(formatted("0.25", ".0%"), "25%");
  assert.equal(formatted(0.3, ".2f"), "0.3"); // other formats: the value as written
  assert.equal(formatted("Leeds", ".0%"), "Leeds");
});
