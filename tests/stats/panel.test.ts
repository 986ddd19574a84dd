import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLUSTER_SE_LABELS, twoWayFixedEffects, type TwoWayFixedEffectsResult } from "../../lib/stats/panel";
import { ols } from "../../lib/stats/ols";
import { InputError } from "../../lib/errors";
import { assertAllClose, assertClose, CLOSED_FORM_TOLERANCE, readPanelFixture, type Json } from "../reference/load-reference";

/** Coefficients, SEs and p-values are compared with R to 1e-8 (relative). */
const TOL = CLOSED_FORM_TOLERANCE;
const REF_DIR = path.join(__dirname, "..", "reference");
const ref: Json = JSON.parse(fs.readFileSync(path.join(REF_DIR, "panel-reference.json"), "utf8"), (_k, v) => (v === null ? NaN : v));

function compareWithR(fit: TwoWayFixedEffectsResult, c: Json, label: string): void {
  assert.equal(fit.n, c.n, `${label}: n`);
  assert.equal(fit.nUnits, c.n_units, `${label}: units`);
  assert.equal(fit.nTimes, c.n_times, `${label}: times`);
  assert.equal(fit.singletonUnits, c.singleton_units, `${label}: singleton units`);
  assert.equal(fit.dfResidual, c.hc0.df, `${label}: plm df.residual`);
  assert.equal(fit.kCr1, c.cr1.K, `${label}: CR1 K`);
  assertClose(fit.cr1Factor, c.cr1.factor, TOL, `${label}: CR1 factor`);
  fit.coefficients.forEach((k, j) => {
    assertClose(k.estimate, c.coef[j], TOL, `${label}: ${k.name} coefficient`);
    assertClose(k.hc0.se, c.hc0.se[j], TOL, `${label}: ${k.name} HC0 se`);
    assertClose(k.hc0.t, c.hc0.t[j], TOL, `${label}: ${k.name} HC0 t`);
    assertClose(k.hc0.p, c.hc0.p[j], TOL, `${label}: ${k.name} HC0 p`);
    assertClose(k.cr1.se, c.cr1.se[j], TOL, `${label}: ${k.name} CR1 se`);
    assertClose(k.cr1.p, c.cr1.p[j], TOL, `${label}: ${k.name} CR1 p`);
    assert.equal(k.cr1.df, c.cr1.df, `${label}: CR1 df = G − 1`);
  });
  assertAllClose(fit.vcovHc0, c.hc0.vcov, TOL, `${label}: HC0 vcov`);
  assertAllClose(fit.vcovCr1, c.cr1.vcov, TOL, `${label}: CR1 vcov`);
  assertClose(fit.withinR2, c.within_r2, TOL, `${label}: within R²`);
  assertClose(fit.rss, c.rss, TOL, `${label}: RSS`);
  assertAllClose(fit.between.r, c.between.r, TOL, `${label}: between r`);
  assertAllClose(fit.between.coefficients.map((b) => b.estimate), c.between.coef, TOL, `${label}: between coefficients`);
  assertAllClose(fit.between.coefficients.map((b) => b.se), c.between.se, TOL, `${label}: between SEs`);
  assert.equal(fit.between.nUnits, c.between.n_units, `${label}: between units`);
}

describe("twoWayFixedEffects", () => {
  const syn = readPanelFixture("panel-synthetic.csv");
  const off = readPanelFixture("panel-official.csv");

  it("equals plm within twoways + vcovHC(HC0, cluster = group) and the CR1 formula on an unbalanced synthetic panel with missing years, a singleton and a missing value", () => {
    compareWithR(twoWayFixedEffects(syn.cols.y, [syn.cols.x1, syn.cols.x2], syn.unit, syn.time, { names: ["x1", "x2"] }), ref.synthetic_two, "synthetic x1+x2");
    compareWithR(twoWayFixedEffects(syn.cols.y, [syn.cols.x1], syn.unit, syn.time, { names: ["x1"] }), ref.synthetic_x1, "synthetic x1");
  });

  it("equals R on the official data (care leavers 19–21 in EET against social worker turnover and repeat child protection plans)", () => {
    const fitTwo = twoWayFixedEffects(off.cols.y, [off.cols.x1, off.cols.x2], off.unit, off.time, { names: ["x1", "x2"] });
    compareWithR(fitTwo, ref.official_two, "official x1+x2");
    compareWithR(twoWayFixedEffects(off.cols.y, [off.cols.x1], off.unit, off.time), ref.official_x1, "official x1");
    compareWithR(twoWayFixedEffects(off.cols.y, [off.cols.x2], off.unit, off.time), ref.official_x2, "official x2");
    assert.equal(fitTwo.balanced, false);
    assert.equal(fitTwo.missingCells, fitTwo.nUnits * fitTwo.nTimes - fitTwo.n);
  });

  it("counts K in the CR1 factor as fixest's default ssc does (k + T), one more than reghdfe, and its label says so", () => {
    const t = ref.tiny_data;
    const fit = twoWayFixedEffects(t.y, [t.x1], t.unit, t.time);
    const [k, G, T] = [1, fit.nUnits, fit.nTimes];
    // fixest (lrberge/fixest dbe56c5): feols's nparams = k + Σ(levels − 1) + 1 (R/fixest_env.R); ssc(fixef.K = "nested")
    // takes off the levels − 1 of the LA effects nested in the LA clusters (R/VCOV.R)
    const fixestNested = k + (G - 1) + (T - 1) + 1 - (G - 1);
    // reghdfe (src/reghdfe_common.mata): K = rank + df_a, df_a = T − 1 year effects, no + 1 since df_a > 0
    const reghdfe = k + (T - 1);
    assert.equal(fit.kCr1, fixestNested);
    assert.equal(fit.kCr1, reghdfe + 1);
    assert.match(CLUSTER_SE_LABELS.cr1, /fixest's default ssc, fixef\.K = "nested"/);
    assert.match(CLUSTER_SE_LABELS.cr1, /reghdfe counts one year fewer/);
    assert.doesNotMatch(CLUSTER_SE_LABELS.cr1, /Stata\/fixest/);
  });

  it("matches a hand computation on a balanced 3 × 3 panel (and R)", () => {
    const t = ref.tiny_data;
    const fit = twoWayFixedEffects(t.y, [t.x1], t.unit, t.time);
    compareWithR(fit, ref.tiny, "tiny");
    // Balanced: z̃ = z − z̄_unit − z̄_year + z̄.
    const dm = (z: number[]): number[] => {
      const grand = z.reduce((a, b) => a + b) / 9;
      return z.map((v, i) => {
        const u = Math.floor(i / 3);
        const yr = i % 3;
        const um = (z[3 * u] + z[3 * u + 1] + z[3 * u + 2]) / 3;
        const ym = (z[yr] + z[3 + yr] + z[6 + yr]) / 3;
        return v - um - ym + grand;
      });
    };
    const xw = dm(t.x1);
    const yw = dm(t.y);
    const sxx = xw.reduce((a, v) => a + v * v, 0);
    const beta = xw.reduce((a, v, i) => a + v * yw[i], 0) / sxx;
    const e = yw.map((v, i) => v - beta * xw[i]);
    let meat = 0;
    for (let u = 0; u < 3; u++) meat += (xw[3 * u] * e[3 * u] + xw[3 * u + 1] * e[3 * u + 1] + xw[3 * u + 2] * e[3 * u + 2]) ** 2;
    const vHc0 = meat / sxx ** 2;
    const factor = ((9 - 1) / (9 - (1 + 3))) * (3 / 2); // K = 1 regressor + 3 years; G = 3
    assertClose(fit.coefficients[0].estimate, beta, 1e-12, "hand beta");
    assertClose(fit.coefficients[0].hc0.se, Math.sqrt(vHc0), 1e-12, "hand HC0 se");
    assertClose(fit.coefficients[0].cr1.se, Math.sqrt(vHc0 * factor), 1e-12, "hand CR1 se");
    assert.equal(fit.balanced, true);
    assert.equal(fit.dfResidual, 9 - 1 - 3 - 3 + 1);
  });

  it("drops singleton units and reports how many, without changing the estimate", () => {
    const fit = twoWayFixedEffects(syn.cols.y, [syn.cols.x1], syn.unit, syn.time);
    assert.equal(fit.singletonUnits, 1);
    assert.equal(fit.singletonObservations, 1);
    const keep = syn.unit.map((u) => u !== "E");
    const without = twoWayFixedEffects(
      syn.cols.y.filter((_, i) => keep[i]), [syn.cols.x1.filter((_, i) => keep[i])],
      syn.unit.filter((_, i) => keep[i]), syn.time.filter((_, i) => keep[i]),
    );
    assertClose(fit.coefficients[0].estimate, without.coefficients[0].estimate, 1e-12, "estimate");
    assertClose(fit.coefficients[0].cr1.se, without.coefficients[0].cr1.se, 1e-12, "CR1 se");
  });

  it("names a year left with a single unit, which the removal of singletons drops, and the unit that then has one year", () => {
    // A, B, C in 2020 and 2021; D in 2021 and 2022: 2022 has D alone, so it goes, then D has one year and goes
    const unit = ["A", "A", "B", "B", "C", "C", "D", "D"];
    const time = [2020, 2021, 2020, 2021, 2020, 2021, 2021, 2022];
    const x = [1, 2, 2, 5, 3, 3.5, 4, 9];
    const y = [2, 3, 1, 4, 5, 5.2, 7, 1];
    const fit = twoWayFixedEffects(y, [x], unit, time);
    assert.deepEqual(fit.singletonTimes, ["2022"]);
    assert.equal(fit.singletonUnits, 1);
    assert.equal(fit.singletonObservations, 2);
    assert.equal(fit.nTimes, 2);
    assert.deepEqual(twoWayFixedEffects(syn.cols.y, [syn.cols.x1], syn.unit, syn.time).singletonTimes, []);
  });

  it("gives NaN with a reason for a regressor constant within units, and still estimates the others", () => {
    const constantWithin = syn.unit.map((u) => u.charCodeAt(0));
    const yearOnly = syn.time.map((t) => (t - 2015) ** 2);
    const fit = twoWayFixedEffects(syn.cols.y, [syn.cols.x1, constantWithin, yearOnly], syn.unit, syn.time, { names: ["x1", "la_type", "year_sq"] });
    assert.equal(fit.coefficients[1].aliased, "no-within-variation");
    assert.equal(fit.coefficients[2].aliased, "no-within-variation");
    assert.ok(Number.isNaN(fit.coefficients[1].estimate) && Number.isNaN(fit.coefficients[1].cr1.se));
    assert.ok(fit.reasons.some((r) => r.startsWith("la_type: no variation within units")));
    assertClose(fit.coefficients[0].estimate, ref.synthetic_x1.coef[0], TOL, "x1 unaffected");
    assertClose(fit.coefficients[0].hc0.se, ref.synthetic_x1.hc0.se[0], TOL, "x1 HC0 se unaffected");
  });

  it("reports a regressor collinear with an earlier one", () => {
    const twice = syn.cols.x1.map((v) => 2 * v - 1);
    const fit = twoWayFixedEffects(syn.cols.y, [syn.cols.x1, twice], syn.unit, syn.time);
    assert.equal(fit.coefficients[1].aliased, "collinear");
    assertClose(fit.coefficients[0].estimate, ref.synthetic_x1.coef[0], TOL, "x1 unaffected");
  });

  it("returns NaN with a reason when there are too few observations (one year, or every unit a singleton)", () => {
    const oneYear = twoWayFixedEffects([1, 2, 3], [[1, 3, 2]], ["a", "b", "c"], [2020, 2020, 2020]);
    assert.ok(Number.isNaN(oneYear.coefficients[0].estimate));
    assert.match(oneYear.reasons[0], /too few observations/);
    assert.equal(oneYear.singletonUnits, 3);
    const twoObs = twoWayFixedEffects([1, 2, 3, 5], [[1, 3, 2, 2]], ["a", "a", "b", "b"], [1, 2, 1, 2]);
    assert.ok(Number.isNaN(twoObs.coefficients[0].hc0.p), "no residual df");
    assert.ok(twoObs.reasons.some((r) => /no residual degrees of freedom/.test(r)));
  });

  it("rejects unequal lengths, no regressor, infinite values and duplicated (unit, time) pairs", () => {
    assert.throws(() => twoWayFixedEffects([1, 2], [[1]], ["a", "b"], [1, 2]), InputError);
    assert.throws(() => twoWayFixedEffects([1, 2], [], ["a", "b"], [1, 2]), /at least one regressor/);
    assert.throws(() => twoWayFixedEffects([1, Infinity], [[1, 2]], ["a", "b"], [1, 2]), /finite/);
    assert.throws(() => twoWayFixedEffects([1, 2, 3], [[1, 2, 3]], ["a", "a", "b"], [1, 1, 2]), /each \(unit, time\) pair must appear once/);
  });

  /** The least-squares dummy-variable fit (unit and year dummies) with lib/stats/ols, on the rows given. */
  const lsdv = (y: number[], x: number[], unit: string[], time: number[]) => {
    const us = [...new Set(unit)];
    const ts = [...new Set(time)];
    const dummies = [...us.slice(1).map((u) => unit.map((v) => (v === u ? 1 : 0))), ...ts.slice(1).map((t) => time.map((v) => (v === t ? 1 : 0)))];
    return ols(y, [x, ...dummies]);
  };

  it("equals the dummy-variable regression when units and years fall apart into two separate groups (QR fallback)", () => {
    // Units a–c observed only in 2015–2017, units d–f only in 2019–2021: the time effects lose one more rank.
    const unit: string[] = [];
    const time: number[] = [];
    const x: number[] = [];
    const y: number[] = [];
    "abcdef".split("").forEach((u, i) => {
      for (let k = 0; k < 3; k++) {
        const t = (i < 3 ? 2015 : 2019) + k;
        unit.push(u);
        time.push(t);
        const xv = Math.sin(7 * i + 3 * k) * 2 + k;
        x.push(xv);
        y.push(0.6 * xv + i + 0.3 * k * k + Math.cos(5 * i + k));
      }
    });
    const fit = twoWayFixedEffects(y, [x], unit, time);
    assert.equal(fit.timeEffectsRank, 4, "6 periods in two groups: rank 6 − 2");
    const dummy = lsdv(y, x, unit, time);
    assertClose(fit.coefficients[0].estimate, dummy.coefficients[1].estimate, 1e-10, "LSDV slope");
    assertClose(fit.rss, dummy.sigma ** 2 * dummy.dfResidual, 1e-10, "LSDV RSS");
    assert.equal(fit.dfResidual, dummy.dfResidual, "residual df counts the rank of the fixed effects");
  });

  it("equals the dummy-variable regression on the synthetic panel (fast path)", () => {
    const keep = syn.cols.y.map((_, i) => !Number.isNaN(syn.cols.x1[i]) && syn.unit[i] !== "E");
    const f = <T>(a: readonly T[]) => a.filter((_, i) => keep[i]);
    const dummy = lsdv(f(syn.cols.y), f(syn.cols.x1), f(syn.unit), f(syn.time));
    const fit = twoWayFixedEffects(syn.cols.y, [syn.cols.x1], syn.unit, syn.time);
    assertClose(fit.coefficients[0].estimate, dummy.coefficients[1].estimate, 1e-10, "LSDV slope");
    assert.equal(fit.dfResidual, dummy.dfResidual);
  });

  it("does not depend on row order", () => {
    const order = syn.unit.map((_, i) => i).reverse();
    const pick = <T>(a: readonly T[]) => order.map((i) => a[i]);
    const a = twoWayFixedEffects(syn.cols.y, [syn.cols.x1, syn.cols.x2], syn.unit, syn.time);
    const b = twoWayFixedEffects(pick(syn.cols.y), [pick(syn.cols.x1), pick(syn.cols.x2)], pick(syn.unit), pick(syn.time));
    a.coefficients.forEach((k, j) => {
      assertClose(b.coefficients[j].estimate, k.estimate, 1e-10, "estimate");
      assertClose(b.coefficients[j].cr1.se, k.cr1.se, 1e-10, "CR1 se");
    });
  });
});
