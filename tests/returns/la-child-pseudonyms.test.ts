import { test } from "node:test";
import assert from "node:assert/strict";
import { pseudonymise } from "../../lib/pilot/pseudonymise";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { LaChildPseudonyms } from "../../lib/returns/la-child-pseudonyms";
import { readSsda903, type Ssda903File } from "../../lib/returns/read-ssda903";
import { EPISODE_COLS, HEADER_COLS, MISSING_COLS, OC3_COLS, TEST_KEY, episodeRow, headerRow, tempDir, writeCsv } from "./helpers";
import { withoutSimd } from "./without-simd";

const rows = (ids: string[]) => ids.map((id) => ({ cells: ["x", id] }));

test("pseudonyms of LA/child equal pseudonymise's, prepared four at a time or not, across LAs, on both paths", () => {
  for (const run of [<T>(f: (key: Buffer) => T) => f(TEST_KEY), withoutSimd]) {
    run((key) => {
      const pseudonyms = new LaChildPseudonyms(key);
      const ids = ["C1", "", "C2", "C1", "Zoë", "C3", "C4", "C5", "l".repeat(70), "C2", "C6"];
      pseudonyms.prepare("E09000001", rows(ids), 1);
      for (const la of ["E09000001", "E06000002", "E09000001"]) {
        for (const id of ids.filter((id) => id !== "")) assert.equal(pseudonyms.of(la, id), pseudonymise(`${la}/${id}`, TEST_KEY), `${la}/${id}`);
        pseudonyms.prepare(la, rows(["C7", "C8", "C1"]), 1);
        assert.equal(pseudonyms.of(la, "C7"), pseudonymise(`${la}/C7`, TEST_KEY));
      }
      // an LA's identifiers are not reused for another LA, even when prepared for the first and asked for the second
      pseudonyms.prepare("E09000001", rows(["C9"]), 1);
      assert.equal(pseudonyms.of("E06000002", "C9"), pseudonymise("E06000002/C9", TEST_KEY));
    });
  }
});

/** Two LAs' tables, with blank, duplicate, non-ASCII, long and Header-less children, counts not a multiple of four. */
function ssda903Files(): Ssda903File[] {
  const dir = tempDir();
  const files: Ssda903File[] = [];
  for (const la of ["E06000002", "E09000001"]) {
    const children = ["C1", "C2", "Zoë", `C${"9".repeat(60)}`, "C5"];
    const header = writeCsv(dir, `${la}/header.csv`, HEADER_COLS, [...children.map((c) => headerRow(c, "01/02/2010")), headerRow("", "01/02/2010"), headerRow("C2", "01/02/2010")]);
    const episodes = writeCsv(dir, `${la}/episodes.csv`, EPISODE_COLS, [
      episodeRow("C1", "01/05/2022", "S", "C2", "U1", "10/06/2022", "E11"),
      episodeRow("C1", "10/06/2022", "P", "C2", "U2"),
      episodeRow("", "01/05/2022", "S", "C2", "U1"),
      episodeRow("NOTHERE", "01/05/2022", "S", "C2", "U1"),
      episodeRow("Zoë", "01/07/2022", "S", "C2", "U1"),
      episodeRow(`C${"9".repeat(60)}`, "01/08/2022", "S", "C2", "U1"),
      episodeRow("C5", "01/09/2022", "S", "C2", "U1"),
    ]);
    const missing = writeCsv(dir, `${la}/missing.csv`, MISSING_COLS, [["C1", "01/02/2010", "M", "01/09/2022", ""], ["ABSENT", "01/02/2010", "M", "01/09/2022", ""]]);
    const oc3 = writeCsv(dir, `${la}/oc3.csv`, OC3_COLS, [["C1", "01/02/2004", "YES", "F1", "S"], ["OC3ONLY", "01/02/2004", "YES", "F1", "S"]]);
    const at = (path: string, table: Ssda903File["table"]) => ({ path, name: path.slice(dir.length + 1), table, la, year: 2023 });
    files.push(at(header, "Header"), at(episodes, "Episodes"), at(missing, "Missing"), at(oc3, "OC3"));
  }
  return files;
}

test("readSsda903 reads the same data and log with identifiers hashed four at a time and one at a time", () => {
  const files = ssda903Files();
  const read = (key: Buffer) => {
    const log = new ReturnsImportLog();
    const data = readSsda903(files, key, log);
    return { data, entries: log.entries() };
  };
  const simd = read(TEST_KEY);
  assert.deepEqual(withoutSimd(read), simd);
  const first = simd.data.get("E09000001")![0];
  assert.deepEqual([...first.birthMonth.keys()], ["C1", "C2", "Zoë", `C${"9".repeat(60)}`, "C5"].map((c) => pseudonymise(`E09000001/${c}`, TEST_KEY)));
  assert.ok(first.episodes.has(pseudonymise("E09000001/Zoë", TEST_KEY)));
  assert.ok(simd.entries.some((e) => e.action === "dropped" && e.column === "CHILD"));
});
