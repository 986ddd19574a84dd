/**
 * "National record level" (issue #19): about 400,000 children-in-need episodes a year × 5 collection years of
 * generated record-level rows (one CSV, `la_code,child_id,referral_date,closure_date`, 150 LAs) → LA × year
 * referrals, re-referrals within 12 months and children in need at 31 March.
 *
 * Ours: `tallyCinEpisodeRows` (lib/returns/cin-episode-rows: byte-level streaming, typed columns, counting sort).
 * Side by side, when it is installed: DuckDB (`@duckdb/node-api`, an embedded columnar SQL engine, all cores)
 * running the same definitions in SQL over the same file. DuckDB is not a dependency of the workbench; install it
 * outside the repository (`npm install --prefix /tmp/h-returns-duckdb @duckdb/node-api`) and point
 * `DUCKDB_NODE_API_PREFIX` at that folder (default /tmp/h-returns-duckdb); without it only ours runs.
 *
 * Each engine runs in its own child process, so peak RSS is that engine's alone; the two results are compared
 * count by count. `RETURNS_NATIONAL_SCALE=0.1` runs a tenth of the size.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const SCALE = Number(process.env.RETURNS_NATIONAL_SCALE ?? "1");
const SPEC = { seed: 19, las: 150, referralsPerYear: Math.round(400_000 * SCALE), firstYear: 2019, lastYear: 2023 };
const DUCKDB_PREFIX = process.env.DUCKDB_NODE_API_PREFIX ?? "/tmp/h-returns-duckdb";

interface Row {
  laCode: string;
  period: number;
  referrals: number;
  rereferrals: number;
  childrenInNeed31March: number;
}
interface Measured {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  rows: Row[];
}

function measure<T>(run: () => T | Promise<T>): Promise<{ value: T; wallS: number; cpuS: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return Promise.resolve(run()).then((value) => {
    const cpu = process.cpuUsage(cpu0);
    return { value, wallS: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 };
  });
}

/** The same definitions as cinCounts / tallyCinEpisodeRows, in SQL. Years run 1 April–31 March. */
function duckdbSql(file: string): string {
  const years = Array.from({ length: SPEC.lastYear - SPEC.firstYear + 1 }, (_, i) => SPEC.firstYear + i);
  return `
    WITH e AS (
      SELECT la_code, child_id, referral_date AS d, closure_date AS c
      FROM read_csv('${file.replace(/'/g, "''")}', header = true,
        columns = {'la_code': 'VARCHAR', 'child_id': 'VARCHAR', 'referral_date': 'DATE', 'closure_date': 'DATE'})
    ),
    r AS (SELECT DISTINCT la_code, child_id, d FROM e),
    l AS (
      SELECT la_code, d, d - lag(d) OVER (PARTITION BY la_code, child_id ORDER BY d) AS gap,
        CASE WHEN month(d) >= 4 THEN year(d) + 1 ELSE year(d) END AS period
      FROM r
    ),
    counts AS (
      SELECT la_code, period, count(*) AS referrals, count(*) FILTER (WHERE gap BETWEEN 1 AND 365) AS rereferrals
      FROM l GROUP BY la_code, period
    ),
    y AS (SELECT unnest([${years.join(", ")}]) AS period),
    open AS (
      SELECT e.la_code, y.period, count(DISTINCT e.child_id) AS open_children
      FROM e JOIN y ON e.d <= make_date(y.period, 3, 31) AND (e.c IS NULL OR e.c > make_date(y.period, 3, 31))
      GROUP BY e.la_code, y.period
    )
    SELECT counts.la_code, counts.period, counts.referrals, counts.rereferrals, coalesce(open.open_children, 0) AS open_children
    FROM counts LEFT JOIN open USING (la_code, period)
    ORDER BY counts.la_code, counts.period`;
}

async function runEngine(engine: string, file: string): Promise<void> {
  if (engine === "ours") {
    const { tallyCinEpisodeRows } = require("../lib/returns/cin-episode-rows") as typeof import("../lib/returns/cin-episode-rows");
    const m = await measure(() => tallyCinEpisodeRows(file));
    const rows = m.value.map(({ laCode, period, referrals, rereferrals, childrenInNeed31March }) => ({ laCode, period, referrals, rereferrals, childrenInNeed31March }));
    report({ wallS: m.wallS, cpuS: m.cpuS, peakRssMb: process.resourceUsage().maxRSS / 1024, rows });
    return;
  }
  const api = require(require.resolve("@duckdb/node-api", { paths: [DUCKDB_PREFIX] }));
  const m = await measure(async () => {
    const instance = await api.DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(duckdbSql(file));
    return reader.getRowObjects() as Record<string, unknown>[];
  });
  const rows = m.value.map((r) => ({
    laCode: String(r.la_code),
    period: Number(r.period),
    referrals: Number(r.referrals),
    rereferrals: Number(r.rereferrals),
    childrenInNeed31March: Number(r.open_children),
  }));
  report({ wallS: m.wallS, cpuS: m.cpuS, peakRssMb: process.resourceUsage().maxRSS / 1024, rows });
}

function report(m: Measured): void {
  process.stdout.write(`RESULT ${JSON.stringify(m)}\n`);
}

function child(args: string[]): Measured | null {
  const r = spawnSync(process.execPath, ["--import", "tsx", __filename, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    console.error(r.stderr.slice(-2000));
    return null;
  }
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  return line ? (JSON.parse(line.slice(7)) as Measured) : null;
}

function duckdbInstalled(): boolean {
  try {
    require.resolve("@duckdb/node-api", { paths: [DUCKDB_PREFIX] });
    return true;
  } catch {
    return false;
  }
}

function differences(a: Row[], b: Row[]): number {
  const key = (r: Row) => `${r.laCode}|${r.period}`;
  const other = new Map(b.map((r) => [key(r), r]));
  let n = Math.abs(a.length - b.length);
  for (const r of a) {
    const o = other.get(key(r));
    if (!o || o.referrals !== r.referrals || o.rereferrals !== r.rereferrals || o.childrenInNeed31March !== r.childrenInNeed31March) n++;
  }
  return n;
}

async function main(): Promise<void> {
  if (process.argv[2] === "--generate") {
    const { writeSyntheticCinEpisodes } = require("../lib/synthetic/returns-episodes") as typeof import("../lib/synthetic/returns-episodes");
    process.stdout.write(`RESULT ${writeSyntheticCinEpisodes(process.argv[3], SPEC)}\n`);
    return;
  }
  if (process.argv[2] === "--engine") return runEngine(process.argv[3], process.argv[4]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-bench-national-"));
  try {
    const file = path.join(dir, "cin_episodes.csv");
    const t0 = Date.now();
    const gen = spawnSync(process.execPath, ["--import", "tsx", __filename, "--generate", file], { encoding: "utf8" });
    if (gen.status !== 0) throw new Error(`returns-national bench: generating the rows failed\n${gen.stderr}`);
    const rows = Number(gen.stdout.split("RESULT ")[1]);
    console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${rows} CIN episodes, ${SPEC.las} LAs, ${SPEC.firstYear}–${SPEC.lastYear}, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);
    const ours = child(["--engine", "ours", file]);
    if (!ours) throw new Error("returns-national bench: tallyCinEpisodeRows failed");
    const line = (name: string, m: Measured) => `${name}: ${m.wallS.toFixed(2)} s wall, ${m.cpuS.toFixed(2)} s CPU, peak RSS ${m.peakRssMb.toFixed(0)} MB`;
    console.log(`${line("tallyCinEpisodeRows", ours)}; ${ours.rows.length} LA × year rows`);
    if (!duckdbInstalled()) {
      console.log(`DuckDB: not installed under ${DUCKDB_PREFIX} (skipped; see the header of this file)`);
      return;
    }
    const duck = child(["--engine", "duckdb", file]);
    if (!duck) throw new Error("returns-national bench: DuckDB failed");
    console.log(`${line("DuckDB (SQL, all cores)", duck)}; ${duck.rows.length} LA × year rows`);
    const diff = differences(ours.rows, duck.rows);
    console.log(`results ${diff === 0 ? "identical" : `DIFFER in ${diff} LA × year rows`}; ours/DuckDB wall ratio ${(ours.wallS / duck.wallS).toFixed(2)}, peak RSS ratio ${(ours.peakRssMb / duck.peakRssMb).toFixed(2)}`);
    if (diff !== 0) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
