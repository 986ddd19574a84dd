import { test } from "node:test";
import assert from "node:assert/strict";
import { separatorHint } from "../../lib/data/csv-separator-hint";
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
    assert.equal(e.message, `mine.csv, row 2: got "2 fields", expected 1 fields as in the header${SEMICOLON_HINT}`);
    return true;
  });
  // with a byte order mark and CRLF line ends as Excel writes them
  assert.throws(() => parseCsv("\uFEFFla_code;value\r\nE06000001;1,5\r\n", "bom.csv"), /bom\.csv, row 1: got "2 fields", expected 1 fields as in the header; the file looks semicolon/);
  assert.throws(() => parseCsv("la_code\tvalue\nE06000001\t1,5\n", "tab.csv"), /expected 1 fields as in the header; the file looks tab-separated/);
});

test("parseCsv: a wrong field count in a comma-separated file has the error as before, no hint", () => {
  assert.throws(() => parseCsv("la_code,period,value\nE06000001,2023\n", "short.csv"), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.message, 'short.csv, row 1: got "2 fields", expected 3 fields as in the header');
    return true;
  });
});
