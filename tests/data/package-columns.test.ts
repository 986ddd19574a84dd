/**
 * The columnar package reader against the row-by-row rules it replaced: the field scanner gives the records
 * (and errors) of scanCsv, a cell typed into a column equals convertCell's value or error (the fast decimal
 * path included), and the rules on columns give writePackage's errors for row objects, key by key.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { DataError } from "../../lib/errors";
import { scanCsv, scanCsvFields } from "../../lib/data/csv";
import { convertCell } from "../../lib/data/package-cells";
import { ColumnsBuilder } from "../../lib/data/columns-builder";
import { codedColumn, columnsOfRows, textCodes, textColumn } from "../../lib/data/package-columns";
import { checkRules } from "../../lib/data/package-rules";
import { firstRowsOfKeys } from "../../lib/data/package-keys";
import { SCHEMAS } from "../../lib/data/schema";
import type { FieldDescriptor } from "../../lib/data/types";

const FIXED_SEED = 20261205;

/** Records (or the error) scanCsv gives, and the same rebuilt from scanCsvFields' fields. */
function bothScans(text: string): [string, string] {
  const viaRecords = (() => {
    const out: [number, string[]][] = [];
    try {
      scanCsv(text, "t.csv", (record, line) => out.push([line, record]));
    } catch (e) {
      return `error ${(e as Error).message}`;
    }
    return JSON.stringify(out);
  })();
  const viaFields = (() => {
    const out: [number, string[]][] = [];
    let record: string[] = [];
    try {
      scanCsvFields(
        text,
        "t.csv",
        (source, start, end, index) => {
          assert.equal(index, record.length, "fields come in order");
          record.push(source.slice(start, end));
        },
        (count, line) => {
          assert.equal(count, record.length);
          out.push([line, record]);
          record = [];
        },
      );
    } catch (e) {
      return `error ${(e as Error).message}`;
    }
    return JSON.stringify(out);
  })();
  return [viaRecords, viaFields];
}

test("scanCsvFields gives scanCsv's records and errors for any text of CSV characters", () => {
  const text = fc.array(fc.constantFrom("a", "1", ",", '"', "\n", "\r", "\r\n", " ", "é", "\ufeff"), { maxLength: 40 }).map((a) => a.join(""));
  fc.assert(
    fc.property(text, (t) => {
      const [a, b] = bothScans(t);
      assert.equal(b, a);
    }),
    { seed: FIXED_SEED, numRuns: 2000 },
  );
  assert.deepEqual(bothScans('a,b\n1,"x,""y"""\n2,\n,3'), bothScans('a,b\n1,"x,""y"""\n2,\n,3'));
});

/** The value (or error message) a cell gets in a column of the builder, and convertCell's. */
function typedBoth(text: string, field: FieldDescriptor, missing: ReadonlySet<string>): [unknown, unknown] {
  const errors: DataError[] = [];
  const schemaIndex = SCHEMAS.indicators.indexOf(field);
  const builder = new ColumnsBuilder("indicators", 1, "i.csv", missing, errors);
  // the cell inside a longer text, as the reader sees it
  const source = `xx,${text},yy`;
  builder.cell(schemaIndex, source, 3, 3 + text.length, 0);
  builder.endRow();
  const present = SCHEMAS.indicators.map(() => true);
  const value = builder.finish(1, present).columns[field.name][0];
  const viaColumns = errors.length > 0 ? `error ${errors[0].message}` : value;
  const expected = convertCell(text, field, "i.csv", 1, missing);
  return [viaColumns, expected instanceof DataError ? `error ${expected.message}` : expected];
}

test("a number typed into a column equals convertCell's (the fast decimal path is Number(text) exactly), -0 included", () => {
  const valueField = SCHEMAS.indicators.find((f) => f.name === "value")!;
  const periodField = SCHEMAS.indicators.find((f) => f.name === "period")!;
  const digits = fc.array(fc.constantFrom(..."0123456789"), { maxLength: 18 }).map((a) => a.join(""));
  const decimal = fc
    .tuple(fc.constantFrom("", "-", "+"), digits, fc.constantFrom("", "."), digits, fc.constantFrom("", "e5", "E-3", "x", " "))
    .map(([sign, a, dot, b, tail]) => `${sign}${a}${dot}${dot ? b : ""}${tail}`);
  for (const missing of [new Set([""]), new Set(["", "c", "x"]), new Set(["", "0", "-99"])]) {
    fc.assert(
      fc.property(decimal, (text) => {
        for (const field of [valueField, periodField]) {
          const [got, expected] = typedBoth(text, field, missing);
          assert.ok(Object.is(got, expected) || got === expected, `${JSON.stringify(text)} as ${field.name}: ${String(got)} vs ${String(expected)}`);
        }
      }),
      { seed: FIXED_SEED, numRuns: 3000 },
    );
  }
  for (const text of ["-0", "0.1", "0.30000000000000004", "123456789012345", "1234567890123456", "9007199254740993", ".5", "5.", "+7", "x"]) {
    const [got, expected] = typedBoth(text, valueField, new Set([""]));
    assert.ok(Object.is(got, expected), `${text}: ${String(got)} vs ${String(expected)}`);
  }
});

test("duplicate keys are found by combined codes as by text: a whole-number period and its text compare alike", () => {
  const rows = [
    { la_code: "E1", period: 2015, variable: "v", value: 1 },
    { la_code: "E1", period: 2016, variable: "v", value: 1 },
    { la_code: "E1", period: 2015, variable: "v", value: 2 },
    { la_code: "E1", period: null, variable: "v", value: 2 },
    { la_code: "E1", period: null, variable: "v", value: 3 },
  ];
  const errors: DataError[] = [];
  checkRules({ context: columnsOfRows("context", rows as never) }, (n) => `${n}.csv`, errors, []);
  const duplicates = errors.filter((e) => e.message.includes("a unique")).map((e) => e.message);
  assert.equal(duplicates.length, 2);
  assert.match(duplicates[0], /row 3.*already on row 1/);
  assert.match(duplicates[1], /row 5.*already on row 4/);
  // codes of text keep text semantics: the number 5 and the text "5" share a code, null and "null" too
  const coded = codedColumn(columnsOfRows("catalogue", [{ indicator: 5 }, { indicator: "5" }, { indicator: null }, { indicator: "null" }] as never), "indicator", "text");
  assert.deepEqual([...coded.codes], [0, 0, 1, 1]);
});

/** The value-row rules row by row, as written out in the format (the reference checkRules' one-pass search must match). */
function valueRowMessages(rows: Record<string, unknown>[], units: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const reasons = ["suppressed", "not-available", "not-applicable", "low-reliability"];
  rows.forEach((row, i) => {
    const at = `indicators.csv, row ${i + 1}`;
    const { value: v, numerator: num, denominator: den } = row as Record<string, number | null>;
    const status = row.status as string;
    const unit = units.get(row.indicator as string);
    if (unit === undefined) out.push(`${at} indicator`);
    const reason = status.split(":")[0];
    if (status !== "" && !reasons.includes(reason)) out.push(`${at} status`);
    if (v === null && status === "") out.push(`${at} status`);
    if (v !== null && status !== "" && reason !== "low-reliability") out.push(`${at} value`);
    if (num !== null && num < 0) out.push(`${at} numerator`);
    if (den !== null && den < 0) out.push(`${at} denominator`);
    if ((unit === "percent" || unit === "rate_per_10k") && num !== null && den !== null && num > den) out.push(`${at} numerator`);
    if (unit === "percent" && v !== null && (v < 0 || v > 100)) out.push(`${at} value`);
    if (unit === "rate_per_10k" && v !== null && v < 0) out.push(`${at} value`);
  });
  return out;
}

test("checkRules finds every value-row problem (unknown indicator, status, counts, bounds), row by row and in order", () => {
  const units = new Map([["p", "percent"], ["r", "rate_per_10k"], ["n", "number"]]);
  const catalogue = columnsOfRows("catalogue", [...units].map(([indicator, unit]) => ({ indicator, unit })));
  const cell = fc.oneof(fc.constant(null), fc.integer({ min: -20, max: 140 }));
  const row = fc.record({
    indicator: fc.constantFrom("p", "r", "n", "x"),
    value: cell,
    numerator: cell,
    denominator: cell,
    status: fc.constantFrom("", "suppressed", "suppressed:c", "low-reliability", "weird", "not-available:x"),
  });
  fc.assert(
    fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
      const indicators = columnsOfRows("indicators", rows.map((r, i) => ({ la_code: "", period: 2000 + i, ...r })));
      const errors: DataError[] = [];
      checkRules({ catalogue, indicators }, (n) => `${n}.csv`, errors, []);
      const got = errors
        .filter((e) => e.message.startsWith("indicators.csv") && !e.message.includes('column "la_code"'))
        .map((e) => e.message.replace(/, column "([a-z_]+)".*/, " $1"));
      assert.deepEqual(got, valueRowMessages(rows, units));
    }),
    { numRuns: 300, seed: 19 },
  );
});

test("a builder's columns hold exactly the rows read: none left over from the room made for them", () => {
  const empty = new ColumnsBuilder("context", 8, "context.csv", new Set([""]), []).finish(0, [true, true, true, true]);
  assert.deepEqual(Object.values(empty.columns).map((c) => [...c]), [[], [], [], []]);
  const b = new ColumnsBuilder("context", 8, "context.csv", new Set([""]), []);
  const text = "E06000001,2020,x,1.5";
  b.cell(0, text, 0, 9, 0);
  b.cell(1, text, 10, 14, 0);
  b.cell(2, text, 15, 16, 0);
  b.endRow();
  const one = b.finish(1, [true, true, true, false]);
  assert.deepEqual({ ...one.columns }, { la_code: ["E06000001"], period: [2020], variable: ["x"], value: [null] });
});

test("text codes are kept in the narrowest array that holds them, widened as distinct texts arrive, the same codes either way", () => {
  const text = (i: number) => `v${i % 70_000}`;
  const rows = 70_500; // 70,000 distinct texts: past 256 (one byte) and 65,536 (two bytes), then repeats
  const errors: DataError[] = [];
  const b = new ColumnsBuilder("context", 16, "c.csv", new Set([""]), errors);
  for (let r = 0; r < rows; r++) {
    const cell = text(r);
    b.cell(2, cell, 0, cell.length, r);
    b.endRow();
  }
  const res = b.finish(rows, [false, false, true, false]);
  const coded = res.coded!.variable;
  assert.ok(coded.codes instanceof Int32Array, "widened to four bytes");
  assert.equal(coded.codes.length, rows);
  for (let r = 0; r < rows; r++) assert.equal(coded.codes[r], r % 70_000, `row ${r}`);
  assert.deepEqual(res.columns.variable.slice(69_998, 70_002), ["v69998", "v69999", "v0", "v1"]);
  const few = new ColumnsBuilder("context", 4, "c.csv", new Set([""]), errors);
  for (let r = 0; r < 10; r++) few.cell(2, "ab", 0, 2, r);
  assert.ok(few.finish(10, [false, false, true, false]).coded!.variable.codes instanceof Uint8Array, "one byte for few texts");
  assert.deepEqual(errors, []);
});

/** Codes as a lookup per cell gives them (the map codesByMap used before its run shortcut and narrow arrays). */
function codesByLookup(cells: readonly unknown[], by: "text" | "value"): { codes: number[]; values: unknown[] } {
  const index = new Map<unknown, number>();
  const values: unknown[] = [];
  const codes = cells.map((cell) => {
    const key = by === "text" ? String(cell) : cell;
    if (!index.has(key)) {
      index.set(key, values.length);
      values.push(key);
    }
    return index.get(key) as number;
  });
  return { codes, values };
}

test("codes made by map (codedColumn, textCodes) are a lookup per cell's, in runs or not, however many distinct values", () => {
  const cellOf = fc.oneof(fc.constantFrom<unknown>("a", "b", "5", "null", "undefined", "", 5, 0, -0, null, undefined, Number.NaN, 1.5), fc.string({ maxLength: 3 }));
  const column = fc.array(fc.tuple(cellOf, fc.integer({ min: 1, max: 4 })), { maxLength: 50 }).map((runs) => runs.flatMap(([c, n]) => Array<unknown>(n).fill(c)));
  fc.assert(
    fc.property(column, (cells) => {
      const res = columnsOfRows("outcomes", cells.map((date) => ({ date })) as never);
      // a column of whole numbers and nulls only is coded without a map (wholeNumberCodes)
      const byMap = cells.some((c) => c !== null && !Number.isInteger(c));
      for (const by of byMap ? (["text", "value"] as const) : []) {
        const coded = codedColumn(res, "date", by);
        const expected = codesByLookup(cells, by);
        assert.deepEqual([...coded.codes], expected.codes);
        assert.deepEqual(coded.values, expected.values);
      }
      const texts = cells.map(String);
      const viaText = textCodes(texts, texts.length);
      assert.deepEqual([...viaText!.codes], codesByLookup(texts, "value").codes);
    }),
    { seed: FIXED_SEED, numRuns: 500 },
  );
  // past 256 and 65,536 distinct texts: widened to two, then four bytes, the same codes
  const many = Array.from({ length: 70_500 }, (_, i) => `t${i % 70_000}`);
  const coded = textCodes(many, many.length)!;
  assert.ok(coded.codes instanceof Int32Array);
  assert.deepEqual(Array.from(coded.codes), codesByLookup(many, "value").codes);
  assert.ok(textCodes(["a", "b"], 2)!.codes instanceof Uint8Array, "a byte a row for few texts");
  assert.equal(textCodes(["a", 1], 2), undefined);
});

test("a text column is made from its codes when first asked for: the cells the file holds, in schema order, made once", () => {
  const text = "la_code,period,variable,value\nE06000001,2020,x,1.5\nE06000002,2020,y,\nE06000001,2021,x,2\n";
  const fields = text.trim().split("\n").slice(1).map((line) => line.split(","));
  const b = new ColumnsBuilder("context", 4, "context.csv", new Set([""]), []);
  fields.forEach((record, row) => {
    let at = text.indexOf(record.join(","));
    record.forEach((cell, k) => {
      b.cell(k, text, at, at + cell.length, row);
      at += cell.length + 1;
    });
    b.endRow();
  });
  const res = b.finish(3, [true, true, true, true]);
  assert.deepEqual(Object.keys(res.columns), ["la_code", "period", "variable", "value"]);
  assert.deepEqual([...res.columns.la_code], fields.map((r) => r[0]));
  assert.deepEqual([...res.columns.variable], fields.map((r) => r[2]));
  assert.equal(res.columns.la_code, res.columns.la_code, "made once and kept");
  const coded = res.coded!.la_code;
  assert.deepEqual(textColumn(coded, 3), [...coded.codes].map((c) => coded.values[c]));
  assert.deepEqual(JSON.parse(JSON.stringify(res.columns)).variable, ["x", "y", "x"]);
});

test("duplicate keys are reported as a text-keyed map finds them, whatever the key space (flat table, bits then map, map)", () => {
  /** The duplicate-key messages' rows, by a map from each row's joined text key to its first row. */
  const byText = (rows: { la_code: string; period: number; variable: string }[]) => {
    const first = new Map<string, number>();
    const out: string[] = [];
    rows.forEach((r, i) => {
      const key = `${r.la_code}\u0000${r.period}\u0000${r.variable}`;
      const at = first.get(key);
      if (at === undefined) first.set(key, i + 1);
      else out.push(`row ${i + 1} already on row ${at}`);
    });
    return out;
  };
  // distinct values per field: ~8 (flat table), ~70 (space ≈ 350,000 > 4 slots a row: bits, then a map), ~900 (map)
  for (const span of [8, 80, 1000]) {
    const row = fc.record({ la: fc.integer({ min: 0, max: span - 1 }), period: fc.integer({ min: 2000, max: 2000 + span - 1 }), variable: fc.integer({ min: 0, max: span - 1 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 250 }), fc.array(fc.nat(), { maxLength: 5 }), (drawn, repeats) => {
        const rows = drawn.map((r) => ({ la_code: `E${r.la}`, period: r.period, variable: `v${r.variable}`, value: 1 }));
        for (const k of repeats) rows.push({ ...rows[k % rows.length] });
        const errors: DataError[] = [];
        checkRules({ context: columnsOfRows("context", rows) }, (n) => `${n}.csv`, errors, []);
        const found = errors.filter((e) => e.message.includes("a unique")).map((e) => `row ${e.row} already on row ${/already on row (\d+)/.exec(e.message)![1]}`);
        assert.deepEqual(found, byText(rows));
      }),
      { seed: FIXED_SEED, numRuns: 150 },
    );
  }
});

test("duplicate keys with periods in and out of bounds: whole numbers from 1990 to 2100 as they are, any other cell by its text, as a text-keyed map finds them", () => {
  // a whole-number period in bounds is keyed by its number (no codes), in indicators.csv and context.csv alike; a
  // null, a fraction, a text or a number out of bounds anywhere in the column sends the whole column back to codes
  const byText = (rows: { la_code: string; period: unknown; variable: string }[]) => {
    const first = new Map<string, number>();
    const out: string[] = [];
    rows.forEach((r, i) => {
      const key = `${r.la_code}\u0000${String(r.period)}\u0000${r.variable}`;
      const at = first.get(key);
      if (at === undefined) first.set(key, i + 1);
      else out.push(`row ${i + 1} already on row ${at}`);
    });
    return out;
  };
  const inBounds = fc.constantFrom(1990, 1991, 2015, 2016, 2099, 2100);
  const fractions = fc.oneof(inBounds, fc.constantFrom(2015.5, 1990.25));
  const anyPeriod = fc.oneof(inBounds, fc.constantFrom<unknown>(1989, 2101, 2015.5, null, "2015", "2100", -0, 0));
  for (const period of [inBounds, fractions, anyPeriod]) {
    const row = fc.record({ la: fc.integer({ min: 0, max: 3 }), period, variable: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (drawn) => {
        const rows = drawn.map((r) => ({ la_code: `E${r.la}`, period: r.period, variable: `v${r.variable}`, value: 1 }));
        const errors: DataError[] = [];
        checkRules({ context: columnsOfRows("context", rows as never) }, (n) => `${n}.csv`, errors, []);
        const found = errors.filter((e) => e.message.includes("a unique")).map((e) => `row ${e.row} already on row ${/already on row (\d+)/.exec(e.message)![1]}`);
        assert.deepEqual(found, byText(rows));
      }),
      { seed: FIXED_SEED, numRuns: 300 },
    );
  }
});

test("the key check names the period when it found every period a whole number in bounds, and only then", () => {
  const context = (periods: unknown[]) => columnsOfRows("context", periods.map((period, i) => ({ la_code: `E${i}`, period, variable: "v", value: 1 })) as never);
  const inBounds = (periods: unknown[]) => firstRowsOfKeys(context(periods), SCHEMAS.context, ["la_code", "period", "variable"], new Uint8Array(periods.length)).inBounds;
  assert.equal(inBounds([1990, 2020, 2100]), "period");
  for (const odd of [1989, 2101, 2015.5, null, "2015"]) assert.equal(inBounds([2020, odd]), undefined, String(odd));
  assert.equal(firstRowsOfKeys(columnsOfRows("catalogue", [{ indicator: "a" }] as never), SCHEMAS.catalogue, ["indicator"], new Uint8Array(1)).inBounds, undefined);
});

test("periods missing or out of bounds are reported row by row whether or not the key check read them as numbers", () => {
  // the rules skip the period's own check when the key check found every period in bounds: the errors must be
  // those of a check of every cell (required: null; bounds: a number below 1990 or above 2100) all the same
  const expected = (periods: unknown[]) =>
    periods.flatMap((p, i) => (p === null ? [`row ${i + 1} missing`] : typeof p === "number" && (p < 1990 || p > 2100) ? [`row ${i + 1} out of bounds`] : []));
  const anyPeriod = fc.oneof(fc.constantFrom(1990, 2015, 2100), fc.constantFrom<unknown>(1989, 2101, 2015.5, null, "2015", -0, 0));
  fc.assert(
    fc.property(fc.array(anyPeriod, { minLength: 1, maxLength: 40 }), (periods) => {
      const rows = periods.map((period, i) => ({ la_code: `E${i}`, period, variable: "v", value: 1 }));
      const errors: DataError[] = [];
      checkRules({ context: columnsOfRows("context", rows as never) }, (n) => `${n}.csv`, errors, []);
      const found = errors
        .filter((e) => e.column === "period")
        .map((e) => `row ${e.row} ${e.message.includes("from 1990 to 2100") ? "out of bounds" : e.message.includes("a value") ? "missing" : e.message}`);
      assert.deepEqual(found, expected(periods));
    }),
    { seed: FIXED_SEED, numRuns: 300 },
  );
});
