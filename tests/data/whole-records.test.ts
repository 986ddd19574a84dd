import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { readWholeRecords } from "../../lib/data/whole-records";
import { tempDir } from "../helpers/temp-dirs";

const lineEnd = (buf: Buffer, filled: number) => buf.lastIndexOf(10, filled - 1) + 1;

/** The parts readWholeRecords hands over for `text` read in chunks of `chunk` bytes, and the bytes onRead saw. */
function parts(text: string, chunk: number): { parts: string[]; seen: string; lasts: number } {
  const file = path.join(tempDir("vsw-whole-"), "f.csv");
  fs.writeFileSync(file, text);
  const fd = fs.openSync(file, "r");
  const got: string[] = [];
  const seen: Buffer[] = [];
  let lasts = 0;
  try {
    readWholeRecords(fd, chunk, lineEnd, (buf, end, last) => {
      got.push(buf.toString("utf8", 0, end));
      if (last) lasts++;
    }, (bytes) => seen.push(Buffer.from(bytes)));
  } finally {
    fs.closeSync(fd);
  }
  return { parts: got, seen: Buffer.concat(seen).toString("utf8"), lasts };
}

test("every part is whole lines (the last may lack its line feed), in order, whatever the chunk size", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", "b", "é", ",") }), { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), (lines, trailing, chunk) => {
      const text = lines.join("\n") + (trailing && lines.length ? "\n" : "");
      const r = parts(text, chunk);
      assert.equal(r.parts.join(""), text, "nothing lost, nothing repeated");
      assert.equal(r.seen, text, "onRead sees every byte once, in order");
      assert.equal(r.lasts, 1, "one last part");
      r.parts.slice(0, -1).forEach((p) => assert.ok(p === "" || p.endsWith("\n"), `a part ends at a line end: ${JSON.stringify(p)}`));
    }),
    { numRuns: 200 },
  );
});

test("a line longer than the chunk is handed over whole (the buffer grows), and consume returning false stops", () => {
  const long = "x".repeat(100);
  const r = parts(`${long}\nshort\n`, 8);
  assert.ok(r.parts[0].startsWith(`${long}\n`), "the first part holds the long line whole");
  assert.equal(r.parts.join(""), `${long}\nshort\n`);
  const file = path.join(tempDir("vsw-whole-"), "f.csv");
  fs.writeFileSync(file, "a\nb\nc\n");
  const fd = fs.openSync(file, "r");
  let calls = 0;
  try {
    assert.equal(readWholeRecords(fd, 2, lineEnd, () => (++calls, false)), false);
  } finally {
    fs.closeSync(fd);
  }
  assert.equal(calls, 1);
});
