/** panel.json written by the CLI validates against schemas/panel.schema.json (with and without a joint fit, with the candidates an indicator outcome leaves out), and the schema catches a broken file. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { validateAgainstSchema, type JsonSchema } from "../../lib/vitals/results";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "../../schemas/panel.schema.json"), "utf8")) as JsonSchema;

async function panel(args: string[]) {
  const out = tempDir("vsw-panel-schema-");
  const c = capture();
  assert.equal(await main(["panel", DATASET, ...args, "--out", out], c.io), 0, c.err.join(""));
  return JSON.parse(fs.readFileSync(path.join(out, "panel.json"), "utf8"));
}

test("panel.json of every indicator (lag 1, context) validates against the schema", async () => {
  const r = await panel(["--outcome", "cla_attainment8_avg", "--lag", "1", "--context", "idaci_score"]);
  assert.deepEqual(validateAgainstSchema(r, SCHEMA), []);
  assert.ok(r.indicators.length > 10);
});

test("panel.json with a joint fit and the HC0 convention validates; a broken file does not", async () => {
  const r = await panel(["--outcome", "ofsted_overall", "--indicators", "cla_rate_per_10k,sw_turnover_pct", "--se", "hc0"]);
  assert.ok(r.joint, "two indicators give a joint fit");
  assert.deepEqual(validateAgainstSchema(r, SCHEMA), []);
  const broken = { ...r, se_convention: "hc3", indicators: [{ ...r.indicators[0], role: "lever" }] };
  delete (broken as Record<string, unknown>).years;
  const problems = validateAgainstSchema(broken, SCHEMA);
  assert.ok(problems.some((p) => /missing required property "years"/.test(p)));
  assert.ok(problems.some((p) => /se_convention/.test(p)));
  assert.ok(problems.some((p) => /role/.test(p)));
});

test("panel.json of an indicator outcome records the candidates it left out (its own measures) and validates; stdout and report.html say so", async () => {
  const out = tempDir("vsw-panel-exclusions-");
  const c = capture();
  assert.equal(await main(["panel", DATASET, "--outcome", "care_leavers_eet_pct", "--lag", "1", "--out", out], c.io), 0, c.err.join(""));
  const r = JSON.parse(fs.readFileSync(path.join(out, "panel.json"), "utf8"));
  assert.deepEqual(validateAgainstSchema(r, SCHEMA), []);
  const excluded = r.excluded_candidates.map((e: { indicator: string }) => e.indicator);
  assert.deepEqual(excluded, ["care_leavers_eet_pct", "care_leavers_accommodation_pct"]);
  assert.match(r.exclusion_rule, /^left out of the candidates: the outcome itself/);
  for (const x of r.indicators) assert.ok(!excluded.includes(x.indicator), `${x.indicator} is not a candidate`);
  assert.match(c.out.join(""), /^left out of the candidates \(the outcome and its own measures\): care_leavers_eet_pct, care_leavers_accommodation_pct$/m);
  assert.match(fs.readFileSync(path.join(out, "report.html"), "utf8"), /Left out of the candidates: the outcome itself.*: care_leavers_eet_pct, care_leavers_accommodation_pct\./);
  const broken = { ...r, excluded_candidates: [{ indicator: "care_leavers_eet_pct" }] };
  assert.ok(validateAgainstSchema(broken, SCHEMA).some((p) => /reason/.test(p)), "an exclusion without its reason does not validate");
});

test("panel.json of an Ofsted grade has no exclusions: the grade is not an indicator", async () => {
  const r = await panel(["--outcome", "ofsted_overall", "--indicators", "care_leavers_eet_pct,care_leavers_accommodation_pct"]);
  assert.deepEqual(r.indicators.map((x: { indicator: string }) => x.indicator), ["care_leavers_eet_pct", "care_leavers_accommodation_pct"]);
  assert.equal("excluded_candidates" in r, false);
  assert.deepEqual(validateAgainstSchema(r, SCHEMA), []);
});
