import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { funnelLimits, funnelSignificance } from "../../lib/indicators/funnel";
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

  it("rate limits match R's exact Poisson limits around the expected count", () => {
    const r = ref.funnel.rate;
    const f = funnelLimits(r.target, r.denominators, { type: "rate" });
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
