/**
 * `add` prints names taken from the user's file (a sheet's name, a column, an LA as written) as text: a hostile
 * review's sheet named "Data ESC]0;PWNED BEL ESC[2J …" set the terminal's title and cleared its screen (round 24, H14).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as XLSX from "xlsx";
import { main } from "../../lib/cli/main";
import { printableText } from "../../lib/cli/printable";
import { capture } from "../helpers/cli";
import { writeFixturePackage } from "../data/own-data/fixture";
import { tempDir } from "../helpers/temp-dirs";

// SheetJS writes a control character of a sheet name as _x0007_ (which the reader keeps as text), so the sheet here
// carries a right-to-left override; escape sequences themselves are printableText's test below and in printable.test.ts
test("add's report shows a sheet name's bidirectional override as text, never obeyed", async () => {
  const dir = writeFixturePackage();
  const sheet = XLSX.utils.aoa_to_sheet([["la_code", "period", "visits_pct"], ["E06000023", 2023, 45], ["E06000010", 2023, 30]]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, "Data \u202eatad");
  const file = path.join(tempDir("vsw-cli-esc-"), "esc.xlsx");
  fs.writeFileSync(file, XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
  const c = capture();
  assert.equal(await main(["add", dir, file, "--unit", "percent", "--polarity", "up", "--domain", "workforce"], c.io), 0, c.err.join(""));
  const out = c.out.join("");
  assert.match(out, /\(sheet Data \\u202eatad\)/);
  assert.doesNotMatch(out, /[\u001b\u0007\u202e]/);
});

test("printableText shows the bidirectional overrides and isolates as escapes (a code that displays as another LA's)", () => {
  assert.equal(printableText("E0600\u202e1000"), "E0600\\u202e1000");
  assert.equal(printableText("a\u2066b\u2069c\u202ad"), "a\\u2066b\\u2069c\\u202ad");
});
