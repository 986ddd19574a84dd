import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { clusterOrder } from "../../lib/plots/cluster-order";

// R 4.2.2: hclust(as.dist(d), "average") merges {3,4} at 0.1, {1,2} at 0.2, {5,{3,4}} at 0.625;
// cutree(h, 2) = 1 1 2 2 2 (script in tests/plots/reference/cluster-order.R)
const d = Object.freeze([
  [0, 0.2, 0.9, 0.8, 0.7],
  [0.2, 0, 0.85, 0.9, 0.75],
  [0.9, 0.85, 0, 0.1, 0.6],
  [0.8, 0.9, 0.1, 0, 0.65],
  [0.7, 0.75, 0.6, 0.65, 0],
].map((r) => Object.freeze(r)));

describe("clusterOrder", () => {
  it("keeps R's average-linkage clusters contiguous", () => {
    const order = clusterOrder(d);
    assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4]);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    const pos = (i: number) => order.indexOf(i);
    assert.equal(Math.abs(pos(2) - pos(3)), 1);
    assert.equal(Math.abs(pos(0) - pos(1)), 1);
  });

  it("puts the closest pair side by side", () => {
    assert.deepEqual(clusterOrder([[0, 0.9, 0.1], [0.9, 0, 0.8], [0.1, 0.8, 0]]), [0, 2, 1]);
  });

  it("treats unknown distances as the largest known one", () => {
    assert.deepEqual(clusterOrder([[0, NaN, 0.1], [NaN, 0, 0.8], [0.1, 0.8, 0]]), [0, 2, 1]);
  });

  it("refuses a non-square or negative matrix", () => {
    assert.throws(() => clusterOrder([[0, 1], [1]]), InputError);
    assert.throws(() => clusterOrder([[0, -1], [-1, 0]]), InputError);
    assert.deepEqual(clusterOrder([]), []);
  });
});
