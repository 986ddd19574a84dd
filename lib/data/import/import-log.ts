/**
 * The import log: everything an import dropped, merged, re-coded, skipped or could not reconcile,
 * written to `import-log.json` beside the package and summarised in datapackage.json provenance.
 * Entries name the file and, where known, the row, column and value. Nothing is dropped silently.
 */

/** What happened to the input. */
export type ImportAction =
  | "dropped" // rows not imported (with the rule that dropped them)
  | "merged" // rows combined or shared between areas
  | "recoded" // an area code replaced by the canonical code
  | "fixed" // a documented defect in a source corrected
  | "benchmark" // national/regional rows routed to benchmarks.csv
  | "skipped-file" // a file recognised but not imported (with the reason)
  | "unknown-file" // a file not recognised
  | "warning" // a data problem that was not fatal
  | "disagreement" // two sources disagree (e.g. LAIT vs EES)
  | "check"; // a consistency check and its result

export interface ImportLogEntry {
  action: ImportAction;
  file: string;
  rule: string;
  count: number;
  row?: number;
  column?: string;
  value?: string;
  detail?: string;
}

/** A mutable collector used inside one import; functions return its entries as a frozen array. */
export class ImportLog {
  private readonly items: ImportLogEntry[] = [];

  /** Add an entry (count defaults to 1). */
  add(entry: Omit<ImportLogEntry, "count"> & { count?: number }): void {
    this.items.push({ count: 1, ...entry });
  }

  /** Add entries as they are (e.g. those another log collected), in order. */
  appendEntries(entries: readonly ImportLogEntry[]): void {
    for (const e of entries) this.items.push(e);
  }

  /** All entries so far, in order. */
  entries(): readonly ImportLogEntry[] {
    return this.items.slice();
  }
}

/**
 * Summarise log entries: counts per action and per (action, rule).
 * @example
 * summariseImportLog([{ action: "dropped", file: "a.csv", rule: "r", count: 3 }]).byAction.dropped // 3
 */
export function summariseImportLog(entries: readonly ImportLogEntry[]): {
  byAction: Record<string, number>;
  byRule: { action: ImportAction; rule: string; count: number; files: number }[];
} {
  const byAction: Record<string, number> = {};
  const rules = new Map<string, { action: ImportAction; rule: string; count: number; files: Set<string> }>();
  for (const e of entries) {
    byAction[e.action] = (byAction[e.action] ?? 0) + e.count;
    const key = `${e.action}\u0000${e.rule}`;
    const r = rules.get(key) ?? { action: e.action, rule: e.rule, count: 0, files: new Set<string>() };
    r.count += e.count;
    r.files.add(e.file);
    rules.set(key, r);
  }
  return {
    byAction,
    byRule: [...rules.values()].map((r) => ({ action: r.action, rule: r.rule, count: r.count, files: r.files.size })),
  };
}
