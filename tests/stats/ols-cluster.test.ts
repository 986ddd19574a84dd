import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { olsClusterRobust } from "../../lib/stats/ols-cluster";
import { ols } from "../../lib/stats/ols";
import { InputError } from "../../lib/errors";
import { assertAllClose, CLOSED_FORM_TOLERANCE, readPanelFixture, type Json } from "../reference/load-reference";

/** Estimates, cluster-robust SEs, t and p are compared with R (sandwich::vcovCL HC1 + lmtest::coeftest on G − 1 df) to 1e-8 relative. */
const TOL = CLOSED_FORM_TOLERANCE;
const ref: Json = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "reference", "fixtures", "ols-cluster.json"), "utf8"));

/** Unit labels as cluster numbers (the kernel takes numbers: the caller's LA index). */
function clusterNumbers(unit: readonly string[]): number[] {
  const codes = new Map<string, number>();
  return unit.map((u) => codes.get(u) ?? codes.set(u, codes.size).get(u)!);
}

function compare(fit: ReturnType<typeof olsClusterRobust>, c: Json, label: string): void {
  assert.deepEqual(fit.reasons, [], label);
  assert.equal(fit.n, c.n, `${label}: n`);
  assert.equal(fit.clusters, c.clusters, `${label}: clusters`);
  assert.equal(fit.df, c.clusters - 1, `${label}: df`);
  assertAllClose(fit.coefficients.map((k) => k.estimate), c.estimate, TOL, `${label}: estimates`);
  assertAllClose(fit.coefficients.map((k) => k.se), c.se, TOL, `${label}: CR1 se`);
  assertAllClose(fit.coefficients.map((k) => k.t), c.t, TOL, `${label}: t`);
  assertAllClose(fit.coefficients.map((k) => k.p), c.p, TOL, `${label}: p`);
}

test("olsClusterRobust equals R's vcovCL(type = 'HC1') with coeftest on G − 1 df: synthetic unbalanced panel, a singleton cluster, official LA-years with missing values", () => {
  const syn = readPanelFixture("panel-synthetic.csv");
  compare(olsClusterRobust(syn.cols.y, [syn.cols.x1, syn.cols.x2], clusterNumbers(syn.unit)), ref.synthetic, "synthetic");
  // unit B reduced to its first year: a cluster of one row
  const firstB = Math.min(...syn.time.filter((_, k) => syn.unit[k] === "B"));
  const keep = syn.unit.map((u, k) => u !== "B" || syn.time[k] === firstB);
  const pick = (v: readonly number[]) => v.filter((_, k) => keep[k]);
  compare(olsClusterRobust(pick(syn.cols.y), [pick(syn.cols.x1), pick(syn.cols.x2)], clusterNumbers(syn.unit.filter((_, k) => keep[k]))), ref["synthetic-singleton"], "synthetic-singleton");
  const off = readPanelFixture("panel-official.csv");
  compare(olsClusterRobust(off.cols.y, [off.cols.x1, off.cols.x2], clusterNumbers(off.unit)), ref.official, "official");
  compare(olsClusterRobust(off.cols.y, [off.cols.x2], clusterNumbers(off.unit)), ref["official-x2"], "official-x2");
});

test("olsClusterRobust keeps the OLS estimates and gives larger SEs than iid OLS when rows of a cluster move together", () => {
  const off = readPanelFixture("panel-official.csv");
  const robust = olsClusterRobust(off.cols.y, [off.cols.x2], clusterNumbers(off.unit));
  const iid = ols(off.cols.y, [off.cols.x2]);
  assert.equal(robust.coefficients[1].estimate, iid.coefficients[1].estimate);
  assert.ok(robust.coefficients[1].se > iid.coefficients[1].se, `${robust.coefficients[1].se} vs ${iid.coefficients[1].se}`);
});

test("olsClusterRobust reports NaN with a reason for too few clusters and collinear predictors, and refuses mismatched lengths", () => {
  const y = [1, 2, 3, 5, 4, 6];
  const x = [1, 2, 3, 4, 5, 6];
  const two = olsClusterRobust(y, [x], [0, 0, 0, 1, 1, 1]);
  assert.ok(Number.isNaN(two.coefficients[1].se) && Number.isNaN(two.coefficients[1].p));
  assert.match(two.reasons[0], /fewer than 3 clusters \(G = 2\)/);
  assert.equal(two.coefficients[1].estimate, ols(y, [x]).coefficients[1].estimate);
  const collinear = olsClusterRobust(y, [x, x.map((v) => 2 * v)], [0, 1, 2, 0, 1, 2]);
  assert.match(collinear.reasons[0], /rank-deficient design: x2 aliased/);
  assert.ok(collinear.coefficients.every((c) => Number.isNaN(c.p)));
  assert.throws(() => olsClusterRobust(y, [x], [0, 1, 2]), InputError);
  // a missing label is not a cluster of its own: rows without one would be pooled into one cluster
  assert.throws(() => olsClusterRobust(y, [x], [0, 1, 2, NaN, NaN, 2]), /olsClusterRobust: clusters must be finite numbers \(index 3\) \(got NaN\)/);
  assert.throws(() => olsClusterRobust(y, [x], [0, 1, 2, 0, Infinity, 2]), /index 4/);
  // rows missing y or x are dropped with their cluster labels: same as removing them first
  const withGap = olsClusterRobust([...y, NaN, 7], [[...x, 7, NaN]], [0, 1, 2, 0, 1, 2, 3, 3]);
  const without = olsClusterRobust(y, [x], [0, 1, 2, 0, 1, 2]);
  assert.deepEqual(withGap.coefficients, without.coefficients);
  assert.equal(withGap.clusters, 3);
});
