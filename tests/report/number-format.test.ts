import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { formatNumberAs, formatPercent, formatPValue, pValueAfterName, P_VALUE_FLOOR } from "../../lib/report/number-format";

describe("formatPValue", () => {
  it("prints values below the floor as <0.001 and others with 3 significant digits", () => {
    assert.equal(formatPValue(0), "<0.001");
    assert.equal(formatPValue(0.000038), "<0.001");
    assert.equal(formatPValue(P_VALUE_FLOOR), "0.00100");
    assert.equal(formatPValue(0.0014496), "0.00145");
    assert.equal(formatPValue(0.01234), "0.0123");
    assert.equal(formatPValue(0.5), "0.500");
    assert.equal(formatPValue(1), "1.00");
  });

  it("refuses what cannot be a probability", () => {
    assert.throws(() => formatPValue(-0.1), InputError);
    assert.throws(() => formatPValue(1.5), InputError);
    assert.throws(() => formatPValue(NaN), InputError);
  });
});

describe("formatPercent", () => {
  it("writes a fraction as a percentage with fixed decimals", () => {
    assert.equal(formatPercent(0.973), "97.3%");
    assert.equal(formatPercent(1), "100.0%");
    assert.equal(formatPercent(0.8, 0), "80%");
    assert.equal(formatPercent(0), "0.0%");
  });

  it("refuses a non-finite fraction or bad digits", () => {
    assert.throws(() => formatPercent(Infinity), InputError);
    assert.throws(() => formatPercent(0.5, -1), InputError);
  });
});

describe("formatNumberAs", () => {
  it("keeps at most `digits` decimals as number, exactly `digits` as fixed", () => {
    assert.equal(formatNumberAs(0.13, "number", 3), "0.13");
    assert.equal(formatNumberAs(0.13, "fixed", 3), "0.130");
    assert.equal(formatNumberAs(-0.04, "fixed", 3), "-0.040");
    assert.equal(formatNumberAs(146, "number", 3), "146");
    assert.equal(formatNumberAs(123456.7, "number", 0), "123,457");
  });

  it("never prints a small non-zero number as 0", () => {
    assert.equal(formatNumberAs(0.000312, "number", 3), "0.00031");
    assert.equal(formatNumberAs(0.000312, "fixed", 3), "0.00031");
    assert.equal(formatNumberAs(0.000312, "p-value"), "<0.001");
  });

  it("refuses an unknown format", () => {
    assert.throws(() => formatNumberAs(1, "roman" as never), InputError);
  });
});

describe("pValueAfterName", () => {
  it("writes a p after its name with formatPValue's number: '< 0.001' or '= 0.0123', '= NA' when missing", () => {
    assert.equal(pValueAfterName(0.0000381), "< 0.001");
    assert.equal(pValueAfterName(0.01234), "= 0.0123");
    assert.equal(pValueAfterName(0.001), "= 0.00100");
    assert.equal(pValueAfterName(NaN), "= NA");
    assert.equal(pValueAfterName(1), `= ${formatPValue(1)}`);
  });
});
