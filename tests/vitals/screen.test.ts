import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { screenContext, screenIndicators, type ScreenRow } from "../../lib/vitals/screen";
import { scanFileText } from "../../lib/disclosure/scan";
import { completeCases, pick } from "../../lib/stats/complete-cases";
import { partialCorrelation } from "../../lib/stats/partial-correlation";
import { pearson } from "../../lib/stats/pearson";
import { spearman } from "../../lib/stats/spearman";

/** Inputs and R's results (tests/reference/vitals-screen.R: lm, cor.test, MASS::polr, rank residuals, p.adjust). */
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/vitals-screen.json"), "utf8"));
const nan = (v: (number | null)[]) => Object.freeze(v.map((x) => (x === null ? NaN : x)));
const input = Object.freeze({
  indicators: Object.freeze(["x1", "x2", "x3"].map((id) => Object.freeze({ indicator: id, domain: "child-safe" as const, polarity: "up" as const, values: nan(ref[id]) }))),
  outcome: nan(ref.grade),
  outcomeLowerIsBetter: true,
  context: Object.freeze([Object.freeze({ variable: "z", values: nan(ref.z) })]),
});

/** Relative tolerance: 1e-8 for closed forms, 1e-5 for the iterative ordinal fit (polr's own convergence). */
const close = (got: number, want: number, rel: number, what: string) =>
  assert.ok(Math.abs(got - want) <= rel * Math.max(1e-12, Math.abs(want)), `${what}: ${got} vs R ${want}`);

describe("screenIndicators against R", () => {
  const rows = screenIndicators(input);
  for (const [j, id] of ["x1", "x2", "x3"].entries()) {
    const e = ref.expected[id];
    const r: ScreenRow = rows[j];
    test(`${id}: n, Multiple R and Significance F equal summary(lm(grade ~ x))`, () => {
      assert.equal(r.n, e.n);
      close(r.multipleR, e.multiple_r, 1e-8, "multiple_r");
      close(r.significanceF, e.p_f, 1e-8, "p_f");
    });
    test(`${id}: Spearman rho with the better grade equals cor.test(exact = FALSE)`, () => {
      close(r.spearmanRho, e.spearman_rho, 1e-8, "rho");
      close(r.spearmanP, e.spearman_p, 1e-7, "p");
    });
    test(`${id}: the ordinal coefficient equals −polr's per-SD coefficient`, () => {
      close(r.ordinalCoef, e.ordinal_coef, 1e-5, "ordinal_coef");
      close(r.ordinalP, e.ordinal_p, 1e-4, "ordinal_p");
    });
    test(`${id}: partial Spearman given z, context R² and BH q-values equal R`, () => {
      close(r.partialR, e.partial_r, 1e-8, "partial_r");
      close(r.partialP, e.partial_p, 1e-7, "partial_p");
      close(r.contextR2, e.context_r2, 1e-6, "context_r2");
      close(r.qBh, e.q_bh, 1e-7, "q_bh");
      close(r.qBhRaw, e.q_bh_raw, 1e-7, "q_bh_raw");
    });
  }

  test("a constant indicator: Multiple R 0, as summary(lm()) gives, and no Significance F", () => {
    // the review's const_x (5 in every LA) had multiple_r 3.8e-8 in screen.csv beside "F is undefined"
    const flat = Object.freeze({ indicator: "flat", domain: "child-safe" as const, polarity: "up" as const, values: Object.freeze(input.outcome.map(() => 5)) });
    const [row] = screenIndicators({ ...input, indicators: [flat] });
    assert.equal(row.multipleR, 0);
    assert.ok(Number.isNaN(row.significanceF));
    assert.ok(row.reasons.some((n) => /no predictors beyond the intercept: F is undefined/.test(n)), row.reasons.join("; "));
  });

  test("the deprivation-only indicator loses (and flips) its association after adjustment", () => {
    const x2 = rows[1];
    assert.ok(x2.spearmanP < 0.05 && x2.partialP > 0.05);
    assert.ok(x2.contextR2 > 0.5);
  });

  test("direction and polarity are stated in words", () => {
    assert.equal(rows[0].direction, "better rating with higher value");
    assert.equal(rows[0].polarityAgrees, true);
    assert.equal(rows[2].direction, "better rating with lower value");
    assert.equal(rows[2].polarityAgrees, false);
  });

  test("a continuous outcome's direction is said of a better outcome, not a better rating, with the same signs", () => {
    const continuous = screenIndicators({ ...input, outcomeKind: "value" });
    assert.equal(continuous[0].direction, "better outcome with higher value");
    assert.equal(continuous[2].direction, "better outcome with lower value");
    assert.deepEqual(continuous.map((r) => r.polarityAgrees), rows.map((r) => r.polarityAgrees));
  });

  test("a continuous outcome in whole numbers gets no proportional-odds fit, and the row says why; a grade does", () => {
    // the same integer-coded outcome: fitted as a grade, not fitted as a measured value
    const continuous = screenIndicators({ ...input, outcomeKind: "value" });
    assert.ok(rows.some((r) => Number.isFinite(r.ordinalCoef)), "the grade is fitted");
    for (const r of continuous) {
      assert.ok(Number.isNaN(r.ordinalCoef) && Number.isNaN(r.ordinalP), r.indicator);
      assert.ok(r.reasons.some((x) => /^ordinal: not fitted: the outcome is a measured value, not an ordered grade/.test(x)), r.reasons.join("; "));
      assert.ok(!r.reasons.some((x) => /empty categories/.test(x)));
    }
  });

  test("without context the adjusted association is the unadjusted one, and the row says so", () => {
    const [r] = screenIndicators({ ...input, context: [] });
    assert.equal(r.partialR, r.spearmanRho);
    assert.ok(r.reasons.some((s) => /no context variables/.test(s)));
  });

  test("completeness is the share of the LAs with the outcome that have the indicator, not of every LA of the frame", () => {
    // a user's outcome for 4 of 8 LAs, all 4 with the indicator: it was 'too incomplete' at 4 of 8 (a walkthrough: 39 of 153)
    const [whole, half] = screenIndicators({
      indicators: [
        { indicator: "x", domain: "child-safe", polarity: "up", values: [1, 2, 3, 4, NaN, NaN, NaN, NaN] },
        { indicator: "y", domain: "child-safe", polarity: "up", values: [1, NaN, 3, NaN, 5, 6, 7, 8] },
      ],
      outcome: [1, 2, 3, 4, NaN, NaN, NaN, NaN], outcomeLowerIsBetter: true, context: [],
    });
    assert.equal(whole.completeness, 1);
    assert.equal(half.completeness, 0.5, "values of LAs without the outcome do not count");
    const [none] = screenIndicators({ indicators: [{ indicator: "x", domain: "child-safe", polarity: "up", values: [1, 2] }], outcome: [NaN, NaN], outcomeLowerIsBetter: true, context: [] });
    assert.ok(Number.isNaN(none.completeness));
  });

  test("LAs with the indicator that all have one grade give no ordinal fit, with a reason, instead of stopping the screen", () => {
    // a region's LAs with an indicator of one year: 4 of them, all graded 2 (the ordinal fit needs two categories)
    const [r] = screenIndicators({
      indicators: [{ indicator: "x", domain: "child-safe", polarity: "up", values: [1, 2, 3, 4, NaN, NaN] }],
      outcome: [2, 2, 2, 2, 1, 3], outcomeLowerIsBetter: true, context: [],
    });
    assert.equal(r.n, 4);
    assert.ok(Number.isNaN(r.ordinalCoef) && Number.isNaN(r.ordinalP));
    assert.match(r.reasons.join(" "), /ordinal: the 4 LAs with the indicator all have the same outcome category/);
  });

  test("a statistic's n in a reason is said to count LAs, so the disclosure check does not read it as people", () => {
    const [r] = screenIndicators({
      indicators: [{ indicator: "x", domain: "child-safe", polarity: "up", values: [1, 2, 3, 5, NaN, NaN] }],
      outcome: [1, 2, 3, 4, 2, 3], outcomeLowerIsBetter: true, context: [],
    });
    const text = r.reasons.join("; ");
    assert.match(text, /ordinal: n = 4 LAs is not larger than the number of parameters/);
    assert.doesNotMatch(text, /n = \d+(?!\d| LA)/);
    assert.deepEqual(scanFileText("screen.json", JSON.stringify({ reasons: r.reasons })).findings, []);
  });

  test("too few LAs give NaN with a reason, not a number", () => {
    const [r] = screenIndicators({
      indicators: [{ indicator: "x", domain: "child-safe", polarity: "up", values: [1, NaN, NaN, NaN] }],
      outcome: [1, 2, 3, 4], outcomeLowerIsBetter: true, context: [],
    });
    assert.equal(r.n, 1);
    assert.ok(Number.isNaN(r.multipleR) && Number.isNaN(r.spearmanRho));
    assert.match(r.reasons.join(" "), /at least 3 LAs/);
  });

  test("mismatched lengths are an input error", () => {
    assert.throws(() => screenIndicators({ ...input, outcome: [1, 2] }), /values must have one entry per LA/);
  });
});

describe("raw and adjusted association on the same LAs, signed, with 95% intervals", () => {
  // LAs 0–4 have no context value: the raw and the partial correlation both leave them out
  const zMissing = Object.freeze(Array.from(nan(ref.z), (v, i) => (i < 5 ? NaN : v)));
  const inputMissing = { ...input, context: [{ variable: "z", values: zMissing }] };
  const better = nan(ref.grade).map((g) => -g);

  for (const method of ["pearson", "spearman"] as const) {
    test(`${method}: raw_r and partial_r use the n_complete LAs with the indicator, outcome and context`, () => {
      const [r] = screenIndicators(inputMissing, { method });
      const cc = completeCases("t", [input.indicators[0].values, better, zMissing]);
      const xs = pick(input.indicators[0].values, cc.rows);
      const ys = pick(better, cc.rows);
      const zs = pick(zMissing, cc.rows);
      assert.equal(r.method, method);
      assert.equal(r.nComplete, cc.n);
      assert.equal(r.partialN, cc.n);
      assert.ok(r.n > r.nComplete, "n counts LAs without a context value too");
      const raw = method === "pearson" ? pearson(xs, ys) : spearman(xs, ys);
      close(r.rawR, raw.r, 1e-12, "raw_r");
      close(r.rawP, raw.p, 1e-12, "raw_p");
      close(r.rawRLower, raw.lower, 1e-12, "raw lower");
      close(r.rawRUpper, raw.upper, 1e-12, "raw upper");
      const partial = partialCorrelation(xs, ys, [zs], { method });
      close(r.partialR, partial.r, 1e-12, "partial_r");
      close(r.partialP, partial.p, 1e-12, "partial_p");
      assert.ok(r.rawRLower < r.rawR && r.rawR < r.rawRUpper);
      assert.ok(r.partialRLower < r.partialR && r.partialR < r.partialRUpper);
    });
  }

  test("pearson: the partial interval is Fisher z on n − 3 − k: tanh(atanh r ± 1.959964/√(n − 4))", () => {
    const [r] = screenIndicators(inputMissing, { method: "pearson" });
    const se = 1 / Math.sqrt(r.nComplete - 4);
    close(r.partialRLower, Math.tanh(Math.atanh(r.partialR) - 1.959963984540054 * se), 1e-12, "lower");
    close(r.partialRUpper, Math.tanh(Math.atanh(r.partialR) + 1.959963984540054 * se), 1e-12, "upper");
  });

  test("spearman: the partial interval uses the Bonett–Wright SE √((1 + r²/2)/(n − 3 − k))", () => {
    const [r] = screenIndicators(inputMissing, { method: "spearman" });
    const se = Math.sqrt((1 + r.partialR ** 2 / 2) / (r.nComplete - 4));
    close(r.partialRLower, Math.tanh(Math.atanh(r.partialR) - 1.959963984540054 * se), 1e-12, "lower");
    close(r.partialRUpper, Math.tanh(Math.atanh(r.partialR) + 1.959963984540054 * se), 1e-12, "upper");
  });

  test("the sign says the direction: positive with a better grade, and flipping the indicator flips raw and partial r", () => {
    const rows = screenIndicators(input, { method: "pearson" });
    assert.ok(rows[0].rawR > 0 && rows[0].partialR > 0, "x1 goes with quality");
    assert.ok(rows[1].rawR > 0, "x2 = −deprivation + noise goes with a better grade before adjustment");
    const flipped = screenIndicators({ ...input, indicators: [{ ...input.indicators[0], values: input.indicators[0].values.map((v) => -v) }] }, { method: "pearson" })[0];
    close(flipped.rawR, -rows[0].rawR, 1e-12, "raw_r flips");
    close(flipped.partialR, -rows[0].partialR, 1e-12, "partial_r flips");
    close(flipped.partialRLower, -rows[0].partialRUpper, 1e-12, "interval flips");
  });

  test("an unknown method is an input error naming the allowed ones", () => {
    assert.throws(() => screenIndicators(input, { method: "kendall" as "pearson" }), /method must be one of pearson, spearman/);
  });
});

describe("screenContext: the context variables as rows", () => {
  test("one context variable: its raw association is screened, its partial is NaN with the reason, role context", () => {
    const [c] = screenContext(input, { method: "pearson" });
    assert.equal(c.role, "context");
    assert.equal(c.indicator, "z");
    assert.equal(c.domain, "context");
    const better = nan(ref.grade).map((g) => -g);
    close(c.rawR, pearson(nan(ref.z), better).r, 1e-12, "raw_r");
    assert.ok(Number.isNaN(c.partialR) && Number.isNaN(c.qBh));
    assert.match(c.reasons.join(" "), /not adjusted for itself/);
  });

  test("two context variables: each is adjusted for the other, on the LAs with both and the outcome", () => {
    const w = Object.freeze(nan(ref.x3)); // a second "context" column with its own missing values
    const two = { ...input, context: [...input.context, { variable: "w", values: w }] };
    const [cz, cw] = screenContext(two, { method: "pearson" });
    const better = nan(ref.grade).map((g) => -g);
    const cc = completeCases("t", [nan(ref.z), better, w]);
    assert.equal(cz.nComplete, cc.n);
    const expected = partialCorrelation(pick(nan(ref.z), cc.rows), pick(better, cc.rows), [pick(w, cc.rows)]);
    close(cz.partialR, expected.r, 1e-12, "z | w");
    assert.equal(cw.indicator, "w");
  });
});

describe("screen edge cases and laws", () => {
  test("too few complete LAs with context: NaN raw and partial with reasons, never a throw or ±1", () => {
    const [r] = screenIndicators({
      indicators: [{ indicator: "x", domain: "child-safe", polarity: "up", values: [1, 2, 3, 4, 5] }],
      outcome: [1, 2, 2, 3, 4], outcomeLowerIsBetter: true, context: [{ variable: "z", values: [0.1, NaN, NaN, 0.3, 0.5] }],
    }, { method: "pearson" });
    assert.equal(r.n, 5);
    assert.equal(r.nComplete, 3);
    assert.ok(Number.isFinite(r.rawR) && Number.isNaN(r.rawRLower), "n = 3: r but no Fisher-z interval");
    assert.ok(Number.isNaN(r.partialR) && Number.isNaN(r.partialP));
    assert.match(r.reasons.join(" "), /partial: n = 3/);
  });

  test("property: |r| ≤ 1, intervals contain their estimate, n_complete ≤ n, for random data with ties and gaps", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: -5, max: 5 }), { nil: NaN }), fc.option(fc.double({ min: -2, max: 2, noNaN: true }), { nil: NaN })), { minLength: 8, maxLength: 40 }),
        fc.constantFrom("pearson" as const, "spearman" as const),
        (rows, method) => {
          const [r] = screenIndicators({
            indicators: [{ indicator: "x", domain: "child-safe", polarity: "up", values: rows.map((t) => t[1]) }],
            outcome: rows.map((t) => t[0]), outcomeLowerIsBetter: true, context: [{ variable: "z", values: rows.map((t) => t[2]) }],
          }, { method });
          assert.ok(r.nComplete <= r.n);
          for (const [est, lo, hi] of [[r.rawR, r.rawRLower, r.rawRUpper], [r.partialR, r.partialRLower, r.partialRUpper]]) {
            if (Number.isNaN(est)) continue;
            assert.ok(Math.abs(est) <= 1);
            if (!Number.isNaN(lo)) assert.ok(lo <= est + 1e-12 && est <= hi + 1e-12, `${lo} ${est} ${hi}`);
          }
        },
      ),
      { numRuns: 200, seed: 20261204 },
    );
  });
});
