import { parseArgs } from "node:util";
import { DEFAULT_DISCLOSURE_THRESHOLD, MINIMUM_DISCLOSURE_THRESHOLD } from "../../disclosure/suppress-counts";
import { SCANNED_EXTENSIONS } from "../../disclosure/scan";
import { SCANNED_WORKBOOK_EXTENSIONS, scanPaths, UNREAD_WORKBOOK_EXTENSIONS } from "../../disclosure/scan-files";
import type { CliCommand } from "../command";
import { existingInput, thresholdOption, usageError } from "../options";
import { withProgress } from "../progress-bar";

const USAGE = `vital-signs check-disclosure PATH... [--threshold N] [--json]

Scan exported files and folders (${SCANNED_EXTENSIONS.join(", ")}, ${SCANNED_WORKBOOK_EXTENSIONS.join(", ")}; folders recursively)
for small counts (1..N-1 in count fields and columns, or labelled "n = 5" in text and hover text) and anything that
looks like a record-level identifier (respondent_id columns, pseudonyms, unlabelled hex hashes, record CSV headers).
Workbooks are read as cell text, each sheet as a table with the rules of a CSV.
Counts are judged by content too (a column that is part of a count; a percentage beside its denominator gives
its numerator back, in tables and in figures' data: a plotly point's percentage and denominator, labelled by its hover
text or axis titles, in HTML and notebooks). Plotly figures (traces in the call or in a variable of the script; points,
lines, pies, hover and text templates) and tables printed as text (console.table, pandas frames, R tibbles, tabulate,
tab-separated lines) are read as tables; cross-tabs (R's table and ftable, pandas' crosstab as text or HTML, a pivot
or size() written to CSV beside an LA column; one whose columns are years only when its file's or sheet's name, a
column naming what is counted, or a total that sums says it counts) cell by cell, each a count. A count of LAs, indicators, items or periods ("n = 3 LAs", "(n=3 indicators)",
the n of a statistic) is not a count of people, nor is a table of LAs' Ofsted grades: one whose numbers are all 1-4,
with a column named for a judgement ("Overall effectiveness", ofsted_grade), where only columns named as counts
(n_children) are counts.
Given several outputs, published counts are compared across them ("differencing"): two counts of the same LA, period
(2022-23 and 2023 are one year) and item (the same indicator whatever its case, or a pilot item's _pct_positive and
_mean) that differ by 1..N-1 with the same denominator, or whose denominators differ by 1..N-1, are a finding, naming
both files and rows (CSV with commas or semicolons, TSV, workbooks, JSON arrays of records); check everything meant
for publication in one call. A share published without its denominator gives both back: from its value and 95% Wilson
bounds (a package's intervals.csv: value, lower, upper, conf, method), or from a percentage written to 12 or more
digits (12.999540652273772 is 283 of 2177), or to 7-11 digits for a pair only (12.999541 and 12.993572 are 283 of
2177 and 283 of 2178; a value of 6 digits or fewer gives nothing). Such counts are compared too, and the finding says
what they were derived from: publish shares rounded, values and bounds alike. A count of 1..N-1 given back by a
share and its Wilson bounds is a small-count finding in one file alone. Means are compared too: two means of one LA,
period and indicator (catalogue unit score, or an id naming a mean or average; not rates) whose denominators differ
by 1..N-1 give the newcomers' total back as mean × n differenced, read to the decimals written (3.48 of 56 and 3.46
of 57: 197 − 195, the late respondent answered 2); a finding when it is narrower than the scale allows.
A total of records beside suppressed groups ("8772 records", a field "records") is a finding ("disclosive-total").
In a data package, indicators whose catalogue source is an official publication (as \`import\` writes it) or the
synthetic generator are not checked in the package's own files (listed in its datapackage.json, unchanged since:
their counts are published, or of no one); any other file beside them is, as are your own (\`add\`), pilot and
returns indicators.
Fail closed: a file that cannot be checked is a finding ("not-scanned"): a workbook that cannot be read
(corrupt, not a zip, beyond the reader's size limits), a workbook of a type not read (${UNREAD_WORKBOOK_EXTENSIONS.join(", ")})
wherever it is, a file of another type named on its own, or a folder or file the system will not let it read
(permission denied, a path too long): each is named and the rest is scanned. Files of other types inside a folder
(images, scripts) are skipped and counted as skipped.
Exits 1 when anything is found (not-scanned entries included), 0 otherwise.

Options:
  --threshold N   counts below N are small (default ${DEFAULT_DISCLOSURE_THRESHOLD}: 1-9; at least ${MINIMUM_DISCLOSURE_THRESHOLD}: counts of
                  1-${MINIMUM_DISCLOSURE_THRESHOLD - 1} are always small, as in DfE's statistics)
  --json          print the findings as JSON`;

export const checkDisclosureCommand: CliCommand = {
  name: "check-disclosure",
  summary: "Scan exported files for small counts and record-level identifiers (exit 1 if any)",
  usage: USAGE,
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { threshold: { type: "string" }, json: { type: "boolean", default: false } },
    });
    if (positionals.length === 0) return usageError(io, "check-disclosure", "give at least one PATH", USAGE);
    const threshold = thresholdOption(values.threshold);
    for (const p of positionals) existingInput(p, "PATH", "file or folder");
    const report = await withProgress(io, "check-disclosure", (onProgress) => scanPaths(positionals, { threshold, onProgress }));
    if (values.json) {
      io.out(JSON.stringify({ threshold, scanned: report.scanned.length, skipped: report.skipped.length, not_scanned: report.notScanned.length, total: report.total, capped_files: report.capped, findings: report.findings }, null, 2) + "\n");
    } else {
      for (const f of report.findings) io.out(`${f.file}: ${f.location}: ${f.rule}: ${f.message} (${JSON.stringify(f.value)})\n`);
      // a review could not tell which files held the findings beyond the listed ones
      for (const c of report.capped) io.out(`${c.file}: ${c.total} finding(s), the first ${c.listed} listed\n`);
      const shown = report.findings.length < report.total ? ` (${report.findings.length} shown)` : "";
      const unchecked = report.notScanned.length > 0 ? `${report.notScanned.length} could not be scanned (findings), ` : "";
      io.out(
        `check-disclosure: ${report.scanned.length} file(s) scanned, ${unchecked}${report.skipped.length} skipped (other types in folders); ` +
          `${report.total} finding(s)${shown}; threshold ${threshold}\n`,
      );
    }
    return report.total > 0 ? 1 : 0;
  },
};
