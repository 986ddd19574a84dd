import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { quantile, quantileSorted } from "../../lib/stats/quantile";
import { InputError } from "../../lib/errors";
import { assertAllClose, CLOSED_FORM_TOLERANCE, reference } from "../reference/load-reference";

const ref = reference().quantiles;

describe("quantile", () => {
  it("matches R's quantile(type = 7)", () => {
    const q = quantile(Object.freeze(ref.x.slice()), ref.probs);
    assertAllClose(q.values, ref.type7, CLOSED_FORM_TOLERANCE, "type 7");
    assert.equal(q.n, 150);
  });

  it("drops NaN and reports how many", () => {
    assert.deepEqual(quantile([1, NaN, 2, 3, 4], [0.5, 0.25]), { values: [2.5, 1.75], n: 4, nMissing: 1 });
    assert.throws(() => quantile([1, 2], [1.5]), InputError);
  });

  it("quantileSorted interpolates type 7 on a frozen sorted array, with probs given frozen too", () => {
    const sorted = Object.freeze(ref.x.filter((v: number) => !Number.isNaN(v)).sort((a: number, b: number) => a - b)) as number[];
    ref.probs.forEach((p: number, i: number) => assertAllClose([quantileSorted(sorted, p)], [ref.type7[i]], CLOSED_FORM_TOLERANCE, `p = ${p}`));
    assert.deepEqual(quantile([4, 1, 3, 2], Object.freeze([0.25]) as number[]).values, [1.75]);
    assert.ok(Number.isNaN(quantileSorted([], 0.5)), "empty: NaN");
  });
});
