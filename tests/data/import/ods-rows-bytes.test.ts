/**
 * The ODS byte path (lib/data/import/spreadsheet/ods-rows-bytes.ts) gives exactly the rows of the text path
 * (ods.ts readTableRows) whenever it gives any, and spends the same cells from the budget; where the text
 * path fails it gives up (undefined), so the text path's error is the one reported. Checked on token soups
 * with repeats, paragraphs, annotations, entities, Unicode spaces, comments and malformed attributes, and
 * on plain sheets, which it must read itself (or the faster path would never run).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DataError } from "../../../lib/errors";
import { readTableRows } from "../../../lib/data/import/spreadsheet/ods";
import { MAX_PLAIN_ATTRIBUTES, readOdsTableRowsFromBytes } from "../../../lib/data/import/spreadsheet/ods-rows-bytes";
import { unreadCellRunsReadShort } from "../../../lib/data/import/spreadsheet/ods-unread-cells";
import { MAX_CELL_CHARS, UNREAD_CELL, type OdsColumnFilter } from "../../../lib/data/import/spreadsheet/ods-cells";
import { FUZZ_SEED } from "../../fuzz/fuzz-settings";

type Outcome = { rows: string[][]; cells: number } | { error: string };

function textPath(source: string, startCells: number, columns?: OdsColumnFilter): Outcome {
  const xml = new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.from(source, "utf8")); // as ods.ts decodes the bytes
  const budget = { cells: startCells };
  try {
    return { rows: readTableRows(xml, 0, xml.length, "f.ods", "S", budget, columns), cells: budget.cells };
  } catch (e) {
    if (e instanceof DataError) return { error: e.message };
    throw e;
  }
}

function bytePath(xml: string, startCells: number, columns?: OdsColumnFilter): { rows: string[][]; cells: number } | undefined {
  const budget = { cells: startCells };
  const bytes = Buffer.from(xml, "utf8");
  // the body inside a larger buffer, as in content.xml
  const whole = Buffer.concat([Buffer.from("<x>"), bytes, Buffer.from("</table:table>")]);
  const rows = readOdsTableRowsFromBytes(whole, 3, 3 + bytes.length, "f.ods", "S", budget, columns);
  if (rows === undefined) {
    assert.equal(budget.cells, startCells, "nothing spent when giving up");
    return undefined;
  }
  return { rows, cells: budget.cells };
}

const CELL_OPEN = [
  "<table:table-cell>", '<table:table-cell office:value-type="float" office:value="1.5">', "<table:table-cell office:value-type='percentage' office:value='0.25'>",
  '<table:table-cell office:value-type="string" table:style-name="ce1">', '<table:table-cell table:number-columns-repeated="3">', '<table:table-cell table:number-columns-repeated="0">',
  '<table:table-cell office:value-type="date" office:date-value="2015-03-31T00:00:00">', '<table:table-cell office:value-type="boolean" office:boolean-value="true">',
  '<table:table-cell office:value-type="float" office:value="x">', '<table:table-cell office:value-type="float" office:value="1" office:value="2">',
  '<table:table-cell office:value-type="float" office:value="1&amp;">', '<table:table-cell table:formula="of:=[.A1]&amp;&quot;x&quot;" office:value-type="float" office:value="2">',
  '<table:table-cell table:formula="a&bogus;" office:value-type="float" office:value="2">', "<table:table-cell office:value-type=float>", '<table:table-cell\u00a0office:value-type="float">',
  '<table:table-cell office:value-type ="currency" office:value= "3">', '<table:covered-table-cell table:number-columns-repeated="2"/>', "<table:table-cell/>",
  '<table:table-cell office:value-type="float" office:value="7"/>', '<table:table-cell té="1">',
];
const PIECES = [
  ...CELL_OPEN, "</table:table-cell>", "</table:table-cell >", "</table:covered-table-cell>", "</table:table-cell\u2028>",
  "<table:table-row>", '<table:table-row table:number-rows-repeated="2">', '<table:table-row table:number-rows-repeated="1048577">', "<table:table-row/>", "</table:table-row>",
  "<text:p>", "</text:p>", "<text:h>", "</text:h>", "<text:p/>", '<text:s text:c="3"/>', "<text:s/>", '<text:s text:c="0"/>', "<text:tab/>", "<text:line-break/>",
  '<text:span text:style-name="T1">', "</text:span>", "<office:annotation>", "</office:annotation>", "<office:annotation/>",
  "a", "é", "\u{1F600}", " ", "1,5", "&amp;", "&lt;", "&#233;", "&#x1F600;", "&nope;", "&", "<!-- c -->", "<![CDATA[x<y]]>", "<?pi x?>", "<>", "<text:p", ">", "\ufeff",
];

test("the byte path gives the text path's rows and budget, or gives up where the text path fails or is not plain", () => {
  let read = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.constantFrom(0, 3_999_990), (pieces, startCells) => {
      const xml = pieces.join("");
      const byBytes = bytePath(xml, startCells);
      const byText = textPath(xml, startCells);
      if (byBytes === undefined) return;
      read++;
      assert.deepEqual(byBytes, byText, JSON.stringify(xml));
    }),
    { numRuns: 3000, seed: FUZZ_SEED },
  );
  assert.ok(read > 300, `the byte path read ${read} of 3000 soups`);
});

const INLINE = ["a", "é", "\u{1F600}", " ", "&amp;", "&#233;", "<text:s text:c=\"3\"/>", "<text:s/>", "<text:tab/>", "<text:line-break/>", "<text:span text:style-name=\"T1\">", "</text:span>", "<office:annotation><text:p>note</text:p></office:annotation>"];
const paragraph = fc.tuple(fc.constantFrom("text:p", "text:h"), fc.array(fc.constantFrom(...INLINE), { maxLength: 6 })).map(([tag, inner]) => `<${tag}>${inner.join("")}</${tag}>`);
/** The cell start tags a plain sheet has (the others in CELL_OPEN are malformed or rejected). */
const PLAIN_CELL_OPEN = CELL_OPEN.filter((t) => !/value="x"|value="1" office|1&amp;|bogus|=float|\u00a0|té|repeated="0"/.test(t));
const cellOpen = fc.oneof({ arbitrary: fc.constantFrom(...PLAIN_CELL_OPEN), weight: 19 }, { arbitrary: fc.constantFrom(...CELL_OPEN), weight: 1 });
const cell = fc.tuple(cellOpen, fc.array(paragraph, { maxLength: 3 })).map(([open, ps]) => (open.endsWith("/>") ? open : `${open}${ps.join("")}${open.startsWith("<table:covered") ? "</table:covered-table-cell>" : "</table:table-cell>"}`));
const row = fc.tuple(fc.constantFrom("<table:table-row>", '<table:table-row table:number-rows-repeated="2">', '<table:table-row table:style-name="ro1">'), fc.array(cell, { maxLength: 5 })).map(([open, cells]) => `${open}${cells.join("")}</table:table-row>`);
/** Sheets of rows of cells of paragraphs, now and then with a stray piece of markup inserted. */
const sheet = fc.tuple(fc.array(row, { maxLength: 5 }), fc.option(fc.tuple(fc.constantFrom(...PIECES), fc.nat()), { freq: 4 })).map(([rows, stray]) => {
  const xml = rows.join("");
  if (stray === null) return xml;
  const at = stray[1] % (xml.length + 1);
  return xml.slice(0, at) + stray[0] + xml.slice(at);
});

test("on sheets of rows, cells and paragraphs, the byte path gives the text path's rows and budget, or gives up", () => {
  let read = 0;
  fc.assert(
    fc.property(sheet, fc.constantFrom(0, 3_999_990), (xml, startCells) => {
      const byBytes = bytePath(xml, startCells);
      if (byBytes === undefined) return;
      read++;
      assert.deepEqual(byBytes, textPath(xml, startCells), JSON.stringify(xml));
    }),
    { numRuns: 2000, seed: FUZZ_SEED },
  );
  assert.ok(read > 500, `the byte path read ${read} of 2000 sheets`);
});

/** A plain sheet as the official workbooks write it: a header of strings, rows of numbers, repeats, empty padding. */
function plainSheet(rows: number, cols: number): string {
  const out: string[] = ['<table:table-column table:number-columns-repeated="4"/>'];
  out.push("<table:table-row>", ...Array.from({ length: cols }, (_, c) => `<table:table-cell office:value-type="string"><text:p>Col ${c} &amp; £</text:p></table:table-cell>`), "</table:table-row>");
  for (let r = 0; r < rows; r++) {
    out.push('<table:table-row table:style-name="ro1">');
    for (let c = 0; c < cols; c++) out.push(`<table:table-cell office:value-type="float" office:value="${r * cols + c}.25" calcext:value-type="float"><text:p>${r * cols + c}.25</text:p></table:table-cell>`);
    out.push('<table:table-cell table:number-columns-repeated="1020"/></table:table-row>');
  }
  out.push('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>');
  return out.join("");
}

test("plain sheets are read by the byte path, with the text path's rows", () => {
  for (const [rows, cols] of [[0, 1], [3, 5], [40, 30]]) {
    const xml = plainSheet(rows, cols);
    const byBytes = bytePath(xml, 0);
    assert.ok(byBytes !== undefined, `read by bytes: ${rows} × ${cols}`);
    assert.deepEqual(byBytes, textPath(xml, 0));
  }
});

test("a paragraph over the cell limit in a numeric cell is left to the text path (which rejects it, saying the length and quoting none of the text)", () => {
  const xml = `<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>${"9".repeat(MAX_CELL_CHARS + 1)}</text:p></table:table-cell></table:table-row>`;
  assert.equal(bytePath(xml, 0), undefined);
  assert.deepEqual(textPath(xml, 0), { error: `f.ods, sheet "S", row 1: got "more than ${MAX_CELL_CHARS} characters", expected cell text of at most ${MAX_CELL_CHARS} characters` });
});

test("a tag with more than MAX_PLAIN_ATTRIBUTES attributes is left to the text path, which reads it (its repeat check is linear; the byte path's is quadratic)", () => {
  const cell = (k: number) => {
    const extra = Array.from({ length: k - 2 }, (_, i) => ` x:a${i}=""`).join("");
    return `<table:table-row><table:table-cell${extra} office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>`;
  };
  const atCap = bytePath(cell(MAX_PLAIN_ATTRIBUTES), 0);
  assert.ok(atCap !== undefined, "a tag with exactly MAX_PLAIN_ATTRIBUTES attributes is read by bytes");
  assert.deepEqual(atCap, textPath(cell(MAX_PLAIN_ATTRIBUTES), 0));
  const over = cell(MAX_PLAIN_ATTRIBUTES + 1);
  assert.equal(bytePath(over, 0), undefined);
  assert.deepEqual(textPath(over, 0), { rows: [["1"]], cells: 1 });
  // 20,000 attributes: the byte path gives up at the cap (it took 1.7 s before the cap), the text path reads it
  assert.equal(bytePath(cell(20_000), 0), undefined);
  assert.deepEqual(textPath(cell(20_000), 0), { rows: [["1"]], cells: 1 });
});

/**
 * A column filter choosing `kept` after the `after`-th complete non-empty row it is shown (0: the first), and
 * remembering that row (so a test finds from which row on the rows are filtered).
 */
function filterAfter(kept: readonly number[], after: number): OdsColumnFilter & { chosenBy?: readonly string[] } {
  let seen = 0;
  const filter: OdsColumnFilter & { chosenBy?: readonly string[] } = {
    key: `test ${kept.join(",")} after ${after}`,
    columnsAfter(row) {
      if (seen++ < after) return undefined;
      filter.chosenBy = row;
      return kept;
    },
  };
  return filter;
}
const keptColumns = fc.uniqueArray(fc.nat({ max: 8 }), { maxLength: 4 });

/**
 * The filtered read against the full read of the same sheet: the same rows up to the one that chose the
 * columns; after it, the same length and, in each kept column, the same cell; any other cell the full
 * read's, or empty / blank / not blank exactly where the full read's is (UNREAD_CELL standing for not blank);
 * the same budget. A filtered read that fails is one the full read fails too.
 */
function assertFilteredMatchesFull(filtered: Outcome, full: Outcome, kept: readonly number[], chosenBy: readonly string[] | undefined, what: string): void {
  if ("error" in filtered) {
    assert.ok("error" in full, `the filtered read failed, not the full one: ${what}`);
    return;
  }
  if ("error" in full) return; // an error in a cell not read
  assert.equal(filtered.cells, full.cells, what);
  assert.equal(filtered.rows.length, full.rows.length, what);
  const from = chosenBy === undefined ? filtered.rows.length : filtered.rows.indexOf(chosenBy as string[]) + 1;
  for (let i = 0; i < full.rows.length; i++) {
    const f: string[] = filtered.rows[i];
    const g: string[] = full.rows[i];
    if (i < from) {
      assert.deepEqual(f, g, what);
      continue;
    }
    assert.equal(f.length, g.length, what);
    for (let c = 0; c < g.length; c++) {
      if (kept.includes(c) || f[c] === g[c]) {
        assert.equal(f[c], g[c], `${what}: row ${i} column ${c}`);
        continue;
      }
      assert.ok(["", " ", UNREAD_CELL].includes(f[c]), what);
      assert.equal(f[c] === "", g[c] === "", `${what}: empty at row ${i} column ${c}`);
      assert.equal(f[c].trim() === "", g[c].trim() === "", `${what}: blank at row ${i} column ${c}`);
    }
  }
}

test("with a column filter, the byte path gives the filtered text path's rows (or gives up), and both match the full read's kept columns", () => {
  let read = 0;
  let filtered = 0;
  fc.assert(
    fc.property(fc.oneof({ arbitrary: sheet, weight: 4 }, { arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join("")), weight: 1 }), keptColumns, fc.nat({ max: 1 }), fc.constantFrom(0, 3_999_990), (xml, kept, after, startCells) => {
        const byText = filterAfter(kept, after);
        const text = textPath(xml, startCells, byText);
        assertFilteredMatchesFull(text, textPath(xml, startCells), kept, byText.chosenBy, JSON.stringify(xml));
        if (byText.chosenBy !== undefined && !("error" in text) && text.rows.indexOf(byText.chosenBy as string[]) + 1 < text.rows.length) filtered++;
        const byBytes = bytePath(xml, startCells, filterAfter(kept, after));
        if (byBytes === undefined) return;
        read++;
        assert.deepEqual(byBytes, text, JSON.stringify(xml));
      },
    ),
    { numRuns: 3000, seed: FUZZ_SEED },
  );
  assert.ok(read > 800, `the byte path read ${read} of 3000 sheets`);
  assert.ok(filtered > 200, `rows were filtered in ${filtered} of 3000 sheets`);
});

test("a filtered read decodes no cell of a column not read: a bad number there is no error, in a kept column it is the full read's", () => {
  const row = (a: string, b: string) => `<table:table-row><table:table-cell office:value-type="string"><text:p>${a}</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="${b}"><text:p>${b}</text:p></table:table-cell><table:table-cell><text:p> </text:p><text:p/></table:table-cell></table:table-row>`;
  const xml = row("head", "1") + row("x", "bad");
  const keepFirst = () => filterAfter([0], 0);
  assert.deepEqual(bytePath(xml, 0, keepFirst()), { rows: [["head", "1", " \n"], ["x", UNREAD_CELL, " "]], cells: 6 });
  assert.deepEqual(textPath(xml, 0, keepFirst()), { rows: [["head", "1", " \n"], ["x", UNREAD_CELL, " "]], cells: 6 });
  assert.ok("error" in textPath(xml, 0), "the full read rejects the bad number");
  const keepSecond = filterAfter([1], 0);
  assert.equal(bytePath(xml, 0, keepSecond), undefined);
  assert.deepEqual(textPath(xml, 0, filterAfter([1], 0)), textPath(xml, 0));
});

/*
 * Sheets whose rows after the header are mostly cells of columns not read, in the shape of RO3's
 * (`<table:table-cell office:value-type="float" office:value="2019" table:style-name="ce24"><text:p>2,019</text:p></table:table-cell>`),
 * which the byte path reads in one pass (ods-unread-cells.ts UnreadCellRoute), and near misses of that shape, which
 * it must leave to its general path or the text path.
 */
/** Attributes of the plain shape, then near misses of it (entities, bad repeats, odd spacing, a non-ASCII name, a repeated one). */
const UNREAD_ATTRIBUTES = [
  ' office:value-type="float" office:value="2019"', ' table:style-name="ce24"', " office:value-type='string'", ' office:value-type="percentage" office:value="0.25"',
  ' office:value-type="currency" office:value="-3"', ' office:value-type="date" office:date-value="2015-03-31"', ' office:value-type="boolean" office:boolean-value="true"',
  ' office:value-type="time"', ' office:value-type=""', ' office:value-type="Float"', ' office:value-type="float" office:value="x"', ' table:number-columns-repeated="2"',
  ' table:number-columns-repeated="02"', ' table:number-rows-repeated="3"', ' table:formula="a>b"', ' calcext:value-type="float"', '\n\ttable:style-name="ce1"', " x:a='\"'",
];
const NEAR_MISS_ATTRIBUTES = [
  ' table:number-columns-repeated="16384"', ' table:number-columns-repeated="16385"', ' table:number-columns-repeated="0"', ' table:number-columns-repeated=""',
  ' table:number-columns-repeated="1e1"', ' table:number-columns-repeated=" 2"', ' table:formula="of:=[.A1]&amp;1"', ' table:formula="a&bogus;"',
  ' table:style-name = "ce2"', ' té="1"', ' x:a="" x:a="1"', ' a="1"b="2"', " a=1", ' table:style-name="ce1\u00e9"', ' x:a="<"',
];
const attribute = fc.oneof({ arbitrary: fc.constantFrom(...UNREAD_ATTRIBUTES), weight: 40 }, { arbitrary: fc.constantFrom(...NEAR_MISS_ATTRIBUTES), weight: 1 });
const UNREAD_TEXT = ["2,019", "a", " ", "\t", "é", "\u{1F600}", ">", "\r\n", "\v", "\f"];
const NEAR_MISS_TEXT = ["\u00a0", "\u3000", "&amp;", "&#32;", "&nope;", "<text:s/>", '<text:s text:c="2"/>', "<text:tab/>", "<text:line-break/>", "<text:span>x</text:span>", "<office:annotation><text:p>note</text:p></office:annotation>"];
const text = fc.oneof({ arbitrary: fc.constantFrom(...UNREAD_TEXT), weight: 40 }, { arbitrary: fc.constantFrom(...NEAR_MISS_TEXT), weight: 1 });
const unreadParagraph = fc.oneof(
  { arbitrary: fc.array(text, { maxLength: 4 }).map((inner) => `<text:p>${inner.join("")}</text:p>`), weight: 12 },
  { arbitrary: fc.constantFrom("<text:p/>", "<text:h>h</text:h>", "\n", "<text:p>"), weight: 1 },
);
const unreadCell = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constant("<table:table-cell"), weight: 18 }, { arbitrary: fc.constantFrom("<table:covered-table-cell", "<table:table-cells", '<table:table-cellx="1"'), weight: 1 }),
    fc.uniqueArray(attribute, { maxLength: 4, selector: (a) => a.trim().split(/[\s=]/)[0] }), // each name once (a repeated one is a near miss)
    fc.oneof({ arbitrary: fc.constantFrom(">", "/>"), weight: 12 }, { arbitrary: fc.constantFrom(" >", " />", "/ >", "\n>"), weight: 1 }),
    fc.array(unreadParagraph, { maxLength: 3 }),
    fc.oneof({ arbitrary: fc.constant("</table:table-cell>"), weight: 18 }, { arbitrary: fc.constantFrom("</table:table-cell >", "</table:covered-table-cell>", ""), weight: 1 }),
  )
  .map(([open, attributes, end, paragraphs, close]) => `${open}${attributes.join("")}${end}${end.includes("/") ? "" : paragraphs.join("") + close}`);
const HEADER = `<table:table-row>${["E-code", "ONS Code", "LA", "Class", "x", "y"].map((h) => `<table:table-cell office:value-type="string"><text:p>${h}</text:p></table:table-cell>`).join("")}</table:table-row>`;
/** A header (a complete row: the filter chooses after it), then rows of cells most of which are not read. */
const unreadSheet = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom("<table:table-row>", '<table:table-row table:number-rows-repeated="2">'), fc.array(unreadCell, { maxLength: 12 }), fc.boolean()), { maxLength: 4 }))
  .map(([rows]) => HEADER + rows.map(([open, cells, padded]) => `${open}${cells.join("")}${padded ? '<table:table-cell table:number-columns-repeated="16370" table:style-name="ce10"/>' : ""}</table:table-row>`).join(""));

test("on sheets of cells mostly not read (plain and near misses), the filtered byte path gives the filtered text path's rows and budget, or gives up", () => {
  let read = 0;
  let unread = 0;
  const shortRunsBefore = unreadCellRunsReadShort();
  fc.assert(
    fc.property(unreadSheet, fc.uniqueArray(fc.nat({ max: 6 }), { maxLength: 2 }), fc.constantFrom(0, 3_999_990), (xml, kept, startCells) => {
      const text = textPath(xml, startCells, filterAfter(kept, 0));
      const byBytes = bytePath(xml, startCells, filterAfter(kept, 0));
      if (byBytes === undefined) return;
      read++;
      unread += byBytes.rows.slice(1).flat().filter((c) => c === UNREAD_CELL || c === " ").length;
      assert.deepEqual(byBytes, text, JSON.stringify(xml));
    }),
    { numRuns: 3000, seed: FUZZ_SEED },
  );
  assert.ok(read > 1200, `the byte path read ${read} of 3000 sheets`);
  assert.ok(unread > 5000, `${unread} cells not read`);
  // the general path gives the same rows: only the count says the short route was compared at all
  assert.ok(unreadCellRunsReadShort() - shortRunsBefore > 1000, `the short route read ${unreadCellRunsReadShort() - shortRunsBefore} runs of cells`);
});

test("a sheet cut at any byte is read by the byte path as the text path reads the cut text (nothing is read past the end)", () => {
  let read = 0;
  fc.assert(
    fc.property(unreadSheet, fc.nat(), fc.boolean(), (xml, cut, afterTag) => {
      const bytes = Buffer.from(xml, "utf8");
      // anywhere, or just after a tag (most cuts elsewhere leave a tag unterminated, which the byte path gives up on)
      const tagEnds = [...bytes.keys()].filter((k) => bytes[k] === 62).map((k) => k + 1);
      const end = afterTag ? tagEnds[cut % tagEnds.length] : cut % (bytes.length + 1);
      const budget = { cells: 0 };
      // the rest of the sheet stays in the buffer after the end, as content.xml goes on after a table
      const rows = readOdsTableRowsFromBytes(bytes, 0, end, "f.ods", "S", budget, filterAfter([0], 0));
      if (rows === undefined) return;
      read++;
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, end));
      const textBudget = { cells: 0 };
      assert.deepEqual({ rows, cells: budget.cells }, { rows: readTableRows(text, 0, text.length, "f.ods", "S", textBudget, filterAfter([0], 0)), cells: textBudget.cells }, JSON.stringify(text));
    }),
    { numRuns: 1500, seed: FUZZ_SEED },
  );
  assert.ok(read > 500, `the byte path read ${read} of 1500 cut sheets`);
});

test("a paragraph of a cell not read is bounded as in the text path: MAX_CELL_CHARS characters are read by bytes, one more is the text path's error", () => {
  const sheet = (text: string) => `${HEADER}<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1"><text:p>${text}</text:p></table:table-cell></table:table-row>`;
  for (const text of ["9".repeat(MAX_CELL_CHARS), " ".repeat(MAX_CELL_CHARS)]) {
    const atLimit = bytePath(sheet(text), 0, filterAfter([0], 0));
    assert.ok(atLimit !== undefined);
    assert.deepEqual(atLimit, textPath(sheet(text), 0, filterAfter([0], 0)));
  }
  const over = sheet("9".repeat(MAX_CELL_CHARS + 1));
  assert.equal(bytePath(over, 0, filterAfter([0], 0)), undefined);
  assert.ok("error" in textPath(over, 0, filterAfter([0], 0)));
});

test("RO3's cells not read are UNREAD_CELL, blank or empty as the text path gives them, repeats expanded", () => {
  const cell = (attributes: string, content = "") => `<table:table-cell${attributes}>${content}</table:table-cell>`;
  const row = [
    cell(""),
    cell(' office:value-type="float" office:value="2019" table:style-name="ce24"', "<text:p>2,019</text:p>"),
    cell(' table:style-name="ce23"', "<text:p> \t</text:p>"),
    cell(' table:style-name="ce23"', "<text:p></text:p>"),
    cell("", "<text:p></text:p><text:p></text:p>"),
    cell(' office:value-type="string" table:number-columns-repeated="2"', "<text:p>[x]</text:p>"),
    '<table:table-cell table:style-name="ce23"/>',
    '<table:table-cell office:value-type="boolean" office:boolean-value="true"/>',
    cell(' office:value-type="string"', "<text:p> é</text:p>"),
    '<table:table-cell table:number-columns-repeated="16370" table:style-name="ce10"/>',
  ];
  const xml = `${HEADER}<table:table-row>${row.join("")}</table:table-row>`;
  const byBytes = bytePath(xml, 0, filterAfter([0], 0));
  assert.deepEqual(byBytes, textPath(xml, 0, filterAfter([0], 0)));
  assert.deepEqual(byBytes?.rows[1], ["", UNREAD_CELL, " ", "", " ", UNREAD_CELL, UNREAD_CELL, "", UNREAD_CELL, UNREAD_CELL]);
});

test("a '>' or '/>' in a quoted attribute value (either quote) ends no cell tag: the byte path, its short route and the text path read the same rows", () => {
  // XML 1.0 §2.3 allows '>' unescaped in an attribute value (a formula's comparison, a style name)
  const row = (a: string, b: string) =>
    `<table:table-row><table:table-cell table:style-name="c>1" office:value-type="string"><text:p>${a}</text:p></table:table-cell>` +
    `<table:table-cell table:formula='of:=[.A1]>0' office:value-type="float" office:value="${b}"><text:p>${b}</text:p></table:table-cell>` +
    `<table:table-cell table:style-name="/>" office:value-type='float' office:value="2"/></table:table-row>`;
  const xml = row("head", "1") + row("x", "3");
  const full = { rows: [["head", "1", "2"], ["x", "3", "2"]], cells: 6 };
  assert.deepEqual(bytePath(xml, 0), full);
  assert.deepEqual(textPath(xml, 0), full);
  const filtered = { rows: [["head", "1", "2"], ["x", UNREAD_CELL, UNREAD_CELL]], cells: 6 };
  const shortRunsBefore = unreadCellRunsReadShort();
  assert.deepEqual(bytePath(xml, 0, filterAfter([0], 0)), filtered);
  assert.equal(unreadCellRunsReadShort() - shortRunsBefore, 1, "the second row's cells not read take the short route");
  assert.deepEqual(textPath(xml, 0, filterAfter([0], 0)), filtered);
});
