/**
 * The `pilot` command loads only what a plain run needs: the package reader (and arquero, ≈ 0.25 s CPU to load,
 * more than a tenth of a million-record run) only with --merge-into. Checked in a fresh process, since the
 * test runner itself may have loaded anything.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

test("loading the pilot command does not load arquero or the package reader", () => {
  const script = `require(${JSON.stringify(path.join(ROOT, "lib", "cli", "commands", "pilot"))});
const loaded = Object.keys(require.cache);
console.log(JSON.stringify({ arquero: loaded.some((f) => f.includes("/arquero/")), reader: loaded.some((f) => /[\\\\/]data[\\\\/]package\\.[jt]s$/.test(f)), writer: loaded.some((f) => /package-write\\.[jt]s$/.test(f)) }));`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").pop()!), { arquero: false, reader: false, writer: true });
});
