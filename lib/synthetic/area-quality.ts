/**
 * Read the LAs a synthetic pilot can cover and their latent service quality: from the synthetic LA dataset
 * (its areas.csv and truth.json), or from a fixture CSV of area rows with a `quality` column.
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../errors";
import { decodeUtf8, parseCsv } from "../data/csv";
import { readSmallFile, SIDECAR_MAX_BYTES } from "../data/small-file";
import { fieldNames } from "../data/schema";
import type { AreaRow } from "../data/types";

/** Pilot period used when the source does not say (the last period of the synthetic LA dataset's default). */
export const DEFAULT_PILOT_PERIOD = 2023;

export interface AreaQuality {
  areas: { area: AreaRow; quality: number }[];
  period: number;
  areasFile: string;
  qualityDescription: string;
}

/**
 * One CSV row of area fields as an {@link AreaRow}: text as it is ("" for a column the file lacks),
 * periods as numbers (null when blank).
 * @example
 * toAreaRow(["la_code", "la_name"], ["E06000001", "Hartlepool"]) // { la_code: "E06000001", la_name: "Hartlepool", region_code: "", …, first_period: null, last_period: null }
 */
export function toAreaRow(header: string[], cells: string[]): AreaRow {
  const get = (f: string) => cells[header.indexOf(f)] ?? "";
  const int = (s: string) => (s === "" ? null : Number(s));
  return {
    la_code: get("la_code"),
    la_name: get("la_name"),
    region_code: get("region_code"),
    region_name: get("region_name"),
    old_la_code: get("old_la_code"),
    first_period: int(get("first_period")),
    last_period: int(get("last_period")),
  };
}

/**
 * The latent quality per LA in a truth.json: the first of `laQuality` / `quality` (object la_code → number),
 * or `areas[]` / `las[]` entries with `la_code` and a `quality` — a number, or (as `vital-signs synth` writes
 * it) one number per entry of `periods`, of which the pilot period's is taken and divided by
 * √model.quality_variance.
 */
function qualityFromTruth(truth: Record<string, unknown>, period: number): Map<string, number> | null {
  for (const k of ["laQuality", "quality", "latentQuality"]) {
    const v = truth[k];
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, q]) => typeof q === "number");
      if (entries.length > 0) return new Map(entries as [string, number][]);
    }
  }
  // vital-signs synth (lib/synthetic/generate.ts): areas[].quality is Q[i, t] per period of `periods`, with
  // variance model.quality_variance; the pilot uses the period `period`, standardised to SD 1.
  const periods = Array.isArray(truth.periods) ? (truth.periods as number[]) : null;
  const model = (truth.model ?? {}) as Record<string, unknown>;
  const sd = typeof model.quality_variance === "number" && model.quality_variance > 0 ? Math.sqrt(model.quality_variance) : 1;
  const t = periods ? periods.indexOf(period) : -1;
  for (const k of ["areas", "las", "laTruth"]) {
    const v = truth[k];
    if (Array.isArray(v)) {
      const m = new Map<string, number>();
      for (const e of v as Record<string, unknown>[]) {
        if (Array.isArray(e.quality) && t >= 0 && typeof e.quality[t] === "number" && typeof e.la_code === "string") {
          m.set(e.la_code, (e.quality[t] as number) / sd);
          continue;
        }
        const q = [e.quality, e.latentQuality, e.Q, e.q].find((x) => typeof x === "number") as number | undefined;
        if (typeof e.la_code === "string" && q !== undefined) m.set(e.la_code, q);
      }
      if (m.size > 0) return m;
    }
  }
  return null;
}

/**
 * Read areas and latent quality from a synthetic dataset folder or a fixture CSV with a `quality` column.
 * The files are read up to the sidecar cap (a device named by mistake is refused with a DataError, not read on).
 * @throws DataErrors when the files are missing or hold no quality per LA
 * @example
 * readPilotAreaQuality("datasets/pilot-synthetic").areas.length
 */
export function readPilotAreaQuality(source: string): AreaQuality {
  if (source.endsWith(".csv")) {
    const csv = parseCsv(decodeUtf8(readSmallFile(source, SIDECAR_MAX_BYTES, "an areas file"), source), source);
    const qi = csv.header.indexOf("quality");
    if (qi < 0) throw new DataErrors([new DataError({ file: source, row: 0, column: "quality", expected: 'a column "quality"' })], "readPilotAreaQuality");
    const areas = csv.rows.map((cells) => ({ area: toAreaRow(csv.header, cells), quality: Number(cells[qi]) }));
    return { areas, period: DEFAULT_PILOT_PERIOD, areasFile: source, qualityDescription: `column "quality" of ${path.basename(source)}` };
  }
  const areasFile = path.join(source, "areas.csv");
  const truthFile = path.join(source, "truth.json");
  const csv = parseCsv(decodeUtf8(readSmallFile(areasFile, SIDECAR_MAX_BYTES, "an areas file"), areasFile), areasFile);
  for (const f of fieldNames("areas")) {
    if (!csv.header.includes(f)) throw new DataErrors([new DataError({ file: areasFile, row: 0, column: f, expected: `a column "${f}"` })], "readPilotAreaQuality");
  }
  const truth = JSON.parse(decodeUtf8(readSmallFile(truthFile, SIDECAR_MAX_BYTES, "a truth.json file"), truthFile)) as Record<string, unknown>;
  const params = (truth.params ?? truth) as Record<string, unknown>;
  const period = typeof params.lastPeriod === "number" ? params.lastPeriod : DEFAULT_PILOT_PERIOD;
  const quality = qualityFromTruth(truth, period);
  if (!quality) {
    throw new DataErrors([new DataError({ file: truthFile, column: "quality", expected: "the latent quality per LA (laQuality, or areas[] with la_code and quality)" })], "readPilotAreaQuality");
  }
  const areas = csv.rows
    .map((cells) => toAreaRow(csv.header, cells))
    .filter((a) => quality.has(a.la_code))
    .map((area) => ({ area, quality: quality.get(area.la_code)! }));
  return { areas, period, areasFile, qualityDescription: `latent LA quality Q[i, ${period}] / sd(Q) from ${path.basename(source)}/truth.json` };
}
