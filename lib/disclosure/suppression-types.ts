/** The types of statistical disclosure control for tables of counts (lib/disclosure/suppress-counts.ts). */
/** Why an entry is hidden: `primary` (small count) or `secondary` (protects a primary one); "" = shown. */
export type SuppressionStatus = "" | "primary" | "secondary";

/** A two-way table of counts (rows × columns), e.g. responses by LA. */
export interface CountTable {
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  /** counts[i][j]: non-negative integers. */
  counts: readonly (readonly number[])[];
}

export interface SuppressionOptions {
  /** Counts 1 … threshold − 1 are suppressed (default 10). */
  threshold?: number;
  /** Publish row, column and grand totals (default true); secondary suppression protects them. */
  margins?: boolean;
  /** Treat zeros as small counts too (default false). */
  suppressZeros?: boolean;
}

/** A table after suppression. Hidden entries are `null`; `status` says why. */
export interface SuppressedTable {
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  counts: (number | null)[][];
  status: SuppressionStatus[][];
  /** Present when margins were requested. */
  rowTotals: (number | null)[] | null;
  rowTotalStatus: SuppressionStatus[] | null;
  columnTotals: (number | null)[] | null;
  columnTotalStatus: SuppressionStatus[] | null;
  grandTotal: number | null;
  grandTotalStatus: SuppressionStatus;
  threshold: number;
  /** Number of entries (cells and totals) hidden by each rule. */
  primary: number;
  secondary: number;
}
