/**
 * A published value rounded outside its own 95% interval, which comes from the counts, says what the interval is of:
 * a walkthrough found Leeds' children away without authorisation published as 1 with the interval 0.3–1.0 of
 * 11 of 1,999 = 0.55%.
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { roundedValueNote } from "../../lib/profile/build-indicator";

const official = { unit: "percent", source: "EES la_cla_missing*.csv: percentage" } as const;

describe("roundedValueNote", () => {
  it("names the counts of an official value outside its interval, and the value they give", () => {
    assert.equal(roundedValueNote(1, { value: 1, numerator: 11, denominator: 1999 }, { lower95: 0.31, upper95: 0.98 }, official),
      "published rounded to 1; 11 of 1,999 = 0.55, the value the interval is of");
  });
  it("gives no counts of unpublished data, only the value they give", () => {
    assert.equal(roundedValueNote(1, { value: 1, numerator: 11, denominator: 1999 }, { lower95: 0.31, upper95: 0.98 }, { unit: "percent", source: "own data" }),
      "published rounded to 1; the counts give 0.55, the value the interval is of");
  });
  it("says nothing of a value inside its interval, without counts, or of a unit without intervals", () => {
    assert.equal(roundedValueNote(0.6, { value: 0.6, numerator: 11, denominator: 1999 }, { lower95: 0.31, upper95: 0.98 }, official), null);
    assert.equal(roundedValueNote(1, { value: 1, numerator: null, denominator: 1999 }, { lower95: 0.31, upper95: 0.98 }, official), null);
    assert.equal(roundedValueNote(1, { value: 1, numerator: 11, denominator: 0 }, { lower95: 0.31, upper95: 0.98 }, official), null);
    assert.equal(roundedValueNote(1, { value: 1, numerator: 11, denominator: 1999 }, { lower95: 0.31, upper95: 0.98 }, { unit: "score", source: "EES x" }), null);
  });
});
