/**
 * pilot: an instrument (or an item) with no records gets no catalogue row, as it gets no indicator row; the command
 * and the package's provenance name it. Its catalogue rows had been written with no value behind them (validate
 * warned "has no rows in indicators.csv" of each) and counted among the indicators.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage, validatePackage } from "../../lib/data/package";
import { importPilotRecords } from "../../lib/pilot/import-pilot";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { AREA_CODES, HEADER, instruments } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDS = path.join(ROOT, "datasets", "pilot-records-synthetic");
const KEY = Buffer.from("a-test-key-for-instruments-without-records");

test("importPilotRecords: catalogue rows only for indicators with rows; the rest named, by instrument and item", () => {
  const dir = tempDir("vsw-pilot-without-");
  const file = path.join(dir, "records.csv");
  const lines = Array.from({ length: 12 }, (_, k) => `r${k},${AREA_CODES[0]},2023,child_survey,trust_staff,${(k % 5) + 1}`);
  fs.writeFileSync(file, `${HEADER}\n${lines.join("\n")}\n`);
  const set = instruments();
  const result = importPilotRecords([file], set, AREA_CODES, { key: KEY });
  const withRows = new Set(result.rows.indicators.map((r) => r.indicator));
  assert.deepEqual(result.rows.catalogue.map((c) => c.indicator).sort(), [...withRows].sort());
  assert.ok(withRows.size > 0);
  const childItems = set.instruments.find((i) => i.id === "child_survey")!.items.map((i) => i.id);
  const expected = set.instruments.map((ins) => ins.id === "child_survey"
    ? { instrument: ins.id, items: childItems.filter((id) => id !== "trust_staff"), wholeInstrument: false }
    : { instrument: ins.id, items: ins.items.map((i) => i.id), wholeInstrument: true }).filter((w) => w.items.length > 0);
  assert.deepEqual(result.withoutRecords, expected);
});

test("vital-signs pilot with two of four instruments' records: their indicators only, the others named; validate gives no 'no rows' warning", async () => {
  const dir = tempDir("vsw-pilot-two-");
  for (const f of ["areas.csv", "instruments.json", "records-child_survey.csv", "records-case_audit.csv"]) fs.copyFileSync(path.join(RECORDS, f), path.join(dir, f));
  const out = path.join(tempDir("vsw-pilot-two-out-"), "out"); // beside DIR: --out inside it is refused
  const c = capture();
  const code = await main(["pilot", dir, "--instruments", path.join(dir, "instruments.json"), "--out", out, "--ephemeral-key"], c.io);
  assert.equal(code, 0, c.err.join(""));
  const text = c.out.join("");
  assert.match(text, /\n {2}13 indicators for 20 LAs/);
  assert.ok(text.includes("  no records of instrument parent_survey (items services_respond, treated_with_respect): not in the package (no indicator or catalogue rows); give its records to add it\n"), text);
  assert.ok(text.includes("  no records of instrument staff_survey (items motivated, skills, reflective_supervision): not in the package"), text);
  const pkg = readPackage(out);
  assert.ok(!(pkg.catalogue.array("indicator") as string[]).some((id) => /parent_survey|staff_survey/.test(id)));
  assert.deepEqual(validatePackage(out).warnings.filter((w) => /has no rows/.test(w)), []);
  // provenance.pilot is the run's entry (it had been nested twice, { pilot: { pilot: … } })
  const prov = (pkg.descriptor.provenance as { pilot: { without_records: unknown } }).pilot;
  assert.deepEqual(prov.without_records, [
    { instrument: "parent_survey", items: ["services_respond", "treated_with_respect"] },
    { instrument: "staff_survey", items: ["motivated", "skills", "reflective_supervision"] },
  ]);
});

test("vital-signs pilot --merge-into: an instrument without records in this run is said to be kept from the package merged into, not 'not in the package'", async () => {
  // a second review: the merged package kept the earlier run's rows of three instruments while the screen said they were not in it
  const dir = tempDir("vsw-pilot-merge-without-");
  const all = path.join(dir, "all");
  fs.mkdirSync(all);
  for (const f of fs.readdirSync(RECORDS).filter((f) => f.endsWith(".csv") || f.endsWith(".json"))) fs.copyFileSync(path.join(RECORDS, f), path.join(all, f));
  const first = path.join(dir, "first");
  const c1 = capture();
  assert.equal(await main(["pilot", all, "--instruments", path.join(all, "instruments.json"), "--out", first, "--ephemeral-key"], c1.io), 0, c1.err.join(""));
  const one = path.join(dir, "one");
  fs.mkdirSync(one);
  for (const f of ["areas.csv", "instruments.json", "records-child_survey.csv"]) fs.copyFileSync(path.join(RECORDS, f), path.join(one, f));
  const c2 = capture();
  assert.equal(await main(["pilot", one, "--instruments", path.join(one, "instruments.json"), "--merge-into", first, "--out", path.join(dir, "merged"), "--ephemeral-key"], c2.io), 0, c2.err.join(""));
  const text = c2.out.join("");
  assert.ok(text.includes(`  no records of instrument case_audit`), text);
  assert.ok(!text.includes("not in the package"), text);
  assert.match(text, new RegExp(`no records of instrument parent_survey \\(items services_respond, treated_with_respect\\) in this run: nothing of it added; what ${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} had of it is kept`));
  const merged = readPackage(path.join(dir, "merged"));
  assert.ok((merged.catalogue.array("indicator") as string[]).some((id) => /parent_survey/.test(id)), "kept");
  // the earlier run's provenance is kept beside this run's, whose instruments without records are not called so
  const prov = merged.descriptor.provenance as { pilot: Record<string, unknown>; pilot_earlier_runs: Record<string, unknown>[] };
  const firstProv = readPackage(first).descriptor.provenance as { pilot: Record<string, unknown> };
  assert.deepEqual(prov.pilot_earlier_runs, [firstProv.pilot]);
  assert.deepEqual(prov.pilot.files, ["records-child_survey.csv"]);
  assert.equal(prov.pilot.without_records, undefined);
  assert.deepEqual((prov.pilot.without_records_in_this_run as { instrument: string }[]).map((w) => w.instrument), ["parent_survey", "staff_survey", "case_audit"]);
});
