/**
 * Files nested thousands deep (a hostile review, round 23): a 4 KB JSON file or a notebook output of nested lists had
 * stopped the whole run with "Maximum call stack size exceeded", no file named, the folder's other files unchecked.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const nested = (depth: number, inner: string) => "[".repeat(depth) + inner + "]".repeat(depth);
const rules = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.map((f) => [f.rule, f.message.replace(/ \(.*\)/, "")]);

test("JSON nested deeper than 200 levels is reported not scanned below that depth; shallower is read", () => {
  assert.deepEqual(rules("deep.json", nested(3000, '{"children": 3}')), [["not-scanned", "JSON nested more than 200 levels deep: what lies deeper was not checked"]]);
  assert.deepEqual(rules("shallow.json", nested(150, '{"children": 3}')), [["small-count", "a count below 10 in field \"children\""]]);
  const objects = '{"a":'.repeat(3000) + "1" + "}".repeat(3000);
  assert.equal(rules("deep-objects.json", objects)[0][0], "not-scanned");
});

test("a notebook whose text output is lists nested 5,000 deep is one not-scanned finding, not a crash", () => {
  const nb = `{"cells":[{"cell_type":"code","metadata":{},"source":[],"outputs":[{"output_type":"display_data","metadata":{},"data":{"text/plain":${nested(5000, '"children: 3"')}}}]}]}`;
  assert.deepEqual(rules("deep.ipynb", nb), [["not-scanned", "too deeply nested to read: the file was not checked"]]);
});
