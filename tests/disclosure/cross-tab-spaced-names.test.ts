/**
 * Cross-tabs whose variables' names hold a space ("placement type"), as R 4.2 and pandas 1.5.3 print them (the texts are
 * theirs, for made-up children: pd.crosstab(df["placement type"], df["la"]), print(table(df[c("placement type", "la")])),
 * ftable of three). Round 25 left them unread: the name was taken for two variables, or the table for no table.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";
import { textTables } from "../../lib/disclosure/text-tables";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const small = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings.filter((f) => f.rule === "small-count").map((f) => `${f.location}: ${f.value}`);
const all = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings;

const PD_ROWS = lines("la              Leeds  Rutland", "placement type                ", "Foster             40        3", "Kinship            10        2", "Residential         5        2");
const PD_TWO = lines("legal status            C2  V2", "placement type la             ", "Foster         Leeds    20  20", "               Rutland   2   1", "Kinship        Leeds    15  15", "               Rutland  11  11", "Residential    Leeds    12  13", "               Rutland  11  11");
const R_TABLE = lines("              la", "placement type Leeds Rutland", "   Foster         40       3", "   Kinship        10       2", "   Residential     5       2");
const R_FTABLE = lines("                       sex  F  M", "la      placement type          ", "Leeds   Foster             20 20", "        Kinship            15 15", "        Residential        12 13", "Rutland Foster              2 11", "        Kinship            11 11", "        Residential        11 11");

test("pandas' crosstab with a row variable named with a space: each cell a count, by row and column (not an LA)", () => {
  assert.deepEqual(small("a.txt", PD_ROWS), [
    'line 3, printed table cell (row 1, column 2) column "cross-tab count": 3',
    'line 4, printed table cell (row 2, column 2) column "cross-tab count": 2',
    'line 5, printed table cell (row 3, column 1) column "cross-tab count": 5',
    'line 5, printed table cell (row 3, column 2) column "cross-tab count": 2',
  ]);
  // two row variables, the outer named with a space and only a space from the inner; a column variable so named too
  assert.deepEqual(small("b.txt", PD_TWO), ['line 4, printed table cell (row 2, column 1) column "cross-tab count": 2', 'line 4, printed table cell (row 2, column 2) column "cross-tab count": 1']);
});

test("R's table() and ftable() with a variable named with a space", () => {
  assert.equal(small("c.txt", R_TABLE).length, 4);
  assert.equal(small("c.txt", R_TABLE.replace("              la", "              local authority")).length, 4);
  // an LA row variable beside "placement type": cells named by their categories
  assert.deepEqual(small("d.txt", R_FTABLE), ['line 6, printed table cell "Rutland, Foster, F" column "cross-tab count": 2']);
});

test("twins: every count 10 or more gives nothing, and indented prose of several words is no table", () => {
  const pd = lines("la              Leeds  Rutland", "placement type                ", "Foster             40       13", "Kinship            10       12", "Residential        15       12");
  const r = lines("              la", "placement type Leeds Rutland", "   Foster         40      13", "   Kinship        10      12", "   Residential    15      12");
  for (const text of [pd, r, R_FTABLE.replace("Rutland Foster              2 11", "Rutland Foster             12 11")]) {
    assert.deepEqual(all("t.txt", text), [], text);
    assert.match(textTables(text)[0].header.join("|"), /placement type\|.*count$/); // read, as a cross-tab, and every cell 10 or more
  }
  assert.deepEqual(all("p.txt", lines("  Notes on the method", "Step one of the import", "  Run the import      3", "  Then the analysis   4")), []);
});
