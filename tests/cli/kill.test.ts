/**
 * Kill tests: `analyse` and `import` killed with SIGKILL at seeded random moments leave, in their output
 * folder, either the previous outputs or the new ones, complete and consistent — never a mix or a torn file.
 * Bounded: small inputs, a few kill points each (the moments lean towards the end of a run, where the writes are).
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRng } from "../../lib/stats/random";
import { validatePackage } from "../../lib/data/package";
import { finishInterruptedWrites, isCommitJournal } from "../../lib/data/atomic-write";
import { RUN_ID_META } from "../../lib/report/document";
import { analysisExportFiles } from "../../lib/report/analysis-exports";
import type { Results } from "../../lib/vitals/results";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { builtCli } from "../helpers/built-cli";

const ROOT = path.resolve(__dirname, "..", "..");
const DATASET = path.join(ROOT, "datasets", "pilot-synthetic");
const OFFICIAL = path.join(ROOT, "..", "shared", "data", "official");
/** Kill points per command (seeded: a failure replays). */
const KILL_POINTS = 3;
const KILL_SEED = 15;

/**
 * Run the CLI in this process (the runs that set the old outputs up again: the same code, built from the same
 * lib/, and arguments as in a child, without starting Node again); its exit code.
 */
async function runInProcess(args: string[]): Promise<number> {
  return main(args, capture().io);
}

/**
 * Run the CLI in a child process as the kill runs do (the built CLI: tests/helpers/built-cli.ts), for its exit code
 * and how long a whole run takes (the kill moments are chosen within it).
 */
function runCli(args: string[]): { code: number | null; ms: number } {
  const start = Date.now();
  const r = spawnSync(process.execPath, [builtCli(), ...args], { cwd: ROOT, stdio: "ignore" });
  return { code: r.status, ms: Date.now() - start };
}

/**
 * Start the CLI and SIGKILL it: `{ afterMs }` after that many milliseconds; `{ atWriteMs }` that many
 * milliseconds after the first temporary file appears in `watch` (the writes have begun). Resolves, once the
 * process has exited, with how it ended and when it was killed.
 */
function runAndKill(args: string[], when: { afterMs: number } | { atWriteMs: number; watch: string }): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtCli(), ...args], { cwd: ROOT, stdio: "ignore" });
    let poll: NodeJS.Timeout | undefined;
    let timer: NodeJS.Timeout | undefined;
    if ("afterMs" in when) timer = setTimeout(() => child.kill("SIGKILL"), when.afterMs);
    else {
      poll = setInterval(() => {
        let names: string[] = [];
        try {
          names = fs.readdirSync(when.watch);
        } catch {
          return;
        }
        if (names.some((f) => f.includes(".vsw-tmp-"))) {
          clearInterval(poll);
          timer = setTimeout(() => child.kill("SIGKILL"), when.atWriteMs);
        }
      }, 1);
    }
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      const at = "afterMs" in when ? `after ${when.afterMs} ms` : `${when.atWriteMs} ms into the writes`;
      resolve(`${signal ?? `exit ${code}`} ${at}`);
    });
  });
}

/** The kill moment of point k: the first at a random time of the run, the others just after the writes begin. */
function killMoment(k: number, rng: ReturnType<typeof createRng>, fullMs: number, watch: string): { afterMs: number } | { atWriteMs: number; watch: string } {
  if (k === 0) return { afterMs: Math.round(fullMs * (0.3 + 0.7 * rng.nextFloat())) };
  return { atWriteMs: rng.nextInt(WRITE_JITTER_MS), watch };
}
/** Kills aimed at the writes land within this many milliseconds after the first temporary file appears. */
const WRITE_JITTER_MS = 40;

/**
 * Whether the kill fell inside a group's renames: its commit journal is left (lib/data/atomic-write.ts), and the
 * next command that writes into the folder or reads the package completes the group before anything else.
 */
const killedInRenames = (dir: string) => fs.readdirSync(dir).some(isCommitJournal);

/** Regular files of a folder, without our temporary files (a killed run may leave one; the next write removes it). */
const outputsOf = (dir: string) => fs.readdirSync(dir).filter((f) => !f.includes(".vsw-tmp-")).sort();
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");

function analyseState(dir: string): { runId: string; seed: number } {
  assert.deepEqual(outputsOf(dir), ["completeness.csv", "report.html", "results.json", "screen.csv", "verdicts.csv", "vital-signs-tables.xlsx"]);
  const results = JSON.parse(read(dir, "results.json")) as Results & { run_id: string; seed: number };
  // the tables are made from results.json: byte for byte the ones this results.json gives, so of the same run
  for (const f of analysisExportFiles(results)) {
    assert.ok(Buffer.from(f.contents).equals(fs.readFileSync(path.join(dir, f.name))), `${f.name} comes from the same run as results.json`);
  }
  const html = read(dir, "report.html");
  assert.ok(html.endsWith("</html>\n"), "report.html is complete");
  const meta = new RegExp(`<meta name="${RUN_ID_META}" content="([0-9a-f]+)">`).exec(html);
  assert.ok(meta, "report.html carries the run id");
  assert.equal(meta[1], results.run_id, "results.json and report.html come from the same run");
  return { runId: results.run_id, seed: results.seed };
}

describe("kill tests", () => {
  test("analyse killed at random points leaves the old or the new results.json and report.html, complete and of one run", async (t) => {
    const tmp = tempDir("vsw-kill-analyse-");
    const args = (seed: number, out: string) => ["analyse", DATASET, "--outcome", "ofsted_overall", "--seed", String(seed), "--resamples", "50", "--out", out];
    const reference = path.join(tmp, "new");
    const full = runCli(args(2, reference));
    assert.equal(full.code, 0);
    const fresh = analyseState(reference);
    const out = path.join(tmp, "out");
    assert.equal(await runInProcess(args(1, out)), 0);
    const old = analyseState(out);
    assert.notEqual(old.runId, fresh.runId);
    const rng = createRng(KILL_SEED);
    const seen = new Set<string>();
    for (let k = 0; k < KILL_POINTS; k++) {
      const how = await runAndKill(args(2, out), killMoment(k, rng, full.ms, out));
      const inRenames = killedInRenames(out);
      if (inRenames) assert.equal(finishInterruptedWrites(out), 1, `${how}: the killed commit is completed (as the next analyse run does first)`);
      const state = analyseState(out);
      if (inRenames) assert.equal(state.runId, fresh.runId, `${how}: a completed commit gives the new outputs`);
      assert.ok(state.runId === old.runId || state.runId === fresh.runId, `${how}: neither old nor new`);
      seen.add(`${how}: ${state.runId === old.runId ? "old" : "new"}`);
      if (state.runId === fresh.runId) assert.equal(await runInProcess(args(1, out)), 0); // back to the old outputs for the next point
    }
    assert.ok(seen.size > 0);
    t.diagnostic(`outcomes: ${[...seen].join("; ")}`);
  });

  test("import into an existing package killed at random points leaves the old or the new package, valid", { skip: !fs.existsSync(OFFICIAL) && "no official data" }, async (t) => {
    const tmp = tempDir("vsw-kill-import-");
    const lookup = path.join(OFFICIAL, "derived", "la_lookup_dfe_ons_codes.csv");
    const oldArgs = (out: string) => ["import", lookup, path.join(OFFICIAL, "iod2019"), "--out", out, "--created", "2026-01-01T00:00:00Z"];
    const newArgs = (out: string) => ["import", lookup, path.join(OFFICIAL, "iod2019"), path.join(OFFICIAL, "derived", "cla_indicators_la_2011_2016_long.csv"), "--out", out, "--created", "2026-02-02T00:00:00Z"];
    const out = path.join(tmp, "out");
    const full = runCli(newArgs(out));
    assert.equal(full.code, 0);
    const newDescriptor = read(out, "datapackage.json");
    const newLog = read(out, "import-log.json");
    assert.equal(await runInProcess(oldArgs(out)), 0);
    const oldDescriptor = read(out, "datapackage.json");
    const oldLog = read(out, "import-log.json");
    assert.notEqual(oldDescriptor, newDescriptor);
    const rng = createRng(KILL_SEED + 1);
    for (let k = 0; k < KILL_POINTS; k++) {
      const how = await runAndKill(newArgs(out), killMoment(k, rng, full.ms, out));
      const inRenames = killedInRenames(out);
      const v = validatePackage(out); // reading the package first completes a commit the kill interrupted
      assert.deepEqual(v.errors, [], `${how}: the package must validate (every resource matches its sha256)`);
      assert.equal(killedInRenames(out), false, `${how}: no commit journal is left once the package has been read`);
      const descriptor = read(out, "datapackage.json");
      t.diagnostic(`${how}: ${descriptor === oldDescriptor ? "old" : descriptor === newDescriptor ? "new" : "neither"} package${inRenames ? " (killed in the renames, completed on reading)" : ""}`);
      assert.ok(descriptor === oldDescriptor || descriptor === newDescriptor, `${how}: datapackage.json is neither old nor new`);
      if (inRenames) assert.equal(descriptor, newDescriptor, `${how}: a completed commit gives the new package`);
      assert.equal(read(out, "import-log.json"), descriptor === oldDescriptor ? oldLog : newLog, "the import log belongs to the same package");
      if (descriptor === newDescriptor) assert.equal(await runInProcess(oldArgs(out)), 0);
    }
  });
});
