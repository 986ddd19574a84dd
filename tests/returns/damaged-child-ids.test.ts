/**
 * A control character inside an SSDA903 CHILD id is an error naming file, row, column and the character, never the
 * id (round 24 H12: a NUL before the CHILD value made another child, whose 5 episodes were dropped as "missing from
 * Header" and cla_3plus_placements_pct went from 283/2177 to 282/2176, exit 0).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { EPISODE_COLS, HEADER_COLS, episodeRow, headerRow, importRefusal, tempDir, writeCsv } from "./helpers";

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
