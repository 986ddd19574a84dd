/** folderEntries: each entry told by its type without opening it, links judged by their targets, folders as chosen. */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { entryAt, folderEntries } from "../../lib/data/folder-entries";
import { tempDir } from "../helpers/temp-dirs";

// a walk that opened the FIFO would hang, not fail: the timeout turns it into a failure
test("every kind of entry, in name order; links to folders not followed; folders walked, skipped or kept", { timeout: 30_000 }, () => {
  const dir = tempDir("vsw-entries-");
  fs.writeFileSync(path.join(dir, "a.csv"), "abc");
  execFileSync("mkfifo", [path.join(dir, "b-pipe.csv")]);
  fs.symlinkSync("/dev/zero", path.join(dir, "c-zero.csv"));
  fs.symlinkSync(path.join(dir, "missing"), path.join(dir, "d-dangling"));
  fs.symlinkSync(path.join(dir, "a.csv"), path.join(dir, "e-link.csv"));
  for (const sub of ["f-walk", "g-skip", "h-keep"]) {
    fs.mkdirSync(path.join(dir, sub));
    fs.writeFileSync(path.join(dir, sub, "x.csv"), "x");
  }
  fs.symlinkSync("..", path.join(dir, "f-walk", "up"));
  const choice = (name: string) => (name === "g-skip" ? "skip" : name === "h-keep" ? "keep" : "walk");
  const got = folderEntries(dir, choice).map((e) => [path.relative(dir, e.path), e.kind, e.link, e.size]);
  assert.deepEqual(got, [
    ["a.csv", "file", false, 3],
    ["b-pipe.csv", "fifo", false, 0],
    ["c-zero.csv", "device", true, 0],
    ["d-dangling", "broken-link", true, 0],
    ["e-link.csv", "file", true, 3],
    ["f-walk/up", "link-to-folder", true, 0],
    ["f-walk/x.csv", "file", false, 1],
    ["h-keep", "folder", false, 0],
  ]);
  assert.equal(entryAt(path.join(dir, "b-pipe.csv")).kind, "fifo");
});
