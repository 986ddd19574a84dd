/**
 * Packages written by the workbench are readable by Frictionless tools: checked here by an independent,
 * minimal Frictionless-style validator (hash "<algorithm>:<hex>" against the bytes, every cell of the declared
 * type or a declared missing value, licences and sources per resource), and `validate` rejects what such a
 * tool would.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCsv } from "../../lib/data/csv";
import { readPackage, validatePackage } from "../../lib/data/package";
import { FRICTIONLESS_MISSING_VALUES, hashHex } from "../../lib/data/frictionless";
import { writeFixturePackage } from "./own-data/fixture";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");

/** A Frictionless-style check written from the specs, independent of lib/data. */
function frictionlessProblems(dir: string): string[] {
  const dp = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
  const problems: string[] = [];
  const typeOk: Record<string, (s: string) => boolean> = {
    string: () => true,
    integer: (s) => /^[-+]?\d+$/.test(s),
    number: (s) => /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s),
    date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
  };
  if (!Array.isArray(dp.licenses) || dp.licenses.length === 0) problems.push("package: no licences");
  for (const r of dp.resources) {
    const m = /^([a-z0-9]+):([0-9a-f]+)$/.exec(r.hash ?? "");
    if (!m) problems.push(`${r.name}: hash ${r.hash} is not "<algorithm>:<hex>"`);
    else if (createHash(m[1]).update(fs.readFileSync(path.join(dir, r.path))).digest("hex") !== m[2]) problems.push(`${r.name}: hash does not match`);
    if (!Array.isArray(r.licenses) || r.licenses.length === 0) problems.push(`${r.name}: no licences on the resource`);
    if (!Array.isArray(r.sources)) problems.push(`${r.name}: no sources on the resource`);
    const missing = new Set<string>(r.schema.missingValues ?? [""]);
    const csv = parseCsv(fs.readFileSync(path.join(dir, r.path), "utf8"), r.path);
    const fields = r.schema.fields as { name: string; type: string }[];
    if (JSON.stringify(csv.header) !== JSON.stringify(fields.map((f) => f.name))) problems.push(`${r.name}: header differs from the schema`);
    csv.rows.forEach((row, i) => fields.forEach((f, k) => {
      const v = row[k];
      if (!missing.has(v) && !(typeOk[f.type] ?? (() => false))(v)) problems.push(`${r.name} row ${i + 1} ${f.name}: ${v} is not ${f.type}`);
    }));
  }
  return problems;
}

test("a package written by the workbench passes a Frictionless-style check: hash format, field types, missing values, licences and sources", () => {
  for (const dir of [writeFixturePackage(), DATASET]) {
    assert.deepEqual(frictionlessProblems(dir), [], dir);
    const dp = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
    for (const r of dp.resources) {
      assert.match(r.hash, /^sha256:[0-9a-f]{64}$/);
      assert.deepEqual(r.schema.missingValues, FRICTIONLESS_MISSING_VALUES);
    }
    assert.deepEqual(validatePackage(dir).errors, []);
  }
});

function edited(edit: (dp: { resources: Record<string, unknown>[] }, dir: string) => void): string {
  const dir = writeFixturePackage();
  const file = path.join(dir, "datapackage.json");
  const dp = JSON.parse(fs.readFileSync(file, "utf8"));
  edit(dp, dir);
  fs.writeFileSync(file, JSON.stringify(dp, null, 2));
  return dir;
}

test("the bare hex hash written before is still read; another algorithm or a malformed hash is an error", () => {
  assert.deepEqual(validatePackage(edited((dp) => { for (const r of dp.resources) r.hash = hashHex(r.hash); })).errors, []);
  const md5 = validatePackage(edited((dp) => { dp.resources[0].hash = "md5:0123456789abcdef0123456789abcdef"; })).errors;
  assert.equal(md5.length, 1);
  assert.match(md5[0].message, /datapackage\.json, column "resources\["areas"\]\.hash": got "md5:0123456789abcdef0123456789abcdef", expected a hash written as sha256:<64 lower-case hex digits>/);
});

test("a declared field type that is not the one the workbench reads, or a missing field declaration, is an error", () => {
  const errors = validatePackage(edited((dp) => {
    const fields = (dp.resources[2].schema as { fields: { name: string; type: string }[] }).fields;
    fields.find((f) => f.name === "value")!.type = "string";
    fields.splice(fields.findIndex((f) => f.name === "status"), 1);
  })).errors.map((e) => e.message);
  assert.ok(errors.some((m) => /resources\["indicators"\]\.schema\.fields\["value"\]\.type": got "string", expected type number/.test(m)), errors.join("\n"));
  assert.ok(errors.some((m) => /resources\["indicators"\]\.schema\.fields": got "status", expected a declared field "status" of type string/.test(m)), errors.join("\n"));
  const mv = validatePackage(edited((dp) => { (dp.resources[0].schema as Record<string, unknown>).missingValues = "c"; })).errors;
  assert.match(mv[0].message, /schema\.missingValues": got "\\"c\\"", expected a list of strings including ""/);
});

test("a declared DfE missing-value symbol in a number column is missing (null), and needs its reason in status", () => {
  const dir = writeFixturePackage();
  const file = path.join(dir, "indicators.csv");
  const text = fs.readFileSync(file, "utf8").replace("E06000023,2019,cla_rate_per_10k,50,,,", "E06000023,2019,cla_rate_per_10k,c,,,suppressed:c").replace("E08000013,2019,cla_rate_per_10k,50,,,", "E08000013,2019,cla_rate_per_10k,x,,,");
  fs.writeFileSync(file, text);
  const dpFile = path.join(dir, "datapackage.json");
  const dp = JSON.parse(fs.readFileSync(dpFile, "utf8"));
  dp.resources.find((r: { name: string }) => r.name === "indicators").hash = `sha256:${createHash("sha256").update(text).digest("hex")}`;
  fs.writeFileSync(dpFile, JSON.stringify(dp));
  const errors = validatePackage(dir).errors;
  assert.equal(errors.length, 1, errors.map((e) => e.message).join("\n"));
  assert.match(errors[0].message, /indicators\.csv, row \d, column "status": got "", expected the reason a missing value is missing/);
  fs.writeFileSync(file, text.replace("cla_rate_per_10k,x,,,", "cla_rate_per_10k,x,,,not-available:x"));
  dp.resources.find((r: { name: string }) => r.name === "indicators").hash = `sha256:${createHash("sha256").update(fs.readFileSync(file)).digest("hex")}`;
  fs.writeFileSync(dpFile, JSON.stringify(dp));
  const pkg = readPackage(dir);
  const bristol = pkg.indicators.objects().find((r) => (r as { la_code: string }).la_code === "E06000023") as { value: number | null; status: string };
  assert.deepEqual([bristol.value, bristol.status], [null, "suppressed:c"]);
});
