import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage } from "../../../lib/data/package";
import { planOwnData } from "../../../lib/data/own-data/add";
import { areaMatcher } from "../../../lib/data/own-data/match-areas";
import { cellHint } from "../../../lib/data/own-data/cell-hints";
import { REORGANISED_AREAS } from "../reorganised-las-fixture";
import { FIXTURE_AREAS, tempFile, writeFixturePackage } from "./fixture";

// add's hints that a user trial found missing or misleading (r26, S3)

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;

test("a cell '<5' is told to write c, the symbol of a suppressed value", () => {
  for (const cell of ["<5", "< 10", "<=3", "≤5"]) assert.match(cellHint(cell), /^; for a value withheld for small numbers write c, DfE's symbol for a suppressed value \(it stays missing with that reason\), not "/, cell);
  const pkg = readPackage(writeFixturePackage());
  const plan = planOwnData(pkg, tempFile("s.csv", "la_code,period,my_pct\nE06000023,2024,<5\n"), { metadata: META });
  assert.deepEqual(plan.errors.map((e) => [e.row, e.column, e.value]), [[1, "my_pct", "<5"]]);
  assert.match(plan.errors[0].expected, /write c, DfE's symbol for a suppressed value/);
});

test("a number with thousands separators is told to drop them, giving the number", () => {
  assert.match(cellHint("1,234"), /^; write the number without thousands separators \(1234\): /);
  assert.match(cellHint("12,345.6"), /\(12345\.6\)/);
  assert.match(cellHint("-1,234,567"), /\(-1234567\)/);
  // a decimal comma, or a list, is not a thousands separator
  for (const cell of ["12,5", "1,23", "1,2345", "a,b"]) assert.equal(cellHint(cell), "", cell);
});

test("an LA number with a leading zero is said to be one, with the LA its 3 digits number and what to write", () => {
  const m = areaMatcher(FIXTURE_AREAS);
  assert.deepEqual(m.match("0801", "code", 2024), {
    kind: "unmatched",
    reason: `"0801" looks like a DfE LA number with a leading zero: LA numbers are matched as DfE's 3-digit numbers (805), ONS codes as E06000001, names as written; 801 is Bristol, City of (E06000023): write 801`,
    suggestions: [],
  });
  // by the period, a number two LAs had (Dorset's 838 is the unitary's; 835 the county's)
  assert.match((m.match("0835", "number", 2018) as { reason: string }).reason, /835 is Dorset \(E10000009\): write 835$/);
  for (const n of ["12", "0999", "80123"]) {
    assert.deepEqual(m.match(n, "code", 2024), { kind: "unmatched", reason: `"${n}" is a number but not a DfE LA number of areas.csv: LA numbers are matched as DfE's 3-digit numbers (805), ONS codes as E06000001, names as written`, suggestions: [] });
  }
});

test("a name is offered the LAs of its period: Christchurch in 2018 is told BCP began in 2020 and what it replaced", () => {
  const m = areaMatcher(REORGANISED_AREAS);
  assert.deepEqual(m.match("Christchurch", "name", 2018), {
    kind: "unmatched",
    reason: 'no LA named "Christchurch" in areas.csv; the close name Bournemouth, Christchurch and Poole (E06000058) existed from 2020, not in 2018; the LAs it replaced (until 2019): Bournemouth (E06000028), Poole (E06000029), Dorset (E10000009)',
    suggestions: [],
  });
  // in 2024 BCP is the LA to suggest
  assert.deepEqual(m.match("Christchurch", "name", 2024), { kind: "unmatched", reason: 'no LA named "Christchurch" in areas.csv', suggestions: ["Bournemouth, Christchurch and Poole"] });
  // a typo of an LA of another period: its successor named, not a far LA of the period offered
  assert.match((m.match("Bournmouth", "name", 2024) as { reason: string }).reason, /the close name Bournemouth \(E06000028\) existed until 2019, not in 2024; the LA that replaced it from 2020: Bournemouth, Christchurch and Poole \(E06000058\)$/);
  // a typo of an LA of the period: suggested as before
  assert.deepEqual(m.match("Leds", "name", 2024), { kind: "unmatched", reason: 'no LA named "Leds" in areas.csv', suggestions: ["Leeds"] });
});

test("one --unit percent over a column named as a count gets a warning naming the column, and the file is added", () => {
  const pkg = readPackage(writeFixturePackage());
  const file = tempFile("h.csv", "LA Name,Year,Re-referral rate (%),No. of FGCs,meetings_count,Number of visits per 10000\nBristol,2023-24,20.5,12,3,40\n");
  const plan = planOwnData(pkg, file, { metadata: META });
  assert.deepEqual(plan.errors, []);
  assert.deepEqual(plan.report.warnings, [
    'no_of_fgcs (column "No. of FGCs"): its name reads as a count, but its unit is percent: if it counts, give it the unit count (--unit applies to every column of the file: give each column\'s unit in a --meta sidecar)',
    'meetings_count (column "meetings_count"): its name reads as a count, but its unit is percent: if it counts, give it the unit count (--unit applies to every column of the file: give each column\'s unit in a --meta sidecar)',
  ]);
  // with the unit count, no warning
  const counted = planOwnData(pkg, tempFile("c.csv", "la_name,period,no_of_fgcs\nBristol,2024,12\n"), { metadata: { ...META, unit: "count" } });
  assert.deepEqual(counted.report.warnings, []);
});
