/** `vital-signs holdout` with an Ofsted grade as outcome: the table of the three baselines and the vital signs, holdout.json, errors. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { DEFAULT_CANDIDATE_RULE } from "../../lib/data/framework";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");

test("holdout --outcome ofsted_overall prints log-loss, Brier and concordance with CIs per model and writes holdout.json", async () => {
  const out = path.join(tempDir("vsw-holdout-grades-"), "out");
  const c = capture();
  assert.equal(await main(["holdout", DATASET, "--outcome", "ofsted_overall", "--train-until", "2019,2020", "--resamples", "50", "--out", out], c.io), 0, c.err.join(""));
  const stdout = c.out.join("");
  for (const model of ["context-only", "persistence", "neighbour-grades", "vital-signs"]) assert.match(stdout, new RegExp(`${model}\\s+\\d\\.\\d{3} \\[\\d\\.\\d{3}, \\d\\.\\d{3}\\]`));
  assert.match(stdout, /deprivation/);
  const r = JSON.parse(fs.readFileSync(path.join(out, "holdout.json"), "utf8"));
  assert.equal(r.kind, "ordinal");
  // no --indicators: the default rule, in holdout.json and on stdout
  assert.equal(r.candidate_rule, DEFAULT_CANDIDATE_RULE);
  assert.ok(stdout.includes(`candidates: ${DEFAULT_CANDIDATE_RULE}`));
  assert.deepEqual(r.origins.map((o: { train_until: number }) => o.train_until), [2019, 2020]);
  assert.equal(r.origins[0].scores.length, 4);
  // the report names the outcome and context in words, the id beside (it had titled itself "Outcome: ofsted_overall")
  const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
  assert.match(html, /Outcome: Ofsted-style overall effectiveness \(synthetic\); trained until 2019, 2020/);
  assert.match(html, /Outcome Ofsted-style overall effectiveness \(synthetic\) \(ofsted_overall\); context deprivation \(IDACI score\)/);
});

test("a train-until year with no later judgement is an error naming the option, and nothing is written", async () => {
  const out = path.join(tempDir("vsw-holdout-grades-bad-"), "out");
  const c = capture();
  assert.notEqual(await main(["holdout", DATASET, "--outcome", "ofsted_overall", "--train-until", "2030", "--out", out], c.io), 0);
  assert.match(c.err.join(""), /--train-until: leaves no judgement after it/);
  assert.equal(fs.existsSync(out), false);
});
