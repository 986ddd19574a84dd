/**
 * The profile's quartile band puts a value equal to a quartile in the better band for either polarity: a walkthrough
 * found Leeds' agency share 100 (= q75 = max, higher better) ranked 1 but in band B, while a value equal to q25 of a
 * lower-is-better indicator went to A (LAIT's right-closed bands favour low values whatever the polarity).
 */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { quartileBand } from "../../lib/indicators/quartiles";
import { profileBand } from "../../lib/profile/period-distribution";

const bounds = Object.freeze({ q0: 1, q25: 2, q50: 3, q75: 4, q100: 5, n: 5 });

describe("profileBand", () => {
  it("puts a value at a quartile in the better band, higher or lower better alike (mirror images)", () => {
    assert.equal(profileBand(4, bounds, "up"), "A");
    assert.equal(profileBand(2, bounds, "down"), "A");
    assert.equal(profileBand(3, bounds, "up"), "B");
    assert.equal(profileBand(3, bounds, "down"), "B");
    assert.equal(profileBand(2, bounds, "up"), "C");
    assert.equal(profileBand(4, bounds, "down"), "C");
    for (const v of [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]) assert.equal(profileBand(v, bounds, "up"), profileBand(6 - v, { q0: 1, q25: 2, q50: 3, q75: 4, q100: 5, n: 5 }, "down"), String(v));
  });
  it("is LAIT's band where no quartile is tied, and null where LAIT's is", () => {
    for (const v of [1.5, 2.5, 3.5, 4.5]) for (const p of ["up", "down"] as const) assert.equal(profileBand(v, bounds, p), quartileBand(v, bounds, p));
    assert.equal(profileBand(3, bounds, "none"), null);
    assert.equal(profileBand(6, bounds, "up"), null);
    assert.equal(profileBand(NaN, bounds, "up"), null);
  });
});
