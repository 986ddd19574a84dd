/**
 * The event model of the synthetic returns: children entering and leaving care (episodes, placement moves,
 * legal-status changes, adoption, short-break series, missing incidents, re-entries), care leavers' outcomes,
 * and referrals with assessments, re-referrals and repeat child protection plans. From this model alone the
 * generator works out the LA-level figures the returns imply (returns-figures.ts), without lib/returns.
 */
import type { Rng } from "../stats/random";
import { addYears, afterWorkingDays, dateOf, day } from "./returns-calendar";

/** A placement (one carer) within a period of care. */
export interface SynthPlacement {
  start: number;
  end: number | null;
  place: string;
  adoption: boolean;
}

/** An episode as the return records it. */
export interface SynthEpisode {
  start: number;
  end: number | null;
  rne: string;
  ls: string;
  place: string;
  rec: string;
}

/** A period of care. */
export interface SynthPeriod {
  start: number;
  end: number | null;
  placements: SynthPlacement[];
  episodes: SynthEpisode[];
}

/** A looked-after child. */
export interface SynthChild {
  id: string;
  dob: number;
  sex: string;
  shortBreak: boolean;
  periods: SynthPeriod[];
  missing: { kind: "M" | "A"; start: number; end: number | null }[];
}

/** A care leaver row of OC3 in one year. */
export interface SynthCareLeaver {
  id: string;
  year: number;
  dob: number;
  ageInYear: number;
  inTouch: string;
  activity: string;
  accommodation: string;
}

/** One referral with what followed it. */
export interface SynthReferral {
  date: number;
  closure: number | null;
  nfa: boolean;
  assessment: { start: number; workingDays: number; authorised: number | null } | null;
  plan: { start: number; end: number | null; previousPlans: number } | null;
}

/** A child in the CIN census. */
export interface SynthCinChild {
  id: string;
  dob: number;
  referrals: SynthReferral[];
}

/** Sizes and the time window of one LA. */
export interface SynthLaSpec {
  la: string;
  lookedAfterChildren: number;
  cinChildren: number;
  careLeaversPerYear: number;
}

/** Everything generated for one LA. */
export interface SynthLa {
  spec: SynthLaSpec;
  children: SynthChild[];
  careLeavers: SynthCareLeaver[];
  cin: SynthCinChild[];
}

/** Years of history simulated before the first collection year written. */
export const HISTORY_YEARS_BEFORE = 6;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.nextInt(xs.length)];
const between = (rng: Rng, lo: number, hi: number) => lo + rng.nextInt(hi - lo + 1);
const expo = (rng: Rng, mean: number) => Math.floor(-Math.log(1 - rng.nextFloat()) * mean);

const LEGAL = ["C2", "C2", "C2", "V2", "V2", "J2", "C1", "E1", "L2"];
const PLACES = ["U1", "U2", "U3", "U4", "U5", "U6", "R1", "K2", "H5", "P1", "S1"];
const LEAVE_REC = ["E11", "E12", "E13", "E41", "E45", "E48", "E4A", "E15", "E8"];

/**
 * Simulate one looked-after child from an entry date up to `horizon` (31 March of the last year).
 */
function simulateChild(rng: Rng, id: string, windowStart: number, horizon: number): SynthChild {
  const entry = between(rng, windowStart, horizon);
  const dob = entry - between(rng, 0, 17 * 365);
  const eighteen = addYears(dob, 18);
  const child: SynthChild = { id, dob, sex: pick(rng, ["1", "2"]), shortBreak: rng.nextFloat() < 0.05, periods: [], missing: [] };
  if (child.shortBreak) {
    let t = entry;
    const n = between(rng, 3, 15);
    for (let k = 0; k < n && t <= horizon && t < eighteen; k++) {
      const end = t + between(rng, 1, 3);
      const closed = end <= horizon;
      child.periods.push({
        start: t,
        end: closed ? end : null,
        placements: [{ start: t, end: closed ? end : null, place: "U1", adoption: false }],
        episodes: [{ start: t, end: closed ? end : null, rne: "S", ls: pick(rng, ["V3", "V4"]), place: "U1", rec: closed ? "E8" : "" }],
      });
      t = end + between(rng, 7, 60);
    }
    return child;
  }
  let start = entry;
  while (start <= horizon && start < eighteen) {
    const period = runPeriod(rng, child, start, horizon, eighteen);
    child.periods.push(period);
    if (period.end === null || rng.nextFloat() >= 0.15) break;
    start = period.end + between(rng, 30, 700);
  }
  // missing incidents inside the child's periods
  if (rng.nextFloat() < 0.15) {
    const n = between(rng, 1, 5);
    for (let k = 0; k < n; k++) {
      const p = pick(rng, child.periods);
      const last = Math.min(p.end ?? horizon, horizon);
      const s = between(rng, p.start, last);
      const e = s + between(rng, 0, 3);
      child.missing.push({ kind: rng.nextFloat() < 0.7 ? "M" : "A", start: s, end: e <= horizon ? e : null });
    }
  }
  return child;
}

function runPeriod(rng: Rng, child: SynthChild, start: number, horizon: number, eighteen: number): SynthPeriod {
  let ls = pick(rng, LEGAL);
  let place = pick(rng, PLACES);
  const period: SynthPeriod = { start, end: null, placements: [], episodes: [] };
  let placement: SynthPlacement = { start, end: null, place, adoption: false };
  period.placements.push(placement);
  let episode: SynthEpisode = { start, end: null, rne: "S", ls, place, rec: "" };
  period.episodes.push(episode);
  let t = start;
  for (;;) {
    const dt = rng.nextFloat() < 0.04 ? 0 : expo(rng, 260);
    const next = t + dt;
    if (next > horizon && eighteen > horizon) return period; // still looked after at the horizon
    if (next >= eighteen) {
      if (eighteen > horizon) return period;
      episode.end = eighteen;
      episode.rec = "E8";
      placement.end = eighteen;
      period.end = eighteen;
      return period;
    }
    const ageYears = (next - child.dob) / 365.25;
    const r = rng.nextFloat();
    if (placement.adoption || r < 0.22) {
      // leave care (an adoption placement always ends in adoption)
      episode.end = next;
      episode.rec = placement.adoption ? "E11" : pick(rng, LEAVE_REC);
      placement.end = next;
      period.end = next;
      return period;
    }
    episode.end = next;
    episode.rec = "X1";
    let rne: string;
    if (r < 0.6) {
      rne = "P";
      place = pick(rng, PLACES);
    } else if (r < 0.7) {
      rne = "T";
      ls = pick(rng, LEGAL);
      place = pick(rng, PLACES);
    } else if (r < 0.75 && ageYears < 10) {
      rne = pick(rng, ["P", "T"]);
      ls = "E1";
      place = pick(rng, ["A3", "A4", "A5", "A6"]);
    } else if (r < 0.88) {
      rne = "L";
      ls = pick(rng, LEGAL);
    } else {
      rne = pick(rng, ["B", "U"]);
      if (rne === "U") ls = pick(rng, LEGAL);
    }
    if (rne === "P" || rne === "T") {
      placement.end = next;
      placement = { start: next, end: null, place, adoption: place.startsWith("A") };
      period.placements.push(placement);
    }
    episode = { start: next, end: null, rne, ls, place, rec: "" };
    period.episodes.push(episode);
    t = next;
  }
}

const IN_TOUCH = ["YES", "YES", "YES", "YES", "NO", "REFU", "NREQ", "DIED", "RHOM"];
const ACTIVITY = ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"];
const ACCOM = ["B1", "C1", "D1", "E1", "G1", "H1", "K1", "R1", "S2", "T2", "U2", "V1", "K2", "0"];

function careLeavers(rng: Rng, la: string, year: number, n: number): SynthCareLeaver[] {
  const out: SynthCareLeaver[] = [];
  for (let k = 0; k < n; k++) {
    const ageInYear = between(rng, 17, 21);
    const birthday = between(rng, day(year - 1, 4, 1), day(year, 3, 31));
    const b = dateOf(birthday);
    const dob = b.m === 2 && b.d === 29 ? day(b.y - ageInYear, 2, 28) : day(b.y - ageInYear, b.m, b.d);
    out.push({ id: `${la}-CL${year}-${k}`, year, dob, ageInYear, inTouch: pick(rng, IN_TOUCH), activity: pick(rng, ACTIVITY), accommodation: pick(rng, ACCOM) });
  }
  return out;
}

/** Gaps (days from one referral to the next) that sit on the 12-month boundary. */
const BOUNDARY_GAPS = [364, 365, 366, 367];

function simulateCinChild(rng: Rng, id: string, windowStart: number, horizon: number): SynthCinChild {
  let date = between(rng, windowStart, horizon);
  const child: SynthCinChild = { id, dob: date - between(rng, 0, 17 * 365), referrals: [] };
  let previousPlans = rng.nextFloat() < 0.12 ? between(rng, 1, 2) : 0; // plans before the window
  for (;;) {
    const nfa = rng.nextFloat() < 0.15;
    const referral: SynthReferral = { date, closure: null, nfa, assessment: null, plan: null };
    child.referrals.push(referral);
    let closure: number;
    if (nfa) closure = date;
    else {
      const aStart = date + between(rng, 0, 7);
      const workingDays = rng.nextFloat() < 0.15 ? pick(rng, [44, 45, 46]) : between(rng, 5, 80);
      const done = afterWorkingDays(aStart, workingDays);
      if (aStart > horizon) return child;
      referral.assessment = { start: aStart, workingDays, authorised: done <= horizon ? done : null };
      closure = done + between(rng, 5, 300);
      if (done <= horizon && rng.nextFloat() < 0.25) {
        const pStart = done + between(rng, 5, 30);
        if (pStart <= horizon) {
          const pEnd = pStart + between(rng, 60, 500);
          referral.plan = { start: pStart, end: pEnd <= horizon ? pEnd : null, previousPlans };
          previousPlans++;
          closure = Math.max(closure, pEnd + between(rng, 1, 30));
        }
      }
    }
    if (closure > horizon) return child;
    referral.closure = closure;
    if (rng.nextFloat() >= 0.4) return child;
    const gap = rng.nextFloat() < 0.25 ? pick(rng, BOUNDARY_GAPS) : between(rng, 20, 900);
    let next = date + gap;
    if (next <= closure) next = closure + 1 + rng.nextInt(60);
    if (next > horizon) return child;
    date = next;
  }
}

/**
 * Simulate one LA from 1 April of (firstYear − HISTORY_YEARS_BEFORE − 1) to 31 March of lastYear.
 * @example
 * const la = simulateLa(createRng(1), { la: "E09000001", lookedAfterChildren: 300, cinChildren: 800, careLeaversPerYear: 40 }, 2021, 2023);
 */
export function simulateLa(rng: Rng, spec: SynthLaSpec, firstYear: number, lastYear: number): SynthLa {
  const horizon = day(lastYear, 3, 31);
  const windowStart = day(firstYear - HISTORY_YEARS_BEFORE - 1, 4, 1);
  const children: SynthChild[] = [];
  for (let k = 0; k < spec.lookedAfterChildren; k++) children.push(simulateChild(rng, `C${String(k).padStart(6, "0")}`, windowStart, horizon));
  const leavers: SynthCareLeaver[] = [];
  for (let y = firstYear; y <= lastYear; y++) leavers.push(...careLeavers(rng, spec.la, y, spec.careLeaversPerYear));
  const cinStart = day(firstYear - 3, 4, 1);
  const cin: SynthCinChild[] = [];
  for (let k = 0; k < spec.cinChildren; k++) cin.push(simulateCinChild(rng, `N${String(k).padStart(7, "0")}`, cinStart, horizon));
  return { spec, children, careLeavers: leavers, cin };
}

/** An OC2 row: a child looked after continuously for 12 months at 31 March, with two outcome flags. */
export interface SynthOutcomes {
  child: SynthChild;
  convicted: string;
  substanceMisuse: string;
}

/** FNV-1a hash of a string (a deterministic per-child, per-year draw that needs no shared random stream). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The OC2 cohort of collection year `year`: children (not short breaks) looked after at 31 March whose period of
 * care began by 31 March of the year before; CONVICTED recorded from age 10 (about 1 in 10 convicted),
 * SUBSTANCE_MISUSE about 1 in 8, blank for about 1 in 20.
 */
export function oc2Cohort(la: SynthLa, year: number): SynthOutcomes[] {
  const end = day(year, 3, 31);
  const yearAgo = day(year - 1, 3, 31);
  const out: SynthOutcomes[] = [];
  for (const c of la.children) {
    if (c.shortBreak) continue;
    const current = c.periods.find((p) => p.start <= end && (p.end === null || p.end > end));
    if (!current || current.start > yearAgo) continue;
    const h = fnv1a(`${c.id}|${year}`);
    const ageAtEnd = (end - c.dob) / 365.25;
    out.push({
      child: c,
      convicted: ageAtEnd >= 10 ? (h % 10 === 0 ? "1" : "0") : "",
      substanceMisuse: (h >>> 8) % 20 === 0 ? "" : (h >>> 4) % 8 === 0 ? "1" : "0",
    });
  }
  return out;
}
