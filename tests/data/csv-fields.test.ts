/**
 * The WebAssembly field scanner (lib/data/csv-fields.ts) against the JavaScript it stands in for: the same fields,
 * records, quoted texts, malformed quoting and plain decimals as scanCsvBytes and plainDecimalBytes on any piece
 * without carriage returns,
 * in batches of whole records; the same codes as InternedTexts for text columns and the same numbers (and shared
 * boxes) as ColumnsBuilder.cellBytes for number columns; and the shipped bytes are what the generator writes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { InternedTexts } from "../../lib/data/byte-interner";
import { MalformedCsv, scanCsvBytes, type CsvByteSink } from "../../lib/data/csv-bytes";
import { COLUMN_KIND, CsvFieldScanner, FIELD_INFO, MAX_FIELDS, NUMBER_CODE } from "../../lib/data/csv-fields";
import { buildCsvFieldsModule } from "../../lib/data/csv-fields-wasm";
import { CSV_FIELDS_MODULE_BASE64 } from "../../lib/data/csv-fields-module";
import { BOXED_FRACTION_DIGITS, BOXED_MANTISSAS, plainDecimalBytes, plainDecimalValue } from "../../lib/data/plain-decimal";

const FIXED_SEED = 20261207;

test("the shipped WebAssembly bytes are exactly what the generator writes", () => {
  assert.equal(Buffer.from(buildCsvFieldsModule()).toString("base64"), CSV_FIELDS_MODULE_BASE64);
});

test("a piece with a carriage return is refused, and one without is taken", () => {
  const s = CsvFieldScanner.create()!;
  s.begin(new Uint8Array(2));
  assert.equal(s.load(Buffer.from("a,b\r\n"), 0, 5), false);
  assert.equal(s.load(Buffer.from('a,"b"\n'), 0, 6), true);
  assert.equal(s.load(Buffer.from("a,b\n\r"), 0, 4), true, "a carriage return after the piece's end is not in it");
});

/** One field as scanCsvBytes gives it, and whether the scanner marked it as its record's last. */
interface Field {
  start: number;
  end: number;
  index: number;
  line: number;
  /** A quoted field's text (doubled quotes undone). */
  quoted?: string;
}

/** The fields and records of scanCsvBytes (a quoted field's start and end: its quotes'), or "malformed" when it throws. */
function fieldsOfScanCsvBytes(buf: Buffer): { fields: Field[]; records: number[] } | "malformed" {
  const fields: Field[] = [];
  const records: number[] = [];
  let at = 0;
  const sink: CsvByteSink = {
    plainField: (_b, start, end, index, line) => {
      fields.push({ start, end, index, line });
      at = end + 1;
    },
    quotedField: (text, index, line) => {
      // the field runs from its opening quote to the delimiter after its closing quote
      let end = buf.indexOf(34, at + 1);
      while (buf[end + 1] === 34) end = buf.indexOf(34, end + 2);
      fields.push({ start: at, end: end + 1, index, line, quoted: text });
      at = end + 2;
    },
    recordEnd: (count) => records.push(count),
  };
  try {
    scanCsvBytes(buf, 0, buf.length, 1, sink);
  } catch (e) {
    if (e instanceof MalformedCsv) return "malformed";
    throw e;
  }
  return { fields, records };
}

/** Each column's cell: its code (text) or number (NUMBER_CODE.MISSING → null), by the module, for the given kinds. */
function scanned(s: CsvFieldScanner, buf: Buffer, kinds: Uint8Array) {
  s.begin(kinds);
  assert.ok(s.load(buf, 0, buf.length));
  const fields: Field[] = [];
  const records: number[] = [];
  const cells: unknown[] = [];
  const newTexts: string[][] = kinds.length > 0 ? Array.from(kinds, () => []) : [];
  let index = 0;
  let line = 1;
  let malformed = false;
  for (let n = s.next(); n > 0; n = s.next()) {
    malformed ||= s.malformed;
    assert.ok(n <= MAX_FIELDS);
    if (!s.uneven) assert.equal(n % kinds.length, 0, "a batch of even records holds whole records");
    for (let t = 0; t < s.newTextCount; t++) newTexts[s.newTexts[3 * t]].push(buf.toString("utf8", s.newTexts[3 * t + 1], s.newTexts[3 * t + 2]));
    let at = s.batchStart;
    for (let f = 0; f < n; f++) {
      const info = s.info[f];
      const quoted = (info & FIELD_INFO.QUOTED) !== 0 ? buf.toString("utf8", at + 1, s.ends[f] - 1) : undefined;
      fields.push({ start: at, end: s.ends[f], index, line, ...(quoted === undefined ? {} : { quoted: (info & FIELD_INFO.DOUBLED) !== 0 ? quoted.replaceAll('""', '"') : quoted }) });
      const kind = index < kinds.length ? kinds[index] : COLUMN_KIND.NONE;
      const form = info & FIELD_INFO.FORM;
      if (kind === COLUMN_KIND.TEXT) cells.push((info & FIELD_INFO.DOUBLED) !== 0 ? "needs JavaScript" : `code ${s.codes[f]}`);
      else if (kind === COLUMN_KIND.NONE) cells.push("-");
      else if (form !== FIELD_INFO.EMPTY && (form !== FIELD_INFO.PLAIN || (kind === COLUMN_KIND.WHOLE_NUMBER && (info & FIELD_INFO.POINT) !== 0))) cells.push("needs JavaScript");
      else cells.push(s.codes[f] === NUMBER_CODE.MISSING ? null : { value: s.values[f], box: s.codes[f] });
      at = s.ends[f] + 1;
      if ((info & FIELD_INFO.LAST) !== 0) {
        records.push(index + 1);
        index = 0;
        line++;
      } else index++;
    }
  }
  return { fields, records, cells, newTexts, malformed };
}

/** What the JavaScript reader makes of the same cells (InternedTexts per text column; cellBytes' numbers and boxes). */
function expectedCells(buf: Buffer, fields: readonly Field[], kinds: Uint8Array) {
  const interners = Array.from(kinds, () => new InternedTexts());
  const d = { digits: 0, decimals: 0, negative: false };
  let doubled = false;
  const cells = fields.map(({ start, end, index, quoted }) => {
    const kind = index < kinds.length ? kinds[index] : COLUMN_KIND.NONE;
    // a text with a doubled quote is left to JavaScript, and so is every text after it in the test's comparison
    doubled ||= kind === COLUMN_KIND.TEXT && quoted !== undefined && buf.subarray(start + 1, end - 1).includes('""');
    if (kind === COLUMN_KIND.TEXT && quoted !== undefined && buf.subarray(start + 1, end - 1).includes('""')) return "needs JavaScript";
    if (kind === COLUMN_KIND.TEXT) return `code ${quoted === undefined ? interners[index].codeOf(buf, start, end) : interners[index].codeOfText(quoted)}`;
    if (kind === COLUMN_KIND.NONE) return "-";
    if (quoted !== undefined) return "needs JavaScript";
    if (start === end) return null;
    if (!plainDecimalBytes(buf, start, end, kind === COLUMN_KIND.WHOLE_NUMBER, d)) return "needs JavaScript";
    const value = plainDecimalValue(d);
    const boxed = !d.negative && d.decimals > 0 && d.decimals < BOXED_FRACTION_DIGITS && d.digits < BOXED_MANTISSAS;
    return { value, box: boxed ? d.digits * (BOXED_FRACTION_DIGITS - 1) + d.decimals - 1 : NUMBER_CODE.AS_IS };
  });
  return { cells, newTexts: interners.map((t) => t.values), doubled };
}

test("on any piece without carriage returns: scanCsvBytes' fields, records and malformed quoting, InternedTexts' codes, cellBytes' numbers", () => {
  const s = CsvFieldScanner.create()!;
  const cell = fc.oneof(
    { arbitrary: fc.constantFrom("", "0", "-0", "+1", "12", "1.5", "1.50", ".5", "5.", "-12.25", "1638.3", "1638.4", "0.001", "123456789012345", "1234567890123456", "1.2.3", "-", "+", ".", "1e3", "x", "é", "E06000001", "E06000002", "a b"), weight: 10 },
    { arbitrary: fc.stringMatching(/^[0-9.\-+a-z]{0,6}$/), weight: 10 },
    { arbitrary: fc.constantFrom('"a,b"', '""', '"x"', '"1.5"', '"line\nbreak"', '"é,€"', '"E06000001"'), weight: 4 },
    { arbitrary: fc.constantFrom('"q""q"', '""""', 'a"b', '"x"y', '"open'), weight: 1 },
  );
  const record = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(","));
  const piece = fc.tuple(fc.array(record, { maxLength: 40 }), fc.boolean()).map(([rows, lf]) => rows.join("\n") + (lf && rows.length > 0 ? "\n" : ""));
  const kinds = fc.array(fc.constantFrom(COLUMN_KIND.NONE, COLUMN_KIND.NUMBER, COLUMN_KIND.WHOLE_NUMBER, COLUMN_KIND.TEXT), { minLength: 1, maxLength: 5 }).map((k) => Uint8Array.from(k));
  fc.assert(
    fc.property(piece, kinds, (text, columnKinds) => {
      const buf = Buffer.from(text);
      const got = scanned(s, buf, columnKinds);
      const want = fieldsOfScanCsvBytes(buf);
      assert.equal(got.malformed, want === "malformed");
      if (want === "malformed") return;
      assert.deepEqual(got.fields, want.fields);
      assert.deepEqual(got.records, want.records);
      // the cells of records longer than the kinds given are not typed by the module ("-"), as columns it does not know
      const expected = expectedCells(buf, want.fields, columnKinds);
      assert.deepEqual(got.cells, expected.cells);
      // after a text with a doubled quote (left to JavaScript) the module's and InternedTexts' new texts part ways
      if (!expected.doubled) assert.deepEqual(got.newTexts, expected.newTexts);
    }),
    { seed: FIXED_SEED, numRuns: 1500 },
  );
});

test("batches hold whole records, and a record split across batches or of another width is marked uneven", () => {
  const s = CsvFieldScanner.create()!;
  const rows = 3 * MAX_FIELDS;
  const even = Buffer.from(Array.from({ length: rows }, (_, i) => `E${i % 7},${i}.5,${i}`).join("\n") + "\n");
  s.begin(Uint8Array.of(COLUMN_KIND.TEXT, COLUMN_KIND.NUMBER, COLUMN_KIND.WHOLE_NUMBER));
  s.load(even, 0, even.length);
  let total = 0;
  for (let n = s.next(); n > 0; n = s.next()) {
    assert.equal(s.uneven, false);
    assert.equal(n % 3, 0);
    total += n;
  }
  assert.equal(total, 3 * rows);
  const ragged = Buffer.from("a,1\nb\nc,3\n");
  s.begin(Uint8Array.of(COLUMN_KIND.TEXT, COLUMN_KIND.NUMBER));
  s.load(ragged, 0, ragged.length);
  assert.ok(s.next() > 0 && s.uneven);
});
