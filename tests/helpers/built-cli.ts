/**
 * The built CLI (`bin/vital-signs.js`, which runs dist/) for tests that must run the CLI in a child process, e.g.
 * to kill it. Started from dist/ a child took ≈ 0.15 s of CPU before its command ran, against ≈ 1 s through
 * `node --import tsx` (tsx compiles or reads back every lib/ module, and its ESM hooks start a loader thread):
 * kill.test.ts starts eight such children.
 *
 * A child that ran a dist/ older than lib/ would test old code without saying so. `npm test` builds dist/ before the
 * tests and says so with VSW_DIST_BUILT=1 (scripts/test.sh); otherwise (a single file run by hand) `builtCli()` first
 * checks that every lib/*.ts has its dist/*.js and that none is newer than it, so that a run after an edit of lib/
 * fails naming the file to rebuild instead of passing on stale code. `npm test` skips the check because it builds
 * incrementally: tsc then leaves alone the output of a source touched but not changed, which the check would take
 * for stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Every .ts file under `dir` (declaration files excluded), as paths relative to `dir`. */
function sourcesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) return sourcesUnder(dir, relative);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

/**
 * The path of `bin/vital-signs.js`, once dist/ is known to be built from the current lib/ (VSW_DIST_BUILT=1, or
 * every output at least as new as its source); throws naming the first lib/ file whose dist/ output is missing or older.
 *
 * @example
 * spawnSync(process.execPath, [builtCli(), "validate", "datasets/pilot-synthetic"]);
 */
export function builtCli(): string {
  const bin = path.join(ROOT, "bin", "vital-signs.js");
  if (process.env.VSW_DIST_BUILT === "1") return bin;
  const lib = path.join(ROOT, "lib");
  const dist = path.join(ROOT, "dist");
  for (const source of sourcesUnder(lib)) {
    const output = path.join(dist, source.replace(/\.ts$/, ".js"));
    const built = fs.statSync(output, { throwIfNoEntry: false });
    if (!built || built.mtimeMs < fs.statSync(path.join(lib, source)).mtimeMs) {
      throw new Error(`builtCli: dist/ is not built from the current lib/ (${built ? "older" : "missing"}: ${path.relative(ROOT, output)}); run \`npm run build\``);
    }
  }
  return bin;
}
