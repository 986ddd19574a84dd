import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownToHtml } from "../../lib/report/markdown";

describe("markdownToHtml", () => {
  it("renders paragraphs, lists, emphasis, code and links", () => {
    assert.equal(
      markdownToHtml("The **screen** ranks *12* `indicators`.\n\n- one\n- [two](https://example.org/x)"),
      '<p>The <strong>screen</strong> ranks <em>12</em> <code>indicators</code>.</p>\n<ul><li>one</li><li><a href="https://example.org/x">two</a></li></ul>',
    );
  });

  it("never lets text inject markup or script links", () => {
    const html = markdownToHtml('<script>alert(1)</script> [x](javascript:alert(1))');
    assert.ok(!html.includes("<script>"));
    assert.ok(!html.includes('href="javascript'));
  });

  it("renders sub-headings", () => {
    assert.equal(markdownToHtml("### Method"), "<h4>Method</h4>");
  });
});
