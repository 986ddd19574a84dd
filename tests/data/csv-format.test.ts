/**
 * formatCsv (the package writer's CSV formatter) remembers how it formatted repeated short texts: the text
 * it writes must be exactly what formatting every cell afresh gives, and read back to the same cells.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { formatCsv, parseCsv, type CsvValue } from "../../lib/data/csv";

/** Each cell formatted on its own (the rules formatCsv documents), for comparison. */
function cellAlone(v: CsvValue | undefined): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return Object.is(v, -0) ? "0" : String(v);
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const POOL = ["E09000007", "", "a,b", ' lead', "trail ", 'say "hi"', "line\nbreak", "x".repeat(70) + ",", "x".repeat(70), "not-available:[x]"];
const cell = fc.oneof(fc.constantFrom<CsvValue>(...POOL), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ maxLength: 80 }));

test("formatCsv writes every cell as formatting it alone would, however often a text repeats, and reads back", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 60 }), (tuples) => {
      const rows = tuples.map(([a, b, c]) => ({ a, b, c }));
      const text = formatCsv(rows, ["a", "b", "c"]);
      const expected = ["a,b,c", ...rows.map((r) => [r.a, r.b, r.c].map(cellAlone).join(","))].join("\n") + "\n";
      assert.equal(text, expected);
      const back = parseCsv(text, "t.csv");
      assert.equal(back.rows.length, rows.length);
      back.rows.forEach((r, i) => assert.deepEqual(r, [rows[i].a, rows[i].b, rows[i].c].map(cellAlone).map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s))));
    }),
    { numRuns: 300 },
  );
  assert.throws(() => formatCsv([{ a: Number.POSITIVE_INFINITY }], ["a"]), /field "a" must be a finite number/);
});
