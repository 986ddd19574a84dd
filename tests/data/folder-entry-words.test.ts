/**
 * describeEntry: one description of a folder entry that is not a file to read, given by check-disclosure, returns,
 * pilot and import alike; a symbolic link loop (ELOOP) is called a loop, not "a symbolic link to nothing".
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { describeEntry, entryAt, folderEntries } from "../../lib/data/folder-entries";
import { listSourceFiles } from "../../lib/data/import/source-files";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { DataError, DataErrors } from "../../lib/errors";
import { findRecordFiles } from "../../lib/pilot/import-pilot";
import { discoverReturns } from "../../lib/returns/discover";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { tempDir } from "../helpers/temp-dirs";

const LOOP = "a symbolic link loop (ELOOP: it leads back to itself)";

/** Two links that point at each other, `a` and `b` in `dir`. */
function linkLoop(dir: string, a: string, b: string): void {
  fs.symlinkSync(path.join(dir, b), path.join(dir, a));
  fs.symlinkSync(path.join(dir, a), path.join(dir, b));
}

test("each kind of entry has its words; a link is described by its target, a loop as a loop", { timeout: 30_000 }, () => {
  const dir = tempDir("vsw-entry-words-");
  execFileSync("mkfifo", [path.join(dir, "pipe")]);
  fs.symlinkSync("/dev/zero", path.join(dir, "zero"));
  fs.symlinkSync(path.join(dir, "missing"), path.join(dir, "dangling"));
  fs.symlinkSync(path.join(dir, "self"), path.join(dir, "self"));
  fs.mkdirSync(path.join(dir, "sub"));
  fs.symlinkSync(path.join(dir, "pipe"), path.join(dir, "to-pipe"));
  fs.symlinkSync(path.join(dir, "sub"), path.join(dir, "to-sub"));
  const words = (name: string) => describeEntry(entryAt(path.join(dir, name)));
  assert.equal(entryAt(path.join(dir, "self")).kind, "link-loop");
  assert.equal(words("self"), LOOP);
  assert.equal(words("dangling"), "a broken symbolic link");
  assert.equal(words("pipe"), "a named pipe (FIFO)");
  assert.equal(words("to-pipe"), "a symbolic link to a named pipe (FIFO)");
  assert.equal(words("zero"), "a symbolic link to a device");
  assert.equal(words("sub"), "a folder");
  assert.match(words("to-sub"), /^a symbolic link to a folder \(not followed/);
  assert.equal(describeEntry({ kind: "socket", link: false }), "a socket");
  const kinds = folderEntries(dir, () => "keep").map((e) => [path.basename(e.path), e.kind]);
  assert.deepEqual(kinds.filter(([name]) => name === "self"), [["self", "link-loop"]]);
});

test("check-disclosure calls a link loop a loop", { timeout: 30_000 }, () => {
  const dir = tempDir("vsw-entry-scan-");
  linkLoop(dir, "a.csv", "b.csv");
  execFileSync("mkfifo", [path.join(dir, "pipe.csv")]);
  const values = scanPaths([dir]).findings.filter((f) => f.rule === "not-scanned").map((f) => [path.basename(f.file), f.value]);
  assert.deepEqual(values, [
    ["a.csv", `${LOOP}, not read`],
    ["b.csv", `${LOOP}, not read`],
    ["pipe.csv", "a named pipe (FIFO), not read"],
  ]);
});

test("pilot refuses a record file that is a link loop, calling it one", { timeout: 30_000 }, () => {
  const dir = tempDir("vsw-entry-pilot-");
  linkLoop(dir, "records-a.csv", "records-b.csv");
  assert.throws(() => findRecordFiles(dir), (e: unknown) => {
    assert.ok(e instanceof DataErrors, String(e));
    assert.deepEqual(e.errors.map((x) => x.value), [LOOP, LOOP]);
    assert.match(e.errors[0].message, /expected a record CSV file \(a regular file, or a link to one\)/);
    return true;
  });
});

test("returns refuses an episodes.csv that is a link loop, and logs another loop as not read, calling each a loop", () => {
  const dir = tempDir("vsw-entry-returns-");
  const year = path.join(dir, "E09000001", "2023");
  fs.mkdirSync(year, { recursive: true });
  linkLoop(year, "notes-a.txt", "notes-b.txt");
  const log = new ReturnsImportLog();
  discoverReturns(dir, log);
  const rules = log.entries().filter((e) => e.action === "unknown-file").map((e) => [path.basename(e.file), e.rule]);
  assert.deepEqual(rules, [
    ["notes-a.txt", `${LOOP}: not read`],
    ["notes-b.txt", `${LOOP}: not read`],
  ]);
  linkLoop(year, "episodes.csv", "other.csv");
  assert.throws(() => discoverReturns(dir, new ReturnsImportLog()), (e: unknown) => e instanceof DataError && e.value === LOOP && /episodes\.csv/.test(e.file ?? ""));
});

test("import skips a link loop saying so, and a named pipe in the words the other commands use", { timeout: 30_000 }, () => {
  const dir = tempDir("vsw-entry-import-");
  fs.writeFileSync(path.join(dir, "a.csv"), "a\n1\n");
  linkLoop(dir, "b.csv", "c.csv");
  execFileSync("mkfifo", [path.join(dir, "pipe.csv")]);
  const skipped: { file: string; reason: string }[] = [];
  assert.deepEqual(listSourceFiles([dir], skipped), [path.join(dir, "a.csv")]);
  assert.deepEqual(skipped.map((s) => [path.basename(s.file), s.reason]), [
    ["b.csv", `${LOOP}: not followed`],
    ["c.csv", `${LOOP}: not followed`],
    ["pipe.csv", "a named pipe (FIFO): not read"],
  ]);
});
