/**
 * HTML's `<pre>` blocks are read as printed text (lib/disclosure/html-text.ts preBlocks): nbconvert publishes a
 * notebook's text/plain output (a printed frame, a Series) in one. A hostile review (round 23, D2, s24, s25) passed a
 * 3 in each with 0 findings: the block's lines had been joined into one line of prose.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";
import { preBlocks } from "../../lib/disclosure/html-text";

const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => `${f.location} ${f.value}`);

const NBCONVERT = `<html><body><div class="jp-OutputArea-child jp-OutputArea-executeResult"><div class="jp-RenderedText jp-OutputArea-output jp-OutputArea-executeResult" data-mime-type="text/plain" tabindex="0">
<pre>la_name
Hartlepool     3
Leeds         80
Sheffield    120
Name: children, dtype: int64</pre>
</div></div></body></html>`;
const FRAME = `<html><body><pre>      la_name  children
0  Hartlepool         3
1       Leeds        80
2   Sheffield       120</pre></body></html>`;

test("a printed Series or frame in a <pre> block of HTML is read as a table", () => {
  assert.deepEqual(small("nb.html", NBCONVERT), ['pre 1, line 2, printed table row 1 column "children" 3']);
  assert.deepEqual(small("nb.html", FRAME), ['pre 1, line 2, printed table row 1 column "children" 3']);
  // in a notebook's text/html output too
  const nb = JSON.stringify({ cells: [{ cell_type: "code", outputs: [{ output_type: "display_data", data: { "text/html": FRAME } }] }] });
  assert.deepEqual(small("nb.ipynb", nb).length, 1);
});

test("the same blocks of no count, and prose in <pre>, give nothing", () => {
  assert.deepEqual(small("nb.html", NBCONVERT.replace("Name: children", "Name: rate")), []);
  assert.deepEqual(small("nb.html", "<pre>Run on 3 cores\nversion 2</pre><p>see table 2</p>"), []);
});

test("preBlocks keeps lines, drops tags inside, decodes entities, leaves <prefix> to the rest, and runs an unclosed <pre> to the end", () => {
  assert.deepEqual(preBlocks('<p>a</p><PRE class="x"><span>x</span>  &amp;\n1</PRE>b'), { rest: "<p>a</p> b", blocks: ["x  &\n1"] });
  assert.deepEqual(preBlocks("<prefix>a</prefix><pre>b"), { rest: "<prefix>a</prefix> ", blocks: ["b"] });
  assert.deepEqual(preBlocks("<prefix>a</prefix><pre"), { rest: "<prefix>a</prefix><pre", blocks: [] });
  assert.deepEqual(preBlocks("<pre>a</pre><pre>b\nc</pre>").blocks, ["a", "b\nc"]);
});

test("a finding in a later <pre> block names that block and its own line", () => {
  const html = `<pre>a\nb</pre><p>x</p><pre>Run on 80 cores</pre><pre>note\n${FRAME.replace(/^[\s\S]*<pre>|<\/pre>[\s\S]*$/g, "")}</pre>`;
  assert.deepEqual(small("nb.html", html), ['pre 3, line 3, printed table row 1 column "children" 3']);
});

test("an unclosed <pre> runs to the end of the page, as a browser shows it: a page cut off inside one still has its table read (a review, round 23)", () => {
  const table = "la_name\nHartlepool      3\nDarlington     80\nName: children, dtype: int64";
  const found = (html: string) => scanFileText("page.html", html, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").length;
  assert.equal(found(`<html><body><p>Output</p><pre>${table}</pre></body></html>`), 1);
  assert.equal(found(`<html><body><p>Output</p><pre>${table}`), 1);
  assert.deepEqual(preBlocks("<p>a</p><pre>x\n1").blocks, ["x\n1"]);
});
