/**
 * Plotly calls a hostile review (round 23, D3) drew with a 3 among 80 children under "Number of children", each of which
 * check-disclosure skipped without a word; and fail closed: a call whose data cannot be read is reported as not scanned,
 * naming its line.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { figuresInScript } from "../../lib/disclosure/plotly-calls";
import { scanFileText } from "../../lib/disclosure/scan";

const page = (script: string) => `<html><body><div id="f"></div><script>\n${script}\n</script></body></html>`;
const found = (html: string) => scanFileText("fig.html", html, { threshold: 10 }).findings.map((f) => [f.rule, f.rule === "not-scanned" ? f.location : f.value]);
const TRACES = "[{x: ['Hartlepool', 'Leeds'], y: [3, 80], type: 'bar'}]";
const LAYOUT = "{yaxis: {title: 'Number of children'}}";
const JSON_TRACES = JSON.stringify([{ x: ["Hartlepool", "Leeds"], y: [3, 80], type: "bar" }]);

test("each way of writing a Plotly call's figure is read: the 3 is found once", () => {
  const forms: Record<string, string> = {
    "an element as first argument": `Plotly.newPlot(document.getElementById('f'), ${TRACES}, ${LAYOUT});`,
    "the same, JSON": `Plotly.newPlot(document.getElementById("f"), ${JSON_TRACES}, {"yaxis": {"title": "Number of children"}});`,
    "the one-object form": `Plotly.newPlot('f', {data: ${TRACES}, layout: ${LAYOUT}});`,
    "a figure variable": `var fig = {data: ${TRACES}, layout: ${LAYOUT}};\nPlotly.newPlot('f', fig);`,
    "a figure of shorthand properties": `const data = ${TRACES};\nconst layout = ${LAYOUT};\nconst fig = {data, layout};\nPlotly.newPlot('f', fig);`,
    "the same in the call": `const data = ${TRACES};\nconst layout = ${LAYOUT};\nPlotly.newPlot('f', {data, layout});`,
    "a figure variable's members": `var fig = {data: ${TRACES}, layout: ${LAYOUT}};\nPlotly.newPlot('f', fig.data, fig.layout);`,
    "JSON members read once": `var fig = {"data": ${JSON_TRACES}, "layout": {"yaxis": {"title": "Number of children"}}};\nPlotly.newPlot('f', fig.data, fig.layout);`,
    "JSON.parse": `Plotly.newPlot('f', JSON.parse('${JSON_TRACES}'), JSON.parse('{"yaxis": {"title": "Number of children"}}'));`,
    "Plotly.plot": `Plotly.plot('f', ${TRACES}, ${LAYOUT});`,
    "a global": `window.DATA = ${TRACES};\nPlotly.newPlot('f', window.DATA, ${LAYOUT});`,
    "an apostrophe in a comment": `Plotly.newPlot('f', [{\n  // children's placements, by LA\n  x: ['Hartlepool', 'Leeds'], y: [3, 80], type: 'bar'}], ${LAYOUT});`,
    "a bracket in a comment": `Plotly.newPlot('f', [ // first trace ]\n {x: ['Hartlepool', 'Leeds'], y: [3, 80], type: 'bar'}], ${LAYOUT});`,
    "a numeric separator": `Plotly.newPlot('f', [{x: ['Hartlepool', 'Leeds'], y: [3, 1_000], type: 'bar'}], ${LAYOUT});`,
    "a template's expression": `const lab = 'x';\nPlotly.newPlot('f', [{x: ['Hartlepool', 'Leeds'], y: [3, 80], type: 'bar', name: \`children \${lab}\`}], ${LAYOUT});`,
    "null as layout, title in the trace": `Plotly.newPlot('f', [{x: ['Hartlepool', 'Leeds'], y: [3, 80], type: 'bar', name: 'Children'}], null);`,
  };
  for (const [form, script] of Object.entries(forms)) assert.deepEqual(found(page(script)), [["small-count", "3"]], form);
});

test("a call whose data cannot be read is not-scanned, naming its line", () => {
  const unread: Record<string, string> = {
    "a variable as a trace's values": `const counts = [3, 80];\nPlotly.newPlot('f', [{x: ['Hartlepool', 'Leeds'], y: counts, type: 'bar'}], ${LAYOUT});`,
    "the same, JSON": `var counts = [3, 80];\nPlotly.newPlot("f", [{"x": ["Hartlepool", "Leeds"], "y": counts, "type": "bar"}], {"yaxis": {"title": "Number of children"}});`,
    "a spread trace": `const base = {type: 'bar'};\nPlotly.newPlot('f', [{...base, x: ['Hartlepool', 'Leeds'], y: [3, 80]}], ${LAYOUT});`,
    "a spread array": `const t = ${TRACES};\nPlotly.newPlot('f', [...t], ${LAYOUT});`,
    "data.push before the call": `var data = [];\ndata.push({x: ['Hartlepool', 'Leeds'], y: [3, 80], type: 'bar'});\nPlotly.newPlot('f', data, ${LAYOUT});`,
    "a function's result": `Plotly.newPlot('f', makeTraces(), ${LAYOUT});`,
    "shorthand of a variable not assigned a literal": `const data = makeTraces();\nPlotly.newPlot('f', {data});`,
    "a layout that is an expression": `Plotly.newPlot('f', ${TRACES}, {yaxis: {title: 'Number of ' + 'children'}});`,
  };
  for (const [form, script] of Object.entries(unread)) {
    const line = script.split("\n").findIndex((l) => l.includes("Plotly.newPlot")) + 2; // the page's script opens with a newline
    assert.deepEqual(found(page(script)), [["not-scanned", `script, line ${line}`]], form);
  }
  // a page cut off inside the call's data, with no </script>
  assert.deepEqual(found(`<html><body><script>\nPlotly.newPlot('f', [{x: ['Hartlepool', 'Leeds', 'York'], y: [3, 80, 1`), [["not-scanned", "script, line 2"]]);
  assert.deepEqual(found(`<html><body><script>\nPlotly.newPlot("f", [{"x": ["Hartlepool", "Leeds", "York"], "y": [3, 80, 1`), [["not-scanned", "script, line 2"]]);
});

test("the workbench's own call, Plotly.newPlot(el, spec.data, spec.layout), is read once and is no unread call", () => {
  const spec = { data: [{ type: "bar", x: ["Hartlepool", "Leeds"], y: [3, 80] }], layout: { yaxis: { title: { text: "Number of children" } } }, config: {} };
  const script = `(function () {\n  var el = document.getElementById("f");\n  var spec = ${JSON.stringify(spec)};\n  var draw = function () { window.Plotly.newPlot(el, spec.data, spec.layout, spec.config); };\n  draw();\n})();`;
  const read = figuresInScript(script);
  assert.equal(read.figures.length, 1);
  assert.deepEqual(read.unreadCalls, []);
  assert.deepEqual(found(page(script)), [["small-count", "3"]]);
  // a chain of 100,000 shorthand objects is followed a few steps, not to a stack overflow
  const chain = Array.from({ length: 100_000 }, (_, k) => `const a${k + 1} = {a${k}};`).join("\n");
  assert.deepEqual(found(page(`const a0 = ${TRACES};\n${chain}\nPlotly.newPlot('f', a100000);`)).map(([rule]) => rule), ["not-scanned"]);
  // a variable changed after the call is read as it was at the call
  assert.deepEqual(found(page(`var data = ${TRACES};\nPlotly.newPlot('f', data, ${LAYOUT});\ndata.push({x: ['York'], y: [90]});`)), [["small-count", "3"]]);
});
