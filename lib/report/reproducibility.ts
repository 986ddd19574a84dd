/**
 * The reproducibility stamp (the colophon of an rrtools research compendium): which code, which data and
 * which seed produced a result. Every notebook opens with it and every report ends with it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { sha256 } from "../data/package";
import type { DataPackage } from "../data/types";
import { InputError } from "../errors";
import { gitHeadCommit, gitOutput, projectRoot } from "../project";

export interface ReproducibilityStamp {
  /** The workbench's package name and version (package.json). */
  packageName: string;
  packageVersion: string;
  /** `git rev-parse HEAD` of the checkout, or "unknown (…)" with the reason. */
  gitCommit: string;
  /** True when tracked files differ from the commit; null when unknown. */
  gitDirty: boolean | null;
  /** Name of the data package and the sha256 of its datapackage.json (which holds each resource's sha256). */
  dataName: string;
  dataSha256: string;
  /** Seed of any random step (bootstrap, jitter); null when nothing random was run. */
  seed: number | null;
  node: string;
  /** ISO timestamp of when the stamp was made. */
  createdAt: string;
  /** The package's sources (datapackage.json `sources`): file title, publication and licence where recorded. */
  /** `notImported`: a file of the source folder the import read no value from (its datapackage.json `mapping` says "not imported: …"). */
  sources: { title: string; publication?: string; licence?: string; notImported?: true }[];
  /** The package's licences (datapackage.json `licenses[].name`). */
  licences: string[];
  /** The exact command that produced the output (`vital-signs analyse …`), or null outside the CLI. */
  command: string | null;
}

/** How the official import's datapackage.json `mapping` begins for a file it records but took no value from. */
const NOT_IMPORTED = "not imported";

/**
 * Make the stamp for a loaded package (or a package folder).
 * @param options `seed` (default: the package's `provenance.seed` if it has one, else null), `now` (for
 *   deterministic output in tests).
 * @example
 * reproducibilityStamp(readPackage("../datasets/pilot-synthetic"), { seed: 42 }).dataSha256
 */
export function reproducibilityStamp(
  pkg: DataPackage | string,
  options: { seed?: number | null; now?: Date; command?: string | null } = {},
): ReproducibilityStamp {
  const dir = typeof pkg === "string" ? pkg : pkg.dir;
  const descriptorFile = path.join(dir, "datapackage.json");
  if (!fs.existsSync(descriptorFile)) throw new InputError("reproducibilityStamp", "no datapackage.json in the package folder", dir);
  const bytes = fs.readFileSync(descriptorFile);
  const descriptor = JSON.parse(bytes.toString("utf8")) as {
    name?: string;
    provenance?: { seed?: unknown };
    sources?: { title?: unknown; publication?: unknown; licence?: unknown; mapping?: unknown }[];
    licenses?: { name?: unknown }[];
  };
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const sources = (Array.isArray(descriptor.sources) ? descriptor.sources : []).map((s) => ({
    title: text(s?.title) ?? "(untitled source)",
    ...(text(s?.publication) ? { publication: text(s?.publication) } : {}),
    ...(text(s?.licence) ? { licence: text(s?.licence) } : {}),
    ...(text(s?.mapping)?.startsWith(NOT_IMPORTED) ? { notImported: true as const } : {}),
  }));
  const licences = (Array.isArray(descriptor.licenses) ? descriptor.licenses : []).map((l) => text(l?.name)).filter((l): l is string => l !== undefined);
  const seed =
    options.seed !== undefined ? options.seed : typeof descriptor.provenance?.seed === "number" ? descriptor.provenance.seed : null;
  if (seed !== null && !Number.isInteger(seed)) throw new InputError("reproducibilityStamp", "seed must be an integer or null", seed);
  const root = projectRoot();
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string };
  const head = gitHeadCommit(root);
  const status = head.ok ? gitOutput(["status", "--porcelain", "--untracked-files=no"], root) : head;
  return {
    packageName: manifest.name,
    packageVersion: manifest.version,
    gitCommit: head.ok ? head.out : `unknown (${head.why})`,
    gitDirty: status.ok ? status.out !== "" : null,
    dataName: descriptor.name ?? path.basename(dir),
    dataSha256: sha256(bytes),
    seed,
    node: process.version,
    createdAt: (options.now ?? new Date()).toISOString(),
    sources,
    licences,
    command: options.command ?? null,
  };
}

/** The stamp as label/value rows, for tables. */
export function stampRows(stamp: ReproducibilityStamp): { item: string; value: string }[] {
  return [
    { item: "workbench", value: `${stamp.packageName} ${stamp.packageVersion}` },
    { item: "git commit", value: `${stamp.gitCommit}${stamp.gitDirty ? " (with uncommitted changes)" : ""}` },
    { item: "data", value: stamp.dataName },
    { item: "data sha256 (datapackage.json)", value: stamp.dataSha256 },
    { item: "seed", value: stamp.seed === null ? "none (no random step)" : String(stamp.seed) },
    { item: "node", value: stamp.node },
    { item: "made at", value: stamp.createdAt },
  ];
}

/**
 * The command line as a user would type it again: `vital-signs NAME ARGS…`, each argument quoted for a POSIX
 * shell when it holds anything but safe characters.
 * @example
 * commandLine("analyse", ["my pkg", "--seed", "7"]) // "vital-signs analyse 'my pkg' --seed 7"
 */
export function commandLine(name: string, args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return ["vital-signs", name, ...args].map(quote).join(" ");
}
