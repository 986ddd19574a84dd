/**
 * Reading the sources (lib/data/import/source-files.ts): the workbooks are read first and into shared memory
 * (given to the worker without a copy), every file with the bytes fs.readFileSync gives, in the order listed;
 * a file that cannot be read so is read by fs.readFileSync, which fails or logs as it did. Read ahead (on libuv's
 * threads), the same bytes, log and errors.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { DataError } from "../../../lib/errors";
import { ImportLog } from "../../../lib/data/import/import-log";
import { MAX_SOURCE_FILE_BYTES, listSourceFiles, readFileShared, readSources, readSourcesAhead } from "../../../lib/data/import/source-files";
import { tempDir } from "../../helpers/temp-dirs";
import { createRequire } from "node:module";


test("readFileShared gives fs.readFileSync's bytes, in a SharedArrayBuffer (property, any contents)", () => {
  const dir = tempDir("source-files-");
  const file = path.join(dir, "any.ods");
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 70000 }), (contents) => {
      fs.writeFileSync(file, contents);
      const shared = readFileShared(file);
      assert.ok(shared !== undefined && shared.buffer instanceof SharedArrayBuffer);
      assert.deepEqual(Buffer.from(shared), fs.readFileSync(file));
    }),
    { numRuns: 100 },
  );
  fs.rmSync(dir, { recursive: true });
});

test("readFileShared leaves to fs.readFileSync what it cannot read so: missing, a folder, empty, larger than the limit", () => {
  const dir = tempDir("source-files-");
  fs.writeFileSync(path.join(dir, "empty.ods"), "");
  fs.writeFileSync(path.join(dir, "huge.ods"), "");
  fs.truncateSync(path.join(dir, "huge.ods"), MAX_SOURCE_FILE_BYTES + 1); // sparse: nothing written
  fs.mkdirSync(path.join(dir, "folder.ods"));
  for (const name of ["missing.ods", "folder.ods", "empty.ods", "huge.ods"]) assert.equal(readFileShared(path.join(dir, name)), undefined, name);
  fs.rmSync(dir, { recursive: true });
});

test("readSources reads the workbooks first (shared) and gives them to workbooksRead, then every file in order with readFileSync's bytes", async () => {
  const dir = tempDir("source-files-");
  const names = ["a.csv", "b.ods", "c.parquet", "d.ods", "e.csv"];
  const files = names.map((n, k) => {
    const f = path.join(dir, n);
    fs.writeFileSync(f, `file ${k} ${n}\n`.repeat(k + 1));
    return f;
  });
  const seen: string[][] = [];
  const bytes = await readSources(files, new ImportLog(), (workbooks) => seen.push([...workbooks.keys()]));
  assert.deepEqual(seen, [[files[1], files[3]]], "the workbooks, once, before the rest is read");
  assert.deepEqual([...bytes.keys()], files);
  for (const f of files) {
    assert.deepEqual(Buffer.from(bytes.get(f) as Uint8Array), fs.readFileSync(f));
    assert.equal((bytes.get(f) as Uint8Array).buffer instanceof SharedArrayBuffer, f.endsWith(".ods"), f);
  }
  fs.rmSync(dir, { recursive: true });
});

test("readSources logs and skips a file over the limit, workbook or not, and throws readFileSync's error (as a DataError naming the file) for one it cannot read", async () => {
  const dir = tempDir("source-files-");
  const [small, huge, hugeCsv] = ["small.ods", "huge.ods", "huge.csv"].map((n) => path.join(dir, n));
  fs.writeFileSync(small, "PK");
  for (const f of [huge, hugeCsv]) {
    fs.writeFileSync(f, f === hugeCsv ? "note,text\n" : ""); // a header no source has (one a source has is an error: unreadable-sources.test.ts)
    fs.truncateSync(f, MAX_SOURCE_FILE_BYTES + 1);
  }
  const log = new ImportLog();
  const bytes = await readSources([hugeCsv, huge, small], log);
  assert.deepEqual([...bytes.keys()], [small]);
  assert.deepEqual(log.entries().map((e) => [e.action, e.file]), [["skipped-file", hugeCsv], ["skipped-file", huge]]);
  const folder = path.join(dir, "folder.ods");
  fs.mkdirSync(folder);
  let expected: unknown;
  try {
    fs.readFileSync(folder);
  } catch (e) {
    expected = e;
  }
  // readFileSync's error, as a DataError naming the file
  await assert.rejects(readSources([small, folder], new ImportLog()), (e: unknown) => e instanceof DataError && e.file === folder && e.value === (expected as Error).message);
  fs.rmSync(dir, { recursive: true });
});

/** What readSources gives (bytes as plain arrays, whether shared) or throws, and the log. */
async function readOutcome(files: readonly string[], ahead?: Parameters<typeof readSources>[3]): Promise<unknown> {
  const log = new ImportLog();
  try {
    const bytes = await readSources(files, log, undefined, ahead);
    return { read: [...bytes].map(([f, b]) => [f, [...b], b.buffer instanceof SharedArrayBuffer]), log: log.entries() };
  } catch (e) {
    return { thrown: (e as Error).message, log: log.entries() };
  }
}

test("read ahead, the sources give the same bytes, log and errors as read in order (files, workbooks, empty, over the limit, a file gone since)", async () => {
  const dir = tempDir("source-files-");
  const src = path.join(dir, "src");
  fs.mkdirSync(src);
  const write = (name: string, contents: string) => fs.writeFileSync(path.join(src, name), contents);
  write("a.csv", "a,b\n1,2\n");
  write("b.ods", "PK not really");
  write("c.csv", "");
  write("d.parquet", "PAR1....PAR1");
  write("e.ods", "");
  fs.writeFileSync(path.join(src, "f.csv"), "note,text\n");
  fs.truncateSync(path.join(src, "f.csv"), MAX_SOURCE_FILE_BYTES + 1);
  const ahead = readSourcesAhead([src]);
  assert.ok(ahead !== undefined);
  assert.deepEqual(ahead.paths, [src]);
  assert.deepEqual(await readOutcome(ahead.files, ahead.reads), await readOutcome(ahead.files));
  // a file gone after the read ahead began (read ahead already): the same error, where it was
  const gone = readSourcesAhead([src]);
  assert.ok(gone !== undefined);
  await Promise.all(gone.reads.values());
  fs.rmSync(path.join(src, "a.csv"));
  const outcome = (await readOutcome(gone.files, gone.reads)) as { thrown?: string };
  assert.deepEqual(outcome, await readOutcome(gone.files));
  assert.match(String(outcome.thrown), /ENOENT/);
  assert.equal(readSourcesAhead([path.join(dir, "missing")]), undefined, "a listing that throws: the import lists again and throws there");
  fs.rmSync(dir, { recursive: true });
});

test("readSources calls fileRead with each file it adds, in order, read ahead or not (not the skipped ones)", async () => {
  const dir = tempDir("source-files-");
  const names = ["a.csv", "b.ods", "c.csv", "d.ods", "e.csv"];
  const files = names.map((n) => path.join(dir, n));
  files.forEach((f, k) => fs.writeFileSync(f, `file ${k}\n`));
  fs.truncateSync(files[2], MAX_SOURCE_FILE_BYTES + 1);
  for (const ahead of [undefined, readSourcesAhead([dir])?.reads]) {
    const seen: [string, number[]][] = [];
    const bytes = await readSources(files, new ImportLog(), undefined, ahead, (f, b) => seen.push([f, [...b]]));
    assert.deepEqual(seen, [...bytes].map(([f, b]) => [f, [...b]]));
    assert.deepEqual(seen.map(([f]) => path.basename(f)), ["a.csv", "b.ods", "d.ods", "e.csv"]);
  }
  fs.rmSync(dir, { recursive: true });
});

test("listSourceFiles skips, with its reason, an entry whose name is not UTF-8 (listed with U+FFFD, it names no file) and lists the rest", () => {
  const dir = tempDir("vsw-list-");
  try {
    fs.writeFileSync(path.join(dir, "a.csv"), "x\n");
    // a Latin-1 name (as unzipped from an old Windows archive): the raw byte 0xE9 is not UTF-8
    const latin1Name = Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from(".csv")]);
    fs.writeFileSync(latin1Name, "y\n");
    fs.mkdirSync(Buffer.concat([Buffer.from(`${dir}/dossi`), Buffer.from([0xe9])]));
    const skipped: { file: string; reason: string }[] = [];
    assert.deepEqual(listSourceFiles([dir], skipped), [path.join(dir, "a.csv")]);
    assert.equal(skipped.length, 2);
    for (const s of skipped) {
      assert.ok(s.file.includes("\ufffd"), s.file);
      assert.match(s.reason, /unreadable path or broken symbolic link \(ENOENT\)/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("readSources gives a listed file it cannot read (deleted since it was listed) as a DataError naming the file and what was expected, not Node's bare error", async () => {
  const dir = tempDir("vsw-src-");
  try {
    fs.writeFileSync(path.join(dir, "a.csv"), "a\n1\n");
    const files = listSourceFiles([dir]);
    fs.rmSync(path.join(dir, "a.csv"));
    await assert.rejects(readSources(files, new ImportLog()), (e: unknown) => {
      assert.ok(e instanceof DataError, String(e));
      assert.equal(e.file, path.join(dir, "a.csv"));
      assert.match(e.value ?? "", /ENOENT/);
      assert.match(e.expected, /a readable file/);
      return true;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("listSourceFiles gives a folder it cannot list (no permission) as a DataError naming the folder, not Node's bare error", (t) => {
  const dir = tempDir("vsw-src-");
  const locked = path.join(dir, "locked");
  fs.mkdirSync(locked);
  fs.writeFileSync(path.join(dir, "a.csv"), "a\n1\n");
  // as root (the suite's user) a folder is always listed: its refusal is played by readdirSync
  // the module object itself (an `import * as` namespace's methods cannot be replaced)
  const nodeFs = createRequire(__filename)("node:fs") as typeof fs;
  const readdirSync = nodeFs.readdirSync;
  t.mock.method(nodeFs, "readdirSync", (p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p) === locked) throw Object.assign(new Error(`EACCES: permission denied, scandir '${locked}'`), { code: "EACCES", syscall: "scandir" });
    return (readdirSync as (...a: unknown[]) => unknown)(p, ...rest);
  });
  assert.throws(() => listSourceFiles([dir]), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.file, locked);
    assert.match(e.value ?? "", /EACCES/);
    assert.match(e.expected, /a readable folder/);
    return true;
  });
});

test("readSourcesAhead reads many files, a few at a time in order, each with fs.readFileSync's bytes (workbooks in shared memory)", async () => {
  const dir = tempDir("source-files-");
  const names = Array.from({ length: 40 }, (_, k) => `${String(k).padStart(2, "0")}.${k % 7 === 3 ? "ods" : "csv"}`);
  names.forEach((n, k) => fs.writeFileSync(path.join(dir, n), Buffer.alloc(1 + ((k * 7919) % 200_000), k)));
  const ahead = readSourcesAhead([dir]);
  assert.ok(ahead !== undefined);
  assert.deepEqual([...ahead.reads.keys()], [...ahead.files.filter((f) => f.endsWith(".ods")), ...ahead.files.filter((f) => !f.endsWith(".ods"))]);
  for (const [file, read] of ahead.reads) {
    const bytes = await read;
    assert.ok(bytes !== undefined, file);
    assert.deepEqual(Buffer.from(bytes), fs.readFileSync(file), file);
    assert.equal(bytes.buffer instanceof SharedArrayBuffer, file.endsWith(".ods"), file);
  }
  fs.rmSync(dir, { recursive: true });
});
