/**
 * The fictional local authorities of the synthetic package: codes that can never match a real ONS code and
 * made-up names, the same in every dataset whatever the seed.
 */
import { InputError } from "../errors";
import { createRng } from "../stats/random";
import type { AreaRow } from "../data/types";
import { SYNTH_NAME_EXCLUDED, SYNTH_NAME_PREFIXES, SYNTH_NAME_SUFFIXES, type SyntheticParams } from "./params";
import { streamSeed } from "./sampling";

/** The fictional ONS-style codes: type prefix, then 9, then a 5-digit serial (real codes have serials < 900000). */
export const SYNTH_CODE_PATTERN = /^E(06|08|09|10)9\d{5}$/;

/**
 * The 150 fictional LAs (independent of the seed): codes `E0x9nnnnn` by type, names from
 * SYNTH_NAME_PREFIXES × SYNTH_NAME_SUFFIXES in a fixed shuffled order (counties: prefix + "shire"),
 * sorted by code.
 * @example
 * syntheticAreas(DEFAULT_SYNTH_PARAMS)[0].la_code; // "E06900001"
 */
export function syntheticAreas(params: Pick<SyntheticParams, "regions">): AreaRow[] {
  // A fixed stream, not the dataset seed: the same LAs in every synthetic dataset.
  const rng = createRng(streamSeed(0, "area-names"));
  const excluded = new Set(SYNTH_NAME_EXCLUDED);
  const town: string[] = [];
  for (const p of SYNTH_NAME_PREFIXES) for (const s of SYNTH_NAME_SUFFIXES) if (!excluded.has(p + s)) town.push(p + s);
  const shire = SYNTH_NAME_PREFIXES.map((p) => `${p}shire`).filter((n) => !excluded.has(n));
  const shuffle = (xs: string[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  shuffle(town);
  shuffle(shire);
  const usedPrefix = new Set<string>();
  const prefixOf = (name: string) => SYNTH_NAME_PREFIXES.find((p) => name.startsWith(p))!;
  const serial: Record<string, number> = {};
  const areas: AreaRow[] = [];
  let ti = 0;
  let si = 0;
  for (const region of params.regions) {
    for (const type of ["E06", "E08", "E09", "E10"] as const) {
      const n = region.counts[type] ?? 0;
      for (let k = 0; k < n; k++) {
        serial[type] = (serial[type] ?? 0) + 1;
        if (serial[type] > 99999) throw new InputError("syntheticAreas", `too many ${type} areas`, serial[type]);
        let name: string;
        if (type === "E10") {
          if (si >= shire.length) throw new InputError("syntheticAreas", "not enough county names", si);
          name = shire[si++];
        } else {
          // prefer a prefix not used yet, so names differ at a glance
          let pick = -1;
          for (let j = ti; j < town.length; j++) {
            if (!usedPrefix.has(prefixOf(town[j]))) {
              pick = j;
              break;
            }
          }
          if (pick < 0) pick = ti;
          if (pick >= town.length) throw new InputError("syntheticAreas", "not enough town names", pick);
          [town[ti], town[pick]] = [town[pick], town[ti]];
          name = town[ti++];
          usedPrefix.add(prefixOf(name));
        }
        areas.push({
          la_code: `${type}9${String(serial[type]).padStart(5, "0")}`,
          la_name: name,
          region_code: region.code,
          region_name: region.name,
          old_la_code: "",
          first_period: null,
          last_period: null,
        });
      }
    }
  }
  return areas.sort((a, b) => (a.la_code < b.la_code ? -1 : a.la_code > b.la_code ? 1 : 0));
}
