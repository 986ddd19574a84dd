/**
 * The `pilot` command loads only what a plain run needs: the package reader (and arquero, ≈ 0.25 s CPU to load,
 * more than a tenth of a million-record run) only with --merge-into, and never @stdlib's t quantile (≈ 0.17 s,
 * 400 modules: the package rows hold no interval limits), nor the record-file writer without --records-out. Checked in a fresh process, since the test runner itself
 * may have loaded anything.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TSX_CHILD_FLAGS } from "../helpers/tsx-child";

const ROOT = path.resolve(__dirname, "..", "..");

test("loading the pilot command does not load arquero or the package reader", () => {
  const script = `require(${JSON.stringify(path.join(ROOT, "lib", "cli", "commands", "pilot"))});
const loaded = Object.keys(require.cache);
console.log(JSON.stringify({ arquero: loaded.some((f) => f.includes("/arquero/")), reader: loaded.some((f) => /[\\\\/]data[\\\\/]package\\.[jt]s$/.test(f)), writer: loaded.some((f) => /package-write\\.[jt]s$/.test(f)) }));`;
  const r = spawnSync(process.execPath, [...TSX_CHILD_FLAGS, "-e", script], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").pop()!), { arquero: false, reader: false, writer: true });
});

test("loading the pilot command loads neither the writer of record files nor the HMAC-SHA256 hashers", () => {
  // --records-out alone writes record files (write-records.ts, pending-pseudonyms.ts) and computes HMAC pseudonyms
  // (the WebAssembly module hmac-sha256-x4*, hmac-sha256.ts); the tally tells respondents apart by SipHash (siphash.ts,
  // the WebAssembly siphash-batch.ts and its shipped bytes, not their generator siphash-batch-wasm.ts)
  const script = `require(${JSON.stringify(path.join(ROOT, "lib", "cli", "commands", "pilot"))});
const loaded = Object.keys(require.cache).map((f) => f.split(/[\\\\/]/).pop());
console.log(JSON.stringify(["write-records", "pending-pseudonyms", "hmac-sha256-x4-wasm", "hmac-sha256-x4-layout", "hmac-sha256-x4-module", "hmac-sha256", "siphash", "siphash-batch", "siphash-batch-module", "siphash-batch-wasm", "wasm-code-writer"].map((m) => loaded.some((f) => f.startsWith(m + ".")))));`;
  const r = spawnSync(process.execPath, [...TSX_CHILD_FLAGS, "-e", script], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").pop()!), [false, false, false, false, false, false, true, true, true, false, false]);
});

test("loading the pilot command loads none of the modules only a tally on several threads needs", () => {
  // the blocks, their tally and merge, and starting a worker (lib/pilot/tally-parallel.ts loads them on first use)
  const script = `require(${JSON.stringify(path.join(ROOT, "lib", "cli", "commands", "pilot"))});
const loaded = Object.keys(require.cache).map((f) => f.split(/[\\\\/]/).pop());
console.log(JSON.stringify(["tally-parallel", "record-blocks", "tally-blocks", "tally-merge", "worker-threads"].map((m) => loaded.some((f) => f.startsWith(m + ".")))));`;
  const r = spawnSync(process.execPath, [...TSX_CHILD_FLAGS, "-e", script], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").pop()!), [true, false, false, false, false]);
});

test("a pilot run whose estimates include mean scores writes the package without loading @stdlib", () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vsw-pilot-startup-")), "pkg");
  try {
    const dataset = path.join(ROOT, "datasets", "pilot-records-synthetic");
    const args = [dataset, "--instruments", path.join(dataset, "instruments.json"), "--out", out, "--ephemeral-key"];
    const script = `require(${JSON.stringify(path.join(ROOT, "lib", "cli", "main"))}).main(${JSON.stringify(["pilot", ...args])}).then((code) => {
  const loaded = Object.keys(require.cache);
  console.log(JSON.stringify({ code, stdlib: loaded.filter((f) => f.includes("@stdlib")).length }));
});`;
    // main loads the command through import(): tsx's ESM hooks are needed (tests/helpers/tsx-child.ts)
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").pop()!), { code: 0, stdlib: 0 });
    const rows = fs.readFileSync(path.join(out, "indicators.csv"), "utf8");
    assert.match(rows, /_mean,\d/, "present mean-score rows were written");
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
});
