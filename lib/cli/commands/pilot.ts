import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { decodeCsvBytes, scanCsv } from "../../data/csv";
import { writePackage } from "../../data/package-write";
import { readSmallFile, SIDECAR_MAX_BYTES } from "../../data/small-file";
import { fieldCountProblem } from "../../data/csv-separator-hint";
import type { AreaRow, CatalogueRow, PackageContent } from "../../data/types";
import { DataError, DataErrors, InputError } from "../../errors";
import { DEFAULT_DISCLOSURE_THRESHOLD, MINIMUM_DISCLOSURE_THRESHOLD } from "../../disclosure/suppress-counts";
import { toAreaRow } from "../../synthetic/area-quality";
import { findRecordFiles, importPilotRecordsInParallel, type PilotImport } from "../../pilot/import-pilot";
import type { InstrumentSet } from "../../pilot/instruments";
import { startPilotWorkers } from "../../pilot/tally-parallel";
import { readInstruments } from "../../pilot/instruments";
import { mergePilotRowsCounted, pilotPackageContent, type PilotMergeCounts } from "../../pilot/merge";
import { PSEUDONYM_KEY_ENV, resolvePseudonymKey } from "../../pilot/pseudonymise";
import { descriptorOf, holdOutputFolder, realLocation, refuseOutputAtInput, type OutputKind } from "../../data/output-folder";
import { lockPackage, type PackageLock } from "../../data/package-lock";
import type { CliCommand, CliIO } from "../command";
import { existingInput, inputDirArgument, integerOption, isoDateTimeOption, outputDirOption, positionalCount, thresholdOption, usageError } from "../options";

/** Bytes of the random key a run without --records-out passes on (checked ≥ 16 bytes, never used for a pseudonym written). */
const UNUSED_KEY_BYTES = 32;

/** Most worker threads --workers accepts (more than the cores gains nothing). */
const MAX_WORKERS = 64;

const USAGE = `vital-signs pilot DIR --instruments FILE --out PKG [options]

Turn record-level pilot CSVs (surveys, case-file audits) in DIR into LA-level indicators in a data package.
Respondent ids are never kept or written: each respondent is told apart in memory by a keyed hash of its
id (SipHash-2-4 under a random key made for the run). --records-out writes the records with pseudonyms
(HMAC-SHA256) instead of ids; it needs the pseudonymisation key, from VSW_PSEUDONYM_KEY or --key-file (outside
the repository), or --ephemeral-key given explicitly. A run without --records-out needs no key.

Options:
  --instruments FILE   instrument definitions (JSON): items, scales, positive responses, domains (a key it
                       does not know is an error; "description" and keys starting "_" are comments)
  --out PKG            package folder to write
  --merge-into PKG     add the pilot indicators to this package (its areas, context and outcomes are kept);
                       a wave's periods replace the package's rows of those periods only (earlier waves are
                       kept), and an indicator must keep one definition across waves
  --areas FILE         areas.csv listing the LAs records may use (default: DIR/areas.csv; with --merge-into,
                       the package's areas)
  --key-file FILE      file holding the pseudonymisation key (must be outside any git working tree): text,
                       UTF-8, at least 16 characters, white space at either end ignored; make one with
                       openssl rand -hex 32 > FILE (raw random bytes are refused). Keep it: the same key
                       gives the same pseudonyms in every wave
  --ephemeral-key      use a random key that is not saved (pseudonyms differ between runs)
  --threshold N        suppress groups with 1..N-1 respondents (default ${DEFAULT_DISCLOSURE_THRESHOLD}; at least ${MINIMUM_DISCLOSURE_THRESHOLD}:
                       counts of 1-${MINIMUM_DISCLOSURE_THRESHOLD - 1} are always small, as in DfE's statistics)
  --records-out DIR    also write the pseudonymised record files there (never into an export folder: refused
                       when it is --out, --merge-into or inside them); written last, only when every record is
                       valid, with the six record columns only
  --created DATE       creation timestamp written to datapackage.json (default: now)
  --workers N          worker threads besides the main one reading the records (default: for 16 MB of
                       records or more, one per core the load average leaves idle, at most 3; else 0); the
                       package, and every message, is the same whatever N

Disclosure: each package is controlled on its own. Two runs on the same records with an item defined differently
(another --instruments: positive 4-5, then 5 only) publish two counts of the same respondents whose difference
can be small (25 and 20 of 40: 5 answered 4); check every output meant for publication together
(check-disclosure PKG1 PKG2 ...: rule "differencing") and publish one definition of an item per period. Record
and respondent totals are printed here only, never written: beside the published group sizes a total gives a
suppressed group's size back. Means of two runs or waves difference too: an item's mean of 56 respondents and of 57
(one late answer) give the late answer back as mean × n of one minus mean × n of the other (3.48 of 56 is a total
of 195, 3.46 of 57 one of 197: the answer was 2), even rounded to 2 decimals; check-disclosure compares means as it
compares counts, so publish the means of one run only.`;

/** True when `child` is `parent` or lies inside it (after resolving symbolic links). */
function isSameOrInside(child: string, parent: string): boolean {
  const rel = path.relative(realLocation(parent), realLocation(child));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Why `--records-out` may not be used as given, or null. Record-level files never go into an export package
 * (`--out`, `--merge-into`), and never over the raw input files (DIR).
 */
function recordsOutProblem(recordsOut: string, out: string, dir: string, mergeInto: string | undefined): string | null {
  if (isSameOrInside(recordsOut, out)) return "--records-out must not be --out or a folder inside it (record-level files never go into an export package)";
  if (mergeInto !== undefined && isSameOrInside(recordsOut, mergeInto)) return "--records-out must not be --merge-into or a folder inside it (record-level files never go into a package)";
  if (isSameOrInside(out, recordsOut)) return "--out must not be inside --records-out (the export package would sit among record-level files)";
  if (realLocation(recordsOut) === realLocation(dir)) return "--records-out must not be DIR (the pseudonymised files would overwrite the raw record files)";
  return null;
}

function readAreaRows(file: string): AreaRow[] {
  // strictly UTF-8: an areas file saved as Windows-1252 would have put U+FFFD into LA names (and codes) unseen
  const csv = areasCsv(decodeCsvBytes(readSmallFile(file, SIDECAR_MAX_BYTES, "an areas file (CSV)"), file), file);
  const codeColumn = csv.header.indexOf("la_code");
  if (codeColumn < 0) throw new DataError({ file, row: 0, value: csv.header.join(","), expected: "a column la_code (the LAs the records may use)" });
  // a code listed twice was refused only later, by the tally, as "LA codes must be distinct (got 1)", naming neither
  // the file nor the code (a review); an empty one only when the package was written ("writing package … areas.csv")
  const rowOf = new Map<string, number>();
  const bad = csv.rows.flatMap((c, i) => {
    const row = csv.lines[i];
    if (c[codeColumn].trim() === "") return [new DataError({ file, row, column: "la_code", value: c[codeColumn], expected: "an LA code (a row with other cells but no code)" })];
    const first = rowOf.get(c[codeColumn]);
    if (first === undefined) rowOf.set(c[codeColumn], row);
    return first === undefined ? [] : [new DataError({ file, row, column: "la_code", value: c[codeColumn], expected: `each LA code once (also on row ${first})` })];
  });
  if (bad.length > 0) throw new DataErrors(bad, "areas file");
  return csv.rows.map((c) => {
    const a = toAreaRow(csv.header, c);
    return { ...a, la_name: a.la_name || a.la_code, region_code: a.region_code || "unknown", region_name: a.region_name || "unknown" };
  });
}

/**
 * An areas file's header and rows, with each row's line in the file: blank lines and rows of empty cells (a line an
 * editor or Excel leaves at the end, ",,,,,,") are skipped, as the returns reader skips them; another row with a field
 * count unlike the header's is an error naming its line.
 */
function areasCsv(text: string, file: string): { header: string[]; rows: string[][]; lines: number[] } {
  let header: string[] | undefined;
  const rows: string[][] = [];
  const lines: number[] = [];
  scanCsv(text, file, (record, line) => {
    if (header === undefined) header = record;
    else if (record.some((c) => c.trim() !== "")) {
      if (record.length !== header.length) throw new DataError({ file, row: line, ...fieldCountProblem(record.length, header) });
      rows.push(record);
      lines.push(line);
    }
  });
  if (header === undefined) throw new DataError({ file, row: 0, expected: "a header row" });
  return { header, rows, lines };
}

/** The content of the package to merge into (its reader is loaded only here). */
async function readBasePackage(dir: string): Promise<PackageContent> {
  const { packageContent, readPackage } = await import("../../data/package");
  return packageContent(readPackage(dir));
}

/** The package's record of the run: files, instruments, key source, disclosure control, items without records. */
function pilotProvenance(result: PilotImport, instruments: string, source: string, merged: boolean): Record<string, unknown> {
  const withoutRecords = result.withoutRecords.map((w) => ({ instrument: w.instrument, items: w.items }));
  return {
    files: result.files.map((f) => path.basename(f)),
    instruments: path.basename(instruments),
    // true of this run: a plain run computes no HMAC (respondents are told apart by a per-run SipHash key, never saved)
    pseudonymisation: result.recordFiles.length > 0
      ? `HMAC-SHA256, key from ${source}, in the record files written by --records-out`
      : `none written (no --records-out); respondents told apart in memory by SipHash-2-4 under a random key made for the run`,
    disclosure: { threshold: result.threshold, suppressedEstimates: result.suppressed },
    // items without a record or response: no catalogue row, said here and on the terminal
    // merged, the package keeps what an earlier run gave of them (pilot_earlier_runs): not "without records"
    ...(withoutRecords.length === 0 ? {} : merged ? { without_records_in_this_run: withoutRecords } : { without_records: withoutRecords }),
  };
}

/** What an instrument or items without records mean for the package, in words. */
function withoutRecordsWords(w: PilotImport["withoutRecords"][number], mergedInto: string | undefined): string {
  const what = w.wholeInstrument
    ? `no records of instrument ${w.instrument} (items ${w.items.join(", ")})`
    : `no response to item${w.items.length === 1 ? "" : "s"} ${w.items.join(", ")} of instrument ${w.instrument}`;
  // merged, the package keeps what the earlier run gave of it: "not in the package" had contradicted its rows
  return mergedInto !== undefined
    ? `${what} in this run: nothing of it added; what ${mergedInto} had of it is kept`
    : `${what}: not in the package (no indicator or catalogue rows); give its records to add it`;
}

/** What a pilot run reads besides the records: the instruments, the package merged into (if any) and the LAs. */
interface PilotInputs {
  instruments: InstrumentSet;
  base: PackageContent | null;
  areas: AreaRow[];
}

/** Read the instruments, the package to merge into and the LAs records may use (--areas, the package's, DIR/areas.csv). */
async function readPilotInputs(values: { instruments?: string; "merge-into"?: string; areas?: string }, dir: string): Promise<PilotInputs> {
  const instruments = readInstruments(values.instruments!);
  // the package reader (and arquero, ≈ 0.25 s to load) only when merging: a plain run writes and never reads
  const base = values["merge-into"] ? await readBasePackage(values["merge-into"]) : null;
  let areas: AreaRow[];
  if (values.areas) areas = readAreaRows(values.areas);
  else if (base) areas = [...base.areas];
  else if (fs.existsSync(path.join(dir, "areas.csv"))) areas = readAreaRows(path.join(dir, "areas.csv"));
  else throw new InputError("no list of LAs", "give --areas FILE or --merge-into PKG, or put areas.csv in DIR", dir);
  return { instruments, base, areas };
}

/** The bytes of the CSV files of `dir` (0 when it cannot be listed): how many workers to start before the records are found. */
function csvBytesIn(dir: string): number {
  try {
    return fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith(".csv")).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  } catch {
    return 0; // findRecordFiles names the problem
  }
}

/** The name of the package plain `pilot` writes (a merge keeps its base's). */
const PILOT_PACKAGE_NAME = "pilot-indicators";

/** The options `makePilotPackage` reads as parsed. */
type PilotValues = { instruments?: string; "merge-into"?: string; areas?: string; out?: string; created?: string };

/** Where pilot writes: into `--merge-into` in place, or a folder of its own; locked while it runs either way. */
interface PilotOutput {
  lock: PackageLock;
  /** Whether the package is `--merge-into`'s, rewritten in place. */
  inPlace: boolean;
  /** An earlier run's files in the output folder, removed when not written again. */
  replacing: string[];
}

/** The package plain `pilot` writes: an earlier run's may be replaced, nothing else. */
const PILOT_OUTPUT: OutputKind = {
  command: "pilot",
  packageName: PILOT_PACKAGE_NAME,
  extraFiles: [],
  foreignProvenance: ["own_data", "pilot_earlier_runs"],
  instead: "to add pilot indicators to a package, give it as --merge-into PKG (with --out PKG to write it in place)",
};

/**
 * Refuse an `--out` at DIR (or holding or inside it) and one that holds anything but an earlier pilot run's package;
 * lock the folder written (two merges at once had lost one's indicators; two runs into one `--out`, mixed their files).
 * @throws DataErrors naming the folder and why
 */
function pilotOutput(out: string, dir: string, mergeInto: string | undefined): PilotOutput {
  refuseOutputAtInput(out, [{ what: "DIR", path: dir }]);
  if (mergeInto === undefined) return { ...holdOutputFolder(out, PILOT_OUTPUT), inPlace: false };
  refuseOutputAtInput(mergeInto, [{ what: "DIR", path: dir }]);
  if (realLocation(out) === realLocation(mergeInto)) return { lock: lockPackage(mergeInto, "pilot"), replacing: [], inPlace: true };
  const base = descriptorOf(realLocation(mergeInto));
  const kind: OutputKind = {
    command: "pilot --merge-into",
    packageName: base?.name ?? "",
    extraFiles: [],
    foreignProvenance: (base?.provenance as Record<string, unknown> | undefined)?.own_data === undefined ? ["own_data"] : [],
    requiredProvenance: ["pilot"],
    instead: `write to a new folder, or give --out ${mergeInto} to merge into that package in place`,
  };
  return { ...holdOutputFolder(out, kind), inPlace: false };
}

/** What {@link makePilotPackage} needs besides the options as parsed. */
interface PilotRunOptions {
  key: Buffer;
  source: string;
  threshold: number;
  workers: number | undefined;
  recordsOut: string | undefined;
  output: PilotOutput;
}

/** Read the records, tally them and write the package (and the records, with --records-out). */
async function makePilotPackage(values: PilotValues, dir: string, options: PilotRunOptions, io: CliIO): Promise<{ result: PilotImport; files: string[]; base: PackageContent | null; merge: PilotMergeCounts | null }> {
  // the workers load their modules while this thread reads the instruments and LAs (ended if not used)
  const started = startPilotWorkers(csvBytesIn(dir), options.workers);
  let inputs: PilotInputs, files: string[], result: PilotImport;
  try {
    inputs = await readPilotInputs(values, dir);
    files = findRecordFiles(dir);
    result = await importPilotRecordsInParallel(files, inputs.instruments, inputs.areas.map((a) => a.la_code), {
      key: options.key,
      threshold: options.threshold,
      recordsOut: options.recordsOut,
      // the count decided once, when the workers were started (the tally would decide again from a fresh load average)
      workers: options.workers ?? started.length,
      startedWorkers: started,
      onWorkerFailure: (reason) => io.err(`pilot: a worker thread failed (${reason}); the records were read again on the main thread\n`),
      // the package's indicator rows hold estimates, counts and statuses, not interval limits: the t quantile
      // (@stdlib, ≈ 0.17 s CPU to load) is not needed
      intervals: false,
    });
  } finally {
    for (const w of started) w.end();
  }
  const { base, areas } = inputs;
  // No record or respondent totals here: with the published denominators, a total could give back the
  // size of a suppressed group (secondary disclosure). The totals go to the terminal only.
  const provenance = pilotProvenance(result, values.instruments!, options.source, base !== null);
  const merged = base ? mergePilotRowsCounted(base, result.rows, { provenance }) : null;
  const content = merged
    ? merged.content
    : pilotPackageContent(result.rows, areas, {
        name: PILOT_PACKAGE_NAME,
        title: "Pilot indicators (surveys and case-file audits)",
        created: values.created ?? new Date().toISOString(),
        provenance,
      });
  if (base && values.created) content.created = values.created;
  try {
    writePackage(values.out!, content, { beforeCommit: options.output.lock.beforeCommit, replacing: options.output.replacing });
  } catch (e) {
    // the run fails: leave no record-level file behind
    for (const f of result.recordFiles) fs.rmSync(f, { force: true });
    if (options.recordsOut !== undefined && fs.existsSync(options.recordsOut) && fs.readdirSync(options.recordsOut).length === 0) fs.rmdirSync(options.recordsOut);
    throw e;
  }
  return { result, files, base, merge: merged?.counts ?? null };
}

/**
 * The framework roles the run's indicators take from their items' domains, as `add` gives an own indicator's (the
 * candidate rule and the outcome families read them), with how many of each.
 * @example frameworkRolesWords(rows.catalogue) // "framework (from each item's domain, as add gives them): child-outcome (safety) 2, practice (family-help) 19"
 */
export function frameworkRolesWords(catalogue: readonly CatalogueRow[]): string {
  const counts = new Map<string, number>();
  for (const c of catalogue) {
    const key = `${c.framework_role ?? "no role"} (${c.framework_area ?? "no area"})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return `framework (from each item's domain, as add gives them): ${[...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(", ")}`;
}

/**
 * What a merge did to the rows of this run's indicators: kept (an earlier wave's periods), replaced, added. A second
 * wave had deleted the first wave's rows with only "merged" said (user trial, round 27).
 * @example mergeCountsWords({ kept: 380, keptPeriods: [2023], replaced: 0, added: 420, addedPeriods: [2024] })
 * // "kept 380 rows of 2023 (other periods); added 420 rows of 2024"
 */
export function mergeCountsWords(c: PilotMergeCounts): string {
  const years = (p: readonly number[]) => p.join(", ");
  return [
    ...(c.kept > 0 ? [`kept ${c.kept} rows of ${years(c.keptPeriods)} (other periods)`] : []),
    ...(c.replaced > 0 ? [`replaced ${c.replaced} rows of ${years(c.addedPeriods)}`] : []),
    `added ${c.added} rows of ${years(c.addedPeriods)}`,
  ].join("; ");
}

export const pilotCommand: CliCommand = {
  name: "pilot",
  summary: "Pilot records (surveys, audits) → pseudonymised, validated, LA-level indicators with disclosure control",
  usage: USAGE,
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        instruments: { type: "string" },
        out: { type: "string" },
        "merge-into": { type: "string" },
        areas: { type: "string" },
        "key-file": { type: "string" },
        "ephemeral-key": { type: "boolean", default: false },
        threshold: { type: "string" },
        "records-out": { type: "string" },
        created: { type: "string" },
        workers: { type: "string" },
      },
    });
    const dir = positionals[0];
    if (!dir || !values.instruments || !values.out) return usageError(io, "pilot", "DIR, --instruments and --out are required", USAGE);
    positionalCount(positionals, 1, 1, "one DIR");
    inputDirArgument(dir, "DIR");
    existingInput(values.instruments, "--instruments", "file");
    outputDirOption("--out", values.out);
    isoDateTimeOption("--created", values.created);
    const recordsOut = values["records-out"];
    const problem = recordsOut === undefined ? null : recordsOut === "" ? "--records-out needs a folder" : recordsOutProblem(recordsOut, values.out, dir, values["merge-into"]);
    if (problem) return usageError(io, "pilot", problem, USAGE);
    const threshold = thresholdOption(values.threshold);
    const workers = integerOption("--workers", values.workers, { min: 0, max: MAX_WORKERS });
    // the key makes the pseudonyms of --records-out; a plain run writes none and tells respondents apart by a key of
    // its own (a second read, round 25: plain runs were refused for want of a key they never used). A key given is
    // still read and checked, so a wrong --key-file is said whatever else is asked.
    const keyGiven = recordsOut !== undefined || values["key-file"] !== undefined || values["ephemeral-key"] || process.env[PSEUDONYM_KEY_ENV] !== undefined;
    const { key, source } = keyGiven ? resolvePseudonymKey({ keyFile: values["key-file"], ephemeral: values["ephemeral-key"] }) : { key: randomBytes(UNUSED_KEY_BYTES), source: "none" };
    const output = pilotOutput(values.out, dir, values["merge-into"]);
    if (output.lock.staleNote !== undefined) io.err(`pilot: ${output.lock.staleNote}\n`);
    let made: Awaited<ReturnType<typeof makePilotPackage>>;
    try {
      made = await makePilotPackage(values, dir, { key, source, threshold, workers, recordsOut, output }, io);
    } finally {
      output.lock.release();
    }
    const { result, files, base, merge } = made;
    const las = new Set(result.rows.indicators.map((r) => r.la_code)).size;
    io.out(
      `pilot: ${result.records} records in ${files.length} file(s), ${recordsOut === undefined ? "no pseudonym written (no --records-out), so no key used" : `key from ${source}${source === "ephemeral" ? " (pseudonyms not reproducible)" : ""}`}\n` +
        `  ${result.rows.catalogue.length} indicators for ${las} LAs: ${result.rows.indicators.length} rows, ` +
        `${result.suppressed} suppressed (fewer than ${threshold} respondents; 1–${threshold - 1} positive or non-positive responses, with the mean beside such a share; or a mean that shows so few responses below the top or above the bottom of the scale)\n` +
        `  ${frameworkRolesWords(result.rows.catalogue)}\n` +
        result.withoutRecords.map((w) => `  ${withoutRecordsWords(w, base ? values["merge-into"] : undefined)}\n`).join("") +
        `  wrote ${values.out}${base === null ? "" : output.inPlace ? ` (merged into ${values["merge-into"]} in place)` : ` (merged into a copy of ${values["merge-into"]})`}\n` +
        (merge === null ? "" : `  of these indicators: ${mergeCountsWords(merge)}\n`) +
        (merge === null ? "" : merge.sameLabel.map((x) => `  note: ${x.kept} (kept from an earlier run) and ${x.added} (this run) have one label, "${x.label}": if the item was renamed, give it its earlier id so that the waves make one series\n`).join("")),
    );
    return 0;
  },
};
