import { test } from "node:test";
import assert from "node:assert/strict";
import { closestMatches, didYouMean, editDistance } from "../lib/suggest";

test("editDistance counts insertions, deletions, substitutions and adjacent swaps", () => {
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("analyze", "analyse"), 1);
  assert.equal(editDistance("ab", "ba"), 1);
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("same", "same"), 0);
});

test("closestMatches suggests near names and names containing the word, nothing for unrelated words", () => {
  assert.deepEqual(closestMatches("analyze", ["validate", "analyse", "import"]), ["analyse"]);
  assert.deepEqual(closestMatches("cla_rate", ["cla_rate_per_10k", "cin_rate_per_10k"]), ["cla_rate_per_10k"]);
  assert.deepEqual(closestMatches("zzzzzz", ["analyse", "import"]), []);
  assert.deepEqual(closestMatches("", ["a"]), []);
});

test("didYouMean phrases one or several suggestions, or nothing", () => {
  assert.equal(didYouMean("analyze", ["analyse"]), ' (did you mean "analyse"?)');
  assert.equal(didYouMean("impot", ["import", "impart"]), ' (did you mean "import" or "impart"?)');
  assert.equal(didYouMean("zzzzzz", ["analyse"]), "");
});
