import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFigureHtml } from "../../lib/plots/export-figure";
import { tempDir } from "../helpers/temp-dirs";

test("writeFigureHtml replaces the file whole (atomically) and leaves no temporary file", () => {
  const dir = path.join(tempDir("vsw-fig-"), "figs");
  const file = path.join(dir, "f.html");
  writeFigureHtml({ data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "One" } } }, file);
  writeFigureHtml({ data: [{ type: "scatter", x: [1, 2], y: [5, 6] }], layout: { title: { text: "Two" } } }, file);
  const html = fs.readFileSync(file, "utf8");
  assert.match(html, /Two/);
  assert.doesNotMatch(html, /<title>One/);
  assert.match(html, /<\/html>\s*$/);
  assert.deepEqual(fs.readdirSync(dir), ["f.html"]);
});
