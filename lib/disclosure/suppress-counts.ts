/**
 * Statistical disclosure control for tables of counts: primary suppression of small counts and secondary
 * (complementary) suppression so that no suppressed cell can be recovered by subtraction from the totals.
 *
 * Rules (GSS "Statistical disclosure control" guidance; DfE's children-in-need and SSDA903 practice, which
 * suppress small numbers "plus secondary suppression"):
 * - **primary**: a count c with 0 < c < threshold is replaced by the marker (default threshold 10, i.e.
 *   1–9 are suppressed; zeros are shown unless `suppressZeros`). Totals are counts too.
 * - **secondary**: the table is seen with its margins as an (R+1)×(C+1) grid in which every row and every
 *   column is an additive line (cells + total). A line with exactly one suppressed entry would reveal it
 *   (total − the others), so the smallest unsuppressed entry of that line is suppressed as well — interior
 *   cells before totals, non-zero before zero, then the first in reading order — until every line has 0 or
 *   ≥ 2 suppressed entries. That is not enough on its own: in the bipartite graph whose nodes are the grid's
 *   lines and whose edges are the suppressed entries, an entry is determined by the line sums exactly when it
 *   is a bridge (it lies on no cycle; Cox 1980, "Suppression methodology and statistical disclosure control",
 *   JASA 75). So each bridge is closed into a cycle by suppressing the best entry joining its two sides, and
 *   both rules are repeated until neither applies. Then every suppressed entry lies on a cycle, along which
 *   values can be shifted (+ε, −ε, …) without changing any published total.
 *
 * Limit (stated, not hidden): a cycle means a suppressed cell is not determined; it does not guarantee that
 * its feasible interval is wide (as τ-Argus' optimal method, which solves a linear programme, does).
 */
import { InputError } from "../errors";

/** Counts below this are suppressed by default (1–9). */
export const DEFAULT_DISCLOSURE_THRESHOLD = 10;
/** Marker shown instead of a suppressed value (GSS symbol "c", confidential). */
export const SUPPRESSION_MARKER = "[c]";
/** Status of an indicator row whose value was suppressed for disclosure control (data-package status). */
export const DISCLOSURE_STATUS = "suppressed:disclosure";

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

function checkThreshold(fn: string, threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) throw new InputError(fn, "threshold must be an integer >= 1", threshold);
}

/**
 * True when a count must be suppressed: 0 < count < threshold (or count = 0 with `suppressZeros`).
 * @example
 * isSmallCount(3) // true; isSmallCount(0) // false; isSmallCount(10) // false
 */
export function isSmallCount(count: number, threshold = DEFAULT_DISCLOSURE_THRESHOLD, suppressZeros = false): boolean {
  return (count > 0 || (suppressZeros && count === 0)) && count < threshold;
}

/**
 * Suppress small counts in a table, with secondary suppression across its margins.
 * @throws InputError on a ragged table, a negative or non-integer count, or a threshold below 1
 * @example
 * const t = suppressSmallCounts({ rowLabels: ["A", "B"], columnLabels: ["yes", "no"], counts: [[3, 40], [25, 30]] });
 * t.counts // [[null, null], [null, null]]: 3 is primary; 40 protects it in its row (43 − 40 = 3), then 25 and 30
 *          // protect 3 and 40 in their columns; the totals 43, 55, 28, 70 and 98 stay published
 */
export function suppressSmallCounts(table: CountTable, options: SuppressionOptions = {}): SuppressedTable {
  const threshold = options.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD;
  const margins = options.margins ?? true;
  const suppressZeros = options.suppressZeros ?? false;
  checkThreshold("suppressSmallCounts", threshold);
  const R = table.rowLabels.length;
  const C = table.columnLabels.length;
  if (table.counts.length !== R) throw new InputError("suppressSmallCounts", `counts must have ${R} rows (one per row label)`, table.counts.length);
  table.counts.forEach((row, i) => {
    if (row.length !== C) throw new InputError("suppressSmallCounts", `row ${i} must have ${C} counts (one per column label)`, row.length);
    row.forEach((v) => {
      if (!Number.isInteger(v) || v < 0) throw new InputError("suppressSmallCounts", `counts must be integers >= 0 (row ${i})`, v);
    });
  });

  // The grid with margins: rows 0..R-1 and columns 0..C-1 are cells; row R / column C are totals.
  const H = margins ? R + 1 : R;
  const W = margins ? C + 1 : C;
  const value: number[][] = Array.from({ length: H }, () => new Array<number>(W).fill(0));
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const v = table.counts[i][j];
      value[i][j] = v;
      if (margins) {
        value[i][C] += v;
        value[R][j] += v;
        value[R][C] += v;
      }
    }
  }
  const status: SuppressionStatus[][] = value.map((row) => row.map((v) => (isSmallCount(v, threshold, suppressZeros) ? "primary" : "")));
  let primary = 0;
  for (const row of status) for (const s of row) if (s === "primary") primary++;

  let secondary = 0;
  if (margins) {
    const isTotal = (i: number, j: number) => i === R || j === C;
    /** Preference among candidates: interior before totals, non-zero before zero, smaller first. */
    const better = (a: [number, number], b: [number, number] | null): boolean => {
      if (b === null) return true;
      const ka = [isTotal(a[0], a[1]) ? 1 : 0, value[a[0]][a[1]] === 0 ? 1 : 0, value[a[0]][a[1]]];
      const kb = [isTotal(b[0], b[1]) ? 1 : 0, value[b[0]][b[1]] === 0 ? 1 : 0, value[b[0]][b[1]]];
      return ka[0] < kb[0] || (ka[0] === kb[0] && (ka[1] < kb[1] || (ka[1] === kb[1] && ka[2] < kb[2])));
    };
    const hide = (e: [number, number]) => {
      status[e[0]][e[1]] = "secondary";
      secondary++;
    };
    for (;;) {
      // 1. no line (row or column of the grid, totals included) with exactly one hidden entry
      let changed = true;
      while (changed) {
        changed = false;
        for (let line = 0; line < H + W; line++) {
          const entries: [number, number][] =
            line < H ? Array.from({ length: W }, (_, j) => [line, j]) : Array.from({ length: H }, (_, i) => [i, line - H]);
          if (entries.filter(([i, j]) => status[i][j] !== "").length !== 1) continue;
          let best: [number, number] | null = null;
          for (const e of entries) if (status[e[0]][e[1]] === "" && better(e, best)) best = e;
          if (best === null) continue; // a line of one entry cannot occur with margins (W, H ≥ 2)
          hide(best);
          changed = true;
        }
      }
      // 2. no hidden entry that is a bridge of the graph rows × columns of hidden entries: such an entry lies on
      //    no cycle, so the line sums determine it; join its two sides with the best entry between them
      const bridge = findBridge(status, H, W);
      if (bridge === null) break;
      const [rowSide, colSide] = bridge.sides;
      let best: [number, number] | null = null;
      for (let i = 0; i < H; i++) {
        if (!colSide.has(i)) continue; // rows reachable from the bridge's column
        for (let j = 0; j < W; j++) {
          if (!rowSide.has(H + j)) continue; // columns reachable from the bridge's row
          if (status[i][j] === "" && better([i, j], best)) best = [i, j];
        }
      }
      if (best === null) throw new Error("suppressSmallCounts: no entry closes a cycle through a bridge (cannot happen)");
      hide(best);
    }
  }

  const shown = (i: number, j: number): number | null => (status[i][j] === "" ? value[i][j] : null);
  return {
    rowLabels: [...table.rowLabels],
    columnLabels: [...table.columnLabels],
    counts: Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => shown(i, j))),
    status: Array.from({ length: R }, (_, i) => status[i].slice(0, C)),
    rowTotals: margins ? Array.from({ length: R }, (_, i) => shown(i, C)) : null,
    rowTotalStatus: margins ? Array.from({ length: R }, (_, i) => status[i][C]) : null,
    columnTotals: margins ? Array.from({ length: C }, (_, j) => shown(R, j)) : null,
    columnTotalStatus: margins ? status[R].slice(0, C) : null,
    grandTotal: margins ? shown(R, C) : null,
    grandTotalStatus: margins ? status[R][C] : "",
    threshold,
    primary,
    secondary,
  };
}

/**
 * Text of a possibly suppressed entry: the number, or the marker.
 * @example
 * formatSuppressed(null) // "[c]"; formatSuppressed(42) // "42"
 */
export function formatSuppressed(value: number | null, marker = SUPPRESSION_MARKER): string {
  return value === null ? marker : String(value);
}

/**
 * A suppressed table as rows of text cells with a header, margins included ("Total"), ready for a CSV or
 * an HTML table; hidden entries show the marker.
 * @example
 * suppressedTableRows(suppressSmallCounts(t))[0] // ["", "yes", "no", "Total"]
 */
export function suppressedTableRows(t: SuppressedTable, marker = SUPPRESSION_MARKER): string[][] {
  const withTotals = t.rowTotals !== null;
  const header = ["", ...t.columnLabels, ...(withTotals ? ["Total"] : [])];
  const body = t.rowLabels.map((label, i) => [
    label,
    ...t.counts[i].map((v) => formatSuppressed(v, marker)),
    ...(withTotals ? [formatSuppressed(t.rowTotals![i], marker)] : []),
  ]);
  if (withTotals) {
    body.push(["Total", ...t.columnTotals!.map((v) => formatSuppressed(v, marker)), formatSuppressed(t.grandTotal, marker)]);
  }
  return [header, ...body];
}

/**
 * A bridge of the graph lines × lines whose edges are the hidden entries (row node i, column node H + j), with
 * the node sets on each side once it is removed: `sides[0]` holds the bridge's row node, `sides[1]` its column
 * node. Null when every hidden entry lies on a cycle. O(E · (V + E)), fine for report-sized tables.
 */
function findBridge(status: SuppressionStatus[][], H: number, W: number): { entry: [number, number]; sides: [Set<number>, Set<number>] } | null {
  const edges: [number, number][] = [];
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) if (status[i][j] !== "") edges.push([i, j]);
  const reach = (from: number, skip: number): Set<number> => {
    const seen = new Set<number>([from]);
    const stack = [from];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (let e = 0; e < edges.length; e++) {
        if (e === skip) continue;
        const [i, j] = edges[e];
        const a = i;
        const b = H + j;
        const next = node === a ? b : node === b ? a : -1;
        if (next >= 0 && !seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return seen;
  };
  for (let e = 0; e < edges.length; e++) {
    const [i, j] = edges[e];
    const fromRow = reach(i, e);
    if (!fromRow.has(H + j)) return { entry: [i, j], sides: [fromRow, reach(H + j, e)] };
  }
  return null;
}
