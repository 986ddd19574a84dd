/**
 * Figures written as JavaScript object literals (unquoted keys, single quotes), which JSON.parse refuses: round 22's
 * closing note left them unread by check-disclosure.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseJsLiteral, parseJsLiteralAt } from "../../lib/disclosure/js-literal";
import { scanFileText } from "../../lib/disclosure/scan";

const small = (html: string) => scanFileText("fig.html", html, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => f.value);
const page = (script: string) => `<html><body><div id="f"></div><script>${script}</script></body></html>`;

test("parseJsLiteral reads data literals and refuses anything else", () => {
  assert.deepEqual(parseJsLiteral("{x: ['A', \"B\"], y: [3, 80,], type: `bar`, 'a b': -.5e1, n: null, t: true, // note\n /* c */ h: 0x1F}"), {
    x: ["A", "B"], y: [3, 80], type: "bar", "a b": -5, n: null, t: true, h: 31,
  });
  assert.deepEqual(parseJsLiteral("[{title: 'It\\'s \\u00e9'}]"), [{ title: "It's é" }]);
  for (const notData of ["{x: f(1)}", "{x: y}", "{x}", "{x: 1", "{x: 1} + 1", "3", "{x: 'a\nb'}", "[".repeat(1000) + "]".repeat(1000)]) {
    assert.equal(parseJsLiteral(notData), undefined, notData);
  }
  assert.deepEqual(Object.keys(parseJsLiteral("{__proto__: {polluted: 1}, a: 1}") as object), ["a"]);
  // a template's expression is an unknown part of its text, not a reason to refuse the literal (round 23, D3)
  assert.deepEqual(parseJsLiteral("{x: `${a}`, name: `children ${f({b: '}'})} by LA`}"), { x: "…", name: "children … by LA" });
  assert.equal(parseJsLiteral("{x: `${a`}"), undefined, "an expression never closed");
  assert.deepEqual(parseJsLiteral("{y: [3, 1_000, 0x1_F, 1_0.5_0]}"), { y: [3, 1000, 31, 10.5] });
  assert.equal(parseJsLiteral("{y: [1__0]}"), undefined);
});

test("a figure drawn by Plotly.newPlot with object literals is read as the same figure in JSON is", () => {
  const inline = "Plotly.newPlot('f', [{x: ['Hartlepool', 'Darlington'], y: [3, 80], type: 'bar'}], {yaxis: {title: 'Number of children'}});";
  const variables = "var trace1 = {x: ['Hartlepool', 'Darlington'], y: [3, 80], type: 'bar', name: 'Adoptions'};\nvar layout = {title: 'By LA'};\nPlotly.newPlot('f', [trace1], layout);";
  const json = `Plotly.newPlot('f', ${JSON.stringify([{ x: ["Hartlepool", "Darlington"], y: [3, 80], type: "bar" }])}, ${JSON.stringify({ yaxis: { title: "Number of children" } })});`;
  assert.deepEqual(small(page(json)), ["3"]);
  assert.deepEqual(small(page(inline)), ["3"]);
  assert.deepEqual(small(page(variables)), ["3"]);
  // a string holding a bracket does not end the literal early
  assert.deepEqual(small(page("Plotly.newPlot('f', [{x: ['A ]', 'B }'], y: [3, 80], type: 'bar'}], {yaxis: {title: 'Children'}});")), ["3"]);
  // the same values under a name of no count: nothing
  assert.deepEqual(small(page(inline.replace("Number of children", "Score"))), []);
});

test("parseJsLiteralAt reads a literal in place as parseJsLiteral reads it cut out, and leaves template strings to it", () => {
  const literals = ["{x: ['A', 'B'], y: [3, 80], type: 'bar'}", "[{x: [1], /* c */ y: [2]}, {}]", "{a: 'b]}' , n: 1_000}"];
  for (const literal of literals) {
    const text = `Plotly.newPlot('f', ${literal}, {});`;
    const start = text.indexOf(literal);
    assert.deepEqual(parseJsLiteralAt(text, start), { read: true, value: parseJsLiteral(literal), end: start + literal.length - 1 }, literal);
  }
  assert.deepEqual(parseJsLiteralAt("f({x: f(1)});", 2), { read: false, notData: true });
  assert.deepEqual(parseJsLiteralAt("f({x: ['A], y: [3]});\nf('g')", 2), { read: false, notData: true });
  assert.deepEqual(parseJsLiteralAt("f({name: `a ${b}`});", 2), { read: false, notData: false });
  assert.deepEqual(parseJsLiteralAt("f(1);", 2), { read: false, notData: true });
});
