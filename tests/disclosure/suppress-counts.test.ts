import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../lib/errors";
import { createRng } from "../../lib/stats/random";
import fc from "fast-check";
import { hiddenEntryIntervals, isSmallCount, suppressedTableRows, suppressSmallCounts, type SuppressedTable } from "../../lib/disclosure/suppress-counts";
import { disclosedPercentage, suppressIndicatorRows } from "../../lib/disclosure/suppress-indicators";

/** Every line (cells + total) of the grid with margins, as [value, hidden] pairs. */
function lines(t: SuppressedTable, original: number[][]): { value: number; hidden: boolean }[][] {
  const R = original.length;
  const C = original[0].length;
  const rowTotal = (i: number) => original[i].reduce((a, b) => a + b, 0);
  const colTotal = (j: number) => original.reduce((a, r) => a + r[j], 0);
  const grand = original.flat().reduce((a, b) => a + b, 0);
  const out: { value: number; hidden: boolean }[][] = [];
  for (let i = 0; i < R; i++) {
    out.push([...original[i].map((v, j) => ({ value: v, hidden: t.counts[i][j] === null })), { value: rowTotal(i), hidden: t.rowTotals![i] === null }]);
  }
  out.push([...Array.from({ length: C }, (_, j) => ({ value: colTotal(j), hidden: t.columnTotals![j] === null })), { value: grand, hidden: t.grandTotal === null }]);
  for (let j = 0; j < C; j++) {
    out.push([...original.map((r, i) => ({ value: r[j], hidden: t.counts[i][j] === null })), { value: colTotal(j), hidden: t.columnTotals![j] === null }]);
  }
  out.push([...Array.from({ length: R }, (_, i) => ({ value: rowTotal(i), hidden: t.rowTotals![i] === null })), { value: grand, hidden: t.grandTotal === null }]);
  return out;
}

/**
 * Hidden entries of the grid with margins that are bridges of the graph rows × columns of hidden entries
 * (an independent check: union–find without each edge in turn).
 */
function bridges(t: SuppressedTable, original: number[][]): [number, number][] {
  const R = original.length;
  const C = original[0].length;
  const hidden: [number, number][] = [];
  for (let i = 0; i <= R; i++) {
    for (let j = 0; j <= C; j++) {
      const shown = i < R && j < C ? t.counts[i][j] : i < R ? t.rowTotals![i] : j < C ? t.columnTotals![j] : t.grandTotal;
      if (shown === null) hidden.push([i, j]);
    }
  }
  const out: [number, number][] = [];
  hidden.forEach((edge, skip) => {
    const parent = Array.from({ length: R + 1 + C + 1 }, (_, x) => x);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    hidden.forEach(([i, j], e) => {
      if (e !== skip) parent[find(i)] = find(R + 1 + j);
    });
    if (find(edge[0]) !== find(R + 1 + edge[1])) out.push(edge);
  });
  return out;
}

describe("suppressSmallCounts", () => {
  test("primary suppression hides 1–9, keeps 0 and 10+ (no margins, so no secondary suppression)", () => {
    const counts = Object.freeze([Object.freeze([0, 1, 9, 10, 250])]);
    const t = suppressSmallCounts({ rowLabels: ["A"], columnLabels: ["a", "b", "c", "d", "e"], counts }, { margins: false });
    assert.deepEqual(t.counts, [[0, null, null, 10, 250]]);
    assert.deepEqual(t.status, [["", "primary", "primary", "", ""]]);
    assert.equal(t.secondary, 0);
  });

  test("secondary suppression: one small cell in a 2×2 table hides the cells that would give it back", () => {
    const t = suppressSmallCounts({ rowLabels: ["A", "B"], columnLabels: ["yes", "no"], counts: [[3, 40], [25, 30]] });
    assert.deepEqual(t.counts, [[null, null], [null, null]]);
    assert.deepEqual(t.status, [["primary", "secondary"], ["secondary", "secondary"]]);
    assert.deepEqual([t.rowTotals, t.columnTotals, t.grandTotal], [[43, 55], [28, 70], 98]);
  });

  test("secondary suppression picks the next-smallest cell of the line", () => {
    const t = suppressSmallCounts({ rowLabels: ["A", "B", "C"], columnLabels: ["1", "2", "3"], counts: [[5, 12, 300], [40, 11, 200], [50, 60, 70]] });
    assert.equal(t.status[0][1], "secondary", "12 is the smallest other cell in row A");
    assert.equal(t.status[0][2], "", "300 stays");
  });

  test("a hidden cell that joins two blocks of hidden cells (a bridge) is protected too", () => {
    // Primary cells: the 2×2 blocks top-left and bottom-right, and 7 at (1, 2) joining them. Every line has 0
    // or ≥ 2 hidden cells, yet (1, 2) = rows 0–1 totals − (columns 0–1 totals − rows 2–3 of columns 0–1)
    // − the visible cells of rows 0–1 in columns 2–3. One cell of rows 2–3 × columns 0–1 must go too.
    const counts = [[3, 4, 50, 60], [5, 6, 7, 70], [80, 90, 2, 3], [85, 95, 4, 5]];
    const t = suppressSmallCounts({ rowLabels: ["a", "b", "c", "d"], columnLabels: ["1", "2", "3", "4"], counts });
    assert.equal(t.status[1][2], "primary");
    assert.equal(t.status[2][0], "secondary", "80, the smallest cell joining the two sides");
    const attack = [t.counts[2][0], t.counts[2][1], t.counts[3][0], t.counts[3][1]];
    assert.ok(attack.includes(null), "the subtraction attack on (1, 2) needs all four visible");
    assert.equal(bridges(t, counts).length, 0);
  });

  test("a small total is suppressed too, and protected", () => {
    const t = suppressSmallCounts({ rowLabels: ["A", "B"], columnLabels: ["x", "y"], counts: [[2, 3], [30, 40]] });
    assert.equal(t.rowTotals![0], null, "row total 5 is itself small");
    for (const line of lines(t, [[2, 3], [30, 40]])) assert.notEqual(line.filter((e) => e.hidden).length, 1);
  });

  test("property: on random tables no hidden entry is a bridge (each lies on a cycle, so totals cannot pin it)", () => {
    const rng = createRng(12);
    for (let k = 0; k < 200; k++) {
      const R = 2 + rng.nextInt(6);
      const C = 2 + rng.nextInt(5);
      const counts = Array.from({ length: R }, () => Array.from({ length: C }, () => (rng.nextFloat() < 0.25 ? rng.nextInt(10) : 10 + rng.nextInt(90))));
      const t = suppressSmallCounts({ rowLabels: counts.map((_, i) => `r${i}`), columnLabels: counts[0].map((_, j) => `c${j}`), counts });
      assert.deepEqual(bridges(t, counts), [], JSON.stringify(counts));
    }
  });

  test("property: on random tables no small count is shown and no line has exactly one hidden entry", () => {
    const rng = createRng(11);
    for (let k = 0; k < 300; k++) {
      const R = 1 + rng.nextInt(5);
      const C = 2 + rng.nextInt(4);
      const counts = Array.from({ length: R }, () => Array.from({ length: C }, () => (rng.nextFloat() < 0.3 ? rng.nextInt(10) : rng.nextInt(80))));
      const t = suppressSmallCounts({ rowLabels: counts.map((_, i) => `r${i}`), columnLabels: counts[0].map((_, j) => `c${j}`), counts });
      for (const line of lines(t, counts)) {
        for (const e of line) if (!e.hidden) assert.ok(!isSmallCount(e.value), `small ${e.value} shown in ${JSON.stringify(counts)}`);
        const hidden = line.filter((e) => e.hidden).length;
        assert.notEqual(hidden, 1, `a lone hidden entry can be recovered by subtraction: ${JSON.stringify(counts)}`);
      }
    }
  });

  test("the threshold is configurable and zeros can be suppressed", () => {
    const t = suppressSmallCounts({ rowLabels: ["A"], columnLabels: ["a", "b", "c"], counts: [[0, 4, 6]] }, { threshold: 6, margins: false, suppressZeros: true });
    assert.deepEqual(t.counts, [[null, null, 6]]);
  });

  test("renders hidden entries with the marker", () => {
    const rows = suppressedTableRows(suppressSmallCounts({ rowLabels: ["A", "B"], columnLabels: ["yes", "no"], counts: [[3, 40], [25, 30]] }));
    assert.deepEqual(rows[0], ["", "yes", "no", "Total"]);
    assert.deepEqual(rows[1], ["A", "[c]", "[c]", "43"]);
    assert.deepEqual(rows[3], ["Total", "28", "70", "98"]);
  });

  test("rejects ragged tables, negative or fractional counts and bad thresholds", () => {
    assert.throws(() => suppressSmallCounts({ rowLabels: ["A"], columnLabels: ["a", "b"], counts: [[1]] }), InputError);
    assert.throws(() => suppressSmallCounts({ rowLabels: ["A"], columnLabels: ["a"], counts: [[-1]] }), InputError);
    assert.throws(() => suppressSmallCounts({ rowLabels: ["A"], columnLabels: ["a"], counts: [[1.5]] }), InputError);
    assert.throws(() => suppressSmallCounts({ rowLabels: ["A"], columnLabels: ["a"], counts: [[1]] }, { threshold: 0 }), InputError);
  });
});

/**
 * Brute force, independent of the linear programme: every integer table (hidden interior cells ≥ 0) that
 * agrees with everything published; the range of each hidden entry over them. Small tables only.
 */
function enumeratedIntervals(t: SuppressedTable): Map<string, [number, number]> | null {
  const R = t.rowLabels.length;
  const C = t.columnLabels.length;
  const hidden: [number, number][] = [];
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) if (t.counts[i][j] === null) hidden.push([i, j]);
  const knownGrand = t.grandTotal ?? Infinity;
  const bound = ([i, j]: [number, number]) => Math.min(t.rowTotals![i] ?? Infinity, t.columnTotals![j] ?? Infinity, knownGrand);
  const bounds = hidden.map(bound);
  if (bounds.some((b) => !Number.isFinite(b)) || bounds.reduce((p, b) => p * (b + 1), 1) > 300000) return null;
  const out = new Map<string, [number, number]>();
  const note = (key: string, v: number) => {
    const cur = out.get(key);
    out.set(key, cur ? [Math.min(cur[0], v), Math.max(cur[1], v)] : [v, v]);
  };
  const cells = Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => t.counts[i][j] ?? 0));
  const visit = (k: number) => {
    if (k < hidden.length) {
      for (let v = 0; v <= bounds[k]; v++) {
        cells[hidden[k][0]][hidden[k][1]] = v;
        visit(k + 1);
      }
      return;
    }
    const rowT = cells.map((r) => r.reduce((a, b) => a + b, 0));
    const colT = Array.from({ length: C }, (_, j) => cells.reduce((a, r) => a + r[j], 0));
    const grand = rowT.reduce((a, b) => a + b, 0);
    if (rowT.some((v, i) => t.rowTotals![i] !== null && t.rowTotals![i] !== v)) return;
    if (colT.some((v, j) => t.columnTotals![j] !== null && t.columnTotals![j] !== v)) return;
    if (t.grandTotal !== null && t.grandTotal !== grand) return;
    for (const [i, j] of hidden) note(`${i},${j}`, cells[i][j]);
    rowT.forEach((v, i) => t.rowTotals![i] === null && note(`${i},${C}`, v));
    colT.forEach((v, j) => t.columnTotals![j] === null && note(`${R},${j}`, v));
    if (t.grandTotal === null) note(`${R},${C}`, grand);
  };
  visit(0);
  return out;
}

/** A table from random counts: often small, often zero (zeros make the attack bite). */
const tableArbitrary = fc
  .record({ rows: fc.integer({ min: 2, max: 4 }), columns: fc.integer({ min: 2, max: 4 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 60 })), { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );
const tableOf = (counts: number[][]) => ({ rowLabels: counts.map((_, i) => `r${i}`), columnLabels: counts[0].map((_, j) => `c${j}`), counts });

describe("suppressSmallCounts against the interval (LP) attack", () => {
  test("the attack a cycle alone did not stop (zeros on the cycles pinned the 1 at row 2, column 1); now nothing is pinned", () => {
    // Found by the property below against the pattern without the audit: every hidden entry lay on a cycle,
    // but the cycles ran through hidden zeros (column c0 and its published total 0 among them), and with
    // counts ≥ 0 the linear programme gave the 1 exactly.
    const counts = [[0, 16, 1, 2], [0, 0, 10, 1], [0, 1, 1, 1], [0, 11, 0, 0]];
    const t = suppressSmallCounts(tableOf(counts));
    const primaries = hiddenEntryIntervals(t).filter((iv) => iv.status === "primary");
    assert.ok(primaries.some((iv) => iv.row === 2 && iv.column === 1));
    for (const iv of primaries) assert.ok(iv.upper > iv.lower, JSON.stringify(iv));
  });

  test("hiddenEntryIntervals agrees with brute-force enumeration of every consistent table", () => {
    fc.assert(
      fc.property(tableArbitrary, (counts) => {
        const small = counts.map((r) => r.map((v) => Math.min(v, 14)));
        const t = suppressSmallCounts(tableOf(small));
        const truth = enumeratedIntervals(t);
        if (truth === null) return;
        for (const iv of hiddenEntryIntervals(t)) {
          assert.deepEqual([iv.lower, iv.upper], truth.get(`${iv.row},${iv.column}`), `${JSON.stringify(small)} entry ${iv.row},${iv.column}`);
        }
      }),
      { seed: 2026, numRuns: 150 },
    );
  });

  test("property: on 3,000 random 2–4 × 2–4 tables no primary cell is pinned (its feasible interval is wider than one value) and each contains the truth", () => {
    fc.assert(
      fc.property(tableArbitrary, (counts) => {
        const t = suppressSmallCounts(tableOf(counts));
        const R = counts.length;
        const C = counts[0].length;
        const truthAt = (i: number, j: number) =>
          i < R && j < C ? counts[i][j] : i < R ? counts[i].reduce((a, b) => a + b, 0) : j < C ? counts.reduce((a, r) => a + r[j], 0) : counts.flat().reduce((a, b) => a + b, 0);
        for (const iv of hiddenEntryIntervals(t)) {
          const v = truthAt(iv.row, iv.column);
          assert.ok(iv.lower <= v && v <= iv.upper, `${JSON.stringify(counts)}: ${v} outside [${iv.lower}, ${iv.upper}]`);
          if (iv.status === "primary") assert.ok(iv.upper > iv.lower, `${JSON.stringify(counts)}: primary ${iv.row},${iv.column} = ${v} pinned`);
        }
      }),
      { seed: 15, numRuns: 3000 },
    );
  });
});

describe("suppressIndicatorRows and disclosedPercentage", () => {
  const rows = Object.freeze([
    Object.freeze({ la_code: "E1", period: 2023, indicator: "x", value: 50, numerator: 2, denominator: 4, status: "" }),
    Object.freeze({ la_code: "E2", period: 2023, indicator: "x", value: 12.5, numerator: 5, denominator: 40, status: "" }),
    Object.freeze({ la_code: "E3", period: 2023, indicator: "x", value: 50, numerator: 20, denominator: 40, status: "" }),
  ]);

  test("suppresses values on small denominators, suppresses rates of small numerators, keeps the rest, leaves inputs alone", () => {
    const r = suppressIndicatorRows(rows);
    assert.deepEqual(r.rows[0], { la_code: "E1", period: 2023, indicator: "x", value: null, numerator: null, denominator: null, status: "suppressed:disclosure" });
    assert.deepEqual([r.rows[1].value, r.rows[1].numerator, r.rows[1].denominator, r.rows[1].status], [null, null, 40, "suppressed:disclosure"]);
    assert.deepEqual(r.rows[2], rows[2]);
    assert.deepEqual([r.suppressedValues, r.withheldNumerators], [1, 1]);
    assert.equal(rows[0].value, 50);
  });

  test("a rate whose complement d − x is a small count is suppressed too (40 − 36 = 4 children)", () => {
    const r = suppressIndicatorRows([{ value: 90, numerator: 36, denominator: 40, status: "" }]);
    assert.deepEqual(r.rows[0], { value: null, numerator: null, denominator: 40, status: "suppressed:disclosure" });
    assert.deepEqual(suppressIndicatorRows([{ value: 75, numerator: 30, denominator: 40, status: "" }]).rows[0].value, 75);
  });

  test("no withheld count comes back from a published row: value × denominator / 100 and d − x are never 1–9", () => {
    for (let d = 1; d <= 60; d++) {
      for (let x = 0; x <= d; x++) {
        const [row] = suppressIndicatorRows([{ value: (100 * x) / d, numerator: x, denominator: d, status: "" }]).rows;
        if (row.value === null) continue;
        assert.ok(row.denominator !== null && row.numerator !== null, `x=${x} d=${d}: a published value shows its counts`);
        const recovered = Math.round((row.value * row.denominator) / 100);
        for (const count of [recovered, row.denominator - recovered, row.denominator]) assert.ok(count === 0 || count >= 10, `x=${x} d=${d}: ${count} recovered`);
      }
    }
  });

  test("a percentage is published only when its denominator, numerator and complement are all 0 or at least 10", () => {
    assert.deepEqual(disclosedPercentage(12, 40), { value: 30, status: "" });
    assert.deepEqual(disclosedPercentage(0, 40), { value: 0, status: "" });
    assert.deepEqual(disclosedPercentage(40, 40), { value: 100, status: "" });
    assert.deepEqual(disclosedPercentage(3, 40), { value: null, status: "suppressed:disclosure" });
    assert.deepEqual(disclosedPercentage(36, 40), { value: null, status: "suppressed:disclosure" });
    assert.deepEqual(disclosedPercentage(3, 6), { value: null, status: "suppressed:disclosure" });
    assert.throws(() => disclosedPercentage(7, 6), InputError);
  });
});
