import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { benjaminiHochberg, holm } from "../../lib/stats/multiple-testing";
import { InputError } from "../../lib/errors";
import { assertAllClose, CLOSED_FORM_TOLERANCE, frozen, reference } from "../reference/load-reference";

const ref = reference().multiple;

describe("benjaminiHochberg and holm", () => {
  it("reproduce the golden values: BH [0.03, 0.06, 0.06, 0.24, 0.5, 0.006], Holm [0.05, 0.12, 0.12, 0.4, 0.5, 0.006]", () => {
    const p = frozen([0.01, 0.04, 0.03, 0.2, 0.5, 0.001]);
    assertAllClose(benjaminiHochberg(p).adjusted, [0.03, 0.06, 0.06, 0.24, 0.5, 0.006], 1e-12, "BH");
    assertAllClose(holm(p).adjusted, [0.05, 0.12, 0.12, 0.4, 0.5, 0.006], 1e-12, "Holm");
  });

  it("match R's p.adjust, keeping NA as NaN and not counting it in m", () => {
    assertAllClose(benjaminiHochberg(ref.golden.p).adjusted, ref.golden.bh, CLOSED_FORM_TOLERANCE, "BH");
    const bh = benjaminiHochberg(ref.withNA.p);
    assertAllClose(bh.adjusted, ref.withNA.bh, CLOSED_FORM_TOLERANCE, "BH with NA");
    assert.equal(bh.m, 8);
    assert.equal(bh.nMissing, 2);
    assertAllClose(holm(ref.withNA.p).adjusted, ref.withNA.holm, CLOSED_FORM_TOLERANCE, "Holm with NA");
  });

  it("never lowers a p-value and keeps the order of the raw p-values", () => {
    const p = ref.withNA.p.filter((v: number) => !Number.isNaN(v));
    const q = benjaminiHochberg(p).adjusted;
    const h = holm(p).adjusted;
    p.forEach((v: number, i: number) => assert.ok(q[i] >= v && h[i] >= q[i] - 1e-15 && q[i] <= 1));
  });

  it("rejects values outside [0, 1]", () => {
    assert.throws(() => benjaminiHochberg([0.1, 1.2]), InputError);
    assert.throws(() => holm([-0.1]), InputError);
  });
});

describe("benjaminiHochberg and holm at the edges (audit)", () => {
  const edge = reference().audit.multiple;

  it("match p.adjust for a single test, exact 0 and 1, ties and 1e-300", () => {
    for (const k of ["single", "zerosOnesTies"]) {
      const p = frozen(edge[k].p);
      assertAllClose(benjaminiHochberg(p).adjusted, edge[k].bh, CLOSED_FORM_TOLERANCE, `${k} BH`);
      assertAllClose(holm(p).adjusted, edge[k].holm, CLOSED_FORM_TOLERANCE, `${k} Holm`);
    }
  });

  it("return NaN for every value when all are missing (m = 0), as p.adjust returns NA", () => {
    const bh = benjaminiHochberg(frozen(edge.allMissing.p));
    assertAllClose(bh.adjusted, edge.allMissing.bh, CLOSED_FORM_TOLERANCE, "BH");
    assert.equal(bh.m, 0);
    assertAllClose(holm(edge.allMissing.p).adjusted, edge.allMissing.holm, CLOSED_FORM_TOLERANCE, "Holm");
  });
});
