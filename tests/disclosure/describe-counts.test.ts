/**
 * pandas' `describe()` printed (lib/disclosure/printed-frames.ts): grouped by an LA over a table of children, its
 * `count` is each LA's children (a hostile review's 3.0 passed, round 23, L9); grouped by regions, grades or years, or
 * ungrouped, it counts LAs or rows of LA indicators and is not a finding (the review's Held list). Made-up values.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const scan = (text: string) => scanFileText("out.txt", text, { threshold: 10 }).findings;
const small = (text: string) => scan(text).filter((f) => f.rule === "small-count").map((f) => f.value);
const lines = (...l: string[]) => `${l.join("\n")}\n`;

const byLa = lines(
  "            count       mean       std  min   25%   50%    75%   max",
  "la_name                                                             ",
  "Hartlepool    3.0  12.000000  2.000000 10.0  11.0  12.0  13.00  14.0",
  "Kent         90.0  11.200000  4.100000  0.0   8.0  12.0  15.00  17.0",
  "Leeds        80.0  10.900000  4.300000  0.0   8.0  11.0  14.25  17.0",
);

test("describe() grouped by LA: its count is each LA's rows, a finding that says how to name rows that are not children", () => {
  const found = scan(byLa);
  assert.deepEqual(found.map((f) => f.value), ["3.0"]);
  assert.match(found[0].message, /column "count of rows per la_name": the rows counted may be children; if they are LAs, years or indicators, name the column/);
  // renamed for what it counts (a panel's years per LA), it is read by its name
  assert.deepEqual(small(byLa.replace("count  ", "n_years")), []);
  // grouped by another grouping of records (ethnicity of children): read as a count too
  assert.deepEqual(small(byLa.replace("la_name", "ethnicity")), ["3.0"]);
});

test("describe() grouped by LA whose counts are all 10 or more: its whole-number quartiles are not parts of a count", () => {
  assert.deepEqual(scan(byLa.replace("    3.0", "   30.0")), []);
});

test("describe() of LA indicators by region, grade or year, ungrouped, or of a Series: no finding", () => {
  const byRegion = lines(
    "                          count        mean        std   min    25%    50%     75%    max",
    "region                                                                                   ",
    "East Midlands               9.0   62.111111  14.200000  41.0  52.00   60.0   70.00   88.0",
    "London                     33.0   50.151515  15.900000  22.0  38.00   49.0   60.00   90.0",
  );
  assert.deepEqual(scan(byRegion), []);
  for (const by of ["ofsted_rating", "year", "imd_decile"]) assert.deepEqual(scan(byRegion.replace("region", by.padEnd(6))), [], by);
  const frame = lines("       cla_rate_per_10k  care_leavers_eet_19_21_pct", "count          9.000000                   8.000000", "mean          62.111111                  55.000000", "min           41.000000                  44.000000");
  assert.deepEqual(scan(frame), []);
  const series = lines("count     7.000000", "mean     22.300000", "std       3.100000", "min      18.000000", "max      27.000000", "Name: cla_ks4_att8, dtype: float64");
  assert.deepEqual(scan(series), []);
});
