import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage } from "../../lib/data/package";
import { planOwnData } from "../../lib/data/own-data/add";
import { capture } from "../helpers/cli";
import { tempFile, writeFixturePackage } from "../data/own-data/fixture";

// an own practice indicator of domain child-safe had silently become a child outcome (the domain's default role) and
// was left out of the screen of a safety outcome as "another child outcome" (user trial r26, S2-2): add says each
// indicator's role and area, where they came from, and how to give another

const REREF = "la_code,period,my_rereferral_pct\nE06000023,2024,20.5\nE06000010,2024,22.1\n";
const SAFE = ["--unit", "percent", "--polarity", "down", "--domain", "child-safe"];

test("the report gives each own indicator's framework tags and whether they are the domain's default or given", () => {
  const pkg = readPackage(writeFixturePackage());
  const file = tempFile("reref.csv", REREF);
  const byDomain = planOwnData(pkg, file, { metadata: { unit: "percent", polarity: "down", domain: "child-safe" } });
  assert.deepEqual(byDomain.report.indicators[0].framework, { role: "child-outcome", area: "safety", from: "domain" });
  const given = planOwnData(pkg, file, { metadata: { unit: "percent", polarity: "down", domain: "child-safe", framework_role: "practice" } });
  assert.deepEqual(given.report.indicators[0].framework, { role: "practice", area: "safety", from: "metadata" });
  const sidecar = tempFile("m.json", JSON.stringify({ my_rereferral_pct: { unit: "percent", polarity: "down", domain: "child-safe", framework_area: "family-help" } }));
  assert.deepEqual(planOwnData(pkg, file, { metadataFile: sidecar }).report.indicators[0].framework, { role: "child-outcome", area: "family-help", from: "metadata" });
});

test("add prints a default child-outcome role with what analyse does with it and how to give another", async () => {
  const dir = writeFixturePackage();
  const c = capture();
  assert.equal(await main(["add", dir, tempFile("reref.csv", REREF), ...SAFE], c.io), 0, c.err.join(""));
  assert.match(
    c.out.join(""),
    /\n  my_rereferral_pct \(percent\): 2 values, 0 missing, periods 2024\n    framework: child-outcome \(safety\), the default of its domain: analyse takes it as a child outcome: one of the outcomes of --outcomes child, and left out of the candidates when the outcome is another child outcome of safety; if it is practice or an enabler, give --framework-role ROLE \(and --framework-area AREA\) or framework_role in --meta\n/,
  );
});

test("add --framework-role practice writes the role to catalogue.csv and prints it as given", async () => {
  const dir = writeFixturePackage();
  const c = capture();
  assert.equal(await main(["add", dir, tempFile("reref.csv", REREF), ...SAFE, "--framework-role", "practice"], c.io), 0, c.err.join(""));
  assert.match(c.out.join(""), /\n    framework: practice \(safety\), as given: analyse screens it as a candidate indicator\n/);
  const row = fs.readFileSync(path.join(dir, "catalogue.csv"), "utf8").split("\n").find((l) => l.startsWith("my_rereferral_pct,"));
  assert.match(row ?? "", /,practice,safety$/);
  // a role outside the vocabulary is refused, listing it
  const d = capture();
  assert.equal(await main(["add", dir, tempFile("r2.csv", REREF.replace(/my_rereferral_pct/, "other_pct")), ...SAFE, "--framework-role", "lever"], d.io), 1);
  assert.match(d.err.join(""), /got "lever", expected a framework_role that is one of child-outcome, practice, enabler, context/);
});

test("add --help lists the framework roles, areas and each domain's default", async () => {
  const c = capture();
  await main(["add", "--help"], c.io);
  const help = c.out.join("") + c.err.join("");
  assert.match(help, /\[--framework-role R\] \[--framework-area A\]/);
  assert.match(help, /framework_role: child-outcome, practice, enabler, context/);
  assert.match(help, /    child-safe → child-outcome \(safety\)\n/);
  // and a table with years as columns (r26, S2-1)
  assert.match(help, /a table with years as columns\n\(la_name,2022,2023\) is refused: reshape it to la_name,period,value and give --indicator ID/);
});

test("add says no period was read, rather than printing an empty list, when the file gives none", async () => {
  const dir = writeFixturePackage();
  const c = capture();
  assert.equal(await main(["add", dir, tempFile("np.csv", "la_code,my_pct\nE06000023,20.5\n"), ...SAFE], c.io), 1);
  assert.match(c.out.join(""), /\n  my_pct \(percent\): 1 values, 0 missing, no period read\n/);
  assert.match(c.err.join(""), /expected a period column/);
});
