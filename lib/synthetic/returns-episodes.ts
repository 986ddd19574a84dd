/**
 * Seeded synthetic record-level CIN episodes for a national-scale benchmark: one CSV row per referral
 * (`la_code,child_id,referral_date,closure_date`, ISO dates, blank closure while open) over several collection
 * years. Children are referred at a uniform time in the window; after each referral the next comes within a
 * year with probability {@link REREFERRAL_SHARE} (else one to four years later); each episode closes after a
 * week to about 13 months, or is still open at the end of the window.
 */
import * as fs from "node:fs";
import { InputError } from "../errors";
import { createRng } from "../stats/random";
import { day, isoDay } from "./returns-calendar";

/** Share of referrals followed by another within 12 months (DfE CIN statistics: re-referrals are about 22%). */
export const REREFERRAL_SHARE = 0.22;
/** Referrals per child over the window, on average, under this model (used to size the child population). */
const REFERRALS_PER_CHILD = 1.9;

/** What to generate. */
export interface CinEpisodeSpec {
  seed: number;
  /** Number of LAs (codes E0800xxxx). */
  las: number;
  /** Referrals per collection year, all LAs together (about). */
  referralsPerYear: number;
  /** First and last collection year (years ending 31 March). */
  firstYear: number;
  lastYear: number;
}

/**
 * Write the CSV to `file`, streamed (memory does not grow with the size).
 * @returns the number of rows written
 * @example
 * writeSyntheticCinEpisodes("/tmp/cin.csv", { seed: 1, las: 150, referralsPerYear: 400_000, firstYear: 2019, lastYear: 2023 })
 */
export function writeSyntheticCinEpisodes(file: string, spec: CinEpisodeSpec): number {
  if (!(spec.las >= 1 && spec.las <= 9999) || !(spec.referralsPerYear >= 1) || !(spec.lastYear >= spec.firstYear)) {
    throw new InputError("writeSyntheticCinEpisodes", "las must be 1–9999, referralsPerYear ≥ 1 and lastYear ≥ firstYear", spec);
  }
  const rng = createRng(spec.seed);
  const windowStart = day(spec.firstYear - 1, 4, 1);
  const windowEnd = day(spec.lastYear, 3, 31);
  const span = windowEnd - windowStart + 1;
  const years = spec.lastYear - spec.firstYear + 1;
  const childrenPerLa = Math.max(1, Math.round((spec.referralsPerYear * years) / REFERRALS_PER_CHILD / spec.las));
  const fd = fs.openSync(file, "w");
  let rows = 0;
  let out = "la_code,child_id,referral_date,closure_date\n";
  try {
    for (let l = 0; l < spec.las; l++) {
      const la = `E0800${String(l + 1).padStart(4, "0")}`;
      for (let c = 0; c < childrenPerLa; c++) {
        const id = `C${l}-${c.toString(36)}`;
        for (let d = windowStart + Math.floor(rng.nextFloat() * span); d <= windowEnd; ) {
          const close = d + 7 + Math.floor(rng.nextFloat() * 390);
          out += `${la},${id},${isoDay(d)},${close <= windowEnd ? isoDay(close) : ""}\n`;
          rows++;
          d = rng.nextFloat() < REREFERRAL_SHARE ? d + 1 + Math.floor(rng.nextFloat() * 365) : d + 366 + Math.floor(rng.nextFloat() * 1100);
        }
        if (out.length > 1 << 20) {
          fs.writeSync(fd, out);
          out = "";
        }
      }
    }
    fs.writeSync(fd, out);
  } finally {
    fs.closeSync(fd);
  }
  return rows;
}
