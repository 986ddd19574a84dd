/** panel.json written by the CLI validates against schemas/panel.schema.json (with and without a joint fit), and the schema catches a broken file. */
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
