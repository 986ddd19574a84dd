/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. Each benchmark prints its own timings and the ratio
 * against a baseline measured in the same run (R, pandas, or a simpler method), never an absolute target
 * baked into a test. Pass names to run a subset: `npm run bench -- stats pilot`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const dir = __dirname;
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  console.error(`bench: no benchmark matched ${wanted.join(", ") || "bench/*.bench.ts"}`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, f)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${f} exited with ${r.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
