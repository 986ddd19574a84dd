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

describe("formatNumberAs and formatPercent write what toLocaleString writes (the formatters are made once)", () => {
  it("for numbers of every size, sign and decimals", () => {
    const values = [0, -0, 1, -1, 0.5, 0.125, -0.125, 0.0004999, 0.00051, 1234.5678, 9999.5, 10000, -123456.789, 1e9 + 0.5, 2.675, 1.005];
    for (const v of values) {
      for (const d of [0, 1, 2, 3, 5]) {
        const tiny = v !== 0 && Math.abs(v) < 0.5 * 10 ** -d;
        const grouping = Math.abs(v) >= 10000;
        assert.equal(formatNumberAs(v, "number", d), tiny ? v.toPrecision(2) : v.toLocaleString("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: d, useGrouping: grouping }));
        assert.equal(formatNumberAs(v, "fixed", d), tiny ? v.toPrecision(2) : v.toLocaleString("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: grouping }));
        assert.equal(formatPercent(v, d), `${(100 * v).toLocaleString("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d })}%`);
      }
    }
  });
});
