/**
 * Hostile packages (issue 15): duplicate headers, overflowing numbers, grades off the outcome scale,
 * resource paths out of the package, Latin-1 bytes, malformed resource entries and stale row counts are
 * validation errors naming file, row, column and value — never a raw JS error, never a read outside the
 * package folder.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { DataError } from "../../lib/errors";
import { decodeUtf8, requireColumns, parseCsv } from "../../lib/data/csv";
import { MAX_RESOURCE_BYTES, validatePackage, writePackage } from "../../lib/data/package";
import { SIDECAR_MAX_BYTES } from "../../lib/data/small-file";
import { descriptorOf } from "../../lib/data/output-folder";
import { outcomeGradeOfLabel } from "../../lib/data/schema";
import type { PackageContent } from "../../lib/data/types";
import { printPackageSummary } from "../../lib/cli/commands/validate";
import { tempDir } from "../helpers/temp-dirs";

function fixture(): PackageContent {
  return {
    name: "tiny",
    title: "Tiny",
    created: "2026-01-01T00:00:00Z",
    areas: [
      { la_code: "E06900001", la_name: "Northbridge", region_code: "E12000001", region_name: "North East", old_la_code: "901", first_period: null, last_period: null },
      { la_code: "E06900002", la_name: "Southvale", region_code: "E12000001", region_name: "North East", old_la_code: "902", first_period: null, last_period: null },
    ],
    catalogue: [
      { indicator: "rereferral_pct", label: "Re-referrals", domain: "child-safe", polarity: "down", unit: "percent", numerator: "re-referrals", denominator: "referrals", source: "synthetic", definition: "share" },
    ],
    indicators: [
      { la_code: "E06900001", period: 2018, indicator: "rereferral_pct", value: 21.5, numerator: 43, denominator: 200, status: "" },
      { la_code: "E06900002", period: 2018, indicator: "rereferral_pct", value: 10, numerator: 20, denominator: 200, status: "" },
    ],
    context: [{ la_code: "E06900001", period: 2018, variable: "idaci_score", value: 0.21 }],
    outcomes: [
      { la_code: "E06900001", outcome: "ofsted_overall", value: 2, label: "Good", date: "2018-06-01", period: 2019 },
      { la_code: "E06900002", outcome: "ofsted_overall", value: 4, label: "Inadequate [SIF]", date: "2017-03-30", period: 2017 },
    ],
  };
}

/** Write the fixture, apply an edit, and re-record every resource's sha256 so only the planted problem shows. */
function planted(edit: (dir: string, dp: { resources: Record<string, unknown>[] }) => void): string {
  const dir = tempDir("vsw-hostile-pkg-");
  writePackage(dir, fixture());
  const dpFile = path.join(dir, "datapackage.json");
  const dp = JSON.parse(fs.readFileSync(dpFile, "utf8"));
  edit(dir, dp);
  for (const r of dp.resources) {
    const f = typeof r?.path === "string" ? path.join(dir, r.path) : "";
    if (f !== "" && fs.existsSync(f) && fs.statSync(f).isFile()) r.hash = createHash("sha256").update(fs.readFileSync(f)).digest("hex");
  }
  fs.writeFileSync(dpFile, JSON.stringify(dp, null, 2));
  return dir;
}

function edit(dir: string, file: string, fn: (text: string) => string): void {
  const f = path.join(dir, file);
  fs.writeFileSync(f, fn(fs.readFileSync(f, "utf8")));
}

const messages = (dir: string) => validatePackage(dir).errors.map((e) => e.message);

test("a duplicate column in outcomes.csv is an error naming the file and both positions", () => {
  const dir = planted((d) => edit(d, "outcomes.csv", (t) => t.split("\n").map((l, i) => (l === "" ? l : `${l},${i === 0 ? "value" : "1"}`)).join("\n")));
  const errs = validatePackage(dir).errors;
  const dup = errs.find((e) => e.column === "value" && /columns 3 and 7/.test(e.message));
  assert.ok(dup, errs.map((e) => e.message).join("\n"));
  assert.match(dup.message, /outcomes\.csv, row 0/);
});

test("requireColumns refuses a required column that repeats, with both positions", () => {
  assert.throws(() => requireColumns(parseCsv("a,b,a\n1,2,3\n", "x.csv"), ["a"]), (e: unknown) => e instanceof DataError && /columns 1 and 3/.test(e.message));
  assert.equal(requireColumns(parseCsv(",b,\n1,2,3\n", "x.csv"), ["b"]).get("b"), 1);
});

test("1e309 and -1e400 (overflow to ±Infinity) and a 20-digit integer are errors with file, row, column and value", () => {
  const dir = planted((d) => {
    edit(d, "indicators.csv", (t) => t.replace("21.5", "1e309").replace(",10,", ",-1e400,"));
    edit(d, "context.csv", (t) => t.replace("0.21", "1E309"));
  });
  const m = messages(dir);
  assert.ok(m.some((x) => /indicators\.csv, row 1, column "value": got "1e309", expected a finite number/.test(x)), m.join("\n"));
  assert.ok(m.some((x) => /indicators\.csv, row 2, column "value": got "-1e400"/.test(x)), m.join("\n"));
  assert.ok(m.some((x) => /context\.csv, row 1, column "value": got "1E309"/.test(x)), m.join("\n"));
  const big = planted((d) => edit(d, "indicators.csv", (t) => t.replace(",2018,", ",99999999999999999999,")));
  assert.ok(messages(big).some((x) => /column "period": got "99999999999999999999"/.test(x)));
});

test("outcome grades 7, -1 and 2.5 and a label that disagrees with its value are errors", () => {
  for (const [bad, re] of [["7", /got "7", expected a grade on the outcome scale/], ["-1", /got "-1", expected a grade/], ["2.5", /got "2.5", expected a grade/]] as const) {
    const dir = planted((d) => edit(d, "outcomes.csv", (t) => t.replace(",2,Good,", `,${bad},Good,`)));
    assert.ok(messages(dir).some((x) => /outcomes\.csv, row 1, column "value"/.test(x) && re.test(x)), messages(dir).join("\n"));
  }
  const disagree = planted((d) => edit(d, "outcomes.csv", (t) => t.replace(",2,Good,", ",1,Good,")));
  assert.ok(messages(disagree).some((x) => /row 1, column "value": got "1", expected the grade of its label "Good" \(2\)/.test(x)), messages(disagree).join("\n"));
  const unknown = planted((d) => edit(d, "outcomes.csv", (t) => t.replace(",2,Good,", ",2,Brilliant,")));
  assert.ok(messages(unknown).some((x) => /column "label": got "Brilliant"/.test(x)));
  assert.equal(outcomeGradeOfLabel("Requires improvement to be good [ILACS Standard Inspection; inspected 2019-01-14]"), 3);
  assert.equal(outcomeGradeOfLabel("constructor"), undefined);
});

test("resource paths out of the package (../, absolute, a symlink out) are refused without reading or echoing the file", () => {
  const secretDir = tempDir("vsw-secret-");
  const secret = path.join(secretDir, "secret.csv");
  fs.writeFileSync(secret, "la_code,period,variable,value\nTOP-SECRET-CONTENT,2018,x,1\n");
  const cases: [string, (d: string, dp: { resources: Record<string, unknown>[] }) => void][] = [
    ["relative ..", (d, dp) => void (dp.resources.find((r) => r.name === "context")!.path = path.relative(d, secret))],
    ["../../../etc/hostname", (_d, dp) => void (dp.resources.find((r) => r.name === "context")!.path = "../../../etc/hostname")],
    ["absolute", (_d, dp) => void (dp.resources.find((r) => r.name === "context")!.path = secret)],
    ["symlink out", (d, dp) => {
      fs.symlinkSync(secret, path.join(d, "link.csv"));
      dp.resources.find((r) => r.name === "context")!.path = "link.csv";
    }],
  ];
  for (const [label, plant] of cases) {
    const dir = planted(plant);
    const m = messages(dir);
    assert.ok(m.some((x) => /resources\[3\]\.path/.test(x) && /inside the package folder/.test(x)), `${label}: ${m.join("\n")}`);
    assert.ok(!m.some((x) => /TOP-SECRET/.test(x)), `${label}: content echoed`);
  }
});

test("a Latin-1 file is an error naming the file, line and byte offset, not silently U+FFFD", () => {
  const dir = planted((d) => {
    const f = path.join(d, "areas.csv");
    const text = fs.readFileSync(f, "latin1").replace("Southvale", "S\u00e9vale");
    fs.writeFileSync(f, Buffer.from(text, "latin1"));
  });
  const m = messages(dir);
  assert.ok(m.some((x) => /areas\.csv, row 3: got "byte 0xe9 at offset \d+", expected UTF-8 text/.test(x)), m.join("\n"));
  assert.equal(decodeUtf8(new Uint8Array([0x63, 0xc3, 0xa9]), "x.csv"), "cé");
  assert.throws(() => decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]), "x.csv"), /offset 0/);
});

test("malformed resource entries (no path, null, a folder) and duplicate entries are DataErrors, not TypeErrors", () => {
  const noPath = planted((_d, dp) => void delete dp.resources[3].path);
  assert.ok(messages(noPath).some((x) => /resources\[3\]\.path/.test(x)));
  const nullEntry = planted((_d, dp) => void dp.resources.push(null as never));
  assert.ok(messages(nullEntry).some((x) => /column "resources\[\d\]": got "null", expected a resource object/.test(x)), messages(nullEntry).join("\n"));
  const folder = planted((d, dp) => {
    fs.mkdirSync(path.join(d, "adir"));
    dp.resources[3].path = "adir";
  });
  assert.ok(messages(folder).some((x) => /a regular file for resource "context"/.test(x)), messages(folder).join("\n"));
  const twice = planted((_d, dp) => void dp.resources.push({ ...dp.resources[0] }));
  assert.ok(messages(twice).some((x) => /resource "areas" is listed twice/.test(x)), messages(twice).join("\n"));
});

test("a stale or absent `rows` in the descriptor: a warning, and the summary prints the counted rows", () => {
  const dir = planted((_d, dp) => {
    delete dp.resources[0].rows;
    dp.resources[1].rows = 99;
  });
  const v = validatePackage(dir);
  assert.deepEqual(v.errors, []);
  assert.ok(v.warnings.some((w) => /"catalogue" declares 99 rows but catalogue\.csv has 1/.test(w)), v.warnings.join("\n"));
  let out = "";
  assert.equal(printPackageSummary(dir, { out: (t) => void (out += t), err: () => undefined, isTTY: false }), 0);
  assert.match(out, /areas 2 rows, catalogue 1 rows/);
  assert.doesNotMatch(out, /undefined/);
});

test("a descriptor's `bytes` that is not the file's size: a warning naming both (the hash still decides validity)", () => {
  const dir = planted((_d, dp) => void (dp.resources[1].bytes = 1));
  const v = validatePackage(dir);
  assert.deepEqual(v.errors, []);
  const size = fs.statSync(path.join(dir, "catalogue.csv")).size;
  assert.ok(v.warnings.some((w) => w === `datapackage.json: resource "catalogue" declares 1 bytes but catalogue.csv has ${size}`), v.warnings.join("\n"));
  assert.ok(!validatePackage(planted(() => undefined)).warnings.some((w) => /bytes but/.test(w)), "a package as written has none");
});

test("a resource file or descriptor over the size cap is refused before it is read (sparse 65 MiB files)", () => {
  const big = planted((d) => fs.truncateSync(path.join(d, "context.csv"), MAX_RESOURCE_BYTES + 1));
  assert.ok(messages(big).some((x) => /context\.csv: got "67108865 bytes", expected a resource file of at most 67108864 bytes/.test(x)), messages(big).join("\n"));
  const dir = planted(() => undefined);
  fs.truncateSync(path.join(dir, "datapackage.json"), SIDECAR_MAX_BYTES + 1);
  // one cap and one message for a descriptor wherever it is read (it had a second cap, and "got \"16777217 bytes\"")
  assert.ok(messages(dir).some((x) => /datapackage\.json: got "more than 16777216 bytes", expected a datapackage\.json file of at most 16777216 bytes/.test(x)), messages(dir).join("\n"));
  assert.equal(descriptorOf(dir), undefined, "an output folder's descriptor is read with the same cap");
});

test('a resource path with a trailing slash ("areas.csv/") is read or refused, never an ENOTDIR crash (found by the fuzz tests, seed 31337)', () => {
  const dir = planted((_d, dp) => void (dp.resources[0].path = "areas.csv/"));
  const v = validatePackage(dir);
  assert.ok(Array.isArray(v.errors));
});
