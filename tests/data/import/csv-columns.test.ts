import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { decodeUtf8, parseCsv } from "../../../lib/data/csv";
import { expectedRecords } from "../../../lib/data/import/csv-cell-bounds";
import { CsvColumns } from "../../../lib/data/import/csv-columns";
import { parseDfeCell } from "../../../lib/data/import/symbols";

/** What a call threw (its message), or its result. */
function outcome<T>(f: () => T): { value: T } | { error: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The columns of parseCsv's rows, as CsvColumns gives them. */
function byColumnFromRows(text: string): { header: string[]; columns: string[][] } {
  const csv = parseCsv(text, "t.csv");
  return { header: csv.header, columns: csv.header.map((_, k) => csv.rows.map((r) => r[k])) };
}

function byColumn(text: string, first: readonly number[]): { header: string[]; columns: string[][] } {
  const t = CsvColumns.parse(text, "t.csv", () => first);
  return { header: [...t.header], columns: t.header.map((_, k) => [...t.cells(k)]) };
}

// CSV-like text from a few characters that matter to the reader (quotes, commas, line ends, a BOM, non-ASCII)
const csvish = fc.array(fc.constantFrom("a", "b", "1", " ", ",", '"', "\n", "\r\n", "é", "\ufeff"), { maxLength: 40 }).map((parts) => parts.join(""));

test("CsvColumns reads the same cells, and throws the same errors, as parseCsv", () => {
  fc.assert(
    fc.property(csvish, fc.array(fc.nat(4), { maxLength: 3 }), (text, first) => {
      const expected = outcome(() => byColumnFromRows(text));
      const got = outcome(() => byColumn(text, first));
      assert.deepEqual(got, expected);
    }),
    { numRuns: 3000 },
  );
});

test("columns read first and columns read on demand are the same cells, untrimmed", () => {
  const text = "a, b ,c\n1, x ,\"y,z\"\n2,,\"q\"\"\"\n";
  const t = CsvColumns.parse(text, "t.csv", () => [1]);
  assert.deepEqual(t.header, ["a", " b ", "c"]);
  assert.equal(t.rowCount, 2);
  assert.deepEqual(t.cells(1), [" x ", ""]);
  assert.deepEqual(t.cells(2), ["y,z", 'q"']);
  assert.deepEqual(t.cells(0), ["1", "2"]);
});

test("a row with the wrong number of fields is an error naming the first such row, after quoting errors", () => {
  assert.throws(() => CsvColumns.parse("a,b\n1,2\n3\n4,5,6\n", "t.csv", () => [0]), /row 2[^]*"1 field"[^]*2 fields as in the header/);
  assert.throws(() => CsvColumns.parse("a,b\n3\n\"x", "t.csv", () => [0]), /closing quote/);
  assert.throws(() => CsvColumns.parse("", "t.csv", () => [0]), /a header row/);
});

test("asking for a column the file does not have is a RangeError", () => {
  const t = CsvColumns.parse("a\n1\n", "t.csv", () => [5]);
  assert.throws(() => t.cells(1), RangeError);
});

function byColumnFromBytes(bytes: Uint8Array, first: readonly number[]): { header: string[]; columns: string[][] } {
  const t = CsvColumns.parseBytes(bytes, "t.csv", () => first);
  return { header: [...t.header], columns: t.header.map((_, k) => [...t.cells(k)]) };
}

test("CsvColumns.parseBytes reads the same header, cells and errors as parse of the decoded text", () => {
  fc.assert(
    fc.property(csvish, fc.array(fc.nat(4), { maxLength: 3 }), fc.boolean(), (text, first, bom) => {
      const bytes = Buffer.from((bom ? "\ufeff" : "") + text, "utf8");
      const expected = outcome(() => byColumn(decodeUtf8(bytes, "t.csv"), first));
      assert.deepEqual(outcome(() => byColumnFromBytes(bytes, first)), expected, JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});

test("CsvColumns.parseBytes: bytes that are not UTF-8 are decodeUtf8's error; repeated cells are one string", () => {
  const latin1 = Buffer.from("a,b\n\xe9,1\n", "latin1");
  assert.deepEqual(outcome(() => byColumnFromBytes(latin1, [0])), outcome(() => decodeUtf8(latin1, "t.csv")));
  const t = CsvColumns.parseBytes(Buffer.from("a,b\nE06,1\nE07,2\nE06,3\n"), "t.csv", () => [0]);
  assert.deepEqual(t.cells(0), ["E06", "E07", "E06"]);
  assert.deepEqual(t.cells(1), ["1", "2", "3"]);
});

// wider than csvish: a lone CR, a trailing comma, long quote-free runs (the one-pass cut) between quoted records
const csvishLong = fc.array(fc.constantFrom("a", "bc", "1", " ", ",", ",", '"', "\n", "\n", "\r", "\r\n", "é", "x,y\n"), { maxLength: 80 }).map((parts) => parts.join(""));

test("CsvColumns.parseBytes cuts quote-free records as parse of the decoded text does (lone CR, trailing comma, quoted records between)", () => {
  fc.assert(
    fc.property(csvishLong, fc.array(fc.nat(5), { maxLength: 4 }), (text, first) => {
      const bytes = Buffer.from(text, "utf8");
      assert.deepEqual(outcome(() => byColumnFromBytes(bytes, first)), outcome(() => byColumn(text, first)), JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
});

test("coded cells are the cells: values[codes[i]] is cells(p)[i], values distinct in order of first appearance, from bytes and from text", () => {
  fc.assert(
    fc.property(csvishLong, fc.array(fc.nat(5), { maxLength: 4 }), fc.nat(5), (text, first, asked) => {
      for (const t of [outcome(() => CsvColumns.parseBytes(Buffer.from(text, "utf8"), "t.csv", () => first)), outcome(() => CsvColumns.parse(text, "t.csv", () => first))]) {
        if (!("value" in t) || asked >= t.value.header.length) continue;
        const { codes, values } = t.value.coded(asked);
        const cells = t.value.cells(asked);
        assert.deepEqual(Array.from(codes, (c) => values[c]), [...cells]);
        assert.deepEqual(Array.from(cells, (_, row) => t.value.reader(asked).text(row)), [...cells]);
        assert.deepEqual(Array.from(cells, (_, row) => t.value.cell(asked, row)), [...cells]);
        assert.deepEqual([...values], [...new Set(cells)]);
      }
    }),
    { numRuns: 3000 },
  );
});

test("CsvColumns.coded of a file's bytes: one code per distinct text", () => {
  const t = CsvColumns.parseBytes(Buffer.from('a,b\nx,1\n"y",2\nx,3\n'), "t.csv", () => [0]);
  assert.deepEqual({ codes: [...t.coded(0).codes], values: t.coded(0).values }, { codes: [0, 1, 0], values: ["x", "y"] });
  assert.deepEqual([...t.coded(1).codes], [0, 1, 2]);
  assert.throws(() => t.coded(2), RangeError);
});

test("a reader's plainNumber reads a plain decimal from the bytes as Number and parseDfeCell do (-0, signs, leading zeros, a point at either end), and nothing else", () => {
  const cellText = fc.array(fc.constantFrom("0", "7", "9", "-", "+", " ", ".", "e", "1", "3", "x"), { maxLength: 18 }).map((p) => p.join(""));
  fc.assert(
    fc.property(fc.array(cellText, { minLength: 1, maxLength: 5 }), (cells) => {
      const t = CsvColumns.parseBytes(Buffer.from(["a", ...cells].join("\n") + "\n"), "t.csv", () => [0]);
      cells.forEach((c, row) => {
        const n = t.reader(0).plainNumber(row);
        const digits = c.replace(/[^0-9]/g, "").length;
        if (n === undefined) assert.ok(!(/^[-+]?(\d+\.?\d*|\.\d+)$/.test(c) && digits <= 15), `${JSON.stringify(c)} is a plain decimal`);
        else {
          assert.ok(Object.is(n, Number(c)), `${JSON.stringify(c)}: ${n}`);
          assert.ok(Object.is(n, parseDfeCell(c)?.value), `${JSON.stringify(c)}: parseDfeCell`);
        }
      });
    }),
    { numRuns: 3000 },
  );
  // random decimals of up to 15 digits, the point anywhere: the quotient is Number's correctly rounded value
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 999999999999999n }), fc.nat(15), fc.boolean(), (m, k, negative) => {
      const s = m.toString().padStart(k + 1, "0");
      const text = `${negative ? "-" : ""}${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`;
      if (text.replace(/[^0-9]/g, "").length > 15) return;
      const t = CsvColumns.parseBytes(Buffer.from(`a\n${text}\n`), "t.csv", () => [0]);
      assert.ok(Object.is(t.reader(0).plainNumber(0), Number(text)), text);
    }),
    { numRuns: 5000 },
  );
  const t = CsvColumns.parseBytes(Buffer.from('a,b\n-0,"12"\n0012,1234567890123456\n22.6,.5\n5.,-.25\n'), "t.csv", () => [0, 1]);
  assert.ok(Object.is(t.reader(0).plainNumber(0), -0));
  assert.equal(t.reader(0).plainNumber(1), 12);
  assert.equal(t.reader(1).plainNumber(0), undefined); // quoted: read as text
  assert.equal(t.reader(1).plainNumber(1), undefined); // 16 digits: read as text
  assert.deepEqual([t.reader(0).plainNumber(2), t.reader(1).plainNumber(2), t.reader(0).plainNumber(3), t.reader(1).plainNumber(3)], [22.6, 0.5, 5, -0.25]);
});

test("CsvColumns.parseBytes: quoted cells (doubled quotes, commas and line ends inside, non-ASCII) and malformed quoting as parse reads them", () => {
  const texts = ['a,b\n"x ""q"", y","1\r\n2"\n"é,""",z\n', 'a,b\n"x"y,1\n', 'a,b\n1,"open\n', 'a,b\nx"y,1\n', 'a,b\n"",""\n"""",3,\n'];
  for (const text of texts) {
    for (const first of [[0], [1], [0, 1], []]) {
      assert.deepEqual(outcome(() => byColumnFromBytes(Buffer.from(text), first)), outcome(() => byColumn(text, first)), JSON.stringify(text));
    }
  }
  assert.deepEqual([...CsvColumns.parseBytes(Buffer.from(texts[0]), "t.csv", () => [0, 1]).cells(0)], ['x "q", y', 'é,"']);
});

test("the rows reserved from the first lines never exceed what the bytes can hold: blank lines before one huge line reserve little, and the bad row is still the error", () => {
  const width = 10;
  const body = Buffer.concat([Buffer.from(`${Array.from({ length: width }, (_, k) => `c${k}`).join(",")}\n${"\n".repeat(32)}`), Buffer.alloc(1_000_000, 0x61), Buffer.from("\n")]);
  const dataStart = body.indexOf(10) + 1;
  // one byte a line in the sample would otherwise predict ≈ 1.25 × 1,000,033 records
  assert.ok(expectedRecords(body, dataStart, body.length, width) <= (body.length - dataStart) / width + 1);
  assert.equal(expectedRecords(Buffer.from("a,b\n1,2\n3,4\n"), 4, 12, 2), 2);
  assert.throws(() => CsvColumns.parseBytes(body, "f.csv", () => Array.from({ length: width }, (_, k) => k)), /row 1.*"1 field".*10 fields as in the header/s);
});

test("CsvColumns.cell of a column the file does not have is a RangeError, from bytes as from text", () => {
  for (const table of [CsvColumns.parseBytes(Buffer.from("a,b\n1,2\n"), "t.csv", () => [0]), CsvColumns.parse("a,b\n1,2\n", "t.csv", () => [0])]) {
    assert.throws(() => table.cell(5, 0), RangeError);
    assert.throws(() => table.cell(-1, 0), RangeError);
    assert.equal(table.cell(1, 0), "2");
  }
});
