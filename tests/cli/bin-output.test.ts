import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "..", "..");

test("the built CLI's output through a pipe is whole: validate --json of a package with 55,000 bad cells parses", () => {
  // process.exit as soon as the command ended cut a pipe's output at 64 KiB (a user's `validate --json | jq`)
  const dir = tempDir("vsw-bin-output-");
  const pkg = path.join(dir, "pkg");
  fs.cpSync(path.join(ROOT, "datasets", "pilot-synthetic"), pkg, { recursive: true });
  const file = path.join(pkg, "indicators.csv");
  const [header, ...rows] = fs.readFileSync(file, "utf8").trimEnd().split("\n");
  fs.writeFileSync(file, [header, ...rows.map((r) => r.replace(/^([^,]*,[^,]*,[^,]*,)[^,]*/, "$1x"))].join("\n") + "\n");
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "vital-signs.js"), "validate", pkg, "--json"], { encoding: "utf8", maxBuffer: 1 << 30 });
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.stdout.length > 1 << 20, `${r.stdout.length} characters`);
  const parsed = JSON.parse(r.stdout) as { valid: boolean; errors: unknown[] };
  assert.equal(parsed.valid, false);
  assert.ok(parsed.errors.length >= 50_000, `${parsed.errors.length} errors`);
});
