/**
 * Every command that writes a package folder locks it (lib/data/package-lock.ts): `import`, `returns`, `synth`,
 * `pilot` and `add --out` into one folder at once had each renamed its files over the other's, with nothing said
 * (round 24's closing note). Each test holds a first run just before its renames (TEST_WAIT_ENV), runs a second
 * into the same folder, then lets the first finish.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { validatePackage } from "../../lib/data/package";
import { LOCK_FILE, TEST_WAIT_ENV } from "../../lib/data/package-lock";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { builtCli } from "../helpers/built-cli";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { tempFile, writeFixturePackage } from "../data/own-data/fixture";

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDS = path.join(ROOT, "datasets", "pilot-records-synthetic");
const INSTRUMENTS = path.join(RECORDS, "instruments.json");
const LA_DATASET = path.join(ROOT, "datasets", "pilot-synthetic");

/** The DfE–ONS lookup alone: the smallest source folder an import writes a package from. */
const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,",
  "314,E09000021,Kingston upon Thames,E13000002,Outer London,2013,2025,",
].join("\n");

interface Ended {
  code: number | null;
  out: string;
}

/** Run the built CLI in a child process; `ended` is set once it has ended. */
function inChild(args: string[], env: NodeJS.ProcessEnv = {}): { done: Promise<Ended>; ended: () => boolean } {
  let finished = false;
  const done = new Promise<Ended>((resolve) => {
    const child = spawn(process.execPath, [builtCli(), ...args], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => {
      finished = true;
      resolve({ code, out });
    });
  });
  return { done, ended: () => finished };
}

/**
 * Run `args` twice into `out`: the first held just before its renames until the second has run. Returns both runs'
 * results once both have ended (before any assertion: a failing test must not leave the first writing).
 */
async function twoAtOnce(args: string[], out: string): Promise<{ first: Ended; second: Ended; held: boolean; pid: number | undefined }> {
  const go = path.join(tempDir("vsw-output-lock-go-"), "go");
  const first = inChild(args, { [TEST_WAIT_ENV]: go });
  for (let i = 0; i < 1200 && !fs.existsSync(`${go}.waiting`) && !first.ended(); i++) await new Promise((r) => setTimeout(r, 50));
  const held = fs.existsSync(`${go}.waiting`);
  let pid: number | undefined;
  try {
    pid = (JSON.parse(fs.readFileSync(path.join(out, LOCK_FILE), "utf8")) as { pid: number }).pid;
  } catch {
    pid = undefined;
  }
  const second = await inChild(args, { [TEST_WAIT_ENV]: "" }).done;
  fs.writeFileSync(go, "");
  return { first: await first.done, second, held, pid };
}

/** The checks every command's two runs share: the second refused naming the first, the first done, no lock left. */
function assertSecondRefused(r: Awaited<ReturnType<typeof twoAtOnce>>, command: string, out: string): void {
  assert.ok(r.held, `the first ${command} reached its renames: ${r.first.out}`);
  assert.equal(r.second.code, 1, r.second.out);
  assert.match(r.second.out, new RegExp(`another vital-signs run \\(pid ${r.pid}, \`${command}\`, since \\d\\d:\\d\\d\\) is writing .*: wait for it \\(if no vital-signs run is writing it, remove .*\\); nothing was written`));
  assert.equal(r.first.code, 0, r.first.out);
  assert.equal(fs.existsSync(path.join(out, LOCK_FILE)), false, "the lock is gone with the run");
  assert.deepEqual(validatePackage(out).errors, []);
}

test("two imports into one --out at once: the second is refused while the first writes", async () => {
  const src = tempDir("vsw-output-lock-src-");
  fs.writeFileSync(path.join(src, "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  const out = path.join(tempDir("vsw-output-lock-"), "england");
  const r = await twoAtOnce(["import", src, "--out", out, "--created", "2026-01-01T00:00:00Z"], out);
  assertSecondRefused(r, "import", out);
  assert.ok(fs.existsSync(path.join(out, "import-log.json")));
});

test("two returns runs into one --out at once: the second is refused while the first writes", async () => {
  const tmp = tempDir("vsw-output-lock-ret-");
  const dir = path.join(tmp, "in");
  writeSyntheticReturns(dir, { seed: 7, las: [{ la: "E09000002", lookedAfterChildren: 60, cinChildren: 80, careLeaversPerYear: 10 }], firstYear: 2023, lastYear: 2023 });
  const out = path.join(tmp, "out");
  const r = await twoAtOnce(["returns", dir, "--out", out, "--ephemeral-key", "--created", "2026-01-01"], out);
  assertSecondRefused(r, "returns", out);
  assert.ok(fs.existsSync(path.join(out, "intervals.csv")));
});

test("two synths into one --out at once: the second is refused while the first writes", async () => {
  const out = path.join(tempDir("vsw-output-lock-"), "synth");
  const r = await twoAtOnce(["synth", "--seed", "3", "--out", out], out);
  assertSecondRefused(r, "synth", out);
  assert.ok(fs.existsSync(path.join(out, "truth.json")));
});

test("two pilots into one --out at once (no --merge-into): the second is refused while the first writes", async () => {
  const out = path.join(tempDir("vsw-output-lock-"), "pilot");
  const r = await twoAtOnce(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", out, "--ephemeral-key"], out);
  assertSecondRefused(r, "pilot", out);
});

test("two adds into one --out copy at once: the second is refused while the first writes", async () => {
  const pkg = writeFixturePackage();
  const file = tempFile("a.csv", "la_code,period,aaa_pct\nE06000023,2022,50\nE08000013,2022,60\n");
  const out = path.join(tempDir("vsw-output-lock-"), "copy");
  const r = await twoAtOnce(["add", pkg, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce", "--out", out], out);
  assertSecondRefused(r, "add", out);
  assert.match(fs.readFileSync(path.join(out, "catalogue.csv"), "utf8"), /\naaa_pct,/);
});

async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const c = capture();
  const code = await main(args, c.io);
  return { code, err: c.err.join(""), out: c.out.join("") };
}

test("a run refused or failing before it writes leaves no folder of its own behind: the lock's folder is removed with it", async () => {
  const parent = tempDir("vsw-output-lock-");
  const out = path.join(parent, "new", "pkg");
  // an import whose sources hold no lookup fails after the folder was made to hold the lock
  const imp = await run(["import", tempDir("vsw-output-lock-src-"), "--out", out]);
  assert.equal(imp.code, 1);
  assert.deepEqual(fs.readdirSync(parent), [], "new/pkg and new/ are gone again");
  const add = await run(["add", writeFixturePackage(), tempFile("b.csv", "la_code,period,bbb_pct\nE99999999,2022,50\n"), "--unit", "percent", "--polarity", "up", "--domain", "workforce", "--out", out]);
  assert.equal(add.code, 1);
  assert.deepEqual(fs.readdirSync(parent), []);
});

test("a folder locked by another run is refused by synth before anything is written, and the package and the lock are left", async () => {
  const out = path.join(tempDir("vsw-output-lock-"), "pkg");
  fs.cpSync(LA_DATASET, out, { recursive: true });
  const lock = JSON.stringify({ pid: process.pid, host: os.hostname(), command: "synth", started: new Date().toISOString() });
  fs.writeFileSync(path.join(out, LOCK_FILE), lock);
  const before = fs.readFileSync(path.join(out, "datapackage.json"));
  const r = await run(["synth", "--out", out]);
  assert.equal(r.code, 1);
  assert.match(r.err, new RegExp(`another vital-signs run \\(pid ${process.pid}, \`synth\`, since \\d\\d:\\d\\d\\) is writing`));
  assert.ok(fs.readFileSync(path.join(out, "datapackage.json")).equals(before));
  assert.equal(fs.readFileSync(path.join(out, LOCK_FILE), "utf8"), lock);
});

test("pilot --merge-into PKG --out PKG says it merged into PKG in place, not into a copy; a copy is said to be one", async () => {
  const pkg = path.join(tempDir("vsw-output-lock-"), "pkg");
  fs.cpSync(LA_DATASET, pkg, { recursive: true });
  const inPlace = await run(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", pkg, "--out", pkg, "--ephemeral-key"]);
  assert.equal(inPlace.code, 0, inPlace.err);
  assert.match(inPlace.out, new RegExp(`wrote ${pkg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(merged into ${pkg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} in place\\)\\n`));
  assert.doesNotMatch(inPlace.out, /a copy/);
  const copy = path.join(path.dirname(pkg), "copy");
  const copied = await run(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", LA_DATASET, "--out", copy, "--ephemeral-key"]);
  assert.equal(copied.code, 0, copied.err);
  assert.match(copied.out, /\(merged into a copy of .*pilot-synthetic\)\n/);
});

test("an import stopped by Ctrl-C (SIGINT) while it reads leaves no folder holding only its lock", async () => {
  // a second read (round 25): the folder was left with .vital-signs.lock alone, which the next run took as a stale
  // lock of a package that never was. Many source files keep the import reading (awaiting) long enough to be stopped.
  const source = tempDir("vsw-sigint-src-");
  fs.mkdirSync(path.join(source, "derived"));
  fs.writeFileSync(path.join(source, "derived", "la_lookup_dfe_ons_codes.csv"), LOOKUP + "\n");
  for (let k = 0; k < 400; k++) fs.writeFileSync(path.join(source, `notes-${k}.txt`), "x".repeat(50_000));
  const parent = tempDir("vsw-sigint-out-");
  const out = path.join(parent, "new", "pkg");
  const child = spawn(process.execPath, [builtCli(), "import", source, "--out", out], { stdio: "ignore" });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  for (let waited = 0; waited < 20_000 && !fs.existsSync(path.join(out, LOCK_FILE)); waited += 5) await new Promise((r) => setTimeout(r, 5));
  child.kill("SIGINT");
  const end = await ended;
  if (end.code === 0) return; // it finished first: a written package is what it should leave (nothing to test here)
  assert.equal(end.signal ?? end.code, end.signal === null ? 130 : "SIGINT");
  assert.deepEqual(fs.readdirSync(parent), [], "no folder left: the lock released and the folders this run made removed");
});

/**
 * Run the built CLI held just before its renames (TEST_WAIT_ENV), send `signal` while it is held, then let it go.
 * The hold is synchronous, as the whole write is (staging, validation, renames): Node runs the signal's listener
 * (lib/data/package-lock.ts releaseAllAndEnd) only once the write has returned.
 */
async function signalledWhileWriting(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; held: boolean }> {
  const go = path.join(tempDir("vsw-signal-go-"), "go");
  const child = spawn(process.execPath, [builtCli(), ...args], { env: { ...process.env, [TEST_WAIT_ENV]: go }, stdio: "ignore" });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, s) => resolve({ code, signal: s })));
  let exited = false;
  void ended.then(() => (exited = true));
  for (let i = 0; i < 1200 && !fs.existsSync(`${go}.waiting`) && !exited; i++) await new Promise((r) => setTimeout(r, 50));
  const held = fs.existsSync(`${go}.waiting`);
  child.kill(signal);
  await new Promise((r) => setTimeout(r, 300)); // the signal delivered and queued while the write is held
  fs.writeFileSync(go, "");
  return { ...(await ended), held };
}

/** What a folder holds besides a package's files: temporary files, journals, locks, swap leftovers. */
const writeLeftovers = (dir: string) => fs.readdirSync(dir).filter((e) => e.startsWith(".") || /\.(tmp|old)-\d/.test(e));

test("a signal during a synchronous write takes effect after it: the package is whole and new, no lock or temporary file is left", async () => {
  // round 25's closing note: the signal listeners run only after a synchronous write; checked here that a run so
  // stopped never leaves half a package (SIGINT of an import into a new folder; SIGTERM of an add in place)
  const src = tempDir("vsw-signal-src-");
  fs.writeFileSync(path.join(src, "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  const parent = tempDir("vsw-signal-out-");
  const out = path.join(parent, "england");
  const imported = await signalledWhileWriting(["import", src, "--out", out, "--created", "2026-01-01T00:00:00Z"], "SIGINT");
  assert.ok(imported.held, "the import reached its renames");
  assert.deepEqual([imported.code, imported.signal], [null, "SIGINT"], "ended by the signal, once the write was done");
  assert.deepEqual(validatePackage(out).errors, []);
  assert.ok(fs.existsSync(path.join(out, "import-log.json")), "the whole group written, the import log with it");
  assert.deepEqual(writeLeftovers(out), []);
  assert.deepEqual(fs.readdirSync(parent), ["england"], "nothing beside it");

  const pkg = writeFixturePackage();
  const file = tempFile("signal.csv", "la_code,period,sig_pct\nE06000023,2022,50\nE08000013,2022,60\n");
  const added = await signalledWhileWriting(["add", pkg, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], "SIGTERM");
  assert.ok(added.held, "the add reached its renames");
  assert.deepEqual([added.code, added.signal], [null, "SIGTERM"]);
  assert.deepEqual(validatePackage(pkg).errors, []);
  assert.match(fs.readFileSync(path.join(pkg, "catalogue.csv"), "utf8"), /^sig_pct,/m, "the new package is in place");
  assert.deepEqual(writeLeftovers(pkg), [], "no lock, no temporary copy");
  assert.deepEqual(fs.readdirSync(path.dirname(pkg)).filter((e) => e !== path.basename(pkg) && e.startsWith(path.basename(pkg))), [], "no .tmp- or .old- copy beside it");
});
