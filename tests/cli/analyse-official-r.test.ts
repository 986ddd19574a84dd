/**
 * A check on real data against R: `vital-signs import` of the official publications, then `vital-signs analyse`
 * with the first ILACS judgement published on or before 31 March 2020, indicators for the year ending March
 * 2019, context IDACI 2019 and `--method pearson` (and again with `--method spearman`); signed raw r, partial r, their 95% intervals, n and p of
 * every indicator compared with base R (tests/reference/official-ilacs-2019.R → fixtures/official-ilacs-2019.json)
 * to 1e-6. Skipped with the reason when the official data is absent, unless VSW_REQUIRE_OFFICIAL=1 or CI.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { buildAnalysisFrame, type AnalysisFrame } from "../../lib/vitals/frame";
import { loadOfficial } from "../../lib/notebook/official-cache";
import { capture } from "../helpers/cli";
import { OFFICIAL_DATA_DIR, officialTest } from "../helpers/official";
import { tempDir } from "../helpers/temp-dirs";

const REFERENCE = path.join(__dirname, "../reference/fixtures/official-ilacs-2019.json");
const REGENERATE = "Rscript tests/reference/official-ilacs-2019.R PACKAGE_DIR (PACKAGE_DIR from `vital-signs import ../shared/data/official --out PACKAGE_DIR`)";
/** The brief's tolerance for r, interval limits and p against R (observed: ~1e-14). */
const TOLERANCE = 1e-6;
/** Relative tolerance of the input fingerprint (sums of the values R and the workbench read). */
const FINGERPRINT_TOLERANCE = 1e-9;
const STATISTICS = ["raw_r", "raw_p", "raw_r_lower", "raw_r_upper", "partial_r", "partial_p", "partial_r_lower", "partial_r_upper", "context_r2"] as const;

type RRow = Record<string, number | null>;
interface Block { indicators: Record<string, RRow>; context: Record<string, RRow> }
interface Reference extends Block { cli_args: string[]; las: number; linked: number; spearman: Block }
type Association = Record<string, unknown> & { indicator: string; n: number; n_complete: number };

officialTest("analyse on the official ILACS 2019 data: signed r, partial r, intervals, n and p equal R's to 1e-6 (pearson, then spearman)", async (t) => {
  const ref = JSON.parse(fs.readFileSync(REFERENCE, "utf8")) as Reference;
  const official = await loadOfficial(OFFICIAL_DATA_DIR); // `vital-signs import` of the folder, cached per machine
  // the inputs the workbench reads, as the CLI's analyse builds them (the same for both methods): the cached
  // package is the one readPackage(official.dir) gives (its snapshot is checked against the files' sha256)
  const frame = buildAnalysisFrame(official.pkg, {
    period: 2019, context: ["idaci_score"], link: { kind: "first-on-or-before", outcome: "ofsted_ilacs_overall", date: "2020-03-31" },
  });
  for (const method of ["pearson", "spearman"] as const) {
    await t.test(`--method ${method}`, async () => compareWithR(ref, official.dir, frame, method, method === "pearson" ? ref : ref.spearman));
  }
});

/** Run the CLI with the reference's options and `--method`, and compare every indicator with R's block. */
async function compareWithR(ref: Reference, pkgDir: string, frame: AnalysisFrame, method: "pearson" | "spearman", block: Block): Promise<void> {
  const outDir = tempDir(`vsw-official-r-${method}-`);
  const args = ref.cli_args.map((a) => (a === "pearson" ? method : a));
  const c = capture();
  assert.equal(await main(["analyse", pkgDir, ...args, "--resamples", "10", "--out", outDir], c.io), 0, c.err.join(""));
  const results = JSON.parse(fs.readFileSync(path.join(outDir, "results.json"), "utf8"));
  assert.equal(results.correlation.method, method);
  // the official package's shared services are said where the data are described (audit, round 25)
  assert.match(fs.readFileSync(path.join(outDir, "report.html"), "utf8"), /<strong>Shared services:<\/strong> Kingston upon Thames and Richmond upon Thames \(Achieving for Children\) report the workforce census jointly;.* The screen counts such a joint figure once for each member LA, as two LAs of the same value\./);
  assert.equal(results.period, 2019);
  assert.deepEqual(results.values_used.indicator_periods, [{ period: 2019, las: ref.linked }]);
  assert.ok(results.link_rule.judgements_published.last <= "2020-03-31");
  assert.equal(results.outcome.n_las, ref.las);
  assert.equal(results.outcome.n_linked, ref.linked);

  // the inputs the workbench read, summed as R sums them: tells a changed import from a wrong statistic
  const idaci = frame.context[0].values;
  const fingerprint = (x: ArrayLike<number>) => {
    let n = 0, sumX = 0, sumX2 = 0, sumXBetter = 0;
    for (let i = 0; i < x.length; i++) {
      const b = frame.outcomeBetter[i];
      if (Number.isNaN(x[i]) || Number.isNaN(b) || Number.isNaN(idaci[i])) continue;
      n++; sumX += x[i]; sumX2 += x[i] ** 2; sumXBetter += x[i] * b;
    }
    return { n_complete: n, sum_x: sumX, sum_x2: sumX2, sum_x_better: sumXBetter };
  };
  const sameInput = (mine: Record<string, number>, r: RRow) =>
    Object.entries(mine).every(([k, v]) => Math.abs(v - (r[k] as number)) <= FINGERPRINT_TOLERANCE * Math.max(1, Math.abs(v)));

  const byId = new Map<string, Association>((results.associations as Association[]).map((a) => [a.indicator, a]));
  const ctxRows = new Map<string, Association>((results.context_associations as Association[]).map((a) => [a.indicator, a]));
  const stale: string[] = [];
  const wrong: string[] = [];
  let compared = 0;
  let worst = 0;
  const check = (id: string, mine: Association | undefined, r: RRow, values: ArrayLike<number> | undefined) => {
    if (!mine || !values) return void wrong.push(`${id}: not in the workbench's results`);
    if (!sameInput(fingerprint(values), r)) return void stale.push(id);
    if (mine.n !== r.n || mine.n_complete !== r.n_complete) wrong.push(`${id}: n ${mine.n}/${mine.n_complete} vs R ${r.n}/${r.n_complete}`);
    for (const stat of STATISTICS) {
      if (!(stat in r)) {
        if (stat.startsWith("partial") && id in block.context) continue; // a context row has no partial given itself
        if (mine[stat] !== null) wrong.push(`${id}: ${stat} = ${mine[stat]} where R has none`);
        continue;
      }
      const got = mine[stat];
      if (typeof got !== "number") {
        wrong.push(`${id}: ${stat} is ${got}, R ${r[stat]}`);
        continue;
      }
      const err = Math.abs(got - (r[stat] as number));
      worst = Math.max(worst, err);
      if (!(err <= TOLERANCE)) wrong.push(`${id}: ${stat} = ${got} vs R ${r[stat]}`);
    }
    if ("raw_r" in r) compared++;
  };
  for (const [id, r] of Object.entries(block.indicators)) {
    const j = frame.indicators.findIndex((ind) => ind.indicator === id);
    check(id, byId.get(id), r, j >= 0 ? frame.slots[0].values[j] : undefined);
  }
  for (const [id, r] of Object.entries(block.context)) check(id, ctxRows.get(id), r, idaci);

  assert.deepEqual(wrong, [], `statistics differ from R (largest difference ${worst})`);
  assert.deepEqual(stale, [], `the imported values of ${stale.length} indicators differ from those R read: the import changed; regenerate with ${REGENERATE}`);
  // 99 of the 127 screened indicators have 2019 values for enough LAs (context-tagged ones are not screened)
  assert.ok(compared >= 90, `only ${compared} indicators had statistics to compare`);
  assert.equal(Object.keys(block.indicators).length, (results.associations as unknown[]).length, "R and the workbench screen the same indicators");
}
