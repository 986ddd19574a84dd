/**
 * The Ofsted-like inspections of the synthetic package: grade thresholds calibrated to target shares, the
 * period a judgement is attached to, and the inspection dates and grades drawn from latent quality.
 */
import { InputError } from "../errors";
import { createRng } from "../stats/random";
import type { AreaRow, OutcomeRow } from "../data/types";
import { SYNTH_GRADE_LABELS, SYNTH_OUTCOME, type SyntheticParams } from "./params";
import { expit, r6, sampleLogistic, streamSeed } from "./sampling";
import type { Grid } from "./latents";
import type { SyntheticInspectionTruth } from "./truth";
import { yearEndingMarchOnOrBefore } from "../data/periods";

/**
 * Thresholds c₁ > c₂ > c₃ such that, for y* = Q + s·L with Q ~ N(0, V) and L standard logistic,
 * P(y* > c₁), P(y* > c₂), P(y* > c₃) equal the cumulative target shares of grades 1, 1–2 and 1–3.
 * P(y* > c) = ∫ φ(z)·expit((√V·z − c)/s) dz, by the trapezoid rule on z ∈ [−10, 10] (2001 points), solved by
 * bisection to 1e-12.
 * @example
 * gradeThresholds(2.5, 0.5, [0.1, 0.45, 0.3, 0.15]); // ≈ [2.326789, −0.227270, −1.879147] (R: integrate + uniroot)
 */
export function gradeThresholds(variance: number, scale: number, shares: readonly number[]): [number, number, number] {
  if (!(variance > 0) || !(scale > 0)) throw new InputError("gradeThresholds", "variance and scale must be > 0", `${variance}, ${scale}`);
  if (shares.length !== 4) throw new InputError("gradeThresholds", "shares must have 4 entries", shares.length);
  const sd = Math.sqrt(variance);
  const N = 2001;
  const h = 20 / (N - 1);
  const survival = (c: number) => {
    let acc = 0;
    for (let j = 0; j < N; j++) {
      const z = -10 + j * h;
      const w = (j === 0 || j === N - 1 ? 0.5 : 1) * Math.exp(-0.5 * z * z);
      acc += w * expit((sd * z - c) / scale);
    }
    return (acc * h) / Math.sqrt(2 * Math.PI);
  };
  const out: number[] = [];
  let cumulative = 0;
  for (let g = 0; g < 3; g++) {
    cumulative += shares[g];
    let lo = -50;
    let hi = 50;
    while (hi - lo > 1e-12) {
      const mid = (lo + hi) / 2;
      if (survival(mid) > cumulative) lo = mid;
      else hi = mid;
    }
    out.push((lo + hi) / 2);
  }
  return out as [number, number, number];
}

const DAY_MS = 86400000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period an inspection published on `date` is attached to: the latest year ending 31 March on or before it,
 * as the official importer and the link rules attach one (a judgement published in June 2017 is attached to 2017,
 * one in February 2018 also to 2017, one on 31 March 2018 to 2018).
 * @example
 * attachedPeriod("2017-06-15"); // 2017
 */
export function attachedPeriod(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new InputError("attachedPeriod", "date must be yyyy-mm-dd", date);
  return yearEndingMarchOnOrBefore(date);
}

/** Inspections of every LA (dates, attached periods, grades) with their planted truth, from the 'inspections' stream. */
export function drawInspections(
  params: SyntheticParams,
  areas: readonly AreaRow[],
  periods: readonly number[],
  quality: Grid,
  thresholds: readonly number[],
): { rows: OutcomeRow[]; truth: SyntheticInspectionTruth[] } {
  const rng = createRng(streamSeed(params.seed, "inspections"));
  const p = params.inspections;
  const start = Date.parse(`${p.firstDate}T00:00:00Z`);
  const end = Date.parse(`${p.lastDate}T00:00:00Z`);
  if (!(start < end)) throw new InputError("generateSyntheticPilot", "inspections.firstDate must be before lastDate", `${p.firstDate}, ${p.lastDate}`);
  const nPer = periods.length;
  const rows: OutcomeRow[] = [];
  const truth: SyntheticInspectionTruth[] = [];
  const onlyLatest = p.judgements === "one";
  for (let i = 0; i < areas.length; i++) {
    const rowsBefore = rows.length;
    let day = start + rng.nextInt(p.firstWithinDays) * DAY_MS;
    for (;;) {
      // Ofsted publishes on weekdays: a weekend date moves to the Monday
      const dow = new Date(day).getUTCDay();
      const published = day + (dow === 6 ? 2 : dow === 0 ? 1 : 0) * DAY_MS;
      if (published > end) break;
      const date = isoDate(published);
      const period = attachedPeriod(date);
      const t = period - periods[0];
      if (t < 0 || t >= nPer) break;
      const q = quality[i * nPer + t];
      const y = q + params.quality.logisticScale * sampleLogistic(rng);
      const grade = y > thresholds[0] ? 1 : y > thresholds[1] ? 2 : y > thresholds[2] ? 3 : 4;
      rows.push({ la_code: areas[i].la_code, outcome: SYNTH_OUTCOME, value: grade, label: SYNTH_GRADE_LABELS[grade - 1], date, period });
      truth.push({ la_code: areas[i].la_code, date, period, quality: r6(q), latent_judgement: r6(y), grade });
      day = published + (p.minGapDays + rng.nextInt(p.maxGapDays - p.minGapDays)) * DAY_MS;
    }
    // one judgement per LA: drop all but the latest (drawn all the same, so the stream stays in step)
    if (onlyLatest && rows.length - rowsBefore > 1) {
      rows.splice(rowsBefore, rows.length - rowsBefore - 1);
      truth.splice(rowsBefore, truth.length - rowsBefore - 1);
    }
  }
  return { rows, truth };
}
