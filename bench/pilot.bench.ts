/**
 * Pilot aggregation speed: 1,000,000 survey records → LA-level indicators, against pandas doing the same
 * aggregation in the same run (Debian's python3-pandas, /usr/bin/python3).
 *
 * Ours: read the file, validate every row (schema, LA, item, scale, duplicates) and count in one byte-level
 * pass (tallyPilotRecords), then estimate every indicator with its interval and suppression
 * (estimatePilotIndicators). pandas: read_csv, drop blanks, mark positive responses and scores by a merge with
 * the instrument table, groupby (LA, period, instrument, item) → n, positive, mean, sd. pandas does no
 * validation, so the comparison favours it. Best of 3 runs each, wall and CPU time (CPU is steadier on a busy
 * machine; ours includes V8's GC and compiler threads); the two results are checked to agree. The file is
 * written by a child process first, so that generating it leaves no garbage for our timed runs to collect.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { estimatePilotIndicators } from "../lib/pilot/indicators";
import { listItems } from "../lib/pilot/instruments";
import { pseudonymise } from "../lib/pilot/pseudonymise";
import { RECORD_HEADER } from "../lib/pilot/records";
import { syntheticInstruments } from "../lib/synthetic/pilot-records";
import { tallyPilotRecords } from "../lib/pilot/tally-records";
import { createRng } from "../lib/stats/random";

const RECORDS = 1_000_000;
const LAS = 150;
const RUNS = 3;
const SEED = 7;

const set = syntheticInstruments();
const items = listItems(set);
const codes = Array.from({ length: LAS }, (_, i) => `E069${String(i + 1).padStart(5, "0")}`);

/** Write the records file: respondents answer every item of one instrument; 3% blanks. */
function generate(file: string): void {
  const key = Buffer.from("bench-key-not-a-secret-0123456789");
  const rng = createRng(SEED);
  const lines: string[] = [RECORD_HEADER];
  let r = 0;
  let n = 0;
  while (n < RECORDS) {
    const ins = set.instruments[r % set.instruments.length];
    const la = codes[rng.nextInt(LAS)];
    const id = pseudonymise(`R${r}`, key);
    for (const item of ins.items) {
      if (n >= RECORDS) break;
      const scale = items.find((x) => x.item === item)!.scale;
      const response = rng.nextFloat() < 0.03 ? "" : scale.responses[rng.nextInt(scale.responses.length)];
      lines.push(`${id},${la},2023,${ins.id},${item.id},${response}`);
      n++;
    }
    r++;
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

// The file is generated in a child process, so that its garbage does not land on our timed runs.
if (process.argv[2] === "--generate") {
  generate(process.argv[3]);
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-pilot-bench-"));
const file = path.join(dir, "records.csv");
const gen = spawnSync(process.execPath, ["--import", "tsx", __filename, "--generate", file], { stdio: "inherit" });
if (gen.status !== 0) {
  console.error("pilot bench: generating the records file failed");
  process.exit(1);
}
const mb = fs.statSync(file).size / 1e6;

// ours
const times: number[] = [];
const cpuTimes: number[] = [];
let ours = { n: 0, positive: 0, rows: 0 };
for (let k = 0; k < RUNS; k++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const tally = tallyPilotRecords([{ file, bytes: fs.readFileSync(file) }], set, codes);
  const est = estimatePilotIndicators(tally);
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  const cpu = process.cpuUsage(c0);
  cpuTimes.push((cpu.user + cpu.system) / 1e6);
  const shares = est.filter((e) => e.kind === "share_positive" && e.status === "");
  ours = { n: shares.reduce((s, e) => s + e.respondents, 0), positive: shares.reduce((s, e) => s + e.positive, 0), rows: est.length };
}
const oursBest = Math.min(...times);
const oursCpu = Math.min(...cpuTimes);

// pandas, same aggregation
const itemTable = items.map((r) => ({
  instrument: r.instrument.id,
  item: r.item.id,
  responses: r.scale.responses,
  positive: r.item.positive,
  scores: r.scale.scores,
}));
const py = `
import json, sys, time
import pandas as pd
file, items, runs = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
lookup = pd.DataFrame([
    {"instrument": it["instrument"], "item": it["item"], "response": r,
     "positive": r in it["positive"], "score": (it["scores"][i] if it["scores"] else float("nan"))}
    for it in items for i, r in enumerate(it["responses"])])
best = float("inf")
best_cpu = float("inf")
for _ in range(runs):
    t0 = time.perf_counter()
    c0 = time.process_time()
    df = pd.read_csv(file, dtype=str, keep_default_na=False)
    df = df[df["response"] != ""]
    df = df.merge(lookup, on=["instrument", "item", "response"], how="left")
    g = df.groupby(["la_code", "period", "instrument", "item"], sort=True).agg(
        n=("positive", "size"), positive=("positive", "sum"), mean=("score", "mean"), sd=("score", "std"))
    best = min(best, time.perf_counter() - t0)
    best_cpu = min(best_cpu, time.process_time() - c0)
print(json.dumps({"seconds": best, "cpu": best_cpu, "n": int(g["n"].sum()), "positive": int(g["positive"].sum()), "groups": len(g), "pandas": pd.__version__}))
`;
const res = spawnSync("/usr/bin/python3", ["-c", py, file, JSON.stringify(itemTable), String(RUNS)], { encoding: "utf8", maxBuffer: 1 << 24 });
fs.rmSync(dir, { recursive: true, force: true });
if (res.status !== 0) {
  console.error(`pandas run failed:\n${res.stderr}`);
  process.exit(1);
}
const pandas = JSON.parse(res.stdout.trim()) as { seconds: number; cpu: number; n: number; positive: number; groups: number; pandas: string };

const load = os.loadavg()[0];
console.log(`pilot aggregation: ${RECORDS.toLocaleString("en-GB")} records (${mb.toFixed(1)} MB CSV), ${LAS} LAs, ${items.length} items; best of ${RUNS}; load average ${load.toFixed(1)} on ${os.cpus().length} CPUs`);
console.log(`  ours (read + validate every row + count + Wilson/t estimates + suppression): ${oursBest.toFixed(3)} s wall, ${oursCpu.toFixed(3)} s CPU  [wall runs ${times.map((t) => t.toFixed(3)).join(", ")}]`);
console.log(`  pandas ${pandas.pandas} (read_csv + merge + groupby, no validation):            ${pandas.seconds.toFixed(3)} s wall, ${pandas.cpu.toFixed(3)} s CPU`);
console.log(`  ratio pandas / ours: ${(pandas.seconds / oursBest).toFixed(2)}× wall, ${(pandas.cpu / oursCpu).toFixed(2)}× CPU (> 1: ours is faster; CPU time is the fairer measure on a busy machine)`);
const agree = pandas.n === ours.n && pandas.positive === ours.positive;
console.log(`  results agree: ${agree ? "yes" : "NO"} (answered ${ours.n} vs ${pandas.n}, positive ${ours.positive} vs ${pandas.positive}; ${ours.rows} indicator rows)`);
if (!agree) process.exit(1);
