/**
 * The LA-level figures a synthetic returns data set implies, worked out from the generator's own event model
 * (periods, placements, referrals, plans, assessments) — not by reading its files and not with lib/returns —
 * following the definitions stated in lib/returns' catalogue. Tests compare lib/returns' results with these.
 */
import { day } from "./returns-calendar";
import { oc2Cohort, type SynthLa } from "./returns-model";

/** One expected figure: numerator x of denominator n (n null for counts). */
export interface ExpectedFigure {
  la_code: string;
  period: number;
  indicator: string;
  numerator: number;
  denominator: number | null;
}

function ageAt31March(dob: number, year: number): number {
  const t = new Date(dob * 86400000);
  const by = t.getUTCFullYear();
  const bm = t.getUTCMonth() + 1;
  // 31 March is the last day of March: the birthday has come by then exactly when the month is January–March
  return year - by - (bm <= 3 ? 0 : 1);
}

/**
 * Expected SSDA903 figures of one LA for collection year `year`.
 * @example
 * claFigures(la, 2023).find((f) => f.indicator === "cla_3plus_placements_pct")
 */
export function claFigures(la: SynthLa, year: number): ExpectedFigure[] {
  const yearStart = day(year - 1, 4, 1);
  const yearEnd = day(year, 3, 31);
  const careBy = day(year - 3, 9, 30); // 31 March − 30 months
  const placementBy = day(year - 2, 3, 31); // 31 March − 24 months
  let at31 = 0;
  let many = 0;
  let ltCohort = 0;
  let ltStable = 0;
  let during = 0;
  let missing = 0;
  for (const c of la.children) {
    if (c.shortBreak) continue;
    const overlapping = c.periods.some((p) => p.start <= yearEnd && (p.end === null || p.end >= yearStart));
    if (overlapping) {
      during++;
      if (c.missing.some((m) => m.kind === "M" && m.start >= yearStart && m.start <= yearEnd)) missing++;
    }
    const current = c.periods.find((p) => p.start <= yearEnd && (p.end === null || p.end > yearEnd));
    if (!current) continue;
    at31++;
    let placements = 0;
    for (const p of c.periods) for (const pl of p.placements) if (pl.start <= yearEnd && (pl.end === null || pl.end >= yearStart)) placements++;
    if (placements >= 3) many++;
    if (ageAt31March(c.dob, year) >= 16 || current.start > careBy) continue;
    ltCohort++;
    const idx = current.placements.findIndex((pl) => pl.start <= yearEnd && (pl.end === null || pl.end > yearEnd));
    // the placement open at 31 March is the last one started by then
    const open = idx >= 0 ? idx : current.placements.filter((pl) => pl.start <= yearEnd).length - 1;
    const pl = current.placements[open];
    if (pl.start <= placementBy || (pl.adoption && open > 0 && current.placements[open - 1].start <= placementBy)) ltStable++;
  }
  const la_code = la.spec.la;
  const out: ExpectedFigure[] = [
    { la_code, period: year, indicator: "cla_31mar_count", numerator: at31, denominator: null },
    { la_code, period: year, indicator: "cla_3plus_placements_pct", numerator: many, denominator: at31 },
    { la_code, period: year, indicator: "cla_long_term_stability_pct", numerator: ltStable, denominator: ltCohort },
    { la_code, period: year, indicator: "cla_missing_pct", numerator: missing, denominator: during },
  ];
  const cohort = oc2Cohort(la, year);
  const older = cohort.filter((o) => o.convicted !== "" && ageAt31March(o.child.dob, year) >= 10 && ageAt31March(o.child.dob, year) <= 17);
  const recorded = cohort.filter((o) => o.substanceMisuse !== "");
  out.push({ la_code, period: year, indicator: "cla_convicted_pct", numerator: older.filter((o) => o.convicted === "1").length, denominator: older.length });
  out.push({ la_code, period: year, indicator: "cla_substance_misuse_pct", numerator: recorded.filter((o) => o.substanceMisuse === "1").length, denominator: recorded.length });
  const leavers = la.careLeavers.filter((l) => l.year === year && l.ageInYear >= 19 && l.ageInYear <= 21 && l.inTouch !== "DIED" && l.inTouch !== "RHOM");
  const eet = leavers.filter((l) => l.activity[0] === "F" || l.activity[0] === "P").length;
  const suitable = leavers.filter((l) => l.accommodation.length === 2 && l.accommodation[1] === "1").length;
  out.push({ la_code, period: year, indicator: "care_leavers_eet_19_21_pct", numerator: eet, denominator: leavers.length });
  out.push({ la_code, period: year, indicator: "care_leavers_suitable_accom_19_21_pct", numerator: suitable, denominator: leavers.length });
  return out;
}

/**
 * Expected CIN census figures of one LA for collection year `year`.
 * @example
 * cinFigures(la, 2023).find((f) => f.indicator === "cin_rereferral_pct")
 */
export function cinFigures(la: SynthLa, year: number): ExpectedFigure[] {
  const yearStart = day(year - 1, 4, 1);
  const yearEnd = day(year, 3, 31);
  let referrals = 0;
  let re = 0;
  let open = 0;
  let plans = 0;
  let repeat = 0;
  let assessed = 0;
  let timely = 0;
  for (const c of la.cin) {
    let isOpen = false;
    c.referrals.forEach((r, k) => {
      if (r.date >= yearStart && r.date <= yearEnd) {
        referrals++;
        if (k > 0 && r.date - c.referrals[k - 1].date <= 365) re++;
      }
      if (r.date <= yearEnd && (r.closure === null || r.closure > yearEnd)) isOpen = true;
      if (r.plan && r.plan.start >= yearStart && r.plan.start <= yearEnd) {
        plans++;
        if (r.plan.previousPlans >= 1) repeat++;
      }
      const a = r.assessment;
      if (a && a.authorised !== null && a.authorised >= yearStart && a.authorised <= yearEnd) {
        assessed++;
        if (a.workingDays <= 45) timely++;
      }
    });
    if (isOpen) open++;
  }
  const la_code = la.spec.la;
  return [
    { la_code, period: year, indicator: "cin_31mar_count", numerator: open, denominator: null },
    { la_code, period: year, indicator: "cin_referrals_count", numerator: referrals, denominator: null },
    { la_code, period: year, indicator: "cin_rereferral_pct", numerator: re, denominator: referrals },
    { la_code, period: year, indicator: "cpp_second_time_pct", numerator: repeat, denominator: plans },
    { la_code, period: year, indicator: "lait_continue_assess_comp", numerator: timely, denominator: assessed },
  ];
}
