/**
 * How long `vital-signs synth` takes (the issue asks for well under a second to generate), against a
 * baseline measured in the same run: writing the same content with writePackage (validation + CSV + sha256).
 * Median of RUNS runs, after one warm-up.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writePackage } from "../lib/data/package";
import { generateSyntheticPilot } from "../lib/synthetic";
import { DEFAULT_SYNTH_PARAMS } from "../lib/synthetic";
import { median } from "./median";
import { peakRssMb, recordBenchResult } from "./results";

const RUNS = 5;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-synth-bench-"));
let pilot = generateSyntheticPilot(DEFAULT_SYNTH_PARAMS);
const gen: number[] = [];
const write: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  pilot = generateSyntheticPilot(DEFAULT_SYNTH_PARAMS);
  gen.push(performance.now() - t);
  t = performance.now();
  writePackage(dir, pilot.content);
  write.push(performance.now() - t);
}
const g = median(gen);
const w = median(write);
console.log(`synth: generate ${pilot.content.indicators.length} indicator rows + ${pilot.content.outcomes.length} judgements: median ${g.toFixed(0)} ms`);
console.log(`synth: baseline writePackage of the same content: median ${w.toFixed(0)} ms (generate/write ratio ${(g / w).toFixed(2)})`);
recordBenchResult({
  name: "synth",
  job: "`synth`: generate the default synthetic pilot package (median of 5)",
  ours_s: g / 1000,
  baseline: "writePackage of the same content",
  baseline_s: w / 1000,
  peak_rss_mb: peakRssMb(),
  sizes: { indicator_rows: pilot.content.indicators.length },
});
fs.rmSync(dir, { recursive: true, force: true });
