import { test } from "node:test";
import assert from "node:assert/strict";
import { collinearContext, CONTEXT_COLLINEAR_R } from "../../lib/context/collinearity";

// R 4.2: x <- c(1, 2, 3, 4, 5, NA); y <- c(2, 1, 4, 3, 5, 7); cor(x, y, use = "pairwise.complete.obs") # 0.8
const X = Object.freeze([1, 2, 3, 4, 5, NaN]);
const Y = Object.freeze([2, 1, 4, 3, 5, 7]);

test("a pair is reported with Pearson r over the LAs with both when |r| reaches the bound, in input order", () => {
  const pairs = collinearContext([{ variable: "x", values: X }, { variable: "y", values: Y }], 0.8);
  assert.equal(pairs.length, 1);
  assert.equal(pairs[0].a, "x");
  assert.equal(pairs[0].b, "y");
  assert.ok(Math.abs(pairs[0].r - 0.8) < 1e-12, String(pairs[0].r));
  assert.equal(pairs[0].n, 5);
  assert.deepEqual(collinearContext([{ variable: "x", values: X }, { variable: "y", values: Y }], 0.81), []);
});

test("a negative r counts by its size; one variable, a constant one or too few LAs give no pair", () => {
  const neg = collinearContext([{ variable: "x", values: [1, 2, 3, 4] }, { variable: "minus", values: [-1, -2, -3, -4.1] }]);
  assert.equal(neg.length, 1);
  assert.ok(neg[0].r < -CONTEXT_COLLINEAR_R);
  assert.deepEqual(collinearContext([{ variable: "x", values: X }]), []);
  assert.deepEqual(collinearContext([{ variable: "x", values: [1, 2, 3] }, { variable: "c", values: [5, 5, 5] }]), []);
  assert.deepEqual(collinearContext([{ variable: "x", values: [1, 2, NaN] }, { variable: "y", values: [1, 2, 3] }]), []);
});

test("bad input: unequal lengths or a bound outside (0, 1] are refused", () => {
  assert.throws(() => collinearContext([{ variable: "x", values: [1, 2] }, { variable: "y", values: [1] }]), /collinearContext: every variable must have 2 values/);
  assert.throws(() => collinearContext([], 0), /collinearContext: minAbsR must be in \(0, 1\]/);
});
