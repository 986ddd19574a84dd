import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { funnelLimits, funnelSignificance, rateFunnelPoints } from "../../lib/indicators/funnel";
import { compareWithBenchmark } from "../../lib/indicators/compare";
import { byarInterval, exactPoissonInterval, rateInterval } from "../../lib/indicators/intervals";
import { InputError } from "../../lib/errors";
import { assertAllClose, assertClose, CLOSED_FORM_TOLERANCE, frozen, reference } from "../reference/load-reference";

const ref = reference();

describe("funnelLimits", () => {
  it("reproduces the PHE fixture: P = 80.642448%, n = 2 → lower 95% 25.885383; n = 4 → 41.923356, lower 99.8% 19.594903", () => {
    const f = funnelLimits(0.80642448, frozen([2, 4]), { type: "proportion", multiplier: 100 });
    assertClose(f.lower95[0], 25.885383, 1e-7, "n = 2");
    assertClose(f.lower95[1], 41.923356, 1e-7, "n = 4");
    assertClose(f.lower998[1], 19.594903, 1e-7, "n = 4, 99.8%");
  });

  it("proportion limits match R, and equal the Wilson-inversion limits R finds by root-finding", () => {
    const p = ref.funnel.proportion;
    const f = funnelLimits(p.target, p.denominators, { type: "proportion" });
    assertAllClose(f.lower95, p.lower95, CLOSED_FORM_TOLERANCE, "lower95", 1);
    assertAllClose(f.upper95, p.upper95, CLOSED_FORM_TOLERANCE, "upper95", 1);
    assertAllClose(f.lower998, p.lower998, CLOSED_FORM_TOLERANCE, "lower998", 1);
    assertAllClose(f.upper998, p.upper998, CLOSED_FORM_TOLERANCE, "upper998", 1);
    assertAllClose(f.lower95, p.lower95Wilson, 1e-10, "Wilson inversion", 1);
  });

  it("rate limits with the Fingertips SPC rule match R's exact Poisson limits around the expected count", () => {
    const r = ref.funnel.rate;
    const f = funnelLimits(r.target, r.denominators, { type: "rate", rateRule: "fingertips-spc" });
    assert.equal(f.method, "fingertips-spc");
    assert.equal(f.multiplier, 10000);
    assertAllClose(f.lower95, r.lower95, CLOSED_FORM_TOLERANCE, "lower95");
    assertAllClose(f.upper95, r.upper95, CLOSED_FORM_TOLERANCE, "upper95");
    assertAllClose(f.lower998, r.lower998, CLOSED_FORM_TOLERANCE, "lower998");
    assertAllClose(f.upper998, r.upper998, CLOSED_FORM_TOLERANCE, "upper998");
  });

  it("narrows as the denominator grows and the 99.8% funnel contains the 95% one", () => {
    const f = funnelLimits(0.3, [10, 100, 1000], { type: "proportion" });
    for (let i = 0; i < 3; i++) {
      assert.ok(f.lower998[i] <= f.lower95[i] && f.upper95[i] <= f.upper998[i]);
      if (i > 0) assert.ok(f.upper95[i] < f.upper95[i - 1]);
    }
  });

  it("rejects impossible targets and denominators", () => {
    assert.throws(() => funnelLimits(1.2, [10], { type: "proportion" }), InputError);
    assert.throws(() => funnelLimits(0.2, [0], { type: "proportion" }), InputError);
    assert.throws(() => funnelLimits(-1, [10], { type: "rate" }), InputError);
  });
});

describe("funnelSignificance", () => {
  const lim = { lower95: 70, upper95: 85, lower998: 60, upper998: 95 };
  it("labels points as PHE does", () => {
    assert.equal(funnelSignificance(96, lim), "High (0.001)");
    assert.equal(funnelSignificance(90, lim), "High (0.025)");
    assert.equal(funnelSignificance(80, lim), "Not significant");
    assert.equal(funnelSignificance(65, lim), "Low (0.025)");
    assert.equal(funnelSignificance(50, lim), "Low (0.001)");
    assert.equal(funnelSignificance(NaN, lim), null);
  });
});

/** PHEindicatormethods' own expected values (tests/reference/extract-phe-funnel-fixtures.py). */
const phe = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/phe-funnel-rate.json"), "utf8"));
/** PHE finds λ by bisection on v = λ/(λ + O + 1) until the step is below 1e-7: |Δλ|/λ ≤ 1e-7/(v(1 − v)). */
const PHE_BISECTION_STEP = 1e-7;

describe("rate funnels: PHE's rule", () => {
  const columns = [
    ["lower_2s_population_1_year", "lower95Population"], ["lower_2s_limit", "lower95"],
    ["upper_2s_population_1_year", "upper95Population"], ["upper_2s_limit", "upper95"],
    ["lower_3s_population_1_year", "lower998Population"], ["lower_3s_limit", "lower998"],
    ["upper_3s_population_1_year", "upper998Population"], ["upper_3s_limit", "upper998"],
  ] as const;
  for (const fixture of ["dsr", "crude_with_denominator"] as const) {
    it(`rateFunnelPoints reproduces calculate_funnel_limits (${fixture}) within PHE's own bisection error`, () => {
      const f = phe[fixture];
      const p = rateFunnelPoints(f.baseline, frozen(f.Events), { multiplier: phe.multiplier, yearsOfData: phe.years_of_data });
      const perPerson = f.baseline / phe.multiplier;
      for (const [theirs, ours] of columns) {
        f[theirs].forEach((expected: number, i: number) => {
          const o = f.Events[i];
          const pop = theirs.endsWith("population_1_year") ? expected : (o / expected) * phe.multiplier / phe.years_of_data;
          const lambda = pop * phe.years_of_data * perPerson;
          const v = lambda / (lambda + o + 1);
          const tol = (2 * PHE_BISECTION_STEP) / (v * (1 - v)) + 1e-9; // + the fixture's 10 printed digits
          const got = p[ours][i];
          assert.ok(Math.abs(got - expected) <= tol * Math.abs(expected), `${theirs}[${i}] (O = ${o}): ${got} vs PHE ${expected} (relative tolerance ${tol.toExponential(2)})`);
        });
      }
    });

    it(`the funnel lines pass through PHE's points (${fixture}): exactly below 10 events, within Byar's approximation from 10`, () => {
      const f = phe[fixture];
      const p = rateFunnelPoints(f.baseline, f.Events, { multiplier: phe.multiplier, yearsOfData: phe.years_of_data });
      for (const [popCol, limCol] of [["lower95Population", "lower95"], ["upper95Population", "upper95"], ["lower998Population", "lower998"], ["upper998Population", "upper998"]] as const) {
        const pops = Array.from(p[popCol], (x) => x * phe.years_of_data);
        const lim = funnelLimits(f.baseline, pops, { type: "rate", multiplier: phe.multiplier });
        const conf = limCol.endsWith("95") ? 0.95 : 0.998;
        pops.forEach((_, i) => {
          const rel = Math.abs(lim[limCol][i] - p[limCol][i]) / p[limCol][i];
          const o = f.Events[i];
          // from 10 events the line follows Byar's limits: allow twice their relative distance from the exact ones at O
          const side = limCol.startsWith("lower") ? "upper" : "lower"; // the lower line is where O's upper limit meets E
          const gap = Math.abs(byarInterval(o, { conf })[side] - exactPoissonInterval(o, { conf })[side]) / exactPoissonInterval(o, { conf })[side];
          assert.ok(rel <= (o < 10 ? 1e-9 : 2 * gap),  `${limCol} at O = ${o}: line ${lim[limCol][i]} vs point ${p[limCol][i]} (relative ${rel.toExponential(2)})`);
        });
      }
    });
  }

  it("classifies PHE's 40 fixture areas (one with 0 events) as assign_funnel_significance does", () => {
    const s = phe.significance_crude_per_100000_with_0;
    const target = (s.count.reduce((a: number, b: number) => a + b, 0) / s.pop.reduce((a: number, b: number) => a + b, 0)) * phe.multiplier;
    const lim = funnelLimits(target, s.pop, { type: "rate", multiplier: phe.multiplier });
    const got = s.count.map((o: number, i: number) =>
      funnelSignificance((o / s.pop[i]) * phe.multiplier, { lower95: lim.lower95[i], upper95: lim.upper95[i], lower998: lim.lower998[i], upper998: lim.upper998[i] }),
    );
    assert.deepEqual(got, s.label);
    assert.ok(s.label.includes("Low (0.001)") && s.label.includes("High (0.001)") && s.label.includes("Not significant"));
  });

  it("does not flag an LA with 0 events where 0 is likely (E = 1: P(X = 0) = 0.37); the Fingertips SPC rule does", () => {
    const at = (rule: "phe" | "fingertips-spc") => {
      const l = funnelLimits(1, [10000], { type: "rate", multiplier: 10000, rateRule: rule });
      return funnelSignificance(0, { lower95: l.lower95[0], upper95: l.upper95[0], lower998: l.lower998[0], upper998: l.upper998[0] });
    };
    assert.equal(at("phe"), "Not significant");
    assert.equal(at("fingertips-spc"), "Low (0.001)");
    // and flags it once 0 events is implausible: E = 8, P(X = 0) = 0.00034 < 0.001
    const l = funnelLimits(8, [10000], { type: "rate", multiplier: 10000 });
    assert.equal(funnelSignificance(0, { lower95: l.lower95[0], upper95: l.upper95[0], lower998: l.lower998[0], upper998: l.upper998[0] }), "Low (0.001)");
  });

  it("agrees with the benchmark comparison (rateInterval + compareWithBenchmark) on every (E, O) pair", () => {
    const label = (c: ReturnType<typeof compareWithBenchmark>) =>
      c.outcome === "similar" ? "Not significant" : `${c.outcome === "higher" ? "High" : "Low"} (${c.confidence === 0.998 ? "0.001" : "0.025"})`;
    let pairs = 0;
    for (const expected of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, 80, 120, 200]) {
      const lim = funnelLimits(expected, [10000], { type: "rate", multiplier: 10000 });
      for (let o = 0; o <= expected + 6 * Math.sqrt(expected) + 10; o++) {
        const ci95 = rateInterval(o, 10000);
        const ci998 = rateInterval(o, 10000, { conf: 0.998 });
        const table = label(compareWithBenchmark({ value: o, lower95: ci95.lower, upper95: ci95.upper, lower998: ci998.lower, upper998: ci998.upper }, expected, "none", "95+99.8"));
        const funnel = funnelSignificance(o, { lower95: lim.lower95[0], upper95: lim.upper95[0], lower998: lim.lower998[0], upper998: lim.upper998[0] });
        assert.equal(funnel, table, `E = ${expected}, O = ${o}`);
        pairs++;
      }
    }
    assert.ok(pairs > 400);
  });

  it("rejects an unknown rule and impossible inputs", () => {
    assert.throws(() => funnelLimits(1, [10], { type: "rate", rateRule: "nope" as "phe" }), InputError);
    assert.throws(() => rateFunnelPoints(0, [1], { multiplier: 1e5 }), InputError);
    assert.throws(() => rateFunnelPoints(10, [0.5], { multiplier: 1e5 }), InputError);
  });
});
