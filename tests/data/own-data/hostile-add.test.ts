/**
 * Damaged or hostile tables given to `add` (a round-18 review, /tmp/fuzz18/addv): each was added with its data
 * silently changed; each must now be refused naming the file, row, column and cell, or keep its reason.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage } from "../../../lib/data/package";
import { addOwnData, planOwnData } from "../../../lib/data/own-data/add";
import { tempFile, writeFixturePackage } from "./fixture";

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;
const LONG = "la_code,period,indicator,value,numerator,denominator\n";

function planOf(name: string, text: string) {
  const file = tempFile(name, text);
  const plan = planOwnData(readPackage(writeFixturePackage()), file, { metadata: META });
  // a plan with errors has no content (its rows are not kept)
  const indicators = plan.errors.length === 0 ? plan.content.indicators : [];
  const rows = indicators.filter((r) => r.indicator === "my_pct").map((r) => [r.la_code, r.value, r.numerator, r.denominator, r.status]);
  return { file, errors: plan.errors.map((e) => e.message), rows };
}

test("a suppressed count beside a value is refused at the count's cell: one status per row, and the value would reveal it", () => {
  const { file, errors } = planOf("suppressed-num.csv", `${LONG}E06000023,2024,my_pct,45,c,100\n`);
  assert.equal(errors.length, 1);
  assert.match(errors[0], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, row 1, column "numerator": got "c", expected a count, or blank, beside the value 45: a suppressed count cannot be kept`));
  assert.match(errors[0], /write c in the value too/);
  // the counts' own headers are named
  assert.match(planOf("named.csv", "LA Code,Year,Indicator,Value,Numerator,Denominator\nE06000023,2024,my_pct,45,10,[c]\n").errors[0], /column "Denominator": got "\[c\]"/);
});

test("a suppressed count beside a blank value keeps the row missing for the count's reason; a low-reliability count flags its value", () => {
  const { errors, rows } = planOf("missing.csv", `${LONG}E06000023,2024,my_pct,,c,100\nE08000013,2024,my_pct,c,c,100\nE06000010,2024,my_pct,40,u,100\nE08000038,2024,my_pct,,x,100\n`);
  assert.deepEqual(errors, []);
  assert.deepEqual(rows, [
    ["E06000023", null, null, 100, "suppressed:c"],
    ["E08000013", null, null, 100, "suppressed:c"],
    ["E06000010", 40, null, 100, "low-reliability:u"],
    ["E08000038", null, null, 100, rows[3][4]],
  ]);
  assert.match(String(rows[3][4]), /^not-available:/);
});

test("a value beside a denominator of 0 is refused at the value's cell: its share is undefined", () => {
  const { file, errors } = planOf("den-zero.csv", `${LONG}E06000023,2024,my_pct,45,0,0\nE08000013,2024,my_pct,0,0,0\nE06000010,2024,my_pct,,0,0\nE08000038,2024,my_pct,z,0,0\n`);
  assert.deepEqual(errors, [
    `${file}, row 1, column "value": got "45", expected no value beside denominator 0 (a share of 0 is undefined): leave the value blank, or write z (not applicable)`,
    `${file}, row 2, column "value": got "0", expected no value beside denominator 0 (a share of 0 is undefined): leave the value blank, or write z (not applicable)`,
  ]);
});

test("a number too small for a double (1e-400) is refused, not read as 0; a written 0 in any form is still 0", () => {
  const { file, errors } = planOf("tiny.csv", "la_code,period,my_pct\nE06000023,2024,1e-400\nE08000013,2024,0.0e5\nE06000010,2024,-0\n");
  assert.deepEqual(errors, [`${file}, row 1, column "my_pct": got "1e-400", expected a number that is 0 or can be stored (this one is below the smallest double, about 5e-324, and would be read as 0)`]);
  assert.match(planOf("tiny-count.csv", `${LONG}E06000023,2024,my_pct,0,1E-999,10\n`).errors[0], /row 1, column "numerator": got "1E-999", expected a number that is 0 or can be stored/);
  // the smallest subnormal double is stored, not refused
  assert.deepEqual(planOf("subnormal.csv", "la_code,period,my_pct\nE06000023,2024,5e-324\n").errors, []);
});

test("a period outside the package's (1990 to 2100) is refused at the researcher's cell, not in the written package's rows", () => {
  const { file, errors } = planOf("period.csv", "la_code,period,my_pct\nE06000023,2999,45\nE08000013,1889-90,50\nE06000010,2024,40\n");
  assert.deepEqual(errors, [
    `${file}, row 1, column "period": got "2999", expected a year ending March from 1990 to 2100`,
    `${file}, row 2, column "period": got "1889-90", expected a year ending March from 1990 to 2100`,
  ]);
  const option = planOwnData(readPackage(writeFixturePackage()), tempFile("no-period.csv", "la_code,my_pct\nE06000023,45\n"), { metadata: META, period: 1899 });
  assert.match(option.errors[0].message, /column "period": got "1899", expected the period option: a year ending March from 1990 to 2100/);
});

test("an LA name beside the code the row is matched on is refused when it names another LA of the package", () => {
  const { file, errors } = planOf("la-columns.csv", "la_code,la_name,period,my_pct\nE06000023,St Helens,2024,45\nE08000013,St. Helens,2024,50\nE06000010,Hull,2024,40\nE08000038,,2024,41\nE06000065,Nowhere,2024,42\n");
  assert.deepEqual(errors, [
    `${file}, row 1, column "la_name": got "St Helens", expected the LA of the row's key, E06000023 (Bristol, City of): "St Helens" is E08000013 (St. Helens); correct whichever column is wrong, or leave this column out`,
  ]);
  // the name of the LA in the row's period: Dorset in 2018 is the county E10000009
  assert.deepEqual(planOf("dorset.csv", "la_code,la_name,period,my_pct\nE10000009,Dorset,2018,45\n").errors, []);
});

test("a table of many bad rows lists the first 200 errors and counts the rest", () => {
  const rows = Array.from({ length: 1000 }, () => "E06000023,2024,45\n").join("");
  const file = tempFile("repeated.csv", `la_code,period,my_pct\n${rows}`);
  const plan = planOwnData(readPackage(writeFixturePackage()), file, { metadata: META });
  assert.equal(plan.errors.length, 200);
  assert.equal(plan.errorCount, 999);
  assert.match(plan.errors[199].message, /row 201, column "my_pct": got "45", expected one value per LA, period and indicator .* already on row 1/);
  // one count, the whole, in the heading and in what is not shown (it had said 999, then 200, then "… and 180 more")
  assert.throws(() => addOwnData(writeFixturePackage(), file, { metadata: META }), (e: Error) =>
    /was not added \(nothing written\): 999 error\(s\) \(the first 200 kept, the rest only counted\)\n/.test(e.message) && e.message.endsWith("\n  … and 979 more") &&
    e.message.split("\n  - ").length === 21);
});

test("a suppressed value beside the numerator it hides is refused at the numerator's cell: with the denominator it gives the value back", () => {
  const { file, errors } = planOf("suppressed-value.csv", `${LONG}E06000023,2024,my_pct,c,5,10\nE08000013,2024,my_pct,low,3,\nE06000010,2024,my_pct,[c],,10\n`);
  assert.deepEqual(errors, [
    `${file}, row 1, column "numerator": got "5", expected a blank numerator, or c, beside the suppressed value c: the numerator is the count the suppression hides, and with the denominator 10 it gives the value back; write c in the numerator too, or publish the value if the numerator may be published`,
    `${file}, row 2, column "numerator": got "3", expected a blank numerator, or low, beside the suppressed value low: the numerator is the count the suppression hides; write low in the numerator too, or publish the value if the numerator may be published`,
  ]);
  // a status column's suppression, with the value blank, is the row's too
  const status = planOf("status.csv", "la_code,period,indicator,value,numerator,denominator,status\nE06000023,2024,my_pct,,5,10,suppressed:c\n");
  assert.match(status.errors[0], /column "numerator": got "5", expected a blank numerator, or c, beside the suppressed value c/);
  // the denominator alone (row 3) and a suppressed numerator are kept
  assert.deepEqual(planOf("kept.csv", `${LONG}E06000010,2024,my_pct,[c],,10\nE06000023,2024,my_pct,c,c,10\n`).rows, [
    ["E06000010", null, null, 10, "suppressed:[c]"],
    ["E06000023", null, null, 10, "suppressed:c"],
  ]);
});

test("a numerator or denominator that is not a whole number is refused at its cell", () => {
  const { file, errors } = planOf("fraction.csv", `${LONG}E06000023,2024,my_pct,50,5.5,11\nE08000013,2024,my_pct,50,5,10.0\nE06000010,2024,my_pct,50,1,2e-1\n`);
  const expected = "a whole-number count (a numerator or denominator counts children, cases or placements; the intervals and funnels are built from them as counts)";
  assert.deepEqual(errors, [`${file}, row 1, column "numerator": got "5.5", expected ${expected}`, `${file}, row 3, column "denominator": got "2e-1", expected ${expected}`]);
});

test('"." (DfE\'s "not applicable" in its SFR tables) is read as the import reads it there, not-applicable:., in values and counts', () => {
  const { errors, rows } = planOf("dot.csv", `${LONG}E06000023,2024,my_pct,.,.,.\nE08000013,2024,my_pct, . ,,\n`);
  assert.deepEqual(errors, []);
  assert.deepEqual(rows, [["E06000023", null, null, null, "not-applicable:."], ["E08000013", null, null, null, "not-applicable:."]]);
  // ".." is still an error, with its hint
  assert.match(planOf("dots.csv", `${LONG}E06000023,2024,my_pct,..,,\n`).errors[0], /got "\.\.", expected a number or a DfE symbol \(c, low, k, x, :, z, u, \., or a letter one/);
});

test("a NUL in a column name is refused even beyond the first 64 KiB the header sniffer reads", () => {
  // 88 KB of column names, a NUL in the last: it had reached catalogue.csv, which check-disclosure then took for UTF-16
  const padding = Array.from({ length: 8000 }, (_, i) => `pad_${String(i).padStart(5, "0")}`).join(",");
  const file = tempFile("wide-nul.csv", `la_code,period,${padding},my\u0000x\nE06000023,2022,${",".repeat(8000)}1\n`);
  assert.throws(() => planOwnData(readPackage(writeFixturePackage()), file, { metadata: META }), /column 8003.*expected a column name without control characters/);
});

test("an accented column name gives one id whichever way Unicode writes the accent; both ways in one file are one name twice", () => {
  // "é" as one character (NFC) had given caf_pct, as "e" and a combining accent (NFD) cafe_pct: two indicators
  const ids = (header: string) => {
    const plan = planOwnData(readPackage(writeFixturePackage()), tempFile("accents.csv", `la_code,period,${header}\nE06000023,2022,45\n`), { metadata: META });
    // the fixture package's own indicator left out
    return [...new Set(plan.content.indicators.map((r) => r.indicator))].filter((id) => id !== "cla_rate_per_10k");
  };
  assert.deepEqual(ids("caf\u00e9_pct"), ["cafe_pct"]);
  assert.deepEqual(ids("cafe\u0301_pct"), ["cafe_pct"]);
  const both = tempFile("both.csv", "la_code,period,caf\u00e9_pct,cafe\u0301_pct\nE06000023,2022,45,46\n");
  assert.throws(() => planOwnData(readPackage(writeFixturePackage()), both, { metadata: META }), /each column named once/);
});
