import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import { importReturnsInParallel, shareLas } from "../../lib/returns/import-parallel";
import { importReturns } from "../../lib/returns/import-returns";
import { discoverReturns } from "../../lib/returns/discover";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { TSX_CHILD_FLAGS } from "../helpers/tsx-child";
import { plainImport, TEST_KEY, tempDir } from "./helpers";

/** Several LAs and years, with rows the readers drop or warn about in more than one LA (so the log's order shows). */
function returnsWithProblems(): string {
  const dir = path.join(tempDir(), "in");
  writeSyntheticReturns(dir, {
    seed: 5,
    las: [
      { la: "E09000002", lookedAfterChildren: 60, cinChildren: 120, careLeaversPerYear: 8 },
      { la: "E09000003", lookedAfterChildren: 40, cinChildren: 90, careLeaversPerYear: 6 },
      { la: "E06000001", lookedAfterChildren: 30, cinChildren: 50, careLeaversPerYear: 5 },
    ],
    firstYear: 2022,
    lastYear: 2023,
  });
  for (const la of ["E09000002", "E06000001"]) {
    const episodes = path.join(dir, la, "2023", "episodes.csv");
    fs.appendFileSync(episodes, "NOBODY,01/04/2022,S,C2,N1,U1,PR1,,,,,,\nX,bad-date,S,C2,N1,U1,PR1,,,,,,\n");
    const cin = path.join(dir, la, "2022", "cin_census.xml");
    fs.writeFileSync(cin, fs.readFileSync(cin, "utf8").replace("<CINreferralDate>", "<CINreferralDate>not-a-date"));
  }
  return dir;
}

test("on 1, 2 or 3 workers the import gives the same indicators, estimates and import log, entry for entry, as on one thread", async () => {
  const dir = returnsWithProblems();
  const one = plainImport(importReturns(dir, { key: TEST_KEY }));
  assert.ok(one.log.entries.some((e) => e.action === "dropped"), "the set has dropped rows");
  for (const workers of [0, 1, 2, 3]) {
    const failures: string[] = [];
    const result = await importReturnsInParallel(dir, { key: TEST_KEY, workers, onWorkerFailure: (reason) => failures.push(reason) });
    assert.deepEqual(failures, [], "every worker ran its share");
    assert.deepEqual(plainImport(result), one, `${workers} workers`);
  }
});

test("malformed XML in one LA is the same DataError on one thread and on several", async () => {
  const dir = returnsWithProblems();
  const cin = path.join(dir, "E09000003", "2023", "cin_census.xml");
  fs.writeFileSync(cin, fs.readFileSync(cin, "utf8").replace("</Child>", "</Kid>"));
  let expected: unknown;
  assert.throws(() => importReturns(dir, { key: TEST_KEY }), (e: unknown) => ((expected = e), e instanceof DataError));
  await assert.rejects(importReturnsInParallel(dir, { key: TEST_KEY, workers: 2 }), (e: unknown) => e instanceof DataError && e.message === (expected as Error).message);
});

test("LAs are shared out whole, largest first, to the thread with the fewest bytes", () => {
  const dir = returnsWithProblems();
  const found = discoverReturns(dir, new ReturnsImportLog());
  const shares = shareLas(found.ssda903, found.cin, 2);
  const las = shares.map((s) => new Set([...s.ssda903, ...s.cin].map((f) => f.la)));
  assert.equal(las[0].size + las[1].size, 3);
  for (const la of las[0]) assert.ok(!las[1].has(la), `${la} on one thread only`);
  assert.ok(las[0].has("E09000002"), "the largest LA goes to the calling thread");
});

test("workers start when the process runs with a heap limit (--max-old-space-size), which a worker's own flags may not carry", async () => {
  const { spawnSync } = await import("node:child_process");
  const dir = returnsWithProblems();
  const script = `
    const { importReturnsInParallel } = require(${JSON.stringify(path.resolve(__dirname, "../../lib/returns/import-parallel"))});
    importReturnsInParallel(${JSON.stringify(dir)}, { key: Buffer.from("returns-test-key-0123456789abcdef"), workers: 1, onWorkerFailure: (r) => { console.log("FAILED " + r); process.exitCode = 1; } })
      .then((r) => console.log("rows " + r.indicators.length));`;
  const r = spawnSync(process.execPath, ["--max-old-space-size=200", ...TSX_CHILD_FLAGS, "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^rows \d+/m);
});
