import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { linearFitBand } from "../../lib/plots/fit-band";

// reference: tests/plots/reference/fit-band.R (R 4.2.2, predict.lm interval = "confidence")
const x = Object.freeze([1, 2, 3, 4, 5.5, 7, 8]);
const y = Object.freeze([2.1, 3.9, 6.2, 7.8, 11.5, 13.6, 16.9]);
const R = {
  intercept: -0.1262831858,
  slope: 2.0617699115,
  fit: [1.93548672566, 5.5435840708, 9.15168141593, 12.75977876106, 16.36787610619],
  lwr: [1.17998053667, 5.01470711226, 8.71139392775, 12.20012144936, 15.56925195169],
  upr: [2.69099291466, 6.07246102933, 9.59196890411, 13.31943607277, 17.1665002607],
};
const TOL = 1e-9;

describe("linearFitBand", () => {
  it("gives R's line and 95% confidence band for the mean (to 1e-9)", () => {
    const band = linearFitBand(x, y, { points: 5 });
    assert.ok(Math.abs(band.intercept - R.intercept) < TOL);
    assert.ok(Math.abs(band.slope - R.slope) < TOL);
    for (let i = 0; i < 5; i++) {
      assert.ok(Math.abs(band.fit[i] - R.fit[i]) < TOL, `fit[${i}]`);
      assert.ok(Math.abs(band.lower[i] - R.lwr[i]) < TOL, `lower[${i}]`);
      assert.ok(Math.abs(band.upper[i] - R.upr[i]) < TOL, `upper[${i}]`);
    }
    assert.equal(band.n, 7);
  });

  it("drops incomplete pairs and reports the n it used", () => {
    const band = linearFitBand([...x, NaN, 3], [...y, 4, NaN], { points: 5 });
    assert.equal(band.n, 7);
    assert.ok(Math.abs(band.slope - R.slope) < TOL);
  });

  it("refuses fewer than 3 pairs and a constant x", () => {
    assert.throws(() => linearFitBand([1, 2], [1, 2]), InputError);
    assert.throws(() => linearFitBand([2, 2, 2, 2], [1, 2, 3, 4]), /constant/);
  });
});
