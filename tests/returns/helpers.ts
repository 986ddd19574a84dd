/** Small SSDA903 / CIN census fixtures written to a temporary folder, for the returns tests. */
import * as fs from "node:fs";
import * as path from "node:path";
import assert from "node:assert/strict";
import { DataError } from "../../lib/errors";
import { importReturns, type ReturnsImport } from "../../lib/returns/import-returns";
import { tempDir as sharedTempDir } from "../helpers/temp-dirs";

/** Everything an import gives, as plain data to compare (the log by its entries and per-file summary). */
export const plainImport = (r: ReturnsImport) => ({ ...r, log: { entries: r.log.entries(), files: r.log.fileSummary() } });

/** A fixed test key (never a real one). */
export const TEST_KEY = Buffer.from("returns-test-key-0123456789abcdef");

/** The DataError importing `dir` (with TEST_KEY) throws; fails the test when the import goes through. */
export function importRefusal(dir: string): DataError {
  try {
    importReturns(dir, { key: TEST_KEY });
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  assert.fail("the import refused the folder");
}

/** A fresh temporary folder, removed when the test, describe or file that made it is done (tests/helpers/temp-dirs.ts). */
export function tempDir(prefix = "vsw-returns-"): string {
  return sharedTempDir(prefix);
}

/** Write `rows` (arrays of cells) under `header` as CSV to dir/name. */
export function writeCsv(dir: string, name: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, [header.join(","), ...rows.map((r) => r.join(","))].join("\n") + "\n");
  return file;
}

export const HEADER_COLS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"];
export const EPISODE_COLS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"];
export const MISSING_COLS = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"];
export const OC3_COLS = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"];

/** A Header row. */
export function headerRow(child: string, dob: string): string[] {
  return [child, "1", dob, "WBRI", "", "", ""];
}

/** An Episodes row. */
export function episodeRow(child: string, decom: string, rne: string, ls: string, place: string, dec = "", rec = ""): string[] {
  return [child, decom, rne, ls, "N1", place, "PR1", dec, rec, "", "B15 2TT", "B16 9AA", ""];
}

/** A CIN census document for children given as inner XML of CINdetails lists. */
export function cinXml(year: number, children: { id: string; details: string[] }[]): string {
  const kids = children
    .map(
      (c) =>
        `<Child><ChildIdentifiers><LAchildID>${c.id}</LAchildID><PersonBirthDate>2012-05-01</PersonBirthDate></ChildIdentifiers>` +
        c.details.map((d) => `<CINdetails>${d}</CINdetails>`).join("") +
        `</Child>`,
    )
    .join("\n");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>${year}</Year>` +
    `<ReferenceDate>${year}-03-31</ReferenceDate></CollectionDetails><Source><LEA>999</LEA></Source></Header>\n<Children>\n${kids}\n</Children></Message>\n`
  );
}
