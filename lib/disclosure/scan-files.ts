/**
 * The disclosure scanner's side that reads files: folders walked, each file's bytes read and scanned by its type
 * ({@link scanFileText}, ./scan.ts, which holds the rules), a file that is not UTF-8 text reported and scanned as
 * Latin-1 too, and a data package's published indicators found in its catalogue.
 */
import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";
import { firstInvalidUtf8, invalidByteText, parseCsv } from "../data/csv";
import { SCANNED_EXTENSIONS, scanFileText, type DisclosureFinding, type ScanOptions } from "./scan";

/** Result of scanning paths. */
export interface ScanReport {
  findings: DisclosureFinding[];
  /** Total findings (including those beyond the per-file cap). */
  total: number;
  scanned: string[];
  skipped: string[];
}

function walk(p: string, out: string[]): void {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (name === "node_modules" || name === ".git") continue;
      walk(path.join(p, name), out);
    }
  } else out.push(p);
}

/**
 * Scan files and folders (recursively) for small counts and record-level identifiers.
 * @throws InputError when a path does not exist
 * @example
 * const report = scanPaths(["site", "out/results.json"]);
 * if (report.total > 0) process.exitCode = 1;
 */
export function scanPaths(paths: readonly string[], options: ScanOptions = {}): ScanReport {
  const files: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new InputError("scanPaths", "path does not exist", p);
    walk(p, files);
  }
  const report: ScanReport = { findings: [], total: 0, scanned: [], skipped: [] };
  const publishedByDir = new Map<string, ReadonlySet<string> | undefined>();
  let done = 0;
  for (const f of files) {
    options.onProgress?.(++done, files.length);
    if (!(SCANNED_EXTENSIONS as readonly string[]).includes(path.extname(f).toLowerCase())) {
      report.skipped.push(f);
      continue;
    }
    const dir = path.dirname(f);
    if (!publishedByDir.has(dir)) publishedByDir.set(dir, publishedIndicatorsOf(dir));
    const published = publishedByDir.get(dir);
    const r = scanFileBytes(f, fs.readFileSync(f), published ? { ...options, publishedIndicators: published } : options);
    report.scanned.push(f);
    report.findings.push(...r.findings);
    report.total += r.total;
  }
  return report;
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
  const asLatin1 = scanFileText(file, withoutZeros.toString("latin1"), options);
  // a finding of both readings is reported once (the total counts the Latin-1 reading's extra findings shown)
  const seen = new Set(asUtf8.findings.map((x) => `${x.location}\u0000${x.rule}\u0000${x.value}`));
  const extra = asLatin1.findings.filter((x) => !seen.has(`${x.location}\u0000${x.rule}\u0000${x.value}`));
  return { findings: [notText, ...asUtf8.findings, ...extra], total: 1 + asUtf8.total + extra.length };
}

/**
 * In a data-package folder (datapackage.json + catalogue.csv): the indicators whose counts come from official
 * publications (catalogue source not starting with "pilot:"); undefined for other folders.
 * @example
 * publishedIndicatorsOf("out/official")?.has("cin_rate_per_10k") // true for an imported official package
 */
export function publishedIndicatorsOf(dir: string): ReadonlySet<string> | undefined {
  const catalogue = path.join(dir, "catalogue.csv");
  if (!fs.existsSync(path.join(dir, "datapackage.json")) || !fs.existsSync(catalogue)) return undefined;
  try {
    const bytes = fs.readFileSync(catalogue);
    // a catalogue that is not UTF-8 exempts nothing: its ids read with U+FFFD could match ids read likewise
    if (!isUtf8(bytes)) return undefined;
    const csv = parseCsv(bytes.toString("utf8"), catalogue);
    const id = csv.header.indexOf("indicator");
    const source = csv.header.indexOf("source");
    if (id < 0 || source < 0) return undefined;
    return new Set(csv.rows.filter((r) => !r[source].trim().toLowerCase().startsWith("pilot:")).map((r) => r[id]));
  } catch {
    return undefined; // an unreadable catalogue gives no exemption
  }
}
