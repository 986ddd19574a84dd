import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { reportFigures, writeReportFigures } from "../../lib/report/report-figures";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const bar = (y: number) => ({ data: [{ type: "bar", x: ["a"], y: [y] }], layout: {} });

describe("report figures as files", () => {
  test("numbers the figures as the report does, including those folded in details, and names files by caption", () => {
    const figs = reportFigures({
      sections: [
        { heading: "A", blocks: [{ type: "text", markdown: "x" }, { type: "figure", figure: bar(1), caption: "Raw and adjusted ρ, with 95% intervals!" }] },
        { heading: "B", blocks: [{ type: "details", summary: "s", blocks: [{ type: "figure", figure: bar(2) }] }, { type: "figure", figure: { ...bar(4), layout: { title: { text: "Trend: <b>CLA</b>" } } } }, { type: "figure", figure: bar(3), caption: "Third" }] },
      ],
    }, "png");
    assert.deepEqual(figs.map((f) => [f.number, f.file]), [[1, "figure-1-raw-and-adjusted-with-95-intervals.png"], [2, "figure-2.png"], [3, "figure-3-trend-cla.png"], [4, "figure-4-third.png"]]);
    assert.deepEqual(figs[3].figure, bar(3));
  });

  test("refuses a format other than svg or png, in the library and on the command line (before any analysis runs)", async () => {
    await assert.rejects(writeReportFigures({ sections: [] }, os.tmpdir(), "jpg" as never), /writeReportFigures: format must be one of svg, png/);
    const out = path.join(tempDir("vsw-fig-"), "out");
    const c = capture();
    const code = await main(["analyse", path.join(__dirname, "../../datasets/pilot-synthetic"), "--outcome", "ofsted_overall", "--figures", "jpg", "--out", out], c.io);
    assert.notEqual(code, 0);
    assert.match(c.err.join(""), /--figures: must be one of svg, png \(got "jpg"\)/);
    assert.equal(fs.existsSync(out), false);
  });
});
