import { test } from "node:test";
import assert from "node:assert/strict";
import { printableText } from "../../lib/cli/printable";

test("printableText strips ANSI sequences (CSI, OSC) and escapes other control characters", () => {
  assert.equal(printableText("\u001b[2J\u001b[31mRed\u001b[0m"), "Red");
  assert.equal(printableText("\u001b]0;owned\u0007title"), "title");
  assert.equal(printableText("a\u0000b\u007fc\u0085d"), "a\\u0000b\\u007fc\\u0085d");
  assert.equal(printableText("two\nlines\tand tab"), "two lines and tab");
  assert.equal(printableText("two\nlines", true), "two\nlines");
  assert.equal(printableText("Bristol, City of — ré"), "Bristol, City of — ré");
});
