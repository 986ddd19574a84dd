/**
 * A lock for commands that rewrite a package in place (`add` without `--out`, `pilot --merge-into PKG --out PKG`):
 * each reads the package, makes the new one and swaps it in, so two at once both succeeded and the one that
 * finished first was lost without a word (a review: two `add`s in the background, one indicator gone, 4 runs of 4).
 * The lock is a file in the package folder, `.vital-signs.lock`, created with O_EXCL (only one process can create
 * it) before the package is read and removed once the new package is in place (or the run failed). It holds the
 * process id, host, command and start time, so a second run can say who is writing; a lock whose process no longer
 * runs on this host (a run killed) is stale, and is said so and taken. Before its renames a run also checks that
 * datapackage.json still holds the bytes it read ({@link PackageLock.checkUnchanged}), should something that takes
 * no lock (an older version, an editor) have written it meanwhile.
 *
 * For tests only: `VITAL_SIGNS_TEST_WAIT_BEFORE_COMMIT=FILE` makes {@link waitBeforeCommitForTest} (which the
 * writers call just before their renames, lock or no lock) create `FILE.waiting`, then wait until FILE exists (at most a minute): it holds a writer inside its critical section,
 * after its read and before its renames, while a test runs a second process against the same package
 * (tests/data/package-lock.test.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DataError, DataErrors } from "../errors";
import { makeFolders, processIsAlive } from "./atomic-write";
import { signalsDelivered } from "./signals-delivered";

/** The lock's file name in the package folder. */
export const LOCK_FILE = ".vital-signs.lock";

/** Environment variable (tests only) naming a file a locked writer waits for before its renames. */
export const TEST_WAIT_ENV = "VITAL_SIGNS_TEST_WAIT_BEFORE_COMMIT";

/** The longest a writer waits for {@link TEST_WAIT_ENV}'s file. */
const TEST_WAIT_MAX_MS = 60_000;

/** What a lock file holds. */
interface LockOwner {
  pid: number;
  host: string;
  command: string;
  started: string;
}

/** A package locked by this process. */
export interface PackageLock {
  /** The lock file. */
  readonly file: string;
  /** Set when a stale lock (of a process no longer running) was found and taken: words for the user. */
  readonly staleNote: string | undefined;
  /**
   * Refuse when the package's datapackage.json no longer holds the bytes it held when the lock was taken.
   * @throws DataErrors "the package changed while … : run again"
   */
  checkUnchanged(): void;
  /** The test-only wait ({@link waitBeforeCommitForTest}), then {@link PackageLock.checkUnchanged}: what a writer calls just before its renames. */
  beforeCommit(): void;
  /** Remove the lock file if it is still this lock's (a swap of the folder takes it away with the old folder). */
  release(): void;
}

function refuse(dir: string, value: string, expected: string): never {
  throw new DataErrors([new DataError({ file: dir, value, expected: `${expected}; nothing was written` })], `${dir} was not written`);
}

/** The folder a run holds while it replaces a stale lock (mkdir: one run at a time). */
export const TAKEOVER_SUFFIX = ".takeover";

/**
 * Replace the stale lock of `stale` (a run no longer running) with `owner`'s, one run at a time: removing it and
 * creating another had let two runs that found it stale at once both write (the second removed the first's new lock;
 * a last review of round 24). The run that makes `LOCK.takeover` checks the lock still names `stale`, replaces it and
 * removes the folder; another run meanwhile is refused.
 */
function takeStaleLock(dir: string, file: string, owner: LockOwner, stale: LockOwner, unwritable: string): void {
  const takeover = `${file}${TAKEOVER_SUFFIX}`;
  try {
    fs.mkdirSync(takeover);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    refuse(dir, file, `a package no other run is writing: another run is taking over its stale lock at this moment; wait for it (if no vital-signs run is, remove ${takeover})`);
  }
  try {
    const still = ownerOf(file);
    const same = still !== undefined && still.pid === stale.pid && still.host === stale.host && still.started === stale.started;
    if (!same) refuse(dir, file, "a package no other run is writing: another run took its stale lock at the same moment; wait for it");
    fs.rmSync(file, { force: true });
    if (!tryCreate(file, owner, unwritable)) refuse(dir, file, "a package no other run is writing: another run took its stale lock at the same moment; wait for it");
  } finally {
    fs.rmSync(takeover, { recursive: true, force: true });
  }
}

/** The owner a lock file names, or undefined when it cannot be read as one (being written, or damaged). */
function ownerOf(file: string): LockOwner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(file, "utf8")) as LockOwner;
    return Number.isInteger(o.pid) && typeof o.host === "string" && typeof o.command === "string" && typeof o.started === "string" ? o : undefined;
  } catch {
    return undefined;
  }
}

/** "14:05" of an ISO time, in this machine's time zone (the time of day a user sees on their clock), with the date when not today. */
function clockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = d.toTimeString().slice(0, 5);
  return d.toDateString() === new Date().toDateString() ? time : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${time}`;
}

/** Seconds a lock's start time may precede its process's start (clock ticks and the lock written a moment after start). */
const PID_START_SLACK_S = 2;

/**
 * Whether the process now holding `pid` started after `lockStarted` (so it cannot be the run that wrote the lock: the
 * pid was reused after a reboot or a container restart — a second read found a lock of pid 1 blocked every writer for
 * good). Linux only (/proc/PID/stat's start time in clock ticks since boot, /proc/stat's boot time, 100 ticks a
 * second as Linux reports to user space); false wherever that cannot be read, so a live pid keeps its lock.
 */
function startedAfter(pid: number, lockStarted: string): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // the fields after the command's closing parenthesis: state is field 3, starttime field 22
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[22 - 3]);
    const boot = Number(/^btime (\d+)$/m.exec(fs.readFileSync("/proc/stat", "utf8"))?.[1]);
    const locked = Date.parse(lockStarted) / 1000;
    if (!Number.isFinite(ticks) || !Number.isFinite(boot) || !Number.isFinite(locked)) return false;
    return boot + ticks / 100 > locked + PID_START_SLACK_S;
  } catch {
    return false;
  }
}

/** Create the lock file holding `owner`; false when one exists. `unwritable`: what to do when the folder cannot be written. */
function tryCreate(file: string, owner: LockOwner, unwritable: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // the folder is gone for a moment while another run swaps its new package in (`add`: rename, rename)
    if (code === "ENOENT") refuse(path.dirname(file), path.dirname(file), "a package folder that is there: it is missing, or another run is swapping in its new package at this moment; run again");
    if (code === "EACCES" || code === "EROFS" || code === "EPERM") refuse(path.dirname(file), path.dirname(file), `a package folder this run may write (${code}): ${unwritable}`);
    throw e;
  }
  try {
    fs.writeFileSync(fd, JSON.stringify(owner) + "\n");
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Lock the package in `dir` for `command`: before the package is read, released after its new files are in place.
 * @throws DataErrors when another run holds the lock ("another vital-signs run (pid N, `add`, since HH:MM) is
 *   writing PKG: wait for it"), or when the lock file cannot be created (the folder is not writable)
 * @example
 * const lock = lockPackage("/tmp/england", "add");
 * try { … lock.checkUnchanged(); …renames… } finally { lock.release(); }
 */
export function lockPackage(dir: string, command: string): PackageLock {
  return lockedOnSignal(() => lockFolder(dir, command, "it cannot be written in place; give --out for a copy"), () => undefined);
}

/** Signals on which the locks this process holds are released (and folders it made for them removed) before it ends. */
const RELEASE_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
/** The releases of the locks this process holds now. */
const heldLocks = new Set<() => void>();
/** Whether {@link releaseAllAndEnd} listens to {@link RELEASE_SIGNALS} now. */
let listening = false;

function listen(): void {
  if (listening) return;
  for (const s of RELEASE_SIGNALS) process.on(s, releaseAllAndEnd);
  listening = true;
}

function stopListening(): void {
  for (const s of RELEASE_SIGNALS) process.removeListener(s, releaseAllAndEnd);
  listening = false;
}

/**
 * Stop listening once no lock is held and the event loop has polled again. A signal that comes while the process runs
 * synchronously (a package's whole write: staging, validation, renames) is queued by Node and given to its listeners
 * only when the loop next polls; the lock is released in the same synchronous stretch, so removing the listeners there
 * lost it: an import stopped with Ctrl-C while it wrote went on and ended with exit code 0 (round 26). Two immediates
 * in a row run after at least one poll wherever the release happens (an immediate queued in the check phase runs in
 * the next one), so the queued signal meets its listener, which ends the process as the signal would have.
 */
function stopListeningAfterPoll(): void {
  void signalsDelivered().then(() => {
    if (heldLocks.size === 0 && listening) stopListening();
  });
}

/**
 * Release every lock held, then end as the signal would have ended the process (its listeners removed, the signal sent
 * again): a second read (round 25) found an import into a new folder stopped with Ctrl-C left the folder holding only
 * its lock, which the next run took as a stale lock of a package that never was.
 */
function releaseAllAndEnd(signal: NodeJS.Signals): void {
  for (const release of [...heldLocks]) {
    try {
      release();
    } catch {
      // ending anyway: a lock left is taken by the next run as stale
    }
  }
  stopListening();
  process.kill(process.pid, signal);
}

/**
 * The lock `make` takes (and the folders it makes), released, then `after` run, at its release or on a signal that ends
 * the process first. The listeners are there only while a lock is held (and until the loop has polled once after:
 * {@link stopListeningAfterPoll}): a long-lived process (a notebook's kernel, which Jupyter interrupts with SIGINT)
 * keeps its own handling the rest of the time. They are set before `make` runs: a signal that came between the lock
 * file's creation and the listeners had met no listener, and its default action ended the process at once, leaving
 * the folder and the lock (the round-25 test of a Ctrl-C during an import failed about 1 run in 5 under load, round
 * 26). Once listened to, a signal is queued until the synchronous `make` has returned and the lock is held, then
 * releases it.
 */
function lockedOnSignal(make: () => PackageLock, after: () => void): PackageLock {
  listen();
  let lock: PackageLock;
  try {
    lock = make();
  } catch (e) {
    if (heldLocks.size === 0) stopListeningAfterPoll();
    throw e;
  }
  const release = (): void => {
    heldLocks.delete(release);
    if (heldLocks.size === 0) stopListeningAfterPoll();
    lock.release();
    after();
  };
  heldLocks.add(release);
  return { ...lock, release };
}

/** {@link lockPackage}, saying `unwritable` when the folder cannot be written. */
function lockFolder(dir: string, command: string, unwritable: string): PackageLock {
  const file = path.join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), command, started: new Date().toISOString() };
  let staleNote: string | undefined;
  if (!tryCreate(file, owner, unwritable)) {
    const other = ownerOf(file);
    if (other === undefined) {
      refuse(dir, file, "a package no other run is writing: its lock file is there but cannot be read (a run is starting, or it was damaged); run again, and if it stays, remove the file once you are sure no vital-signs run is writing the package");
    }
    const since = `pid ${other.pid}${other.host === owner.host ? "" : ` on ${other.host}`}, \`${other.command}\`, since ${clockTime(other.started)}`;
    if (other.host !== owner.host || (processIsAlive(other.pid) && !startedAfter(other.pid, other.started))) {
      const hint = other.host === owner.host ? ` (if no vital-signs run is writing it, remove ${file})` : ` (a run on another machine cannot be checked from here: if none is running, remove ${file})`;
      refuse(dir, file, `a package no other run is writing: another vital-signs run (${since}) is writing ${dir}: wait for it${hint}`);
    }
    takeStaleLock(dir, file, owner, other, unwritable);
    staleNote = `a stale lock of a run that no longer runs (${since}) was found in ${dir} and taken; check the package (vital-signs validate) if that run was killed while writing`;
  }
  const descriptorFile = path.join(dir, "datapackage.json");
  let read: Buffer | undefined;
  try {
    read = fs.readFileSync(descriptorFile);
  } catch {
    read = undefined; // no package there: the reader names the problem
  }
  const checkUnchanged = (): void => {
    let now: Buffer | undefined;
    try {
      now = fs.readFileSync(descriptorFile);
    } catch {
      now = undefined;
    }
    const same = read === undefined ? now === undefined : now !== undefined && read.equals(now);
    if (!same) refuse(dir, descriptorFile, `a package that does not change while \`${command}\` writes it: its datapackage.json changed after it was read (another program wrote it); run again`);
  };
  return {
    file,
    staleNote,
    checkUnchanged,
    beforeCommit() {
      waitBeforeCommitForTest();
      checkUnchanged();
    },
    release() {
      const there = ownerOf(file);
      if (there !== undefined && there.pid === owner.pid && there.started === owner.started && there.host === owner.host) fs.rmSync(file, { force: true });
    },
  };
}

/**
 * Lock the folder a command writes a new package into (`import`, `returns`, `synth`, `pilot`, `add --out`) as
 * {@link lockPackage} locks a package rewritten in place: two runs into one `--out` at once had each renamed its files
 * over the other's, which could leave one run's datapackage.json beside the other's CSVs. The folder (and its missing
 * parents) is made when missing, to hold the lock; those made are removed again at release when still empty (the
 * run was refused or failed before writing), so a failed run leaves no folder behind.
 * @throws DataErrors as {@link lockPackage}; InputError when the folder cannot be made (makeFolders)
 * @example
 * const lock = lockOutputFolder("/tmp/england", "import");
 * try { … writePackage(dir, content, { beforeCommit: lock.beforeCommit }) … } finally { lock.release(); }
 */
export function lockOutputFolder(dir: string, command: string): PackageLock {
  const made: string[] = [];
  for (let p = path.resolve(dir); !fs.existsSync(p) && path.dirname(p) !== p; p = path.dirname(p)) made.push(p);
  const make = (): PackageLock => {
    try {
      makeFolders(dir);
      return lockFolder(dir, command, "write the package to a folder this run may write");
    } catch (e) {
      removeIfEmpty(made);
      throw e;
    }
  };
  return lockedOnSignal(make, () => removeIfEmpty(made));
}

/** Remove the folders `made` (deepest first) while each is empty. */
function removeIfEmpty(made: readonly string[]): void {
  for (const folder of made) {
    try {
      fs.rmdirSync(folder);
    } catch {
      return; // not empty (the package was written), or gone
    }
  }
}

/**
 * The test-only wait of {@link TEST_WAIT_ENV} (nothing when it is unset or empty): called by the commands that
 * rewrite a package in place just before their renames.
 * @example waitBeforeCommitForTest(); lock?.checkUnchanged();
 */
export function waitBeforeCommitForTest(): void {
  const file = process.env[TEST_WAIT_ENV];
  if (file === undefined || file === "") return;
  fs.writeFileSync(`${file}.waiting`, "");
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < TEST_WAIT_MAX_MS && !fs.existsSync(file); waited += 20) Atomics.wait(cell, 0, 0, 20);
}
