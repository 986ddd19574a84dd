/**
 * The public API (issue #16 item 5): lib/index.ts re-exports each layer's list of public names by name; the
 * names notebooks use are there, internals and synthetic generation are not.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vs from "../lib";

const ROOT = path.join(__dirname, "..");

test("lib/index.ts and the layers' entry points list their names (no export *)", () => {
  const entryPoints = ["lib/index.ts", ...fs.readdirSync(path.join(ROOT, "lib"), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(ROOT, "lib", e.name, "index.ts")) && e.name !== "notebook")
    .map((e) => `lib/${e.name}/index.ts`)];
  assert.ok(entryPoints.length >= 8, entryPoints.join(", "));
  for (const file of entryPoints) {
    assert.doesNotMatch(fs.readFileSync(path.join(ROOT, file), "utf8"), /^\s*export\s*\*/m, file);
  }
});

test("every vs.* name a notebook uses is on the root API", () => {
  const dir = path.join(ROOT, "notebooks");
  const used = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ipynb"))) {
    for (const m of fs.readFileSync(path.join(dir, f), "utf8").matchAll(/\bvs\.([A-Za-z0-9_]+)/g)) used.add(m[1]);
  }
  assert.ok(used.size > 20, `${used.size} names`);
  const index = fs.readFileSync(path.join(ROOT, "lib", "index.ts"), "utf8");
  const listed = new Set([...index.matchAll(/\b(?:type\s+)?([A-Za-z_][A-Za-z0-9_]*)\b/g)].map((m) => m[1]));
  assert.deepEqual([...used].filter((n) => !(n in vs) && !listed.has(n)), []);
});

test("internals and synthetic generation stay off the root API", () => {
  for (const name of ["createKernelScratch", "prepareCorrelation", "chromiumPath", "writeFilesAtomically", "didYouMean", "generateSyntheticPilot", "syntheticParams", "writeSyntheticReturns"]) {
    assert.equal(name in vs, false, name);
  }
  for (const name of ["analysePackage", "readPackage", "writeAnalysis", "screenForestPlot", "forestPlot", "wilsonInterval", "suppressSmallCounts"]) {
    assert.equal(typeof (vs as Record<string, unknown>)[name], "function", name);
  }
});
