/** `vital-signs` loads a command's module only when that command runs or prints its usage (issue #19: start-up). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { COMMANDS } from "../../lib/cli/main";

/**
 * Run `main(args)` in a fresh Node process (the test runner may share one process between test files, which
 * would have loaded command modules already) and return what it printed and which command modules it loaded.
 */
function runFresh(args: string[]): { out: string; loaded: string[]; data: string[] } {
  const script = [
    `const { main } = require(${JSON.stringify(require.resolve("../../lib/cli/main"))});`,
    "const out = [];",
    "const io = { out: (t) => void out.push(t), err: (t) => void out.push(t), isTTY: false };",
    `main(${JSON.stringify(args)}, io).then((code) => {`,
    "  const loaded = Object.keys(require.cache).filter((f) => /[\\/]cli[\\/]commands[\\/]/.test(f)).map((f) => f.replace(/^.*[\\/]/, ''));",
    "  const data = Object.keys(require.cache).filter((f) => /[\\/]lib[\\/]data[\\/]/.test(f)).map((f) => f.replace(/^.*[\\/]/, ''));",
    "  process.stdout.write(JSON.stringify({ code, out: out.join(''), loaded, data }));",
    "});",
  ].join("\n");
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const parsed = JSON.parse(r.stdout) as { code: number; out: string; loaded: string[]; data: string[] };
  assert.equal(parsed.code, 0, parsed.out);
  return parsed;
}

test("--help lists every command without loading any command's module", () => {
  const r = runFresh(["--help"]);
  assert.deepEqual(r.loaded, []);
  // nor the package lock's modules: main awaits signalsDelivered after every command (round 26 had imported it from
  // package-lock.ts, which loaded the lock and atomic-write into every start-up)
  assert.deepEqual(r.data.sort(), ["signals-delivered.ts", "swap-leftovers.ts"]);
  for (const entry of COMMANDS) assert.match(r.out, new RegExp(`  ${entry.name} +${entry.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
});

test("COMMAND --help loads that command's module only", () => {
  const r = runFresh(["validate", "--help"]);
  assert.deepEqual(r.loaded, ["validate.ts"]);
  assert.match(r.out, /vital-signs validate/);
});

test("each entry's name and summary are its command's own", async () => {
  for (const entry of COMMANDS) {
    const cmd = await entry.load();
    assert.equal(cmd.name, entry.name);
    assert.equal(cmd.summary, entry.summary, entry.name);
  }
});
