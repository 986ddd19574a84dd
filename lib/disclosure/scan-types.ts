/** The disclosure scanner's findings and options (./scan.ts, whose size limit they would pass). */
import type { PublishedCount } from "./differencing";
import type { AnswerScale, PublishedMean } from "./mean-differencing";

/** What the scanner reports. */
export interface DisclosureFinding {
  file: string;
  /** Where in the file: "line 12", "$.results[3].n", "cell 4 output 0 (text/html), table 1 row 2". */
  location: string;
  rule: "small-count" | "record-identifier" | "record-rows" | "disclosive-total" | "differencing" | "not-utf8-text" | "not-scanned";
  /** The offending text, shortened. */
  value: string;
  message: string;
}

export interface ScanOptions {
  /** Counts 1 … threshold − 1 are small (default 10). */
  threshold?: number;
  /** Called before each file with (files reached, files); the CLI draws a progress bar on a terminal. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Indicator ids whose counts were published by an official source under its own disclosure control (in a
   * data package: catalogue rows whose source does not start with "pilot:"). Rows of a CSV with an
   * `indicator` column naming one of them are not checked for small counts (identifiers still are).
   */
  publishedIndicators?: ReadonlySet<string>;
  /** Indicator ids of unit percent (in a data package, from catalogue.csv): their `value` beside a denominator is a percentage whatever the id says. */
  percentIndicators?: ReadonlySet<string>;
  /** Indicator ids of unit ratio (events per denominator, from catalogue.csv): their `value` beside a denominator is a proportion (× 1). */
  ratioIndicators?: ReadonlySet<string>;
  /**
   * Indicator ids of unit count (in a data package, from catalogue.csv): their `value` is itself a count, checked like
   * a count column unless published (an own `own_children_count` of 3 and 5 had passed: only the numerator and
   * denominator columns were checked).
   */
  countIndicators?: ReadonlySet<string>;
  /**
   * Where to add the published counts of the file's tables (./differencing.ts), for scanPaths to compare across files;
   * not collected when absent.
   */
  publishedCounts?: PublishedCount[];
  /**
   * Where to add the published means of the file's tables (./mean-differencing.ts), for scanPaths to compare across
   * files; not collected when absent.
   */
  publishedMeans?: PublishedMean[];
  /** Each indicator's unit (a package's catalogue.csv): an id it lists is a mean only if its unit is `score`. */
  indicatorUnits?: ReadonlyMap<string, string>;
  /** The answers' scale of each mean indicator whose catalogue definition states one. */
  meanScales?: ReadonlyMap<string, AnswerScale>;
  /**
   * Totals of records in files that do not speak of suppression, kept for scanPaths to report when another file of the
   * scan has suppressed groups (`disclosive-total` across files); not looked for when absent.
   */
  crossFile?: CrossFileTotals;
}

/** What one scan keeps across its files for the `disclosive-total` rule (./record-totals.ts). */
export interface CrossFileTotals {
  /** Totals found in files that do not speak of suppression (at most MAX_FINDINGS_PER_FILE per file). */
  totals: DisclosureFinding[];
  /** How many such totals there are, listed or not. */
  count: number;
  /** Files whose text shows suppressed groups (a `suppressed:` status, a `[c]` cell, "145 estimates suppressed"). */
  suppressedGroupsIn: string[];
}
