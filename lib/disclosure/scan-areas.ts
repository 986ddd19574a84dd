/**
 * The LAs a disclosure scan knows, for comparing two published counts of one LA however each output names it
 * (./differencing.ts): the areas of every data package among the scanned paths (its areas.csv, and the earlier ONS
 * codes in its datapackage.json's provenance.code_aliases), resolved as `add` resolves a researcher's LA column
 * (lib/data/own-data/match-areas.ts areaMatcher: ONS code, earlier code, DfE number, name and its variants). A
 * hostile review published one pilot count under `la_code` E06000001 and again under `la_name` Hartlepool, DfE number
 * 805 and `la`: the two were never compared, since only the code's text was.
 *
 * Without a package in the scan no areas are known: an ONS code is compared in upper case, a name or DfE number by
 * the key `add` compares names by (areaNameKey: "St. Helens" is "Saint Helens"), so a code and a name of one LA are
 * then two LAs. Scan a package beside its outputs (`check-disclosure PKG OUT1 OUT2`) to compare them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isUtf8 } from "node:buffer";
import { parseCsv } from "../data/csv";
import { parsePeriodCell } from "../data/periods";
import { areaMatcher, areaNameKey } from "../data/own-data/match-areas";
import type { AreaRow } from "../data/types";
import { readSmallFile, SIDECAR_MAX_BYTES } from "../data/small-file";

/**
 * The bytes of a package's own file read for what it says of the others (datapackage.json, catalogue.csv, areas.csv),
 * or undefined when it is not a regular file (after links) or is over the cap: a review fixture's areas.csv made a
 * FIFO hung the whole scan in open() for ever (round 26), and a link to /dev/zero would be read without end.
 */
export function packageFileBytes(file: string): Buffer | undefined {
  try {
    return fs.statSync(file).isFile() ? readSmallFile(file, SIDECAR_MAX_BYTES, "a package's file") : undefined;
  } catch {
    return undefined;
  }
}

/** A package's areas as the scan uses them. */
export interface KnownAreas {
  areas: AreaRow[];
  codeAliases: Record<string, string>;
}

/** The columns of areas.csv read (AreaRow). */
const AREA_COLUMNS = ["la_code", "la_name", "region_code", "region_name", "old_la_code", "first_period", "last_period"] as const;

/**
 * A package folder's areas (areas.csv beside datapackage.json) and earlier codes; undefined when the folder holds no
 * readable areas.csv with an la_code and la_name column (nothing is then known of it; the scan still reads its files).
 * @example
 * packageAreasOf("out/official")?.areas.find((a) => a.la_code === "E06000001")?.la_name // "Hartlepool"
 */
export function packageAreasOf(dir: string): KnownAreas | undefined {
  const csv = packageCsvOf(dir, "areas.csv");
  if (csv === undefined) return undefined;
  const at = AREA_COLUMNS.map((c) => csv.header.indexOf(c));
  if (at[0] < 0 || at[1] < 0) return undefined;
  const cell = (row: readonly string[], k: number) => (at[k] < 0 ? "" : (row[at[k]] ?? "").trim());
  const period = (text: string) => (/^\d{4}$/.test(text) ? Number(text) : null);
  const areas = csv.rows.map((row): AreaRow => ({
    la_code: cell(row, 0), la_name: cell(row, 1), region_code: cell(row, 2), region_name: cell(row, 3),
    old_la_code: cell(row, 4), first_period: period(cell(row, 5)), last_period: period(cell(row, 6)),
  }));
  return { areas, codeAliases: codeAliasesOf(dir) };
}

/**
 * A package folder's resource `name` (beside datapackage.json) as parsed CSV, or undefined when the folder is no
 * package, the file is missing, is not UTF-8 (ids or codes read with U+FFFD could match others read likewise) or is
 * not a CSV: the scan then knows nothing from it, and still reads the folder's files.
 * @example packageCsvOf("out/official", "catalogue.csv")?.header.includes("source") // true
 */
export function packageCsvOf(dir: string, name: string): { header: string[]; rows: string[][] } | undefined {
  const file = path.join(dir, name);
  if (!fs.existsSync(path.join(dir, "datapackage.json")) || !fs.existsSync(file)) return undefined;
  try {
    const bytes = packageFileBytes(file);
    return bytes !== undefined && isUtf8(bytes) ? parseCsv(bytes.toString("utf8"), file) : undefined;
  } catch {
    return undefined;
  }
}

/** provenance.code_aliases of a package's datapackage.json (earlier ONS code → la_code); none when unreadable. */
function codeAliasesOf(dir: string): Record<string, string> {
  try {
    const descriptor = JSON.parse(packageFileBytes(path.join(dir, "datapackage.json"))?.toString("utf8") ?? "null") as { provenance?: { code_aliases?: unknown } } | null;
    const aliases = descriptor?.provenance?.code_aliases;
    if (aliases === null || typeof aliases !== "object") return {};
    return Object.fromEntries(Object.entries(aliases).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

/** How a count's LA cell is compared: the key of one LA, whatever the output wrote. */
export type LaResolver = (la: string, period: string) => string;

/**
 * The key of an LA cell as written, without areas: an ONS code in upper case, anything else by areaNameKey.
 * @example
 * laKeyAsWritten("e06000001") // "E06000001"; laKeyAsWritten("St. Helens") === laKeyAsWritten("Saint Helens") // true
 */
export function laKeyAsWritten(la: string): string {
  const t = la.trim();
  return /^[EWSN]\d{8}$/i.test(t) ? t.toUpperCase() : `name:${areaNameKey(t)}`;
}

/**
 * A resolver of LA cells over the areas of the scanned packages: each cell matched as `add` matches it (for the
 * period of its row when it can be read), to the LA's current ONS code; a cell matched by no package, or fitting
 * several LAs, is compared as written ({@link laKeyAsWritten}). The packages are tried in the order given.
 * @example
 * const resolve = laResolver([{ areas: [{ la_code: "E06000001", la_name: "Hartlepool", region_code: "E12000001", region_name: "North East", old_la_code: "805", first_period: null, last_period: null }], codeAliases: {} }]);
 * resolve("805", "2022/23") === resolve("Hartlepool", "2023") // true
 */
export function laResolver(known: readonly KnownAreas[]): LaResolver {
  const matchers = known.map((k) => areaMatcher(k.areas, k.codeAliases));
  const cache = new Map<string, string>();
  return (la, period) => {
    const year = parsePeriodCell(period);
    const key = `${la}\u0000${year ?? ""}`;
    let resolved = cache.get(key);
    if (resolved === undefined) {
      resolved = laKeyAsWritten(la);
      for (const m of matchers) {
        const match = m.match(la, "name", year);
        if (match.kind === "matched") {
          resolved = match.laCode;
          break;
        }
      }
      cache.set(key, resolved);
    }
    return resolved;
  };
}
