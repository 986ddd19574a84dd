import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { validateAgainstSchema, type JsonSchema } from "../../lib/vitals/results";
import { capture } from "../helpers/cli";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/results.schema.json"), "utf8")) as JsonSchema;

describe("vital-signs analyse", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-analyse-"));
  let results: Record<string, unknown>;

  test("writes results.json and report.html for the synthetic pilot and prints the vital signs", async () => {
    const c = capture();
    const code = await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--context", "idaci_score", "--seed", "7", "--resamples", "200", "--out", out], c.io);
    assert.equal(code, 0, c.err.join(""));
    assert.match(c.out.join(""), /vital signs \(\d+\):/);
    results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
    const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
    assert.match(html, /Vital signs: verdicts with reasons/);
    assert.doesNotMatch(html, /<script src="http/);
  });

  test("results.json validates against schemas/results.schema.json and records the run", () => {
    assert.deepEqual(validateAgainstSchema(results, SCHEMA), []);
    assert.equal(results.seed, 7);
    assert.equal(results.resamples, 200);
    const link = results.link_rule as { kind: string; description: string };
    assert.equal(link.kind, "latest-on-or-before");
    assert.match(link.description, /latest ofsted_overall judgement/);
    const resources = (results.dataset as { resources: { name: string; sha256: string }[] }).resources;
    assert.match(resources.find((x) => x.name === "indicators")!.sha256, /^[0-9a-f]{64}$/);
  });

  test("every indicator has an association and a verdict with a reason holding a number", () => {
    const assoc = results.associations as { indicator: string }[];
    const verdicts = results.vital_signs as { indicator: string; reason: string }[];
    assert.equal(assoc.length, verdicts.length);
    for (const v of verdicts) assert.match(v.reason, /\d/, v.indicator);
  });

  test("the schema validator catches a missing or mistyped field", () => {
    const broken = { ...results, seed: "7" } as Record<string, unknown>;
    delete broken.vital_signs;
    const problems = validateAgainstSchema(broken, SCHEMA);
    assert.ok(problems.some((p) => /missing required property "vital_signs"/.test(p)));
    assert.ok(problems.some((p) => /\$\.seed: expected integer/.test(p)));
  });

  test("the outputs pass the disclosure scan (LA-level aggregates only)", async () => {
    const c = capture();
    const code = await main(["check-disclosure", path.join(out, "results.json"), path.join(out, "report.html")], c.io);
    assert.equal(code, 0, c.out.join("") + c.err.join(""));
  });

  test("--period aligns every LA on that year and --link/--date set the recorded rule", async () => {
    const out2 = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-analyse-period-"));
    const c = capture();
    const code = await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--period", "2022", "--link", "first-on-or-before", "--date", "2017-03-31", "--resamples", "50", "--out", out2], c.io);
    assert.equal(code, 0, c.err.join(""));
    const r = JSON.parse(fs.readFileSync(path.join(out2, "results.json"), "utf8"));
    assert.equal(r.period, 2022);
    assert.equal(r.alignment.kind, "analysis-period");
    assert.deepEqual(r.link_rule, {
      kind: "first-on-or-before", parameters: { outcome: "ofsted_overall", date: "2017-03-31" },
      description: "each LA's first ofsted_overall judgement, kept only if published on or before 2017-03-31",
    });
    assert.deepEqual(validateAgainstSchema(r, SCHEMA), []);
  });

  test("an unknown outcome is a usage error naming the outcomes there are", async () => {
    const c = capture();
    const code = await main(["analyse", DATASET, "--outcome", "nope", "--out", out], c.io);
    assert.equal(code, 2);
    assert.match(c.err.join(""), /^vital-signs analyse: --outcome: not in outcomes.csv \(have: ofsted_overall\) \(got "nope"\)\n\nvital-signs analyse DIR/);
    const typo = capture();
    assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overal", "--out", out], typo.io), 2);
    assert.match(typo.err.join(""), /--outcome: not in outcomes.csv: did you mean "ofsted_overall"\?/);
  });

  test("draws a bootstrap progress bar only when stderr is a terminal; the results are the same either way", async () => {
    const run = async (isTTY: boolean) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-analyse-progress-"));
      const c = capture();
      const io = { ...c.io, isTTY };
      assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--seed", "7", "--resamples", "40", "--out", dir], io), 0, c.err.join(""));
      const r = JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8"));
      delete r.versions; // node and commit only
      return { err: c.err.join(""), results: r };
    };
    const tty = await run(true);
    const piped = await run(false);
    assert.match(tty.err, /^\rbootstrap \[-{30}\]   0% 0\/40\r/);
    assert.match(tty.err, /\rbootstrap \[#{30}\] 100% 40\/40\n$/);
    assert.equal(piped.err, "");
    assert.deepEqual(piped.results, tty.results);
  });

  test("missing --outcome exits 2 with usage", async () => {
    const c = capture();
    assert.equal(await main(["analyse", DATASET], c.io), 2);
    assert.match(c.err.join(""), /--outcome ID are required/);
  });
});
