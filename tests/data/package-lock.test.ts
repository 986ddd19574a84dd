import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LOCK_FILE, lockPackage, TEST_WAIT_ENV } from "../../lib/data/package-lock";
import { DataErrors } from "../../lib/errors";
import { builtCli } from "../helpers/built-cli";
import { tempFile, writeFixturePackage } from "./own-data/fixture";

/** The id of a process that has ended (a child started and waited for). */
function endedPid(): number {
  const r = spawnSync(process.execPath, ["-e", "0"]);
  assert.equal(r.status, 0);
  return r.pid!;
}

function writeLock(dir: string, owner: { pid: number; host?: string; command?: string; started?: string }): void {
  fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ host: os.hostname(), command: "add", started: new Date().toISOString(), ...owner }));
}

test("a package locked by a running process is refused, naming its pid, command and start; the lock is released after", () => {
  const dir = writeFixturePackage();
  const lock = lockPackage(dir, "add");
  assert.equal(lock.staleNote, undefined);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).pid, process.pid);
  assert.throws(() => lockPackage(dir, "pilot"), (e: DataErrors) => {
    assert.match(e.errors[0].message, new RegExp(`another vital-signs run \\(pid ${process.pid}, \`add\`, since \\d\\d:\\d\\d\\) is writing ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: wait for it \\(if no vital-signs run is writing it, remove .*\\.vital-signs\\.lock\\); nothing was written`));
    return true;
  });
  lock.release();
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false);
  lockPackage(dir, "add").release();
});

test("a lock whose process no longer runs on this host is stale: said so and taken", () => {
  const dir = writeFixturePackage();
  const pid = endedPid();
  writeLock(dir, { pid });
  const lock = lockPackage(dir, "add");
  assert.match(lock.staleNote!, new RegExp(`a stale lock of a run that no longer runs \\(pid ${pid}, \`add\`, since \\d\\d:\\d\\d\\) was found in .* and taken`));
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).pid, process.pid);
  lock.release();
});

test("a stale lock is taken over by one run at a time: while another holds the takeover, a run is refused and the lock left as it was", () => {
  // two runs finding one stale lock at once had both written: the second removed the first's new lock (a last review)
  const dir = writeFixturePackage();
  const pid = endedPid();
  writeLock(dir, { pid });
  const lockFile = path.join(dir, LOCK_FILE);
  const before = fs.readFileSync(lockFile, "utf8");
  fs.mkdirSync(`${lockFile}.takeover`);
  assert.throws(() => lockPackage(dir, "add"), /another run is taking over its stale lock at this moment; wait for it \(if no vital-signs run is, remove .*\.vital-signs\.lock\.takeover\)/);
  assert.equal(fs.readFileSync(lockFile, "utf8"), before, "the stale lock is untouched");
  fs.rmdirSync(`${lockFile}.takeover`);
  const lock = lockPackage(dir, "add");
  assert.equal(fs.existsSync(`${lockFile}.takeover`), false, "the takeover folder is removed once the lock is taken");
  lock.release();
});

test("a lock of another host is not taken (its process cannot be checked), and an unreadable one is not either", () => {
  const dir = writeFixturePackage();
  writeLock(dir, { pid: endedPid(), host: "elsewhere.example" });
  assert.throws(() => lockPackage(dir, "add"), /pid \d+ on elsewhere\.example, `add`.*cannot be checked from here: if none is running, remove .*\.vital-signs\.lock/);
  fs.writeFileSync(path.join(dir, LOCK_FILE), "");
  assert.throws(() => lockPackage(dir, "add"), /its lock file is there but cannot be read/);
  assert.equal(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8"), "", "a lock not taken is left as it was");
});

test("release leaves a lock that is not this one's; checkUnchanged refuses a datapackage.json changed since the lock", () => {
  const dir = writeFixturePackage();
  const lock = lockPackage(dir, "add");
  lock.checkUnchanged();
  const descriptor = path.join(dir, "datapackage.json");
  fs.writeFileSync(descriptor, fs.readFileSync(descriptor, "utf8").replace("Own-data fixture", "Own-data fixture, edited"));
  assert.throws(() => lock.checkUnchanged(), /its datapackage\.json changed after it was read .*run again; nothing was written/);
  writeLock(dir, { pid: process.pid, started: "2000-01-01T00:00:00Z" });
  lock.release();
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), true, "another run's lock stays");
});

/** Run the built CLI's `add` on `dir`, resolving with its exit code and output once it ends. */
function addInChild(dir: string, file: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtCli(), "add", dir, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

test("two adds in place at once: the second is refused while the first writes, and no indicator is lost (review H3)", async () => {
  const dir = writeFixturePackage();
  const a = tempFile("a.csv", "la_code,period,aaa_pct\nE06000023,2022,50\nE08000013,2022,60\n");
  const b = tempFile("b.csv", "la_code,period,bbb_pct\nE06000023,2022,40\nE08000013,2022,70\n");
  // the first waits inside its critical section (after reading, before its renames) until the second has run
  const go = path.join(path.dirname(a), "go");
  const first = addInChild(dir, a, { [TEST_WAIT_ENV]: go });
  for (let i = 0; i < 1200 && !fs.existsSync(`${go}.waiting`); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(fs.existsSync(`${go}.waiting`), "the first add reached its renames");
  const lockFile = path.join(dir, LOCK_FILE);
  const { pid } = JSON.parse(fs.readFileSync(lockFile, "utf8")) as { pid: number };
  // without the lock the second reads the package without aaa_pct, and the first, done after it, drops bbb_pct
  const second = await addInChild(dir, b, { [TEST_WAIT_ENV]: "" });
  fs.writeFileSync(go, "");
  const done = await first; // before any assertion: a failing test must not leave the first writing into its folder
  assert.equal(second.code, 1, second.out);
  assert.match(second.out, new RegExp(`another vital-signs run \\(pid ${pid}, \`add\`, since \\d\\d:\\d\\d\\) is writing .*: wait for it`));
  assert.equal(done.code, 0, done.out);
  assert.equal(fs.existsSync(lockFile), false, "the lock is gone with the run");
  const again = await addInChild(dir, b);
  assert.equal(again.code, 0, again.out);
  const catalogue = fs.readFileSync(path.join(dir, "catalogue.csv"), "utf8");
  assert.match(catalogue, /\naaa_pct,/);
  assert.match(catalogue, /\nbbb_pct,/);
});

test("add takes a killed run's stale lock, says so on stderr, and leaves no lock behind", async () => {
  const dir = writeFixturePackage();
  writeLock(dir, { pid: endedPid() });
  const r = await addInChild(dir, tempFile("c.csv", "la_code,period,ccc_pct\nE06000023,2022,50\n"));
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /add: a stale lock of a run that no longer runs \(pid \d+, `add`, since \d\d:\d\d\) was found in .* and taken/);
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false);
});

test("add refused on a live lock writes nothing and leaves the lock; add failing on its input removes its own lock", async () => {
  const dir = writeFixturePackage();
  const before = fs.readFileSync(path.join(dir, "datapackage.json"));
  writeLock(dir, { pid: process.pid });
  const r = await addInChild(dir, tempFile("d.csv", "la_code,period,ddd_pct\nE06000023,2022,50\n"));
  assert.equal(r.code, 1);
  assert.ok(fs.readFileSync(path.join(dir, "datapackage.json")).equals(before));
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), true);
  fs.rmSync(path.join(dir, LOCK_FILE));
  const bad = await addInChild(dir, tempFile("e.csv", "la_code,period,eee_pct\nE99999999,2022,50\n"));
  assert.equal(bad.code, 1, bad.out);
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false);
});

test("a package folder that is gone (as while another run swaps its new one in) is refused in words, not a system error", () => {
  const dir = writeFixturePackage();
  assert.throws(() => lockPackage(path.join(dir, "gone"), "add"), /gone: got ".*gone", expected a package folder that is there: it is missing, or another run is swapping in its new package at this moment; run again/);
});

test("a lock naming a live pid whose process started after the lock was written is stale (the pid was reused after a restart) and taken", () => {
  // a second read (round 25): a lock of pid 1 from six days before blocked every writer for good
  const dir = writeFixturePackage();
  const sixDaysAgo = new Date(Date.now() - 6 * 24 * 3600 * 1000).toISOString();
  writeLock(dir, { pid: process.pid, started: sixDaysAgo });
  const lock = lockPackage(dir, "add");
  assert.match(lock.staleNote!, new RegExp(`a stale lock of a run that no longer runs \\(pid ${process.pid}, \`add\`, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\) was found in .* and taken`));
  lock.release();
  // a lock written after the process started is its own: refused
  writeLock(dir, { pid: process.pid });
  assert.throws(() => lockPackage(dir, "pilot"), /another vital-signs run .* is writing/);
});
