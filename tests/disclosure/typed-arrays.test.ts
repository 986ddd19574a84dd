/**
 * plotly.py 6 writes numeric arrays as typed-array specs `{"dtype", "bdata", "shape"}` (plotly/plotly.py PR #4470); a
 * hostile review (round 23, D0) found none read, so any figure made from a DataFrame with current plotly passed. The
 * expected values were computed with numpy 1.x on this machine: `base64.b64encode(np.array(a, dtype="<i2").tobytes())`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeTypedArrays, MAX_TYPED_VALUES } from "../../lib/disclosure/typed-arrays";
import { scanFileText } from "../../lib/disclosure/scan";

const decoded = (spec: object) => (decodeTypedArrays({ data: [{ y: spec }] }, { left: 100 }).figure as { data: { y: unknown }[] }).data[0].y;

test("each dtype plotly.js reads is decoded, little-endian, as numpy wrote it", () => {
  assert.deepEqual(decoded({ dtype: "u1", bdata: "A1A=" }), [3, 80]);
  assert.deepEqual(decoded({ dtype: "i2", bdata: "AwBQAHgAXwA=" }), [3, 80, 120, 95]);
  assert.deepEqual(decoded({ dtype: "i4", bdata: "AwAAAFAAAAD/////yAAAAA==" }), [3, 80, -1, 200]);
  assert.deepEqual(decoded({ dtype: "u2", bdata: "AwD//w==" }), [3, 65535]);
  assert.deepEqual(decoded({ dtype: "u4", bdata: "AwAAAHARAQA=" }), [3, 70000]);
  assert.deepEqual(decoded({ dtype: "f4", bdata: "AAAgQABAHEc=" }), [2.5, 40000]);
  assert.deepEqual(decoded({ dtype: "f8", bdata: "MzMzMzMz0z+amZmZmZnpP83MzMzMzOw/ZmZmZmZm7j8=" }), [0.3, 0.8, 0.9, 0.95]);
  // a 2-D shape gives rows
  assert.deepEqual(decoded({ dtype: "i2", bdata: "AwBQAHgAXwA=", shape: "2, 2" }), [[3, 80], [120, 95]]);
});

test("decoding does not change the figure given, and specs nested in a trace (customdata rows, marker) are decoded", () => {
  const figure = Object.freeze({ data: Object.freeze([Object.freeze({ marker: Object.freeze({ color: { dtype: "u1", bdata: "A1A=" } }), customdata: [{ dtype: "u1", bdata: "A1A=" }] })]) });
  const { figure: out } = decodeTypedArrays(figure, { left: 100 });
  assert.deepEqual(out, { data: [{ marker: { color: [3, 80] }, customdata: [[3, 80]] }] });
  assert.deepEqual((figure.data[0] as { marker: { color: unknown } }).marker.color, { dtype: "u1", bdata: "A1A=" });
});

test("a spec that cannot be decoded is a problem naming the trace and field", () => {
  const problems = (spec: object) => decodeTypedArrays({ data: [{ x: [1] }, { z: spec }] }, { left: 100 }).problems.map((p) => [p.trace, p.field]);
  assert.deepEqual(problems({ dtype: "i8", bdata: "AwAAAAAAAAA=" }), [[1, "z"]]); // int64 is not a plotly.js dtype
  assert.deepEqual(problems({ dtype: "u1", bdata: "A1A" }), [[1, "z"]]); // not base64 (length)
  assert.deepEqual(problems({ dtype: "u1", bdata: "A1A!" }), [[1, "z"]]);
  assert.deepEqual(problems({ dtype: "i2", bdata: "A1A=" }), []); // 2 bytes are one i2
  assert.deepEqual(problems({ dtype: "i4", bdata: "A1A=" }), [[1, "z"]]); // 2 bytes are no whole i4
  assert.deepEqual(problems({ dtype: "u1", bdata: "A1A=", shape: "2, 2" }), [[1, "z"]]);
  assert.deepEqual(problems({ dtype: "u1", bdata: "A1A=", shape: "1, 2" }), []);
  // the field is then no array: no rule reads it as an empty one
  const broken = decodeTypedArrays({ data: [{ z: { dtype: "q9", bdata: "AA==" } }] }, { left: 100 }).figure as { data: { z: unknown }[] };
  assert.equal(broken.data[0].z, undefined);
});

test("values beyond the budget are not decoded and are reported; the budget is shared by the file's figures", () => {
  const budget = { left: 3 };
  const { figure, problems } = decodeTypedArrays({ data: [{ z: { dtype: "i2", bdata: "AwBQAHgAXwA=", shape: "2, 2" } }] }, budget);
  assert.deepEqual((figure as { data: { z: unknown }[] }).data[0].z, [[3, 80]]); // whole rows only
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /4 values: 2 were checked, the other 2 not/);
  assert.equal(budget.left, 1);
  assert.equal(MAX_TYPED_VALUES, 1_000_000);
});

/** A page as plotly.py 6 writes `px.bar(df, x="la_name", y="children")`. */
const px6 = (y: object, yTitle = "children") =>
  `<html><body><div id="f"></div><script type="text/javascript">if (document.getElementById("f")) {Plotly.newPlot("f", [{"hovertemplate": "la_name=%{x}<br>${yTitle}=%{y}<extra></extra>", "x": ["Hartlepool", "Leeds"], "y": ${JSON.stringify(y)}, "type": "bar"}], {"yaxis": {"title": {"text": "${yTitle}"}}}, {"responsive": true})};</script></body></html>`;
const found = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.map((f) => [f.rule, f.value]);

test("a bar chart plotly.py 6 wrote (y as a typed array) gives its small count, in HTML and in a notebook", () => {
  assert.deepEqual(found("f.html", px6({ dtype: "i1", bdata: "A1A=" })), [["small-count", "3"], ["small-count", "children=3"]]);
  assert.deepEqual(found("f.html", px6({ dtype: "i1", bdata: "UFA=" })), []); // 80 and 80
  const figure = { data: [{ type: "heatmap", x: ["2022", "2023"], y: ["Hartlepool", "Leeds"], z: { dtype: "i1", bdata: "A1B4Xw==", shape: "2, 2" }, colorbar: { title: { text: "Number of children" } } }], layout: {} };
  const nb = { cells: [{ cell_type: "code", outputs: [{ output_type: "display_data", data: { "application/vnd.plotly.v1+json": figure } }] }] };
  assert.deepEqual(found("n.ipynb", JSON.stringify(nb)), [["small-count", "3"]]);
});

test("many typed arrays that cannot be decoded: the first 50 listed, the rest one finding", () => {
  const traces = Array.from({ length: 60 }, () => ({ type: "bar", y: { dtype: "q9", bdata: "AA==" } }));
  const html = `<html><body><script>Plotly.newPlot("f", ${JSON.stringify(traces)}, {});</script></body></html>`;
  const { findings, total } = scanFileText("f.html", html, { threshold: 10 });
  assert.equal(total, 51);
  assert.equal(findings.filter((f) => f.rule === "not-scanned").length, 50);
});

test("a typed array that cannot be decoded is not-scanned, naming the trace", () => {
  const [f] = scanFileText("f.html", px6({ dtype: "q9", bdata: "A1A=" }), { threshold: 10 }).findings;
  assert.equal(f.rule, "not-scanned");
  assert.match(f.location, /trace 0/);
  assert.match(f.message, /dtype "q9"/);
});
