/**
 * content.xml streamed through a small window (ods-content.ts) gives what the whole inflated part gives: the
 * same tables at the same offsets, the same scan errors, the same start for the DOCTYPE check, whatever the
 * window cuts; and readOdsSheets / odsSheetNames give the same rows or the same errors as the whole-part
 * path (a stored content.xml, which is never streamed), including for archives the stream gives up on.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as zlib from "node:zlib";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { copyOdsTableBodies, ODS_HEAD_BYTES, ODS_MAX_CARRY_BYTES, scanOdsContent } from "../../../lib/data/import/spreadsheet/ods-content";
import { decodeSlice, ODS_CONTEXT_BYTES, odsTablesInBytes } from "../../../lib/data/import/spreadsheet/ods-tables";
import { odsSheetNames, readOdsSheets } from "../../../lib/data/import/spreadsheet/ods";
import { readZipParts, ZipPartInflater } from "../../../lib/data/import/spreadsheet/zip";
import { centralRecord, partDataStart } from "./zip-fixtures";

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const wrap = (tables: string) => `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
/** The same content.xml deflated (streamed) and stored (never streamed: the whole-part path). */
const deflatedOds = (xml: string) => zipSync({ mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }], "content.xml": [strToU8(xml), { level: 6 }] });
const storedOds = (xml: string) => zipSync({ mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }], "content.xml": [strToU8(xml), { level: 0 }] });

/** A value, or the message of the DataError computing it threw (anything else is a test failure). */
function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof DataError) return `DataError: ${e.message}`;
    throw e;
  }
}

/** What the scan of the whole part finds: the tables with their offsets, or its error; and the part's start. */
function wholeScan(xml: string) {
  const bytes = Buffer.from(xml, "utf8");
  return { tables: outcome(() => odsTablesInBytes(bytes, "f.ods")), head: bytes.subarray(0, ODS_HEAD_BYTES) };
}

/** What the streamed scan finds, in the same shape (undefined when it gave up). */
function streamedScan(bytes: Uint8Array, window: number | undefined) {
  const scan = scanOdsContent(bytes, "f.ods", window);
  if (scan === undefined) return undefined;
  const failure = scan.failure?.error;
  if (failure !== undefined && !(failure instanceof DataError)) throw failure;
  return { tables: failure === undefined ? scan.tables : `DataError: ${failure.message}`, head: Buffer.from(scan.head) };
}

const WINDOWS = [1, 2, 3, 5, 11, 12, 13, 15, 16, 17, 40, 161, 4096];

const PIECES = [
  '<table:table table:name="A">', '<table:table table:name="Bé">', "<table:table>", '<table:table table:name="S"/>', "</table:table>", "</table:table ",
  "<table:table-row>", "</table:table-row>", "<table:table\u00a0>", "</table:table\u2028", "</table:table\u3000>", "</table:table\ufeff", "</table:table\u00e9",
  "<table:table:table:table>", '<table:table table:name="q>uote" a=\'<\'>', `<table:table table:name="${"long".repeat(60)}">`, "<table:table\t\r\n/>",
  "é", "✓", "\u{1F600}", "\ufeff", "x", " ", ">", "<", '"', "'", "<text:p>v</text:p>", "<!DOCTYPE x>",
];

test("the streamed scan finds the tables (same names and offsets) and errors the whole-part scan finds, for every window", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), (pieces) => {
      const xml = `<office:spreadsheet>${pieces.join("")}`;
      const bytes = deflatedOds(xml);
      const expected = wholeScan(xml);
      for (const window of WINDOWS) assert.deepEqual(streamedScan(bytes, window), expected, `window ${window}: ${JSON.stringify(xml)}`);
    }),
    { numRuns: 300 },
  );
});

test("tags cut at every place by the window: nested, self-closing, unnamed tables, a start tag longer than many windows", () => {
  const tables = [
    '<table:table table:name="Outer"><table:table table:name="Inner">é</table:table\u2028>✓</table:table\u3000>',
    '<table:table table:name="Self"/>',
    "<table:table><table:table-row/></table:table>",
    `<table:table table:name="Long" table:style-name="${"ß".repeat(3000)}" a='>' b="<"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`,
    '<table:table table:name="Last">\u{1F600}</table:table>',
  ].join("");
  const xml = wrap(tables);
  const expected = wholeScan(xml);
  assert.deepEqual(
    (expected.tables as { name: string }[]).map((t) => t.name),
    ["Outer", "Self", "Long", "Last"],
  );
  const bytes = deflatedOds(xml);
  for (let window = 1; window <= 200; window++) assert.deepEqual(streamedScan(bytes, window), expected, `window ${window}`);
});

test("scan errors are the whole part's, wherever the window cuts: an unterminated start tag (by '<' or by the end), an unclosed table, bad attributes", () => {
  const cases = [
    wrap('<table:table table:name="A"><table:table-row/></table:table><table:table table:name="B" <table:table-row/></table:table>'),
    `<office:spreadsheet><table:table table:name="${"x".repeat(500)}`,
    '<office:spreadsheet><table:table table:name="A"><table:table table:name="N"></table:table>',
    wrap('<table:table table:name="A" table:name="B"></table:table>'),
    wrap('<table:table table:name="A" junk></table:table>'),
  ];
  for (const xml of cases) {
    const expected = wholeScan(xml);
    assert.equal(typeof expected.tables, "string", `the whole scan fails: ${xml.slice(0, 80)}`);
    const bytes = deflatedOds(xml);
    for (const window of WINDOWS) assert.deepEqual(streamedScan(bytes, window), expected, `window ${window}: ${xml.slice(0, 80)}`);
  }
});

/** A workbook of several sheets: plain ones (the byte reader), one the text path reads (a comment), nested and unnamed tables. */
const cell = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
const sheet = (name: string, rows: string[][], extra = "") => `<table:table table:name="${name}">${extra}${rows.map((r) => `<table:table-row>${r.map(cell).join("")}</table:table-row>`).join("")}</table:table>`;
const rowsOf = (tag: string, n: number) => Array.from({ length: n }, (_, r) => [`${tag}${r}`, "é✓", `${r * 7}`]);
const WORKBOOK = wrap(
  [
    sheet("Cover", rowsOf("c", 3)),
    sheet("Big", rowsOf("b", 400)),
    sheet("Comment", rowsOf("m", 3), "<!-- the text path reads this one -->"),
    '<table:table table:name="Nested"><table:table-row><table:table-cell><table:table table:name="Inner"></table:table></table:table-cell></table:table-row></table:table>',
    "<table:table><table:table-row>" + cell("unnamed") + "</table:table-row></table:table>",
    '<table:table table:name="Self"/>',
    sheet("Naïve ✓", rowsOf("n", 5)),
    `<table:table table:name="Bad"><table:table-row><table:table-cell office:value-type="float" office:value="abc"><text:p>abc</text:p></table:table-cell></table:table-row></table:table>`,
    sheet("Last", rowsOf("l", 2)),
  ].join(""),
);

test("readOdsSheets of a streamed workbook gives the rows or the error the whole-part path gives, for any sheets asked", () => {
  const names = outcome(() => odsSheetNames(storedOds(WORKBOOK), "w.ods"));
  assert.deepEqual(names, ["Cover", "Big", "Comment", "Nested", "Self", "Naïve ✓", "Bad", "Last"]);
  const asks: (readonly string[] | undefined)[] = [undefined, ["Missing"], ["Big", "Missing"], ...(names as string[]).map((n) => [n]), ["Cover", "Big"], ["Naïve ✓", "Last"], ["Comment", "Nested"], ["Self", "Last", "Cover"]];
  for (const ask of asks) {
    const streamed = deflatedOds(WORKBOOK);
    // names first (detection), then the sheets, as the importers call them
    assert.deepEqual(odsSheetNames(streamed, "w.ods"), names);
    const got = outcome(() => readOdsSheets(streamed, "w.ods", ask));
    const expected = outcome(() => readOdsSheets(storedOds(WORKBOOK), "w.ods", ask));
    assert.deepEqual(got, expected, JSON.stringify(ask));
    // and a second read of the same bytes, scanned again
    assert.deepEqual(outcome(() => readOdsSheets(streamed, "w.ods", ask)), expected, `again: ${JSON.stringify(ask)}`);
  }
  assert.match(String(outcome(() => readOdsSheets(deflatedOds(WORKBOOK), "w.ods", ["Bad"]))), /abc/);
});

test("a bytes object reused for another workbook after readOdsSheets is read afresh: nothing found in the first is kept", () => {
  const first = deflatedOds(wrap(sheet("Data", [["2023 figures"]])));
  const second = deflatedOds(wrap(sheet("Cover", [["About this file: a longer cover text"]]) + sheet("Data", [["2024 figures"]])));
  // one read buffer, as a caller reading file after file into it: the zeros after a shorter archive are its comment area
  const buffer = new Uint8Array(Math.max(first.length, second.length) + 10);
  for (const [before, after] of [[first, second], [second, first]]) {
    buffer.fill(0).set(before);
    const read = (b: Uint8Array) => outcome(() => readOdsSheets(b, "w.ods", ["Data"]));
    assert.deepEqual(read(buffer), read(before.slice()));
    buffer.fill(0).set(after);
    assert.deepEqual(outcome(() => odsSheetNames(buffer, "w.ods")), outcome(() => odsSheetNames(after.slice(), "w.ods")));
    assert.deepEqual(read(buffer), read(after.slice()));
  }
  assert.deepEqual(outcome(() => readOdsSheets(buffer, "w.ods", ["Data"])), [{ name: "Data", rows: [["2023 figures"]] }]);
});

test("a small sheet is copied out of the part (each table's bytes and the context after it as in the whole part); most of the part is not", () => {
  const bytes = deflatedOds(WORKBOOK);
  const whole = Buffer.from(WORKBOOK, "utf8");
  const scan = scanOdsContent(bytes, "w.ods");
  assert.ok(scan !== undefined, "the streaming path is taken for a normal workbook");
  const byName = (n: string) => scan.tables.find((t) => t.name === n) as { name: string; bodyStart: number; bodyEnd: number };
  // adjacent tables (the context of one runs into the next), and the last, whose context the part's end cuts
  for (const chosen of [["Cover"], ["Naïve ✓", "Bad"], ["Self", "Naïve ✓"], ["Bad", "Last"], ["Last"], ["Cover", "Last"]]) {
    const tables = chosen.map(byName);
    for (const window of [1, 7, 100, 1 << 20]) {
      const copy = copyOdsTableBodies(bytes, tables, scan.size, window);
      assert.ok(copy !== undefined, `${chosen.join(", ")} is copied`);
      copy.tables.forEach((t, k) => {
        const original = tables[k];
        assert.equal(t.name, original.name);
        const context = Math.min(original.bodyEnd + ODS_CONTEXT_BYTES, whole.length);
        assert.equal(decodeSlice(copy.xml, t.bodyStart, t.bodyEnd + ODS_CONTEXT_BYTES), decodeSlice(whole, original.bodyStart, context), `${chosen.join(", ")}: ${t.name}, window ${window}`);
        assert.equal(t.bodyEnd - t.bodyStart, original.bodyEnd - original.bodyStart);
      });
    }
  }
  assert.equal(copyOdsTableBodies(bytes, [byName("Big")], scan.size), undefined, "most of the part: inflated whole instead");
});

test("a DOCTYPE at the start is readOdsSheets' error before a scan error; odsSheetNames reports the scan error, as before", () => {
  const xml = `<!DOCTYPE x [<!ENTITY a "b">]>${wrap('<table:table table:name="A"><table:table-row/>')}`;
  for (const read of [(b: Uint8Array) => readOdsSheets(b, "d.ods"), (b: Uint8Array) => odsSheetNames(b, "d.ods")]) {
    assert.deepEqual(outcome(() => read(deflatedOds(xml))), outcome(() => read(storedOds(xml))));
  }
  assert.match(String(outcome(() => readOdsSheets(deflatedOds(xml), "d.ods"))), /DOCTYPE/);
  assert.match(String(outcome(() => odsSheetNames(deflatedOds(xml), "d.ods"))), /closing <\/table:table> tag/);
});

test("a scan error is built by each call and names that call's file, streamed or inflated whole, as before", () => {
  const xml = wrap('<table:table table:name="A"><table:table-row/>');
  for (const bytes of [deflatedOds(xml), storedOds(xml)]) {
    const errors = ["first.ods", "second.ods", "first.ods"].map((file) => {
      try {
        odsSheetNames(bytes, file);
      } catch (e) {
        return e;
      }
      assert.fail(`${file}: the scan fails`);
    });
    errors.forEach((e, k) => assert.ok(e instanceof DataError && e.message.includes(k === 1 ? "second.ods" : "first.ods") && !e.message.includes(k === 1 ? "first.ods" : "second.ods"), String(e)));
    assert.notEqual(errors[0], errors[2], "a new error object per call");
    assert.match(String(outcome(() => readOdsSheets(bytes, "third.ods"))), /third\.ods.*closing <\/table:table> tag/);
  }
});

/** The old reader: content.xml inflated whole by readZipParts, then scanned (its names, or the first error). */
function wholePartNames(bytes: Uint8Array): string[] | string {
  return outcome(() => {
    const xml = readZipParts(bytes, "w.ods", ["content.xml"]).get("content.xml") as Uint8Array;
    return odsTablesInBytes(xml, "w.ods").map((t) => t.name);
  });
}

test("archives the stream gives up on (corrupt, truncated, a lying declared size) give the whole-part path's names and errors", () => {
  const base = deflatedOds(WORKBOOK);
  const central = centralRecord(base, "content.xml");
  const start = partDataStart(base, central);
  const variants: [string, (b: Uint8Array, v: DataView) => void][] = [
    ["corrupt", (b) => b.fill(0xff, start + 100, start + 164)],
    ["truncated", (_, v) => v.setUint32(central + 20, v.getUint32(central + 20, true) >> 1, true)],
    ["declares more", (_, v) => v.setUint32(central + 24, v.getUint32(central + 24, true) + 10, true)],
    ["declares less", (_, v) => v.setUint32(central + 24, v.getUint32(central + 24, true) - 30, true)],
    ["declares 4 GB", (_, v) => v.setUint32(central + 24, 0xfffffff0, true)],
  ];
  for (const [what, damage] of variants) {
    const bytes = base.slice();
    damage(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    assert.equal(scanOdsContent(bytes, "w.ods"), undefined, `${what}: the stream gives up`);
    assert.deepEqual(outcome(() => odsSheetNames(bytes, "w.ods")), wholePartNames(bytes), what);
    // the sheets: as read from the part the whole-part path inflates (stored as it is), or its error
    const part = outcome(() => readZipParts(bytes, "w.ods", ["content.xml"]).get("content.xml") as Uint8Array);
    const expected = typeof part === "string" ? part : outcome(() => readOdsSheets(zipSync({ "content.xml": [part, { level: 0 }] }), "w.ods", ["Last"]));
    assert.deepEqual(outcome(() => readOdsSheets(bytes, "w.ods", ["Last"])), expected, what);
  }
});

test("a scan error early in a part whose stream is cut later is the archive's error, as when the part was inflated whole first", () => {
  const filler = Array.from({ length: 20000 }, (_, k) => `<text:p>${(k * 7919) % 104729}</text:p>`).join("");
  const xml = wrap(`<table:table table:name="A" <table:table-row/>${filler}</table:table>`);
  const bytes = deflatedOds(xml).slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const central = centralRecord(bytes, "content.xml");
  assert.match(String(wholePartNames(deflatedOds(xml))), /terminated <table:table> tag/, "undamaged: the scan error");
  // the stream cut in the middle: the archive's error
  view.setUint32(central + 20, view.getUint32(central + 20, true) >> 1, true);
  const expected = wholePartNames(bytes);
  assert.doesNotMatch(String(expected), /terminated <table:table> tag/, "damaged: the archive's error");
  assert.equal(scanOdsContent(bytes, "w.ods"), undefined);
  assert.deepEqual(outcome(() => odsSheetNames(bytes, "w.ods")), expected);
  assert.deepEqual(outcome(() => readOdsSheets(bytes, "w.ods")), expected);
});

test("edge parts read as the whole part does: empty, no tables, a byte order mark before a DOCTYPE, a DOCTYPE past 4,096 characters", () => {
  const parts = ["", "<office:spreadsheet/>", `\ufeff<!DOCTYPE x>${wrap(sheet("A", rowsOf("a", 2)))}`, `${wrap(sheet("A", rowsOf("a", 2)))}${" ".repeat(4096)}<!DOCTYPE x>`, `<!--${"é".repeat(3000)}--><!DOCTYPE x>${wrap("")}`];
  for (const xml of parts) {
    for (const read of [(b: Uint8Array) => odsSheetNames(b, "e.ods"), (b: Uint8Array) => readOdsSheets(b, "e.ods"), (b: Uint8Array) => readOdsSheets(b, "e.ods", ["A"])]) {
      assert.deepEqual(outcome(() => read(deflatedOds(xml))), outcome(() => read(storedOds(xml))), JSON.stringify(xml.slice(0, 60)));
    }
  }
});

test("many tables read apart from each other (300 of one name between larger ones) are copied to their own places", () => {
  const xml = wrap(Array.from({ length: 300 }, (_, k) => sheet("D", [[`d${k}`, "é"]]) + sheet("X", rowsOf(`x${k}-`, 12))).join(""));
  const bytes = deflatedOds(xml);
  const scan = scanOdsContent(bytes, "m.ods");
  assert.ok(scan !== undefined);
  const wanted = scan.tables.filter((t) => t.name === "D");
  assert.ok(copyOdsTableBodies(bytes, wanted, scan.size) !== undefined, "copied, not inflated whole");
  const got = outcome(() => readOdsSheets(bytes, "m.ods", ["D"]));
  assert.deepEqual(got, outcome(() => readOdsSheets(storedOds(xml), "m.ods", ["D"])));
  assert.equal((got as { rows: string[][] }[]).length, 300);
  assert.deepEqual((got as { rows: string[][] }[])[299].rows, [["d299", "é"]]);
});

test("a start tag longer than the reused window is carried into a larger window, and read as the whole part reads it", () => {
  // 0.7 MB of rows, then a 1.5 MB start tag: the carry outgrows the reused 2 MiB window, whose bytes move to a new one
  const filler = sheet("Before", rowsOf("f", 12000));
  const long = `<table:table table:name="Long" table:style-name="${"ß".repeat(750_000)}"><table:table-row>${cell("after the tag")}</table:table-row></table:table>`;
  const xml = wrap(filler + long + sheet("Last", rowsOf("l", 2)));
  assert.ok(Buffer.byteLength(filler) > 700_000 && Buffer.byteLength(long) > 1_500_000);
  const expected = wholeScan(xml);
  assert.deepEqual((expected.tables as { name: string }[]).map((t) => t.name), ["Before", "Long", "Last"]);
  const bytes = deflatedOds(xml);
  for (const window of [undefined, 100_000]) assert.deepEqual(streamedScan(bytes, window), expected, `window ${window}`);
  for (const ask of [["Long"], ["Last"], ["Before", "Last"]]) {
    assert.deepEqual(outcome(() => readOdsSheets(bytes, "l.ods", ask)), outcome(() => readOdsSheets(storedOds(xml), "l.ods", ask)), ask.join(", "));
  }
});

test("a workbook of a few MB, many windows long, reads through the real window as the whole-part path reads it", () => {
  const sheets = Array.from({ length: 6 }, (_, k) => sheet(`S${k}`, rowsOf(`s${k}-`, 2000)));
  const xml = wrap(sheets.join("") + sheet("Small", rowsOf("m", 3)) + sheet("Naïve ✓", rowsOf("n", 1000)));
  assert.ok(Buffer.byteLength(xml) > 3 * 1024 * 1024, "several 1 MiB windows");
  const bytes = deflatedOds(xml);
  assert.deepEqual(streamedScan(bytes, undefined), wholeScan(xml));
  const scan = scanOdsContent(bytes, "big.ods");
  assert.ok(scan !== undefined, "streamed");
  // one small sheet near the end (copied out of a second inflate), two sheets across window edges, and all of it
  assert.ok(copyOdsTableBodies(bytes, scan.tables.filter((t) => t.name === "Small"), scan.size) !== undefined, "the small sheet is copied");
  for (const ask of [["Small"], ["S2", "Naïve ✓"], undefined]) {
    assert.deepEqual(outcome(() => readOdsSheets(bytes, "big.ods", ask)), outcome(() => readOdsSheets(storedOds(xml), "big.ods", ask)), JSON.stringify(ask));
  }
});

test("where Node's zlib handle is missing or not as expected, the part is inflated whole instead: same names, rows and errors", () => {
  const handleType = Object.getPrototypeOf((zlib.createInflateRaw() as unknown as { _handle: object })._handle) as { writeSync: (...args: unknown[]) => void };
  const writeSync = handleType.writeSync;
  /** The state words the handle reports through: [output room left, input left], read by ZipPartInflater. */
  const stateOf = (handle: object) => Object.getOwnPropertySymbols(handle).map((s) => (handle as Record<symbol, { _writeState?: Uint32Array }>)[s]?._writeState).find((s) => s instanceof Uint32Array);
  const changes: [string, ((...args: unknown[]) => void) | undefined][] = [
    ["no writeSync", undefined],
    [
      "the state words swapped",
      function (this: object, ...args: unknown[]) {
        writeSync.apply(this, args);
        const state = stateOf(this);
        if (state !== undefined) [state[0], state[1]] = [state[1], state[0]];
      },
    ],
  ];
  const workbooks = [WORKBOOK, wrap('<table:table table:name="A"><table:table-row/>')];
  const expected = workbooks.map((xml) => [undefined, ["Last"]].map((ask) => [outcome(() => odsSheetNames(storedOds(xml), "z.ods")), outcome(() => readOdsSheets(storedOds(xml), "z.ods", ask))]));
  for (const [what, change] of changes) {
    handleType.writeSync = change as typeof writeSync;
    try {
      const bytes = deflatedOds(WORKBOOK);
      assert.equal(scanOdsContent(bytes, "z.ods"), undefined, `${what}: the stream gives up`);
      const part = ZipPartInflater.open(bytes, "content.xml");
      if (change === undefined) assert.equal(part, undefined, `${what}: not opened`);
      else assert.equal(part?.read(Buffer.alloc(4096), 0, 4096), -1, `${what}: the first read gives up`);
      workbooks.forEach((xml, w) =>
        [undefined, ["Last"]].forEach((ask, a) => {
          const streamed = deflatedOds(xml);
          assert.deepEqual([outcome(() => odsSheetNames(streamed, "z.ods")), outcome(() => readOdsSheets(streamed, "z.ods", ask))], expected[w][a], `${what}: ${xml.slice(-80)} ${JSON.stringify(ask)}`);
        }),
      );
    } finally {
      handleType.writeSync = writeSync;
    }
  }
  assert.ok(scanOdsContent(deflatedOds(WORKBOOK), "z.ods") !== undefined, "restored: streamed again");
});

test("a start tag running on past ODS_MAX_CARRY_BYTES (an unclosed quote, or just long) gives up the stream: the whole part is read, as before", () => {
  const run = "x".repeat(2 * ODS_MAX_CARRY_BYTES);
  const parts = [
    `<office:spreadsheet>${sheet("A", rowsOf("a", 2))}<table:table table:name="B" a="${run}`,
    wrap(`${sheet("A", rowsOf("a", 2))}<table:table table:name="B" a="${run}"><table:table-row>${cell("b")}</table:table-row></table:table>`),
  ];
  for (const xml of parts) {
    const bytes = deflatedOds(xml);
    assert.equal(scanOdsContent(bytes, "c.ods"), undefined, "the stream gives up");
    for (const read of [(b: Uint8Array) => odsSheetNames(b, "c.ods"), (b: Uint8Array) => readOdsSheets(b, "c.ods", ["B"])]) {
      assert.deepEqual(outcome(() => read(bytes)), outcome(() => read(storedOds(xml))), xml.slice(-40));
    }
  }
  assert.match(String(outcome(() => odsSheetNames(deflatedOds(parts[0]), "c.ods"))), /terminated <table:table> tag/);
});

test("scanOdsContent and copyOdsTableBodies refuse a window that is not a positive integer, and tables out of order, overlapping or outside the part", () => {
  const bytes = deflatedOds(WORKBOOK);
  const scan = scanOdsContent(bytes, "w.ods");
  assert.ok(scan !== undefined);
  const [cover, big, comment] = scan.tables;
  for (const window of [0, -1, 1.5, Number.NaN, Infinity]) {
    assert.throws(() => scanOdsContent(bytes, "w.ods", window), { name: "RangeError", message: /^scanOdsContent: windowBytes must be a positive integer/ }, `${window}`);
    assert.throws(() => copyOdsTableBodies(bytes, [cover], scan.size, window), { name: "RangeError", message: /^copyOdsTableBodies: windowBytes must be a positive integer/ }, `${window}`);
  }
  const bad: [string, { name: string; bodyStart: number; bodyEnd: number }[], RegExp][] = [
    ["out of order", [comment, cover], /in part order and not overlap .*"Cover"/],
    ["overlapping", [cover, { ...big, bodyStart: cover.bodyEnd - 1 }], /in part order and not overlap/],
    ["the same table twice", [cover, cover], /in part order and not overlap/],
    ["a negative offset", [{ ...cover, bodyStart: -5 }], /lie in the part/],
    ["ending before it starts", [{ ...cover, bodyEnd: cover.bodyStart - 1 }], /not end before it starts/],
    ["past the part's end", [{ ...cover, bodyEnd: scan.size + 1 }], /lie in the part/],
    ["a fractional offset", [{ ...cover, bodyStart: 1.5 }], /lie in the part/],
  ];
  for (const [what, tables, message] of bad) assert.throws(() => copyOdsTableBodies(bytes, tables, scan.size), { name: "RangeError", message }, what);
  assert.throws(() => copyOdsTableBodies(bytes, [cover], -1), { name: "RangeError", message: /size must be a non-negative integer/ });
  // tables meeting end to start (a self-closing table's body is empty) are in order
  assert.ok(copyOdsTableBodies(bytes, [cover, { name: "Empty", bodyStart: cover.bodyEnd, bodyEnd: cover.bodyEnd }], scan.size) !== undefined);
});

test("an exception inside the stream still closes its zlib engine", () => {
  const bytes = deflatedOds(WORKBOOK);
  const scan = scanOdsContent(bytes, "w.ods");
  assert.ok(scan !== undefined);
  const { read, close } = ZipPartInflater.prototype;
  let closed = 0;
  let reads = 0;
  ZipPartInflater.prototype.read = function (this: ZipPartInflater, ...args: Parameters<typeof read>) {
    if (++reads % 2 === 0) throw new Error("a read that throws");
    return read.apply(this, args);
  };
  ZipPartInflater.prototype.close = function (this: ZipPartInflater) {
    closed++;
    close.call(this);
  };
  try {
    // each call's first read succeeds and its second throws: the scan and the copy both stop in the middle of the part
    assert.throws(() => scanOdsContent(bytes, "w.ods", 64), /a read that throws/);
    assert.equal(closed, 1, "the scan's engine closed");
    assert.throws(() => copyOdsTableBodies(bytes, [scan.tables[scan.tables.length - 1]], scan.size, 64), /a read that throws/);
    assert.equal(closed, 2, "the copy's engine closed");
  } finally {
    ZipPartInflater.prototype.read = read;
    ZipPartInflater.prototype.close = close;
  }
});
