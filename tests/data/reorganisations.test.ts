import { test } from "node:test";
import assert from "node:assert/strict";
import { REORGANISATION_RULES } from "../../lib/data/import/areas";
import { predecessorsOf, successorsOf, SUCCESSORS_BY_PREDECESSOR } from "../../lib/data/reorganisations";

test("each predecessor names only the LAs that replaced it: Bournemouth and Poole BCP, Dorset County Council both", () => {
  assert.deepEqual(successorsOf("837")?.successors, ["839"]);
  assert.deepEqual(successorsOf("836")?.successors, ["839"]);
  assert.deepEqual(successorsOf("835")?.successors, ["838", "839"]);
  assert.deepEqual(successorsOf("909")?.successors, ["942", "943"], "a rule of one predecessor: all its successors");
  assert.equal(successorsOf("873"), undefined, "no rule ended Cambridgeshire");
});

test("each successor names only the LAs it replaced, wholly or in part", () => {
  assert.deepEqual(predecessorsOf("838")?.predecessors, ["835"]);
  assert.deepEqual(predecessorsOf("839")?.predecessors, ["835", "836", "837"]);
  assert.deepEqual(predecessorsOf("941")?.predecessors, ["928"]);
  assert.equal(predecessorsOf("835"), undefined);
});

test("the table covers every predecessor of the rules it lists, with successors of the same rule", () => {
  for (const [id, byPredecessor] of Object.entries(SUCCESSORS_BY_PREDECESSOR)) {
    const rule = REORGANISATION_RULES.find((r) => r.id === id);
    assert.ok(rule, id);
    assert.deepEqual(Object.keys(byPredecessor).sort(), [...rule.predecessors].sort(), id);
    for (const successors of Object.values(byPredecessor)) for (const s of successors) assert.ok(rule.successors.includes(s), `${id}: ${s}`);
    // every successor replaced some predecessor
    for (const s of rule.successors) assert.ok(Object.values(byPredecessor).some((list) => list.includes(s)), `${id}: ${s}`);
  }
  for (const rule of REORGANISATION_RULES) {
    if (rule.predecessors.length > 1) assert.ok(SUCCESSORS_BY_PREDECESSOR[rule.id], `${rule.id} has several predecessors: say which successors each has`);
  }
});
