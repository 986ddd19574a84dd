/**
 * Pilot aggregation at scale: 1 M, 5 M and 20 M survey records (65 bytes each) → LA-level indicators, the way
 * users run it, against pandas doing the same aggregation (bench/pilot_pandas.py: read_csv + merge + groupby)
 * in the same run.
 *
 * - `pilot-cli-*`: the whole `vital-signs pilot DIR --instruments … --areas … --out …` process (built CLI:
 *   start-up, reading the file in chunks, hashing every id with a key made for the run (SipHash-2-4: the bench's ids,
 *   `ps_` + 16 hex digits, are read as raw ids, with no shortcut), validating every row, counting, Wilson/t
 *   estimates with suppression, writing the package).
 * - `pilot-library-*`: `tallyPilotRecordFiles` + `estimatePilotIndicators` on the built library (ids taken as
 *   already pseudonymised), in its own process; its sums are checked against pandas'.
 * - pandas (1 M and 5 M): the whole `python3 bench/pilot_pandas.py` process; the script also reports the
 *   aggregation alone (after `import pandas`), printed beside it.
 *
 * Each process runs under `/usr/bin/time -v`: `ours_s`, `baseline_s` and `ratio` are CPU seconds (user + system:
 * steadier than wall time on a shared machine), best of 3 runs (least CPU) up to 1 M records, one run above (the
 * large files take a while); `ours_wall_s`, `baseline_wall_s` and `wall_ratio` are wall-clock seconds, the median of
 * the same runs: since `vital-signs pilot` may read its records on several threads (from 16 MB of records, one per
 * core the load average leaves idle, or `--workers N`), its CPU time is the work done and its wall time what a user
 * waits for, and pandas uses one core. Wall time depends on the other work of the machine (and so does whether a
 * worker is used at all): the load average is in the note. Memory is the peak RSS of that process.
 * Sizes: `VSW_BENCH_PILOT_SIZES=1000000,5000000` (default 1 M, 5 M, 20 M); files are generated into the
 * temporary folder and deleted after use. Needs dist/ (`npm run build`).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { listItems, readInstruments } from "../lib/pilot/instruments";
import { pseudonymise } from "../lib/pilot/pseudonymise";
import { RECORD_HEADER } from "../lib/pilot/records";
import { createRng } from "../lib/stats/random";
import { median } from "./median";
import { recordBenchResult } from "./results";

const ROOT = path.resolve(__dirname, "..");
const INSTRUMENTS = path.join(ROOT, "datasets", "pilot-records-synthetic", "instruments.json");
const SIZES = (process.env.VSW_BENCH_PILOT_SIZES ?? "1000000,5000000,20000000").split(",").map(Number);
/** pandas is run up to this size (the brief: 1 M and 5 M; 20 M would need several GB). */
const PANDAS_MAX_RECORDS = 5_000_000;
const LAS = 150;
const SEED = 7;
const CODES = Array.from({ length: LAS }, (_, i) => `E069${String(i + 1).padStart(5, "0")}`);

/** Write `records` survey records: respondents answer every item of one instrument; 3% blanks. */
function generate(file: string, records: number): void {
  const set = readInstruments(INSTRUMENTS);
  const items = listItems(set);
  const key = Buffer.from("bench-key-not-a-secret-0123456789");
  const rng = createRng(SEED);
  const fd = fs.openSync(file, "w");
  let lines: string[] = [RECORD_HEADER];
  for (let r = 0, n = 0; n < records; r++) {
    const ins = set.instruments[r % set.instruments.length];
    const la = CODES[rng.nextInt(LAS)];
    const id = pseudonymise(`R${r}`, key);
    for (const item of ins.items) {
      if (n >= records) break;
      const scale = items.find((x) => x.item === item)!.scale;
      const response = rng.nextFloat() < 0.03 ? "" : scale.responses[rng.nextInt(scale.responses.length)];
      lines.push(`${id},${la},2023,${ins.id},${item.id},${response}`);
      n++;
    }
    if (lines.length >= 100_000) {
      fs.writeSync(fd, lines.join("\n") + "\n");
      lines = [];
    }
  }
  if (lines.length > 0) fs.writeSync(fd, lines.join("\n") + "\n");
  fs.closeSync(fd);
}

interface Timed {
  cpu: number;
  wall: number;
  peakMb: number;
  stdout: string;
  ok: boolean;
  stderr: string;
}

/** Run a command under /usr/bin/time -v: CPU (user + system), wall and peak RSS of that process. */
function timed(cmd: string, args: string[]): Timed {
  const r = spawnSync("/usr/bin/time", ["-v", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const num = (re: RegExp) => Number((re.exec(r.stderr) ?? [])[1] ?? NaN);
  const wallText = (/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(r.stderr) ?? [])[1] ?? "";
  const wall = wallText.split(":").reduce((s, part) => s * 60 + Number(part), 0);
  return {
    cpu: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
    wall,
    peakMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
    stdout: r.stdout,
    ok: r.status === 0,
    stderr: r.stderr,
  };
}

/** Up to this many records each process runs BEST_OF times and the run with the least CPU counts. */
const BEST_OF_UP_TO = 1_000_000;
const BEST_OF = 3;

/** The run with the least CPU time of `runs`, its wall time the median of the runs' (a failed run is returned at once). */
function bestOf(runs: number, run: () => Timed): Timed {
  let best: Timed | null = null;
  const walls: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = run();
    if (!t.ok) return t;
    walls.push(t.wall);
    if (best === null || t.cpu < best.cpu) best = t;
  }
  return { ...best!, wall: median(walls) };
}

const LIBRARY_SCRIPT = `
const [file, instrumentsFile, codes] = process.argv.slice(1);
const { tallyPilotRecordFiles } = require(${JSON.stringify(path.join(ROOT, "dist", "pilot", "tally-records"))});
const { estimatePilotIndicators } = require(${JSON.stringify(path.join(ROOT, "dist", "pilot", "indicators"))});
const { readInstruments } = require(${JSON.stringify(path.join(ROOT, "dist", "pilot", "instruments"))});
const tally = tallyPilotRecordFiles([file], readInstruments(instrumentsFile), codes.split(","));
const est = estimatePilotIndicators(tally);
// answered and positive responses over all groups (suppression only hides estimates; pandas sums every group)
let n = 0, positive = 0;
const nItems = tally.items.length;
for (let g = 0; g < tally.counts.length / tally.maxResponses; g++) {
  const ref = tally.items[g % nItems];
  ref.scale.responses.forEach((code, r) => {
    const c = tally.counts[g * tally.maxResponses + r];
    n += c;
    if (ref.item.positive.includes(code)) positive += c;
  });
}
console.log(JSON.stringify({ n, positive, rows: est.length }));
`;

function benchSize(records: number, tmp: string, itemsFile: string): boolean {
  const dir = path.join(tmp, `records-${records}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, "records.csv");
  const gen = spawnSync(process.execPath, ["--import", "tsx", __filename, "--generate", file, String(records)], { stdio: "inherit" });
  if (gen.status !== 0) throw new Error("pilot bench: generating the records file failed");
  const mb = fs.statSync(file).size / 1e6;
  const areas = path.join(tmp, "areas.csv");
  const label = `${(records / 1e6).toFixed(0)}m`;
  const sizes = { records, las: LAS, mb: Math.round(mb) };
  const out = path.join(tmp, `out-${label}`);
  const runs = records <= BEST_OF_UP_TO ? BEST_OF : 1;
  const cli = bestOf(runs, () => timed(process.execPath, [path.join(ROOT, "bin", "vital-signs.js"), "pilot", dir, "--instruments", INSTRUMENTS, "--areas", areas, "--out", out, "--ephemeral-key", "--created", "2026-01-01T00:00:00Z"]));
  fs.rmSync(out, { recursive: true, force: true });
  const lib = bestOf(runs, () => timed(process.execPath, ["-e", LIBRARY_SCRIPT, file, INSTRUMENTS, CODES.join(",")]));
  const pandas = records <= PANDAS_MAX_RECORDS ? bestOf(runs, () => timed("/usr/bin/python3", [path.join(__dirname, "pilot_pandas.py"), file, itemsFile])) : null;
  fs.rmSync(dir, { recursive: true, force: true });
  if (!cli.ok || !lib.ok) {
    console.error(`pilot bench: ${!cli.ok ? "the CLI" : "the library run"} failed:\n${(!cli.ok ? cli : lib).stderr.slice(-2000)}`);
    return false;
  }
  const ours = JSON.parse(lib.stdout.trim()) as { n: number; positive: number; rows: number };
  const py = pandas?.ok ? (JSON.parse(pandas.stdout.trim().split("\n").pop()!) as { seconds: number; cpu: number; n: number; positive: number; pandas: string }) : null;
  const pandasNote = pandas === null ? `pandas not run above ${PANDAS_MAX_RECORDS.toLocaleString("en-GB")} records` : py === null ? `pandas failed: ${pandas.stderr.trim().split("\n").pop()}` : "";
  const agree = py === null || (py.n === ours.n && py.positive === ours.positive);
  console.log(`${records.toLocaleString("en-GB")} records (${mb.toFixed(0)} MB), ${LAS} LAs; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`);
  console.log(`  vital-signs pilot (whole process): ${cli.cpu.toFixed(2)} s CPU, ${cli.wall.toFixed(2)} s wall, peak RSS ${cli.peakMb.toFixed(0)} MB`);
  console.log(`  library (tallyPilotRecordFiles + estimates, own process): ${lib.cpu.toFixed(2)} s CPU, ${lib.wall.toFixed(2)} s wall, peak RSS ${lib.peakMb.toFixed(0)} MB`);
  if (pandas && py) {
    console.log(`  pandas ${py.pandas} (whole process): ${pandas.cpu.toFixed(2)} s CPU, ${pandas.wall.toFixed(2)} s wall, peak RSS ${pandas.peakMb.toFixed(0)} MB; aggregation alone ${py.cpu.toFixed(2)} s CPU`);
    console.log(`  ratio pandas / ours (CPU): CLI ${(pandas.cpu / cli.cpu).toFixed(2)}×, library ${(pandas.cpu / lib.cpu).toFixed(2)}×; results agree: ${agree ? "yes" : "NO"} (answered ${ours.n} vs ${py.n}, positive ${ours.positive} vs ${py.positive})`);
    console.log(`  ratio pandas / ours (wall): CLI ${(pandas.wall / cli.wall).toFixed(2)}×, library ${(pandas.wall / lib.wall).toFixed(2)}×`);
  } else console.log(`  ${pandasNote}`);
  const baseline = py ? `pandas ${py.pandas} read_csv + merge + groupby (bench/pilot_pandas.py, whole process)` : null;
  const cpuNote = `CPU s (user + system) of the whole process, /usr/bin/time -v, ${runs === 1 ? "one run" : `best of ${runs}`}; wall s ${runs === 1 ? "of that run" : `median of ${runs}`}, load average ${os.loadavg()[0].toFixed(1)}`;
  const wallRatio = (ours: Timed) => (pandas && py ? `, wall ratio ${(pandas.wall / ours.wall).toFixed(2)}×` : "");
  recordBenchResult({
    name: `pilot-cli-${label}`,
    job: "`vital-signs pilot`: read, hash every id with a key, validate every row, count, estimate with suppression, write the package",
    ours_s: cli.cpu,
    ours_wall_s: cli.wall,
    baseline,
    baseline_s: pandas && py ? pandas.cpu : null,
    baseline_wall_s: pandas && py ? pandas.wall : null,
    peak_rss_mb: cli.peakMb,
    sizes,
    note: [cpuNote, `wall ${cli.wall.toFixed(2)} s${wallRatio(cli)}`, py && pandas ? `pandas peak RSS ${pandas.peakMb.toFixed(0)} MB, aggregation alone ${py.cpu.toFixed(2)} s` : pandasNote].filter((s) => s !== "").join("; "),
  });
  recordBenchResult({
    name: `pilot-library-${label}`,
    job: "library: tallyPilotRecordFiles + estimatePilotIndicators (ids already pseudonymised)",
    ours_s: lib.cpu,
    ours_wall_s: lib.wall,
    baseline,
    baseline_s: pandas && py ? pandas.cpu : null,
    baseline_wall_s: pandas && py ? pandas.wall : null,
    peak_rss_mb: lib.peakMb,
    sizes,
    note: [cpuNote, `wall ${lib.wall.toFixed(2)} s${wallRatio(lib)}`, py ? `sums agree with pandas: ${agree ? "yes" : "NO"}` : pandasNote].join("; "),
  });
  return agree;
}

function main(): void {
  if (process.argv[2] === "--generate") {
    generate(process.argv[3], Number(process.argv[4]));
    return;
  }
  if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js"))) {
    console.error("pilot bench: dist/ is missing: run npm run build first");
    process.exit(1);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-pilot-bench-"));
  try {
    fs.writeFileSync(path.join(tmp, "areas.csv"), "la_code\n" + CODES.join("\n") + "\n");
    const items = listItems(readInstruments(INSTRUMENTS)).map((r) => ({ instrument: r.instrument.id, item: r.item.id, responses: r.scale.responses, positive: r.item.positive, scores: r.scale.scores }));
    const itemsFile = path.join(tmp, "items.json");
    fs.writeFileSync(itemsFile, JSON.stringify(items));
    let agree = true;
    for (const records of SIZES) agree = benchSize(records, tmp, itemsFile) && agree;
    if (!agree) process.exitCode = 1; // not exit(): the finally below must remove the files
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
