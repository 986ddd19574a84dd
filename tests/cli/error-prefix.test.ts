/**
 * The CLI prints `vital-signs COMMAND: ` before a library error's message, once: the library's errors about a
 * command's own options begin with the command's name (`InputError("panel", …)`), which had printed
 * "vital-signs panel: panel: --lag 30 goes beyond the data" (review r23 F7).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { COMMAND_ALIASES, COMMANDS, main, withoutCommandNames } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const DATASET = path.join(__dirname, "../../datasets/pilot-synthetic");
const NAMES = [...COMMANDS.map((c) => c.name), ...Object.keys(COMMAND_ALIASES)];
/** "vital-signs X: " followed by a command name and a colon: the doubled prefix. */
const DOUBLED = new RegExp(`^vital-signs [a-z0-9-]+: (?:${NAMES.join("|")}): `, "m");

async function run(args: string[], env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const c = capture();
    const code = await main(args, c.io);
    return { code, err: c.err.join("") };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test("a message's leading command names are dropped, for every command and alias; options, files and other words are kept", () => {
  for (const name of NAMES) assert.equal(withoutCommandNames(`${name}: the problem (got 1)`), "the problem (got 1)", name);
  assert.equal(withoutCommandNames("holdout: panel: a panel needs at least two years"), "a panel needs at least two years");
  for (const kept of ["--lag: must be a whole number", "indicators.csv, row 2: got \"x\"", "panelling: x", "a panel: x", "ols: x"]) {
    assert.equal(withoutCommandNames(kept), kept);
  }
  // only at the start of the message
  assert.equal(withoutCommandNames("2 error(s)\npanel: x"), "2 error(s)\npanel: x");
});

test("panel and holdout: the library's errors about their options are printed with one prefix", async () => {
  const out = tempDir("vsw-prefix-");
  const panel = await run(["panel", DATASET, "--outcome", "rereferral_12m_pct", "--lag", "30", "--out", path.join(out, "p")]);
  assert.equal(panel.code, 1);
  assert.match(panel.err, /^vital-signs panel: --lag 30 goes beyond the data: /);
  const holdout = await run(["holdout", DATASET, "--outcome", "cla_attainment8_avg", "--train-until", "2030", "--out", path.join(out, "h")]);
  assert.equal(holdout.code, 1);
  assert.match(holdout.err, /^vital-signs holdout: --train-until 2030 leaves no outcome after it/);
  const grades = await run(["holdout", DATASET, "--outcome", "ofsted_overall", "--train-until", "2030", "--out", path.join(out, "g")]);
  assert.equal(grades.code, 1);
  for (const r of [panel, holdout, grades]) assert.doesNotMatch(r.err, DOUBLED);
});

test("analyse, profile, add, pilot and returns: library and data errors are printed with one prefix, the file first where there is one", async () => {
  const empty = tempDir("vsw-prefix-");
  const out = tempDir("vsw-prefix-");
  const key = { VSW_PSEUDONYM_KEY: "0123456789abcdef0123456789abcdef0123456789abcdef" };
  // files that are there but wrong: a missing one is refused by the command before the library sees it (tests/cli/missing-input.test.ts)
  const files = tempDir("vsw-prefix-");
  fs.writeFileSync(path.join(files, "none.txt"), "x\n");
  fs.writeFileSync(path.join(files, "bad.json"), "{\n");
  const cases: [string[], RegExp, Record<string, string>?][] = [
    [["analyse", DATASET, "--outcome", "ofsted_overall", "--period", "2031", "--out", path.join(out, "a")], /^vital-signs analyse: period 2031 has no indicator values/],
    [["profile", DATASET, "--la", "E06900001", "--neighbours", "dfe-2025", "--official", empty, "--out", path.join(out, "pr")], /^vital-signs profile: .*sn_model_2025_wide\.csv: expected the DfE statistical-neighbour file/],
    [["add", DATASET, path.join(files, "none.txt"), "--out", path.join(out, "ad")], /^vital-signs add: .*none\.txt: expected a \.csv or \.xlsx file/],
    [["pilot", empty, "--instruments", path.join(files, "bad.json"), "--out", path.join(out, "pi")], /^vital-signs pilot: instruments file .*bad\.json: 1 error\(s\)\n  - .*bad\.json: got .*, expected valid JSON/, key],
    [["returns", empty, "--out", path.join(out, "re")], /^vital-signs returns: DIR: holds no SSDA903 tables/, key],
  ];
  for (const [args, message, env] of cases) {
    const r = await run(args, env);
    assert.equal(r.code, 1, `${args[0]}: ${r.err}`);
    assert.match(r.err, message);
    assert.doesNotMatch(r.err, DOUBLED);
  }
  assert.deepEqual(fs.readdirSync(out), [], "nothing written");
});
