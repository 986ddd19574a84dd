/**
 * Generate datasets/pilot-records-synthetic/ (the synthetic record-level pilot data).
 *
 *   node --import tsx scripts/generate-pilot-records.ts [--seed 2019] [--out DIR] [--from DIR]
 *
 * The pilot LAs and their latent quality come from the synthetic LA dataset (`--from`, default
 * datasets/pilot-synthetic: areas.csv + truth.json) when it exists, else from the small fixture
 * tests/pilot/fixtures/pilot-areas.csv (which carries a `quality` column).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PILOT_SEED } from "../lib/synthetic/pilot-records";
import { buildSyntheticPilotDataset } from "../lib/synthetic/pilot-dataset";

const root = path.resolve(__dirname, "..");
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: String(DEFAULT_PILOT_SEED) },
    out: { type: "string", default: path.join(root, "datasets", "pilot-records-synthetic") },
    from: { type: "string", default: path.join(root, "datasets", "pilot-synthetic") },
  },
});
const seed = Number(values.seed);
const fixture = path.join(root, "tests", "pilot", "fixtures", "pilot-areas.csv");
const source = fs.existsSync(path.join(values.from!, "truth.json")) ? values.from! : fixture;
const r = buildSyntheticPilotDataset(values.out!, { seed, source, root });
console.log(`wrote ${r.files.length} files to ${path.relative(root, values.out!) || "."}: ${r.las} LAs, ${r.records} records, period ${r.period}, seed ${seed} (LAs from ${path.relative(root, source)})`);
