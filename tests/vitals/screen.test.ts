import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { screenIndicators, type ScreenRow } from "../../lib/vitals/screen";

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
      close(r.multiple_r, e.multiple_r, 1e-8, "multiple_r");
      close(r.p_f, e.p_f, 1e-8, "p_f");
    });
    test(`${id}: Spearman rho with the better grade equals cor.test(exact = FALSE)`, () => {
      close(r.spearman_rho, e.spearman_rho, 1e-8, "rho");
      close(r.spearman_p, e.spearman_p, 1e-7, "p");
    });
    test(`${id}: the ordinal coefficient equals −polr's per-SD coefficient`, () => {
      close(r.ordinal_coef, e.ordinal_coef, 1e-5, "ordinal_coef");
      close(r.ordinal_p, e.ordinal_p, 1e-4, "ordinal_p");
    });
    test(`${id}: partial Spearman given z, context R² and BH q-values equal R`, () => {
      close(r.partial_r, e.partial_r, 1e-8, "partial_r");
      close(r.partial_p, e.partial_p, 1e-7, "partial_p");
      close(r.context_r2, e.context_r2, 1e-6, "context_r2");
      close(r.q_bh, e.q_bh, 1e-7, "q_bh");
      close(r.q_bh_raw, e.q_bh_raw, 1e-7, "q_bh_raw");
    });
  }

  test("the deprivation-only indicator loses (and flips) its association after adjustment", () => {
    const x2 = rows[1];
    assert.ok(x2.spearman_p < 0.05 && x2.partial_p > 0.05);
    assert.ok(x2.context_r2 > 0.5);
  });

  test("direction and polarity are stated in words", () => {
    assert.equal(rows[0].direction, "better rating with higher value");
    assert.equal(rows[0].polarity_agrees, true);
    assert.equal(rows[2].direction, "better rating with lower value");
    assert.equal(rows[2].polarity_agrees, false);
  });

  test("without context the adjusted association is the unadjusted one, and the row says so", () => {
    const [r] = screenIndicators({ ...input, context: [] });
    assert.equal(r.partial_r, r.spearman_rho);
    assert.ok(r.reasons.some((s) => /no context variables/.test(s)));
  });

  test("too few LAs give NaN with a reason, not a number", () => {
    const [r] = screenIndicators({
      indicators: [{ indicator: "x", domain: "child-safe", polarity: "up", values: [1, NaN, NaN, NaN] }],
      outcome: [1, 2, 3, 4], outcomeLowerIsBetter: true, context: [],
    });
    assert.equal(r.n, 1);
    assert.ok(Number.isNaN(r.multiple_r) && Number.isNaN(r.spearman_rho));
    assert.match(r.reasons.join(" "), /at least 3 LAs/);
  });

  test("mismatched lengths are an input error", () => {
    assert.throws(() => screenIndicators({ ...input, outcome: [1, 2] }), /values must have one entry per LA/);
  });
});
