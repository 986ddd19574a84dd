import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { strToU8, zipSync } from "fflate";
import * as XLSX from "xlsx";
import { DataErrors } from "../../../lib/errors";
import { packageContent, readPackage, validatePackage, writePackage } from "../../../lib/data/package";
import { addOwnData, planOwnData } from "../../../lib/data/own-data/add";
import { writePackageAtomically } from "../../../lib/data/own-data/write-atomically";
import { OWN_DATA_DESCRIPTION_NOTE, OWN_DATA_LICENCE_ENTRY, OWN_DATA_LICENCE_NOT_STATED, OWN_DATA_TITLE_SUFFIX } from "../../../lib/data/own-data/licence";
import { tempFile, writeFixturePackage } from "./fixture";
import { tempDir } from "../../helpers/temp-dirs";

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

test("a wide CSV with LA names is added, re-hashed and validated; other files of the package are kept", () => {
  const dir = writeFixturePackage();
  const file = tempFile("supervision.csv", 'la_name,period,supervision_pct\n"Bristol, City of",2021,80\nBristol,2022,82.5\nSt Helens,2022,c\nHull,2022,70\nDorset,2021,60\nEngland,2022,75\n');
  const { report } = addOwnData(dir, file, { metadata: { ...META, label: "Supervision (%)" } });
  assert.deepEqual(report.byMethod, { name: 3, "name variant": 1 });
  assert.deepEqual(report.aggregates, [{ row: 6, given: "England", what: "England" }]);
  assert.deepEqual(report.indicators, [{ id: "supervision_pct", column: "supervision_pct", label: "Supervision (%)", unit: "percent", rows: 5, values: 4, missing: 1, framework: { role: "enabler", area: "workforce", from: "domain" } }]);
  assert.deepEqual(validatePackage(dir).errors, []);
  const pkg = readPackage(dir);
  const rows = pkg.indicators.filter((d: { indicator: string }) => d.indicator === "supervision_pct").objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.la_code, r.period, r.value, r.status]), [
    ["E06000023", 2021, 80, ""], ["E06000023", 2022, 82.5, ""], ["E08000013", 2022, null, "suppressed:c"], ["E06000010", 2022, 70, ""], ["E06000059", 2021, 60, ""],
  ]);
  assert.equal(fs.readFileSync(path.join(dir, "README.md"), "utf8"), "fixture readme\n");
  const prov = pkg.descriptor.provenance as { own_data: { file: string; rows: number }[] };
  assert.deepEqual(prov.own_data.map((o) => [o.file, o.rows]), [["supervision.csv", 5]]);
  assert.ok(pkg.descriptor.sources.some((s) => s.path === "supervision.csv" && /^[0-9a-f]{64}$/.test(s.sha256 ?? "")));
  assert.deepEqual(fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith(path.basename(dir) + ".")), [], "no temporary folder left");
});

test("a name two LAs shared counts as both LAs when the rows' periods match each (walkthrough F13c)", () => {
  // Dorset in 2018 is the county E10000009, in 2024 the unitary E06000059: with Bristol, three LAs
  const file = tempFile("dorset.csv", "la_name,period,share_pct\nDorset,2018,40\nDorset,2024,41\nBristol,2018,33\n");
  const { report, errors } = planOwnData(readPackage(writeFixturePackage()), file, { metadata: META });
  assert.deepEqual(errors, []);
  assert.deepEqual(report.byMethod, { name: 3 });
  assert.deepEqual(report.matched.map((m) => [m.given, m.laCode]), [["Dorset", "E10000009"], ["Dorset", "E06000059"], ["Bristol", "E06000023"]]);
});

test("values out of their unit's range are errors naming the researcher's file, row, column and cell (walkthrough F13a)", () => {
  const pkg = readPackage(writeFixturePackage());
  const wide = tempFile("over.csv", "la_code,period,share_pct\nE06000023,2024,145\nE08000013,2024,-3.0\nE06000010,2024,50\n");
  const messages = (file: string, metadata: typeof META | { unit: string; polarity: string; domain: string }) => planOwnData(pkg, file, { metadata }).errors.map((e) => e.message);
  assert.deepEqual(messages(wide, META), [
    `${wide}, row 1, column "share_pct": got "145", expected a percentage from 0 to 100 (the unit of share_pct is percent)`,
    `${wide}, row 2, column "share_pct": got "-3.0", expected a percentage from 0 to 100 (the unit of share_pct is percent)`,
  ]);
  assert.deepEqual(messages(wide, { ...META, unit: "rate_per_10k" }), [`${wide}, row 2, column "share_pct": got "-3.0", expected a rate ≥ 0 (the unit of share_pct is rate_per_10k)`]);
  assert.deepEqual(messages(wide, { ...META, unit: "score" }), []);
  // long layout: the counts' own columns are named
  const long = tempFile("long.csv", "LA Code,Year,Indicator,Value,Numerator,Denominator\nE06000023,2024,visits_pct,50,12,10\nE08000013,2024,visits_pct,40,4,10\n");
  assert.deepEqual(messages(long, META), [`${long}, row 1, column "Numerator": got "12", expected a numerator ≤ the denominator (10)`]);
  const withStatus = tempFile("status.csv", "la_code,period,indicator,value,numerator,denominator,status\nE06000023,2024,visits_pct,,,,withheld\n");
  assert.deepEqual(messages(withStatus, META), [`${withStatus}, row 1, column "status": got "withheld", expected blank or one of suppressed, not-available, not-applicable, low-reliability (optionally ":symbol", the symbol not empty)`]);
  // nothing reaches the package: the file's rows are refused before anything is written
  const dir = writeFixturePackage();
  assert.throws(() => addOwnData(dir, wide, { metadata: META }), (e: unknown) => e instanceof DataErrors && !/indicators\.csv|\.tmp-/.test(e.message) && /over\.csv, row 1/.test(e.message));
});

test("a percent column whose values all lie from 0 to 1 is added with a warning naming it: likely proportions (walkthrough F13b)", () => {
  const pkg = readPackage(writeFixturePackage());
  const warnings = (text: string, unit = "percent") => {
    const plan = planOwnData(pkg, tempFile("frac.csv", text), { metadata: { ...META, unit } });
    assert.deepEqual(plan.errors, []);
    return plan.report.warnings;
  };
  const fractions = "la_code,period,share_pct\nE06000023,2024,0.45\nE08000013,2024,0.52\nE06000010,2024,0.61\n";
  assert.deepEqual(warnings(fractions), [
    'share_pct (column "share_pct"): all 3 values lie between 0 and 1 (0.45 to 0.61), but its unit is percent (0 to 100): if these are proportions, ' +
      "multiply them by 100, or give the unit ratio (--unit ratio, or in the sidecar); percentages all below 1 can stay as they are",
  ]);
  assert.deepEqual(warnings(fractions, "ratio"), [], "not for another unit");
  assert.deepEqual(warnings("la_code,period,share_pct\nE06000023,2024,0.45\nE08000013,2024,12\n"), [], "not when a value is above 1");
  assert.deepEqual(warnings("la_code,period,share_pct\nE06000023,2024,0\nE08000013,2024,1\nE06000010,2024,c\n"), [], "not for 0s and 1s only");
  // numerators and denominators tell: 0.5 of 1/200 is a percentage (0.5%); 0.5 beside 5 of 10 disagrees with its counts
  const long = (num: number, den: number) => `la_code,period,indicator,value,numerator,denominator\nE06000023,2024,rare_pct,0.5,${num},${den}\n`;
  assert.deepEqual(warnings(long(1, 200)), []);
  const file = tempFile("frac-counts.csv", long(5, 10));
  assert.deepEqual(planOwnData(pkg, file, { metadata: META }).errors.map((e) => e.message), [
    `${file}, row 1, column "value": got "0.5", expected 50 (100 × numerator 5 / denominator 10): the value is a proportion (numerator / denominator), not a percentage as its unit says; multiply it by 100, or give the unit that fits it`,
  ]);
});

test("a value beside its numerator and denominator: on another base an error, otherwise beyond rounding a warning (walkthroughs r16, r17; review r17)", () => {
  const pkg = readPackage(writeFixturePackage());
  const planOf = (rows: string, unit = "percent") =>
    planOwnData(pkg, tempFile("counts.csv", `la_code,period,indicator,value,numerator,denominator\n${rows}`), { metadata: { ...META, unit } });
  const errors = (rows: string, unit = "percent") => planOf(rows, unit).errors.map((e) => e.message);
  const warnings = (rows: string, unit = "percent") => planOf(rows, unit).report.warnings;
  // a proportion given as a percentage (round 16: 0.62 beside 31 of 50; round 17: 0.929 beside 468 of 504)
  assert.match(errors("E06000023,2024,visits_pct,0.62,31,50\n")[0], /row 1, column "value": got "0\.62", expected 62 \(100 × numerator 31 \/ denominator 50\): the value is a proportion/);
  assert.equal(errors("E06000023,2024,visits_pct,0.929,468,504\n").length, 1);
  // a percentage given as a rate per 10,000: 58 children of 8,920 = 65.02 per 10,000, 0.65%
  assert.match(errors("E06000023,2024,visits_pct,0.65,58,8920\n", "rate_per_10k")[0], /expected 65\.0224 \(10,000 × numerator 58 \/ denominator 8920\): the value is a percentage, not a rate per 10,000/);
  // written rounded or cut: 1/3 = 33.33…%; 1% of the share allows a value worked out elsewhere (62.5 beside 31 of 50)
  const agree = "E06000023,2024,visits_pct,33,1,3\nE08000013,2024,visits_pct,33.3,1,3\nE06000010,2024,visits_pct,33.34,1,3\nE08000038,2024,visits_pct,62.5,31,50\n";
  assert.deepEqual([errors(agree), warnings(agree)], [[], []]);
  assert.deepEqual([errors("E06000023,2024,visits_pct,65.0,58,8920\n", "rate_per_10k"), warnings("E06000023,2024,visits_pct,65.0,58,8920\n", "rate_per_10k")], [[], []]);
  // rounded counts (a review: 38.1 from 16 of 42, beside DfE-style 20 of 40) or another measure's counts: added, with a warning
  const rounded = "E06000023,2024,visits_pct,38.1,20,40\nE08000013,2024,visits_pct,45,103,179\n";
  assert.deepEqual(errors(rounded), []);
  assert.deepEqual(warnings(rounded), [
    'visits_pct: 2 values disagree with their numerator and denominator by more than rounding (first: row 1, column "value": 38.1 beside 100 × numerator 20 / denominator 40 = 50): ' +
      "the tables show the value, the profile's intervals and funnels are built from the counts; if the counts are rounded or belong to another measure, leave them out",
  ]);
  // a whole value is not taken for a proportion: "1" beside 50 of 1,000 (5%) is a disagreement, warned (a review)
  assert.deepEqual(errors("E06000023,2024,visits_pct,1,50,1000\n"), []);
  assert.equal(warnings("E06000023,2024,visits_pct,1,50,1000\n").length, 1);
  // other units have no such relation; a value not available or a missing count is not checked (a suppressed value
  // beside its numerator is refused: hostile-add.test.ts)
  assert.deepEqual(errors("E06000023,2024,visits_pct,0.62,31,50\n", "ratio"), []);
  assert.deepEqual(errors("E06000023,2024,visits_pct,x,31,50\nE08000013,2024,visits_pct,0.62,,50\n"), []);
});

test("a long CSV with codes, earlier codes, DfE numbers, numerators and denominators is added", () => {
  const dir = writeFixturePackage();
  const file = tempFile("long.csv", "LA Code,Year,Indicator,Value,Numerator,Denominator\nE10000023,2022-23,visits_pct,50,5,10\n370,2023,visits_pct,x,,\nE08000016,2024,visits_pct,40,4,10\n");
  const { report } = addOwnData(dir, file, { metadata: META });
  assert.deepEqual(report.byMethod, { "earlier ONS code": 2, "DfE number": 1 });
  assert.ok(report.notes.some((n) => n.includes("2022-23 → 2023")), report.notes.join("; "));
  const rows = readPackage(dir).indicators.filter((d: { indicator: string }) => d.indicator === "visits_pct").objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.la_code, r.period, r.value, r.numerator, r.denominator, r.status]), [
    ["E06000065", 2023, 50, 5, 10, ""], ["E08000038", 2023, null, null, null, "not-available:x"], ["E08000038", 2024, 40, 4, 10, ""],
  ]);
});

test("a long table may name its indicator column Measure (or Metric, Indicator ID): read as long, not as two wide indicators", () => {
  const dir = writeFixturePackage();
  const file = tempFile("measure.csv", "Local authority,Year,Measure,Value\nE06000023,2024,visits_pct,50\nE08000013,2024,visits_pct,40\n");
  addOwnData(dir, file, { metadata: META });
  const rows = readPackage(dir).indicators.filter((d: { indicator: string }) => d.indicator === "visits_pct").objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.la_code, r.period, r.value]), [["E06000023", 2024, 50], ["E08000013", 2024, 40]]);
  assert.equal(readPackage(dir).catalogue.filter((c: { indicator: string }) => c.indicator === "measure" || c.indicator === "value").numRows(), 0);
});

test("an XLSX table is read with the project's reader", () => {
  const dir = writeFixturePackage();
  const sheet = `<worksheet><sheetData>
    <row r="1"><c r="A1" t="inlineStr"><is><t>la_code</t></is></c><c r="B1" t="inlineStr"><is><t>period</t></is></c><c r="C1" t="inlineStr"><is><t>Visits (%)</t></is></c></row>
    <row r="2"><c r="A2" t="inlineStr"><is><t>E06000023</t></is></c><c r="B2"><v>2022</v></c><c r="C2"><v>55.5</v></c></row>
    <row r="3"><c r="A3" t="inlineStr"><is><t>E08000013</t></is></c><c r="B3"><v>2022</v></c></row>
  </sheetData></worksheet>`;
  const bytes = zipSync({
    "xl/workbook.xml": strToU8(`<workbook><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(sheet),
  });
  const { report } = addOwnData(dir, tempFile("own.xlsx", bytes), { metadata: META });
  assert.equal(report.sheet, "Data");
  assert.deepEqual(report.indicators.map((i) => [i.id, i.values, i.missing]), [["visits", 1, 1]]);
  assert.ok(report.notes.includes('column "Visits (%)" → indicator id visits'), report.notes.join("; "));
});

test("an unmatched LA refuses the file and writes nothing; skipUnmatched adds the rest and lists it", () => {
  const dir = writeFixturePackage();
  const before = snapshot(dir);
  const file = tempFile("typo.csv", "la_name,period,x_pct\nBarnsly,2022,10\nBristol,2022,20\n");
  assert.throws(() => addOwnData(dir, file, { metadata: META }), (e: unknown) => {
    assert.ok(e instanceof DataErrors);
    assert.match(e.message, /typo\.csv, row 1, column "la_name": got "Barnsly", expected an LA of the package: no LA named "Barnsly" in areas.csv \(did you mean "Barnsley"\?\)/);
    return true;
  });
  assert.deepEqual(snapshot(dir), before);
  const { report } = addOwnData(dir, file, { metadata: META, skipUnmatched: true });
  assert.deepEqual(report.unmatched.map((u) => [u.row, u.given]), [[1, "Barnsly"]]);
  assert.equal(report.indicators[0].rows, 1);
});

test("missing or unknown metadata is an error listing the allowed values", () => {
  const dir = writeFixturePackage();
  const file = tempFile("m.csv", "la_code,period,y\nE06000023,2022,1\n");
  assert.throws(() => planOwnData(readPackage(dir), file, { metadata: { unit: "per_1000", polarity: "up" } }), (e: unknown) => {
    assert.ok(e instanceof DataErrors);
    assert.match(e.message, /got "per_1000", expected a unit that is one of percent, rate_per_10k, ratio, count, score/);
    assert.match(e.message, /expected a domain for indicator "y" \(--domain or a "domain" in a --meta sidecar\): one of conditions-and-culture, /);
    return true;
  });
  const sidecar = tempFile("m.meta.json", JSON.stringify({ y: { unit: "count", polarity: "none", domain: "child-safe", label: "Y" } }));
  assert.equal(planOwnData(readPackage(dir), file, { metadataFile: sidecar }).errors.length, 0);
  // a sidecar's source is kept, marked as own data: check-disclosure exempts only the import's official sources
  const sourced = (source: string) => tempFile("s.meta.json", JSON.stringify({ y: { unit: "count", polarity: "none", domain: "child-safe", source } }));
  const sourceOf = (meta: string) => planOwnData(readPackage(dir), file, { metadataFile: meta }).content.catalogue.find((c) => c.indicator === "y")?.source;
  assert.equal(sourceOf(sourced("EES ks4_la.csv, our copy")), "Own data: EES ks4_la.csv, our copy");
  assert.equal(sourceOf(sourced("Own data: the pilot's MI system")), "Own data: the pilot's MI system");
  assert.equal(sourceOf(sidecar), "Own data: m.csv");
  const bad = tempFile("bad.meta.json", JSON.stringify({ y: { colour: "red" } }));
  assert.throws(() => planOwnData(readPackage(dir), file, { metadataFile: bad }), /column "y\.colour": got "colour", expected one of label, domain/);
});

test("bad cells, duplicate rows, repeated columns and ids already in the package are errors with row and column", () => {
  const dir = writeFixturePackage();
  const plan = (text: string, opts = {}) => planOwnData(readPackage(dir), tempFile("t.csv", text), { metadata: META, ...opts });
  assert.match(plan("la_code,period,y\nE06000023,2022,n/a\n").errors[0].message, /row 1, column "y": got "n\/a", expected a number or a DfE symbol/);
  // cells other tools write get a hint of what to write instead (a walkthrough's "45%" and "..")
  assert.match(plan("la_code,period,y\nE06000023,2022,45%\n").errors[0].message, /got "45%", expected a number .*; write a percentage as a number without the % sign \(45\), with the unit percent/);
  assert.match(plan("la_code,period,y\nE06000023,2022,..\n").errors[0].message, /got "\.\.", expected a number .*; for a value not available write x, or leave the cell blank; for a suppressed one, c/);
  assert.doesNotMatch(plan("la_code,period,y\nE06000023,2022,lots\n").errors[0].message, /; write a|; for a value/);
  assert.match(plan("la_code,period,y\nE06000023,last year,1\n").errors[0].message, /row 1, column "period": got "last year", expected a year ending March/);
  assert.match(plan("la_code,period,y\nE06000023,2022,1\nBristol,2022,2\n").errors[0].message, /row 2, column "y": got "2", expected one value per LA, period and indicator .* already on row 1/);
  assert.throws(() => plan("la_code,period,y,Y\nE06000023,2022,1,2\n"), /column "Y": got "Y", expected each column named once/);
  assert.match(plan("la_code,period,cla_rate_per_10k\nE06000023,2022,1\n").errors[0].message, /expected an indicator id not yet in the package .*--replace/);
  // one LA's figure would drop every other LA's values of the indicator: --replace refuses, --replace-all replaces
  assert.match(plan("la_code,period,cla_rate_per_10k\nE06000023,2022,1\n", { replace: true }).errors[0].message, /replacing it would drop \d+ value\(s\) of \d+ LA\(s\) for years your file gives them no value or symbol .*--replace-all/);
  assert.equal(plan("la_code,period,cla_rate_per_10k\nE06000023,2022,1\n", { replaceAll: true }).errors.length, 0);
  assert.match(plan("la_code,y\nE06000023,1\n").errors[0].message, /expected a period column/);
  assert.equal(plan("la_code,y\nE06000023,1\n", { period: 2022 }).errors.length, 0);
});

test("writePackageAtomically leaves the previous package intact and no temporary folder when the content is invalid", () => {
  const dir = writeFixturePackage();
  const before = snapshot(dir);
  const content = planOwnData(readPackage(dir), tempFile("ok.csv", "la_code,period,y\nE06000023,2022,1\n"), { metadata: META }).content;
  const broken = { ...content, indicators: [...content.indicators, { ...content.indicators[0], la_code: "E99999999" }] };
  assert.throws(() => writePackageAtomically(dir, broken, dir), DataErrors);
  assert.deepEqual(snapshot(dir), before);
  assert.deepEqual(fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith(path.basename(dir) + ".")), []);
});

test("the package's own long format (with a status column) is read as written", () => {
  const dir = writeFixturePackage();
  const file = tempFile("own-format.csv", "la_code,period,indicator,value,numerator,denominator,status\nE06000023,2022,visits_pct,,,,suppressed:c\nE08000013,2022,visits_pct,40,4,10,\n");
  addOwnData(dir, file, { metadata: META });
  const rows = readPackage(dir).indicators.filter((d: { indicator: string }) => d.indicator === "visits_pct").objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.la_code, r.value, r.status]), [["E06000023", null, "suppressed:c"], ["E08000013", 40, ""]]);
  const bad = tempFile("bad-status.csv", "la_code,period,indicator,value,status\nE06000023,2022,other_pct,,hidden\n");
  assert.throws(() => addOwnData(dir, bad, { metadata: META }), /column "status": got "hidden", expected blank or one of suppressed/);
});

test("a table or metadata file saved as Excel's plain CSV (Windows-1252) is refused, saying to save it as CSV UTF-8", () => {
  // before this was checked, "£", "–" and curly quotes became U+FFFD in the indicator's label and definition,
  // and the file was added without a word
  const dir = writeFixturePackage();
  const before = snapshot(dir);
  const table = tempFile("spend.csv", Buffer.from("la_code,period,Spend per child (\xa3)\nE06000023,2022,12\n", "latin1"));
  assert.throws(() => addOwnData(dir, table, { metadata: META }), /spend\.csv, row 0, column "field 3": got "byte 0xa3 at offset 32", expected UTF-8 text .*save the file as CSV UTF-8/);
  const cell = tempFile("names.csv", Buffer.from("la_name,period,fgc\nBristol\xa0,2022,3\n", "latin1"));
  assert.throws(() => addOwnData(dir, cell, { metadata: META }), /names\.csv, row 1, column "la_name": got "byte 0xa0 at offset 26", expected UTF-8 text .*CSV UTF-8/);
  const utf8Table = tempFile("spend.csv", "la_code,period,spend_per_child\nE06000023,2022,12\n");
  const metaCsv = tempFile("spend.meta.csv", Buffer.from("indicator,label,unit,polarity,domain,definition\nspend_per_child,Spend per child \x96 \xa3 per year,count,none,child-safe,Spend\n", "latin1"));
  assert.throws(() => addOwnData(dir, utf8Table, { metadataFile: metaCsv }), /spend\.meta\.csv, row 1, column "label": got "byte 0x96 at offset 80", expected UTF-8 text .*CSV UTF-8/);
  const metaJson = tempFile("spend.meta.json", Buffer.from('{ "spend_per_child": { "label": "Spend \xa3", "unit": "count", "polarity": "none", "domain": "child-safe" } }', "latin1"));
  assert.throws(() => addOwnData(dir, utf8Table, { metadataFile: metaJson }), /spend\.meta\.json, row 1: got "byte 0xa3 at offset 39", expected UTF-8 text/);
  assert.deepEqual(snapshot(dir), before);
  const label = "Spend per child – £ per year";
  const utf8Meta = tempFile("spend.meta.csv", `indicator,label,unit,polarity,domain\nspend_per_child,${label},count,none,child-safe\n`);
  assert.equal(addOwnData(dir, utf8Table, { metadataFile: utf8Meta }).report.indicators[0].label, label);
});

/** An .xlsx written by the registry's `xlsx` package (as Excel would lay it out) in a temporary folder; `percent` cells get the format 0%. */
function workbookFile(name: string, rows: (string | number)[][], percent: string[]): string {
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  for (const ref of percent) sheet[ref].z = "0%";
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, "Sheet1");
  const file = path.join(tempDir("vsw-own-xlsx-"), name);
  fs.writeFileSync(file, XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
  return file;
}

const PERCENT_ROWS = [["la_code", "period", "pct_ind"], ["E06000023", 2023, 0.45], ["E06000010", 2023, 0.3], ["E08000013", 2023, 0.125]];

test("XLSX cells formatted as percentages (0.45 shown as 45%) are read as shown for an indicator whose unit is percent", () => {
  // before, 0.45 was added as 0.45 to an indicator in percent: 100 times smaller than what the analyst sees
  const dir = writeFixturePackage();
  const { report } = addOwnData(dir, workbookFile("pct.xlsx", PERCENT_ROWS, ["C2", "C3", "C4"]), { metadata: META });
  assert.deepEqual(report.indicators, [{ id: "pct_ind", column: "pct_ind", label: "pct_ind", unit: "percent", rows: 3, values: 3, missing: 0, framework: { role: "enabler", area: "workforce", from: "domain" }, percentCells: { count: 3, firstCell: "C2", stored: "0.45", shown: "45" } }]);
  const written = fs.readFileSync(path.join(dir, "indicators.csv"), "utf8").split("\n").filter((l) => l.includes("pct_ind"));
  assert.deepEqual(written.map((l) => l.split(",").slice(0, 4).join(",")), ["E06000023,2023,pct_ind,45", "E06000010,2023,pct_ind,30", "E08000013,2023,pct_ind,12.5"]);
  const prov = readPackage(dir).descriptor.provenance as { own_data: { percent_cells_read_as_shown?: Record<string, number> }[] };
  assert.deepEqual(prov.own_data[0].percent_cells_read_as_shown, { pct_ind: 3 });
});

test("XLSX cells formatted as percentages in an indicator whose unit is not percent are an error naming the cell, and nothing is written", () => {
  const dir = writeFixturePackage();
  const before = snapshot(dir);
  const file = workbookFile("pct.xlsx", PERCENT_ROWS, ["C3", "C4"]);
  assert.throws(() => addOwnData(dir, file, { metadata: { ...META, unit: "ratio" } }), (e: unknown) => {
    assert.ok(e instanceof DataErrors);
    assert.equal(e.errors.length, 1, e.message);
    assert.equal(e.errors[0].message, `${file}, sheet "Sheet1", row 3, column "pct_ind": got "30%", expected a number (cell C3 and 1 more cell of this column are formatted as percentages, shown ×100: give the unit percent, or format the column as a number)`);
    return true;
  });
  assert.deepEqual(snapshot(dir), before);
});

test("a long XLSX table: percent cells are checked per indicator id of the value column", () => {
  const dir = writeFixturePackage();
  const rows = [["la_code", "period", "indicator", "value"], ["E06000023", 2023, "a_pct", 0.45], ["E06000023", 2023, "b_ratio", 0.5], ["E06000010", 2023, "a_pct", 0.0005], ["E06000010", 2023, "b_ratio", 1.25]];
  const meta = tempFile("m.json", JSON.stringify({ b_ratio: { unit: "ratio", polarity: "up", domain: "workforce" } }));
  const { report } = addOwnData(dir, workbookFile("long.xlsx", rows, ["D2", "D4"]), { metadata: META, metadataFile: meta });
  assert.deepEqual(report.indicators.map((i) => [i.id, i.unit, i.percentCells]), [["a_pct", "percent", { count: 2, firstCell: "D2", stored: "0.45", shown: "45" }], ["b_ratio", "ratio", undefined]]);
  const values = readPackage(dir).indicators.filter((d: { indicator: string }) => d.indicator !== "cla_rate_per_10k").objects() as Record<string, unknown>[];
  assert.deepEqual(values.map((r) => [r.indicator, r.value]), [["a_pct", 45], ["b_ratio", 0.5], ["a_pct", 0.05], ["b_ratio", 1.25]]);
  const other = writeFixturePackage();
  const bad = workbookFile("long.xlsx", rows, ["D2", "D4", "D5"]); // a_pct formatted throughout: only b_ratio is wrong
  assert.throws(() => addOwnData(other, bad, { metadata: META, metadataFile: meta }), (e: unknown) =>
    e instanceof DataErrors && e.errors.length === 1 && /, sheet "Sheet1", row 5, column "value": got "125%", expected a number \(cell D5 is formatted as a percentage, shown ×100: give the unit percent/.test(e.errors[0].message));
  // a numerator or denominator is a count: formatted as a percentage it is an error whatever the unit
  const counts = workbookFile("counts.xlsx", [["la_code", "period", "indicator", "value", "numerator", "denominator"], ["E06000023", 2023, "a_pct", 0.45, 9, 0.2]], ["D2", "F2"]);
  assert.throws(() => addOwnData(other, counts, { metadata: META }), (e: unknown) =>
    e instanceof DataErrors && e.errors.length === 1 && /, sheet "Sheet1", row 2, column "denominator": got "20%", expected a count \(cell F2 is formatted as a percentage/.test(e.errors[0].message));
});

test("a CSV cell written as 45% is still refused: only Excel's percent formats are read as shown", () => {
  const dir = writeFixturePackage();
  assert.throws(() => addOwnData(dir, tempFile("p.csv", "la_code,period,pct_ind\nE06000023,2023,45%\n"), { metadata: META }), /row 1, column "pct_ind": got "45%", expected a number or a DfE symbol/);
});

test("a table saved semicolon- or tab-separated is refused with a hint naming the separator, and nothing is written", () => {
  const dir = writeFixturePackage();
  const before = snapshot(dir);
  const hint = (name: string) => new RegExp(`; the file looks ${name}-separated: save it as comma-separated CSV$`);
  // decimal commas: a row reads as 2 fields against a header of 1
  assert.throws(() => addOwnData(dir, tempFile("semi.csv", "la_code;period;y\nE06000023;2023;12,5\n"), { metadata: META }),
    (e: unknown) => e instanceof Error && /semi\.csv, row 1: got "2 fields", expected 1 field as in the header: read with commas as the separator, the header is one field, holding 2 semicolons \(;\)/.test(e.message) && hint("semicolon").test(e.message));
  assert.throws(() => addOwnData(dir, tempFile("tabs.csv", "la_code\tperiod\ty\nE06000023\t2023\t12,5\n"), { metadata: META }), hint("tab"));
  // no comma anywhere: the one header column is not an LA column
  assert.throws(() => addOwnData(dir, tempFile("plain.csv", "la_code;period;y\nE06000023;2023;12\n"), { metadata: META }),
    (e: unknown) => e instanceof Error && /plain\.csv, row 0: got "la_code;period;y", expected a column identifying the LA/.test(e.message) && hint("semicolon").test(e.message));
  assert.deepEqual(snapshot(dir), before);
});

test("each resource lists the licences and sources of what it holds: own data in catalogue.csv and indicators.csv only, areas.csv still official", () => {
  const dir = writeFixturePackage();
  const before = readPackage(dir).descriptor;
  addOwnData(dir, tempFile("first.csv", "la_name,period,first_pct\nHull,2022,70\n"), { metadata: META });
  addOwnData(dir, tempFile("second.csv", "la_name,period,second_pct\nHull,2022,60\n"), { metadata: META, licence: "Internal use only" });
  const ownPaths = (sources: readonly { title: string; path?: string }[] | undefined) => (sources ?? []).filter((s) => s.title.startsWith("Own data: ")).map((s) => s.path);
  const after = readPackage(dir).descriptor;
  for (const resource of after.resources) {
    const was = before.resources.find((r) => r.name === resource.name);
    if (resource.name === "catalogue" || resource.name === "indicators") {
      assert.deepEqual(resource.licenses, [...before.licenses, OWN_DATA_LICENCE_ENTRY], resource.name);
      assert.deepEqual(ownPaths(resource.sources), ["first.csv", "second.csv"], resource.name);
    } else {
      assert.deepEqual(resource.licenses, was?.licenses, `${resource.name} holds no own data: its licences are as before`);
      assert.deepEqual(resource.sources, was?.sources, `${resource.name} holds no own data: its sources are as before`);
    }
  }
  // --replace with the licence now given: the resources holding the file say it too
  addOwnData(dir, tempFile("first.csv", "la_name,period,first_pct\nHull,2022,70\n"), { metadata: META, replace: true, licence: "CC BY 4.0" });
  const indicators = readPackage(dir).descriptor.resources.find((r) => r.name === "indicators");
  assert.deepEqual(indicators?.sources?.filter((s) => s.path === "first.csv").map((s) => s.licence), ["CC BY 4.0"]);
  assert.deepEqual(validatePackage(dir).errors, []);
  // the package read and written back keeps each resource's own licences: the same datapackage.json
  const copy = tempDir("vsw-add-copy-");
  writePackage(copy, packageContent(readPackage(dir)));
  assert.equal(fs.readFileSync(path.join(copy, "datapackage.json"), "utf8"), fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
});

test("a datapackage.json without licences or sources (hand-written) still takes own data, listed where they are", () => {
  const dir = writeFixturePackage();
  const file = path.join(dir, "datapackage.json");
  const descriptor = JSON.parse(fs.readFileSync(file, "utf8"));
  delete descriptor.licenses;
  delete descriptor.sources;
  for (const r of descriptor.resources) {
    delete r.licenses;
    delete r.sources;
  }
  fs.writeFileSync(file, JSON.stringify(descriptor, null, 2));
  addOwnData(dir, tempFile("bare.csv", "la_name,period,bare_pct\nHull,2022,70\n"), { metadata: META });
  const after = readPackage(dir).descriptor;
  assert.deepEqual(after.resources.find((r) => r.name === "areas")?.licenses, []);
  assert.deepEqual(after.resources.find((r) => r.name === "indicators")?.licenses, [OWN_DATA_LICENCE_ENTRY]);
  assert.deepEqual(after.resources.find((r) => r.name === "indicators")?.sources?.map((s) => s.path), ["bare.csv"]);
});

test("own data are marked as such: the file's source has its licence (or 'not stated'), the package keeps the OGL, gains an own-data licence and says so in its title, once", () => {
  const dir = writeFixturePackage();
  const before = readPackage(dir).descriptor;
  addOwnData(dir, tempFile("first.csv", "la_name,period,first_pct\nHull,2022,70\n"), { metadata: META });
  addOwnData(dir, tempFile("second.csv", "la_name,period,second_pct\nHull,2022,60\n"), { metadata: META, licence: "Internal use only (data-sharing agreement)" });
  const after = readPackage(dir).descriptor;
  const own = after.sources.filter((s) => s.title.startsWith("Own data: "));
  assert.deepEqual(own.map((s) => [s.path, s.licence]), [
    ["first.csv", OWN_DATA_LICENCE_NOT_STATED],
    ["second.csv", "Internal use only (data-sharing agreement)"],
  ]);
  assert.deepEqual(after.licenses, [...before.licenses, OWN_DATA_LICENCE_ENTRY], "the package's licences are kept; one own-data entry after two adds");
  assert.equal(after.title, `${before.title}${OWN_DATA_TITLE_SUFFIX}`, "the suffix is added once");
  // the same file again with --replace and its licence now given: the source records it (a review: it was dropped)
  const first = tempFile("first.csv", "la_name,period,first_pct\nHull,2022,70\n");
  addOwnData(dir, first, { metadata: META, replace: true, licence: "CC BY 4.0" });
  assert.deepEqual(readPackage(dir).descriptor.sources.filter((s) => s.path === "first.csv").map((s) => s.licence), ["CC BY 4.0"]);
  // the description said "imported … from official publications"; it now says own data were added, once
  assert.equal(after.description, [before.description, OWN_DATA_DESCRIPTION_NOTE].filter((t) => t).join(" "));
  assert.deepEqual(validatePackage(dir).errors, []);
});

test("a column without a name is left out when blank in every row (a trailing comma), refused when it holds a value", () => {
  const dir = writeFixturePackage();
  const plan = (text: string) => planOwnData(readPackage(dir), tempFile("t.csv", text), { metadata: META });
  // a trailing comma on every line: before, "row 0, column 4: got '', expected a column name" for the commonest padding
  const trailing = plan("la_code,period,y,\nE06000023,2022,1,\nE06000010,2022,2,\n");
  assert.deepEqual(trailing.errors, []);
  assert.ok(trailing.report.notes.includes("column 4, without a name, left out: no value in any of 2 rows"), trailing.report.notes.join("; "));
  assert.deepEqual(trailing.report.indicators.map((i) => i.id), ["y"]);
  // a long table's padding alike, and a header of punctuation only (no letter or digit to make a name of)
  assert.deepEqual(plan("la_code,period,indicator,value,\nE06000023,2022,y,1,\n").errors, []);
  assert.ok(plan("la_code,period,y,%\nE06000023,2022,1, \n").report.notes.includes('column 4 ("%"), without a name, left out: no value in any of 1 rows'));
  // neighbouring empty headers make one note (one stray cell far right had printed a note per column)
  const wide = plan(`la_code,period,y${",".repeat(5000)}\nE06000023,2022,1${",".repeat(5000)}\n`).report.notes.filter((n) => /without a name/.test(n));
  assert.deepEqual(wide, ["columns 4–5003 (5000), without a name, left out: no value in any of 1 rows"]);
  // what a column without a name holds would be a guess
  assert.match(plan("la_code,period,y,\nE06000023,2022,1,3\nE06000010,2022,2,\n").errors[0].message, /row 0, column "column 4": got "", expected a column name: column 4 has no name but holds values/);
  // two names that make one id are named as such, not as "the same name"
  assert.throws(() => plan("la_code,period,Größe,Grosse\nE06000023,2022,1,2\n"), /column "Grosse": got "Grosse", expected each column named once \(column 3, "Größe", is read as the same name, grosse\)/);
});

test("a blank value beside its numerator and denominator is worked out from them for percent and rate_per_10k; for other units added as missing, with a warning", () => {
  const dir = writeFixturePackage();
  const plan = planOwnData(readPackage(dir), tempFile("counts.csv", "la_code,period,indicator,value,numerator,denominator\nE06000023,2022,own_pct,,1,3\nE06000010,2022,own_pct,40.5,49,121\nE08000013,2022,own_pct,,0,0\n"), { metadata: META });
  assert.deepEqual(plan.errors, []);
  // 1 ÷ 3 × 100, unrounded; denominator 0: missing, not applicable (a share of nothing)
  assert.deepEqual(plan.content.indicators.filter((r) => r.indicator === "own_pct").map((r) => [r.la_code, r.value, r.status]), [
    ["E06000023", (1 / 3) * 100, ""], ["E06000010", 40.5, ""], ["E08000013", null, "not-applicable:zero-denominator"],
  ]);
  assert.deepEqual(plan.report.indicators.map((i) => [i.id, i.values, i.missing, i.fromCounts]), [["own_pct", 2, 1, { values: 1, zeroDenominators: 1 }]]);
  assert.deepEqual(plan.report.warnings, []);
  const prov = plan.content.provenance as { own_data: { values_worked_out_from_counts?: Record<string, number> }[] };
  assert.deepEqual(prov.own_data[0].values_worked_out_from_counts, { own_pct: 1 });
  const rate = planOwnData(readPackage(dir), tempFile("rate.csv", "la_code,period,indicator,value,numerator,denominator\nE06000023,2022,own_rate,,7,16000\n"), { metadata: { ...META, unit: "rate_per_10k" } });
  assert.deepEqual(rate.content.indicators.filter((r) => r.indicator === "own_rate").map((r) => r.value), [(7 / 16000) * 10_000]);
  // a unit that is not a share of counts: added as missing, with the warning naming the unit
  const ratio = planOwnData(readPackage(dir), tempFile("ratio.csv", "la_code,period,indicator,value,numerator,denominator\nE06000023,2022,own_ratio,,30,120\n"), { metadata: { ...META, unit: "ratio" } });
  assert.deepEqual(ratio.report.indicators.map((i) => [i.values, i.missing, i.fromCounts]), [[0, 1, undefined]]);
  assert.deepEqual(ratio.report.warnings, ["own_ratio: 1 row(s) give a numerator and a denominator but no value; they are added as missing (a value is worked out from its counts for the units percent and rate_per_10k only; the unit of own_ratio is ratio): give the value"]);
  // a blank value with one count only, or a symbol, is no such row; counts that break the unit's rules are refused, not worked out
  const one = planOwnData(readPackage(dir), tempFile("one.csv", "la_code,period,indicator,value,numerator,denominator\nE06000023,2022,own_pct,,30,\nE06000010,2022,own_pct,c,,121\n"), { metadata: META });
  assert.deepEqual(one.report.warnings.filter((w) => w.includes("no value")), []);
  assert.deepEqual(one.report.indicators.map((i) => [i.values, i.fromCounts]), [[0, undefined]]);
  const over = planOwnData(readPackage(dir), tempFile("over.csv", "la_code,period,indicator,value,numerator,denominator\nE06000023,2022,own_pct,,130,120\n"), { metadata: META });
  assert.equal(over.errors.length, 1);
  assert.match(over.errors[0].message, /row 1, column "numerator": got "130", expected/);
});

test("a write in place removes the copies killed writes of the package left beside it, and nothing else", () => {
  // a last review of round 24: kill -TERM mid-add left a 14 MB PKG.tmp-PID-TIME copy that nothing removed
  const dir = writeFixturePackage();
  const ended = spawnSync(process.execPath, ["-e", "0"]).pid!;
  const killed = `${dir}.tmp-${ended}-1765000000000`;
  const running = `${dir}.tmp-${process.pid}-1765000000001`;
  const notOurs = `${dir}.tmp-notes`;
  for (const d of [killed, running, notOurs]) {
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, "indicators.csv"), "la_code\n");
  }
  try {
    addOwnData(dir, tempFile("ok.csv", "la_code,period,visits_pct\nE06000023,2022,50\n"), { metadata: META });
    assert.equal(fs.existsSync(killed), false, "a killed run's copy is removed");
    assert.equal(fs.existsSync(running), true, "a running process's copy is its own");
    assert.equal(fs.existsSync(notOurs), true, "a folder not named as a write's copy is not touched");
  } finally {
    for (const d of [killed, running, notOurs]) fs.rmSync(d, { recursive: true, force: true });
  }
});
