/**
 * A total of records is a finding when another file of the same scan shows suppressed groups, and totals worded as a
 * second hostile review worded them (round 21, F11) are totals: the pilot's "8772 records" saved as pilot.log beside its
 * package of 145 suppressed estimates passed, as did "Records read: 8772" and "8772 respondents" beside "145 suppressed".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { hasSuppressedGroups } from "../../lib/disclosure/record-totals";
import { scanFileText } from "../../lib/disclosure/scan";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";

const rules = (file: string, text: string) => scanFileText(file, text).findings.map((f) => [f.rule, f.value]);

test("totals worded as records read, respondents, survey responses or total respondents are totals beside suppression", () => {
  const beside = (text: string) => rules("notes.txt", `145 suppressed\n${text}\n`);
  assert.deepEqual(beside("Records read: 8772"), [["disclosive-total", "Records read: 8772"]]);
  assert.deepEqual(beside("8772 respondents"), [["disclosive-total", "8772 respondents"]]);
  assert.deepEqual(beside("8772 survey responses"), [["disclosive-total", "8772 survey responses"]]);
  assert.deepEqual(beside("total respondents 8772"), [["disclosive-total", "total respondents 8772"]]);
  assert.deepEqual(beside("fewer than 20 respondents"), [], "a threshold");
  assert.deepEqual(rules("notes.txt", "8772 respondents\n"), [], "no suppression spoken of");
});

test("hasSuppressedGroups: a suppressed status or [c] cell, or a count suppressed; not suppression described in words", () => {
  assert.equal(hasSuppressedGroups("la_code,period,indicator,value,status\nE06900009,2023,x_pct,,suppressed:disclosure\n"), true);
  assert.equal(hasSuppressedGroups('{"status": "suppressed:c"}'), true);
  assert.equal(hasSuppressedGroups("la,value\nLeeds,[c]\n"), true);
  assert.equal(hasSuppressedGroups("145 estimates suppressed"), true);
  assert.equal(hasSuppressedGroups('"why missing: suppressed, not-available, …"'), false);
  assert.equal(hasSuppressedGroups("under 10 are suppressed (status suppressed:disclosure)."), false);
});

test("a total in one file and suppressed groups in another file of the scan are a finding naming both", () => {
  const dir = tempDir("disc-total-across-");
  fs.writeFileSync(path.join(dir, "indicators.csv"), "la_code,period,indicator,value,numerator,denominator,status\nE06900009,2023,x_pct,,,,suppressed:disclosure\nE06900019,2023,x_pct,50,20,40,\n");
  fs.writeFileSync(path.join(dir, "pilot.log"), "8772 records\n");
  const report = scanPaths([dir]);
  assert.deepEqual(report.findings.map((f) => [path.basename(f.file), f.rule, f.value]), [["pilot.log", "disclosive-total", "8772 records"]]);
  assert.match(report.findings[0].message, /indicators\.csv of this scan shows suppressed groups/);
  assert.equal(report.total, 1);
  // the same total without suppressed groups anywhere in the scan, or in another scan: nothing
  assert.equal(scanPaths([path.join(dir, "pilot.log")]).total, 0);
  fs.writeFileSync(path.join(dir, "indicators.csv"), "la_code,period,indicator,value,numerator,denominator,status\nE06900019,2023,x_pct,50,20,40,\n");
  assert.equal(scanPaths([dir]).total, 0);
});

test("a total across files is listed once per file up to the cap and all are counted", () => {
  const dir = tempDir("disc-total-cap-");
  fs.writeFileSync(path.join(dir, "groups.txt"), "145 estimates suppressed\n");
  fs.writeFileSync(path.join(dir, "many.log"), Array.from({ length: 60 }, (_, i) => `${1000 + i} records`).join("\n"));
  const report = scanPaths([dir]);
  assert.equal(report.findings.filter((f) => f.rule === "disclosive-total").length, 50);
  assert.equal(report.total, 60);
});
