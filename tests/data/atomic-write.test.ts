import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { removeStaleTempFiles, TEMP_MARKER, writeFileAtomically, writeFilesAtomically } from "../../lib/data/atomic-write";
import { fileNamePart, pathInside } from "../../lib/data/file-names";
import { InputError } from "../../lib/errors";

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "vsw-atomic-"));

test("writeFilesAtomically writes every file, creates the folder and leaves no temporary file", () => {
  const dir = path.join(tmpDir(), "new");
  writeFilesAtomically(dir, [{ name: "a.json", contents: "{}\n" }, { name: "b.html", contents: Buffer.from("<html></html>\n") }]);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["a.json", "b.html"]);
  assert.equal(fs.readFileSync(path.join(dir, "b.html"), "utf8"), "<html></html>\n");
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
