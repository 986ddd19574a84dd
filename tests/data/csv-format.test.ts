/**
 * formatCsv (the package writer's CSV formatter) remembers how it formatted repeated short texts: the text
 * it writes must be exactly what formatting every cell afresh gives, and read back to the same cells.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { formatCsv, parseCsv, type CsvValue } from "../../lib/data/csv";
import { writeCsvColumns, type CsvColumn } from "../../lib/data/csv-format";

/** writeCsvColumns' chunks joined: the whole file's bytes. */
function formatCsvColumnsBytes(fields: readonly string[], length: number, columns: readonly CsvColumn[]): Buffer {
  const chunks: Buffer[] = [];
  writeCsvColumns(fields, length, columns, (chunk) => chunks.push(Buffer.from(chunk)));
  return Buffer.concat(chunks);
}

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

// text beyond ASCII too: accented letters, a pound sign, an en dash, an emoji, a lone surrogate
const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("Zoë", "£12", "2014–15", "😀,x", "\ud800", "é".repeat(70)));
const anyCell = fc.oneof(cell, anyText, fc.constant(undefined));

/** formatCsvColumnsBytes of rows, every column given as its cells (none coded). */
function bytesOfRows(rows: readonly Record<string, CsvValue | undefined>[], fields: readonly string[]): Buffer {
  return formatCsvColumnsBytes(fields, rows.length, fields.map((f) => ({ cells: rows.map((r) => r[f]) })));
}

test("formatCsvColumnsBytes of uncoded columns gives the UTF-8 bytes of formatCsv's text, and the same errors", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(anyCell, anyCell, anyCell), { maxLength: 60 }), (tuples) => {
      const rows = tuples.map(([a, b, c]) => ({ a, b, c }));
      assert.deepEqual(bytesOfRows(rows, ["a", "b", "c"]), Buffer.from(formatCsv(rows, ["a", "b", "c"])));
    }),
    { numRuns: 500 },
  );
  // more than the first buffer's 64 KiB, growing mid-string
  const long = Array.from({ length: 5000 }, (_, i) => ({ a: i, b: `row ${i} – ${"x".repeat(i % 90)}`, c: i / 7 }));
  assert.deepEqual(bytesOfRows(long, ["a", "b", "c"]), Buffer.from(formatCsv(long, ["a", "b", "c"])));
  assert.deepEqual(bytesOfRows([], ["a"]), Buffer.from("a\n"));
  assert.throws(() => bytesOfRows([{ a: Number.NaN }], ["a"]), /field "a" must be a finite number/);
});

test("formatCsvColumnsBytes writes integers digit by digit as String(n) does: signs, -0, powers of ten and the 32-bit limits", () => {
  const edges = [0, -0, 1, -1, 9, 10, 99, 100, 2015, 99999, 100000, 2147483647, -2147483648, 2147483648, -2147483649, 1e21, 123.5, -7];
  const rows = edges.map((a) => ({ a }));
  assert.equal(bytesOfRows(rows, ["a"]).toString(), `a\n${edges.map((n) => (Object.is(n, -0) ? "0" : String(n))).join("\n")}\n`);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 50 }), (ns) => {
      assert.equal(bytesOfRows(ns.map((a) => ({ a })), ["a"]).toString(), `a\n${ns.map((n) => `${String(n)}\n`).join("")}`);
    }),
    { numRuns: 300 },
  );
});

/** Columns of `rows`, each column of texts only coded (distinct texts numbered in order of first occurrence). */
function columnsOf(rows: readonly Record<string, CsvValue | undefined>[], fields: readonly string[]): CsvColumn[] {
  return fields.map((f) => {
    const cells = rows.map((r) => r[f]);
    if (!cells.every((v) => typeof v === "string")) return { cells };
    const values = [...new Set(cells as string[])];
    return { cells, coded: { codes: Int32Array.from(cells as string[], (v) => values.indexOf(v)), values } };
  });
}

test("formatCsvColumnsBytes gives formatCsv's bytes for the same cells, coded text columns or not, small tables and large", () => {
  const fields = ["a", "b", "c"];
  fc.assert(
    fc.property(fc.array(fc.tuple(anyCell, anyCell, anyText), { maxLength: 60 }), fc.integer({ min: 0, max: 3000 }), (tuples, copies) => {
      // the third column all texts (coded); repeated past the rows the buffer is sized from, with rows of growing length
      const base = tuples.map(([a, b, c]) => ({ a, b, c }));
      const rows = base.length === 0 ? base : Array.from({ length: base.length + copies }, (_, i) => (i < base.length ? base[i] : { ...base[i % base.length], c: `${"é".repeat(Math.floor(i / 300))}${base[i % base.length].c}` }));
      assert.deepEqual(formatCsvColumnsBytes(fields, rows.length, columnsOf(rows, fields)), Buffer.from(formatCsv(rows, fields)));
    }),
    { numRuns: 150 },
  );
  assert.deepEqual(formatCsvColumnsBytes(["a"], 0, [{ cells: [] }]), Buffer.from("a\n"));
  assert.throws(() => formatCsvColumnsBytes(["a"], 1, [{ cells: [Number.NaN] }]), /field "a" must be a finite number/);
});

test("writeCsvColumns hands on formatCsv's bytes in chunks of at most the size asked (more only for one longer cell), whatever the size", () => {
  const fields = ["a", "b", "c"];
  fc.assert(
    fc.property(fc.array(fc.tuple(anyCell, anyCell, anyText), { maxLength: 60 }), fc.integer({ min: 1, max: 200 }), (tuples, chunkBytes) => {
      const rows = tuples.map(([a, b, c]) => ({ a, b, c }));
      const chunks: Buffer[] = [];
      // the chunk's buffer is reused: copied here as it comes
      writeCsvColumns(fields, rows.length, columnsOf(rows, fields), (chunk) => chunks.push(Buffer.from(chunk)), chunkBytes);
      assert.deepEqual(Buffer.concat(chunks), Buffer.from(formatCsv(rows, fields)));
      const longestCell = Math.max(0, ...rows.flatMap((r) => fields.map((f) => Buffer.byteLength(cellAlone(r[f as "a"]))))) + 1;
      for (const c of chunks) assert.ok(c.length > 0 && c.length <= Math.max(chunkBytes, longestCell, 11), `chunk of ${c.length} bytes`);
    }),
    { numRuns: 300 },
  );
});

test("numbers with up to 3 decimals are written digit by digit exactly as String(v): shortest form, signs, leading zeros, limits", () => {
  const edges = [0.5, -0.5, -0, 0.05, 0.005, 0.0005, 1e-7, 12.3, 1.005, 0.1 + 0.2, 1999999.5, -1999999.999, 2000000.5, 2e6 - 0.001, 123456.789, 99.99, 100.1, 5e-324, 1 / 3, -7.25];
  const rows = edges.map((a) => ({ a }));
  assert.equal(bytesOfRows(rows, ["a"]).toString(), `a\n${edges.map((n) => (Object.is(n, -0) ? "0" : String(n))).join("\n")}\n`);
  const decimal = fc.tuple(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 5 })).map(([m, d]) => m / 10 ** d);
  fc.assert(
    fc.property(fc.array(fc.oneof(decimal, fc.double({ noNaN: true, noDefaultInfinity: true, min: -3e6, max: 3e6 })), { maxLength: 50 }), (ns) => {
      assert.equal(bytesOfRows(ns.map((a) => ({ a })), ["a"]).toString(), `a\n${ns.map((n) => `${Object.is(n, -0) ? "0" : String(n)}\n`).join("")}`);
    }),
    { numRuns: 2000 },
  );
});

test("writeCsvColumns writes a column of text codes without its cells, and refuses a column it could not read", () => {
  const coded = { codes: [1, 0, 1], values: ["a,b", "c"] };
  const chunks: Buffer[] = [];
  writeCsvColumns(["x", "y"], 3, [{ coded }, { cells: [1, null, 2.5] }], (c) => chunks.push(Buffer.from(c)));
  assert.equal(Buffer.concat(chunks).toString(), 'x,y\nc,1\n"a,b",\nc,2.5\n');
  assert.throws(() => writeCsvColumns(["x"], 1, [{ coded: { codes: [0], values: [1] } }], () => {}), /field "x" needs its cells or codes of texts only \(got codes whose values include 1\)/);
  assert.throws(() => writeCsvColumns(["x"], 1, [{}], () => {}), /field "x" needs its cells or codes of texts only \(got no cells and no codes\)/);
});
