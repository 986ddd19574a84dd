/**
 * check-disclosure over entries the system refuses: a locked folder or file (EACCES) and a path past the system's
 * 4,096 bytes (ENAMETOOLONG) each stopped the whole scan with a bare system error. Each is now a `not-scanned` finding
 * (fail closed: the run still exits 1, as for any finding), and everything else is scanned.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { builtCli } from "../helpers/built-cli";
import { tempDir } from "../helpers/temp-dirs";

const SMALL = "la_code,n\nE06000001,5\n";
/** A folder name of 250 characters: 17 of them nest past the 4,096 bytes a path may have on Linux. */
const LONG = "d".repeat(250);
const LEVELS = 17;

test("a path too long for the system is a not-scanned finding and the rest of the folder is scanned", () => {
  const dir = tempDir("vsw-scan-deep-");
  fs.writeFileSync(path.join(dir, "beside.csv"), SMALL);
  // built from the bottom up by renames, each of a short path (a mkdir of the whole path would itself be too long)
  const level = (i: number) => path.join(dir, `${LONG}${i}`);
  fs.mkdirSync(level(LEVELS));
  fs.writeFileSync(path.join(level(LEVELS), "deep.csv"), SMALL);
  for (let i = LEVELS - 1; i >= 1; i--) {
    fs.mkdirSync(level(i));
    fs.renameSync(level(i + 1), path.join(level(i), `${LONG}${i + 1}`));
  }
  try {
    const report = scanPaths([dir]);
    const refused = report.findings.filter((f) => f.rule === "not-scanned");
    assert.equal(refused.length, 1);
    assert.match(refused[0].message, /could not be read \(ENAMETOOLONG: its path is too long for the system\): nothing in it was checked/);
    assert.ok(refused[0].file.length > 4096 - 300, "the entry named is the one past the limit");
    assert.deepEqual(report.findings.filter((f) => f.rule === "small-count").map((f) => path.basename(f.file)), ["beside.csv"]);
  } finally {
    // taken apart top down by renames, so that the folder's removal never meets a path too long
    for (let i = 2; i <= LEVELS; i++) fs.renameSync(path.join(level(i - 1), `${LONG}${i}`), level(i));
  }
});

test("a locked folder and a locked file are not-scanned findings, named, and the rest is scanned; the run exits 1", () => {
  const dir = tempDir("vsw-scan-locked-");
  fs.chmodSync(dir, 0o755);
  for (const sub of ["locked", "ok"]) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "locked", "a.csv"), SMALL);
  fs.writeFileSync(path.join(dir, "ok", "b.csv"), SMALL, { mode: 0o644 });
  fs.writeFileSync(path.join(dir, "ok", "unread.csv"), SMALL);
  fs.chmodSync(path.join(dir, "ok", "unread.csv"), 0o000);
  fs.chmodSync(path.join(dir, "locked"), 0o000);
  try {
    // root reads anything: the scan then runs as nobody, to whom the modes apply
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, [builtCli(), "check-disclosure", dir, "--json"], { encoding: "utf8", ...asUser });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: { file: string; rule: string; message: string }[]; not_scanned: number };
    const byFile = report.findings.map((f) => [path.relative(dir, f.file), f.rule, f.message.replace(/: nothing in it was checked$/, "")]).sort();
    assert.deepEqual(byFile, [
      ["locked", "not-scanned", "could not be read (EACCES: permission denied)"],
      ["ok/b.csv", "small-count", 'a count below 10 in column "n"'],
      ["ok/unread.csv", "not-scanned", "could not be read (EACCES: permission denied)"],
    ]);
    assert.equal(report.not_scanned, 2);
  } finally {
    fs.chmodSync(path.join(dir, "locked"), 0o755);
  }
});
