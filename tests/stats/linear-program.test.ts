import { test } from "node:test";
import assert from "node:assert/strict";
import { solveLinearProgram } from "../../lib/stats/linear-program";
import { InputError } from "../../lib/errors";

test("solves a small programme: min −x0 − 2 x1 subject to x0 + x1 + s = 4, x1 + t = 3 gives x = (1, 3)", () => {
  const r = solveLinearProgram(Object.freeze([Object.freeze([1, 1, 1, 0]), Object.freeze([0, 1, 0, 1])]), [4, 3], [-1, -2, 0, 0]);
  assert.equal(r.status, "optimal");
  if (r.status !== "optimal") return;
  assert.deepEqual(r.x.map((v) => Math.round(v * 1e9) / 1e9), [1, 3, 0, 0]);
  assert.equal(Math.round(r.objective * 1e9) / 1e9, -7);
});

test("reports infeasible and unbounded programmes", () => {
  assert.deepEqual(solveLinearProgram([[1, 1]], [-1], [0, 0]), { status: "infeasible" });
  assert.deepEqual(solveLinearProgram([[1, -1]], [0], [-1, 0]), { status: "unbounded" });
});

test("handles redundant and degenerate equations (the line sums of a table repeat the grand total)", () => {
  // x0 + x1 = 5, x2 + x3 = 5, x0 + x2 = 4, x1 + x3 = 6 (one equation redundant): max x0 = 4, min x0 = 0
  const A = [[1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 1, 0], [0, 1, 0, 1]];
  const lo = solveLinearProgram(A, [5, 5, 4, 6], [1, 0, 0, 0]);
  const hi = solveLinearProgram(A, [5, 5, 4, 6], [-1, 0, 0, 0]);
  assert.ok(lo.status === "optimal" && Math.abs(lo.objective) < 1e-9);
  assert.ok(hi.status === "optimal" && Math.abs(hi.objective + 4) < 1e-9);
});

test("rejects mismatched sizes and non-finite entries", () => {
  assert.throws(() => solveLinearProgram([[1, 1]], [1, 2], [0, 0]), InputError);
  assert.throws(() => solveLinearProgram([[1]], [1], [0, 0]), InputError);
  assert.throws(() => solveLinearProgram([[NaN, 1]], [1], [0, 0]), InputError);
});
