import { parseArgs } from "node:util";
import * as path from "node:path";
import { addOwnData, type OwnDataReport } from "../../data/own-data/add";
import { metadataVocabularies, type IndicatorMetadata } from "../../data/own-data/metadata";
import { FRAMEWORK_AREAS, FRAMEWORK_ROLES } from "../../data/types";
import { FRAMEWORK_TAGS_BY_DOMAIN } from "../../data/framework";
import { droppedWords } from "../../data/own-data/replace-coverage";
import { printableText } from "../printable";
import type { CliCommand, CliIO } from "../command";
import { existingInput, integerOption, outputDirOption, packageDirArgument, usageError } from "../options";

const USAGE = [
  "vital-signs add PKG FILE.csv|FILE.xlsx [--meta SIDECAR.csv|.json] [--unit U --polarity P --domain D] [--label TEXT]",
  "                [--framework-role R] [--framework-area A] [--indicator ID] [--period P] [--sheet NAME] [--licence TEXT] [--out DIR] [--replace|--replace-all]",
  "                [--skip-unmatched] [--json]",
  "",
  "Adds your own indicators to the data package PKG (in place, or to a copy with --out), then re-hashes and",
  "validates it; on any error nothing is written.",
  "",
  "FILE layouts (column names are matched ignoring case, spaces and punctuation):",
  "  wide: la_code|old_la_code|la_name, period, <one column per indicator>",
  "  long: la_code|old_la_code|la_name, period, indicator, value[, numerator, denominator]",
  "LAs are matched by ONS code (earlier codes of the same LA too), DfE 3-digit number or name as in the",
  'official files ("Bristol, City of", "St. Helens"; "Bristol", "St Helens" and "Hull" also match). A name or',
  "number shared by a predecessor and a successor (Dorset) is resolved by the period. England and region rows",
  "are skipped. period: year ending March (2024), or 2023-24, 2023/24, 202324; a table with years as columns",
  "(la_name,2022,2023) is refused: reshape it to la_name,period,value and give --indicator ID (one year's column",
  "alone: --indicator ID --period YEAR). Values: numbers, blank or the",
  "DfE symbols c, low, k, x, :, z, u, and . (not applicable, as DfE's SFR tables write it), the letter ones also as",
  "[c], [x] … (kept missing with their reason, never zero). Counts are whole numbers; a suppressed value beside",
  "its numerator is refused (the numerator is what it hides: write the symbol there too).",
  "An XLSX cell formatted as a percentage (0.45 shown as 45%) is read as its value x 100, 45, every decimal kept",
  "(0.525 shown as 53% is 52.5), for an indicator whose unit is percent; for any other unit it is refused (format",
  "the column as a number).",
  "Values are checked against the unit before anything is written (percent 0-100, rate_per_10k >= 0, counts >= 0,",
  "numerator <= denominator); errors name your file's row (header = row 0; in a workbook, the sheet and the row Excel",
  "shows), column and cell. A percent column whose values all lie from 0 to 1 (0.45, 0.52) is added with a warning:",
  "proportions? (x100, or --unit ratio).",
  "A blank value beside its numerator and denominator is worked out from them for units percent and rate_per_10k",
  "(numerator / denominator x 100 or x 10,000, unrounded; denominator 0: missing, not applicable), and counted in the",
  "log; for other units it is added as missing, with a warning.",
  'CSV files (the table and a CSV sidecar) must be UTF-8: in Excel, Save As "CSV UTF-8 (Comma delimited)"; a',
  'plain "CSV" (Windows-1252) holding £, – or an accented letter is refused, naming the row, column and byte.',
  "",
  "Metadata: --meta gives a sidecar (CSV with catalogue.csv's columns indicator,label,domain,polarity,unit,...",
  "or JSON {\"<indicator>\": {\"unit\": ...}}); --unit/--polarity/--domain/--label/--definition/--source apply",
  "to every indicator the sidecar does not describe. unit, polarity and domain are required. The framework role",
  "decides how analyse reads an indicator (child-outcome: an outcome, and not a candidate beside an outcome of its",
  "area; practice, enabler: a candidate; context: allowed for with --context); it and the area are the domain's",
  "(child-safe: child-outcome, safety; listed below) unless --framework-role/--framework-area or the",
  "sidecar's framework_role/framework_area give them, and add prints each indicator's. Allowed values:",
  ...metadataVocabularies().split("\n").map((l) => `  ${l}`),
  `  framework_role: ${FRAMEWORK_ROLES.join(", ")}`,
  `  framework_area: ${FRAMEWORK_AREAS.join(", ")}`,
  "  by default, domain → framework_role (framework_area):",
  ...Object.entries(FRAMEWORK_TAGS_BY_DOMAIN).map(([d, t]) => `    ${d} → ${t.framework_role} (${t.framework_area})`),
  "",
  "--indicator ID    the id of a wide file's single indicator column (default: the column name)",
  "--period P        the period of every row, for a file without a period column",
  "--sheet NAME      the XLSX sheet (default: the one whose header names an LA column, past a cover sheet; two or more such sheets: refused, name one);",
  "                  a title above the header (text in column A alone, up to 5 rows) is left out; add says which row is the header",
  "--licence TEXT    the licence or terms of your data, recorded with the file in datapackage.json and shown in",
  "                  the reports' sources (default: not stated; own data are never taken to be under the Open",
  "                  Government Licence, which covers the official sources only)",
  "--replace         replace indicators already in the package instead of refusing, when your file gives every LA",
  "                  the package has values for (one LA's figures would drop every other LA's: refused)",
  "--replace-all     replace them whole even so: other LAs' values and the England/region benchmarks go too",
  "--out DIR         write the result to DIR instead: a new or empty folder, or a copy of PKG an earlier --out",
  "                  made (refused: a folder inside PKG, another package, files that differ from PKG's, or a copy",
  "                  whose own indicators this add would drop); a link is followed",
  "--skip-unmatched  add the rows that match and list the others, instead of refusing the file",
  "--json            print the match report as JSON",
].join("\n");

/**
 * "3 cells formatted as percentages in Excel read as the cell's value × 100 (C2: 0.45 → 45), every decimal kept, not
 * rounded as Excel shows it (0.525 shown as 53% is 52.5)". The value is not what Excel shows when the format has fewer
 * decimals (a review's 0.525 in a 0% format, shown 53%, is 52.5): the words had said "read as shown".
 */
function percentCellsRead(p: NonNullable<OwnDataReport["indicators"][number]["percentCells"]>): string {
  const cells = p.count === 1 ? "1 cell formatted as a percentage" : `${p.count} cells formatted as percentages`;
  return `${cells} in Excel read as the cell's value × 100 (${p.firstCell}: ${p.stored} → ${p.shown}), every decimal kept, not rounded as Excel shows it (0.525 shown as 53% is 52.5)`;
}

/**
 * "2 values worked out from their counts (numerator ÷ denominator × 100), 1 left missing beside denominator 0 (not
 * applicable)": rows whose value was blank beside a numerator and a denominator.
 */
function fromCountsWords(unit: string, f: NonNullable<OwnDataReport["indicators"][number]["fromCounts"]>): string {
  const formula = `numerator ÷ denominator × ${unit === "rate_per_10k" ? "10,000" : "100"}`;
  const worked = f.values === 0 ? "" : `${f.values === 1 ? "1 value" : `${f.values} values`} worked out from ${f.values === 1 ? "its" : "their"} counts (${formula}, unrounded)`;
  const zero = f.zeroDenominators === 0 ? "" : `${f.zeroDenominators} blank value(s) beside denominator 0 left missing (not applicable)`;
  return [worked, zero].filter((w) => w !== "").join(", ");
}

/** What analyse does with an indicator of a framework role (lib/vitals/candidate-exclusions.ts, lib/data/framework.ts), for {@link frameworkWords}. */
function roleReadAs(role: string | undefined, area: string | undefined): string {
  if (role === "child-outcome") {
    return `analyse takes it as a child outcome: one of the outcomes of --outcomes child, and left out of the candidates when the outcome is another child outcome of ${area || "its area"}`;
  }
  if (role === "practice" || role === "enabler") return "analyse screens it as a candidate indicator";
  if (role === "context") return "analyse does not screen it: allow for it with --context";
  return "analyse screens it by its domain";
}

/**
 * "framework: child-outcome (safety), the default of its domain: analyse reads it as a child outcome …; if it is
 * practice or an enabler, give --framework-role (or framework_role in --meta)". An own practice indicator of domain
 * child-safe had silently become a child outcome and was left out of the screen (user trial r26, S2-2).
 */
function frameworkWords(f: OwnDataReport["indicators"][number]["framework"]): string {
  const tags = `framework: ${f.role || "no role"} (${f.area || "no area"})`;
  const read = roleReadAs(f.role, f.area);
  if (f.from === "metadata") return `${tags}, as given: ${read}`;
  const other = f.role === "child-outcome" ? "if it is practice or an enabler" : "if it is another role";
  return `${tags}, the default of its domain: ${read}; ${other}, give --framework-role ROLE (and --framework-area AREA) or framework_role in --meta`;
}

/** "periods 2023, 2024", or "no period read" when no row's period was read (no period column: the error says why). */
function periodsWords(periods: readonly number[]): string {
  return periods.length === 0 ? "no period read" : `periods ${periods.join(", ")}`;
}

function printReport(r: OwnDataReport, terminal: CliIO): void {
  // names from the file (a sheet, a column, an LA as written) may hold escape sequences: printed as text, never obeyed
  const io = { out: (line: string) => terminal.out(printableText(line, true)) };
  io.out(`${r.file}${r.sheet ? ` (sheet ${r.sheet})` : ""}: ${r.layout} table, ${r.rowsRead} rows; LAs matched on "${r.areaColumn}"\n`);
  const how = Object.entries(r.byMethod).map(([m, n]) => `${n} by ${m}`).join(", ");
  io.out(`  LAs matched: ${r.matched.length === 0 ? "none" : how}\n`);
  const lasOfGiven = new Map<string, OwnDataReport["matched"]>();
  for (const m of r.matched) {
    const listed = lasOfGiven.get(m.given);
    if (listed === undefined) lasOfGiven.set(m.given, [m]);
    else listed.push(m);
  }
  for (const [given, las] of lasOfGiven) {
    const shared = las.length > 1;
    if (!shared && (las[0].method === "ONS code" || given === las[0].laName)) continue;
    const where = las.map((m) => `${m.laName} (${m.laCode}, ${m.method})`).join(", ");
    io.out(`    ${JSON.stringify(given)} → ${where}${shared ? ": each by the row's period" : ""}\n`);
  }
  if (r.unmatched.length > 0) {
    io.out(`  not matched: ${r.unmatched.length} row(s)\n`);
    for (const u of r.unmatched.slice(0, 20)) {
      io.out(`    row ${u.row} ${JSON.stringify(u.given)}: ${u.reason}${u.suggestions.length ? ` (did you mean ${u.suggestions.map((s) => JSON.stringify(s)).join(" or ")}?)` : ""}\n`);
    }
    if (r.unmatched.length > 20) io.out(`    … and ${r.unmatched.length - 20} more\n`);
  }
  for (const a of r.aggregates.slice(0, 5)) io.out(`  row ${a.row} ${JSON.stringify(a.given)}: ${a.what}, not an LA: skipped\n`);
  if (r.ignoredColumns.length > 0) io.out(`  columns ignored: ${r.ignoredColumns.join(", ")}\n`);
  for (const n of r.notes) io.out(`  note: ${n}\n`);
  for (const i of r.indicators) {
    const percent = i.percentCells === undefined ? "" : `; ${percentCellsRead(i.percentCells)}`;
    const counted = i.fromCounts === undefined ? "" : `; ${fromCountsWords(i.unit, i.fromCounts)}`;
    io.out(`  ${i.id} (${i.unit}${r.replaced.includes(i.id) ? ", replaces the package's" : ""}): ${i.values} values, ${i.missing} missing, ${periodsWords(r.periods)}${percent}${counted}\n`);
    io.out(`    ${frameworkWords(i.framework)}\n`);
  }
  for (const d of r.replacementDrops) {
    if (d.lasDropped === 0 && d.benchmarkRows === 0) continue;
    io.out(`  warning: replacing ${d.indicator} drops ${droppedWords(d.rowsDropped, d.missingDropped)} of ${d.lasDropped} LA(s) for years your file gives them no value or symbol and ${d.benchmarkRows} England/region benchmark row(s)\n`);
  }
  for (const w of r.warnings) io.out(`  warning: ${w}\n`);
}

/** `vital-signs add PKG FILE`: a researcher's own CSV/XLSX indicators into a package, atomically. */
export const addCommand: CliCommand = {
  name: "add",
  summary: "Add your own indicators (CSV/XLSX, long or wide, LAs by code, number or name) to a package",
  usage: USAGE,
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        meta: { type: "string" }, unit: { type: "string" }, polarity: { type: "string" }, domain: { type: "string" },
        label: { type: "string" }, definition: { type: "string" }, source: { type: "string" }, indicator: { type: "string" },
        period: { type: "string" }, sheet: { type: "string" }, out: { type: "string", short: "o" }, replace: { type: "boolean" },
        "replace-all": { type: "boolean" }, "skip-unmatched": { type: "boolean" }, json: { type: "boolean" }, licence: { type: "string" },
        "framework-role": { type: "string" }, "framework-area": { type: "string" },
      },
    });
    if (positionals.length !== 2) return usageError(io, "add", `PKG and one FILE are required (got ${positionals.length} argument(s))`, USAGE);
    const [dir, file] = positionals;
    packageDirArgument(dir, "PKG");
    if (values.out !== undefined) outputDirOption("--out", values.out);
    existingInput(file, "FILE", "file");
    if (values.meta !== undefined) existingInput(values.meta, "--meta", "file");
    const metadata: IndicatorMetadata = {};
    for (const k of ["unit", "polarity", "domain", "label", "definition", "source"] as const) if (values[k] !== undefined) metadata[k] = values[k];
    if (values["framework-role"] !== undefined) metadata.framework_role = values["framework-role"];
    if (values["framework-area"] !== undefined) metadata.framework_area = values["framework-area"];
    const period = integerOption("--period", values.period, { min: 1990, max: 2100 });
    if (values.licence !== undefined && values.licence.trim() === "") return usageError(io, "add", "--licence must name a licence or terms (got an empty value)", USAGE);
    const target = values.out ?? dir;
    const options = {
      metadata, metadataFile: values.meta, period, sheet: values.sheet, indicator: values.indicator, replace: values.replace,
      replaceAll: values["replace-all"], skipUnmatched: values["skip-unmatched"], licence: values.licence, out: values.out,
    };
    const { report, descriptor } = addOwnData(dir, file, options, {
      staleLock: (note) => io.err(`add: ${note}\n`),
      planned: (planned, written) => (values.json ? io.out(JSON.stringify({ ...planned, written }, null, 2) + "\n") : printReport(planned, io)),
    });
    const rows = report.indicators.reduce((s, i) => s + i.rows, 0);
    if (!values.json) {
      io.out(`added ${report.indicators.length} indicator(s), ${rows} rows to ${path.resolve(target)}; re-hashed and validated\n`);
      io.out(`  ${descriptor.resources.map((x) => `${x.name} ${x.rows}`).join(", ")}\n`);
    }
    return 0;
  },
};
