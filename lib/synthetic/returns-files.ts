/**
 * Write a seeded synthetic returns data set: for each LA and collection year, the SSDA903 tables as LAs
 * export them (Header, Episodes, Missing, OC2, OC3) and a CIN census XML file, laid out as
 * `DIR/<ONS LA code>/<year>/…`; beside them `population.csv` (child population by LA and year) and
 * `expected-figures.csv`, the LA-level figures the event model implies (returns-figures.ts), with
 * `README.md` saying how it was made. Every year's files hold what that year's return would: the episodes,
 * referrals, assessments and plans open at any time in the year, with end dates after 31 March left blank.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeFolders } from "../data/atomic-write";
import { formatCsv } from "../data/csv";
import { InputError } from "../errors";
import { createRng } from "../stats/random";
import { day, isoDay, ukDate } from "./returns-calendar";
import { cinFigures, claFigures, type ExpectedFigure } from "./returns-figures";
import { oc2Cohort, simulateLa, type SynthLa, type SynthLaSpec } from "./returns-model";

/** Options of {@link writeSyntheticReturns}. */
export interface SyntheticReturnsOptions {
  seed: number;
  las: readonly SynthLaSpec[];
  firstYear: number;
  lastYear: number;
}

/** Default LAs of the synthetic set (City of London's and two London boroughs' codes; synthetic data only). */
export const DEFAULT_SYNTHETIC_RETURNS_LAS: readonly SynthLaSpec[] = [
  { la: "E09000002", lookedAfterChildren: 400, cinChildren: 1200, careLeaversPerYear: 60 },
  { la: "E09000003", lookedAfterChildren: 250, cinChildren: 700, careLeaversPerYear: 35 },
  { la: "E06000001", lookedAfterChildren: 120, cinChildren: 300, careLeaversPerYear: 12 },
];

const csvText = (header: readonly string[], rows: readonly (readonly string[])[]) => [header.join(","), ...rows.map((r) => r.join(","))].join("\n") + "\n";

function overlaps(start: number, end: number | null, yearStart: number, yearEnd: number): boolean {
  return start <= yearEnd && (end === null || end >= yearStart);
}

/** Write the SSDA903 tables of one LA and year. */
function writeSsda903Year(dir: string, la: SynthLa, year: number): void {
  const S = day(year - 1, 4, 1);
  const E = day(year, 3, 31);
  const header: string[][] = [];
  const episodes: string[][] = [];
  const missing: string[][] = [];
  for (const c of la.children) {
    const eps = c.periods.flatMap((p) => p.episodes).filter((e) => overlaps(e.start, e.end, S, E));
    if (eps.length === 0) continue;
    header.push([c.id, c.sex, ukDate(c.dob), "WBRI", "", "", ""]);
    for (const e of eps) {
      const ended = e.end !== null && e.end <= E;
      episodes.push([c.id, ukDate(e.start), e.rne, e.ls, "N1", e.place, "PR1", ended ? ukDate(e.end!) : "", ended ? e.rec : "", "", "", "", ""]);
    }
    for (const m of c.missing) {
      if (m.start < S || m.start > E) continue;
      missing.push([c.id, ukDate(c.dob), m.kind, ukDate(m.start), m.end !== null && m.end <= E ? ukDate(m.end) : ""]);
    }
  }
  const oc3 = la.careLeavers.filter((l) => l.year === year).map((l) => [l.id, ukDate(l.dob), l.inTouch, l.activity, l.accommodation]);
  fs.writeFileSync(path.join(dir, "header.csv"), csvText(["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"], header));
  fs.writeFileSync(
    path.join(dir, "episodes.csv"),
    csvText(["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"], episodes),
  );
  fs.writeFileSync(path.join(dir, "missing.csv"), csvText(["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"], missing));
  const oc2 = oc2Cohort(la, year).map((o) => [o.child.id, ukDate(o.child.dob), "", "", o.convicted, "1", "1", "1", "1", o.substanceMisuse, "", ""]);
  fs.writeFileSync(
    path.join(dir, "oc2.csv"),
    csvText(["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"], oc2),
  );
  fs.writeFileSync(path.join(dir, "oc3.csv"), csvText(["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], oc3));
}

/** Write the CIN census of one LA and year, as a stream of lines. */
function writeCinYear(file: string, la: SynthLa, year: number): void {
  const S = day(year - 1, 4, 1);
  const E = day(year, 3, 31);
  const fd = fs.openSync(file, "w");
  const out: string[] = [];
  const flush = () => {
    fs.writeSync(fd, out.join(""));
    out.length = 0;
  };
  const el = (name: string, v: string) => (v === "" ? `<${name}/>` : `<${name}>${v}</${name}>`);
  try {
    out.push(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header><CollectionDetails><Collection>CIN</Collection><Year>${year}</Year>` +
        `<ReferenceDate>${isoDay(E)}</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>000</LEA></Source></Header>\n<Children>\n`,
    );
    for (const c of la.cin) {
      const refs = c.referrals.filter((r) => overlaps(r.date, r.closure, S, E));
      if (refs.length === 0) continue;
      out.push(`<Child><ChildIdentifiers>${el("LAchildID", c.id)}${el("PersonBirthDate", isoDay(c.dob))}</ChildIdentifiers>`);
      for (const r of refs) {
        const closed = r.closure !== null && r.closure <= E;
        out.push(`<CINdetails>${el("CINreferralDate", isoDay(r.date))}${el("ReferralNFA", r.nfa ? "1" : "0")}${el("CINclosureDate", closed ? isoDay(r.closure!) : "")}`);
        const a = r.assessment;
        if (a && a.start <= E) {
          const done = a.authorised !== null && a.authorised <= E;
          out.push(`<Assessments>${el("AssessmentActualStartDate", isoDay(a.start))}${el("AssessmentAuthorisationDate", done ? isoDay(a.authorised!) : "")}</Assessments>`);
        }
        const p = r.plan;
        if (p && p.start <= E) {
          const ended = p.end !== null && p.end <= E;
          out.push(`<ChildProtectionPlans>${el("CPPstartDate", isoDay(p.start))}${el("CPPendDate", ended ? isoDay(p.end!) : "")}${el("NumberOfPreviousCPP", String(p.previousPlans))}</ChildProtectionPlans>`);
        }
        out.push(`</CINdetails>`);
      }
      out.push(`</Child>\n`);
      if (out.length > 4096) flush();
    }
    out.push(`</Children>\n</Message>\n`);
    flush();
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Generate and write the synthetic returns; returns the expected figures it wrote.
 * @throws InputError when the years are not 2013 ≤ firstYear ≤ lastYear ≤ 2027 (the bank-holiday table's span)
 * @example
 * writeSyntheticReturns("/tmp/returns", { seed: 20, las: DEFAULT_SYNTHETIC_RETURNS_LAS, firstYear: 2021, lastYear: 2023 });
 */
export function writeSyntheticReturns(dir: string, options: SyntheticReturnsOptions): ExpectedFigure[] {
  const { seed, firstYear, lastYear } = options;
  if (!(Number.isInteger(firstYear) && Number.isInteger(lastYear) && firstYear >= 2013 && firstYear <= lastYear && lastYear <= 2027)) {
    throw new InputError("writeSyntheticReturns", "years must satisfy 2013 <= firstYear <= lastYear <= 2027", `${firstYear}–${lastYear}`);
  }
  const rng = createRng(seed);
  const figures: ExpectedFigure[] = [];
  const population: { la_code: string; period: number; population: number }[] = [];
  makeFolders(dir);
  for (const spec of options.las) {
    const la = simulateLa(rng, spec, firstYear, lastYear);
    for (let year = firstYear; year <= lastYear; year++) {
      const yearDir = path.join(dir, spec.la, String(year));
      makeFolders(yearDir);
      writeSsda903Year(yearDir, la, year);
      writeCinYear(path.join(yearDir, "cin_census.xml"), la, year);
      figures.push(...claFigures(la, year), ...cinFigures(la, year));
      population.push({ la_code: spec.la, period: year, population: 20000 + rng.nextInt(60000) });
    }
  }
  fs.writeFileSync(path.join(dir, "population.csv"), formatCsv(population, ["la_code", "period", "population"]));
  fs.writeFileSync(path.join(dir, "expected-figures.csv"), formatCsv(figures.map((f) => ({ ...f })), ["la_code", "period", "indicator", "numerator", "denominator"]));
  fs.writeFileSync(
    path.join(dir, "README.md"),
    `# Synthetic LA returns (not real children)\n\nGenerated by lib/synthetic/returns-files.ts with seed ${seed}, collection years ${firstYear}–${lastYear}, ` +
      `LAs ${options.las.map((l) => l.la).join(", ")}.\n\n- \`<LA>/<year>/header.csv, episodes.csv, missing.csv, oc2.csv, oc3.csv\`: SSDA903 tables (dates dd/mm/yyyy).\n` +
      `- \`<LA>/<year>/cin_census.xml\`: CIN census.\n- \`population.csv\`: a made-up child population (la_code, period, population).\n` +
      `- \`expected-figures.csv\`: numerators and denominators the generator's event model implies (computed without lib/returns).\n`,
  );
  return figures;
}
