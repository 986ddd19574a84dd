/** Charts to files for papers: PNG and SVG rendered by plotly in headless Chromium. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { writeFigureImage, writeFigureImages } from "../../lib/plots/export-figure";
import { forestPlot } from "../../lib/plots/forest-plot";
import { tempDir } from "../helpers/temp-dirs";

const figure = forestPlot(
  [{ indicator: "a", label: "Re-referrals", estimate: 0.3, lower: 0.1, upper: 0.5, significant: true, polarity: "down" }],
  { estimateLabel: "Spearman ρ", outcomePolarity: "down" },
);

describe("writeFigureImage(s)", () => {
  const dir = tempDir("vsw-img-");
  // one browser for both formats (writeFigureImage is writeFigureImages of one job): Chromium starts once
  const written = writeFigureImages([
    { figure, file: path.join(dir, "forest.png"), options: { width: 600, height: 400 } },
    { figure, file: path.join(dir, "forest.svg") },
  ]);

  it("writes a PNG of the requested size (scale 2)", async () => {
    const [file] = await written;
    assert.equal(file, path.join(dir, "forest.png"));
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(bytes.readUInt32BE(16), 1200); // IHDR width
    assert.equal(bytes.readUInt32BE(20), 800); // IHDR height
  });

  it("writes an SVG with the chart's text in it, drawn after the PNG in the same page", async () => {
    const [, file] = await written;
    assert.equal(file, path.join(dir, "forest.svg"));
    const svg = fs.readFileSync(file, "utf8");
    assert.match(svg, /^<svg/);
    assert.match(svg, /Re-referrals/);
  });

  it("refuses an unknown format before starting a browser", async () => {
    await assert.rejects(writeFigureImage(figure, path.join(dir, "x.gif"), { format: "gif" as never }), InputError);
  });
});
