/**
 * The README's "Your own data" example, run end to end exactly as written there (import → add ×3 → validate →
 * list → analyse --las): the commands are read from the README's code block, so the README and this test
 * cannot drift apart. Only the output folders (/tmp/…) and the official data folder are substituted.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { OFFICIAL_DATA_DIR, officialTest } from "../helpers/official";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.join(__dirname, "..", "..");

/** The `npx vital-signs …` lines of the first sh block under "## Your own data", split into arguments. */
export function readmeOwnDataCommands(readme: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith("Your own data"));
  assert.ok(section, 'README.md has a "## Your own data" section');
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, "the section has an sh code block");
  return block
    .split("\n")
    .filter((l) => l.startsWith("npx vital-signs "))
    .map((l) => [...l.slice("npx vital-signs ".length).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]));
}

officialTest("the README's own-data example runs end to end: add by name, by code and by earlier code, validate, analyse --las", async () => {
  const commands = readmeOwnDataCommands(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
  assert.deepEqual(commands.map((c) => c[0]), ["import", "add", "add", "add", "validate", "list", "analyse"]);
  const tmp = tempDir("vsw-readme-own-");
  const substitute = (a: string) =>
    a === "/tmp/england" ? path.join(tmp, "england") : a === "/tmp/pilot-analysis" ? path.join(tmp, "pilot") : a === "../shared/data/official" ? OFFICIAL_DATA_DIR : a.startsWith("examples/") ? path.join(ROOT, a) : a;
  const outputs: string[] = [];
  for (const args of commands) {
    const c = capture();
    const code = await main(args.map(substitute), c.io);
    assert.equal(code, 0, `vital-signs ${args.join(" ")}\n${c.err.join("")}`);
    outputs.push(c.out.join(""));
  }
  const [, byName, byCode, byOldCode, validate, list, analyse] = outputs;
  assert.match(byName, /LAs matched: 20 by name\n/);
  assert.match(byName, /"Bristol" → Bristol, City of \(E06000023, name\)/);
  assert.match(byName, /"St Helens" → St\. Helens \(E08000013, name\)/);
  assert.match(byCode, /LAs matched: 20 by ONS code\n/);
  assert.match(byCode, /edge_of_care_support_pct \(percent\): 59 values, 1 missing, periods 2022, 2023, 2024/);
  assert.match(byOldCode, /LAs matched: 16 by ONS code, 4 by earlier ONS code/);
  assert.match(byOldCode, /"E10000023" → North Yorkshire \(E06000065, earlier ONS code\)/);
  assert.match(validate, /— valid\n/);
  for (const id of ["family_group_conferences_per_1000", "edge_of_care_support_pct", "practice_supervision_monthly_pct"]) assert.match(list, new RegExp(`\\n  ${id} +20 LAs  2022–2024`));
  assert.match(analyse, /restricted to 20 of 158 LAs \(--las .*pilot-las\.txt\): n is at most 20/);
  const results = JSON.parse(fs.readFileSync(path.join(tmp, "pilot", "results.json"), "utf8"));
  assert.equal(results.las_restriction.n_las, 20);
  assert.equal(results.outcome.n_linked, 20);
  const own = results.associations.filter((a: { indicator: string }) => /family_group|edge_of_care|practice_supervision/.test(a.indicator));
  assert.deepEqual(own.map((a: { n: number }) => a.n), [20, 20, 20]);
  const dp = JSON.parse(fs.readFileSync(path.join(tmp, "england", "datapackage.json"), "utf8"));
  assert.deepEqual(dp.provenance.own_data.map((o: { file: string }) => o.file), ["fgc-by-name.csv", "edge-of-care-by-code.csv", "supervision-old-codes.csv"]);
});
