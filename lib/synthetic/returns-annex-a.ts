/**
 * Seeded synthetic Ofsted Annex A workbooks (xlsx, written with fflate) for one collection year per LA, with the
 * LA-level figures the generated rows imply worked out here from the generator's own model and calendar (not
 * with lib/returns): List 3 referrals (some re-referrals within a year), List 4 assessments (authorised a known
 * number of working days after they start), List 7 child protection plans (previous plans, repeat plans), List 8
 * children looked after (short-break series, ceasing on 31 March) and List 9 care leavers (ages 17–22, codes as
 * the template writes them, blanks). Dates are written both as date-formatted cells and as dd/mm/yyyy text, and
 * some lists have a title row above the header, as LA exports do.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { strToU8, zipSync } from "fflate";
import { makeFolders } from "../data/atomic-write";
import { columnLetters } from "../data/import/spreadsheet/xlsx";
import { createRng, type Rng } from "../stats/random";
import { afterWorkingDays, dateOf, day, ukDate } from "./returns-calendar";
import type { ExpectedFigure } from "./returns-figures";

/** Days from 1899-12-30 (Excel's day 0) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;
/** Assessment timeliness limit the figures use (Working Together: 45 working days). */
const ASSESSMENT_LIMIT_WORKING_DAYS = 45;

/** A cell: text, or a day number written as a date-formatted serial. */
type Cell = string | { date: number };

/** One sheet: an optional title row, the header, the data rows. */
export interface SyntheticSheet {
  name: string;
  title?: string;
  header: string[];
  rows: Cell[][];
}

/** Sizes of one LA's workbook. */
export interface AnnexASpec {
  la: string;
  referralChildren: number;
  assessments: number;
  planChildren: number;
  lookedAfter: number;
  careLeavers: number;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.nextInt(xs.length)];
const between = (rng: Rng, lo: number, hi: number) => lo + rng.nextInt(hi - lo + 1);

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function sheetXml(sheet: SyntheticSheet): string {
  const lines = [...(sheet.title === undefined ? [] : [[sheet.title] as Cell[]]), sheet.header as Cell[], ...sheet.rows];
  const rows = lines.map((cells, r) => {
    const cs = cells.map((c, k) => {
      const ref = `${columnLetters(k)}${r + 1}`;
      if (typeof c === "string") return c === "" ? "" : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(c)}</t></is></c>`;
      return `<c r="${ref}" s="1"><v>${c.date + EXCEL_EPOCH_OFFSET}</v></c>`;
    });
    return `<row r="${r + 1}">${cs.join("")}</row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
}

/**
 * The bytes of an xlsx workbook with the given sheets (inline strings; style 1 is the built-in date format 14).
 * @example
 * fs.writeFileSync("a.xlsx", xlsxBytes([{ name: "List 3", header: ["Child Unique ID"], rows: [["1"]] }]))
 */
export function xlsxBytes(sheets: readonly SyntheticSheet[]): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`,
    ),
    "_rels/.rels": strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} xmlns:r="${rel}"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rId${sheets.length + 1}" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ),
    "xl/styles.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><styleSheet ${ns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s))));
  return zipSync(files, { mtime: new Date(Date.UTC(2020, 0, 1)) });
}

/** The collection year's first and last day (1 April year−1, 31 March year). */
function yearBounds(year: number): { start: number; end: number } {
  return { start: day(year - 1, 4, 1), end: day(year, 3, 31) };
}

const figure = (la: string, year: number, indicator: string, numerator: number, denominator: number | null): ExpectedFigure => ({ la_code: la, period: year, indicator, numerator, denominator });

/** List 3: each child 1–3 referrals from six months before the year to its end, a re-referral share within a year. */
function referralsList(rng: Rng, spec: AnnexASpec, year: number): { sheet: SyntheticSheet; figures: ExpectedFigure[] } {
  const { start, end } = yearBounds(year);
  const rows: Cell[][] = [];
  let inYear = 0;
  let rereferrals = 0;
  for (let c = 0; c < spec.referralChildren; c++) {
    let d = between(rng, start - 180, end);
    let prev: number | null = null;
    for (let k = between(rng, 1, 3); k > 0 && d <= end; k--) {
      rows.push([`R${c}`, pick(rng, ["a) Male", "b) Female"]), c % 2 === 0 ? { date: d } : ukDate(d), pick(rng, ["a) Yes", "b) No"]), "0", "Team A", "Worker 1"]);
      if (d >= start) {
        inYear++;
        if (prev !== null && d - prev >= 1 && d - prev <= 365) rereferrals++;
      }
      prev = d;
      d += rng.nextFloat() < 0.4 ? between(rng, 1, 400) : between(rng, 366, 700);
    }
  }
  const header = ["Child Unique ID", "Gender", "Date of referral", "Referral NFA?", "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"];
  return { sheet: { name: "List 3 - Referrals", header, rows }, figures: [figure(spec.la, year, "cin_referrals_count", inYear, null), figure(spec.la, year, "cin_rereferral_pct", rereferrals, inYear)] };
}

/** List 4: assessments authorised a drawn number of working days after they start (some still open). */
function assessmentsList(rng: Rng, spec: AnnexASpec, year: number): { sheet: SyntheticSheet; figures: ExpectedFigure[] } {
  const { start, end } = yearBounds(year);
  const rows: Cell[][] = [];
  let authorisedInYear = 0;
  let timely = 0;
  for (let a = 0; a < spec.assessments; a++) {
    const begun = between(rng, start - 90, end);
    const workingDays = between(rng, 5, 70);
    const authorised = rng.nextFloat() < 0.1 ? null : afterWorkingDays(begun, workingDays);
    rows.push([`A${a}`, pick(rng, ["a) Yes", "b) No", "c) Unknown"]), { date: begun }, pick(rng, ["a) Yes", "b) No"]), authorised === null ? "" : ukDate(authorised), "b) No", "Team B", "Worker 2"]);
    if (authorised !== null && authorised >= start && authorised <= end) {
      authorisedInYear++;
      if (workingDays <= ASSESSMENT_LIMIT_WORKING_DAYS) timely++;
    }
  }
  const header = ["Child Unique ID", "Does the Child have a Disability", "Continuous Assessment Start Date", "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation", "Was the child assessed as requiring LA children's social care support?", "Allocated Team", "Allocated Worker"];
  return { sheet: { name: "List 4", title: "List 4 - Assessments", header, rows }, figures: [figure(spec.la, year, "lait_continue_assess_comp", timely, authorisedInYear)] };
}

/** List 7: one or two plans per child; NumberOfPrevious drawn for the first, and one more for the second. */
function plansList(rng: Rng, spec: AnnexASpec, year: number): { sheet: SyntheticSheet; figures: ExpectedFigure[] } {
  const { start, end } = yearBounds(year);
  const rows: Cell[][] = [];
  let plans = 0;
  let second = 0;
  for (let c = 0; c < spec.planChildren; c++) {
    const first = between(rng, start - 300, end);
    const previous = pick(rng, [0, 0, 0, 1, 2]);
    const firstEnd = rng.nextFloat() < 0.5 ? null : first + between(rng, 30, 300);
    const starts: { s: number; e: number | null; prev: number; earlier: boolean }[] = [{ s: first, e: firstEnd, prev: previous, earlier: false }];
    if (firstEnd !== null && firstEnd + 30 <= end && rng.nextFloat() < 0.3) starts.push({ s: between(rng, firstEnd + 1, end), e: null, prev: 0, earlier: true }); // the list's own history says second time
    for (const p of starts) {
      rows.push([`P${c}`, "a) Neglect", { date: p.s }, p.e === null ? "" : { date: p.e }, String(p.prev), "Team C", "Worker 3"]);
      if (p.s >= start && p.s <= end) {
        plans++;
        if (p.prev >= 1 || p.earlier) second++;
      }
    }
  }
  const header = ["Child Unique ID", "Initial Category of Abuse", "Child Protection Plan Start Date", "Child Protection Plan End Date", "Number of Previous Child Protection Plans", "Allocated Team", "Allocated Worker"];
  return { sheet: { name: "List 7", header, rows }, figures: [figure(spec.la, year, "cpp_second_time_pct", second, plans)] };
}

/** List 8: children looked after in the year; some short-break series, some ceasing on or after 31 March. */
function lookedAfterList(rng: Rng, spec: AnnexASpec, year: number): { sheet: SyntheticSheet; figures: ExpectedFigure[] } {
  const { start, end } = yearBounds(year);
  const rows: Cell[][] = [];
  let at31March = 0;
  for (let c = 0; c < spec.lookedAfter; c++) {
    const started = between(rng, start - 1500, end);
    const u = rng.nextFloat();
    const ceased = u < 0.5 ? null : u < 0.55 ? end : Math.max(started, between(rng, start, end));
    const status = rng.nextFloat() < 0.06 ? pick(rng, ["V3: Short term breaks, episodes recorded", "V4"]) : pick(rng, ["C2: FCO", "C1: ICO", "V2: Single period under S20", "E1"]);
    rows.push([`L${c}`, "a) Male", ukDate(started), status, "2", ceased === null ? "" : { date: ceased }, "f) U6: Foster placement - not FFA"]);
    if (!/^V[34]/.test(status) && started <= end && (ceased === null || ceased > end)) at31March++;
  }
  const header = ["Child Unique ID", "Gender", "Date Started to be Looked After", "Child's Legal Status", "Number of Placements in the Last 12 months", "Date Ceased to be Looked After", "Placement Type"];
  return { sheet: { name: "List 8 - Children looked after", header, rows }, figures: [figure(spec.la, year, "cla_31mar_count", at31March, null)] };
}

const IN_TOUCH = ["a) Yes", "Yes", "b) No", "c) Died", "d) Refu", "e) NREQ", "f) Rhom"] as const;
const ACTIVITY = ["F1: Full time in higher education", "P2: Part time in education other than higher", "F5", "G4: Not in education, employment or training - illness or disability", "G6", ""] as const;
const SUITABILITY = ["a) Suitable", "Suitable", "b) Unsuitable", ""] as const;

/** List 9: care leavers aged 17–22 on their birthday in the year, codes as the template writes them. */
function careLeaversList(rng: Rng, spec: AnnexASpec, year: number): { sheet: SyntheticSheet; figures: ExpectedFigure[] } {
  const rows: Cell[][] = [];
  let cohort = 0;
  let eet = 0;
  let suitable = 0;
  for (let c = 0; c < spec.careLeavers; c++) {
    const ageTurned = between(rng, 17, 22);
    const month = between(rng, 1, 12);
    const birthdayYear = month >= 4 ? year - 1 : year; // the birthday falls in 1 April year−1 … 31 March year
    const dob = day(birthdayYear - ageTurned, month, between(rng, 1, 28));
    const inTouch = pick(rng, IN_TOUCH);
    const activity = pick(rng, ACTIVITY);
    const suitability = pick(rng, SUITABILITY);
    rows.push([`C${c}`, { date: dob }, "a) Former relevant child", inTouch, pick(rng, ["D: Semi-independent", "E: Supported lodgings", ""]), suitability, activity]);
    const birthYear = dateOf(dob).y;
    const age = (dateOf(dob).m >= 4 ? year - 1 : year) - birthYear;
    if (age < 19 || age > 21 || /Died|Rhom/.test(inTouch)) continue;
    cohort++;
    if (/^[FP][1-5]/.test(activity)) eet++;
    if (/^(a\) )?Suitable$/.test(suitability)) suitable++;
  }
  const header = ["Child Unique ID", "Date of Birth", "Eligibility Category", "LA in Touch", "Type of Accommodation", "Suitability of Accommodation", "Activity Status"];
  return {
    sheet: { name: "List 9", title: "List 9: Care leavers", header, rows },
    figures: [figure(spec.la, year, "care_leavers_eet_19_21_pct", eet, cohort), figure(spec.la, year, "care_leavers_suitable_accom_19_21_pct", suitable, cohort)],
  };
}

/**
 * Write one Annex A workbook per LA to `dir/<LA>/<year-1>-<yy>/annex_a.xlsx` for collection year `year`.
 * @returns the figures the generated rows imply (counts behind rates have a null denominator)
 * @example
 * const figures = writeSyntheticAnnexA("/tmp/annex", { seed: 3, year: 2023, las: [{ la: "E09000001", referralChildren: 200, assessments: 150, planChildren: 60, lookedAfter: 120, careLeavers: 80 }] });
 */
export function writeSyntheticAnnexA(dir: string, options: { seed: number; year: number; las: readonly AnnexASpec[] }): ExpectedFigure[] {
  const rng = createRng(options.seed);
  const figures: ExpectedFigure[] = [];
  for (const spec of options.las) {
    const parts = [referralsList, assessmentsList, plansList, lookedAfterList, careLeaversList].map((make) => make(rng, spec, options.year));
    const list1: SyntheticSheet = { name: "List 1", header: ["Child Unique ID", "Gender", "Date of Contact"], rows: [["X1", "a) Male", { date: day(options.year - 1, 6, 1) }]] };
    const folder = path.join(dir, spec.la, `${options.year - 1}-${String(options.year % 100).padStart(2, "0")}`);
    makeFolders(folder);
    fs.writeFileSync(path.join(folder, "annex_a.xlsx"), xlsxBytes([list1, ...parts.map((p) => p.sheet)]));
    for (const p of parts) figures.push(...p.figures);
  }
  return figures;
}
