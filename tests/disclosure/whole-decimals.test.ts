/**
 * A count written with a point and zeros (`3.0`, `3.00`) is the count: pandas prints, and `to_csv` writes, a column of
 * counts as floats once a value in it is missing. A hostile review (round 23, D2) passed each of these with 0 findings.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => f.value);

test("a whole-valued decimal in a count column of a CSV, a printed frame and a printed Series is a count", () => {
  assert.deepEqual(small("t.csv", "la_name,children\nHartlepool,3.0\nLeeds,80.0\nSheffield,120.0\n"), ["3.0"]);
  assert.deepEqual(small("t.csv", "la_name,children\nHartlepool,3.00\nLeeds,80.00\n"), ["3.00"]);
  assert.deepEqual(small("t.txt", "      la_name  children\n0  Hartlepool       3.0\n1       Leeds      80.0\n2   Sheffield     120.0\n"), ["3.0"]);
  assert.deepEqual(small("t.txt", "la_name\nHartlepool      3.0\nLeeds          80.0\nSheffield     120.0\nName: children, dtype: float64\n"), ["3.0"]);
  assert.deepEqual(small("t.txt", "la_name\nHartlepool      3.0\nLeeds          80.0\nName: count, dtype: float64\n"), ["3.0"]);
});

test("a column of whole-valued decimals never above a count beside it is a part of that count", () => {
  assert.deepEqual(small("t.csv", "la_name,children,adopted\nHartlepool,120,3.0\nLeeds,80,40.0\n"), ["3.0"]);
});

test("a decimal that is not whole, or a whole decimal that is not a count, is not a small count", () => {
  assert.deepEqual(small("t.csv", "la_name,children\nHartlepool,3.5\nLeeds,80.0\n"), []);
  assert.deepEqual(small("t.csv", "la_name,rate\nHartlepool,3.0\nLeeds,80.0\n"), []);
  assert.deepEqual(small("t.csv", "la_name,children,rate\nHartlepool,120,3.0\nLeeds,80,4.5\n"), []);
});
