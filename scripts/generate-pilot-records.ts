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
import { readPilotAreaQuality } from "../lib/pilot/area-quality";
import { choosePilotAreas, DEFAULT_PILOT_LA_COUNT, DEFAULT_PILOT_SEED, generatePilotRecords } from "../lib/pilot/synthetic-records";
import { writeSyntheticPilotDataset } from "../lib/pilot/synthetic-dataset";

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
const source = readPilotAreaQuality(fs.existsSync(path.join(values.from!, "truth.json")) ? values.from! : fixture);
const chosen = choosePilotAreas(source.areas, Math.min(DEFAULT_PILOT_LA_COUNT, source.areas.length), seed);
const pilot = generatePilotRecords({ seed, period: source.period, areas: chosen.map((a) => ({ la_code: a.area.la_code, quality: a.quality })) });
const written = writeSyntheticPilotDataset(values.out!, pilot, chosen.map((a) => a.area), {
  areasSource: path.relative(root, source.areasFile),
  qualitySource: source.qualityDescription,
});
const n = Object.values(pilot.records).reduce((s, r) => s + r.length, 0);
console.log(`wrote ${written.length} files to ${path.relative(root, values.out!) || "."}: ${chosen.length} LAs, ${n} records, period ${source.period}, seed ${seed}`);
