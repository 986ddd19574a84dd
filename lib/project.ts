/**
 * Where the workbench itself lives and which commit it is: the project root (found from this file, in lib/
 * or dist/), the default folder of official data, and git lookups. One place for what the CLI, the results
 * contract and the reproducibility stamp all record.
 */
import type * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The folder holding the workbench's package.json, found upward from this file (lib/ or dist/).
 * @example
 * path.join(projectRoot(), "datasets", "pilot-synthetic")
 */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string }).name === "vital-signs-workbench") return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`projectRoot: no package.json of vital-signs-workbench above ${__dirname}`);
    dir = up;
  }
}

/**
 * Where official statistics are read when no folder is given: `VSW_OFFICIAL_DATA`, else
 * ../shared/data/official beside the project (the CI layout).
 * @example
 * defaultOfficialDir() // "/work/shared/data/official" in a checkout at /work/main
 */
export function defaultOfficialDir(): string {
  return process.env.VSW_OFFICIAL_DATA ?? path.resolve(projectRoot(), "..", "shared", "data", "official");
}

/**
 * Run `git ARGS` in `cwd`: its trimmed output, or why it failed (not a checkout, no git).
 * @example
 * const head = gitOutput(["rev-parse", "HEAD"], projectRoot());
 * head.ok ? head.out : head.why
 */
export function gitOutput(args: readonly string[], cwd: string): { ok: true; out: string } | { ok: false; why: string } {
  try {
    // loaded here, not with this module: every command loads project.ts (the project root), few ask git (3 ms of start-up)
    const { execFileSync } = require("node:child_process") as typeof childProcess;
    return { ok: true, out: execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim() };
  } catch (e) {
    return { ok: false, why: (e as Error).message.split("\n")[0] };
  }
}

/** The 40-hex (SHA-1) or 64-hex (SHA-256) object name git writes in HEAD and refs. */
const OBJECT_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * The commit of HEAD in the checkout holding `cwd`, as `git rev-parse HEAD` gives it, read from the git
 * files (HEAD, the loose ref, packed-refs; a linked worktree's `commondir`) without starting git, which
 * costs a process spawn of the whole Node heap. Anything this reader does not handle — `GIT_DIR` and the
 * other variables that move the repository ({@link GIT_LOCATION_VARIABLES}), a repository owned by another
 * user (git's safe.directory check), a symbolic ref
 * inside a ref, an unborn branch, no checkout at all — is left to `git rev-parse HEAD` itself, so the
 * answer (and the reason for none) is always git's.
 * @example
 * const head = gitHeadCommit(projectRoot());
 * head.ok ? head.out : head.why // "3f632180…" or "Command failed: git rev-parse HEAD"
 */
export function gitHeadCommit(cwd: string): { ok: true; out: string } | { ok: false; why: string } {
  const fromFiles = headFromGitFiles(cwd);
  return fromFiles === undefined ? gitOutput(["rev-parse", "HEAD"], cwd) : { ok: true, out: fromFiles };
}

/** Environment variables that move git's repository, worktree or refs away from what this reader finds (git(1) "ENVIRONMENT VARIABLES"). */
const GIT_LOCATION_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_NAMESPACE", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"];

/** HEAD's commit read from the files of the repository above `cwd`, or undefined to let git answer. */
function headFromGitFiles(cwd: string): string | undefined {
  if (GIT_LOCATION_VARIABLES.some((k) => process.env[k] !== undefined)) return undefined;
  try {
    const gitDir = findGitDir(path.resolve(cwd));
    if (gitDir === undefined || !ownedByUs(gitDir)) return undefined;
    const head = fs.readFileSync(path.join(gitDir, "HEAD"), "utf8").trim();
    if (OBJECT_NAME.test(head)) return head;
    const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
    if (ref === undefined || ref.split("/").includes("..")) return undefined;
    const commonFile = path.join(gitDir, "commondir");
    const commonDir = fs.existsSync(commonFile) ? path.resolve(gitDir, fs.readFileSync(commonFile, "utf8").trim()) : gitDir;
    return looseRef(gitDir, ref) ?? looseRef(commonDir, ref) ?? packedRef(commonDir, ref);
  } catch {
    // an unreadable or unexpected file: git itself reports what is wrong
    return undefined;
  }
}

/** The git directory of the checkout holding `dir` (`.git` as a folder, or a worktree's `.git` file pointing to it). */
function findGitDir(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const dotGit = path.join(d, ".git");
    if (fs.existsSync(dotGit)) {
      if (fs.statSync(dotGit).isDirectory()) return dotGit;
      const target = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, "utf8"))?.[1]?.trim();
      return target === undefined ? undefined : path.resolve(d, target);
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** False when the repository belongs to another user (git would refuse it unless marked safe). */
function ownedByUs(gitDir: string): boolean {
  return typeof process.getuid !== "function" || fs.statSync(gitDir).uid === process.getuid();
}

function looseRef(dir: string, ref: string): string | undefined {
  const file = path.join(dir, ref);
  if (!fs.existsSync(file)) return undefined;
  const name = fs.readFileSync(file, "utf8").trim();
  return OBJECT_NAME.test(name) ? name : undefined;
}

function packedRef(dir: string, ref: string): string | undefined {
  const file = path.join(dir, "packed-refs");
  if (!fs.existsSync(file)) return undefined;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const [name, refName] = line.split(" ");
    if (refName === ref && OBJECT_NAME.test(name)) return name;
  }
  return undefined;
}
