/**
 * add checks each row as it is read (row-checks.ts) and keeps no row once an error is found: the errors must still be
 * listed in the order they were when the checks ran after the whole file (the rows' own, the unmatched LAs, then by
 * unit, then against the counts), capped at 200 across them, and a plan with errors must not pretend to have content.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage } from "../../../lib/data/package";
import { planOwnData } from "../../../lib/data/own-data/add";
import { MAX_LISTED_ERRORS } from "../../../lib/data/own-data/capped-errors";
import { tempFile, writeFixturePackage } from "./fixture";

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;
const LONG = "la_code,period,indicator,value,numerator,denominator\n";

test("errors found row by row are listed as the checks after the file listed them: cells, unmatched LAs, units, counts", () => {
  const text = `${LONG}E06000023,2024,my_pct,0.62,31,50\nE06000010,2024,my_pct,145,,\nE99999999,2024,my_pct,1,,\nE08000013,2024,my_pct,abc,,\n`;
  const plan = planOwnData(readPackage(writeFixturePackage()), tempFile("order.csv", text), { metadata: META });
  const where = plan.errors.map((e) => `${e.row} ${e.column}`);
  assert.deepEqual(where, ["4 value", "3 la_code", "2 value", "1 value"]);
  assert.match(plan.errors[2].message, /expected a percentage from 0 to 100/);
  assert.match(plan.errors[3].message, /expected 62 \(100 × numerator 31 \/ denominator 50\)/);
});

test("the 200 listed errors run on from the rows' own to those by unit, and every error is counted", () => {
  const bad = Array.from({ length: 150 }, (_, k) => `E06000023,${1995 + (k % 25)},bad_${k},abc,,\n`).join("");
  const over = Array.from({ length: 100 }, (_, k) => `E06000010,${1995 + (k % 25)},over_${k},145,,\n`).join("");
  const plan = planOwnData(readPackage(writeFixturePackage()), tempFile("many.csv", `${LONG}${bad}${over}`), { metadata: META });
  assert.equal(plan.errors.length, MAX_LISTED_ERRORS);
  assert.equal(plan.errorCount, 250);
  assert.match(plan.errors[149].message, /row 150, column "value": got "abc"/);
  assert.match(plan.errors[150].message, /row 151, column "value": got "145", expected a percentage from 0 to 100/);
});

test("a plan with errors has no content: its rows were not kept", () => {
  const plan = planOwnData(readPackage(writeFixturePackage()), tempFile("one-bad.csv", `${LONG}E06000023,2024,my_pct,45,,\nE06000010,2024,my_pct,abc,,\n`), { metadata: META });
  assert.equal(plan.errors.length, 1);
  assert.throws(() => plan.content, /one-bad\.csv has no content to add: 1 error/);
  const good = planOwnData(readPackage(writeFixturePackage()), tempFile("good.csv", `${LONG}E06000023,2024,my_pct,45,,\nE06000010,2024,my_pct,46,,\n`), { metadata: META });
  assert.deepEqual(good.content.indicators.filter((r) => r.indicator === "my_pct").map((r) => r.value), [45, 46]);
});
