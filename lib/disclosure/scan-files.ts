/**
 * The disclosure scanner's side that reads files: folders walked, each file's bytes read and scanned by its type
 * ({@link scanFileText}, ./scan.ts, which holds the rules), a file that is not UTF-8 text reported and scanned as
 * Latin-1 too, a workbook read as cell text ({@link scanXlsxBytes}), and a data package's published indicators found
 * in its catalogue.
 *
 * Fail closed: a check must not pass what it did not read. A workbook that cannot be read, a file named on its own
 * whose type is not scanned, a workbook of a type not read wherever it is ({@link UNREAD_WORKBOOK_EXTENSIONS}), and a
 * folder or file the system refuses to read are findings (rule `not-scanned`); only files of other types met inside a
 * folder (images, scripts, fonts beside a report) are skipped, and counted as skipped.
 */
import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import { describeEntry, entryAt, folderEntries, isSystemError, type FolderEntry, type OnUnreadable } from "../data/folder-entries";
import { DataError, InputError } from "../errors";
import { firstInvalidUtf8, invalidByteText } from "../data/csv";
import { readFileHead } from "../data/file-head";
import { hashHex } from "../data/frictionless";
import { sha256 } from "../data/package-cells";
import { countsNeedNoCheck } from "../data/official-sources";
import { readXlsxSheets, type XlsxSheetRows } from "../data/import/spreadsheet/xlsx";
import { differencingPairs, type CrowdedKey, type DifferencingPair, type PublishedCount } from "./differencing";
import type { CountDerivation } from "./derived-counts";
import { meanDifferencingPairs, scaleOfDefinition, type AnswerScale, type PublishedMean } from "./mean-differencing";
import { crowdedMeansFinding, meanDifferencingFinding } from "./mean-findings";
import { laResolver, packageAreasOf, packageCsvOf, packageFileBytes, type KnownAreas, type LaResolver } from "./scan-areas";
import { MAX_FINDINGS_PER_FILE, SCANNED_EXTENSIONS, scanFileText, scanSheets, type DisclosureFinding, type ScanOptions } from "./scan";
import type { CrossFileTotals } from "./scan-types";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "./suppress-counts";
import { append } from "../data/append";

/** Workbook types scanned, by extension: the analysis writes vital-signs-tables.xlsx beside its CSV tables. */
export const SCANNED_WORKBOOK_EXTENSIONS = [".xlsx"] as const;
/**
 * Workbook types not read, by extension: a `not-scanned` finding even inside a folder, since a workbook holds tables
 * of numbers (a researcher who saves the tables again from LibreOffice or Excel gets one of these), unlike the
 * images, scripts and fonts beside a report.
 */
export const UNREAD_WORKBOOK_EXTENSIONS = [".ods", ".xls", ".xlsm", ".xlsb"] as const;

/** Result of scanning paths. */
export interface ScanReport {
  findings: DisclosureFinding[];
  /** Total findings (including those beyond the per-file cap). */
  total: number;
  scanned: string[];
  /** Files of other types found inside folders (a file of another type named on its own is a finding instead). */
  skipped: string[];
  /** Files that could not be checked, each a `not-scanned` finding: a workbook that cannot be read, a file of another type named on its own. */
  notScanned: string[];
  /** Files with more findings than are listed (the per-file cap): how many each has, and how many are listed. */
  capped: { file: string; total: number; listed: number }[];
}

/**
 * Largest file read (bytes): a bigger one is a `not-scanned` finding, not read. A table is held whole while its
 * columns are checked, at 13–20 bytes of memory per byte of text for tables like a package's (the official
 * indicators.csv, 12 MB: 204 MB peak) and up to ≈ 58 for short cells (a review's 63 MiB CSV of short cells: 3.66 GB,
 * out of heap under a 2 GB limit). At 512 MiB, the limit before this round, a 500 MB CSV ran V8 out of heap (SIGABRT
 * after 5 GB, hostile review F13) instead of failing closed; 24 MiB keeps the worst case near 1.4 GB and reads twice
 * the official package's largest file. An export this large is not a table of LA figures a reader checks by eye.
 */
export const SCAN_MAX_FILE_BYTES = 24 * 1024 * 1024;

/**
 * Files under `p` to scan, and entries that cannot be (lib/data/folder-entries.ts tells each by its type, never
 * opening it): a FIFO blocked the scan for ever, a link to /dev/zero grew it to 1.3 GB in 17 s, and a link to a parent
 * folder looped until ELOOP (a link to / would have walked the whole disk). A link to a regular file is read; a link to
 * a folder inside `p` is not followed; anything not a regular file or folder is not read; a folder or entry the system
 * refuses (EACCES, ENAMETOOLONG) is listed as not read and the walk goes on (one locked folder had stopped the whole
 * scan with a bare system error).
 */
function walk(top: FolderEntry, out: string[], unreadable: { file: string; what: string }[]): void {
  const refused: OnUnreadable = (file, error) => unreadable.push({ file, what: systemRefusal(error) });
  const entries = top.kind === "folder" || top.kind === "link-to-folder"
    ? folderEntries(top.path, (name) => (name === "node_modules" || name === ".git" ? "skip" : "walk"), refused)
    : [top];
  for (const e of entries) {
    if (e.kind !== "file") unreadable.push({ file: e.path, what: `${describeEntry(e)}, not read` });
    else if (e.size > SCAN_MAX_FILE_BYTES) unreadable.push({ file: e.path, what: `${e.size} bytes, over the ${SCAN_MAX_FILE_BYTES}-byte limit of a file scanned` });
    else out.push(e.path);
  }
}

/** Why the system refused a path, in words (the error's own message repeats the path, which may be 4,096 bytes long). */
function systemRefusal(error: NodeJS.ErrnoException): string {
  const reason = error.code === "EACCES" || error.code === "EPERM" ? "permission denied" : error.code === "ENAMETOOLONG" ? "its path is too long for the system" : "a system error";
  return `could not be read (${error.code}: ${reason})`;
}

/**
 * The files under `paths` (walked as {@link walk} says), the entries that cannot be read, and the paths named as files.
 * @throws InputError when a path does not exist
 */
function filesUnder(paths: readonly string[]): { files: string[]; unreadable: { file: string; what: string }[]; named: Set<string> } {
  const files: string[] = [];
  const unreadable: { file: string; what: string }[] = [];
  const named = new Set<string>();
  for (const p of paths) {
    let top: FolderEntry;
    try {
      top = entryAt(p);
    } catch (e) {
      if (!isSystemError(e)) throw e;
      if (e.code === "ENOENT" || e.code === "ENOTDIR") throw new InputError("scanPaths", "path does not exist", p);
      unreadable.push({ file: p, what: systemRefusal(e) });
      continue;
    }
    if (top.kind !== "folder" && top.kind !== "link-to-folder") named.add(p);
    walk(top, files, unreadable);
  }
  return { files, unreadable, named };
}

/**
 * Scan files and folders (recursively) for small counts and record-level identifiers. Text files and workbooks are
 * scanned by their type; a workbook of a type not read is a finding (`not-scanned`); a file of another type is
 * skipped inside a folder, and a finding when it was named on its own.
 * @throws InputError when a path does not exist
 * @example
 * const report = scanPaths(["site", "out/results.json"]);
 * if (report.total > 0) process.exitCode = 1;
 */
export function scanPaths(paths: readonly string[], options: ScanOptions = {}): ScanReport {
  const { files, unreadable, named } = filesUnder(paths);
  const report: ScanReport = { findings: [], total: 0, scanned: [], skipped: [], notScanned: [], capped: [] };
  // a file not checked at all: listed as such and a finding
  const refuse = (f: string, value: string, message: string) => {
    report.notScanned.push(f);
    report.findings.push(notScanned(f, value, message));
    report.total++;
  };
  for (const u of unreadable) refuse(u.file, u.what, `${u.what}: nothing in it was checked`);
  const packageByDir = new Map<string, ReturnType<typeof packageIndicatorsOf>>();
  const publishedCounts: PublishedCount[] = [];
  const publishedMeans: PublishedMean[] = [];
  const knownAreas: KnownAreas[] = []; // the scanned packages' LAs: a count's LA resolved however it is written
  const crossFile: CrossFileTotals = { totals: [], count: 0, suppressedGroupsIn: [] }; // totals beside another file's suppressed groups
  let done = 0;
  for (const f of files) {
    options.onProgress?.(++done, files.length);
    const ext = path.extname(f).toLowerCase();
    const workbook = (SCANNED_WORKBOOK_EXTENSIONS as readonly string[]).includes(ext);
    if ((UNREAD_WORKBOOK_EXTENSIONS as readonly string[]).includes(ext)) {
      refuse(f, ext, `a workbook of a type that is not read (read: ${SCANNED_WORKBOOK_EXTENSIONS.join(", ")}): nothing in it was checked`);
      continue;
    }
    if (ext === ".xml" && childRecordsXml(f)) {
      // a CIN census return: children's records, whatever else the folder holds (it had been skipped as "other types")
      report.findings.push({ file: f, location: "file", rule: "record-rows", value: "", message: "a CIN census return (children's records: LAchildID, UPN, dates of birth): record-level data, never to be published" });
      report.total++;
      report.scanned.push(f);
      continue;
    }
    if (!workbook && !(SCANNED_EXTENSIONS as readonly string[]).includes(ext)) {
      if (!named.has(f)) {
        report.skipped.push(f);
        continue;
      }
      refuse(f, ext === "" ? "(no extension)" : ext, `a file of a type that is not scanned (scanned: ${[...SCANNED_EXTENSIONS, ...SCANNED_WORKBOOK_EXTENSIONS].join(", ")}): nothing in it was checked`);
      continue;
    }
    const dir = path.dirname(f);
    if (!packageByDir.has(dir)) {
      packageByDir.set(dir, packageIndicatorsOf(dir));
      const areas = packageAreasOf(dir);
      if (areas) knownAreas.push(areas);
    }
    const known = packageByDir.get(dir);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(f);
    } catch (e) {
      if (!isSystemError(e)) throw e;
      const what = systemRefusal(e);
      refuse(f, what, `${what}: nothing in it was checked`);
      continue;
    }
    // the catalogue's units apply to every file beside it; its exemption only to the package's own unchanged resources
    const fileOptions = known
      ? { ...options, publishedCounts, publishedMeans, crossFile, publishedIndicators: isOwnResource(known, f, bytes) ? known.published : NO_INDICATORS, percentIndicators: known.percent, ratioIndicators: known.ratio, countIndicators: known.count, indicatorUnits: known.units, meanScales: known.scales }
      : { ...options, publishedCounts, publishedMeans, crossFile };
    const r = workbook ? scanXlsxBytes(f, bytes, fileOptions) : scanFileBytes(f, bytes, fileOptions);
    if (r.findings.some((x) => x.rule === "not-scanned")) report.notScanned.push(f);
    else report.scanned.push(f);
    report.findings.push(...r.findings);
    report.total += r.total;
    if (r.total > r.findings.length) report.capped.push({ file: f, total: r.total, listed: r.findings.length });
  }
  addDifferencing(report, publishedCounts, publishedMeans, options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD, laResolver(knownAreas));
  const totals = totalsBesideSuppression(crossFile);
  // up to MAX_FINDINGS_PER_FILE per file, of any number of files: appended, not spread into push's arguments
  append(report.findings, totals.findings);
  report.total += totals.total;
  return report;
}

/**
 * The differencing findings of a scan's published counts (./differencing.ts) and means (./mean-differencing.ts) added
 * to its report: listed up to the per-file cap (for one file: the pairs are listed before they are attributed), all
 * counted.
 */
function addDifferencing(report: ScanReport, counts: readonly PublishedCount[], means: readonly PublishedMean[], threshold: number, resolveLa: LaResolver): void {
  const differencing = differencingPairs(counts, threshold, MAX_FINDINGS_PER_FILE, resolveLa, MAX_PAIRS_PER_KEY);
  append(report.findings, differencing.pairs.map(differencingFinding));
  // a key of more pairs than MAX_PAIRS_PER_KEY: those counted, and the rest as one finding
  const crowdedPairs = differencing.crowded.reduce((sum, k) => sum + k.pairs, 0);
  report.total += differencing.total - crowdedPairs + differencing.crowded.length * (MAX_PAIRS_PER_KEY + 1);
  append(report.findings, differencing.crowded.slice(0, MAX_FINDINGS_PER_FILE).map(crowdedFinding));
  // means: mean × n of two groups a few respondents apart gives those respondents' total back
  const meanPairs = meanDifferencingPairs(means, threshold, MAX_FINDINGS_PER_FILE, resolveLa);
  append(report.findings, meanPairs.pairs.map(meanDifferencingFinding));
  append(report.findings, meanPairs.crowded.slice(0, MAX_FINDINGS_PER_FILE).map(crowdedMeansFinding));
  report.total += meanPairs.total + meanPairs.crowded.length;
}

/** The totals of records kept from files that do not speak of suppression, as findings when another file of the scan shows suppressed groups. */
function totalsBesideSuppression(crossFile: CrossFileTotals): { findings: DisclosureFinding[]; total: number } {
  const suppressed = crossFile.suppressedGroupsIn;
  if (suppressed.length === 0) return { findings: [], total: 0 };
  const beside = `${suppressed[0]}${suppressed.length > 1 ? ` and ${suppressed.length - 1} other file(s)` : ""} of this scan shows suppressed groups`;
  return { findings: crossFile.totals.map((t) => ({ ...t, message: `${t.message}: ${beside}` })), total: crossFile.count };
}

/** A pair of counts that give a small group's count back, reported in the first file with the second named. */
function differencingFinding({ first, second, difference, differenceMax, respondents, added }: DifferencingPair): DisclosureFinding {
  const what = first.indicator === second.indicator ? `indicator ${first.indicator}` : `indicators ${first.indicator} and ${second.indicator} (one item)`;
  const countText = (c: PublishedCount) => (c.countMax === undefined ? `${c.count}` : `${c.count}–${c.countMax}`);
  const fromText = (c: PublishedCount) => (c.derived === undefined ? "" : ` (${derivationText(c, c.derived)})`);
  const key = `LA ${first.la}${first.period === "" ? "" : ` ${first.period}`}`;
  const differenceText = difference === differenceMax ? `${difference}` : `${difference} to ${differenceMax}`;
  const [smaller, larger] = first.denominator < second.denominator ? [first, second] : [second, first];
  const both = `${countText(first)} of ${first.denominator}${fromText(first)} here and ${countText(second)} of ${second.denominator}${fromText(second)} in ${second.file} (${second.location}), of ${what}, ${key}`;
  const message = added
    ? `${both}: were the ${smaller.denominator} among the ${larger.denominator}, ${added.counted} of the ${respondents} in one and not the other counted and ${added.notCounted} did not, a small count`
    : respondents === 0
    ? `${countText(first)}${fromText(first)} here and ${countText(second)}${fromText(second)} in ${second.file} (${second.location}), of ${what}, ${key}, both of denominator ${first.denominator}: their difference ${differenceText} is a small count`
    : `${both}: the ${respondents} ${respondents === 1 ? "person" : "people"} (respondents, children) in one and not the other are a small group, and the counts' difference ${differenceText} says how many of them counted`;
  const advice = first.derived === undefined && second.derived === undefined ? "" : `; publish such shares rounded (to one decimal, values and bounds alike), or one of the two only`;
  return { file: first.file, location: first.location, rule: "differencing", value: `${countText(first)} − ${countText(second)}`, message: message + advice };
}

/**
 * Most differencing pairs of one LA, period and item counted as findings; the rest of the key's pairs are one finding
 * more. A hostile read gave 4 CSVs of 240,000 rows of one key: 3,850,606,820 pairs, a count that says nothing more
 * than "this key's rows give small groups back" (round 25, S3).
 */
const MAX_PAIRS_PER_KEY = MAX_FINDINGS_PER_FILE;

/** A key with more pairs than MAX_PAIRS_PER_KEY: one finding for the pairs beyond those counted, at its count read first. */
function crowdedFinding({ first, pairs }: CrowdedKey): DisclosureFinding {
  const key = `LA ${first.la}${first.period === "" ? "" : ` ${first.period}`}`;
  return {
    file: first.file,
    location: first.location,
    rule: "differencing",
    value: `${pairs} pairs`,
    message: `${pairs} pairs of counts of indicator ${first.indicator}, ${key} (of this and the other files scanned) give a small group's count back: the first ${MAX_PAIRS_PER_KEY} are counted as findings, the other ${pairs - MAX_PAIRS_PER_KEY} as this one. Publish one count per LA, period and item (one definition, one run)`,
  };
}

/** How a count was worked back, in words: "derived from the value and its 95% Wilson bounds", "derived from the value's 16 digits". */
function derivationText(c: PublishedCount, d: CountDerivation): string {
  if (d.from === "wilson") return `derived from the value and its ${Number((d.conf * 100).toPrecision(6))}% Wilson bounds`;
  return `derived from the value's ${d.digits} digits${d.multiple === undefined ? "" : ` as ${c.count / d.multiple} of ${c.denominator / d.multiple}, times ${d.multiple}`}`;
}

/** Bytes of an .xml file read to tell a CIN census return (its first child's elements come well before). */
const XML_HEAD_BYTES = 1 << 20;
/** Elements of a CIN census return that identify a child (lib/returns/read-cin.ts reads them). */
const CHILD_RECORD_ELEMENT_RE = /<(LAchildID|UPN|FormerUPN|PersonBirthDate)\b/;

/** True when the first MiB of an .xml file holds an element of a CIN census child record; false when it cannot be read. */
function childRecordsXml(file: string): boolean {
  try {
    return CHILD_RECORD_ELEMENT_RE.test(readFileHead(file, XML_HEAD_BYTES).toString("latin1"));
  } catch (e) {
    if (!isSystemError(e)) throw e;
    return false; // as any other .xml: skipped in a folder, refused when named
  }
}

function notScanned(file: string, value: string, message: string): DisclosureFinding {
  return { file, location: "file", rule: "not-scanned", value, message };
}

/**
 * Scan a workbook's bytes: every sheet read as cell text by the workbench's own XLSX reader (the bounds it keeps
 * for hostile files apply: parts inflated only up to its size limits, at most its number of cells, no DTD or
 * entity expansion; cells formatted as percentages read as shown, ×100), then scanned as tables ({@link scanSheets}). A workbook the reader refuses (not a zip,
 * corrupt, too large, malformed XML) is a finding, `not-scanned`, with the reader's reason: it was not checked.
 * @example
 * scanXlsxBytes("out/vital-signs-tables.xlsx", fs.readFileSync("out/vital-signs-tables.xlsx")).total // 0
 */
export function scanXlsxBytes(file: string, bytes: Buffer, options: ScanOptions = {}): { findings: DisclosureFinding[]; total: number } {
  let sheets: XlsxSheetRows[];
  try {
    // percent cells as Excel shows them (0.4 → 40): a percentage beside its denominator gives a count back only
    // on the scale the reader sees, and the rule reads percentages 0–100
    sheets = readXlsxSheets(bytes, file, undefined, { percentAsShown: true });
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return { findings: [notScanned(file, (e.value ?? "").slice(0, 60), `an xlsx workbook that could not be read, so nothing in it was checked: ${e.message}`)], total: 1 };
  }
  return scanSheets(file, sheets, options);
}

/**
 * Scan a file's bytes. UTF-8 text without zero bytes (all the workbench writes) is scanned as its text, as
 * {@link scanFileText}. Anything else is reported (rule `not-utf8-text`, so the check fails) and scanned twice:
 * as UTF-8 and as Latin-1 without its zero bytes. Read as UTF-8 only, a byte that is not UTF-8 became U+FFFD,
 * which a pattern does not match: a Windows-1252 "4 respondents" with a no-break space (byte A0) was not found,
 * and UTF-16 text (Excel's "Unicode text", a zero byte beside each ASCII letter) hid everything. Read as
 * Latin-1, every byte is one character, so ASCII text stays where it was (and UTF-16 text in the ASCII range
 * reads as ASCII once its zero bytes are dropped). The reader of the file may decode it otherwise: hence the
 * finding, whatever the two scans find.
 * @example
 * scanFileBytes("notes.txt", Buffer.from("4\xa0respondents", "latin1")).findings.map((f) => f.rule) // ["not-utf8-text", "small-count"]
 */
export function scanFileBytes(file: string, bytes: Buffer, options: ScanOptions = {}): { findings: DisclosureFinding[]; total: number } {
  const zero = bytes.indexOf(0);
  const utf8 = isUtf8(bytes);
  if (utf8 && zero < 0) return scanFileText(file, bytes.toString("utf8"), options);
  const at = utf8 ? zero : zero < 0 ? firstInvalidUtf8(bytes) : Math.min(zero, firstInvalidUtf8(bytes));
  const value = invalidByteText(bytes[at], at);
  const looksLike = zero >= 0 ? "UTF-16" : "Latin-1 or Windows-1252";
  const notText: DisclosureFinding = {
    file,
    location: `offset ${at}`,
    rule: "not-utf8-text",
    value,
    message: `not UTF-8 text (this looks like ${looksLike}): scanned as UTF-8 and as Latin-1, but a reader may decode it otherwise; save it as UTF-8 and scan it again`,
  };
  const asUtf8 = scanFileText(file, bytes.toString("utf8"), options);
  const withoutZeros = zero < 0 ? bytes : Buffer.from(bytes.filter((b) => b !== 0));
  // its tables' counts were collected from the UTF-8 reading: twice would compare each with itself
  const asLatin1 = scanFileText(file, withoutZeros.toString("latin1"), { ...options, publishedCounts: undefined, publishedMeans: undefined, crossFile: undefined });
  // a finding of both readings is reported once (the total counts the Latin-1 reading's extra findings shown)
  const seen = new Set(asUtf8.findings.map((x) => `${x.location}\u0000${x.rule}\u0000${x.value}`));
  const extra = asLatin1.findings.filter((x) => !seen.has(`${x.location}\u0000${x.rule}\u0000${x.value}`));
  return { findings: [notText, ...asUtf8.findings, ...extra], total: 1 + asUtf8.total + extra.length };
}

/**
 * In a data-package folder (datapackage.json + catalogue.csv): the indicators whose counts come from official
 * publications or the synthetic generator (lib/data/official-sources.ts countsNeedNoCheck), left unchecked in the
 * package's own resources only (see isOwnResource); undefined for other folders.
 * @example
 * publishedIndicatorsOf("out/official")?.has("cin_rate_per_10k") // true for an imported official package
 */
export function publishedIndicatorsOf(dir: string): ReadonlySet<string> | undefined {
  return packageIndicatorsOf(dir)?.published;
}

/** No indicator exempt: a file beside a package that is not one of its resources is checked fully, with the catalogue's units. */
const NO_INDICATORS: ReadonlySet<string> = new Set();

/** A package folder as the scan uses it: its catalogue's indicator sets, and its own resources' sha256 by resolved path. */
interface PackageIndicators {
  published: ReadonlySet<string>;
  percent: ReadonlySet<string>;
  ratio: ReadonlySet<string>;
  count: ReadonlySet<string>;
  /** Each indicator's unit, and the scale of each mean whose definition states one (./mean-differencing.ts). */
  units: ReadonlyMap<string, string>;
  scales: ReadonlyMap<string, AnswerScale>;
  resources: ReadonlyMap<string, string>;
}

/**
 * True when `file` is one of the package's own resources (listed in its datapackage.json, in the folder itself) and
 * its bytes still have the sha256 recorded there. Only such a file inherits the exemption of published indicators: a
 * review copied an LA's own returns table under official ids (`cla_3plus_placements_pct,5.0,3,60`) beside an
 * official package and it passed with 0 findings, where the same file alone had 5. A resource edited after the
 * package was written (rows added to indicators.csv) no longer matches its hash and is checked fully too. Hashing
 * costs ≈ 30 ms for the official import's 12 MB indicators.csv, read anyway.
 */
function isOwnResource(known: PackageIndicators, file: string, bytes: Buffer): boolean {
  const recorded = known.resources.get(path.resolve(file));
  return recorded !== undefined && sha256(bytes) === recorded;
}

/** The resources a datapackage.json lists in its own folder with a sha256 hash: resolved path → hex; none when it cannot be read. */
function packageResources(dir: string): Map<string, string> {
  const resources = new Map<string, string>();
  let descriptor: unknown;
  try {
    const bytes = packageFileBytes(path.join(dir, "datapackage.json"));
    descriptor = bytes !== undefined && isUtf8(bytes) ? JSON.parse(bytes.toString("utf8")) : undefined;
  } catch {
    return resources; // an unreadable descriptor lists nothing, so exempts nothing
  }
  const listed = (descriptor as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(listed)) return resources;
  for (const r of listed as { path?: unknown; hash?: unknown }[]) {
    const hex = hashHex(r?.hash);
    // a resource in a subfolder or elsewhere is not the package's own file here: not exempt
    if (typeof r?.path !== "string" || hex === undefined || path.basename(r.path) !== r.path) continue;
    resources.set(path.resolve(dir, r.path), hex);
  }
  return resources;
}

/**
 * A package folder's catalogue as the scan uses it: the indicators that go unchecked ({@link publishedIndicatorsOf}),
 * in the package's own resources only ({@link isOwnResource}), those of unit count (their value is a count) and those
 * of unit percent (their `value` beside a denominator gives a count back, whatever their id says: a review found
 * `reviews_done`, 41.7 of 12, passed where `reviews_pct` was flagged); undefined for other folders.
 */
function packageIndicatorsOf(dir: string): PackageIndicators | undefined {
  // an unreadable catalogue (or one not UTF-8) gives no exemption
  const csv = packageCsvOf(dir, "catalogue.csv");
  if (csv === undefined) return undefined;
  const id = csv.header.indexOf("indicator");
  const source = csv.header.indexOf("source");
  const unit = csv.header.indexOf("unit");
  if (id < 0 || source < 0) return undefined;
  const ofUnit = (u: string) => new Set(unit < 0 ? [] : csv.rows.filter((r) => r[unit].trim() === u).map((r) => r[id]));
  const definition = csv.header.indexOf("definition");
  const scales = new Map<string, AnswerScale>();
  for (const r of definition < 0 || unit < 0 ? [] : csv.rows) {
    const scale = (r[unit] ?? "").trim() === "score" ? scaleOfDefinition(r[definition] ?? "") : undefined;
    if (scale !== undefined) scales.set(r[id], scale);
  }
  return {
    published: new Set(csv.rows.filter((r) => countsNeedNoCheck(r[source].trim())).map((r) => r[id])),
    percent: ofUnit("percent"),
    ratio: ofUnit("ratio"),
    count: ofUnit("count"),
    units: new Map(unit < 0 ? [] : csv.rows.map((r) => [r[id], r[unit] ?? ""])),
    scales,
    resources: packageResources(dir),
  };
}
