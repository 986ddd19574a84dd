import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage } from "../../../lib/data/package";
import { planOwnData } from "../../../lib/data/own-data/add";
import { headerYear, yearColumnsProblem } from "../../../lib/data/own-data/year-headers";
import { tempFile, writeFixturePackage } from "./fixture";

// a table with years as columns (user trial r26, S2-1): `la_name,2022,2023,2024` with --period 2024 had been added as
// three indicators x_2022, x_2023, x_2024, every value dated 2024, exit 0

const META = { unit: "percent", polarity: "up", domain: "child-safe" } as const;

test("headers that name a year are read as years, in the forms a period cell takes and with FY or Year before them", () => {
  for (const [header, year] of [["2022", 2022], ["2022-23", 2023], ["2022/23", 2023], ["2022-2023", 2023], ["202223", 2023], ["FY2022", 2022], ["FY 2022/23", 2023], ["Year 2024", 2024], [" fy_2024 ", 2024]] as const) {
    assert.equal(headerYear(header), year, header);
  }
  for (const header of ["fgc_per_1000", "2022 visits", "1000", "5000", "No. of FGCs", "period", "2022-25"]) assert.equal(headerYear(header), undefined, header);
});

test("a wide table whose value columns are years is refused with --period, naming the columns and the two ways to add it", () => {
  const pkg = readPackage(writeFixturePackage());
  const file = tempFile("wide-years.csv", "la_name,2022,2023,2024\nBristol,12.1,13.2,14.3\nHull,10,11,12\n");
  const plan = planOwnData(pkg, file, { metadata: META, period: 2024 });
  assert.equal(plan.errors.length, 1, plan.errors.map((e) => e.message).join("\n"));
  const e = plan.errors[0];
  assert.deepEqual([e.row, e.column, e.value], [0, "2022", "2022"]);
  assert.match(e.expected, /^one column per indicator: columns "2022", "2023" and "2024" are years: each would be added as an indicator of its own, named after its year, and --period 2024 would date every one of them 2024\. /);
  assert.match(e.expected, /Reshape the table to one row per LA and year \(la_name, period, value; .*\) and add it with --indicator ID; or, for one year only, keep the LA column and that year's column and add it with --indicator ID --period 2022$/);
  assert.throws(() => plan.content, /was not added|no content/);
});

test("without --period the same table is told its columns are years, not only that it lacks a period column", () => {
  const pkg = readPackage(writeFixturePackage());
  const file = tempFile("wide-years.csv", "la_name,2022-23,2023-24\nBristol,12.1,13.2\n");
  const plan = planOwnData(pkg, file, { metadata: META });
  assert.deepEqual(plan.errors.map((e) => e.column), ["2022-23"]);
  assert.match(plan.errors[0].expected, /columns "2022-23" and "2023-24" are years/);
  assert.doesNotMatch(plan.errors[0].expected, /would date/);
});

test("one year's column alone is added with --indicator and --period of its year, and refused with another period", () => {
  const pkg = readPackage(writeFixturePackage());
  const file = tempFile("y2024.csv", "la_name,2024\nBristol,14.3\nHull,12\n");
  const ok = planOwnData(pkg, file, { metadata: META, indicator: "visits_pct", period: 2024 });
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.report.periods, [2024]);
  assert.deepEqual(ok.report.indicators.map((i) => i.id), ["visits_pct"]);
  const other = planOwnData(pkg, file, { metadata: META, indicator: "visits_pct", period: 2023 });
  assert.equal(other.errors.length, 1);
  assert.match(other.errors[0].expected, /^one column per indicator: column "2024" is a year: it would be added as an indicator named after the year, and --period 2023 would date its values 2023\. .* --indicator ID --period 2024$/);
  // without --indicator the id would be made from the year
  assert.equal(planOwnData(pkg, file, { metadata: META, period: 2024 }).errors.length, 1);
});

test("a value column named like an indicator is not taken for a year", () => {
  assert.equal(yearColumnsProblem(["visits_pct", "fgc_2024_pct"], {}), undefined);
  assert.match(yearColumnsProblem(["visits_pct", "2024"], {})!, /column "2024" is a year/);
});
