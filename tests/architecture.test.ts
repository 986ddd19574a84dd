/**
 * The library's layers import one way only (STYLE.md: "lower layers never import higher ones").
 * stats is pure numerics on plain arrays, so it sits under data; data flows
 * data → indicators/context → vitals → plots/report → notebook/cli.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const LIB = path.join(__dirname, "..", "lib");

/** Layer of each top-level entry of lib/: an import may go to a lower layer or within its own folder. */
const LAYER: Record<string, number> = {
  errors: 0,
  project: 0,
  progress: 0.5, // beside errors (it throws InputError), under every other layer
  suggest: 0.5, // "did you mean": plain string distance, used from data up to cli
  stats: 1,
  data: 2,
  indicators: 3,
  context: 3,
  disclosure: 3,
  pilot: 4,
  returns: 4.5, // LAs' own returns (SSDA903, CIN census), aggregated like pilot data; above pilot, whose keyed pseudonymisation it uses
  vitals: 4,
  plots: 5,
  profile: 5.5, // the LA profile (numbers and figures): above plots, below report, which writes profile.html
  report: 6,
  notebook: 7,
  adapters: 7,
  synthetic: 7.5, // seeded test-data generators (synthetic returns): import what they need; only the CLI above them
  cli: 8,
  index: 9,
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

function topOf(file: string): string {
  return path.relative(LIB, file).split(path.sep)[0].replace(/\.ts$/, "");
}

const IMPORT_RE = /^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|\bimport\(\s*"(\.[^"]+)"\s*\)|\brequire\(\s*"(\.[^"]+)"\s*\)/gm;

test("every folder of lib/ has a layer", () => {
  const tops = new Set(sources(LIB).map(topOf));
  const unknown = [...tops].filter((t) => LAYER[t] === undefined);
  assert.deepEqual(unknown, [], `add these to LAYER in tests/architecture.test.ts: ${unknown.join(", ")}`);
});

test("no module imports from a higher layer or from outside lib/", () => {
  const violations: string[] = [];
  for (const file of sources(LIB)) {
    const from = topOf(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const target = path.resolve(path.dirname(file), spec);
      const rel = path.relative(LIB, target);
      if (rel.startsWith("..")) {
        violations.push(`${path.relative(LIB, file)} imports ${spec}, outside lib/`);
        continue;
      }
      const to = rel.split(path.sep)[0].replace(/\.ts$/, "");
      if (to !== from && (LAYER[to] ?? Infinity) >= LAYER[from]) {
        violations.push(`${path.relative(LIB, file)} (${from}, layer ${LAYER[from]}) imports ${spec} (${to}, layer ${LAYER[to]})`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test("the layering check sees a violation when one exists", () => {
  const sample = 'import { x } from "../report/document";\n';
  const found = [...sample.matchAll(IMPORT_RE)].map((m) => m[1]);
  assert.deepEqual(found, ["../report/document"]);
});
