/**
 * The sources' sha256, computed once per bytes object, early while the import waits (source-hashes.ts): the
 * same hashes as sha256, and hashing stops as soon as the wait is over.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sha256 } from "../../../lib/data/package";
import { hashSourcesWhile, sourceSha256 } from "../../../lib/data/import/source-hashes";

test("sourceSha256 is sha256, computed once per bytes object", () => {
  const bytes = new TextEncoder().encode("abc");
  assert.equal(sourceSha256(bytes), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(sourceSha256(bytes), sha256(bytes));
  bytes[0] = 0x78; // a source's bytes never change: the hash of this object is not computed again
  assert.equal(sourceSha256(bytes), sha256("abc"));
  assert.equal(sourceSha256(new TextEncoder().encode("xbc")), sha256("xbc"));
});

test("hashSourcesWhile hashes one source at a time while waiting() holds, and stops when it no longer does", async () => {
  const sources = Array.from({ length: 5 }, (_, k) => new TextEncoder().encode(`source ${k} ${Math.random()}`));
  let asked = 0;
  await hashSourcesWhile(() => ++asked <= 2, sources);
  assert.equal(asked, 3, "asked before each file: two hashed, then the wait was over");
  // the two hashed are cached: the rest are hashed by the next call, which asks only for those
  let askedAgain = 0;
  await hashSourcesWhile(() => (askedAgain++, true), sources);
  assert.equal(askedAgain, 3);
  for (const s of sources) assert.equal(sourceSha256(s), sha256(s));
  let never = 0;
  await hashSourcesWhile(() => (never++, true), sources);
  assert.equal(never, 0, "nothing left to hash");
});
