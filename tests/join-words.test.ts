import { test } from "node:test";
import assert from "node:assert/strict";
import { joinWords } from "../lib/join-words";

test("joinWords lists items in words: none, one, two, three, with 'and' or another word before the last", () => {
  assert.equal(joinWords([]), "");
  assert.equal(joinWords(["a"]), "a");
  assert.equal(joinWords(["a", "b"]), "a and b");
  assert.equal(joinWords(["DOB", "IN_TOUCH", "ACTIV", "ACCOM"]), "DOB, IN_TOUCH, ACTIV and ACCOM");
  assert.equal(joinWords(["reviews.csv", "oc2.csv"], "or"), "reviews.csv or oc2.csv");
  const items = Object.freeze(["x", "y", "z"]);
  assert.equal(joinWords(items, "or"), "x, y or z");
  assert.deepEqual(items, ["x", "y", "z"]);
});
