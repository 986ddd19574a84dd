/**
 * Findings of one file for the disclosure scanner (./scan.ts): the per-file cap, and totals of records kept for the
 * scan's other files to judge (./record-totals.ts).
 */
import type { CrossFileTotals, DisclosureFinding } from "./scan-types";
import { MAX_TYPED_VALUES, type TypedArrayBudget } from "./typed-arrays";

/** Findings reported per file at most (the total is still counted). */
export const MAX_FINDINGS_PER_FILE = 50;

/** A value cut to `max` characters for a finding. */
export function shorten(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * A count's text: digits, or digits and a point and zeros (`3.0`, `3.00`: pandas prints and `to_csv` writes a column of
 * counts as floats once a value in it is missing; a hostile review's `children` of `3.0` passed in every table form).
 */
export const WHOLE_NUMBER_TEXT_RE = /^\s*\d+(?:\.0+)?\s*$/;

/** True for an integer (a number, or its text as {@link WHOLE_NUMBER_TEXT_RE}) 1 … threshold − 1. */
export function isSmall(v: unknown, threshold: number): boolean {
  const n = typeof v === "number" ? v : typeof v === "string" && WHOLE_NUMBER_TEXT_RE.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 && n < threshold;
}

/**
 * What a finding shows of a record identifier: its length, never its characters. The findings go to the terminal, to
 * `--json` and so to CI logs: a UPN or a respondent id quoted there had left the file it was found in (a hostile
 * review). The finding's location (row and column, or line) says where it is.
 * @example maskedIdentifier("A12345678904") // "(hidden: 12 characters)"
 */
export function maskedIdentifier(value: string): string {
  const length = [...value].length;
  return `(hidden: ${length} character${length === 1 ? "" : "s"})`;
}

/** Collects findings for one file with the per-file cap. */
export class Collector {
  readonly findings: DisclosureFinding[] = [];
  total = 0;
  /** The file's text speaks of suppression: a total of records beside suppressed groups is a finding. */
  suppressionReported = false;
  /** Where totals of a file that does not speak of suppression wait for the rest of the scan (ScanOptions.crossFile). */
  crossFile?: CrossFileTotals;
  private pendingListed = 0;
  /**
   * Cell texts of this file's tables scanned by the text rules without a finding, whose reading does not depend on the
   * cells beside them: not scanned again (see scan-rules.ts scanCellTexts).
   */
  readonly quietCells = new Set<string>();
  /** Values of plotly typed arrays this file's figures may still have decoded (./typed-arrays.ts). */
  readonly typedArrays: TypedArrayBudget = { left: MAX_TYPED_VALUES };
  constructor(readonly file: string) {}
  /** True when totals of records are looked for: the file speaks of suppression, or another file of the scan may. */
  get readsTotals(): boolean {
    return this.suppressionReported || this.crossFile !== undefined;
  }
  /** A total of records: a finding when the file speaks of suppression, else kept for scanPaths to judge with the scan's other files. */
  addTotal(location: string, value: string, message: string): void {
    if (this.suppressionReported) return this.add(location, "disclosive-total", value, message);
    this.crossFile!.count++;
    if (this.pendingListed++ < MAX_FINDINGS_PER_FILE) this.crossFile!.totals.push({ file: this.file, location, rule: "disclosive-total", value: shorten(value), message });
  }
  /**
   * A finding; its location may be given as a function, called only for a finding listed: past the cap a finding is
   * only counted, and a figure of two million small cells built two million locations never shown (round 23, C2).
   */
  add(location: string | (() => string), rule: DisclosureFinding["rule"], value: string, message: string): void {
    this.total++;
    if (this.findings.length >= MAX_FINDINGS_PER_FILE) return;
    const shown = rule === "record-identifier" ? maskedIdentifier(value) : shorten(value);
    this.findings.push({ file: this.file, location: typeof location === "string" ? location : location(), rule, value: shown, message });
  }
}

/**
 * The 1-based line of an index in `text`, as a function: the text's newlines are found once, on the first call, and
 * each call bisects them. Counting them again for each finding was quadratic: 40,000 lines of "n = 3" took 6.2 s CPU,
 * and a few MB of them would not have ended.
 * @example lineFinder("a\nb\nc")(2) // 2
 */
export function lineFinder(text: string): (index: number) => number {
  let newlines: number[] | undefined;
  return (index) => {
    if (!newlines) {
      newlines = [];
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
    }
    return countBelow(newlines, index) + 1;
  };
}

/**
 * How many of ascending numbers are below `x`, by bisection: the scanner's lookups of a line, a `<pre>` block or a
 * variable's last assignment by position.
 * @example countBelow([2, 5, 9], 5) // 1
 */
export function countBelow(sorted: ArrayLike<number>, x: number): number {
  let [lo, hi] = [0, sorted.length]; // lo ends as the count below x
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A finding's rule, value and message, without its place (as {@link RecordingCollector} keeps it). */
export interface PlacelessFinding {
  rule: DisclosureFinding["rule"];
  value: string;
  message: string;
}

/**
 * A collector that keeps every finding whole (no cap, value not shortened) and no totals, for a text whose findings are
 * given again at each place it appears (a figure's hover repeated at a million points: ./scan-rules.ts).
 */
export class RecordingCollector extends Collector {
  readonly recorded: PlacelessFinding[] = [];
  override add(_location: string | (() => string), rule: DisclosureFinding["rule"], value: string, message: string): void {
    this.total++;
    this.recorded.push({ rule, value, message });
  }
}
