import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as aq from "arquero";
import { InputError } from "../../lib/errors";
import { describeStatus, formatCell, TABLE_CSS, tableHtml } from "../../lib/report/html-table";

const rows = Object.freeze([
  Object.freeze({ la_name: "Ashford", value: 12.3456, status: "" }),
  Object.freeze({ la_name: "Barnfield <b>", value: null, status: "suppressed:c" }),
  Object.freeze({ la_name: "Castleton", value: NaN, status: "" }),
  Object.freeze({ la_name: "Dunmore", value: 0, status: "" }),
]);

describe("tableHtml", () => {
  it("shows missing values with their reason, never as 0", () => {
    const html = tableHtml(rows, { id: "t" });
    assert.match(html, /<span class="vsw-missing" title="missing value">suppressed \(c\)<\/span>/);
    assert.match(html, /not computable/);
    const cells = [...html.matchAll(/<td class="vsw-num" data-v="([^"]*)">([^<]*)<\/td>/g)].map((m) => m[2]);
    assert.deepEqual(cells, ["12.346", "0"]); // only the real zero prints as 0
  });

  it("escapes text and formats numbers with the requested digits", () => {
    const html = tableHtml(rows, { id: "t", digits: { value: 1 }, columns: ["la_name", "value"] });
    assert.match(html, /Barnfield &lt;b&gt;/);
    assert.match(html, />12\.3</);
    assert.doesNotMatch(html, /<th[^>]*>status/);
  });

  it("accepts an arquero table", () => {
    const html = tableHtml(aq.from(rows.map((r) => ({ ...r }))), { id: "t", sortable: false });
    assert.match(html, /Ashford/);
    assert.doesNotMatch(html, /<script/);
  });

  it("is sortable by default and says how many rows were cut", () => {
    const html = tableHtml(rows, { id: "t", maxRows: 2 });
    assert.match(html, /<script[^>]*>.*document.getElementById\("t"\)/s);
    assert.match(html, /2 more rows not shown \(4 in all\)/);
  });

  it("refuses an unknown column", () => {
    assert.throws(() => tableHtml(rows, { columns: ["nope"] }), InputError);
    assert.throws(() => tableHtml(rows, { columns: ["la_name"], formats: { value: "percent" } }), InputError);
    assert.throws(() => tableHtml(rows, { noWrap: ["nope"] }), InputError);
    assert.throws(() => tableHtml(rows, { minWidthEm: { la_name: 0 } }), InputError);
  });

  it("sits in a wrapper that scrolls sideways, so a wide table never widens the page", () => {
    const html = tableHtml(rows, { id: "t" });
    assert.match(html, /^<div class="vsw-table-wrap"><table id="t" class="vsw-table">[\s\S]*<\/table><\/div>/);
    assert.match(TABLE_CSS, /\.vsw-table-wrap \{[^}]*overflow-x: auto/);
    assert.match(TABLE_CSS, /td\.vsw-num \{[^}]*white-space: nowrap/);
  });

  it("writes p-values, percentages and fixed decimals by column, sorting by the value", () => {
    const stats = Object.freeze([
      Object.freeze({ indicator: "a_pct", label: "A share (%)", completeness: 0.973, rho: 0.13, p: 0.000038 }),
      Object.freeze({ indicator: "b_pct", label: "B share (%)", completeness: 1, rho: -0.04, p: 0.01234 }),
    ]);
    const html = tableHtml(stats, {
      id: "t", formats: { completeness: "percent", rho: "fixed", p: "p-value" }, noWrap: ["indicator"], minWidthEm: { label: 14 },
    });
    const cells = [...html.matchAll(/<td class="vsw-num" data-v="([^"]*)">([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(cells, [
      ["0.973", "97.3%"], ["0.13", "0.130"], ["0.000038", "&lt;0.001"],
      ["1", "100.0%"], ["-0.04", "-0.040"], ["0.01234", "0.0123"],
    ]);
    assert.match(html, /<td class="vsw-nowrap" data-v="a_pct">a_pct<\/td>/);
    assert.match(html, /<th scope="col" style="min-width: 14em">label<\/th>/);
    assert.match(html, /<th scope="col" class="vsw-num">completeness<\/th>/); // numeric headers align with their numbers
    assert.match(html, /<th scope="col">indicator<\/th>/);
  });

  it("an empty array of rows is a table of the columns asked for, with headers and no body rows; a table with rows still rejects an unknown column", () => {
    const html = tableHtml([], { id: "e", columns: ["indicator", "value"], labels: { indicator: "Indicator" } });
    assert.match(html, /<th scope="col">Indicator<\/th>/);
    assert.match(html, /<th scope="col">value<\/th>/);
    assert.doesNotMatch(html, /<td/);
    assert.throws(() => tableHtml([{ indicator: "a" }], { columns: ["indicator", "value"] }), /unknown column "value"/);
  });

  it("describes statuses and cells by one rule", () => {
    assert.equal(describeStatus("not-available::"), "not-available (:)");
    assert.equal(describeStatus(""), "missing");
    assert.equal(formatCell(true, 3, "").html, "yes");
    assert.equal(formatCell(123456.7, 0, "").html, "123,457");
    assert.equal(formatCell(undefined, 3, "").html, "");
    // a missing cell says the row's reason, but a low-reliability status qualifies a value that is there (a walkthrough)
    assert.match(formatCell(null, 3, "suppressed:c").html, />suppressed \(c\)</);
    assert.match(formatCell(null, 3, "low-reliability:window").html, />missing</);
    assert.equal(formatCell(0.000312, 3, "").html, "0.00031"); // a small p-value never prints as 0
    assert.equal(formatCell(2.5e-9, 3, "").html, "2.5e-9");
    assert.equal(formatCell(0, 3, "").html, "0"); // a field this row does not have
    assert.equal(formatCell(0.000312, 3, "", "p-value").html, "&lt;0.001");
    assert.equal(formatCell(0.5, 3, "", "percent").html, "50.0%");
    assert.match(formatCell(NaN, 3, "", "p-value").html, /not computable/); // missing wins over the format
    assert.match(formatCell(null, 3, "").html, />missing</);
  });
});
