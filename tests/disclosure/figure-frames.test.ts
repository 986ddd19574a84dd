/**
 * Animation frames and figure data cut off (lib/disclosure/scan-rules.ts scanFigure, ./plotly-calls.ts): a hostile
 * review (round 23, L7, L8) drew a 3 only in a later year's frame of a plotly express animation, and it passed as a
 * notebook's figure, as `fig.write_json` and in HTML whose frames name themselves first; a page cut off inside
 * `var spec = {"data": …` was read as nothing. Figures written by hand as plotly.py 6 writes them (made-up values).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";
import { figuresInScript } from "../../lib/disclosure/plotly-calls";

const scan = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings;
const small = (file: string, text: string) => scan(file, text).filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
const bar = (y: unknown) => ({ type: "bar", x: ["Hartlepool", "Leeds"], y, hovertemplate: "la_name=%{x}<br>children=%{y}<extra></extra>" });
const layout = { yaxis: { title: { text: "children" } } };
// the 3 only in 2021's frame; hover labels a count too, so each point gives two findings
const figure = { data: [bar([40, 80])], layout, frames: [{ name: "2020", data: [bar([40, 80])] }, { name: "2021", data: [bar({ dtype: "i1", bdata: "A1A=" })] }] };

test("a figure's frames are read with its layout, in figure JSON and in a notebook's plotly output", () => {
  assert.deepEqual(small("fig.json", JSON.stringify(figure)), ["frame 2 (2021), trace 0 point 0 (children): 3", "frame 2 (2021), trace 0 point 0 hover: children=3"]);
  const nb = { cells: [{ cell_type: "code", source: [], outputs: [{ output_type: "display_data", data: { "application/vnd.plotly.v1+json": figure } }] }] };
  assert.equal(small("a.ipynb", JSON.stringify(nb)).length, 2);
  // a frame's own layout over the figure's: a frame titled as a rate is read as one
  const plain = { type: "bar", x: ["Hartlepool", "Leeds"], y: [3, 80] }; // no hover: its values are named by the axis title
  assert.deepEqual(small("fig.json", JSON.stringify({ ...figure, frames: [{ data: [plain] }] })), ["frame 1, trace 0 point 0 (children): 3"]);
  const rated = { ...figure, frames: [{ data: [plain], layout: { yaxis: { title: { text: "Rate per 10,000 children" } } } }] };
  assert.deepEqual(small("fig.json", JSON.stringify(rated)), []);
});

test("Plotly.addFrames is read as the frames of the figure drawn before it, whatever the order of a frame's keys", () => {
  const frames = figure.frames.map((f) => ({ name: f.name, data: f.data })); // name first: not read as figure data alone
  const html = `<div id="f"></div><script>Plotly.newPlot("f", ${JSON.stringify(figure.data)}, ${JSON.stringify(layout)}).then(function(){ Plotly.addFrames("f", ${JSON.stringify(frames)}); });</script>`;
  assert.deepEqual(small("a.html", html), ["script figure 2, frame 2 (2021), trace 0 point 0 (children): 3", "script figure 2, frame 2 (2021), trace 0 point 0 hover: children=3"]);
  // data first (each frame also opens like figure data): each frame read once
  const dataFirst = html.replace(JSON.stringify(frames), JSON.stringify(frames.map((f) => ({ data: f.data, name: f.name }))));
  assert.equal(small("a.html", dataFirst).length, 2);
  // frames in a variable of the script, and as JavaScript literals
  assert.equal(small("a.html", html.replace(`Plotly.addFrames("f", ${JSON.stringify(frames)})`, `var fr = ${JSON.stringify(frames)}; Plotly.addFrames("f", fr)`)).length, 2);
  // frames of traces with no hover: their values named by the layout of the figure drawn before them
  const plainFrames = [{ name: "2021", data: [{ type: "bar", x: ["Hartlepool", "Leeds"], y: [3, 80] }] }];
  assert.deepEqual(small("a.html", html.replace(JSON.stringify(frames), JSON.stringify(plainFrames))), ["script figure 2, frame 1 (2021), trace 0 point 0 (children): 3"]);
  // frames that cannot be read: not-scanned, naming the call
  const unread = scan("a.html", `<script>Plotly.addFrames("f", makeFrames());</script>`);
  assert.deepEqual(unread.map((f) => [f.rule, f.location]), [["not-scanned", "script, line 1"]]);
  assert.deepEqual(figuresInScript(`Plotly.addFrames("f", [{"name": "a", "data": [t]}]);`).unreadCalls, [0]);
});

test("figure data never closed (a page cut off) is not-scanned, naming its line", () => {
  const whole = `<script>\nvar spec = {"data":[{"type":"bar","x":["A","B"],"y":[3,80]}],"layout":{"yaxis":{"title":{"text":"Number of children"}}}};\n</script>`;
  assert.deepEqual(scan("r.html", whole).map((f) => f.rule), ["small-count"]);
  const cut = whole.slice(0, whole.indexOf(',"layout"'));
  assert.deepEqual(scan("r.html", cut).map((f) => [f.rule, f.location]), [["not-scanned", "script, line 2"]]);
});
