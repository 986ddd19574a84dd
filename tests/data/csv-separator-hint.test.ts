import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldCountProblem, separatorHint } from "../../lib/data/csv-separator-hint";
import { parseCsv } from "../../lib/data/csv";
import { DataError } from "../../lib/errors";

const SEMICOLON_HINT = "; the file looks semicolon-separated: save it as comma-separated CSV";

test("a one-field header holding semicolons or tabs gets the hint naming that separator", () => {
  assert.equal(separatorHint(Object.freeze(["la_code;period;value"])), SEMICOLON_HINT);
  assert.equal(separatorHint(["la_code\tperiod\tvalue"]), "; the file looks tab-separated: save it as comma-separated CSV");
  // the separator seen more often wins (a tab-separated header whose names hold a semicolon)
  assert.equal(separatorHint(["la_code\tperiod\tnote; free text"]), "; the file looks tab-separated: save it as comma-separated CSV");
  assert.equal(separatorHint(["Nombre;Année"]), SEMICOLON_HINT, "non-ASCII names too");
});

test("no hint for a comma-separated header, a one-column file or an empty header", () => {
  assert.equal(separatorHint(["la_code", "period;x"]), "");
  assert.equal(separatorHint(["la_code"]), "");
  assert.equal(separatorHint([""]), "");
  assert.equal(separatorHint([]), "");
});

test("parseCsv: a semicolon file with decimal commas fails with the same error, file, row and value, plus the hint", () => {
  const text = "la_code;period;value\nE06000001;2023;12\nE06000002;2023;12,5\n";
  assert.throws(() => parseCsv(text, "mine.csv"), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.file, "mine.csv");
    assert.equal(e.row, 2);
    assert.equal(e.value, "2 fields");
    assert.equal(e.message, `mine.csv, row 2: got "2 fields", expected 1 field as in the header: read with commas as the separator, the header is one field, holding 2 semicolons (;)${SEMICOLON_HINT}`);
    return true;
  });
  // with a byte order mark and CRLF line ends as Excel writes them
  assert.throws(() => parseCsv("\uFEFFla_code;value\r\nE06000001;1,5\r\n", "bom.csv"), /bom\.csv, row 1: got "2 fields", expected 1 field as in the header: read with commas as the separator, the header is one field, holding 1 semicolon \(;\); the file looks semicolon/);
  assert.throws(() => parseCsv("la_code\tvalue\nE06000001\t1,5\n", "tab.csv"), /expected 1 field as in the header: read with commas as the separator, the header is one field, holding 1 tab \(\\t\); the file looks tab-separated/);
});

test("parseCsv: a wrong field count in a comma-separated file has the error as before, no hint", () => {
  assert.throws(() => parseCsv("la_code,period,value\nE06000001,2023\n", "short.csv"), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.message, 'short.csv, row 1: got "2 fields", expected 3 fields as in the header');
    return true;
  });
});

test("a field count says field or fields as the number needs, and names the separator and how often the one-field header holds it", () => {
  assert.deepEqual(fieldCountProblem(1, ["la_code", "period"]), { value: "1 field", expected: "2 fields as in the header" });
  assert.deepEqual(fieldCountProblem(3, ["la_code;period;my_pct"]), {
    value: "3 fields",
    expected: `1 field as in the header: read with commas as the separator, the header is one field, holding 2 semicolons (;)${SEMICOLON_HINT}`,
  });
  assert.match(fieldCountProblem(2, ["la_code\tvalue"]).expected, /^1 field as in the header: .* holding 1 tab \(\\t\); the file looks tab-separated/);
});
