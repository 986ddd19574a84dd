/**
 * A labelled number whose label is a rate or a share, though its last word is a count's name (a review, round 23:
 * plotly express hovers "Children looked after per 10,000 children=8" were read as 8 children).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const small = (text: string) => scanFileText("out.txt", text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => f.value);

test("a label speaking of a rate, a share or an average is not a count, whatever its last word", () => {
  assert.deepEqual(small("Leeds<br>Children looked after per 10,000 children=8"), []);
  assert.deepEqual(small("Leeds<br>Percentage of children with 3+ placements=5"), []);
  assert.deepEqual(small("Average number of children=4"), []);
  // counts are still counts, and a rate elsewhere on the line does not hide them
  assert.deepEqual(small("Leeds<br>children=3"), ["children=3"]);
  assert.deepEqual(small("Number of children=3"), ["children=3"]);
  assert.deepEqual(small('{"rate": 0.5, "children": 3}'), ['"children": 3']);
  assert.deepEqual(small("rate 12.5 per 10,000, children: 3"), ["children: 3"]);
  // a hover's lines joined by spaces: the label before is another's, not this one's
  assert.deepEqual(small("Leeds rate=55.2 score=0.5 children=3"), ["children=3"]);
});
