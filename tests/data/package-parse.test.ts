/**
 * The chunked byte reader of resource files (package-parse.ts, csv-bytes.ts) against the text reader it
 * replaced on the common path: the same columns, codes and errors whatever the chunk size (records, quoted
 * fields and multi-byte characters cut across chunks), "malformed" exactly when the text reader throws or the
 * file is not UTF-8, and through readPackage the same errors (file, row, column, value, expected) for bad files.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { DataError } from "../../lib/errors";
import { decodeUtf8, scanCsvFields } from "../../lib/data/csv";
import { recordBoundary } from "../../lib/data/csv-bytes";
import { sha256 } from "../../lib/data/package-cells";
import { RESOURCE_CHUNK_BYTES, parseResourceFile, parseResourceText } from "../../lib/data/package-parse";
import { readPackage, validatePackage, writePackage } from "../../lib/data/package";
import type { ResourceColumns } from "../../lib/data/package-columns";
import { MAX_FIELDS, MAX_TEXTS, ARENA_BYTES } from "../../lib/data/csv-fields";
import type { ResourceName } from "../../lib/data/types";

const FIXED_SEED = 20261205;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-package-parse-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

/** Columns (with their codes) and error messages, as comparable text. */
function describe(columns: ResourceColumns, errors: readonly DataError[]): string {
  const cells = Object.entries(columns.columns).map(([k, col]) => [k, col.map((v) => (Object.is(v, -0) ? "-0" : v === null ? null : `${typeof v}:${String(v)}`))]);
  const coded = Object.entries(columns.coded ?? {}).map(([k, c]) => [k, [...c.codes], c.values]);
  return JSON.stringify({ length: columns.length, cells, coded, errors: errors.map((e) => e.message) });
}

/** What the text reader gives for these bytes: its columns and errors, or "malformed" (not UTF-8, or a thrown quoting error). */
function viaText(bytes: Buffer, missing: ReadonlySet<string>, name: ResourceName = "context"): string {
  let text: string;
  try {
    text = decodeUtf8(bytes, "t.csv");
    scanCsvFields(text, "t.csv", () => {}, () => {});
  } catch (e) {
    if (e instanceof DataError) return "malformed";
    throw e;
  }
  const errors: DataError[] = [];
  const columns = parseResourceText(name, text, "t.csv", errors, missing);
  return describe(columns, errors);
}

function viaFile(bytes: Buffer, chunkBytes: number, missing: ReadonlySet<string>, rows?: number, name: ResourceName = "context"): string {
  const file = path.join(tmp, "t.csv");
  fs.writeFileSync(file, bytes);
  const read = parseResourceFile(name, file, "t.csv", { missing, chunkBytes, rows, hash: true });
  if (read === "malformed") return "malformed";
  assert.equal(read.sha256, sha256(bytes));
  return describe(read.columns, read.errors);
}

test("the chunked byte reader gives the text reader's columns, codes and errors for any CSV of context rows, any chunk size", () => {
  const wellFormed = fc.constantFrom("E06000001", "E06000002", "2020", "2019", "x", "1.5", "1.50", "15", ".15", "-0", "07", "c", "", '"a,b"', '"q""q"', '"line\nbreak"', '"2.5"', "é", "€1", "1e3");
  const cell = fc.oneof({ arbitrary: wellFormed, weight: 40 }, { arbitrary: fc.constantFrom('"', 'a"b', '"x"y'), weight: 1 });
  const record = fc
    .oneof({ arbitrary: fc.array(cell, { minLength: 4, maxLength: 4 }), weight: 30 }, { arbitrary: fc.array(cell, { minLength: 3, maxLength: 5 }), weight: 1 })
    .map((cells) => cells.join(","));
  const header = fc.constantFrom("la_code,period,variable,value", "\ufeffla_code,period,variable,value", "\ufeff\ufeffla_code,period,variable,value", "la_code,period,variable", "la_code,la_code,variable,value", "");
  const content = fc.tuple(header, fc.array(record, { maxLength: 12 }), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean()).map(([h, rows, eol, last]) => [h, ...rows].join(eol) + (last ? eol : ""));
  const garbage = fc.constantFrom(null, Buffer.from([0xe9]), Buffer.from([0xe2, 0x82]));
  fc.assert(
    fc.property(content, fc.integer({ min: 1, max: 24 }), garbage, fc.constantFrom(new Set([""]), new Set(["", "c", "07"])), (text, chunk, bad, missing) => {
      const bytes = bad ? Buffer.concat([Buffer.from(text), bad]) : Buffer.from(text);
      const expected = viaText(bytes, missing);
      assert.equal(viaFile(bytes, chunk, missing), expected);
      assert.equal(viaFile(bytes, 1 << 20, missing, 1), expected, "a declared row count below the real one only grows the columns");
    }),
    { seed: FIXED_SEED, numRuns: 600 },
  );
});

test("files of thousands of rows (many WebAssembly batches) read as the text reader reads them, whatever odd record turns up where", () => {
  // enough distinct texts to fill the module's table (MAX_TEXTS) or its arena (ARENA_BYTES): JavaScript takes over
  const pools = [3, 150, MAX_TEXTS + 10];
  const longText = (i: number) => `v${i}-${"x".repeat(1000)}`;
  const odd = fc.constantFrom("1e3", "NA", "1,2", "E1,2020,x,1,5", '"q"', "x\r", "2020.5", "é", "1234567890123456", "");
  const file = fc.record({
    rows: fc.integer({ min: 1, max: MAX_TEXTS + 200 }),
    pool: fc.constantFrom(...pools),
    long: fc.boolean(),
    oddAt: fc.option(fc.nat(), { nil: undefined }),
    odd,
    oddColumn: fc.integer({ min: 0, max: 3 }),
    chunk: fc.constantFrom(RESOURCE_CHUNK_BYTES, 4096, 70001),
    lf: fc.boolean(),
  });
  fc.assert(
    fc.property(file, ({ rows, pool, long, oddAt, odd: oddCell, oddColumn, chunk, lf }) => {
      const lines = ["la_code,period,variable,value"];
      for (let i = 0; i < rows; i++) {
        const cells = [`E${String(i % pool).padStart(8, "0")}`, String(2000 + (i % 20)), long && i % 400 < 300 ? longText(i % 300) : `v${i % 4}`, `${(i % 2000) / 10}`];
        if (oddAt !== undefined && i === oddAt % rows) cells[oddColumn] = oddCell;
        lines.push(cells.join(","));
      }
      const bytes = Buffer.from(lines.join("\n") + (lf ? "\n" : ""));
      assert.equal(viaFile(bytes, chunk, new Set([""])), viaText(bytes, new Set([""])));
    }),
    { seed: FIXED_SEED, numRuns: 40 },
  );
  assert.ok(4 * (MAX_TEXTS + 200) > MAX_FIELDS && 300 * 1000 > ARENA_BYTES, "the files cross batches, fill the table and the arena");
});

test("dates are read as the text reader reads them: valid, empty, and not calendar dates (with their errors in row order)", () => {
  const date = fc.constantFrom("2016-10-17", "2020-02-29", "", "2019-02-29", "2020-13-01", "17/10/2016", "2016-4-1");
  const row = fc.tuple(fc.constantFrom("E06000001", "E06000002"), date, fc.constantFrom("1", "2", "x", "")).map(([la, d, v]) => `${la},ofsted_overall,${v},Good,${d},2016`);
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 3000 }), fc.constantFrom(RESOURCE_CHUNK_BYTES, 512), (rows, chunk) => {
      const bytes = Buffer.from(["la_code,outcome,value,label,date,period", ...rows].join("\n") + "\n");
      assert.equal(viaFile(bytes, chunk, new Set([""]), undefined, "outcomes"), viaText(bytes, new Set([""]), "outcomes"));
    }),
    { seed: FIXED_SEED, numRuns: 60 },
  );
});

test("a record is cut only at a line feed outside quotes", () => {
  assert.equal(recordBoundary(Buffer.from('a,"x\ny"\nb'), 0, 10), 8);
  assert.equal(recordBoundary(Buffer.from('a,"x\ny'), 0, 6), -1);
  assert.equal(recordBoundary(Buffer.from("abc"), 0, 3), -1);
  assert.equal(recordBoundary(Buffer.from('"a""b"\n'), 0, 7), 7);
});

/** Indicator rows of the test package: its indicators.csv is over one chunk (RESOURCE_CHUNK_BYTES). */
const ROWS = 45000;

/** A small valid package whose indicators.csv is rewritten by `edit` (hash and rows then left as written). */
function packageWith(edit: (csv: string) => string): string {
  const dir = fs.mkdtempSync(path.join(tmp, "pkg-"));
  const indicators = Array.from({ length: ROWS }, (_, i) => ({ la_code: "E06000001", period: 1990 + (i % 100), indicator: `ind${Math.floor(i / 100)}`, value: (i % 1000) / 10, numerator: null, denominator: null, status: "" }));
  writePackage(dir, {
    name: "parse-test",
    title: "parse test",
    created: "2026-01-01",
    areas: [{ la_code: "E06000001", la_name: "A", region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null }],
    catalogue: Array.from({ length: ROWS / 100 }, (_, k) => ({ indicator: `ind${k}`, label: `I ${k}`, domain: "child-safe", polarity: "up", unit: "percent", numerator: "", denominator: "", source: "t", definition: "t" })),
    indicators,
    context: [],
    outcomes: [],
  } as never);
  const file = path.join(dir, "indicators.csv");
  fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
  return dir;
}

test("a package over one chunk reads to the same rows, and a bad line past the first MiB is reported with its file, row, column and value", () => {
  const good = packageWith((csv) => csv);
  assert.ok(fs.statSync(path.join(good, "indicators.csv")).size > RESOURCE_CHUNK_BYTES);
  const pkg = readPackage(good);
  assert.equal(pkg.indicators.numRows(), ROWS);
  assert.equal(pkg.indicators.get("value", ROWS - 1), ((ROWS - 1) % 1000) / 10);
  assert.equal(pkg.indicators.get("indicator", ROWS - 1), `ind${ROWS / 100 - 1}`);

  const lines = (csv: string) => csv.split("\n");
  const strayQuote = packageWith((csv) => lines(csv).map((l, i) => (i === ROWS - 1000 ? l.replace("E06000001", 'E06"000001') : l)).join("\n"));
  const quoteErrors = validatePackage(strayQuote).errors.map((e) => e.message);
  const quoteError = quoteErrors.find((m) => m.includes("quotes only around a whole field"));
  assert.ok(quoteError?.includes(`indicators.csv, row ${ROWS - 1000}, column "field 1": got `) && quoteError.includes("E06"), quoteErrors.join("\n"));

  const badNumber = packageWith((csv) => lines(csv).map((l, i) => (i === ROWS ? l.replace(/,(\d+(\.\d)?),,,$/, ",12x,,,") : l)).join("\n"));
  const numberErrors = validatePackage(badNumber).errors.filter((e) => e.message.includes("12x")).map((e) => e.message);
  assert.deepEqual(numberErrors, [`indicators.csv, row ${ROWS}, column "value": got "12x", expected a number (or an empty cell for missing)`.replace("indicators.csv", path.join(badNumber, "indicators.csv"))]);

  const latin1 = packageWith((csv) => csv);
  const file = path.join(latin1, "indicators.csv");
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 3] = 0xe9;
  fs.writeFileSync(file, bytes);
  const encodingErrors = validatePackage(latin1).errors.map((e) => e.message);
  assert.ok(encodingErrors.some((m) => m.includes("sha256")), "the changed file's hash is reported first");
  assert.ok(encodingErrors.some((m) => new RegExp(`row ${ROWS + 1}: got "byte 0xe9 at offset \\d+"`).test(m)), encodingErrors.join("\n"));
});
