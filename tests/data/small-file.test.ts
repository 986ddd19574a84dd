import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { KEY_FILE_MAX_BYTES, readSmallFile } from "../../lib/data/small-file";
import { DataError } from "../../lib/errors";
import { tempDir } from "../helpers/temp-dirs";

test("a file up to the cap is read whole, byte for byte (the cap itself included)", () => {
  const dir = tempDir("vsw-small-");
  const file = path.join(dir, "k");
  const bytes = Buffer.alloc(KEY_FILE_MAX_BYTES, 0x61);
  fs.writeFileSync(file, bytes);
  assert.ok(readSmallFile(file, KEY_FILE_MAX_BYTES, "a key file").equals(bytes));
  fs.writeFileSync(file, "");
  assert.equal(readSmallFile(file, 10, "a key file").length, 0);
});

test("a file over the cap is refused naming the file and the cap, a byte over included (review H6)", () => {
  const dir = tempDir("vsw-small-");
  const file = path.join(dir, "k");
  fs.writeFileSync(file, Buffer.alloc(KEY_FILE_MAX_BYTES + 1, 0x61));
  assert.throws(() => readSmallFile(file, KEY_FILE_MAX_BYTES, "a key file"), new RegExp(`k: got "more than ${KEY_FILE_MAX_BYTES} bytes", expected a key file of at most ${KEY_FILE_MAX_BYTES} bytes`));
});

test("an endless device is read only to its cap and refused", { skip: !fs.existsSync("/dev/zero") }, () => {
  const dir = tempDir("vsw-small-");
  fs.symlinkSync("/dev/zero", path.join(dir, "zero.key"));
  assert.throws(() => readSmallFile(path.join(dir, "zero.key"), 1000, "a key file"), /zero\.key: got "more than 1000 bytes"/);
  assert.throws(() => readSmallFile("/dev/urandom", 100_000, "a key file"), /more than 100000 bytes/);
});

test("a pipe (as process substitution gives, --key-file <(cat key)) is read to its end", { skip: !fs.existsSync("/usr/bin/mkfifo") }, async () => {
  const dir = tempDir("vsw-small-");
  const fifo = path.join(dir, "key.fifo");
  assert.equal(spawnSync("/usr/bin/mkfifo", [fifo]).status, 0);
  const writer = spawn("/bin/sh", ["-c", `printf 'abc%.0s' 1 2 3 4 5 6 7 8 9 10 > '${fifo}'`]);
  const ended = new Promise((resolve) => writer.on("close", resolve));
  assert.equal(readSmallFile(fifo, 100, "a key file").toString(), "abc".repeat(10));
  assert.equal(await ended, 0);
});

test("a folder named where a small file is expected is a DataError naming it, not EISDIR (pilot --instruments DIR, round 26)", () => {
  const dir = tempDir("vsw-small-file-folder-");
  assert.throws(() => readSmallFile(dir, 4096, "an instrument definition file (JSON)"), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /got "a folder", expected an instrument definition file \(JSON\), not a folder/);
    return true;
  });
});
