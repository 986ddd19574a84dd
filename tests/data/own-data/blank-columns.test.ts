/**
 * add: a value column with no value in any row (an Excel table's blank "Column1", padding columns of a wide file) is
 * left out, and said to be; a file whose every value column is blank is refused. Each had been added as an indicator
 * with no values.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { strToU8, zipSync } from "fflate";
import { DataErrors } from "../../../lib/errors";
import { readPackage } from "../../../lib/data/package";
import { addOwnData, planOwnData } from "../../../lib/data/own-data/add";
import { blankColumnTally } from "../../../lib/data/own-data/blank-columns";
import { tempFile, writeFixturePackage } from "./fixture";

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;
const ROWS = ["E06000023,2022", "E08000013,2022", "E06000010,2023"];

test("blankColumnTally: a column is blank until a row gives it a cell that is not spaces; a symbol is a value", () => {
  const t = blankColumnTally([2, 3, 4]);
  t.see(["a", "2022", "  ", "", "c"]);
  t.see(["a", "2022", "", "1"]);
  assert.deepEqual(t.blank(), [2]);
  assert.equal(t.rows(), 2);
});

test("a blank Column1 and a padding column are left out, named, with the rows they were blank in; the rest is added", () => {
  const dir = writeFixturePackage();
  const file = tempFile("padded.csv", `la_code,period,Visits (%),Column1,pad\n${ROWS.map((r, i) => `${r},${50 + i},, `).join("\n")}\n`);
  const { report } = addOwnData(dir, file, { metadata: META });
  assert.deepEqual(report.indicators.map((i) => [i.id, i.values]), [["visits", 3]]);
  assert.ok(report.notes.includes('2 columns ("Column1", "pad") left out: no value in any of 3 rows'), report.notes.join("; "));
  assert.ok(!report.notes.some((n) => /column1/.test(n)), "no id is made of a column left out");
  const pkg = readPackage(dir);
  assert.deepEqual((pkg.catalogue.array("indicator") as string[]).filter((id) => id !== "cla_rate_per_10k"), ["visits"]);
  assert.deepEqual([...new Set(pkg.indicators.array("indicator") as string[])].sort(), ["cla_rate_per_10k", "visits"]);
});

test("a column of DfE symbols only is not blank: it is added with its reasons", () => {
  const file = tempFile("symbols.csv", `la_code,period,visits,held\n${ROWS.map((r, i) => `${r},${50 + i},c`).join("\n")}\n`);
  const plan = planOwnData(readPackage(writeFixturePackage()), file, { metadata: META });
  assert.deepEqual(plan.errors, []);
  assert.deepEqual(plan.report.indicators.map((i) => [i.id, i.values, i.missing]), [["visits", 3, 0], ["held", 0, 3]]);
});

test("a file whose every value column is blank is refused, naming the columns and the rows read; nothing is written", () => {
  const dir = writeFixturePackage();
  const before = fs.readFileSync(path.join(dir, "catalogue.csv"), "utf8");
  const file = tempFile("empty.csv", `la_code,period,Column1,Column2\n${ROWS.map((r) => `${r},,`).join("\n")}\n`);
  assert.throws(() => addOwnData(dir, file, { metadata: META }), (e: unknown) => {
    assert.ok(e instanceof DataErrors, String(e));
    assert.deepEqual(e.errors.map((x) => x.message), [
      `${file}, row 0, column "Column1, Column2": got "no value in any of 3 rows", expected a value column with a value (a number or a DfE symbol) in at least one row: every value column is blank`,
    ]);
    return true;
  });
  assert.equal(fs.readFileSync(path.join(dir, "catalogue.csv"), "utf8"), before);
});

test("an XLSX table's blank column is left out as a CSV's is", () => {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheet = `<worksheet><sheetData>
    <row r="1">${cell("A1", "la_code")}${cell("B1", "period")}${cell("C1", "visits")}${cell("D1", "Column1")}</row>
    <row r="2">${cell("A2", "E06000023")}<c r="B2"><v>2022</v></c><c r="C2"><v>55.5</v></c></row>
    <row r="3">${cell("A3", "E08000013")}<c r="B3"><v>2022</v></c><c r="C3"><v>40</v></c></row>
  </sheetData></worksheet>`;
  const bytes = zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(sheet),
  });
  const plan = planOwnData(readPackage(writeFixturePackage()), tempFile("own.xlsx", bytes), { metadata: META });
  assert.deepEqual(plan.errors, []);
  assert.deepEqual(plan.report.indicators.map((i) => i.id), ["visits"]);
  assert.ok(plan.report.notes.includes('column "Column1" left out: no value in any of 2 rows'), plan.report.notes.join("; "));
});

test("an XLSX table's last column without a name is refused when it holds values, as a CSV's is (it had been cut off with them)", () => {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const workbook = (rows: string) =>
    zipSync({
      "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
      "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`),
    });
  const header = `<row r="1">${cell("A1", "la_code")}${cell("B1", "period")}${cell("C1", "visits")}</row>`;
  const withValues = workbook(`${header}
    <row r="2">${cell("A2", "E06000023")}<c r="B2"><v>2022</v></c><c r="C2"><v>55.5</v></c><c r="D2"><v>61</v></c></row>
    <row r="3">${cell("A3", "E08000013")}<c r="B3"><v>2022</v></c><c r="C3"><v>40</v></c><c r="D3"><v>62</v></c></row>`);
  const refused = planOwnData(readPackage(writeFixturePackage()), tempFile("trail.xlsx", withValues), { metadata: META });
  assert.match(refused.errors[0]?.message ?? "", /trail\.xlsx, sheet "Data", row 1, column "column 4": got "", expected a column name: column 4 has no name but holds values/);
  // a sheet's empty cells to the right (formatting) make no column at all, as before
  const blank = workbook(`${header}
    <row r="2">${cell("A2", "E06000023")}<c r="B2"><v>2022</v></c><c r="C2"><v>55.5</v></c>${cell("D2", " ")}</row>`);
  const plan = planOwnData(readPackage(writeFixturePackage()), tempFile("blank.xlsx", blank), { metadata: META });
  assert.deepEqual(plan.errors, []);
  assert.deepEqual(plan.report.notes.filter((n) => n.includes("without a name")), []);
});
