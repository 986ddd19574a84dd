import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import {
  finishInterruptedWrites, isCommitJournal, JOURNAL_PREFIX, makeFolders, removeStaleTempFiles, TEMP_MARKER, writeFileAtomically, writeFilesAtomically,
} from "../../lib/data/atomic-write";
import { fileNamePart, pathInside } from "../../lib/data/file-names";
import { InputError } from "../../lib/errors";
import { tempDir } from "../helpers/temp-dirs";
import { TSX_CHILD_FLAGS } from "../helpers/tsx-child";

const tmpDir = () => tempDir("vsw-atomic-");

test("writeFilesAtomically writes every file, creates the folder and leaves no temporary file", () => {
  const dir = path.join(tmpDir(), "new");
  writeFilesAtomically(dir, [{ name: "a.json", contents: "{}\n" }, { name: "b.html", contents: Buffer.from("<html></html>\n") }]);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.json", "b.html"]);
  assert.equal(fs.readFileSync(path.join(dir, "b.html"), "utf8"), "<html></html>\n");
});

test("writeFilesAtomically writes a file given as a writer chunk by chunk, after the files before it", () => {
  const dir = path.join(tmpDir(), "streamed");
  let firstWritten = false;
  writeFilesAtomically(dir, [
    {
      name: "a.csv",
      contents: (write) => {
        const chunk = Buffer.alloc(3);
        for (const piece of ["x,y", "\n1,", "2\n"]) {
          chunk.write(piece); // one buffer reused for every chunk
          write(chunk.subarray(0, piece.length));
        }
        firstWritten = true;
      },
    },
    { name: "b.json", contents: (write) => write(Buffer.from(JSON.stringify({ firstWritten }))) },
  ]);
  assert.equal(fs.readFileSync(path.join(dir, "a.csv"), "utf8"), "x,y\n1,2\n");
  assert.equal(fs.readFileSync(path.join(dir, "b.json"), "utf8"), '{"firstWritten":true}');
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.csv", "b.json"]);
});

test("a writer that throws part-way leaves no target changed and no temporary file", () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, "a.csv"), "old\n");
  const failing = () =>
    writeFilesAtomically(dir, [
      { name: "b.json", contents: "new\n" },
      {
        name: "a.csv",
        contents: (write) => {
          write(Buffer.from("half"));
          throw new Error("formatting failed");
        },
      },
    ]);
  assert.throws(failing, /formatting failed/);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.csv"]);
  assert.equal(fs.readFileSync(path.join(dir, "a.csv"), "utf8"), "old\n");
});

test("when one file of a group cannot be staged, no target changes and no temporary file is left", () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, "a.json"), "old\n");
  fs.mkdirSync(path.join(dir, "sub"));
  // a name with a separator is refused before anything is written
  assert.throws(() => writeFilesAtomically(dir, [{ name: "a.json", contents: "new\n" }, { name: "sub/b", contents: "x" }]), InputError);
  // contents that cannot be written (not a string or bytes) fail while staging: the first file is not renamed
  assert.throws(() => writeFilesAtomically(dir, [{ name: "a.json", contents: "new\n" }, { name: "b.json", contents: 42 as unknown as string }]));
  assert.equal(fs.readFileSync(path.join(dir, "a.json"), "utf8"), "old\n");
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.json", "sub"]);
});

test("writeFileAtomically replaces a file whole", () => {
  const file = path.join(tmpDir(), "r.txt");
  writeFileAtomically(file, "one");
  writeFileAtomically(file, "two");
  assert.equal(fs.readFileSync(file, "utf8"), "two");
});

test("temporary files of dead processes are removed, those of live ones kept", () => {
  const dir = tmpDir();
  const dead = `.results.json${TEMP_MARKER}999999999-1`;
  const live = `.results.json${TEMP_MARKER}${process.pid}-1`;
  fs.writeFileSync(path.join(dir, dead), "torn");
  fs.writeFileSync(path.join(dir, live), "being written");
  fs.writeFileSync(path.join(dir, "keep.txt"), "user file");
  removeStaleTempFiles(dir);
  assert.deepEqual(fs.readdirSync(dir).sort(), [live, "keep.txt"].sort());
});

/** Run tests/helpers/kill-during-renames.ts: a group of `files` files written into `dir`, killed before rename `killAt`. */
function killDuringRenames(dir: string, files: number, killAt: number): NodeJS.Signals | null {
  const helper = path.join(__dirname, "..", "helpers", "kill-during-renames.ts");
  const env = { ...process.env, DIR: dir, FILES: String(files), KILL_AT: String(killAt) };
  return spawnSync(process.execPath, [...TSX_CHILD_FLAGS, helper], { env, stdio: "ignore" }).signal;
}

const contentsOf = (dir: string, files: number) => Array.from({ length: files }, (_, i) => fs.readFileSync(path.join(dir, `f${i}.txt`), "utf8"));

test("a group write killed at any rename ends all old or, once the next write or read completes it, all new", () => {
  const files = 3;
  // renames in order: the journal (0), then f0, f1, f2 (1..3); killAt 4 = not killed
  for (let killAt = 0; killAt <= files + 1; killAt++) {
    const dir = tmpDir();
    for (let i = 0; i < files; i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), "old");
    const signal = killDuringRenames(dir, files, killAt);
    assert.equal(signal, killAt <= files ? "SIGKILL" : null, `killAt ${killAt}`);
    const journals = fs.readdirSync(dir).filter(isCommitJournal);
    assert.equal(journals.length, killAt >= 1 && killAt <= files ? 1 : 0, `killAt ${killAt}: a journal is left exactly when the kill fell inside the renames`);
    const before = contentsOf(dir, files);
    if (killAt >= 1 && killAt <= files) {
      assert.deepEqual(before, [...Array(killAt - 1).fill("new"), ...Array(files - killAt + 1).fill("old")], "the renames ran in order up to the kill");
    }
    assert.equal(finishInterruptedWrites(dir), journals.length);
    const expected = killAt === 0 ? "old" : "new";
    assert.deepEqual(contentsOf(dir, files), Array(files).fill(expected), `killAt ${killAt}: all ${expected}`);
    removeStaleTempFiles(dir);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["f0.txt", "f1.txt", "f2.txt"], `killAt ${killAt}: no journal or temporary file left`);
  }
});

test("the next group write into a folder completes a killed commit before its own, and leaves no journal", () => {
  const dir = tmpDir();
  for (let i = 0; i < 2; i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), "old");
  assert.equal(killDuringRenames(dir, 2, 2), "SIGKILL"); // the journal and f0 renamed, f1 not
  assert.deepEqual(contentsOf(dir, 2), ["new", "old"]);
  writeFilesAtomically(dir, [{ name: "other.txt", contents: "x" }]);
  assert.deepEqual(contentsOf(dir, 2), ["new", "new"]);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["f0.txt", "f1.txt", "other.txt"]);
});

test("journals of live processes are left alone; unreadable journals of dead ones are removed without renaming", () => {
  const dir = tmpDir();
  const staged = `.f0.txt${TEMP_MARKER}999999999-1`;
  fs.writeFileSync(path.join(dir, staged), "new");
  fs.writeFileSync(path.join(dir, "f0.txt"), "old");
  const live = `${JOURNAL_PREFIX}${process.pid}-1`;
  fs.writeFileSync(path.join(dir, live), JSON.stringify({ renames: [{ temp: staged, target: "f0.txt" }] }));
  assert.equal(finishInterruptedWrites(dir), 0);
  assert.equal(fs.readFileSync(path.join(dir, "f0.txt"), "utf8"), "old");
  fs.rmSync(path.join(dir, live));
  // a journal naming a target outside the folder, or torn, is not acted on
  const bad = `${JOURNAL_PREFIX}999999999-2`;
  fs.writeFileSync(path.join(dir, bad), JSON.stringify({ renames: [{ temp: staged, target: "../escaped.txt" }] }));
  assert.equal(finishInterruptedWrites(dir), 0);
  fs.writeFileSync(path.join(dir, bad), "{\"renames\": [");
  assert.equal(finishInterruptedWrites(dir), 0);
  assert.equal(fs.readFileSync(path.join(dir, "f0.txt"), "utf8"), "old");
  assert.ok(!fs.existsSync(path.join(dir, bad)));
  assert.ok(!fs.existsSync(path.join(path.dirname(dir), "escaped.txt")));
});

test("file names built from data are sanitised and confined to their folder", () => {
  assert.equal(fileNamePart("E06000059"), "E06000059");
  assert.equal(fileNamePart("../../etc/x"), "______etc_x");
  assert.equal(fileNamePart(".hidden"), "_hidden");
  assert.equal(fileNamePart(""), "_");
  assert.equal(fileNamePart("a\0b/c\\d"), "a_b_c_d");
  assert.equal(fileNamePart("x".repeat(500)).length, 100);
  const base = tmpDir();
  assert.equal(pathInside(base, `profile-${fileNamePart("../../../tmp/evil")}`), path.join(base, "profile-_________tmp_evil"));
  assert.throws(() => pathInside(base, "../evil"), InputError);
  assert.throws(() => pathInside(base, "/etc/passwd"), InputError);
});

test("makeFolders creates missing parents, accepts an existing folder and names a file in the way", () => {
  const dir = tmpDir();
  const nested = path.join(dir, "a", "b", "c");
  makeFolders(nested);
  assert.ok(fs.statSync(nested).isDirectory());
  makeFolders(nested); // already there: nothing to do
  fs.writeFileSync(path.join(dir, "file"), "x");
  assert.throws(() => makeFolders(path.join(dir, "file", "sub")), (e: unknown) => e instanceof InputError && e.message.includes(`cannot create the folder ${path.join(dir, "file", "sub")} (ENOTDIR`));
  assert.throws(() => makeFolders(path.join(dir, "file")), (e: unknown) => e instanceof InputError && /a file of that name exists/.test(e.message));
});

test("makeFolders names a link to nothing in the way (mkdir says EEXIST, yet nothing is there to use)", () => {
  const dir = tmpDir();
  const link = path.join(dir, "link");
  fs.symlinkSync(path.join(dir, "nowhere"), link);
  for (const target of [link, path.join(link, "out")]) {
    assert.throws(() => makeFolders(target), (e: unknown) => e instanceof InputError && e.message === `makeFolders: cannot create the folder ${link} (EEXIST: a symbolic link to nothing is in the way)`, target);
  }
});

test("a folder the system refuses with ENOENT under an existing parent (/proc/x) is an error, not an endless loop", { skip: !fs.existsSync("/proc/self") && "no /proc" }, () => {
  // node's recursive mkdirSync never returns here (node 20): the call runs in a child process with a time limit
  const script = `const { makeFolders, writeFilesAtomically } = require(${JSON.stringify(path.join(__dirname, "../../lib/data/atomic-write"))});
for (const f of [() => makeFolders("/proc/vital-signs-test/out"), () => writeFilesAtomically("/proc/vital-signs-test", [{ name: "a.txt", contents: "a" }])]) {
  try { f(); console.log("made"); } catch (e) { console.log(e.message); }
}`;
  const r = spawnSync(process.execPath, [...TSX_CHILD_FLAGS, "-e", script], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.signal, null, "the child process was stopped by the time limit: creating the folder did not return");
  assert.deepEqual(r.stdout.trim().split("\n"), [
    "makeFolders: cannot create the folder /proc/vital-signs-test (ENOENT: no such file or directory)",
    "makeFolders: cannot create the folder /proc/vital-signs-test (ENOENT: no such file or directory)",
  ]);
});

test("writeFilesAtomically removes the files it is told to after its renames, but none it writes, and none when beforeCommit throws", () => {
  const dir = tmpDir();
  for (const f of ["a.csv", "stale.csv", "keep.txt"]) fs.writeFileSync(path.join(dir, f), "old\n");
  assert.throws(() => writeFilesAtomically(dir, [{ name: "a.csv", contents: "new\n" }], { remove: ["stale.csv"], beforeCommit: () => { throw new Error("changed meanwhile"); } }), /changed meanwhile/);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.csv", "keep.txt", "stale.csv"], "nothing renamed, nothing removed, no temporary file");
  assert.equal(fs.readFileSync(path.join(dir, "a.csv"), "utf8"), "old\n");
  writeFilesAtomically(dir, [{ name: "a.csv", contents: "new\n" }], { remove: ["stale.csv", "a.csv"] });
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.csv", "keep.txt"]);
  assert.equal(fs.readFileSync(path.join(dir, "a.csv"), "utf8"), "new\n");
  assert.throws(() => writeFilesAtomically(dir, [{ name: "a.csv", contents: "x" }], { remove: ["../b"] }), InputError);
});

test("a journal's removals are completed with its renames after a kill", () => {
  const dir = tmpDir();
  const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
  fs.writeFileSync(path.join(dir, "stale.csv"), "old\n");
  fs.writeFileSync(path.join(dir, `.a.csv${TEMP_MARKER}${dead}-1`), "new\n");
  fs.writeFileSync(path.join(dir, `${JOURNAL_PREFIX}${dead}-2`), JSON.stringify({ renames: [{ temp: `.a.csv${TEMP_MARKER}${dead}-1`, target: "a.csv" }], removes: ["stale.csv"] }));
  assert.equal(finishInterruptedWrites(dir), 1);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.csv"]);
  // a journal whose removals are not plain names is not followed (removed, nothing done)
  fs.writeFileSync(path.join(dir, "x.csv"), "x\n");
  fs.writeFileSync(path.join(dir, `${JOURNAL_PREFIX}${dead}-3`), JSON.stringify({ renames: [], removes: ["../x.csv"] }));
  assert.equal(finishInterruptedWrites(dir), 0);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.csv", "x.csv"]);
});
