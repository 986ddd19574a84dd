/**
 * `vital-signs returns DIR --population PKG` with an LA folder named by an earlier code: the package's LAs and its
 * earlier codes (provenance.code_aliases) reach the import (round-27 trial S2-6).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage } from "../../lib/data/package";
import { writePackage } from "../../lib/data/package-write";
import { runWithReturnsKey } from "../helpers/cli";
import { EPISODE_COLS, HEADER_COLS, episodeRow, headerRow, tempDir, writeCsv } from "../returns/helpers";

const run = (args: string[]) => runWithReturnsKey(main, args);

test("returns --population PKG counts a folder named by the package's earlier code under the LA's current code, and says so", async () => {
  const tmp = tempDir("vsw-returns-cli-");
  // North Yorkshire's county code, which only the package's code_aliases know
  const dir = path.join(tmp, "in", "E10000023", "2023-24");
  writeCsv(dir, "header.csv", HEADER_COLS, Array.from({ length: 30 }, (_, k) => headerRow(`K${k}`, "01/01/2012")));
  writeCsv(dir, "episodes.csv", EPISODE_COLS, Array.from({ length: 30 }, (_, k) => episodeRow(`K${k}`, "01/05/2023", "S", "C2", "U1")));
  const popPkg = path.join(tmp, "pop");
  writePackage(popPkg, {
    name: "pop", title: "Population", created: "2026-01-01", provenance: { code_aliases: { E10000023: "E06000065" } },
    areas: [{ la_code: "E06000065", la_name: "North Yorkshire", region_code: "E12000003", region_name: "Yorkshire and The Humber", old_la_code: "815", first_period: null, last_period: null }],
    catalogue: [], indicators: [], outcomes: [],
    context: [{ la_code: "E06000065", period: 2024, variable: "child_population_0_17", value: 1200 }],
  });
  const out = path.join(tmp, "out");
  const r = await run(["returns", path.join(tmp, "in"), "--out", out, "--population", popPkg, "--created", "2026-01-01"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /warning: E10000023: LA folder E10000023 is an earlier ONS code of North Yorkshire \(E06000065\): its returns are counted under E06000065\n/);
  const pkg = readPackage(out);
  assert.deepEqual(pkg.areas.objects().map((a) => [(a as { la_code: string }).la_code, (a as { la_name: string }).la_name]), [["E06000065", "North Yorkshire"]]);
  const rate = (pkg.indicators.objects() as { la_code: string; indicator: string; value: number }[]).find((x) => x.indicator === "cla_rate_per_10k");
  assert.ok(rate !== undefined && rate.la_code === "E06000065" && Math.abs(rate.value - (30 / 1200) * 10000) < 1e-9, JSON.stringify(rate));
});
