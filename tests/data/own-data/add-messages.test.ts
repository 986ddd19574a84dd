import { test } from "node:test";
import assert from "node:assert/strict";
import { DataErrors } from "../../../lib/errors";
import { readPackage } from "../../../lib/data/package";
import { planOwnData } from "../../../lib/data/own-data/add";
import { tempFile, writeFixturePackage } from "./fixture";

// add's notes and errors say true things (review r24, findings 6–8)

const SIDECAR = JSON.stringify({
  early_help_pct: { unit: "percent", polarity: "up", domain: "reaching-children" },
  meetings_count: { unit: "count", polarity: "none", domain: "child-safe" },
  not_in_file: { unit: "count", polarity: "none", domain: "child-safe" },
});

test("when every row of a wide table is refused, the sidecar note does not call its columns absent from the file", () => {
  const pkg = readPackage(writeFixturePackage());
  const meta = tempFile("a.meta.json", SIDECAR);
  // Cardiff and Cumbria: no LA of the package
  const file = tempFile("a2.csv", "la_code,period,early_help_pct,meetings_count\nW06000015,2023,41,80\nE10000006,2024,45,120\n");
  const plan = planOwnData(pkg, file, { metadataFile: meta });
  assert.equal(plan.errors.length, 2);
  assert.deepEqual(plan.report.notes, [`metadata for "not_in_file" in ${meta} is not used (no such indicator in the file)`]);
  // with a row added, the same: only the indicator that is not a column is noted
  const some = planOwnData(pkg, tempFile("a3.csv", "la_code,period,early_help_pct,meetings_count\nE06000023,2023,41,80\n"), { metadataFile: meta });
  assert.deepEqual(some.errors, []);
  assert.deepEqual(some.report.notes, [`metadata for "not_in_file" in ${meta} is not used (no such indicator in the file)`]);
});

test("in a long table, a sidecar indicator no row of a package LA names is noted as such", () => {
  const pkg = readPackage(writeFixturePackage());
  const meta = tempFile("a.meta.json", SIDECAR);
  const file = tempFile("l.csv", "la_code,period,indicator,value\nE06000023,2023,early_help_pct,41\nE06000023,2023,meetings_count,80\nW06000015,2023,not_in_file,3\n");
  const plan = planOwnData(pkg, file, { metadataFile: meta, skipUnmatched: true });
  assert.deepEqual(plan.errors, []);
  assert.ok(plan.report.notes.includes(`metadata for "not_in_file" in ${meta} is not used (no row of the file for an LA of the package names it)`), plan.report.notes.join("\n"));
});

test("an id already in the package is said in the same run as the metadata it lacks, first", () => {
  const pkg = readPackage(writeFixturePackage());
  // cla_rate_per_10k is in the fixture's catalogue; no unit, polarity or domain given
  const file = tempFile("j1.csv", "la_code,period,cla_rate_per_10k\nE06000023,2025,20.5\n");
  assert.throws(() => planOwnData(pkg, file), (e: unknown) => {
    assert.ok(e instanceof DataErrors);
    const messages = e.errors.map((x) => x.message);
    assert.equal(messages.length, 4, messages.join("\n"));
    assert.equal(messages[0], `${file}, column "cla_rate_per_10k": got "cla_rate_per_10k", expected an indicator id not yet in the package (it is in catalogue.csv; use --replace to replace it)`);
    assert.match(messages[1], /expected a unit for indicator "cla_rate_per_10k"/);
    assert.match(e.message, /^indicator ids and metadata: 4 error\(s\)/);
    return true;
  });
  // metadata given: the clash alone, returned with the plan as before
  const plan = planOwnData(pkg, file, { metadata: { unit: "rate_per_10k", polarity: "none", domain: "child-safe" } });
  assert.deepEqual(plan.errors.map((x) => x.message), [`${file}, column "cla_rate_per_10k": got "cla_rate_per_10k", expected an indicator id not yet in the package (it is in catalogue.csv; use --replace to replace it)`]);
  // no clash: the metadata errors alone, as before
  assert.throws(() => planOwnData(pkg, tempFile("n.csv", "la_code,period,new_pct\nE06000023,2025,20.5\n")), (e: unknown) => e instanceof DataErrors && e.message.startsWith("indicator metadata: 3 error(s)"));
});

test("a sidecar describing many indicators the file does not have gives one note naming the first three, not one each", () => {
  const pkg = readPackage(writeFixturePackage());
  const entries: Record<string, object> = { early_help_pct: { unit: "percent", polarity: "up", domain: "reaching-children" } };
  for (let i = 0; i < 400; i++) entries[`other_${String(i).padStart(3, "0")}`] = { unit: "count", polarity: "none", domain: "child-safe" };
  const meta = tempFile("many.meta.json", JSON.stringify(entries));
  const plan = planOwnData(pkg, tempFile("m.csv", "la_code,period,early_help_pct\nE06000023,2023,41\n"), { metadataFile: meta });
  assert.deepEqual(plan.errors, []);
  const unused = plan.report.notes.filter((n) => n.includes("is not used"));
  assert.deepEqual(unused, [`metadata for 400 indicators in ${meta} is not used (no such indicator in the file): "other_000", "other_001", "other_002" and 397 more`]);
});
