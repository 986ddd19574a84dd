import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { countsOfShareDigits, derivedCountOfRow, intervalColumns, wilsonCounts, wilsonDenominator, MIN_SHARE_DIGITS } from "../../lib/disclosure/derived-counts";
import { wilsonInterval, zForConfidence } from "../../lib/indicators/intervals";
import { createRng } from "../../lib/stats/random";

/** R's prop.test intervals written by write.csv (15 significant digits): tests/disclosure/reference/wilson-bounds.R. */
const R_REFERENCE = fs
  .readFileSync(path.join(__dirname, "reference", "wilson-bounds.csv"), "utf8")
  .split("\n")
  .filter((l) => l !== "" && !l.startsWith("#"))
  .slice(1)
  .map((l) => l.split(","));

/** A copy of a row with one cell changed (the row itself is left as it is). */
const withCell = (row: readonly string[], k: number, text: string) => row.map((cell, i) => (i === k ? text : cell));

const pair = (d: { numerator: number; denominator: number } | null) => (d === null ? null : [d.numerator, d.denominator]);

test("the closed form gives the denominator of a Wilson interval from its centre and half-width", () => {
  const z = zForConfidence(0.95);
  for (const [x, n] of [[301, 2971], [0, 120], [53, 106], [7, 7], [99_999, 100_000]]) {
    const w = wilsonInterval(x, n);
    const n̂ = wilsonDenominator((w.lower + w.upper) / 2, (w.upper - w.lower) / 2, z);
    assert.ok(Math.abs(n̂ - n) < 1e-6 * n, `${x} of ${n}: ${n̂}`);
  }
});

test("every count and denominator up to 150, and 300 drawn up to a million, come back exactly from the value and Wilson bounds the workbench writes", () => {
  const failures: string[] = [];
  const check = (x: number, n: number, conf: number, per: number) => {
    const w = wilsonInterval(x, n, { conf, multiplier: per });
    const d = wilsonCounts(String(w.estimate), String(w.lower), String(w.upper), { conf, per });
    if (d === null || d.numerator !== x || d.denominator !== n) failures.push(`${x} of ${n} at ${conf} per ${per}: ${JSON.stringify(d)}`);
  };
  for (let n = 1; n <= 150; n++) for (let x = 0; x <= n; x++) check(x, n, 0.95, 100);
  const rng = createRng(20261207);
  for (let k = 0; k < 300; k++) {
    const n = 1 + Math.floor(rng.nextFloat() * 1_000_000);
    check(Math.floor(rng.nextFloat() * (n + 1)), n, k % 3 === 0 ? 0.998 : 0.95, k % 2 === 0 ? 100 : 1);
  }
  assert.deepEqual(failures, []);
});

test("R's prop.test bounds, written to 15 digits, give back their counts; so do its values, in lowest terms", () => {
  assert.equal(R_REFERENCE.length, 12);
  for (const [x, n, value, lower95, upper95, lower998, upper998] of R_REFERENCE) {
    const expected = [Number(x), Number(n)];
    assert.deepEqual(pair(wilsonCounts(value, lower95, upper95)), expected, `${x} of ${n} at 95%`);
    assert.deepEqual(pair(wilsonCounts(value, lower998, upper998, { conf: 0.998 })), expected, `${x} of ${n} at 99.8%`);
    const digits = countsOfShareDigits(value);
    if (digits !== null) assert.equal(digits.numerator * Number(n), digits.denominator * Number(x), `${value} is ${x} of ${n}`);
  }
  // 301 of 2971 is in lowest terms; 302 of 2972 is 151 of 1486
  assert.deepEqual(pair(countsOfShareDigits(R_REFERENCE[0][2])), [301, 2971]);
  assert.deepEqual(pair(countsOfShareDigits(R_REFERENCE[1][2])), [151, 1486]);
});

test("bounds rounded too coarsely to tell the denominator give nothing; at one decimal, a small denominator still comes back", () => {
  const w = wilsonInterval(301, 2971, { multiplier: 100 });
  assert.equal(wilsonCounts(w.estimate.toFixed(1), w.lower.toFixed(1), w.upper.toFixed(1)), null);
  const small = wilsonInterval(25, 40, { multiplier: 100 });
  assert.deepEqual(pair(wilsonCounts("62.5", small.lower.toFixed(1), small.upper.toFixed(1))), [25, 40]);
  assert.equal(wilsonCounts("62.5", "47.0", "75.8", { conf: 0.998 }), null, "a 95% interval read as 99.8% fits nothing");
  // a value rounded to a whole percentage beside bounds of 5 decimals: the bounds' centre gives the count
  const large = wilsonInterval(7000, 70_000, { multiplier: 100 });
  assert.deepEqual(pair(wilsonCounts("10", large.lower.toFixed(5), large.upper.toFixed(5))), [7000, 70_000]);
  assert.equal(wilsonCounts("62.5", "75.8", "47.0"), null, "bounds the wrong way round");
  assert.equal(wilsonCounts("62.5", "62.5", "62.5"), null, "an interval of no width");
});

test("a value's digits give the fraction with the smallest denominator that reproduces them, only from 12 significant digits", () => {
  assert.deepEqual(countsOfShareDigits("12.999540652273772"), { numerator: 283, denominator: 2177, derived: { from: "digits", digits: 17 } });
  assert.deepEqual(pair(countsOfShareDigits(String((283 / 2178) * 100))), [283, 2178]);
  assert.deepEqual(pair(countsOfShareDigits("0.1299954065227377", 1)), [283, 2177], "a proportion");
  assert.deepEqual(pair(countsOfShareDigits("33.333333333333336")), [1, 3]);
  assert.equal(countsOfShareDigits("12.9995"), null, "6 digits");
  assert.equal(countsOfShareDigits("12.999540652"), null, "11 digits");
  assert.equal(MIN_SHARE_DIGITS, 12);
  assert.equal(countsOfShareDigits("100.00000000000000"), null, "all");
  assert.equal(countsOfShareDigits("0.0000000000000"), null, "none");
  assert.equal(countsOfShareDigits("1e-300"), null);
  assert.equal(countsOfShareDigits("12.3.4"), null);
  assert.equal(countsOfShareDigits(""), null);
  assert.equal(countsOfShareDigits("1" + "2".repeat(200)), null, "200 digits");
});

test("reals that are no fraction of people (means, roots, draws) give no count from their digits", () => {
  const rng = createRng(7);
  const derived: string[] = [];
  const reals = [Math.PI * 10, Math.SQRT2 * 50, Math.E * 20, ...Array.from({ length: 20_000 }, () => rng.nextFloat() * 100)];
  for (const v of reals) {
    const d = countsOfShareDigits(String(v));
    if (d !== null) derived.push(`${v}: ${d.numerator} of ${d.denominator}`);
  }
  assert.deepEqual(derived, []);
});

test("a row's count comes from its Wilson bounds when its method says Wilson, else from its digits, and only on a share's scale", () => {
  const header = ["la_code", "period", "indicator", "value", "lower", "upper", "conf", "method"];
  const columns = intervalColumns(header);
  assert.deepEqual(columns, { lower: 4, upper: 5, conf: 6, method: 7 });
  const w = wilsonInterval(166, 1340, { multiplier: 100 });
  const row = ["E06000001", "2023", "cla_substance_misuse_pct", String(w.estimate), String(w.lower), String(w.upper), "0.95", "wilson"];
  assert.deepEqual(derivedCountOfRow(row, 3, columns, 100), { numerator: 166, denominator: 1340, derived: { from: "wilson", conf: 0.95 } });
  assert.deepEqual(derivedCountOfRow(row, 3, columns, undefined)?.denominator, 1340, "Wilson bounds fit one scale only");
  assert.deepEqual(derivedCountOfRow(withCell(row, 6, "95%"), 3, columns, 100)?.denominator, 1340);
  // not Wilson, or no method: the digits alone, in lowest terms
  assert.deepEqual(derivedCountOfRow(withCell(row, 7, "byar"), 3, columns, 100), { numerator: 83, denominator: 670, derived: { from: "digits", digits: 17 } });
  assert.equal(derivedCountOfRow(withCell(row, 7, "byar"), 3, columns, undefined), null, "digits only on a share's scale");
  assert.equal(derivedCountOfRow(withCell(row, 6, "most"), 3, columns, undefined), null, "a level that cannot be read");
  const phe = intervalColumns(["AreaCode", "indicator", "value", "lowercl", "uppercl", "confidence", "method"]);
  assert.deepEqual(phe, { lower: 3, upper: 4, conf: 5, method: 6 });
  assert.equal(derivedCountOfRow(["E06000001", "x_pct", w.estimate.toFixed(1), w.lower.toFixed(1), w.upper.toFixed(1), "95%", "Wilson"], 2, phe, 100), null, "rounded: nothing");
});
