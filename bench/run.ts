/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. Each benchmark prints its own timings and the ratio
 * against a baseline measured in the same run (R, pandas, or a simpler method), never an absolute target
 * baked into a test. Pass names to run a subset: `npm run bench -- stats pilot` (a name matches the files
 * that start with it). With `--json`, the benchmarks' results (bench/results.ts) are merged into
 * bench/results.json: entries of benchmarks run now are replaced, the others kept.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BENCH_RESULTS_ENV, mergeBenchResults, parseBenchResults, type BenchResult } from "./results";

const dir = __dirname;
const args = process.argv.slice(2);
const json = args.includes("--json");
const wanted = args.filter((a) => a !== "--json");
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  console.error(`bench: no benchmark matched ${wanted.join(", ") || "bench/*.bench.ts"}`);
  process.exit(1);
}
const linesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vsw-bench-")), "results.jsonl");
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const env = json ? { ...process.env, [BENCH_RESULTS_ENV]: linesFile } : process.env;
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, f)], { stdio: "inherit", env });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${f} exited with ${r.status}`);
  }
}
if (json) {
  const fresh: BenchResult[] = fs.existsSync(linesFile)
    ? fs.readFileSync(linesFile, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as BenchResult)
    : [];
  const out = path.join(dir, "results.json");
  const previous = fs.existsSync(out) ? parseBenchResults(fs.readFileSync(out, "utf8"), out) : [];
  fs.writeFileSync(out, JSON.stringify(mergeBenchResults(previous, fresh), null, 2) + "\n");
  console.log(`\nbench: ${fresh.length} result(s) merged into ${out} (npm run bench:readme updates the README table)`);
}
fs.rmSync(path.dirname(linesFile), { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
