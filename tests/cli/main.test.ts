/** `vital-signs` loads a command's module only when that command runs or prints its usage (issue #19: start-up). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { COMMANDS, main } from "../../lib/cli/main";

const loadedCommandModules = () => Object.keys(require.cache).filter((f) => /[\\/]cli[\\/]commands[\\/]/.test(f)).map((f) => f.replace(/^.*[\\/]/, ""));
const quietIO = () => {
  const out: string[] = [];
  return { out, io: { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), isTTY: false } };
};

test("--help lists every command without loading any command's module", async () => {
  const c = quietIO();
  assert.equal(await main(["--help"], c.io), 0);
  assert.deepEqual(loadedCommandModules(), []);
  for (const entry of COMMANDS) assert.match(c.out.join(""), new RegExp(`  ${entry.name} +${entry.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
});

test("COMMAND --help loads that command's module only", async () => {
  const c = quietIO();
  assert.equal(await main(["validate", "--help"], c.io), 0);
  assert.deepEqual(loadedCommandModules(), ["validate.ts"]);
  assert.match(c.out.join(""), /vital-signs validate/);
});

test("each entry's name and summary are its command's own", async () => {
  for (const entry of COMMANDS) {
    const cmd = await entry.load();
    assert.equal(cmd.name, entry.name);
    assert.equal(cmd.summary, entry.summary, entry.name);
  }
});
