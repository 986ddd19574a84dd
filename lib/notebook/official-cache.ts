/**
 * `loadOfficial`: the official publications imported once per machine and shared by every notebook and test.
 *
 * Importing the official folder takes seconds; five notebooks and several test suites used to do it each time.
 * The imported package is kept in a cache folder outside the repository (`VSW_CACHE_DIR`, else
 * `<os.tmpdir()>/vsw-cache-<uid>`), one entry per key. The key is a sha256 over
 * - every source file under the folder (its path relative to the folder and the sha256 of its bytes),
 * - the folder's absolute path (the package records each source's path),
 * - the workbench version (package.json) and the sha256 of the importer's own code (`lib/data/**`, so a
 *   changed importer never reads an old import),
 * - the import options that change the package (`created`, `name`, `title`) and the cache format.
 *
 * An entry is written in full to a temporary folder and then renamed into place (rename(2) is atomic), so a
 * reader never sees half an entry. Each entry lists the sha256 of its files; an entry whose files do not
 * match (edited, truncated) or that does not read back is removed and imported again. Processes that ask
 * for the same key at once wait on a lock file so the folder is imported once; a lock left by a process that
 * no longer runs (or older than {@link LOCK_STALE_MS}) is taken over.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as aq from "arquero";
import { importOfficialToPackage, listSourceFiles, type ImportOptions } from "../data/import";
import type { DetectedSource } from "../data/import/detect";
import type { ImportLogEntry } from "../data/import/import-log";
import { readPackage, sha256 } from "../data/package";
import { makeFolders, processIsAlive } from "../data/atomic-write";
import type { DataPackage } from "../data/types";
import { projectRoot } from "../project";

/** Version of the entry layout; bump it when what an entry holds changes. */
export const OFFICIAL_CACHE_FORMAT = 2;
/** `created` of the cached package unless another is asked for (fixed so every run makes the same bytes). */
export const OFFICIAL_CACHE_CREATED = "2026-01-01T00:00:00Z";
/** A lock older than this (ms) is taken to be abandoned: a full import takes ≈ 5 s, 20 s on a loaded machine. */
export const LOCK_STALE_MS = 10 * 60 * 1000;
/**
 * An entry not used for this long (ms) is removed when another is made: every change to the importer's code
 * makes a new entry (≈ 30 MB), and entries of other checkouts on the machine stay while they are in use.
 */
export const ENTRY_UNUSED_MS = 3 * 24 * 60 * 60 * 1000;
/**
 * At most this many entries are kept (the most recently used; ≈ 35 MB each): while the importer is being
 * worked on, each change made a new entry, and 20 of them (700 MB) had built up here within a day.
 */
export const MAX_CACHE_ENTRIES = 6;
/** How often (ms) a process waiting for another's import looks again. */
const LOCK_POLL_MS = 200;
/** The file in an entry listing its key and the sha256 of every other file. */
const MANIFEST = "cache-manifest.json";
/** The file in an entry holding what the importer detected for each source file. */
const DETECTED = "detected.json";
/** The import log written beside the package (as `vital-signs import` writes it). */
const IMPORT_LOG = "import-log.json";
/**
 * The package as `readPackage` loaded (and validated) it when the entry was made: descriptor and every table's
 * columns, serialised with v8. Reading it back takes a fraction of a second where `readPackage` re-parses and
 * re-validates the CSVs (≈ 3 s for the official package on an idle machine of this kind); the CSVs stay beside it
 * for the CLI and for readers of `dir`, and the manifest's sha256 covers both.
 */
const SNAPSHOT = "package.v8";
/** The resources of a package, in DataPackage's order. */
const TABLES = ["areas", "catalogue", "indicators", "context", "outcomes", "benchmarks"] as const;

interface Snapshot {
  descriptor: DataPackage["descriptor"];
  tables: Partial<Record<(typeof TABLES)[number], { names: string[]; columns: unknown[][] }>>;
}

/** Options of {@link loadOfficial}. */
export interface LoadOfficialOptions {
  /** datapackage.json `created`; default {@link OFFICIAL_CACHE_CREATED}. */
  created?: string;
  name?: ImportOptions["name"];
  title?: ImportOptions["title"];
  /** Cache folder; default `VSW_CACHE_DIR`, else `<os.tmpdir()>/vsw-cache-<uid>`. */
  cacheDir?: string;
}

/** The imported official package, read from the cache or imported into it. */
export interface OfficialPackage {
  /** The package, loaded (treat as read-only: it is shared by every caller in this process). */
  pkg: DataPackage;
  /** Folder of the package in the cache: read from it, never write into it. */
  dir: string;
  /** The import log (as in import-log.json). */
  log: readonly ImportLogEntry[];
  /** Every source file with what the importer took it for. */
  detected: readonly DetectedSource[];
  /** The cache key (sha256, hex). */
  key: string;
  /** True when an existing entry was read; false when this call imported the folder. */
  fromCache: boolean;
}

interface Manifest {
  format: number;
  key: string;
  files: Record<string, string>;
}

const inProcess = new Map<string, Promise<OfficialPackage>>();

/** The default cache folder: `VSW_CACHE_DIR`, else a per-user folder under the system's temporary folder. */
export function defaultCacheDir(): string {
  return process.env.VSW_CACHE_DIR ?? path.join(os.tmpdir(), `vsw-cache-${os.userInfo().uid}`);
}

/**
 * Load the official publications in `dir` as an imported package, importing them only when no cached import
 * with the same key exists on this machine (see the module comment for the key and the guarantees).
 * @param dir - the official folder (e.g. `vs.defaultOfficialDir()`)
 * @throws InputError/DataErrors from the import when the folder cannot be imported (nothing is cached then)
 * @example
 * const official = await vs.loadOfficial(vs.defaultOfficialDir());
 * official.pkg.indicators.numRows(); // the package, imported once per machine
 */
export async function loadOfficial(dir: string, options: LoadOfficialOptions = {}): Promise<OfficialPackage> {
  const source = path.resolve(dir);
  const importOptions: ImportOptions = { created: options.created ?? OFFICIAL_CACHE_CREATED };
  if (options.name !== undefined) importOptions.name = options.name;
  if (options.title !== undefined) importOptions.title = options.title;
  const key = officialCacheKey(source, importOptions);
  const cacheDir = path.resolve(options.cacheDir ?? defaultCacheDir());
  const memo = `${cacheDir}\0${key}`;
  let pending = inProcess.get(memo);
  if (!pending) {
    pending = loadOrImport(source, importOptions, key, cacheDir);
    inProcess.set(memo, pending);
    pending.catch(() => inProcess.delete(memo));
  }
  return pending;
}

/**
 * The cache key of an import of `source` with `options`: sha256 over the source files' paths and hashes, the
 * folder, the workbench version, the importer's code and the options (see the module comment).
 * @example
 * officialCacheKey("/work/shared/data/official", { created: "2026-01-01T00:00:00Z" }).length // 64
 */
export function officialCacheKey(source: string, options: ImportOptions): string {
  const root = path.resolve(source);
  const parts: string[] = [`format ${OFFICIAL_CACHE_FORMAT}`, `source ${root}`, `workbench ${workbenchVersion()}`];
  parts.push(`importer ${importerCodeHash()}`);
  parts.push(`options ${JSON.stringify([options.created ?? null, options.name ?? null, options.title ?? null])}`);
  for (const file of listSourceFiles([root])) {
    parts.push(`file ${path.relative(root, file)} ${sha256(fs.readFileSync(file))}`);
  }
  return sha256(parts.join("\n"));
}

function workbenchVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version?: string };
  return manifest.version ?? "unknown";
}

let importerHash: string | undefined;

/**
 * sha256 of the importer's code: every file under lib/data plus lib/errors.ts of the checkout (the same for
 * the TypeScript sources under tsx and for the built dist/, so tests and notebooks share an entry); the
 * built files under dist/data when the sources are absent (an installed package).
 */
function importerCodeHash(): string {
  if (importerHash !== undefined) return importerHash;
  const root = projectRoot();
  const lib = path.join(root, "lib");
  const base = fs.existsSync(path.join(lib, "data")) ? lib : path.resolve(__dirname, "..");
  const files = [...filesUnder(path.join(base, "data")), path.join(base, fs.existsSync(path.join(base, "errors.ts")) ? "errors.ts" : "errors.js")];
  const parts = files.filter((f) => fs.existsSync(f)).map((f) => `${path.relative(base, f)} ${sha256(fs.readFileSync(f))}`);
  importerHash = sha256(parts.join("\n"));
  return importerHash;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

/** Read the entry when it is whole, else import under the lock (another process may be importing already). */
async function loadOrImport(source: string, options: ImportOptions, key: string, cacheDir: string): Promise<OfficialPackage> {
  makeFolders(cacheDir, 0o700);
  const entry = path.join(cacheDir, `official-${key.slice(0, 32)}`);
  const lock = `${entry}.lock`;
  for (;;) {
    const hit = readEntry(entry, key);
    if (hit) return markUsed(hit);
    if (takeLock(lock)) {
      try {
        const again = readEntry(entry, key); // another process may have finished between the read and the lock
        if (again) return again;
        await importIntoCache(source, options, key, entry);
        removeUnusedEntries(cacheDir, entry);
        const made = readEntry(entry, key);
        if (!made) throw new Error(`loadOfficial: the cache entry just written does not read back (${entry})`);
        return { ...made, fromCache: false };
      } finally {
        fs.rmSync(lock, { force: true });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/** Create the lock file (exclusive); take over a lock whose process is gone or which is older than the limit. */
function takeLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  let owner = NaN;
  let age = 0;
  try {
    owner = Number(fs.readFileSync(lock, "utf8"));
    age = Date.now() - fs.statSync(lock).mtimeMs;
  } catch {
    return false; // released meanwhile: look again
  }
  if (age > LOCK_STALE_MS || (Number.isInteger(owner) && owner > 0 && !processIsAlive(owner))) fs.rmSync(lock, { force: true });
  return false;
}

/** Import into a temporary folder beside the entry, list every file's sha256, then rename it into place. */
async function importIntoCache(source: string, options: ImportOptions, key: string, entry: string): Promise<void> {
  const staging = `${entry}.tmp-${process.pid}-${Date.now()}`;
  try {
    const imported = await importOfficialToPackage([source], staging, options);
    fs.writeFileSync(path.join(staging, DETECTED), `${JSON.stringify(imported.detected)}\n`);
    fs.writeFileSync(path.join(staging, SNAPSHOT), v8.serialize(snapshotOf(readPackage(staging))));
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(staging).sort()) files[name] = sha256(fs.readFileSync(path.join(staging, name)));
    const manifest: Manifest = { format: OFFICIAL_CACHE_FORMAT, key, files };
    fs.writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    discard(entry); // a broken entry of the same key (readEntry found it unusable)
    fs.renameSync(staging, entry);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Move an entry out of the way (rename first, so no reader sees it half-deleted), then delete it. */
function discard(entry: string): void {
  if (!fs.existsSync(entry)) return;
  const trash = `${entry}.trash-${process.pid}-${Date.now()}`;
  fs.renameSync(entry, trash);
  fs.rmSync(trash, { recursive: true, force: true });
}

/**
 * The entry's package when its manifest names this key and every listed file has its recorded sha256 and
 * the package reads back; otherwise undefined (and a broken entry is removed, so the caller imports again).
 */
function readEntry(entry: string, key: string): OfficialPackage | undefined {
  if (!fs.existsSync(entry)) return undefined;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(entry, MANIFEST), "utf8")) as Manifest;
    if (manifest.format !== OFFICIAL_CACHE_FORMAT || manifest.key !== key) throw new Error("another key or format");
    const present = fs.readdirSync(entry).filter((n) => n !== MANIFEST).sort();
    if (JSON.stringify(present) !== JSON.stringify(Object.keys(manifest.files).sort())) throw new Error("files added or missing");
    for (const [name, hash] of Object.entries(manifest.files)) {
      if (sha256(fs.readFileSync(path.join(entry, name))) !== hash) throw new Error(`${name} changed`);
    }
    const log = (JSON.parse(fs.readFileSync(path.join(entry, IMPORT_LOG), "utf8")) as { entries: ImportLogEntry[] }).entries;
    const detected = JSON.parse(fs.readFileSync(path.join(entry, DETECTED), "utf8")) as DetectedSource[];
    const pkg = packageOf(v8.deserialize(fs.readFileSync(path.join(entry, SNAPSHOT))) as Snapshot, entry);
    return { pkg, dir: entry, log, detected, key, fromCache: true };
  } catch {
    try {
      discard(entry);
    } catch {
      // another process removed it first
    }
    return undefined;
  }
}

/** The columns of every table of a package read (and validated) by readPackage. */
function snapshotOf(pkg: DataPackage): Snapshot {
  const tables: Snapshot["tables"] = {};
  for (const name of TABLES) {
    const table = pkg[name];
    if (!table) continue;
    const names = table.columnNames();
    tables[name] = { names, columns: names.map((c) => Array.from(table.array(c) as ArrayLike<unknown>)) };
  }
  return { descriptor: pkg.descriptor, tables };
}

/** The DataPackage a snapshot was made from, with `dir` the entry folder (same tables as readPackage gives). */
function packageOf(snapshot: Snapshot, dir: string): DataPackage {
  const table = (name: (typeof TABLES)[number]) => {
    const t = snapshot.tables[name];
    if (!t) return undefined;
    return aq.table(Object.fromEntries(t.names.map((n, k) => [n, t.columns[k]])));
  };
  const required = (name: (typeof TABLES)[number]) => {
    const t = table(name);
    if (!t) throw new Error(`snapshot without ${name}`);
    return t;
  };
  return {
    dir,
    descriptor: snapshot.descriptor,
    areas: required("areas"),
    catalogue: required("catalogue"),
    indicators: required("indicators"),
    context: required("context"),
    outcomes: required("outcomes"),
    benchmarks: table("benchmarks"),
  };
}

/** Record that an entry was used now (its manifest's modification time), so it is not removed as unused. */
function markUsed(hit: OfficialPackage): OfficialPackage {
  const now = new Date();
  try {
    fs.utimesSync(path.join(hit.dir, MANIFEST), now, now);
  } catch {
    // a read-only cache still serves the entry
  }
  return hit;
}

/**
 * Remove the other entries of `cacheDir` not used for {@link ENTRY_UNUSED_MS}, and beyond the
 * {@link MAX_CACHE_ENTRIES} most recently used (counting `keep`, the one just made).
 */
function removeUnusedEntries(cacheDir: string, keep: string): void {
  const others: { entry: string; usedMs: number }[] = [];
  for (const name of fs.readdirSync(cacheDir)) {
    const entry = path.join(cacheDir, name);
    if (!/^official-[0-9a-f]{32}$/.test(name) || entry === keep) continue;
    try {
      others.push({ entry, usedMs: fs.statSync(path.join(entry, MANIFEST)).mtimeMs });
    } catch {
      // no manifest (being removed by another process): leave it
    }
  }
  others.sort((a, b) => b.usedMs - a.usedMs);
  others.forEach(({ entry, usedMs }, rank) => {
    if (rank >= MAX_CACHE_ENTRIES - 1 || Date.now() - usedMs > ENTRY_UNUSED_MS) discard(entry);
  });
}
