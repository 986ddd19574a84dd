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
 * A cycle is not enough either once counts are known to be ≥ 0: a hidden zero on the cycle (or a zero in a
 * line whose published total is 0) blocks the shift in one direction, and the primary entry can be pinned.
 * So the pattern is then audited: while some primary entry is determined by what is published and x ≥ 0
 * (an exact path search over sign-respecting cycles, see `isPinned`; the attacker's linear programme
 * {@link hiddenEntryIntervals} gives the same verdict and is what the tests use), one more entry is hidden —
 * the first, in the order of preference above, that frees it — and the line and cycle rules run again.
 *
 * Guarantee: no primary entry is determined (its feasible interval has width ≥ 1). Limit (stated, not
 * hidden): the interval is not required to reach a set protection level (τ-Argus' optimal method asks for
 * upper and lower protection levels); a primary count of 3 may be known to lie in [2, 5].
 */
import { InputError } from "../errors";
import { solveLinearProgram } from "../stats/linear-program";

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
    const closeLinesAndCycles = () => {
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
    };
    closeLinesAndCycles();
    // 3. the interval attack (x ≥ 0, published entries and totals): a cycle can still be blocked by zeros, so
    //    a primary entry whose feasible interval is one value gets one more entry hidden, chosen among those
    //    that widen it (by the same preference), until no primary entry is pinned
    const free = new Set<string>();
    for (;;) {
      const pinned = firstPinnedPrimary(value, status, R, C, free);
      if (pinned === null) break;
      const candidates: [number, number][] = [];
      for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) if (status[i][j] === "") candidates.push([i, j]);
      candidates.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
      let chosen = candidates.find((e) => {
        status[e[0]][e[1]] = "secondary";
        const freed = !isPinned(value, status, R, C, pinned);
        status[e[0]][e[1]] = "";
        return freed;
      });
      // no single entry frees it: hide the best entry of its own lines and look again
      chosen ??= candidates.find((e) => e[0] === pinned[0] || e[1] === pinned[1]) ?? candidates[0];
      if (chosen === undefined) throw new Error("suppressSmallCounts: a primary entry is pinned with everything hidden (cannot happen)");
      hide(chosen);
      closeLinesAndCycles();
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
 * The line equations of the grid with margins over the hidden entries connected to `entry` (x ≥ 0), from
 * published numbers only. Hidden entries joined by no chain of shared lines are independent of `entry`
 * (each line equation involves one connected set only), so leaving them out keeps the programme exact and small.
 */
function lineEquations(
  value: readonly (readonly number[])[],
  status: readonly (readonly SuppressionStatus[])[],
  R: number,
  C: number,
  entry: readonly [number, number],
) {
  // connected lines: row line i is node i, column line j is node (R + 1) + j; a hidden entry joins its two lines
  const seen = new Set<number>([entry[0], R + 1 + entry[1]]);
  const stack = [entry[0], R + 1 + entry[1]];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const isRow = node <= R;
    for (let k = 0; k <= (isRow ? C : R); k++) {
      const [i, j] = isRow ? [node, k] : [k, node - R - 1];
      if (status[i][j] === "") continue;
      const other = isRow ? R + 1 + j : i;
      if (!seen.has(other)) {
        seen.add(other);
        stack.push(other);
      }
    }
  }
  const hidden: [number, number][] = [];
  const index = new Map<string, number>();
  for (let i = 0; i <= R; i++) {
    if (!seen.has(i)) continue;
    for (let j = 0; j <= C; j++) {
      if (status[i][j] === "") continue;
      index.set(`${i},${j}`, hidden.length);
      hidden.push([i, j]);
    }
  }
  const A: number[][] = [];
  const b: number[] = [];
  // row line i: Σ_{j<C} x_ij − x_iC = 0; column line j: Σ_{i<R} x_ij − x_Rj = 0; visible entries to the right
  const addLine = (entries: [number, number][], totalAt: number) => {
    const row = new Array<number>(hidden.length).fill(0);
    let rhs = 0;
    entries.forEach(([i, j], k) => {
      const sign = k === totalAt ? -1 : 1;
      const at = index.get(`${i},${j}`);
      if (at === undefined) rhs -= sign * value[i][j];
      else row[at] += sign;
    });
    if (row.some((v) => v !== 0)) {
      A.push(row);
      b.push(rhs);
    }
  };
  for (let i = 0; i <= R; i++) if (seen.has(i)) addLine(Array.from({ length: C + 1 }, (_, j) => [i, j] as [number, number]), C);
  for (let j = 0; j <= C; j++) if (seen.has(R + 1 + j)) addLine(Array.from({ length: R + 1 }, (_, i) => [i, j] as [number, number]), R);
  return { hidden, index, A, b };
}

/** The feasible interval of one hidden entry of the grid with margins, given everything published and x ≥ 0. */
function entryInterval(
  value: readonly (readonly number[])[],
  status: readonly (readonly SuppressionStatus[])[],
  R: number,
  C: number,
  entry: readonly [number, number],
): { lower: number; upper: number } {
  const { index, A, b, hidden } = lineEquations(value, status, R, C, entry);
  const k = index.get(`${entry[0]},${entry[1]}`);
  if (k === undefined) throw new InputError("entryInterval", "the entry must be hidden", `${entry[0]},${entry[1]}`);
  const objective = (sign: number) => hidden.map((_, m) => (m === k ? sign : 0));
  const lo = solveLinearProgram(A, b, objective(1));
  const hi = solveLinearProgram(A, b, objective(-1));
  if (lo.status !== "optimal") throw new Error(`entryInterval: the published table has no solution (${lo.status}; cannot happen)`);
  // the line equations of a two-way table are totally unimodular: vertices are integer, round off float noise
  return { lower: Math.round(lo.objective), upper: hi.status === "unbounded" ? Infinity : Math.round(-(hi as { objective: number }).objective) };
}

/**
 * True when the published table determines the hidden entry exactly (given counts ≥ 0). Exact, without a
 * linear programme: write each entry as z = ±x, with − for the row and column totals except the grand total,
 * so that every line of the grid sums to 0; then two tables agreeing on everything published differ by a
 * circulation on the hidden entries, which splits into alternating cycles that each respect the sign limits
 * (a conformal decomposition). So the entry can move iff some alternating cycle through it only lowers
 * entries whose count is > 0: a path search in the directed graph row line → column line (z may rise) and
 * column line → row line (z may fall). `value` holds the true counts: the answer does not depend on which
 * consistent table is used, only on what is published.
 */
function isPinned(
  value: readonly (readonly number[])[],
  status: readonly (readonly SuppressionStatus[])[],
  R: number,
  C: number,
  entry: readonly [number, number],
): boolean {
  // direction of z = sign · x: sign −1 for (i, C) with i < R and (R, j) with j < C
  const sign = (i: number, j: number) => ((i === R) !== (j === C) ? -1 : 1);
  const canRaiseZ = (i: number, j: number) => sign(i, j) > 0 || value[i][j] > 0; // raising z lowers x when sign < 0
  const canLowerZ = (i: number, j: number) => sign(i, j) < 0 || value[i][j] > 0;
  // nodes: row line i = i, column line j = R + 1 + j; edges from hidden entries other than `entry`
  const reaches = (from: number, to: number): boolean => {
    const seen = new Set<number>([from]);
    const stack = [from];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node === to) return true;
      const isRow = node <= R;
      for (let k = 0; k <= (isRow ? C : R); k++) {
        const [i, j] = isRow ? [node, k] : [k, node - R - 1];
        if (status[i][j] === "" || (i === entry[0] && j === entry[1])) continue;
        if (isRow ? !canRaiseZ(i, j) : !canLowerZ(i, j)) continue;
        const next = isRow ? R + 1 + j : i;
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  };
  const [i, j] = entry;
  const row = i;
  const column = R + 1 + j;
  // raise z on the entry (row → column), come back column ⇒ row; or lower it (column → row), back row ⇒ column
  if (canRaiseZ(i, j) && reaches(column, row)) return false;
  if (canLowerZ(i, j) && reaches(row, column)) return false;
  return true;
}

/**
 * The first primary entry the published table determines, or null. Hiding more entries only frees entries
 * (a published value becomes a variable), so entries found free before (`free`, keys "i,j", updated here)
 * are not examined again.
 */
function firstPinnedPrimary(
  value: readonly (readonly number[])[],
  status: readonly (readonly SuppressionStatus[])[],
  R: number,
  C: number,
  free: Set<string>,
): [number, number] | null {
  for (let i = 0; i <= R; i++) {
    for (let j = 0; j <= C; j++) {
      if (status[i][j] !== "primary" || free.has(`${i},${j}`)) continue;
      if (isPinned(value, status, R, C, [i, j])) return [i, j];
      free.add(`${i},${j}`);
    }
  }
  return null;
}

/** The feasible interval of a hidden entry as an attacker computes it from the published table. */
export interface HiddenEntryInterval {
  /** Row index, or `rowLabels.length` for the column totals row. */
  row: number;
  /** Column index, or `columnLabels.length` for the row totals column. */
  column: number;
  status: Exclude<SuppressionStatus, "">;
  /** Smallest and largest value consistent with every published entry and total and with counts ≥ 0. */
  lower: number;
  upper: number;
}

/**
 * The interval attack on a published table: for each hidden entry (cells and totals), the smallest and largest
 * value it can take given every published count and total and that counts are ≥ 0 — two linear programmes
 * per entry (Cox 1980; τ-Argus' audit). A width of 0 means the entry is disclosed. Uses only what is
 * published (the `counts`, totals and statuses of `t`), as an attacker would.
 * @throws InputError when the table has no margins (nothing ties the hidden entries together: each is in [0, ∞))
 * @example
 * hiddenEntryIntervals(suppressSmallCounts({ rowLabels: ["A", "B"], columnLabels: ["yes", "no"], counts: [[3, 40], [25, 30]] }))
 * // [{ row: 0, column: 0, status: "primary", lower: 0, upper: 28 }, …]
 */
export function hiddenEntryIntervals(t: SuppressedTable): HiddenEntryInterval[] {
  if (t.rowTotals === null || t.columnTotals === null || t.rowTotalStatus === null || t.columnTotalStatus === null) {
    throw new InputError("hiddenEntryIntervals", "the table must have margins", "no margins");
  }
  const R = t.rowLabels.length;
  const C = t.columnLabels.length;
  const value: number[][] = [];
  const status: SuppressionStatus[][] = [];
  for (let i = 0; i <= R; i++) {
    value.push([]);
    status.push([]);
    for (let j = 0; j <= C; j++) {
      const shown = i < R && j < C ? t.counts[i][j] : i < R ? t.rowTotals[i] : j < C ? t.columnTotals[j] : t.grandTotal;
      const st = i < R && j < C ? t.status[i][j] : i < R ? t.rowTotalStatus[i] : j < C ? t.columnTotalStatus[j] : t.grandTotalStatus;
      value[i].push(shown ?? 0); // hidden values are never read: they are the unknowns
      status[i].push(shown === null ? (st === "" ? "secondary" : st) : "");
    }
  }
  const out: HiddenEntryInterval[] = [];
  for (let i = 0; i <= R; i++) {
    for (let j = 0; j <= C; j++) {
      if (status[i][j] === "") continue;
      out.push({ row: i, column: j, status: status[i][j] as "primary" | "secondary", ...entryInterval(value, status, R, C, [i, j]) });
    }
  }
  return out;
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
