import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import {
  chiSquareCdf, chiSquareQuantile, chiSquareUpperTail, fUpperTail, normalCdf, normalQuantile, normalUpperTail,
  tCdf, tQuantile, tTwoSidedP, tUpperTail,
} from "../../lib/stats/distributions";
import { assertClose, CLOSED_FORM_TOLERANCE, reference } from "../reference/load-reference";

const ref = reference().distributions;
/** Upper tails: relative accuracy 1e-12 against R, including p-values far below 1e-12. */
const TAIL_TOLERANCE = 1e-12;

describe("distributions", () => {
  it("t upper tails match R's pt(lower.tail = FALSE) to 1e-12 relative, down to tiny p", () => {
    const { t, df, upper } = ref.t;
    for (let i = 0; i < t.length; i++) assertClose(tUpperTail(t[i], df[i]), upper[i], TAIL_TOLERANCE, `pt(${t[i]}, ${df[i]})`);
    assert.ok(Math.min(...upper) < 1e-12, "the grid reaches p < 1e-12");
  });

  it("two-sided t p-values and the cdf are consistent with the upper tail", () => {
    assertClose(tTwoSidedP(-4, 10), 2 * tUpperTail(4, 10), TAIL_TOLERANCE, "symmetry");
    assertClose(tCdf(-1.96, 3) + tUpperTail(-1.96, 3), 1, 1e-15, "cdf + upper = 1");
  });

  it("F upper tails match R's pf(lower.tail = FALSE) to 1e-12 relative", () => {
    const { f, df1, df2, upper } = ref.f;
    for (let i = 0; i < f.length; i++) assertClose(fUpperTail(f[i], df1[i], df2[i]), upper[i], TAIL_TOLERANCE, `pf(${f[i]}, ${df1[i]}, ${df2[i]})`);
    assert.ok(Math.min(...upper) < 1e-12);
  });

  it("chi-square tails match R's pchisq (also for df in the thousands, where @stdlib's gammainc is wrong), and where jstat's 1 - cdf underflows to 0", () => {
    const { x, df, upper } = ref.chisq;
    for (let i = 0; i < x.length; i++) {
      assertClose(chiSquareUpperTail(x[i], df[i]), upper[i], TAIL_TOLERANCE, `pchisq(${x[i]}, ${df[i]}, lower = FALSE)`);
      assertClose(chiSquareCdf(x[i], df[i]), ref.chisq.lower[i], TAIL_TOLERANCE, `pchisq(${x[i]}, ${df[i]})`);
    }
    assert.ok(chiSquareUpperTail(161, 4) > 1e-34, "jstat issue #182 case is not 0");
    assertClose(chiSquareCdf(3.84, 1) + chiSquareUpperTail(3.84, 1), 1, 1e-15, "cdf + upper = 1");
  });

  it("normal upper tails match R's pnorm(lower.tail = FALSE) down to 1e-198", () => {
    const { z, upper } = ref.normal;
    for (let i = 0; i < z.length; i++) assertClose(normalUpperTail(z[i]), upper[i], TAIL_TOLERANCE, `pnorm(${z[i]})`);
    assertClose(normalCdf(-1.959963984540054), 0.025, 1e-14, "pnorm(-1.96)");
  });

  it("quantiles match qnorm, qt and qchisq", () => {
    ref.qnorm.p.forEach((p: number, i: number) => assertClose(normalQuantile(p), ref.qnorm.q[i], CLOSED_FORM_TOLERANCE, `qnorm(${p})`, 1));
    ref.qt.p.forEach((p: number, i: number) => assertClose(tQuantile(p, ref.qt.df[i]), ref.qt.q[i], CLOSED_FORM_TOLERANCE, `qt(${p}, ${ref.qt.df[i]})`, 1));
    ref.qchisq.p.forEach((p: number, i: number) =>
      assertClose(chiSquareQuantile(p, ref.qchisq.df[i]), ref.qchisq.q[i], CLOSED_FORM_TOLERANCE, `qchisq(${p}, ${ref.qchisq.df[i]})`, 1));
  });

  it("is used instead of jstat, whose 1 - cdf upper tail underflows to 0 (jstat issue #182)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { jStat } = require("jstat") as { jStat: { chisquare: { cdf(x: number, k: number): number } } };
    assert.equal(1 - jStat.chisquare.cdf(161, 4), 0, "jstat loses the tail entirely");
    assertClose(chiSquareUpperTail(161, 4), 8.921786279068105e-34, TAIL_TOLERANCE, "R: pchisq(161, 4, lower.tail = FALSE)");
  });

  it("returns NaN for impossible parameters, as R does", () => {
    assert.ok(Number.isNaN(tUpperTail(1, 0)));
    assert.ok(Number.isNaN(fUpperTail(1, -1, 3)));
    assert.ok(Number.isNaN(chiSquareUpperTail(NaN, 3)));
    assert.ok(Number.isNaN(chiSquareQuantile(1.5, 3)));
    assert.equal(chiSquareQuantile(0.5, 0), 0, "df = 0 is the point mass at 0");
  });
});
