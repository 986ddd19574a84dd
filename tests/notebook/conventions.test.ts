/**
 * The notebooks' written conventions (notebooks/README.md), checked on the committed .ipynb files: only the public
 * `vs` API (no deep ../dist/... imports but the optional danfo adapter), no code line over 120 characters, no
 * outputs committed, the official data through `vs.loadOfficial` (no import preamble), and every notebook listed in
 * 00's "Where next" and in notebooks/README.md.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const NOTEBOOKS = path.join(__dirname, "..", "..", "notebooks");
/** Longest code line allowed (issue #16). */
const MAX_LINE = 120;
/** The one deep import allowed: the optional danfo.js adapter, deliberately not part of `vs`. */
const ALLOWED_IMPORTS = new Set(["../dist", "../dist/adapters/danfo"]);

interface Cell { cell_type: string; source: string | string[]; outputs?: unknown[]; execution_count?: number | null }
const files = fs.readdirSync(NOTEBOOKS).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
const cellsOf = (file: string) => (JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, file), "utf8")) as { cells: Cell[] }).cells;
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);

test("there are notebooks to check", () => {
  assert.ok(files.length >= 8, files.join(", "));
});

for (const file of files) {
  test(`${file}: public vs API only, code lines ≤ ${MAX_LINE} characters, no outputs, no import preamble`, () => {
    const code = cellsOf(file).filter((c) => c.cell_type === "code");
    for (const c of code) {
      const source = text(c);
      for (const m of source.matchAll(/from\s+"([^"]+)"/g)) {
        if (m[1].startsWith(".")) assert.ok(ALLOWED_IMPORTS.has(m[1]), `${file}: deep import ${m[1]} (use vs.*)`);
      }
      for (const line of source.split("\n")) assert.ok([...line].length <= MAX_LINE, `${file}: ${[...line].length} characters: ${line}`);
      assert.deepEqual(c.outputs ?? [], [], `${file}: outputs committed`);
      assert.ok(c.execution_count === null || c.execution_count === undefined, `${file}: execution count committed`);
      assert.doesNotMatch(source, /importOfficialToPackage|importOfficial\(/, `${file}: imports the official folder itself (use vs.loadOfficial)`);
    }
  });
}

test("00's Where next and notebooks/README.md list every notebook", () => {
  const whereNext = cellsOf("00-start-here.ipynb").map(text).find((s) => s.startsWith("## Where next"));
  assert.ok(whereNext, "00-start-here has no Where next cell");
  const readme = fs.readFileSync(path.join(NOTEBOOKS, "README.md"), "utf8");
  for (const file of files) {
    const name = file.replace(/\.ipynb$/, "");
    assert.ok(whereNext.includes(`\`${name}\``), `Where next lacks ${name}`);
    assert.ok(readme.includes(`\`${name}\``), `notebooks/README.md lacks ${name}`);
  }
});
