/**
 * Restrict a loaded package to some LAs (a pilot's LAs, a region), so an analysis screens within them.
 * The restricted package has the same resources with only those LAs' rows; benchmarks (England and region
 * rows) are kept as they are.
 */
import * as fs from "node:fs";
import { readSmallFile, SIDECAR_MAX_BYTES } from "./small-file";
import { DataError, InputError } from "../errors";
import { decodeUtf8 } from "./csv";
import { AREA_NAME_VARIANTS, areaMatcher, areaNameKey, lifespanWords, OFFICIAL_AREA_NAMES_WITH_COMMAS, type AreaMatcher } from "./own-data/match-areas";
import { areaExistsIn } from "./import/areas";
import { reorganisationWords } from "./reorganisations";
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
 * Parse a list of LAs: codes, DfE numbers or names separated by commas or lines; `#` starts a comment. A name that
 * itself holds a comma ("Bournemouth, Christchurch and Poole", "Bristol, City of") is kept whole when its pieces,
 * joined, are an official LA name ({@link OFFICIAL_AREA_NAMES_WITH_COMMAS}) or one of `names` (the package's LA
 * names: {@link laNamesOf}); a double-quoted item is kept whole as written (`"Bournemouth, Christchurch and Poole"`,
 * as a spreadsheet saves a name with a comma; `""` is a quote).
 * @param origin - where the text came from, for errors ("--las", "--las pilot.txt")
 * @throws DataError naming the line of a double quote that is not closed on its line
 * @example
 * parseLaList("E06000023, St Helens\nBristol, City of # pilot") // ["E06000023", "St Helens", "Bristol, City of"]
 * parseLaList('"Bournemouth, Christchurch and Poole",Poole') // ["Bournemouth, Christchurch and Poole", "Poole"]
 */
export function parseLaList(text: string, names: Iterable<string> = [], origin = "--las"): string[] {
  const known = new Set<string>();
  // a piece is tried with at most as many following pieces as the longest name has commas (one for England's LA
  // names), so the cost stays linear in the pieces however long a line is
  let maxPieces = 1;
  for (const name of [...OFFICIAL_AREA_NAMES_WITH_COMMAS, ...names]) {
    known.add(areaNameKey(name));
    maxPieces = Math.max(maxPieces, name.split(",").length);
  }
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const run of lineRuns(line, origin, index + 1)) {
      if (run.quoted) {
        if (run.pieces[0].trim() !== "") out.push(run.pieces[0].trim());
        continue;
      }
      const pieces = run.pieces.map((p) => p.trim());
      for (let i = 0; i < pieces.length; ) {
        // an empty piece (",,") joins no name: skipping it keeps a line of a million commas at 1M steps, not 3M lookups
        if (pieces[i] === "") {
          i++;
          continue;
        }
        let taken = 1;
        for (let n = Math.min(maxPieces, pieces.length - i); n > 1; n--) {
          if (known.has(areaNameKey(pieces.slice(i, i + n).join(", ")))) {
            taken = n;
            break;
          }
        }
        out.push(pieces.slice(i, i + taken).join(", "));
        i += taken;
      }
    }
  });
  return out;
}

/** A line of a list cut into runs: unquoted runs of comma-separated pieces, and quoted items (one piece each). */
function lineRuns(line: string, origin: string, lineNumber: number): { quoted: boolean; pieces: string[] }[] {
  const runs: { quoted: boolean; pieces: string[] }[] = [];
  let pieces: string[] = [];
  let piece = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "#") break;
    if (c === ",") {
      pieces.push(piece);
      piece = "";
    } else if (c === '"' && piece.trim() === "") {
      let quoted = "";
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] !== '"') quoted += line[j];
        else if (line[j + 1] === '"') quoted += line[++j];
        else break;
      }
      if (j >= line.length) throw new DataError({ file: origin, row: lineNumber, value: line, expected: "a closing double quote on the same line" });
      if (pieces.length > 0) runs.push({ quoted: false, pieces });
      runs.push({ quoted: true, pieces: [quoted] });
      pieces = [];
      piece = "";
      // what follows the closing quote up to the next comma belongs to no item: only spaces may stand there
      for (i = j + 1; i < line.length && line[i] !== ","; i++) {
        if (line[i] === "#") return runs;
        if (line[i].trim() !== "") throw new DataError({ file: origin, row: lineNumber, value: line, expected: "a comma or the end of the line after a closing double quote" });
      }
    } else piece += c;
  }
  pieces.push(piece);
  runs.push({ quoted: false, pieces });
  return runs;
}

/**
 * The names a list of the package's LAs may use with a comma inside: areas.csv's names and the common short forms
 * ({@link AREA_NAME_VARIANTS}), for {@link parseLaList}.
 * @example
 * laNamesOf(pkg).includes("Bournemouth, Christchurch and Poole") // true when BCP is in areas.csv
 */
export function laNamesOf(pkg: DataPackage): string[] {
  return [...(pkg.areas.array("la_name") as string[]), ...Object.keys(AREA_NAME_VARIANTS)];
}

/**
 * Why an LA named in a list cannot stand for `period`, with the LAs that replaced it (or that it replaced) by the
 * reorganisation rules, so that the message says which LA to name instead.
 */
function outsidePeriodProblem(item: string, area: AreaRow, areas: readonly AreaRow[], period: number): string {
  return `"${item}": ${area.la_name} (${area.la_code}) existed ${lifespanWords(area)}, not in ${period}, the analysis period${reorganisationWords(area, areas, period)}`;
}

/** One LA resolved: its code, or the problem in words (the item quoted first: `"St Helen": no LA named …`). */
export type LaResolution = { laCode: string } | { problem: string };

/**
 * Resolve one item by the matcher, within `period` when given. An LA named (by name or DfE number) that did not
 * exist in the period is refused with its lifespan and successor unless `keepOutsidePeriod`; one listed by ONS
 * code is kept (a code names one LA, and the analysis reports it as not in the period).
 */
function resolveLaItem(m: AreaMatcher, areas: readonly AreaRow[], item: string, period: number | undefined, keepOutsidePeriod: boolean): LaResolution {
  const r = m.match(item, "name", period);
  if (r.kind === "matched") return { laCode: r.laCode };
  if (r.kind === "aggregate") return { problem: `"${item}" is ${r.what}, not an LA (use --region for a region)` };
  const whenever = period === undefined ? r : m.match(item, "name", undefined);
  if (whenever.kind === "matched") {
    if (keepOutsidePeriod || whenever.method === "ONS code" || whenever.method === "earlier ONS code") return { laCode: whenever.laCode };
    return { problem: outsidePeriodProblem(item, areas.find((a) => a.la_code === whenever.laCode)!, areas, period!) };
  }
  return { problem: `"${item}": ${r.reason}${r.suggestions.length ? ` (did you mean ${r.suggestions.map((s) => `"${s}"`).join(" or ")}?)` : ""}` };
}

/**
 * The la_codes of a list of LAs given by code, earlier code, DfE number or name, resolved in `period` when given.
 * `period` is the analysis period: a name or number shared by a predecessor and a successor (Dorset: E10000009 until
 * 2019, E06000059 from 2020) is the LA that existed in it, as `add` resolves it per row, and a name of an LA that did
 * not exist in it (Bournemouth, ended 2019, in 2024) is refused, naming the LAs that replaced it. An LA listed by ONS
 * code is kept even when it did not exist in the period (the analysis reports it as not in the period), unless no LA
 * of the list existed in it.
 * @throws DataError naming every LA that is not in the package or not in the period (with suggestions), or an
 * empty list, or a list of which no LA existed in the period
 * @example
 * resolveLaList(pkg, ["Bristol", "E08000013"], "--las") // ["E06000023", "E08000013"]
 * resolveLaList(pkg, ["Dorset"], "--las", 2024) // ["E06000059"]
 */
export function resolveLaList(pkg: DataPackage, items: readonly string[], origin: string, period?: number): string[] {
  const areas = pkg.areas.objects() as unknown as AreaRow[];
  const m = areaMatcher(areas, codeAliasesOf(pkg));
  const codes = new Set<string>();
  const problems: string[] = [];
  for (const item of items) {
    const r = resolveLaItem(m, areas, item, period, false);
    if ("laCode" in r) codes.add(r.laCode);
    else problems.push(r.problem);
  }
  if (problems.length > 0) throw new DataError({ file: origin, expected: `LAs of the package (ONS code, DfE number or name); not found: ${problems.join("; ")}` });
  if (codes.size === 0) throw new DataError({ file: origin, expected: "at least one LA" });
  if (period !== undefined && !areas.some((a) => codes.has(a.la_code) && areaExistsIn(a, period))) {
    throw new DataError({ file: origin, expected: `at least one LA that existed in ${period}, the analysis period (listed: ${[...codes].sort().join(", ")})` });
  }
  return [...codes].sort();
}

/**
 * The la_code of one LA given by code, earlier code, DfE number or name, or why there is none.
 * Resolved as {@link resolveLaList} resolves an item, but keeping an LA that did not exist in `period` when the text
 * names no LA of that period (a profile of Cumbria in 2025 shows its last figures).
 * @returns the code, or the problem in words ("did you mean …?" included)
 * @example
 * resolveLa(pkg, "St Helens", 2024) // { laCode: "E08000013" }
 * resolveLa(pkg, "Dorset", 2024) // { laCode: "E06000059" }
 */
export function resolveLa(pkg: DataPackage, text: string, period: number | undefined): LaResolution {
  const areas = pkg.areas.objects() as unknown as AreaRow[];
  return resolveLaItem(areaMatcher(areas, codeAliasesOf(pkg)), areas, text, period, true);
}

/**
 * The latest period (year ending March) in which the package has an indicator value (not a missing one): the
 * analysis period and the profile's reference period when none is given; undefined for a package without values.
 * @example
 * latestIndicatorPeriod(pkg) // 2025
 */
export function latestIndicatorPeriod(pkg: DataPackage): number | undefined {
  return indicatorPeriodRange(pkg)?.last;
}

/**
 * The first and last periods in which the package has an indicator value (not a missing one), in one pass; undefined
 * for a package without values.
 * @example indicatorPeriodRange(readPackage("datasets/pilot-synthetic")) // { first: 2014, last: 2023 }
 */
export function indicatorPeriodRange(pkg: DataPackage): { first: number; last: number } | undefined {
  const periods = pkg.indicators.array("period") as ArrayLike<number>;
  const values = pkg.indicators.array("value") as ArrayLike<number | null>;
  let range: { first: number; last: number } | undefined;
  for (let r = 0; r < periods.length; r++) {
    if (values[r] === null) continue;
    if (range === undefined) range = { first: periods[r], last: periods[r] };
    else if (periods[r] < range.first) range.first = periods[r];
    else if (periods[r] > range.last) range.last = periods[r];
  }
  return range;
}

/** The package's earlier ONS codes (provenance.code_aliases), or none. */
function codeAliasesOf(pkg: DataPackage): Record<string, string> {
  const aliases = pkg.descriptor.provenance?.code_aliases;
  return typeof aliases === "object" && aliases !== null ? (aliases as Record<string, string>) : {};
}

/**
 * Whether `--las` text reads as the path of a file: it holds a slash or a backslash, or ends in .txt, .csv or .tsv. No
 * LA's code, number or name does, so such text that names no file is a file that does not exist, not an LA (a user
 * trial's `--las /tmp/nofile.txt` had been told: no LA named "/tmp/nofile.txt" in areas.csv, r26).
 * @example looksLikePath("/tmp/pilot-las.txt") // true
 * looksLikePath("Leeds,York") // false
 */
export function looksLikePath(text: string): boolean {
  return /[/\\]/.test(text) || /\.(txt|csv|tsv)$/i.test(text.trim());
}

/**
 * Read `--las`: a file when the text names an existing file, else the text itself, each as {@link parseLaList}
 * reads it (`names`: the package's LA names, {@link laNamesOf}).
 * @throws DataError when the text reads as a path ({@link looksLikePath}) and names no file
 * @example
 * laListFromOption("examples/own-data/pilot-las.txt").items.length // 20
 */
export function laListFromOption(text: string, names: Iterable<string> = []): { items: string[]; origin: string } {
  if (looksLikePath(text) && !(fs.existsSync(text) && fs.statSync(text).isFile())) {
    const what = fs.existsSync(text) ? "it is a folder" : "no such file";
    throw new DataError({ file: text, expected: `a file of LAs for --las (one per line, or comma-separated): ${what}; check the path, or give the LAs inline (--las "Leeds,York")` });
  }
  // read up to the sidecar cap: a list of LAs is a few KB, and a huge file named by mistake is refused, not held whole
  if (fs.existsSync(text) && fs.statSync(text).isFile()) return { items: parseLaList(decodeUtf8(readSmallFile(text, SIDECAR_MAX_BYTES, "a list of LAs (one per line)"), text), names, `--las ${text}`), origin: `--las ${text}` };
  return { items: parseLaList(text, names), origin: "--las" };
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
