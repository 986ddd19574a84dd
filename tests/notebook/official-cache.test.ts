/**
 * loadOfficial: one cached import of the official folder shared by notebooks and tests. Small hand-made
 * official-format folders (a lookup and one CIN census file) keep the imports fast; each test has its own
 * cache folder. The real folder's cached import is
 * checked by tests/data/import/official.test.ts, which reads it through loadOfficial.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { importOfficial } from "../../lib/data/import/import-official";
import { packageContent, readPackage } from "../../lib/data/package";
import { ENTRY_UNUSED_MS, loadOfficial, MAX_CACHE_ENTRIES, officialCacheKey, OFFICIAL_CACHE_CREATED } from "../../lib/notebook/official-cache";
import { tempDir } from "../helpers/temp-dirs";
import { TSX_CHILD_FLAGS } from "../helpers/tsx-child";

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,",
  "805,E06000001,Hartlepool,E12000001,North East,2013,2025,",
].join("\n");
const HEAD = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category";
const C1_FILE = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv";
const c1 = (hartlepoolPct: string) => [
  `${HEAD},referral_count,rereferral_count,rereferral_percent`,
  "2025,Reporting year,National,E92000001,England,,,,,,R,632830,142900,22.6",
  `2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,E06000001,Hartlepool,R,2020,536,${hartlepoolPct}`,
  "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking and Dagenham,R,3000,c,c",
].join("\n");

/** Another name for the same cache folder: a new in-process lookup, as a new process would make. */
function alias(cacheDir: string): string {
  const link = path.join(tempDir("vsw-cache-alias-"), "cache");
  fs.symlinkSync(cacheDir, link);
  return link;
}

function sources(pct = "26.5"): string {
  const dir = tempDir("vsw-cache-src-");
  fs.mkdirSync(path.join(dir, "derived"));
  fs.writeFileSync(path.join(dir, "derived", "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  fs.writeFileSync(path.join(dir, C1_FILE), c1(pct));
  return dir;
}

const hartlepool = (rows: readonly { la_code: string; indicator: string; value: number | null }[]) =>
  rows.find((r) => r.la_code === "E06000001" && r.indicator === "cin_rereferral_pct")?.value;

test("the first call imports into the cache; the next (a fresh process's view) reads the same package from it", async () => {
  const src = sources();
  const cacheDir = tempDir("vsw-cache-");
  const first = await loadOfficial(src, { cacheDir });
  assert.equal(first.fromCache, false);
  assert.equal(first.dir, path.join(cacheDir, `official-${first.key.slice(0, 32)}`));
  assert.equal(first.pkg.descriptor.created, OFFICIAL_CACHE_CREATED);
  assert.ok(first.detected.some((d) => d.file.endsWith(C1_FILE)));
  assert.ok(first.log.length > 0);
  // the same call in this process shares the promise; another cache path string for the same folder reads the entry
  assert.equal(await loadOfficial(src, { cacheDir }), first);
  const second = await loadOfficial(src, { cacheDir: alias(cacheDir) });
  assert.equal(second.fromCache, true);
  assert.equal(second.key, first.key);
  assert.deepEqual(packageContent(second.pkg), packageContent(first.pkg));
  assert.deepEqual([second.log, second.detected], [first.log, first.detected]);
  // the package comes from the entry's snapshot: the same tables, columns and descriptor as readPackage of its CSVs
  const read = readPackage(second.dir);
  for (const name of ["areas", "catalogue", "indicators", "context", "outcomes", "benchmarks"] as const) {
    assert.deepEqual(second.pkg[name]?.columnNames(), read[name]?.columnNames(), name);
    assert.deepEqual(second.pkg[name]?.objects(), read[name]?.objects(), name);
  }
  assert.deepEqual(second.pkg.descriptor, read.descriptor);
  assert.equal(second.pkg.dir, second.dir);
  assert.deepEqual(fs.readdirSync(cacheDir).filter((n) => !n.startsWith("official-") || n.includes(".")), [], "no lock or temporary folder left");
});

test("a changed source file, another folder or other options give another key: a miss, and the new values", async () => {
  const src = sources("26.5");
  const cacheDir = tempDir("vsw-cache-");
  const a = await loadOfficial(src, { cacheDir });
  assert.equal(hartlepool(packageContent(a.pkg).indicators), 26.5);
  fs.writeFileSync(path.join(src, C1_FILE), c1("26.6"));
  const b = await loadOfficial(src, { cacheDir });
  assert.notEqual(b.key, a.key);
  assert.equal(b.fromCache, false);
  assert.equal(hartlepool(packageContent(b.pkg).indicators), 26.6);
  const copy = sources("26.6");
  assert.notEqual(officialCacheKey(copy, { created: OFFICIAL_CACHE_CREATED }), b.key, "the folder is part of the key");
  assert.notEqual(officialCacheKey(src, { created: "2016-03-31T00:00:00Z" }), b.key, "created is part of the key");
  assert.equal(officialCacheKey(src, { created: OFFICIAL_CACHE_CREATED }), b.key);
});

test("a corrupted entry (a changed byte, a missing file, unreadable manifest) is removed and imported again", async () => {
  const src = sources();
  const cacheDir = tempDir("vsw-cache-");
  const good = await loadOfficial(src, { cacheDir });
  const want = packageContent(good.pkg);
  const corruptions: ((dir: string) => void)[] = [
    (dir) => fs.writeFileSync(path.join(dir, "indicators.csv"), fs.readFileSync(path.join(dir, "indicators.csv"), "utf8").replace("26.5", "99.9")),
    (dir) => fs.rmSync(path.join(dir, "areas.csv")),
    (dir) => fs.writeFileSync(path.join(dir, "cache-manifest.json"), "{ not json"),
    (dir) => fs.writeFileSync(path.join(dir, "extra.csv"), "x\n1\n"),
    (dir) => fs.writeFileSync(path.join(dir, "package.v8"), Buffer.from([0xff, 0x0d, 0x6f])),
  ];
  for (const corrupt of corruptions) {
    corrupt(good.dir);
    const again = await loadOfficial(src, { cacheDir: alias(cacheDir) });
    assert.equal(again.fromCache, false, "a corrupted entry is not used");
    assert.deepEqual(packageContent(again.pkg), want);
  }
});

test("processes asking at once import the folder once; the others wait for the entry and read it", async () => {
  const src = sources();
  const cacheDir = tempDir("vsw-cache-");
  const script = [
    `const { loadOfficial } = require(${JSON.stringify(path.join(__dirname, "..", "..", "lib", "notebook", "official-cache.ts"))});`,
    `loadOfficial(${JSON.stringify(src)}, { cacheDir: ${JSON.stringify(cacheDir)} })`,
    "  .then((r) => console.log(JSON.stringify({ fromCache: r.fromCache, key: r.key, rows: r.pkg.indicators.numRows() })));",
  ].join("\n");
  const run = promisify(execFile);
  const outs = await Promise.all([1, 2, 3].map(() => run(process.execPath, [...TSX_CHILD_FLAGS, "-e", script], { cwd: path.join(__dirname, "..", "..") })));
  const results = outs.map((o) => JSON.parse(o.stdout) as { fromCache: boolean; key: string; rows: number });
  assert.equal(results.filter((r) => !r.fromCache).length, 1, JSON.stringify(results));
  assert.equal(new Set(results.map((r) => `${r.key} ${r.rows}`)).size, 1);
  assert.deepEqual(fs.readdirSync(cacheDir).filter((n) => n.startsWith("official-")).length, 1);
});

test("making an entry removes the entries not used for ENTRY_UNUSED_MS and keeps the recently used ones", async () => {
  const cacheDir = tempDir("vsw-cache-");
  const old = await loadOfficial(sources("26.5"), { cacheDir });
  const recent = await loadOfficial(sources("26.6"), { cacheDir });
  const longAgo = new Date(Date.now() - ENTRY_UNUSED_MS - 60_000);
  fs.utimesSync(path.join(old.dir, "cache-manifest.json"), longAgo, longAgo);
  const made = await loadOfficial(sources("26.7"), { cacheDir });
  assert.equal(made.fromCache, false);
  assert.equal(fs.existsSync(old.dir), false, "the unused entry is removed");
  assert.equal(fs.existsSync(recent.dir), true, "the recently used entry stays");
});

test("making an entry keeps only the MAX_CACHE_ENTRIES most recently used entries", async () => {
  const cacheDir = tempDir("vsw-cache-");
  // entries of other importer versions, used one minute apart (only their manifests' times matter here)
  const others = Array.from({ length: MAX_CACHE_ENTRIES + 1 }, (_, i) => {
    const dir = path.join(cacheDir, `official-${i.toString(16).padStart(32, "0")}`);
    fs.mkdirSync(dir);
    const used = new Date(Date.now() - (i + 1) * 60_000);
    fs.writeFileSync(path.join(dir, "cache-manifest.json"), "{}");
    fs.utimesSync(path.join(dir, "cache-manifest.json"), used, used);
    return dir;
  });
  const made = await loadOfficial(sources("26.8"), { cacheDir });
  assert.equal(made.fromCache, false);
  assert.deepEqual(others.map((d) => fs.existsSync(d)), others.map((_, i) => i < MAX_CACHE_ENTRIES - 1), "the most recently used others stay, the rest go");
  assert.equal(fs.readdirSync(cacheDir).filter((n) => n.startsWith("official-")).length, MAX_CACHE_ENTRIES);
});

test("a folder that cannot be imported throws the import's error and leaves nothing in the cache", async () => {
  const src = tempDir("vsw-cache-src-");
  fs.writeFileSync(path.join(src, "notes.txt"), "no lookup here");
  const cacheDir = tempDir("vsw-cache-");
  await assert.rejects(loadOfficial(src, { cacheDir }), /lookup/i);
  assert.deepEqual(fs.readdirSync(cacheDir), []);
});

test("the cached package holds what importOfficial gives for the folder (rows, sources, log, detected)", async () => {
  const src = sources();
  const cached = await loadOfficial(src, { cacheDir: tempDir("vsw-cache-") });
  const fresh = await importOfficial([src], { created: OFFICIAL_CACHE_CREATED });
  const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
  assert.deepEqual(json(packageContent(cached.pkg)), json(fresh.content));
  assert.deepEqual(cached.log, fresh.log);
  assert.deepEqual(cached.detected, JSON.parse(JSON.stringify(fresh.detected)));
});
