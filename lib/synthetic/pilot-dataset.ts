/**
 * Write the synthetic record-level pilot as a dataset folder: one record CSV per instrument, the instrument
 * definitions, the pilot LAs' areas.csv, the planted truth and a Frictionless datapackage.json with a sha256
 * per file. Same inputs → byte-identical files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeFolders } from "../data/atomic-write";
import { formatCsv } from "../data/csv";
import { sha256 } from "../data/package";
import { formatHash } from "../data/frictionless";
import { fieldNames } from "../data/schema";
import type { AreaRow } from "../data/types";
import { RECORD_FIELDS } from "../pilot/records";
import { readPilotAreaQuality } from "./area-quality";
import { choosePilotAreas, DEFAULT_PILOT_LA_COUNT, generatePilotRecords, SYNTHETIC_INSTRUMENTS_JSON, type SyntheticPilotRecords } from "./pilot-records";

/** Fixed creation date of generated files (determinism: no clock in generated data). */
export const SYNTHETIC_PILOT_CREATED = "2026-11-23T00:00:00Z";

const RECORD_FIELD_DESCRIPTIONS: Record<string, { type: string; description: string }> = {
  respondent_id: { type: "string", description: "Synthetic respondent or case id as an LA would export it (raw: pseudonymised by `vital-signs pilot` at import)" },
  la_code: { type: "string", description: "ONS code of the LA (code year as in the synthetic LA dataset)" },
  period: { type: "integer", description: "Year ending 31 March the pilot ran in" },
  instrument: { type: "string", description: "Instrument id (instruments.json)" },
  item: { type: "string", description: "Item id within the instrument (instruments.json)" },
  response: { type: "string", description: "Response code on the item's scale; blank = not answered" },
};

/**
 * Write the dataset folder. Returns the paths written (relative to `dir`).
 * @example
 * writeSyntheticPilotDataset("datasets/pilot-records-synthetic", pilot, areas, { areasSource: "…" });
 */
export function writeSyntheticPilotDataset(
  dir: string,
  pilot: SyntheticPilotRecords,
  areas: readonly AreaRow[],
  meta: { areasSource: string; qualitySource: string },
): string[] {
  makeFolders(dir);
  const files: { name: string; text: string; resource?: Record<string, unknown> }[] = [];
  for (const ins of pilot.instruments.instruments) {
    const rows = pilot.records[ins.id];
    files.push({
      name: `records-${ins.id}.csv`,
      text: formatCsv(rows as never, RECORD_FIELDS),
      resource: {
        profile: "tabular-data-resource",
        description: `${ins.label}: one row per respondent and item (${rows.length} records)`,
        schema: { fields: RECORD_FIELDS.map((f) => ({ name: f, ...RECORD_FIELD_DESCRIPTIONS[f] })), missingValues: [""] },
        rows: rows.length,
      },
    });
  }
  files.push({ name: "instruments.json", text: JSON.stringify(SYNTHETIC_INSTRUMENTS_JSON, null, 2) + "\n" });
  files.push({ name: "areas.csv", text: formatCsv(areas as never, fieldNames("areas")) });
  files.push({ name: "truth.json", text: JSON.stringify({ ...pilot.truth, areasSource: meta.areasSource, qualitySource: meta.qualitySource }, null, 2) + "\n" });
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
  const descriptor = {
    profile: "data-package",
    name: "pilot-records-synthetic",
    title: "Synthetic record-level pilot data: surveys of children, parents/carers and staff, and a case-file audit",
    description:
      "Seeded synthetic records for the pilot LAs. Each LA's latent service quality (from the synthetic LA dataset) drives its " +
      "responses, so pilot indicators link to the synthetic Ofsted-like outcome. Not real data: no person is described.",
    licenses: [{ name: "CC0-1.0", title: "Creative Commons Zero v1.0 Universal" }],
    created: SYNTHETIC_PILOT_CREATED,
    provenance: {
      generator: pilot.truth.generator,
      version: pilot.truth.version,
      seed: pilot.truth.seed,
      period: pilot.truth.period,
      script: "scripts/generate-pilot-records.ts",
      areas: meta.areasSource,
      quality: meta.qualitySource,
    },
    resources: files.map((f) => ({
      name: f.name.replace(/\.(csv|json)$/, "").replace(/[^a-z0-9]+/g, "-"),
      path: f.name,
      format: f.name.endsWith(".csv") ? "csv" : "json",
      mediatype: f.name.endsWith(".csv") ? "text/csv" : "application/json",
      encoding: "utf-8",
      hash: formatHash(sha256(f.text)),
      bytes: Buffer.byteLength(f.text),
      ...(f.resource ?? {}),
    })),
  };
  fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify(descriptor, null, 2) + "\n");
  return [...files.map((f) => f.name), "datapackage.json"];
}

/**
 * Generate and write the synthetic pilot dataset: choose the pilot LAs from `source` (a synthetic LA dataset
 * folder with areas.csv and truth.json, or a fixture CSV with a `quality` column), draw the records, write.
 * @example
 * buildSyntheticPilotDataset("datasets/pilot-records-synthetic", { seed: 2019, source: "datasets/pilot-synthetic", root: "." });
 */
export function buildSyntheticPilotDataset(
  dir: string,
  options: { seed: number; source: string; root: string; count?: number },
): { files: string[]; las: number; records: number; period: number } {
  const source = readPilotAreaQuality(options.source);
  const chosen = choosePilotAreas(source.areas, Math.min(options.count ?? DEFAULT_PILOT_LA_COUNT, source.areas.length), options.seed);
  const pilot = generatePilotRecords({ seed: options.seed, period: source.period, areas: chosen.map((a) => ({ la_code: a.area.la_code, quality: a.quality })) });
  const files = writeSyntheticPilotDataset(dir, pilot, chosen.map((a) => a.area), {
    areasSource: path.relative(options.root, options.source).split(path.sep).join("/"),
    qualitySource: source.qualityDescription,
  });
  const records = Object.values(pilot.records).reduce((s, r) => s + r.length, 0);
  return { files, las: chosen.length, records, period: source.period };
}
