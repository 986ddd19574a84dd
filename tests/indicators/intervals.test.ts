import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { byarInterval, exactPoissonInterval, rateInterval, wilsonInterval } from "../../lib/indicators/intervals";
import { InputError } from "../../lib/errors";
import { assertClose, CLOSED_FORM_TOLERANCE, reference } from "../reference/load-reference";

const ref = reference();
const TOL = CLOSED_FORM_TOLERANCE;

describe("wilsonInterval", () => {
  it("matches the golden values of anchors-and-methods §8", () => {
    const a = wilsonInterval(5, 20);
    assertClose(a.lower, 0.1118617, 1e-6, "lower");
    assertClose(a.upper, 0.4687009, 1e-6, "upper");
    assertClose(wilsonInterval(5, 20, { conf: 0.998 }).lower, 0.0717137, 1e-6, "99.8% lower");
    assertClose(wilsonInterval(0, 12).upper, 0.242494, 1e-6, "x = 0 upper");
    assert.equal(wilsonInterval(0, 12).lower, 0);
  });

  it("matches R (PHE formula) on a grid of x, n and both confidence levels, and prop.test(correct = FALSE)", () => {
    const w = ref.intervals.wilson;
    w.x.forEach((x: number, i: number) => {
      const r = wilsonInterval(x, w.n[i], { conf: w.conf[i] });
      assertClose(r.lower, w.lower[i], TOL, `lower(${x}/${w.n[i]}, ${w.conf[i]})`, 1);
      assertClose(r.upper, w.upper[i], TOL, `upper(${x}/${w.n[i]}, ${w.conf[i]})`, 1);
    });
    const pt = ref.intervals.wilsonPropTest;
    pt.x.forEach((x: number, i: number) => assertClose(wilsonInterval(x, pt.n[i]).upper, pt.upper[i], TOL, `prop.test upper ${x}`, 1));
  });

  it("matches R on the real 2024 counts of looked-after children with a missing incident", () => {
    const w = ref.intervals.wilsonReal;
    assert.ok(w.x.length > 100);
    w.x.forEach((x: number, i: number) => {
      const r = wilsonInterval(x, w.n[i], { multiplier: 100 });
      assertClose(r.lower / 100, w.lower[i], TOL, `LA ${i} lower`, 1);
      assertClose(r.upper / 100, w.upper[i], TOL, `LA ${i} upper`, 1);
      assert.ok(r.lower <= r.estimate && r.estimate <= r.upper, "the interval contains the estimate");
    });
  });

  it("reports missing input explicitly and rejects impossible counts", () => {
    const m = wilsonInterval(NaN, 20);
    assert.equal(m.reason, "missing");
    assert.ok(Number.isNaN(m.lower));
    assert.throws(() => wilsonInterval(5, 0), /wilsonInterval: denominator must be > 0 \(got 0\)/);
    assert.throws(() => wilsonInterval(21, 20), InputError);
    assert.throws(() => wilsonInterval(-1, 20), InputError);
    assert.throws(() => wilsonInterval(1, 20, { conf: 1 }), InputError);
  });
});

describe("exactPoissonInterval and byarInterval", () => {
  it("match the golden values: exact O = 3 [0.6186721, 8.767273], O = 0 upper 3.688879, Byar O = 25 [16.17427, 36.90645]", () => {
    assertClose(exactPoissonInterval(3).lower, 0.6186721, 1e-6, "exact 3 lower");
    assertClose(exactPoissonInterval(3).upper, 8.767273, 1e-6, "exact 3 upper");
    assertClose(exactPoissonInterval(0).upper, 3.688879, 1e-6, "exact 0 upper");
    assert.equal(exactPoissonInterval(0).lower, 0);
    assertClose(byarInterval(25).lower, 16.17427, 1e-6, "byar lower");
    assertClose(byarInterval(25).upper, 36.90645, 1e-6, "byar upper");
  });

  it("exact limits match R's poisson.test at 95% and 99.8%", () => {
    const e = ref.intervals.exactPoisson;
    e.count.forEach((o: number, i: number) => {
      assertClose(exactPoissonInterval(o).lower, e.lower[i], TOL, `lower(${o})`, 1);
      assertClose(exactPoissonInterval(o).upper, e.upper[i], TOL, `upper(${o})`, 1);
      assertClose(exactPoissonInterval(o, { conf: 0.998 }).lower, e.lower998[i], TOL, `lower998(${o})`, 1);
      assertClose(exactPoissonInterval(o, { conf: 0.998 }).upper, e.upper998[i], TOL, `upper998(${o})`, 1);
    });
  });

  it("Byar limits match R (PHE formula) at 95% and 99.8%", () => {
    const b = ref.intervals.byar;
    b.count.forEach((o: number, i: number) => {
      assertClose(byarInterval(o).lower, Math.max(0, b.lower[i]), TOL, `lower(${o})`, 1);
      assertClose(byarInterval(o).upper, b.upper[i], TOL, `upper(${o})`, 1);
      assertClose(byarInterval(o, { conf: 0.998 }).upper, b.upper998[i], TOL, `upper998(${o})`, 1);
    });
  });

  it("Byar for a zero count is NaN with a reason, never a number", () => {
    const r = byarInterval(0);
    assert.ok(Number.isNaN(r.lower) && Number.isNaN(r.upper));
    assert.match(r.reason ?? "", /count > 0/);
  });
});

describe("rateInterval", () => {
  it("uses exact limits below 10 events and Byar from 10, per 10,000 by default", () => {
    const low = rateInterval(9, 20000);
    assert.equal(low.method, "exact");
    assertClose(low.upper, (exactPoissonInterval(9).upper / 20000) * 10000, 1e-14, "exact scaled");
    const high = rateInterval(10, 20000);
    assert.equal(high.method, "byar");
    assertClose(high.estimate, 5, 1e-14, "rate per 10k");
    assertClose(high.lower, (byarInterval(10).lower / 20000) * 10000, 1e-14, "byar scaled");
  });

  it("rejects a zero denominator and reports a missing count", () => {
    assert.throws(() => rateInterval(3, 0), InputError);
    assert.equal(rateInterval(NaN, 100).reason, "missing");
  });
});

describe("intervals at the extremes (audit; tests/reference audit.intervals)", () => {
  const e = ref.intervals;
  const a = ref.audit.intervals;

  it("Wilson matches R for n = 1e9 and 1e12, x = n, x = 0 and n = 3, and prop.test(correct = FALSE)", () => {
    a.wilson.x.forEach((x: number, i: number) => {
      const r = wilsonInterval(x, a.wilson.n[i]);
      assertClose(r.lower, a.wilson.lower[i], TOL, `lower(${x}/${a.wilson.n[i]})`);
      assertClose(r.upper, a.wilson.upper[i], TOL, `upper(${x}/${a.wilson.n[i]})`);
      assertClose(r.upper, a.wilson.propTestUpper[i], TOL, `prop.test upper(${x}/${a.wilson.n[i]})`);
    });
  });

  it("exact Poisson limits match poisson.test for counts of 1e5 and 1e7 and for every real 2024 LA count", () => {
    for (const k of [a.exactHuge, a.exactReal]) {
      assert.ok(k.count.length >= 2);
      k.count.forEach((o: number, i: number) => {
        const r = exactPoissonInterval(o);
        assertClose(r.lower, k.lower[i], TOL, `lower(${o})`);
        assertClose(r.upper, k.upper[i], TOL, `upper(${o})`);
      });
    }
    assert.ok(a.exactReal.count.length > 100, "real counts");
  });

  it("Byar's 99.8% lower limit matches R, and is clamped to 0 where the formula goes negative (O = 1: R gives -0.0028)", () => {
    a.byarLower998.count.forEach((o: number, i: number) => {
      const expected = a.byarLower998.lower998[i];
      assertClose(byarInterval(o, { conf: 0.998 }).lower, Math.max(0, expected), TOL, `lower998(${o})`, 1);
    });
    assert.ok(a.byarLower998.lower998[0] < 0, "the raw formula is negative for O = 1");
    assert.equal(byarInterval(1, { conf: 0.998 }).lower, 0);
    assert.equal(e.byar.count[0], 1);
  });
});
