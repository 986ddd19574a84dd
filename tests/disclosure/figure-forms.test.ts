/**
 * Figure forms round 21's second review found read with 0 findings: traces in a variable of the script
 * (`var data = [...]; Plotly.newPlot('x', data, layout)`), line charts, pie charts, and counts in a `texttemplate`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { figureTables } from "../../lib/disclosure/figure-tables";
import { figuresInScript } from "../../lib/disclosure/figure-data";
import { scanFileText } from "../../lib/disclosure/scan";

const page = (script: string) => `<html><body><div id="x"></div><script>${script}</script></body></html>`;
const call = (traces: object[], layout: object = {}) => page(`Plotly.newPlot('x', ${JSON.stringify(traces)}, ${JSON.stringify(layout)});`);
const found = (html: string) => scanFileText("fig.html", html, { threshold: 10 }).findings.map((f) => [f.rule, f.value]);
const adoptions = { type: "bar", x: ["A", "B"], y: [3, 80], name: "Adoptions" };

test("traces and layout in variables of the script are read as if written in the call", () => {
  const layout = { yaxis: { title: { text: "Number of children" } } };
  const score = { type: "bar", x: ["A", "B"], y: [3, 80] };
  assert.deepEqual(found(page(`var data = ${JSON.stringify([score])};\nvar layout = ${JSON.stringify(layout)};\nPlotly.newPlot('x', data, layout);`)), [["small-count", "3"]]);
  assert.deepEqual(found(page(`const t1 = ${JSON.stringify(adoptions)}; let t2 = ${JSON.stringify({ ...adoptions, y: [90, 80] })};\nPlotly.newPlot("x", [t1, t2]);`)), [["small-count", "3"]]);
  // the assignment before the call is the one drawn
  const redrawn = `var data = ${JSON.stringify([{ ...adoptions, y: [30, 80] }])}; Plotly.newPlot('x', data); data = ${JSON.stringify([adoptions])}; Plotly.react('x', data);`;
  assert.deepEqual(found(page(redrawn)), [["small-count", "3"]]);
  // the same numbers under no count's name: nothing
  assert.deepEqual(found(page(`var data = ${JSON.stringify([score])}; Plotly.newPlot('x', data, {});`)), []);
  // the workbench's own form names properties of a figure read once, as before
  assert.equal(figuresInScript(`var spec = ${JSON.stringify({ data: [adoptions], layout: {} })}; Plotly.newPlot(el, spec.data, spec.layout);`).figures.length, 1);
});

test("arguments opening a bracket never closed stop the script's reading, reported as not scanned", () => {
  const hostile = page(`${"Plotly.newPlot('x', [{\"y\": [".repeat(20)}`);
  assert.ok(scanFileText("fig.html", hostile).findings.some((f) => f.rule === "not-scanned" && /never closed/.test(f.message)));
  // JavaScript literals that are not JSON are skipped, however many
  assert.deepEqual(found(page("Plotly.newPlot('x', [{x: [1], y: [3]}]);\n".repeat(40))), []);
});

test("a line chart's values are read on its value axis; limits, bands and its domain axis are not", () => {
  assert.deepEqual(found(call([{ type: "scatter", mode: "lines", x: [2019, 2020], y: [3, 80], name: "Adoptions" }])), [["small-count", "3"]]);
  const funnel = { xaxis: { title: { text: "Children who answered" } }, yaxis: { title: { text: "% positive" } } };
  const limits = [1, 2, 3, 400].map((n) => ({ n, y: 50 + 300 / Math.sqrt(n) }));
  const limit = { type: "scatter", mode: "lines", name: "99.8% limit", x: limits.map((l) => l.n), y: limits.map((l) => l.y) };
  assert.deepEqual(found(call([limit], funnel)), []);
  assert.deepEqual(found(call([{ ...limit, name: "" }], funnel)), [], "a line's x is its domain, not counts");
  assert.deepEqual(found(call([{ type: "scatter", mode: "lines", y: [3, 80], name: "Adoptions", hoverinfo: "skip" }])), []);
});

test("a pie's values are counts when it is named so, or unnamed whole numbers; not percentages nor counts of LAs", () => {
  const pie = (more: object) => call([{ type: "pie", labels: ["Adopted", "Returned home"], values: [3, 80], ...more }]);
  assert.deepEqual(found(pie({ name: "Children leaving care" })), [["small-count", "3"]]);
  assert.deepEqual(found(pie({})), [["small-count", "3"]]);
  assert.ok(found(pie({ hovertemplate: "%{label}: %{value} children" })).some(([, v]) => v === "3 children"));
  assert.deepEqual(found(pie({ values: [3, 97] })), [], "percentages summing to 100");
  assert.deepEqual(found(pie({ name: "Share (%)" })), []);
  assert.deepEqual(found(pie({ labels: ["Outstanding LAs", "Good LAs"] })), []);
  assert.deepEqual(figureTables({ data: [{ type: "pie", labels: ["a", "b"], values: [3, 80] }] })[0].header, ["label", "count"]);
});

test("counts shown by a texttemplate are read with its placeholders filled in", () => {
  assert.deepEqual(found(call([{ type: "bar", x: ["A", "B"], y: [3, 80], texttemplate: "%{y} children" }])), [["small-count", "3 children"]]);
  assert.deepEqual(found(call([{ type: "bar", x: ["A", "B"], y: [0.3, 0.8], text: [3, 80], texttemplate: "%{text} children" }])), [["small-count", "3 children"]]);
  assert.deepEqual(found(call([{ type: "bar", x: ["A", "B"], y: [0.3, 0.8], text: [3, 80], texttemplate: "%{text} LAs" }])), []);
});
