/**
 * The interval attack on a table published with suppression: what an attacker who knows every published count
 * and total, and that counts are ≥ 0, can say about each hidden entry (Cox 1980, "Suppression methodology and
 * statistical disclosure control", JASA 75; τ-Argus' audit). `suppressSmallCounts` uses it to hide more entries
 * until no primary entry is determined; {@link hiddenEntryIntervals} is the audit the tests use.
 */
import { InputError } from "../errors";
import { solveLinearProgram } from "../stats/linear-program";
import type { SuppressedTable, SuppressionStatus } from "./suppression-types";

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
export function isPinned(
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
export function firstPinnedPrimary(
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
