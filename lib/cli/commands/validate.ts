import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { completenessByIndicator, completenessOfColumns, distinctInOrder } from "../../data/completeness";
import { loadPackageColumns, validatePackage } from "../../data/package-load";
import { yearsText } from "../../data/periods";
import type { CliCommand, CliIO } from "../command";
import { DEFAULT_DATASET } from "../paths";
import { packageDirArgument, positionalCount } from "../options";
import { printableText } from "../printable";

/**
 * Print a validated summary of a package: resources, LAs, periods, indicators and completeness. The package
 * is read and validated once, into columns (no arquero tables: validate starts fast).
 */
export function printPackageSummary(dir: string, io: CliIO): number {
  const { descriptor, resources, result } = loadPackageColumns(dir);
  if (result.errors.length > 0) {
    io.err(`${dir}: ${result.errors.length} validation error(s)\n`);
    for (const e of result.errors.slice(0, 50)) io.err(`  - ${printableText(e.message)}\n`);
    if (result.errors.length > 50) io.err(`  … and ${result.errors.length - 50} more\n`);
    return 1;
  }
  const d = descriptor!;
  const column = (resource: "areas" | "catalogue" | "indicators" | "outcomes", field: string) => resources[resource]!.columns[field];
  const cells = completenessOfColumns(column, (resource, field) => resources[resource]!.coded?.[field]);
  // the periods of indicators.csv are those of the completeness cells (a valid package's rows name indicators of the
  // catalogue, and each indicator has a cell per period): another pass over the 60,000 rows of the embedded package
  // cost the cold start an interpreted loop and its compiles
  const periods = distinctInOrder(cells.map((c) => c.period)).sort((a, b) => a - b);
  io.out(`${printableText(String(d.title))} (${printableText(String(d.name))}) — valid\n`);
  io.out(`  resources: ${d.resources.map((r) => `${r.name} ${result.rows[r.name] ?? 0} rows`).join(", ")}\n`);
  io.out(`  LAs: ${resources.areas!.length}, indicators: ${resources.catalogue!.length}, periods: ${periods[0] ?? "-"}–${periods[periods.length - 1] ?? "-"}\n`);
  const outcomes = [...new Set(column("outcomes", "outcome") as string[])];
  io.out(`  outcomes: ${outcomes.join(", ") || "none"} (${resources.outcomes!.length} judgements)\n`);
  for (const w of result.warnings.slice(0, 10)) io.out(`  warning: ${printableText(w)}\n`);
  // never published (no period): first, as the least complete
  const sortKey = (c: number) => (Number.isNaN(c) ? -1 : c);
  const byInd = completenessByIndicator(cells).sort((a, b) => sortKey(a.completeness) - sortKey(b.completeness));
  io.out(`  completeness (share of LA-periods with a value, in the years each indicator was published), lowest first:\n`);
  for (const c of byInd.slice(0, 8)) {
    const share = c.periods.length === 0 ? "never published" : `${(100 * c.completeness).toFixed(1).padStart(5)}%  (${c.withValue}/${c.expected}; ${yearsText(c.periods)})`;
    io.out(`    ${c.indicator.padEnd(34)} ${share}\n`);
  }
  if (byInd.length > 8) io.out(`    … ${byInd.length - 8} more; median ${(100 * byInd[Math.floor(byInd.length / 2)].completeness).toFixed(1)}%\n`);
  return 0;
}

export const validateCommand: CliCommand = {
  name: "validate",
  summary: "Validate a data package and print a completeness summary (exit 1 on errors)",
  usage: [
    "vital-signs validate [DIR] [--json]",
    "",
    "DIR defaults to the embedded synthetic dataset. Checks every resource against its schema and the rules",
    "(types, missing values and their reasons, keys, LA codes, units) and datapackage.json as Frictionless tools",
    "would (hash format sha256:<hex> against the bytes, declared field types, missingValues).",
    "--json  print { valid, errors: [{ file, row, column, value, expected, message }], warnings, rows }",
  ].join("\n"),
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
    positionalCount(positionals, 0, 1, "at most one DIR");
    const dir = packageDirArgument(positionals[0] ?? DEFAULT_DATASET);
    return withHotLoopsCompiledInline(() => {
      if (!values.json) return printPackageSummary(dir, io);
      const r = validatePackage(dir);
      io.out(JSON.stringify({ dir, valid: r.errors.length === 0, errors: r.errors.map((e) => e.toJSON()), warnings: r.warnings, rows: r.rows }, null, 2) + "\n");
      return r.errors.length === 0 ? 0 : 1;
    });
  },
};

/**
 * Run `work` with V8 compiling a hot loop on this thread when it decides to (`--no-concurrent-osr`), then restore
 * the default (issue #19). validate's per-row loops (boundedKeysRepeated, markBadCells, valueRowsToReport,
 * countRows, …) each run once over the rows; by default a hot loop goes on in the interpreter while a background
 * thread compiles it (and boundedKeysRepeated was compiled twice). V8 reads the flag when a loop gets hot, so it
 * takes effect when set at run time (`--trace-osr` says "ConcurrencyMode::kSynchronous"). Round 27, medians of 21–31
 * interleaved fresh processes: validate of the embedded package 7–12 ms less CPU, 15 ms less wall time. Only here:
 * set for the whole CLI (bin/), analyse of the official package took 0.3–0.8 s more wall time (2 cores, load 5–9).
 */
function withHotLoopsCompiledInline<T>(work: () => T): T {
  setFlagsFromString("--no-concurrent-osr");
  try {
    return work();
  } finally {
    setFlagsFromString("--concurrent-osr");
  }
}
