import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { correlationMatrix } from "../../lib/stats/correlation-matrix";
import { pearson } from "../../lib/stats/pearson";
import { spearman } from "../../lib/stats/spearman";
import { assertAllClose, CLOSED_FORM_TOLERANCE, reference } from "../reference/load-reference";

const ref = reference().corMatrix;
const cols: number[][] = ref.columns.map((k: string) => Object.freeze(ref.X[k].slice()));

describe("correlationMatrix", () => {
  it("matches R's cor(use = 'pairwise.complete.obs') for Pearson and Spearman, with pairwise n", () => {
    const pe = correlationMatrix(cols);
    assertAllClose(pe.r, ref.pearson, CLOSED_FORM_TOLERANCE, "pearson", 1);
    assert.deepEqual(Array.from(pe.n), ref.n);
    assertAllClose(correlationMatrix(cols, { method: "spearman" }).r, ref.spearman, CLOSED_FORM_TOLERANCE, "spearman", 1);
  });

  it("agrees with pearson() and spearman() pair by pair, including p-values", () => {
    const pe = correlationMatrix(cols);
    const sp = correlationMatrix(cols, { method: "spearman" });
    const m = cols.length;
    for (let a = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        const one = pearson(cols[a], cols[b]);
        assert.equal(pe.n[a * m + b], one.n);
        assert.ok(Math.abs(pe.p[a * m + b] - one.p) <= 1e-12 * Math.max(one.p, 1e-300));
        assert.ok(Math.abs(sp.r[b * m + a] - spearman(cols[a], cols[b]).r) < 1e-14);
      }
    }
  });
});
