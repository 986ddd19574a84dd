import { execFileSync } from "node:child_process";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { gitHeadCommit, gitOutput, projectRoot } from "../lib/project";
import { tempDir } from "./helpers/temp-dirs";

/** A throw-away repository with one commit on branch main; returns its folder. */
function tinyRepo(): string {
  const dir = tempDir("vsw-git-");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" }).trim();
  git("init", "-q", "-b", "main");
  fs.writeFileSync(path.join(dir, "a.txt"), "a\n");
  git("add", "a.txt");
  git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one");
  return dir;
}

describe("gitHeadCommit", () => {
  it("gives what git rev-parse HEAD gives in this checkout", () => {
    assert.deepEqual(gitHeadCommit(projectRoot()), gitOutput(["rev-parse", "HEAD"], projectRoot()));
  });

  it("reads a loose branch ref, a packed one, a detached HEAD and a linked worktree as git does", () => {
    const dir = tinyRepo();
    const expected = gitOutput(["rev-parse", "HEAD"], dir);
    assert.equal(expected.ok, true);
    assert.deepEqual(gitHeadCommit(dir), expected);
    execFileSync("git", ["pack-refs", "--all"], { cwd: dir });
    assert.equal(fs.existsSync(path.join(dir, ".git", "refs", "heads", "main")), false, "the branch is only in packed-refs now");
    assert.deepEqual(gitHeadCommit(path.join(dir)), expected);
    const worktree = path.join(tempDir("vsw-git-worktree-"), "wt"); // outside the repository, as a linked worktree usually is
    execFileSync("git", ["worktree", "add", "-q", "-b", "other", worktree], { cwd: dir });
    assert.deepEqual(gitHeadCommit(worktree), gitOutput(["rev-parse", "HEAD"], worktree));
    execFileSync("git", ["checkout", "-q", "--detach"], { cwd: dir });
    assert.deepEqual(gitHeadCommit(dir), expected);
  });

  it("reads the files itself: it answers even when no git program can be found", () => {
    const dir = tinyRepo();
    const expected = gitOutput(["rev-parse", "HEAD"], dir);
    const pathBefore = process.env.PATH;
    process.env.PATH = "";
    try {
      assert.equal(gitOutput(["rev-parse", "HEAD"], dir).ok, false, "git is out of reach");
      assert.deepEqual(gitHeadCommit(dir), expected);
    } finally {
      process.env.PATH = pathBefore;
    }
  });

  it("leaves a repository moved by GIT_DIR to git itself", () => {
    const dir = tinyRepo();
    const before = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(dir, "no-such-git-dir");
    try {
      assert.deepEqual(gitHeadCommit(dir), gitOutput(["rev-parse", "HEAD"], dir));
      assert.equal(gitHeadCommit(dir).ok, false);
    } finally {
      if (before === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = before;
    }
  });

  it("outside a checkout or on an unborn branch answers as git does (not ok, with git's reason)", () => {
    const outside = tempDir("vsw-nogit-");
    assert.deepEqual(gitHeadCommit(outside), gitOutput(["rev-parse", "HEAD"], outside));
    assert.equal(gitHeadCommit(outside).ok, false);
    execFileSync("git", ["init", "-q"], { cwd: outside });
    assert.deepEqual(gitHeadCommit(outside), gitOutput(["rev-parse", "HEAD"], outside));
    assert.equal(gitHeadCommit(outside).ok, false);
  });
});
