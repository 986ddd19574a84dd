/**
 * A control character inside an SSDA903 CHILD id is an error naming file, row, column and the character, never the
 * id (round 24 H12: a NUL before the CHILD value made another child, whose 5 episodes were dropped as "missing from
 * Header" and cla_3plus_placements_pct went from 283/2177 to 282/2176, exit 0). The same holds for a CIN census's
 * LAchildID (a raw byte or a character reference &#0;) and an Annex A list's Child Unique ID.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { xlsxBytes } from "../../lib/synthetic/returns-annex-a";
import { EPISODE_COLS, HEADER_COLS, cinXml, episodeRow, headerRow, importRefusal, tempDir, writeCsv } from "./helpers";

const LA = "E09000001";

test("a NUL inside a CHILD id of Episodes is refused naming the file, row and column, not the id", () => {
  const dir = tempDir();
  writeCsv(dir, `${LA}/2023/header.csv`, HEADER_COLS, [headerRow("C1234567", "01/01/2010"), headerRow("C7654321", "01/01/2011")]);
  writeCsv(dir, `${LA}/2023/episodes.csv`, EPISODE_COLS, [
    episodeRow("C7654321", "01/05/2022", "S", "C2", "U1"),
    episodeRow("\u0000C1234567", "01/06/2022", "S", "C2", "U1"),
  ]);
  const e = importRefusal(dir);
  assert.deepEqual([e.file, e.row, e.column, e.value], [`${LA}/2023/episodes.csv`, 2, "CHILD", "a control character (NUL)"]);
  assert.ok(!e.message.includes("1234567"), e.message);
});

test("a control character in a CIN census LAchildID, raw or as a reference, is refused naming the element and line", () => {
  for (const [id, character] of [["C12\u000134", "U+0001"], ["C12&#0;34", "NUL"]]) {
    const dir = tempDir();
    const file = path.join(dir, LA, "2024", "cin_census.xml");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, cinXml(2024, [{ id: "C999", details: [] }, { id, details: ["<CINreferralDate>2023-06-01</CINreferralDate><ReferralNFA>0</ReferralNFA>"] }]));
    const e = importRefusal(dir);
    assert.deepEqual([e.file, e.column], [`${LA}/2024/cin_census.xml`, "LAchildID"]);
    assert.match(e.value ?? "", /^a control character \((U\+0001|NUL)\) \(at line 5, byte \d+\)$/);
    assert.ok(e.value?.startsWith(`a control character (${character})`), e.value);
    assert.ok(!e.message.includes("C12"), e.message);
  }
});

test("a NUL in an Annex A Child Unique ID is refused naming the file, sheet, row and column, not the id", () => {
  const dir = tempDir();
  const file = path.join(dir, LA, "annex_a_2024-01-15.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, xlsxBytes([{ name: "List 3", header: ["Child Unique ID", "Referral Date"], rows: [["R1", "02/10/2023"], ["R\u000022", "10/11/2023"]] }]));
  const e = importRefusal(dir);
  // row 3 of the sheet: the header is its row 1
  assert.deepEqual([e.row, e.column, e.value], [3, "Child Unique ID", "a control character (NUL)"]);
  assert.match(e.file, /annex_a_2024-01-15\.xlsx$/);
  // the sheet in its own field, as every spreadsheet message gives it (it had been "annex_a_2024-01-15.xlsx [List 3]" as the file)
  assert.equal(e.sheet, "List 3");
  assert.match(e.message, /annex_a_2024-01-15\.xlsx, sheet "List 3", row 3, column "Child Unique ID": got "a control character \(NUL\)"/);
  assert.ok(!e.message.includes("R\u000022"), e.message);
});
