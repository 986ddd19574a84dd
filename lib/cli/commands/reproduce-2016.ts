import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { importOfficialToPackage } from "../../data/import/import-official";
import { readPackage } from "../../data/package";
import { jsonNumber } from "../../vitals/results";
import type { ScreenRow } from "../../vitals/screen";
import { STUDY_2016_TABLE2, STUDY_2016_TABLE4, reproduceStudy2016, type Study2016Reproduction } from "../../vitals/study2016";
import type { CliCommand, CliIO } from "../command";
import { DEFAULT_OFFICIAL_DATA } from "../paths";
import { existingInput, packageDirArgument } from "../options";
import { withProgress } from "../progress-bar";

const f = (v: number | null | undefined, d = 3) => (v === null || v === undefined || Number.isNaN(v) ? "—" : v.toFixed(d));
const fp = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? "—" : v < 0.0001 ? "<0.0001" : v.toFixed(4));

/**
 * Print the reproduction as text tables, ours beside the paper's.
 * @example printStudy2016(reproduceStudy2016(readPackage("/tmp/england")), processIO);
 */
export function printStudy2016(r: Study2016Reproduction, io: CliIO): void {
  io.out(`Reproducing ${r.citation}\n\n`);
  io.out(`Sample: ${r.sample.rule}: ${r.sample.nLinked} of ${r.sample.nLas} LAs (grades ${r.sample.distribution.map((d) => `${d.value}: ${d.count}`).join(", ")})\n\n`);
  io.out("Table A2a — one-variable OLS of the SIF grade: ours beside the published values\n");
  io.out(`${"var".padEnd(4)}${"indicator".padEnd(40)}${"period".padEnd(8)}${"n".padStart(4)}  ${"R ours".padStart(7)} ${"R paper".padStart(8)}  ${"F-p ours".padStart(9)} ${"F-p paper".padStart(9)}\n`);
  for (const x of r.rows) {
    io.out(`${String(x.variable).padEnd(4)}${x.indicator.padEnd(40)}${String(x.period).padEnd(8)}${String(x.n).padStart(4)}  ${f(x.multipleR).padStart(7)} ${f(x.publishedMultipleR).padStart(8)}  ${fp(x.significanceF).padStart(9)} ${fp(x.publishedSignificanceF).padStart(9)}${x.note ? `\n    ${x.note}` : ""}\n`);
  }
  const side = (title: string, rows: Study2016Reproduction["table1"], total: number) => {
    io.out(`\n${title}\n  indicators  LAs ours  LAs paper\n`);
    for (const t of rows) io.out(`  ${String(t.count).padStart(10)}  ${String(t.ours).padStart(8)}  ${t.published === null ? "—".padStart(9) : String(t.published).padStart(9)}\n`);
    io.out(`  ${"total".padStart(10)}  ${String(rows.reduce((s, t) => s + t.ours, 0)).padStart(8)}  ${String(total).padStart(9)}\n`);
  };
  // in the paper's order, 1 to 4 (1 and 3 had been printed before 2: a user trial, round 27)
  side("Table 1 — LAs by number of the 11 child-outcome variables in the best 10%", r.table1, 152);
  io.out("\nTable 2 — LAs with 4+ variables in the best 10% (ours: first SIF judgement and its publication date)\n");
  for (const t of r.table2) io.out(`  ${t.laName.padEnd(28)} ${t.best}  ${t.rating} ${t.date}\n`);
  io.out(`  paper: ${STUDY_2016_TABLE2.map((t) => `${t.la} (${t.rating}${t.date ? ` ${t.date}` : ""})`).join("; ")}\n`);
  side("Table 3 — LAs by number of the 11 child-outcome variables in the worst 10%", r.table3, 152);
  io.out("\nTable 4 — LAs with 4+ variables in the worst 10%\n");
  for (const t of r.table4) io.out(`  ${t.laName.padEnd(28)} ${t.worst}  ${t.rating} ${t.date}\n`);
  io.out(`  paper: ${STUDY_2016_TABLE4.map((t) => `${t.la} (${t.rating}${t.date ? ` ${t.date}` : ""})`).join("; ")}\n`);
  io.out("\nWhy the numbers differ\n");
  for (const d of r.differences) io.out(`  - ${d}\n`);
  io.out(`\nBeyond the paper — rank, ordinal and context-adjusted association with a BETTER grade (positive: higher value, better grade); q = BH over the ${r.rows.filter((x) => x.screen).length} variables\n`);
  io.out(`${"indicator".padEnd(40)}${"rho".padStart(7)}${"p".padStart(9)}${"polr/SD".padStart(9)}${"p".padStart(9)}${"pr|IDACI".padStart(9)}${"p".padStart(9)}${"q".padStart(9)}${"pr|IMD".padStart(8)}\n`);
  for (const x of r.rows) {
    if (!x.screen) continue;
    const s = x.screen;
    io.out(`${x.indicator.padEnd(40)}${f(s.spearmanRho).padStart(7)}${fp(s.spearmanP).padStart(9)}${f(s.ordinalCoef, 2).padStart(9)}${fp(s.ordinalP).padStart(9)}${f(s.partialR).padStart(9)}${fp(s.partialP).padStart(9)}${fp(s.qBh).padStart(9)}${f(x.partialRImd).padStart(8)}\n`);
  }
  // the coefficient is of the standardised indicator (lib/vitals/screen.ts): a reader took it for per unit
  io.out("polr/SD: proportional-odds (MASS::polr) log-odds of a better grade per 1 SD of the indicator\n");
  io.out(`context: ${r.context.join(", ") || "none available"} (IoD 2019 scores: the only edition in the official folder)\n`);
}

/**
 * The reproduction as JSON (NaN → null), every field mapped by name: the JSON keys are snake_case whatever the
 * in-memory names are.
 * @example JSON.stringify(study2016Json(r), null, 2)
 */
export function study2016Json(r: Study2016Reproduction): unknown {
  const json = {
    citation: r.citation,
    sample: {
      rule: r.sample.rule, n_las: r.sample.nLas, n_linked: r.sample.nLinked,
      // each count named for what it counts (LAs, indicators), not `count`: check-disclosure reads a small `count` as people
      distribution: r.sample.distribution.map((d) => ({ value: d.value, label: d.label, las: d.count })),
    },
    rows: r.rows.map((x) => ({
      variable: x.variable, label: x.label, indicator: x.indicator, period: x.period, n: x.n,
      multiple_r: x.multipleR, p_f: x.significanceF, published_multiple_r: x.publishedMultipleR, published_p_f: x.publishedSignificanceF,
      screen: x.screen ? screenRowJson(x.screen) : null, partial_r_imd: x.partialRImd, partial_p_imd: x.partialPImd,
      ...(x.note !== undefined ? { note: x.note } : {}),
    })),
    table1: r.table1.map((t) => ({ indicators: t.count, ours: t.ours, published: t.published })),
    table3: r.table3.map((t) => ({ indicators: t.count, ours: t.ours, published: t.published })),
    table2: r.table2.map((t) => ({ la_name: t.laName, best: t.best, rating: t.rating, date: t.date })),
    table4: r.table4.map((t) => ({ la_name: t.laName, worst: t.worst, rating: t.rating, date: t.date })),
    differences: r.differences,
    context: r.context,
  };
  return JSON.parse(JSON.stringify(json, (_k, v) => (typeof v === "number" ? jsonNumber(v) : v)));
}

/** A screen row of the reproduction as JSON (the field names of results.json `associations`, plus `reasons`). */
function screenRowJson(s: ScreenRow) {
  return {
    indicator: s.indicator, role: s.role, domain: s.domain, polarity: s.polarity, n: s.n, n_complete: s.nComplete, method: s.method,
    completeness: s.completeness, raw_r: s.rawR, raw_r_lower: s.rawRLower, raw_r_upper: s.rawRUpper, raw_p: s.rawP,
    multiple_r: s.multipleR, p_f: s.significanceF, spearman_rho: s.spearmanRho, spearman_p: s.spearmanP, ordinal_coef: s.ordinalCoef, ordinal_p: s.ordinalP,
    partial_r: s.partialR, partial_r_lower: s.partialRLower, partial_r_upper: s.partialRUpper, partial_p: s.partialP, partial_n: s.partialN,
    context_r2: s.contextR2, q_bh: s.qBh, q_bh_raw: s.qBhRaw, direction: s.direction, polarity_agrees: s.polarityAgrees, reasons: s.reasons,
  };
}

/** `vital-signs reproduce-2016 --data ../shared/data/official [--json]`. */
export const reproduce2016Command: CliCommand = {
  name: "reproduce-2016",
  summary: "Reproduce the 2016 feasibility study (Table A2a, Tables 1–4) on the official data, beside the published values",
  usage: [
    "vital-signs reproduce-2016 [--data OFFICIAL_DIR | --package DIR] [--json]",
    "",
    `--data     the official publications (default ${DEFAULT_OFFICIAL_DATA}); imported into a temporary package first`,
    "--package  an already imported package (vital-signs import … --out DIR)",
    "--json     print the reproduction as JSON instead of tables",
  ].join("\n"),
  async run(args, io) {
    const { values } = parseArgs({ args, options: { data: { type: "string" }, package: { type: "string" }, json: { type: "boolean" } } });
    const data = values.data ?? DEFAULT_OFFICIAL_DATA;
    if (values.package) packageDirArgument(values.package, "--package");
    else existingInput(data, "--data", "folder");
    let tmp: string | undefined;
    try {
      // the temporary package is made inside the try, so that an import that fails (bad official data) removes it too
      let dir = values.package;
      if (!dir) {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-2016-"));
        const into = tmp;
        await withProgress(io, "import", (onProgress) => importOfficialToPackage([data], into, { created: "2016-03-31T00:00:00Z", onProgress }));
        dir = tmp;
      }
      const r = reproduceStudy2016(readPackage(dir));
      if (values.json) io.out(JSON.stringify(study2016Json(r), null, 2) + "\n");
      else printStudy2016(r, io);
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
    return 0;
  },
};
