/**
 * How a cross-tab's finding says where its cell is (lib/disclosure/cross-tabs.ts shownLabels, crossTabCellPlace): by
 * its categories only when its rows are LAs or groupings of LAs, else by its row and column. A hostile read printed a
 * child's name in a finding's location, on stdout and in --json (round 25, S1-5: `cell "Amy Smith, Foster"`). The
 * prints are pandas 1.5.3's `pd.crosstab(df.child_name, df.placement)` (to_string, to_html) and R 4.2's
 * `table(name = …, pl = …)` of made-up children, as /tmp/h25-read/nm and nm2 hold them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFileText } from "../../lib/disclosure/scan";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const findings = (file: string, text: string) => scanFileText(file, text, { threshold: 10 }).findings;
const places = (file: string, text: string) => findings(file, text).filter((f) => f.rule === "small-count").map((f) => f.location);

/** pandas' crosstab of people by placement, printed, under the row variable's name. */
const byPerson = (name: string) => lines("placement  Foster  Kinship", `${name.padEnd(27)}`, "Amy Smith       1        0", "Ben Jones       0        1");

test("a printed cross-tab whose rows are people gives each cell's row and column, never a name", () => {
  for (const name of ["child_name", "name", "surname", "forename", "young_person", ""]) {
    const found = findings("nb.txt", byPerson(name));
    const text = JSON.stringify(found);
    assert.ok(!/Amy|Smith|Ben|Jones/.test(text), `${name}: ${text}`);
    if (name === "") continue; // a pandas print with no names at all is no cross-tab
    assert.deepEqual(places("nb.txt", byPerson(name)), ['line 3, printed table cell (row 1, column 1) column "cross-tab count"', 'line 4, printed table cell (row 2, column 2) column "cross-tab count"'], name);
  }
});

test("pandas' to_html() of a cross-tab of children by name gives row and column numbers", () => {
  const html = `<table border="1" class="dataframe"><thead><tr style="text-align: right;"><th>placement</th><th>Foster</th><th>Kinship</th></tr>
<tr><th>child_name</th><th></th><th></th></tr></thead><tbody><tr><th>Amy Smith</th><td>1</td><td>1</td></tr><tr><th>Ben Jones</th><td>12</td><td>0</td></tr></tbody></table>`;
  const found = findings("t.html", html);
  assert.ok(!/Amy|Smith|Ben|Jones/.test(JSON.stringify(found)), JSON.stringify(found));
  assert.deepEqual(found.map((f) => f.location), ['table 1 cell (row 1, column 1) column "cross-tab count"', 'table 1 cell (row 1, column 2) column "cross-tab count"']);
  // the negative twin: rows of LAs are named by LA and category
  assert.deepEqual(findings("t.html", html.replace("child_name", "la_name").replace("Amy Smith", "Rutland").replace("Ben Jones", "Leeds")).map((f) => f.location), ['table 1 cell "Rutland, Foster" column "cross-tab count"', 'table 1 cell "Rutland, Kinship" column "cross-tab count"']);
});

test("R's two-way table of children by name gives row and column numbers; one of LAs its categories", () => {
  const r = lines("           pl", "name        Foster Kinship", "  Amy Smith      1       0", "  Ben Jones      0       1");
  assert.deepEqual(places("r.txt", r), ['line 3, printed table cell (row 1, column 1) column "count"', 'line 4, printed table cell (row 2, column 2) column "count"']);
  assert.ok(!/Amy|Ben/.test(JSON.stringify(findings("r.txt", r))));
  assert.deepEqual(places("r.txt", r.replace("name", "la  ").replace("Amy Smith", "Rutland  ").replace("Ben Jones", "Leeds    ")), ['line 3, printed table cell "Rutland, Foster" column "count"', 'line 4, printed table cell "Leeds, Kinship" column "count"']);
});

test("labels are shown beside LAs and their groupings only: a person's column variable or an unnamed row variable is not", () => {
  // LAs by region and by a category: shown
  const byLa = lines("placement  Foster  Kinship", "la_name                   ", "Rutland         1       20", "Leeds          20       20");
  assert.deepEqual(places("py.txt", byLa), ['line 3, printed table cell "Rutland, Foster" column "cross-tab count"']);
  // LAs by carers' names across: not shown
  const byCarer = lines("carer_name  Amy  Ben", "la_name             ", "Rutland       1   20", "Leeds        20   20");
  assert.deepEqual(places("py.txt", byCarer), ['line 3, printed table cell (row 1, column 1) column "cross-tab count"']);
  // R's ftable of an unnamed table(df$x, df$pl, df$sex): what the rows are is not known, so not shown
  const unnamed = lines("                   F  M", "                       ", "Amy Smith Foster   1 20", "          Kinship 20 20", "Ben Jones Foster  20 20", "          Kinship 20 20");
  assert.deepEqual(places("r.txt", unnamed), ['line 3, printed table cell (row 1, column 1) column "cross-tab count"']);
});
