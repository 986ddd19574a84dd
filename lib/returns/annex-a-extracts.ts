/**
 * Which of a folder's Annex A workbooks to read when an LA has several for one collection year, so that no child is
 * counted twice without a word. Each workbook is an extract of the {@link ANNEX_A_WINDOW_MONTHS} months before the
 * day its file name gives (annexAExtractDate); an analyst may keep an earlier and a later extract of one year, or
 * the same file twice under two names:
 * - of exact copies (the same bytes) one is read, the one of the shortest file name (the name a copy adds to), and
 *   the others are said on the screen not to be read; copies whose names give two different extract dates are
 *   refused, naming both (one name is wrong);
 * - two different extracts whose windows overlap (or one of whose window is unknown: no extract date in its name)
 *   are refused, naming both: a child listed in both would be counted in both, and which one the user means to
 *   count cannot be told;
 * - two extracts whose windows do not overlap are read together, and said so: their lists are combined for the year
 *   (lib/returns/annex-a-indicators: a referral, assessment or plan listed in both once, a care leaver once, from the
 *   latest extract whose window holds their birthday in the year, the count at 31 March from the window that holds it).
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import { InputError } from "../errors";
import { addMonths, collectionYearLabel, isoDate } from "./dates";
import type { ReturnsImportLog } from "./import-issues";
import { ANNEX_A_WINDOW_MONTHS, annexAExtractDate } from "./read-annex-a";
import type { AttributedFile } from "./read-ssda903";
import { readWorkbookFile } from "../data/import/spreadsheet/workbook-file";

/** The window a workbook's name gives: first and last day, or null when its name gives no extract date. */
function windowOf(file: AttributedFile): { from: number; to: number } | null {
  const extract = annexAExtractDate(file.name);
  return extract === null ? null : { from: addMonths(extract, -ANNEX_A_WINDOW_MONTHS), to: extract };
}

/** How a refusal or a notice names a workbook's window. */
function windowWords(file: AttributedFile): string {
  const w = windowOf(file);
  return w === null ? `${file.name} (no extract date in its name: its window is unknown)` : `${file.name} (${isoDate(w.from)} to ${isoDate(w.to)})`;
}

/**
 * The Annex A workbooks to read, in their order: of each LA and collection year's exact copies, all but the one of the
 * shortest name (then the first path in code-unit order) are left out (a notice names the copy and the one read), and
 * two different ones are refused unless their windows do not overlap (then a notice says they are read together).
 * @throws InputError naming both workbooks when two different ones of one LA and year have overlapping or unknown windows
 * @example
 * distinctAnnexAExtracts(found.annexA, log).length // the workbooks read
 */
export function distinctAnnexAExtracts(files: readonly AttributedFile[], log: ReturnsImportLog): AttributedFile[] {
  const byLaYear = new Map<string, AttributedFile[]>();
  for (const f of files) {
    const key = `${f.la}|${f.year}`;
    byLaYear.set(key, [...(byLaYear.get(key) ?? []), f]);
  }
  const copies = new Set<AttributedFile>();
  for (const group of byLaYear.values()) {
    if (group.length === 1) continue;
    const sameContent = new Map<string, AttributedFile[]>();
    for (const f of group) {
      const digest = createHash("sha256").update(readWorkbookFile(f.path, f.name)).digest("hex");
      sameContent.set(digest, [...(sameContent.get(digest) ?? []), f]);
    }
    const distinct: AttributedFile[] = [];
    const originalOf = new Map<AttributedFile, AttributedFile>();
    for (const same of sameContent.values()) {
      refuseCopiesOfTwoDates(same);
      const [original, ...others] = [...same].sort(byOriginalName);
      distinct.push(original);
      for (const f of others) originalOf.set(f, original);
    }
    // notices in the order the files were found, as the rest of the log
    for (const f of group) {
      const original = originalOf.get(f);
      if (original === undefined) continue;
      copies.add(f);
      log.notice(f.name, `Annex A workbook not read: an exact copy of ${original.name} (the same content), which is read`, "its children are counted once");
    }
    for (let i = 0; i < distinct.length; i++) {
      for (let j = i + 1; j < distinct.length; j++) checkApart(distinct[i], distinct[j]);
    }
    if (distinct.length > 1) {
      const { la, year } = distinct[0];
      log.notice(
        `${la} ${year}`,
        `Annex A workbooks ${distinct.map(windowWords).join(" and ")}, windows that do not overlap, read together for the year`,
        "their lists are combined: a referral, assessment or plan listed in both counts once, a care leaver once (the row of the latest extract whose window holds their birthday in the year), the count at 31 March comes from the window that holds it; the shares are of the windows' months",
      );
    }
  }
  return files.filter((f) => !copies.has(f));
}

/**
 * Order of exact copies, the one to read first: the shortest file name, as a user calls the original the name the
 * copies add to ("annex_a_2023-10-01.xlsx" before "annex_a_2023-10-01 copy.xlsx", which the folder's order, a space
 * before a dot, had read instead), then the path in code-unit order (the same on every machine, unlike a locale's).
 */
function byOriginalName(a: AttributedFile, b: AttributedFile): number {
  return path.basename(a.name).length - path.basename(b.name).length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * Refuse exact copies of one workbook whose names give two extract dates: one of the names is wrong, and which cannot
 * be told from the names. The copy of the shortest name had been read, and the rows dated after its date dropped: the
 * same workbook as annex_a_2023-07-15.xlsx and annex_a_2024-01-15.xlsx lost 1,654 rows, cin_rereferral_pct 136/789 →
 * 38/276, exit 0 (round-27 trial S2-5). Copies of which one name gives no date are read once, as before.
 */
function refuseCopiesOfTwoDates(same: readonly AttributedFile[]): void {
  const dated = same.filter((f) => annexAExtractDate(f.name) !== null);
  const other = dated.find((f) => annexAExtractDate(f.name) !== annexAExtractDate(dated[0].name));
  if (other === undefined) return;
  const [a, b] = [dated[0], other].sort((x, y) => annexAExtractDate(x.name)! - annexAExtractDate(y.name)!);
  throw new InputError(
    "DIR",
    `the same Annex A workbook of ${a.la} for ${collectionYearLabel(a.year)} under two extract dates, ${a.name} (${isoDate(annexAExtractDate(a.name)!)}) and ${b.name} (${isoDate(annexAExtractDate(b.name)!)}): the copies have the same content, so one of the names is wrong; which day was it extracted? Keep one copy, named by its extract date (a workbook's rows dated after that day are left out)`,
    `${a.name}, ${b.name}`,
  );
}

/** Refuse two different workbooks of one LA and year whose windows overlap or are unknown. */
function checkApart(a: AttributedFile, b: AttributedFile): void {
  const wa = windowOf(a);
  const wb = windowOf(b);
  if (wa !== null && wb !== null && (wa.to < wb.from || wb.to < wa.from)) return;
  const why = wa === null || wb === null ? "the window of one is unknown" : "their windows overlap";
  throw new InputError(
    "DIR",
    `two different Annex A workbooks of ${a.la} for ${collectionYearLabel(a.year)}, ${windowWords(a)} and ${windowWords(b)}: ${why}, so a child listed in both would be counted twice; keep the one to count (the later extract holds the later lists)${wa === null || wb === null ? ", or name each by its extract date if their windows do not overlap" : ""}`,
    `${a.name}, ${b.name}`,
  );
}
