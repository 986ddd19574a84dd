import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { partialCorrelation, partialCorrelationFromMatrix, preparePartialCorrelation } from "../../lib/stats/partial-correlation";
import { pearson } from "../../lib/stats/pearson";
import { assertClose, CLOSED_FORM_TOLERANCE, frozen, reference } from "../reference/load-reference";
import { syntheticColumns } from "../reference/synthetic";

const ref = reference().partial;
const s = syntheticColumns();
const TOL = CLOSED_FORM_TOLERANCE;

function check(actual: ReturnType<typeof partialCorrelation>, expected: typeof ref[string], label: string) {
  assert.equal(actual.n, expected.n, `${label}: n`);
  assert.equal(actual.df, expected.df, `${label}: df`);
  assertClose(actual.r, expected.r, TOL, `${label}: r`, 1);
  assertClose(actual.statistic, expected.t, TOL, `${label}: t`, 1);
  assertClose(actual.p, expected.p, 1e-7, `${label}: p`);
  assertClose(actual.lower, expected.lower, TOL, `${label}: lower`, 1);
  assertClose(actual.upper, expected.upper, TOL, `${label}: upper`, 1);
}

describe("partialCorrelation", () => {
  it("matches R (residual method = ppcor::pcor.test) controlling for one covariate", () => {
    check(partialCorrelation(frozen(s.x1), frozen(s.y), [frozen(s.idaci)]), ref.synthetic_x1_y_given_idaci, "x1,y | idaci");
  });

  it("matches R with two covariates, using listwise-complete rows and reporting the rows dropped", () => {
    const r = partialCorrelation(s.x1, s.y, [s.idaci, s.x2]);
    check(r, ref.synthetic_x1_y_given_idaci_x2, "x1,y | idaci,x2");
    assert.equal(r.nMissing, 150 - r.n);
  });

  it("matches R for the Spearman version (all variables ranked first)", () => {
    check(partialCorrelation(s.x1, s.grade, [s.idaci], { method: "spearman" }), ref.synthetic_x1_grade_given_idaci_spearman, "spearman");
  });

  it("reproduces the golden value rxy = .5, rxz = .6, ryz = .4, n = 150 → r = 0.3546041, t = 4.598149, p = 9.118e-06", () => {
    const r = partialCorrelationFromMatrix([[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]], 150);
    assertClose(r.r, 0.3546041, 1e-6, "r");
    assertClose(r.statistic, 4.598149, 1e-6, "t");
    assertClose(r.p, 9.118e-6, 1e-3, "p");
    assert.equal(r.df, 147);
  });

  it("with no covariates equals Pearson's r", () => {
    assertClose(partialCorrelation(s.x1, s.y, []).r, pearson(s.x1, s.y).r, 1e-12, "r", 1);
  });

  it("reports collinear or constant covariates instead of returning a number", () => {
    const z = s.idaci.map((v) => 2 * v + 1);
    const r = partialCorrelation(s.x1, s.y, [s.idaci, z]);
    assert.ok(Number.isNaN(r.r));
    assert.match(r.reason ?? "", /collinear/);
    const k = partialCorrelation(s.x1, s.y, [s.idaci.map(() => 3)]);
    assert.match(k.reason ?? "", /collinear or constant/);
  });
});

describe("partialCorrelation of a constant or fully explained variable", () => {
  it("gives NaN with a reason, not a rounding-noise r, for a constant x (as R's cor of residuals is undefined)", () => {
    const r = partialCorrelation(s.idaci.map(() => 5), s.y, [s.idaci]);
    assert.ok(Number.isNaN(r.r) && Number.isNaN(r.p), `r = ${r.r}`);
    assert.match(r.reason ?? "", /constant or fully explained/);
  });
  it("gives NaN for an x that is an exact linear function of the covariate", () => {
    const r = partialCorrelation(s.idaci.map((v) => 0.1 * v + 3), s.y, [s.idaci]);
    assert.ok(Number.isNaN(r.r), `r = ${r.r}`);
  });
});

describe("partialCorrelation with too few rows (audit)", () => {
  it("gives NaN with a reason, not r = ±1, when n = 3 and there is one covariate (df = 0)", () => {
    const r = partialCorrelation(frozen([1, 2, 4]), frozen([3, 1, 2]), [frozen([1, 5, 2])]);
    assert.equal(r.df, 0);
    assert.ok(Number.isNaN(r.r) && Number.isNaN(r.p) && Number.isNaN(r.lower));
    assert.match(r.reason ?? "", /at least 4 complete rows are needed for 1 covariate/);
    const two = partialCorrelation([1, 2, 4, 3], [3, 1, 2, 5], [[1, 5, 2, 2], [0, 1, 0, 2]]);
    assert.ok(Number.isNaN(two.r));
    assert.match(two.reason ?? "", /at least 5 complete rows/);
  });

  it("does not mutate its inputs (frozen x, y and covariates)", () => {
    assert.doesNotThrow(() => partialCorrelation(frozen(s.x1), frozen(s.grade), [frozen(s.idaci)], { method: "spearman" }));
    assert.doesNotThrow(() => partialCorrelationFromMatrix(Object.freeze([Object.freeze([1, 0.5, 0.6]), Object.freeze([0.5, 1, 0.4]), Object.freeze([0.6, 0.4, 1])]) as number[][], 150));
  });

  it("prepared once for y and the covariates, gives for each x exactly what partialCorrelation gives, whatever rows each x leaves", () => {
    const n = s.x1.length;
    const withHoles = (v: ArrayLike<number>, every: number) => Float64Array.from(v, (value, i) => (i % every === 3 ? NaN : value));
    const xs = [s.x1, withHoles(s.x1, 7), s.x1, withHoles(s.idaci, 5), withHoles(s.idaci, 5), s.grade, new Float64Array(n).fill(2), withHoles(s.x1, 7)];
    for (const method of ["pearson", "spearman"] as const) {
      for (const covariates of [[s.idaci], [withHoles(s.idaci, 11), s.x1], [s.idaci, s.idaci]]) {
        const prepared = preparePartialCorrelation(s.grade, covariates, { method });
        for (const [k, x] of xs.entries()) {
          // a fresh computation per x: nothing shared with the previous x
          assert.deepStrictEqual(prepared(x), partialCorrelation(x, s.grade, covariates, { method }), `${method}, ${covariates.length} covariate(s), x #${k}`);
        }
      }
    }
    assert.match(preparePartialCorrelation(s.grade, [s.idaci, s.idaci])(s.x1).reason ?? "", /collinear/);
  });

  it("keeps the bases of several row sets: x with 40 different missing rows, in turn and again, as partialCorrelation", () => {
    const holes = (every: number) => Float64Array.from(s.x1, (value, i) => (i % every === 1 ? NaN : value));
    const xs = Array.from({ length: 40 }, (_, k) => holes(k + 2));
    const prepared = preparePartialCorrelation(s.grade, [s.idaci], { method: "spearman" });
    for (const [k, x] of [...xs, ...xs.slice(20), ...xs.slice(0, 5)].entries()) {
      assert.deepStrictEqual(prepared(x), partialCorrelation(x, s.grade, [s.idaci], { method: "spearman" }), `x #${k}`);
    }
  });
});
