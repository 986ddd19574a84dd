import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { LOCK_FILE, TEST_WAIT_ENV } from "../../lib/data/package-lock";
import { builtCli } from "../helpers/built-cli";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";
import { tempFile } from "../data/own-data/fixture";

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDS = path.join(ROOT, "datasets", "pilot-records-synthetic");
const INSTRUMENTS = path.join(RECORDS, "instruments.json");
const LA_DATASET = path.join(ROOT, "datasets", "pilot-synthetic");

/** Every file of `dir` with its bytes, to show a refused run changed nothing. */
function snapshot(dir: string): Map<string, string> {
  return new Map(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString("base64")]));
}

async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const c = capture();
  const code = await main(args, c.io);
  return { code, err: c.err.join(""), out: c.out.join("") };
}

/** A copy of the synthetic package with an own indicator added (an analyst's package, as the review's). */
async function packageWithOwnData(): Promise<string> {
  const dir = path.join(tempDir("vsw-output-"), "pkg");
  fs.cpSync(LA_DATASET, dir, { recursive: true });
  const own = tempFile("own.csv", "la_code,period,own_visits_pct\nE06900001,2023,40\nE06900002,2023,55\n");
  const r = await run(["add", dir, own, "--unit", "percent", "--polarity", "up", "--domain", "workforce"]);
  assert.equal(r.code, 0, r.err);
  return dir;
}

test("pilot --out over a package with own data is refused, names --merge-into, and changes nothing (review H19)", async () => {
  const pkg = await packageWithOwnData();
  const before = snapshot(pkg);
  const r = await run(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", pkg, "--ephemeral-key"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /holds the package "pilot-synthetic" with indicators of your own \(added by `add`\), which writing there would replace; to add pilot indicators to a package, give it as --merge-into PKG/);
  assert.deepEqual(snapshot(pkg), before);
});

test("synth and import over another command's package are refused; returns over files that are no package too", async () => {
  const pkg = await packageWithOwnData();
  const synth = await run(["synth", "--out", pkg]);
  assert.equal(synth.code, 1);
  assert.match(synth.err, /the package an earlier `synth` wrote there: this folder holds the package "pilot-synthetic" with indicators of your own/);
  const src = tempDir("vsw-output-src-");
  const imp = await run(["import", src, "--out", LA_DATASET]);
  assert.equal(imp.code, 1);
  assert.match(imp.err, /an earlier `import` wrote there: this folder holds another package, "pilot-synthetic"/);
  const notes = tempDir("vsw-output-notes-");
  fs.writeFileSync(path.join(notes, "thesis.docx"), "mine");
  const ret = await run(["returns", tempDir("vsw-output-ret-"), "--out", notes, "--ephemeral-key"]);
  assert.equal(ret.code, 1);
  assert.match(ret.err, /got "thesis\.docx", .*holds files but no data package/);
  assert.deepEqual([...snapshot(notes).keys()], ["thesis.docx"]);
});

test("an earlier run's package is replaced, and its resources the new descriptor does not list are removed", async () => {
  const out = path.join(tempDir("vsw-output-"), "synth");
  assert.equal((await run(["synth", "--out", out])).code, 0);
  // an earlier run's package that listed one more resource (as an older version's could): it goes with the rewrite
  const descriptorFile = path.join(out, "datapackage.json");
  const descriptor = JSON.parse(fs.readFileSync(descriptorFile, "utf8"));
  const outcomes = descriptor.resources.find((r: { name: string }) => r.name === "outcomes");
  descriptor.resources.push({ ...outcomes, name: "benchmarks", path: "benchmarks.csv" });
  fs.writeFileSync(descriptorFile, JSON.stringify(descriptor));
  fs.copyFileSync(path.join(out, "outcomes.csv"), path.join(out, "benchmarks.csv"));
  const again = await run(["synth", "--out", out]);
  assert.equal(again.code, 0, again.err);
  assert.equal(fs.existsSync(path.join(out, "benchmarks.csv")), false, "the stale resource is removed");
  assert.deepEqual(fs.readdirSync(out).sort(), fs.readdirSync(LA_DATASET).sort());
  assert.equal(fs.readFileSync(descriptorFile, "utf8"), fs.readFileSync(path.join(LA_DATASET, "datapackage.json"), "utf8"));
});

test("--out at, inside or holding the input folder is refused for pilot, returns and import, before anything is read (review H15)", async () => {
  const records = path.join(tempDir("vsw-output-"), "records");
  fs.cpSync(RECORDS, records, { recursive: true });
  const before = snapshot(records);
  for (const out of [records, path.join(records, "sub"), path.dirname(records)]) {
    const r = await run(["pilot", records, "--instruments", path.join(records, "instruments.json"), "--out", out, "--ephemeral-key"]);
    assert.equal(r.code, 1, out);
    assert.match(r.err, /expected a folder of its own for the package, apart from DIR: this one (is|is inside|holds) DIR/);
  }
  assert.deepEqual(snapshot(records), before);
  const returns = tempDir("vsw-output-ret-");
  fs.mkdirSync(path.join(returns, "E06000001", "2023"), { recursive: true });
  for (const out of [returns, path.join(returns, "E06000001", "2023")]) {
    const r = await run(["returns", returns, "--out", out, "--ephemeral-key"]);
    assert.equal(r.code, 1, out);
    assert.match(r.err, /apart from DIR: this one (is|is inside) DIR/);
  }
  const src = tempDir("vsw-output-src-");
  fs.symlinkSync(src, path.join(os.tmpdir(), path.basename(src) + "-link"));
  try {
    const r = await run(["import", src, "--out", path.join(os.tmpdir(), path.basename(src) + "-link", "pkg")]);
    assert.equal(r.code, 1);
    assert.match(r.err, /apart from SRC .*: this one is inside SRC/);
  } finally {
    fs.rmSync(path.join(os.tmpdir(), path.basename(src) + "-link"));
  }
  assert.deepEqual(fs.readdirSync(src), []);
});

test("pilot --merge-into PKG --out PKG is refused while another run holds PKG's lock, and leaves no lock of its own", async () => {
  const pkg = path.join(tempDir("vsw-output-"), "pkg");
  fs.cpSync(LA_DATASET, pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, LOCK_FILE), JSON.stringify({ pid: process.pid, host: os.hostname(), command: "add", started: new Date().toISOString() }));
  const before = snapshot(pkg);
  const r = await run(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", pkg, "--out", pkg, "--ephemeral-key"]);
  assert.equal(r.code, 1);
  assert.match(r.err, new RegExp(`another vital-signs run \\(pid ${process.pid}, \`add\`, since \\d\\d:\\d\\d\\) is writing`));
  assert.deepEqual(snapshot(pkg), before);
  fs.rmSync(path.join(pkg, LOCK_FILE));
  const ok = await run(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", pkg, "--out", pkg, "--ephemeral-key"]);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(fs.existsSync(path.join(pkg, LOCK_FILE)), false);
  // a second merged copy elsewhere may replace the first (an earlier run of the same merge), but not the base
  const copy = path.join(path.dirname(pkg), "copy");
  assert.equal((await run(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", LA_DATASET, "--out", copy, "--ephemeral-key"])).code, 0);
  assert.equal((await run(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", LA_DATASET, "--out", copy, "--ephemeral-key"])).code, 0);
});

test("a key file or instruments file that is a device is refused at its cap, naming the file (review H6)", { skip: !fs.existsSync("/dev/zero") }, async () => {
  const dir = tempDir("vsw-output-dev-");
  fs.symlinkSync("/dev/urandom", path.join(dir, "random.key"));
  fs.symlinkSync("/dev/zero", path.join(dir, "zero.json"));
  const out = path.join(dir, "out");
  const key = await run(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", out, "--key-file", path.join(dir, "random.key")]);
  assert.equal(key.code, 1);
  assert.match(key.err, /random\.key: got "more than 4096 bytes", expected a key file \(one line of text\) of at most 4096 bytes/);
  const instruments = await run(["pilot", RECORDS, "--instruments", path.join(dir, "zero.json"), "--out", out, "--ephemeral-key"]);
  assert.equal(instruments.code, 1);
  assert.match(instruments.err, /zero\.json: got "more than 16777216 bytes", expected an instrument definition file \(JSON\) of at most 16777216 bytes/);
  assert.equal(fs.existsSync(out), false);
});

/** Run the built CLI in a child process, resolving with its exit code and output once it ends. */
function inChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtCli(), ...args], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

test("two pilot --merge-into PKG --out PKG at once: the second is refused while the first writes (review H3)", async () => {
  const pkg = path.join(tempDir("vsw-output-"), "pkg");
  fs.cpSync(LA_DATASET, pkg, { recursive: true });
  const go = path.join(path.dirname(pkg), "go");
  const args = ["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", pkg, "--out", pkg, "--ephemeral-key"];
  // the first waits just before its renames (lib/data/package-lock.ts) until the second has run
  const first = inChild(args, { [TEST_WAIT_ENV]: go });
  for (let i = 0; i < 1200 && !fs.existsSync(`${go}.waiting`); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(fs.existsSync(`${go}.waiting`), "the first pilot reached its renames");
  const second = await inChild(args, { [TEST_WAIT_ENV]: "" });
  fs.writeFileSync(go, "");
  const done = await first; // before any assertion: a failing test must not leave the first writing into its folder
  assert.equal(second.code, 1, second.out);
  assert.match(second.out, /another vital-signs run \(pid \d+, `pilot`, since \d\d:\d\d\) is writing .*: wait for it/);
  assert.equal(done.code, 0, done.out);
  assert.equal(fs.existsSync(path.join(pkg, LOCK_FILE)), false);
  assert.match(fs.readFileSync(path.join(pkg, "catalogue.csv"), "utf8"), /\npilot_/);
});
