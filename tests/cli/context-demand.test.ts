/**
 * `--context` takes need and demand indicators (catalogue framework_role = context) in analyse, panel and holdout, as
 * the README's "once deprivation and demand are allowed for" says; an indicator allowed for and studied at once is
 * refused. On the embedded synthetic package, whose catalogue tags six rates as context.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");

test("analyse allows for a demand rate: results.json names it with the periods used, and the screen has it as context", async () => {
  const out = tempDir("vsw-context-demand-");
  const c = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--context", "child_population,cla_rate_per_10k", "--resamples", "20", "--out", out], c.io), 0, c.err.join(""));
  const r = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
  assert.deepEqual(r.context.variables, ["child_population", "cla_rate_per_10k"]);
  assert.ok(r.context.periods_used.cla_rate_per_10k.length > 0);
  assert.ok(!r.associations.some((a: { indicator: string }) => a.indicator === "cla_rate_per_10k"), "not screened");
  assert.deepEqual(r.context.labels, { cla_rate_per_10k: "Children looked after per 10,000 children" }, "the catalogue's name, for context.csv's variables none");
  assert.match(c.out.join(""), /; allowed for: child population and Children looked after per 10,000 children\n/);
});

test("panel and holdout take it too", async () => {
  const p = capture();
  assert.equal(await main(["panel", DATASET, "--outcome", "rereferral_12m_pct", "--indicators", "sw_turnover_pct", "--context", "referral_rate_per_10k", "--out", tempDir("vsw-context-demand-")], p.io), 0, p.err.join(""));
  assert.match(p.out.join(""), /context controls: referral_rate_per_10k/);
  const h = capture();
  const out = tempDir("vsw-context-demand-");
  assert.equal(await main(["holdout", DATASET, "--outcome", "ofsted_overall", "--train-until", "2020", "--context", "cla_rate_per_10k", "--resamples", "50", "--out", out], h.io), 0, h.err.join(""));
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, "holdout.json"), "utf8")).context, ["cla_rate_per_10k"]);
});

test("a practice indicator as context, or a demand rate allowed for and screened at once, is refused and nothing is written", async () => {
  const out = tempDir("vsw-context-demand-");
  const practice = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--context", "sw_turnover_pct", "--out", out], practice.io), 1);
  assert.match(practice.err.join(""), /--context: an indicator whose framework role is "enabler", not context/);
  const both = capture();
  assert.equal(await main(["analyse", DATASET, "--outcome", "ofsted_overall", "--context", "cla_rate_per_10k", "--indicators", "cla_rate_per_10k,sw_turnover_pct", "--out", out], both.io), 1);
  assert.match(both.err.join(""), /--context: is allowed for and also screened or the outcome.*"cla_rate_per_10k"/);
  const panel = capture();
  assert.equal(await main(["panel", DATASET, "--outcome", "cla_rate_per_10k", "--context", "cla_rate_per_10k", "--out", out], panel.io), 1);
  assert.deepEqual(fs.readdirSync(out), []);
});
