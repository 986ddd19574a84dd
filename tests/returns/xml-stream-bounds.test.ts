import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { streamXmlFile } from "../../lib/returns/xml-file-stream";
import { tempDir } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");

/** The texts of a file's elements named `name`, streamed; `onOpen` is called at each start tag. */
function textsOf(file: string, name: string, onOpen: (element: string) => void = () => {}): string[] {
  const texts: string[] = [];
  let text = "";
  streamXmlFile(file, {
    open: (element) => ((text = ""), onOpen(element)),
    close: (element) => element === name && texts.push(text),
    text: (t) => (text += t),
  });
  return texts;
}

test("a file streamed from a handler of another (after a third filled the reused read buffer) leaves the outer file's bytes alone", () => {
  const dir = tempDir();
  const first = path.join(dir, "first.xml");
  const outer = path.join(dir, "outer.xml");
  const inner = path.join(dir, "inner.xml");
  fs.writeFileSync(first, "<r><b>first</b></r>");
  fs.writeFileSync(outer, `<r><nest/>${"<b>outer-text</b>".repeat(5000)}</r>`);
  fs.writeFileSync(inner, `<x>${"<y>inner-inner-inner</y>".repeat(5000)}</x>`);
  assert.deepEqual(textsOf(first, "b"), ["first"]);
  let innerTexts: string[] = [];
  const outerTexts = textsOf(outer, "b", (element) => {
    if (element === "nest") innerTexts = textsOf(inner, "y");
  });
  assert.deepEqual(outerTexts, new Array(5000).fill("outer-text"));
  assert.deepEqual(innerTexts, new Array(5000).fill("inner-inner-inner"));
});

test("a file streamed after one that failed half-way gets none of its bytes", () => {
  const dir = tempDir();
  const bad = path.join(dir, "bad.xml");
  const good = path.join(dir, "good.xml");
  fs.writeFileSync(bad, `<r>${"<b>bad-bytes</b>".repeat(20000)}<b>x</c></r>`);
  fs.writeFileSync(good, "<r><b>good</b></r>");
  assert.throws(() => textsOf(bad, "b"));
  assert.deepEqual(textsOf(good, "b"), ["good"]);
});

test("a file of a million distinct element names is streamed in bounded memory (names past the table are not kept)", () => {
  const dir = tempDir();
  const file = path.join(dir, "names.xml");
  const parts = ["<r>"];
  for (let k = 0; k < 1_000_000; k++) parts.push(`<n${k}/>`);
  parts.push("</r>");
  fs.writeFileSync(file, parts.join(""));
  // heap growth, measured in a child process after full collections: a chain of every name made past the table's
  // 4096 held ≈ 390 MiB here; the names in the table and the scanner's buffers hold a few MiB
  const script = [
    `const { streamXmlFile } = require(${JSON.stringify(path.join(ROOT, "lib", "returns", "xml-file-stream.ts"))});`,
    "global.gc(); const before = process.memoryUsage().heapUsed; let opened = 0, grown = 0;",
    `streamXmlFile(${JSON.stringify(file)}, { open() { if (++opened % 250000 === 0) { global.gc(); grown = Math.max(grown, process.memoryUsage().heapUsed - before); } }, close() {}, text() {} });`,
    "console.log(JSON.stringify({ opened, grownMiB: grown / 2 ** 20 }));",
  ].join("\n");
  const r = spawnSync(process.execPath, ["--expose-gc", "--require", "tsx/cjs", "-e", script], { encoding: "utf8", cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  const { opened, grownMiB } = JSON.parse(r.stdout.trim().split("\n").pop() as string) as { opened: number; grownMiB: number };
  assert.equal(opened, 1_000_001);
  assert.ok(grownMiB < 40, `heap grew by ${grownMiB.toFixed(1)} MiB`);
});

test("texts a handler keeps hold no more memory than copies of them (a kept text is never a slice of a window string)", () => {
  const dir = tempDir();
  const file = path.join(dir, "texts.xml");
  const parts = ["<r>"];
  // each kept text (27 characters) among 300 bytes that are not kept, as a census's ids sit among other elements
  for (let k = 0; k < 20_000; k++) parts.push(`<t>${String(k).padStart(6, "0")}-text-of-thirty-chars</t><pad>${"x".repeat(300)}</pad>`);
  parts.push("</r>");
  fs.writeFileSync(file, parts.join(""));
  // in a child process, after full collections: the heap the kept texts hold, against what flat copies of them
  // hold (had they been slices of the scanner's 32 KiB window strings, they would hold every window: ≈ 7 times more)
  const script = [
    `const { streamXmlFile } = require(${JSON.stringify(path.join(ROOT, "lib", "returns", "xml-file-stream.ts"))});`,
    "const held = () => (global.gc(), process.memoryUsage().heapUsed);",
    "const base = held(); const kept = [];",
    `streamXmlFile(${JSON.stringify(file)}, { open() {}, close() {}, text(t) { if (t.includes("-text-")) kept.push(t); } });`,
    "const streamed = held() - base;",
    "const copies = kept.map((t) => Buffer.from(t).toString()); kept.length = 0;",
    "const copied = held() - base;",
    "console.log(JSON.stringify({ n: copies.length, streamed, copied }));",
  ].join("\n");
  const r = spawnSync(process.execPath, ["--expose-gc", "--require", "tsx/cjs", "-e", script], { encoding: "utf8", cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  const { n, streamed, copied } = JSON.parse(r.stdout.trim().split("\n").pop() as string) as { n: number; streamed: number; copied: number };
  assert.equal(n, 20_000);
  assert.ok(streamed < 2 * copied + 2 ** 20, `kept texts hold ${streamed} bytes, copies of them ${copied}`);
});
