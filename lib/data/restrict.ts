/**
 * Restrict a loaded package to some LAs (a pilot's LAs, a region), so an analysis screens within them.
 * The restricted package has the same resources with only those LAs' rows; benchmarks (England and region
 * rows) are kept as they are.
 */
import * as fs from "node:fs";
import { DataError, InputError } from "../errors";
import { decodeUtf8 } from "./csv";
import { areaMatcher, areaNameKey } from "./own-data/match-areas";
import type { AreaRow, DataPackage } from "./types";
import { didYouMean } from "../suggest";

/** Which LAs a package was restricted to, and why: what analyse records in results.json (as `las_restriction`, in snake_case). */
export interface LaRestriction {
  /** In words: "--las pilot.txt (20 LAs)", "--region South West". */
  rule: string;
  /** LAs kept. */
  nLas: number;
  /** LAs in the whole package. */
  nLasPackage: number;
  /** la_codes kept, sorted. */
  las: string[];
}

/**
 * Parse a list of LAs: comma- or line-separated codes, DfE numbers or names; `#` starts a comment. A piece
 * starting "City of"/"County of" after a comma belongs to the name before it ("Bristol, City of").
 * @example
 * parseLaList("E06000023, St Helens\nBristol, City of # pilot") // ["E06000023", "St Helens", "Bristol, City of"]
 */
export function parseLaList(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, "");
    for (const piece of line.split(",")) {
      const p = piece.trim();
      if (p === "") continue;
      if (/^(city|county) of\b/i.test(p) && out.length > 0 && !/^city of london$/i.test(p)) out[out.length - 1] += `, ${p}`;
      else out.push(p);
    }
  }
  return out;
}

/**
 * The la_codes of a list of LAs given by code, earlier code, DfE number or name. With a period (the analysis
 * period), a name or number shared by a predecessor and a successor (Dorset: E10000009 until 2019, E06000059 from
 * 2020) is the LA that existed in that period, as `add` resolves it per row; an item that matches no LA of that
 * period is matched as without one (an LA listed by code is kept even if it ended before the period).
 * @throws DataError naming every LA that is not in the package (with suggestions), or an empty list
 * @example
 * resolveLaList(pkg, ["Bristol", "E08000013"], "--las") // ["E06000023", "E08000013"]
 * resolveLaList(pkg, ["Dorset"], "--las", 2024) // ["E06000059"]
 */
export function resolveLaList(pkg: DataPackage, items: readonly string[], origin: string, period?: number): string[] {
  const areas = pkg.areas.objects() as unknown as AreaRow[];
  const aliases = (pkg.descriptor.provenance?.code_aliases ?? {}) as Record<string, string>;
  const m = areaMatcher(areas, aliases);
  const codes = new Set<string>();
  const problems: string[] = [];
  for (const item of items) {
    const inPeriod = period === undefined ? undefined : m.match(item, "name", period);
    const r = inPeriod?.kind === "matched" ? inPeriod : m.match(item, "name", undefined);
    if (r.kind === "matched") codes.add(r.laCode);
    else if (r.kind === "aggregate") problems.push(`"${item}" is ${r.what}, not an LA (use --region for a region)`);
    else problems.push(`"${item}": ${r.reason}${r.suggestions.length ? ` (did you mean ${r.suggestions.map((s) => `"${s}"`).join(" or ")}?)` : ""}`);
  }
  if (problems.length > 0) throw new DataError({ file: origin, expected: `LAs of the package (ONS code, DfE number or name); not found: ${problems.join("; ")}` });
  if (codes.size === 0) throw new DataError({ file: origin, expected: "at least one LA" });
  return [...codes].sort();
}

/**
 * Read `--las`: a file (one LA per line or comma-separated) when the text names an existing file, else the
 * text itself as a comma-separated list.
 * @example
 * laListFromOption("examples/own-data/pilot-las.txt").length // 20
 */
export function laListFromOption(text: string): { items: string[]; origin: string } {
  if (fs.existsSync(text) && fs.statSync(text).isFile()) return { items: parseLaList(decodeUtf8(fs.readFileSync(text), text)), origin: text };
  return { items: parseLaList(text), origin: "--las" };
}

/**
 * The la_codes of a region, by region name (as in areas.csv, case and punctuation ignored) or region code.
 * @throws DataError when no LA of the package is in that region (listing the regions)
 * @example
 * regionLas(pkg, "South West").length
 */
export function regionLas(pkg: DataPackage, region: string): string[] {
  const areas = pkg.areas.objects() as unknown as AreaRow[];
  const key = areaNameKey(region);
  const codes = areas.filter((a) => a.region_code.toUpperCase() === region.trim().toUpperCase() || areaNameKey(a.region_name) === key).map((a) => a.la_code);
  if (codes.length === 0) {
    const names = [...new Set(areas.map((a) => a.region_name))].sort();
    throw new DataError({ file: "--region", value: region, expected: `a region of the package: ${names.join(", ")}${didYouMean(region, names)}` });
  }
  return codes.sort();
}

/**
 * A package with only the given LAs' rows in areas, indicators, context and outcomes.
 * @throws InputError when a code is not in areas.csv
 * @example
 * restrictPackage(pkg, ["E06000023", "E08000013"]).areas.numRows() // 2
 */
export function restrictPackage(pkg: DataPackage, laCodes: readonly string[]): DataPackage {
  const keep = new Set(laCodes);
  const known = new Set(pkg.areas.array("la_code") as string[]);
  for (const c of keep) if (!known.has(c)) throw new InputError("restrictPackage", "every la_code must be in areas.csv", c);
  const only = <T extends DataPackage["areas"]>(t: T) => {
    const codes = t.array("la_code") as string[];
    const rows: number[] = [];
    for (let i = 0; i < codes.length; i++) if (keep.has(codes[i])) rows.push(i);
    return t.reify(rows) as T;
  };
  return { ...pkg, areas: only(pkg.areas), indicators: only(pkg.indicators), context: only(pkg.context), outcomes: only(pkg.outcomes) };
}
