/**
 * Where the workbench itself lives and which commit it is: the project root (found from this file, in lib/
 * or dist/), the default folder of official data, and git lookups. One place for what the CLI, the results
 * contract and the reproducibility stamp all record.
 */
import { execFileSync } from "node:child_process";
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
    return { ok: true, out: execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim() };
  } catch (e) {
    return { ok: false, why: (e as Error).message.split("\n")[0] };
  }
}
