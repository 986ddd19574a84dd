import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

// a missing input folder is a missing input, as a missing input file is (README "The command line": exit 1), whatever
// the command: validate, analyse, list, profile and add had exited 2 (a usage error) where panel, holdout, import and
// check-disclosure exited 1 (user trial r26, S3)

test("every command given an input folder that does not exist exits 1 and names it, with no usage text", async () => {
  const parent = tempDir("vsw-missing-");
  const gone = path.join(parent, "nowhere");
  const out = path.join(parent, "out");
  const commands: string[][] = [
    ["validate", gone],
    ["analyse", gone, "--outcome", "ofsted_overall", "--out", out],
    ["list", gone, "indicators"],
    ["profile", gone, "--la", "E06000059", "--out", out],
    ["panel", gone, "--outcome", "x_pct", "--out", out],
    ["holdout", gone, "--outcome", "x_pct", "--train-until", "2022", "--out", out],
    ["add", gone, path.join(parent, "x.csv")],
    ["pilot", gone, "--instruments", path.join(parent, "i.json"), "--out", out],
    ["import", gone, "--out", out],
    ["returns", gone, "--out", out, "--ephemeral-key"],
    ["check-disclosure", gone],
  ];
  for (const args of commands) {
    const c = capture();
    const code = await main(args, c.io);
    const err = c.err.join("");
    assert.equal(code, 1, `${args[0]}: ${err}`);
    assert.ok(err.includes(JSON.stringify(gone)) || err.includes(gone), `${args[0]} names the folder: ${err}`);
    assert.doesNotMatch(err, /\n\nvital-signs /, `${args[0]} prints no usage: ${err}`);
  }
});
