/**
 * Ofsted local-authority children's services inspection outcomes (.ods) → outcomes.csv.
 *
 * Sources and sheets:
 * - "Children's social care in England 2023 — underlying data", sheet `LA_inspections_2009-2023`:
 *   every SIF (2013–2018) judgement, first inspection and re-inspection, with publication dates
 *   (SIF has no inspection dates). Two tables: current LAs, then LAs that existed before a restructure.
 *   LAs are named, not coded: names are matched to areas (areas.ts `normaliseAreaName`); a name shared
 *   by a predecessor and a successor (Dorset) goes to the successor in the first table and to the
 *   predecessor in the second.
 * - "LA inspection outcomes as at 31 March 2025", sheet `ILACS_inspection_history`: every ILACS (2018–)
 *   short/standard inspection with ONS code, inspection date and publication date; its `Cover` sheet's
 *   "Published on:" date bounds them ({@link ilacsDateProblem}).
 *
 * Values: 1 Outstanding, 2 Good, 3 Requires improvement (to be good; "Adequate" in older frameworks),
 * 4 Inadequate ({@link OFSTED_GRADES}); any other non-blank label is a DataError. `label` holds the published
 * judgement followed by ` [<inspection type>; inspected <date>]` where given. `date` is the publication date.
 * `period` is the latest year ending 31 March on or before the publication date ({@link ofstedPeriod}): the year
 * the inspection judged, the period whose indicators the analysis sets beside the judgement (lib/vitals/frame.ts,
 * `judgement-period`) and the one lib/context/link.ts gives a judgement without a period.
 */
import * as path from "node:path";
import { DataError, DataErrors } from "../../errors";
import { ISO_DATE, OUTCOME_GRADE_LABELS } from "../schema";
import type { OutcomeRow } from "../types";
import type { AreaIndex } from "./areas";
import type { ImportLog } from "./import-log";
import { readOdsSheets, type SheetRows } from "./spreadsheet/ods";
import { yearEndingMarchOnOrBefore } from "../periods";

/** Published judgement labels → grade (the outcomes' declared scale, {@link OUTCOME_GRADE_LABELS}). */
export const OFSTED_GRADES: Readonly<Record<string, number>> = OUTCOME_GRADE_LABELS;

/** Cell texts meaning "no judgement" (not inspected under this framework / not applicable). */
export const OFSTED_NO_JUDGEMENT: readonly string[] = Object.freeze(["", "-", "n/a", "not applicable"]);

export const OFSTED_PERIOD_RULE =
  "Ofsted outcomes: period = the latest year ending 31 March on or before the publication date, the year the inspection judged (31 March–December Y → Y; January–30 March Y → Y−1).";

/**
 * The latest year ending 31 March on or before an ISO date. Not the year containing it: a judgement published in
 * June 2014 goes with the indicators of the year to March 2014, the year the inspection looked back on (its
 * statistics are published in the autumn, after the judgement), not with those of the year to March 2015, ten
 * months of them after the judgement (and after what a poor judgement sets in motion).
 * Until round 14 the importer took the year containing the date, one year later than the analysis says it uses:
 * `analyse` on the official folder set each ILACS judgement beside the indicators of the year after it.
 * @example
 * ofstedPeriod("2014-06-30") // 2014
 * ofstedPeriod("2015-03-31") // 2015
 * ofstedPeriod("2015-03-30") // 2014
 */
export function ofstedPeriod(isoDate: string): number {
  return yearEndingMarchOnOrBefore(isoDate);
}

/**
 * Grade of a published judgement label.
 * @returns 1–4, null for a "no judgement" cell, undefined for an unknown label
 * @example
 * ofstedGrade("Requires improvement to be good") // 3
 */
export function ofstedGrade(label: string): number | null | undefined {
  const k = label.trim().toLowerCase().replace(/\s+/g, " ");
  if (OFSTED_NO_JUDGEMENT.includes(k)) return null;
  return Object.prototype.hasOwnProperty.call(OFSTED_GRADES, k) ? OFSTED_GRADES[k] : undefined;
}

/**
 * A judgement label as written to outcomes.csv: the scale's words in sentence case, spaces collapsed. Labels are
 * matched case- and space-insensitively ({@link ofstedGrade}); written as found, "outstanding " gave a label no
 * other row has. Every official label is already so (the output is unchanged).
 * @example
 * canonicalLabel(" requires  Improvement to be good") // "Requires improvement to be good"
 */
function canonicalLabel(label: string): string {
  const k = norm(label).toLowerCase();
  return k.charAt(0).toUpperCase() + k.slice(1);
}

/** SIF columns of LA_inspections_2009-2023 (header text after whitespace normalisation) → outcome ids. */
const SIF_BLOCKS: readonly { date: string; judgements: Readonly<Record<string, string>> }[] = [
  {
    date: "Single Inspection of LA Children's Services (SIF) First SIF publication date",
    judgements: {
      "First SIF Overall Judgement (OE)": "ofsted_sif_overall",
      "First SIF children who need help and protection": "ofsted_sif_help_protection",
      "First SIF children looked after and achieving permanence": "ofsted_sif_looked_after",
      "First SIF CLA Sub: Adoption Performance": "ofsted_sif_adoption",
      "First SIF CLA Sub: Experiences and progress of care leavers": "ofsted_sif_care_leavers",
      "First SIF leadership, management and governance": "ofsted_sif_leadership",
      "LSCB Overall Effectiveness": "ofsted_sif_lscb",
    },
  },
  {
    date: "Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date",
    judgements: {
      "SIF Re-inspection Overall Judgement (OE)": "ofsted_sif_overall",
      "SIF Re-inspection children who need help and protection": "ofsted_sif_help_protection",
      "SIF Re-inspection children looked after and achieving permanence": "ofsted_sif_looked_after",
      "SIF Re-inspection CLA Sub: Adoption Performance": "ofsted_sif_adoption",
      "SIF Re-inspection CLA Sub: Experiences and progress of care leavers": "ofsted_sif_care_leavers",
      "SIF Re-inspection leadership, management and governance": "ofsted_sif_leadership",
    },
  },
];

const ILACS_COLUMNS: Readonly<Record<string, string>> = {
  "Overall effectiveness": "ofsted_ilacs_overall",
  "The impact of leaders on social work practice with children and families": "ofsted_ilacs_leadership",
  "The experiences and progress of children who need help and protection": "ofsted_ilacs_help_protection",
  "The experiences and progress of children in care": "ofsted_ilacs_in_care",
  "The experiences and progress of care leavers": "ofsted_ilacs_care_leavers",
};

export const SIF_SHEET = "LA_inspections_2009-2023";
export const ILACS_SHEET = "ILACS_inspection_history";

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

/** The cover sheet of the ILACS workbook, whose "Published on:" row dates the workbook. */
const COVER_SHEET = "Cover";

/**
 * The sheets {@link importOfstedOds} reads from an Ofsted workbook with these sheet names (the ODS prefetch reads
 * the same ones, ./ods-prefetch.ts): the SIF history; or the ILACS history and, when there is one, the cover.
 * @example
 * ofstedSheetsWanted(["Cover", "Notes", "ILACS_inspection_history"]) // ["Cover", "ILACS_inspection_history"]
 */
export function ofstedSheetsWanted(sheetNames: readonly string[]): string[] {
  const kind = detectOfstedWorkbook(sheetNames);
  if (kind === undefined) return [];
  if (kind === "sif-history") return [SIF_SHEET];
  return sheetNames.includes(COVER_SHEET) ? [COVER_SHEET, ILACS_SHEET] : [ILACS_SHEET];
}

/**
 * The first day of ILACS (Inspections of Local Authority Children's Services): the framework began in January 2018
 * (the workbook's Notes: "introduced in 2018"); the official history's first inspection is 2018-01-29.
 */
export const ILACS_START = "2018-01-01";

/**
 * Whether an ISO yyyy-mm-dd text is a day of the calendar: ISO_DATE's pattern let "2023-02-30" through, into the
 * label of a fuzzed workbook.
 * @example
 * isCalendarDate("2024-02-29") // true; isCalendarDate("2023-02-30") // false
 */
export function isCalendarDate(iso: string): boolean {
  if (!ISO_DATE.test(iso)) return false;
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Why an ILACS inspection or publication date cannot be one (undefined: it can): not a calendar date, before
 * ILACS began ({@link ILACS_START}), or after the workbook was published (its cover's date, when it has one). A
 * fuzzed workbook "as at 31 March 2025", published 2025-09-25, had a 2099 inspection stored (period 2098), and
 * 1900-01-01 was taken as it was.
 * @example
 * ilacsDateProblem("2099-01-10", "2025-09-25") // "a date from 2018-01-01 (ILACS began in 2018) to 2025-09-25 (the workbook's publication date, Cover)"
 */
export function ilacsDateProblem(iso: string, publishedOn: string | undefined): string | undefined {
  const range = `a date from ${ILACS_START} (ILACS began in 2018)${publishedOn === undefined ? "" : ` to ${publishedOn} (the workbook's publication date, ${COVER_SHEET})`}`;
  if (!isCalendarDate(iso)) return `a calendar date (yyyy-mm-dd), ${range}`;
  if (iso < ILACS_START || (publishedOn !== undefined && iso > publishedOn)) return range;
  return undefined;
}

/**
 * The workbook's publication date from its cover sheet's "Published on:" row (undefined: no cover, no such row,
 * or not a calendar date there: the dates are then checked without an upper bound, and the log says so).
 */
function coverPublicationDate(cover: SheetRows | undefined): string | undefined {
  const row = cover?.rows.find((r) => norm(r[0] ?? "").toLowerCase() === "published on:");
  const date = norm(row?.[1] ?? "");
  return isCalendarDate(date) ? date : undefined;
}

/**
 * Which Ofsted workbook an .ods is, by its sheet names (undefined if neither).
 * @example
 * detectOfstedWorkbook(["Cover", "ILACS_inspection_history"]) // "ilacs-history"
 */
export function detectOfstedWorkbook(sheetNames: readonly string[]): "sif-history" | "ilacs-history" | undefined {
  if (sheetNames.includes(SIF_SHEET)) return "sif-history";
  if (sheetNames.includes(ILACS_SHEET)) return "ilacs-history";
  return undefined;
}

/**
 * Import an Ofsted outcomes workbook (.ods): SIF history or ILACS history, detected by sheet name.
 * @throws DataError for a non-ODS or a workbook with neither sheet; DataErrors for unknown labels,
 *   bad dates, unmatched LA names or codes and duplicate (LA, outcome, date) rows
 * @example
 * importOfstedOds(fs.readFileSync("LA_Inspection_Outcomes_as_at_31_March_2025.ods"), "outcomes.ods", areas, log).length
 */
export function importOfstedOds(bytes: Uint8Array, file: string, areas: AreaIndex, log: ImportLog): OutcomeRow[] {
  let names: readonly string[] = [];
  let kind: ReturnType<typeof detectOfstedWorkbook>;
  const sheets = readOdsSheets(bytes, file, (all) => {
    names = all;
    kind = detectOfstedWorkbook(all);
    return ofstedSheetsWanted(all);
  });
  const sheet = sheets.find((s) => s.name === SIF_SHEET || s.name === ILACS_SHEET);
  if (kind === undefined || sheet === undefined) throw new DataError({ file, expected: `an Ofsted workbook with a sheet ${SIF_SHEET} or ${ILACS_SHEET}` });
  const skipped = names.filter((n) => n !== sheet.name);
  log.add({ action: "skipped-file", file, rule: "sheets not imported (cover, notes, snapshots and summaries of the imported history)", value: skipped.join(", "), count: skipped.length });
  if (kind === "sif-history") return importSifHistory(sheet, file, areas, log);
  const publishedOn = coverPublicationDate(sheets.find((s) => s.name === COVER_SHEET));
  if (publishedOn === undefined) log.add({ action: "warning", file, rule: `no "Published on:" date on a ${COVER_SHEET} sheet: ILACS dates checked from ${ILACS_START} with no latest date`, column: COVER_SHEET });
  return importIlacsHistory(sheet, file, areas, log, publishedOn);
}

function findHeaderRows(sheet: SheetRows, first: string): number[] {
  const out: number[] = [];
  sheet.rows.forEach((r, i) => {
    if (r.length > 1 && norm(r[0]) === first && r.length > 5) out.push(i);
  });
  return out;
}

function importSifHistory(sheet: SheetRows, file: string, areas: AreaIndex, log: ImportLog): OutcomeRow[] {
  const headers = findHeaderRows(sheet, "Web link");
  if (headers.length === 0) throw new DataError({ file, sheet: sheet.name, expected: 'a header row starting with "Web link"' });
  const errors: DataError[] = [];
  const out: OutcomeRow[] = [];
  const seen = new Map<string, number>();
  let otherFrameworks = 0;
  let dashCells = 0;
  headers.forEach((h, t) => {
    const header = sheet.rows[h].map(norm);
    const col = (name: string) => header.indexOf(norm(name));
    const nameCol = col("Local authority name");
    if (nameCol < 0) {
      errors.push(new DataError({ file, sheet: sheet.name, row: h, column: "Local authority name", expected: "a column named Local authority name" }));
      return;
    }
    for (const b of SIF_BLOCKS) {
      for (const c of [b.date, ...Object.keys(b.judgements)]) {
        if (col(c) < 0) errors.push(new DataError({ file, sheet: sheet.name, row: h, column: c, expected: `a column named "${c}"` }));
      }
    }
    if (errors.length > 0) return;
    const end = t + 1 < headers.length ? headers[t + 1] : sheet.rows.length;
    const beforeRestructure = t > 0; // the second table lists LAs that existed before a restructure
    for (let i = h + 1; i < end; i++) {
      const r = sheet.rows[i];
      const name = norm(r[nameCol] ?? "");
      if (name === "" || r.length <= 2) continue;
      const candidates = areas.byName(name);
      let laCode: string | undefined;
      if (candidates.length === 1) laCode = candidates[0];
      else if (candidates.length > 1) {
        const pick = candidates.filter((c) => (areas.get(c)?.last_period !== null) === beforeRestructure);
        laCode = pick.length === 1 ? pick[0] : undefined;
      }
      if (laCode === undefined) {
        errors.push(new DataError({ file, sheet: sheet.name, row: i, column: "Local authority name", value: name, expected: "an LA name that matches exactly one area" }));
        continue;
      }
      otherFrameworks += r.slice(4, col(SIF_BLOCKS[0].date)).filter((c) => c.trim() !== "").length;
      for (const b of SIF_BLOCKS) {
        const date = (r[col(b.date)] ?? "").trim();
        const cells = Object.entries(b.judgements).map(([c, id]) => ({ c, id, label: norm(r[col(c)] ?? "") }));
        if (date === "" || date === "-") {
          dashCells += (date === "-" ? 1 : 0) + cells.filter((x) => x.label.trim() === "-").length;
          const stray = cells.filter((x) => ofstedGrade(x.label) !== null);
          for (const x of stray) errors.push(new DataError({ file, sheet: sheet.name, row: i, column: x.c, value: x.label, expected: "a publication date for this judgement" }));
          continue;
        }
        if (!isCalendarDate(date)) {
          errors.push(new DataError({ file, sheet: sheet.name, row: i, column: b.date, value: date, expected: "an ISO date (a date cell) of the calendar" }));
          continue;
        }
        for (const x of cells) {
          if (x.label.trim() === "-") dashCells++;
          const grade = ofstedGrade(x.label);
          if (grade === undefined) {
            errors.push(new DataError({ file, sheet: sheet.name, row: i, column: x.c, value: x.label, expected: "Outstanding, Good, Requires improvement (to be good), Adequate, Inadequate or blank" }));
            continue;
          }
          if (grade === null) continue;
          const key = `${laCode}|${x.id}|${date}`;
          if (seen.has(key)) {
            errors.push(new DataError({ file, sheet: sheet.name, row: i, column: x.c, value: `${name} ${date}`, expected: `one judgement per LA, outcome and date (also row ${seen.get(key)})` }));
            continue;
          }
          seen.set(key, i);
          out.push({ la_code: laCode, outcome: x.id, value: grade, label: `${canonicalLabel(x.label)} [SIF]`, date, period: ofstedPeriod(date) });
        }
      }
    }
  });
  if (errors.length > 0) throw new DataErrors(errors, `importOfstedOds(${path.basename(file)})`);
  if (otherFrameworks > 0) log.add({ action: "dropped", file, rule: "pre-2013 frameworks (SLAC, CPI, CPRI, TLAC) not imported: not SIF or ILACS", count: otherFrameworks });
  log.add({ action: "skipped-file", file, rule: "ILACS columns of the 2023 workbook not imported: superseded by the 2025 ILACS inspection history", count: 1 });
  if (dashCells > 0) log.add({ action: "dropped", file, rule: 'SIF cells marked "-" (no judgement given) not imported', count: dashCells });
  return out;
}

function importIlacsHistory(sheet: SheetRows, file: string, areas: AreaIndex, log: ImportLog, publishedOn: string | undefined): OutcomeRow[] {
  const headers = findHeaderRows(sheet, "Web link");
  if (headers.length === 0) throw new DataError({ file, sheet: sheet.name, expected: 'a header row starting with "Web link"' });
  const h = headers[0];
  const header = sheet.rows[h].map(norm);
  const col = (name: string) => header.indexOf(norm(name));
  const errors: DataError[] = [];
  const required = ["Local authority area code", "Local authority name", "Inspection date", "Publication date", "Inspection type", ...Object.keys(ILACS_COLUMNS)];
  for (const c of required) if (col(c) < 0) errors.push(new DataError({ file, sheet: sheet.name, row: h, column: c, expected: `a column named "${c}"` }));
  if (errors.length > 0) throw new DataErrors(errors, `importOfstedOds(${path.basename(file)})`);
  const out: OutcomeRow[] = [];
  const seen = new Map<string, number>();
  for (let i = h + 1; i < sheet.rows.length; i++) {
    const r = sheet.rows[i];
    if (r.every((c) => c.trim() === "")) continue;
    const get = (c: string) => norm(r[col(c)] ?? "");
    const code = get("Local authority area code");
    const res = areas.resolve("", code);
    if (res === undefined) {
      errors.push(new DataError({ file, sheet: sheet.name, row: i, column: "Local authority area code", value: code, expected: "an LA code in the areas table" }));
      continue;
    }
    if (res.recoded) log.add({ action: "recoded", file, rule: "ONS code replaced by the LA's canonical (latest) code", row: i, value: `${code} → ${res.laCode}` });
    const date = get("Publication date");
    const inspected = get("Inspection date");
    if (!ISO_DATE.test(date)) {
      errors.push(new DataError({ file, sheet: sheet.name, row: i, column: "Publication date", value: date, expected: "an ISO date (a date cell)" }));
      continue;
    }
    // a blank inspection date is left out of the label; any other that is not a date cell was left out too, without a word
    if (inspected !== "" && !ISO_DATE.test(inspected)) {
      errors.push(new DataError({ file, sheet: sheet.name, row: i, column: "Inspection date", value: inspected, expected: "an ISO date (a date cell: a number or a text that reads as a date is not one; enter it as a date)" }));
      continue;
    }
    const problem = ilacsDateProblem(date, publishedOn);
    if (problem !== undefined) {
      errors.push(new DataError({ file, sheet: sheet.name, row: i, column: "Publication date", value: date, expected: problem }));
      continue;
    }
    const inspectedProblem = inspected === "" ? undefined : ilacsDateProblem(inspected, publishedOn);
    if (inspectedProblem !== undefined) {
      errors.push(new DataError({ file, sheet: sheet.name, row: i, column: "Inspection date", value: inspected, expected: inspectedProblem }));
      continue;
    }
    if (inspected > date) {
      errors.push(new DataError({ file, sheet: sheet.name, row: i, column: "Inspection date", value: inspected, expected: `an inspection date on or before the publication date (${date}): a report is published after its inspection` }));
      continue;
    }
    const suffix = ` [${get("Inspection type") || "ILACS"}${inspected !== "" ? `; inspected ${inspected}` : ""}]`;
    for (const [c, id] of Object.entries(ILACS_COLUMNS)) {
      const label = get(c);
      const grade = ofstedGrade(label);
      if (grade === undefined) {
        errors.push(new DataError({ file, sheet: sheet.name, row: i, column: c, value: label, expected: "Outstanding, Good, Requires improvement to be good, Inadequate or blank" }));
        continue;
      }
      if (grade === null) continue;
      const key = `${res.laCode}|${id}|${date}`;
      if (seen.has(key)) {
        errors.push(new DataError({ file, sheet: sheet.name, row: i, column: c, value: `${code} ${date}`, expected: `one judgement per LA, outcome and date (also row ${seen.get(key)})` }));
        continue;
      }
      seen.set(key, i);
      out.push({ la_code: res.laCode, outcome: id, value: grade, label: `${canonicalLabel(label)}${suffix}`, date, period: ofstedPeriod(date) });
    }
  }
  if (errors.length > 0) throw new DataErrors(errors, `importOfstedOds(${path.basename(file)})`);
  return out;
}
