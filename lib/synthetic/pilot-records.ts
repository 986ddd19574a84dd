/**
 * A seeded generator of record-level pilot data (surveys of children, parents/carers and staff, and a
 * case-file audit) for a few LAs, whose LA-level truth is driven by each LA's latent service quality — the
 * same latent that drives the Ofsted-like outcome of the synthetic LA dataset — so pilot indicators link to
 * the synthetic outcome and an analysis can be checked against the planted truth.
 *
 * **Model.** For LA quality q (standardised) and item k, each response comes from a latent
 * y = a_k + b_k·q + L with L standard logistic (an ordinal logit, McCullagh 1980):
 * - likert5: response = 1 + #{c : y > κ_c} with cut-points κ = (−2, −1, 0.5, 2);
 * - yesno: "yes" when y > 0;
 * - audit4 (1 best): grade = 4 − #{c : y > κ_c} with κ = (−1.5, 0, 1.5).
 * So the true share positive and mean score per LA and item are exact logistic sums (see {@link itemTruth}),
 * recorded in truth.json. About 3% of survey answers are left blank (not answered).
 *
 * Same seed and inputs → the same records (integer draws are exact; logistic draws use Math.log, deterministic
 * for a given Node version — see lib/stats/random.ts).
 */
import { InputError } from "../errors";
import { createRng, type Rng } from "../stats/random";
import { parseInstruments, scaleById, type InstrumentSet, type ItemDefinition } from "../pilot/instruments";
import { pilotIndicatorId } from "../pilot/indicators";
import type { PilotRecord } from "../pilot/records";

/** Seed of the committed synthetic pilot records (the 2019 framework's year). */
export const DEFAULT_PILOT_SEED = 2019;
/** Version of this generator (recorded in truth.json). */
export const PILOT_GENERATOR_VERSION = "1.0.0";
/** Number of LAs in the synthetic pilot (the issue: "~20 LAs"). */
export const DEFAULT_PILOT_LA_COUNT = 20;
/** Share of survey answers left blank. */
export const BLANK_RATE = 0.03;

/** Likert cut-points on the latent scale (agreement 4–5 needs y > 0.5). */
const LIKERT_CUTS = [-2, -1, 0.5, 2];
/** Audit grade cut-points (grade 2 "Good" or better needs y > 0). */
const AUDIT_CUTS = [-1.5, 0, 1.5];

/** Per item: intercept a and quality loading b of the latent response. */
export interface ItemEffect {
  intercept: number;
  loading: number;
}

/** Respondents per LA per instrument: uniform integer in [min, max]. */
export interface SampleSize {
  min: number;
  max: number;
}

/** The synthetic instrument definitions (as the JSON file holds them). */
export const SYNTHETIC_INSTRUMENTS_JSON = {
  instruments: [
    {
      id: "child_survey",
      label: "Survey of children and young people",
      respondent: "child",
      items: [
        { id: "trust_staff", label: "I trust the adults who work with me", scale: "likert5", positive: ["4", "5"], domain: "valued-and-involved", outcome: "Children trust staff and have a stable relationship with them" },
        { id: "involved_in_plan", label: "I am involved in planning my support", scale: "likert5", positive: ["4", "5"], domain: "valued-and-involved", outcome: "Children are involved in planning their support" },
        { id: "feel_safe", label: "I feel safe where I live", scale: "likert5", positive: ["4", "5"], domain: "child-safe", outcome: "Children feel safe" },
        { id: "listened_to", label: "My social worker listens to me", scale: "yesno", positive: ["yes"], domain: "valued-and-involved", outcome: "Children feel listened to and understood" },
      ],
    },
    {
      id: "parent_survey",
      label: "Survey of parents and carers",
      respondent: "parent",
      items: [
        { id: "services_respond", label: "Services respond to my family's needs", scale: "likert5", positive: ["4", "5"], domain: "reaching-children", outcome: "Parents think services respond to their needs" },
        { id: "treated_with_respect", label: "I was treated with respect", scale: "yesno", positive: ["yes"], domain: "valued-and-involved", outcome: "Parents and carers feel respected and involved" },
      ],
    },
    {
      id: "staff_survey",
      label: "Survey of social work staff",
      respondent: "staff",
      items: [
        { id: "motivated", label: "I feel motivated in my work", scale: "likert5", positive: ["4", "5"], domain: "workforce", outcome: "Staff are motivated" },
        { id: "skills", label: "I have the skills I need for my work", scale: "likert5", positive: ["4", "5"], domain: "workforce", outcome: "Staff have the skills they need" },
        { id: "reflective_supervision", label: "I receive regular reflective supervision", scale: "yesno", positive: ["yes"], domain: "conditions-and-culture", outcome: "Staff receive reflective supervision" },
      ],
    },
    {
      id: "case_audit",
      label: "Case-file audit",
      respondent: "case-file",
      items: [
        { id: "plan_quality", label: "Quality of the child's plan", scale: "audit4", positive: ["1", "2"], domain: "child-safe", outcome: "Plans address children's needs and risks" },
        { id: "voice_of_child", label: "The child's voice is recorded and acted on", scale: "audit4", positive: ["1", "2"], domain: "valued-and-involved", outcome: "Children are involved in planning their support" },
        { id: "management_oversight", label: "Management oversight of the case", scale: "audit4", positive: ["1", "2"], domain: "conditions-and-culture", outcome: "Practice is supported by effective oversight" },
      ],
    },
  ],
} as const;

/** Effects per item id (instrument/item); loadings 0.5–1.0 so every item carries signal about quality. */
export const SYNTHETIC_ITEM_EFFECTS: Readonly<Record<string, ItemEffect>> = Object.freeze({
  "child_survey/trust_staff": { intercept: 1.0, loading: 0.9 },
  "child_survey/involved_in_plan": { intercept: 0.6, loading: 0.7 },
  "child_survey/feel_safe": { intercept: 1.4, loading: 0.5 },
  "child_survey/listened_to": { intercept: 1.2, loading: 0.8 },
  "parent_survey/services_respond": { intercept: 0.4, loading: 0.8 },
  "parent_survey/treated_with_respect": { intercept: 1.1, loading: 0.6 },
  "staff_survey/motivated": { intercept: 0.8, loading: 0.7 },
  "staff_survey/skills": { intercept: 1.2, loading: 0.5 },
  "staff_survey/reflective_supervision": { intercept: 0.3, loading: 1.0 },
  "case_audit/plan_quality": { intercept: 0.5, loading: 1.0 },
  "case_audit/voice_of_child": { intercept: 0.2, loading: 0.9 },
  "case_audit/management_oversight": { intercept: 0.4, loading: 0.8 },
});

/** Respondents per LA per instrument. */
export const SYNTHETIC_SAMPLE_SIZES: Readonly<Record<string, SampleSize>> = Object.freeze({
  child_survey: { min: 25, max: 60 },
  parent_survey: { min: 20, max: 45 },
  staff_survey: { min: 15, max: 45 },
  case_audit: { min: 30, max: 50 },
});

/**
 * LAs whose sample of one instrument is planted below the disclosure threshold, so that suppression can be
 * seen: (position in the area list, instrument, respondents).
 */
export const SMALL_SAMPLES: readonly { position: number; instrument: string; respondents: number }[] = [
  { position: 3, instrument: "staff_survey", respondents: 7 },
  { position: 11, instrument: "child_survey", respondents: 8 },
];

/** Prefix of raw (pre-pseudonymisation) ids per instrument. */
const RAW_ID_PREFIX: Readonly<Record<string, string>> = { child_survey: "CH", parent_survey: "PA", staff_survey: "ST", case_audit: "CF" };

/**
 * The synthetic instrument set (validated as any instrument file is).
 * @example
 * syntheticInstruments().instruments.map((i) => i.id) // ["child_survey", "parent_survey", "staff_survey", "case_audit"]
 */
export function syntheticInstruments(file = "instruments.json"): InstrumentSet {
  return parseInstruments(JSON.stringify(SYNTHETIC_INSTRUMENTS_JSON), file);
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Exact LA-level truth of an item for latent quality q: share of positive responses (percent) and, on ordered
 * scales, the mean score.
 * @example
 * itemTruth(item, { intercept: 1, loading: 0.9 }, 0) // { sharePositive: 62.2…, meanScore: 3.6… }
 */
export function itemTruth(item: ItemDefinition, effect: ItemEffect, quality: number): { sharePositive: number; meanScore: number | null } {
  const scale = scaleById(item.scale);
  if (!scale) throw new InputError("itemTruth", "unknown scale", item.scale);
  const eta = effect.intercept + effect.loading * quality;
  const probs = responseProbabilities(item.scale, eta);
  let share = 0;
  let mean = 0;
  scale.responses.forEach((r, i) => {
    if (item.positive.includes(r)) share += probs[i];
    if (scale.scores) mean += probs[i] * scale.scores[i];
  });
  return { sharePositive: 100 * share, meanScore: scale.scores ? mean : null };
}

/** P(response = each code of the scale) under the latent model with location eta. */
function responseProbabilities(scale: string, eta: number): number[] {
  if (scale === "yesno") return [logistic(eta), 1 - logistic(eta)];
  if (scale === "likert5") {
    // P(Y > c) = P(y > κ_c) = logistic(eta − κ_c)
    const above = LIKERT_CUTS.map((k) => logistic(eta - k));
    return [1 - above[0], above[0] - above[1], above[1] - above[2], above[2] - above[3], above[3]];
  }
  if (scale === "audit4") {
    const above = AUDIT_CUTS.map((k) => logistic(eta - k)); // grade 4 − #{y > κ}
    return [above[2], above[1] - above[2], above[0] - above[1], 1 - above[0]];
  }
  throw new InputError("responseProbabilities", "unknown scale", scale);
}

function logisticDraw(rng: Rng): number {
  let u = rng.nextFloat();
  while (u === 0) u = rng.nextFloat();
  return Math.log(u / (1 - u));
}

function drawResponse(scale: string, eta: number, rng: Rng): string {
  const y = eta + logisticDraw(rng);
  if (scale === "yesno") return y > 0 ? "yes" : "no";
  if (scale === "likert5") return String(1 + LIKERT_CUTS.filter((k) => y > k).length);
  if (scale === "audit4") return String(4 - AUDIT_CUTS.filter((k) => y > k).length);
  throw new InputError("drawResponse", "unknown scale", scale);
}

/** An LA taking part in the pilot, with its latent service quality (standardised). */
export interface PilotArea {
  la_code: string;
  quality: number;
}

/** Generated records and the truth they were drawn from. */
export interface SyntheticPilotRecords {
  instruments: InstrumentSet;
  /** Records per instrument id, with raw (pre-pseudonymisation) synthetic ids. */
  records: Record<string, PilotRecord[]>;
  truth: {
    generator: string;
    version: string;
    seed: number;
    period: number;
    model: string;
    itemEffects: Record<string, ItemEffect>;
    blankRate: number;
    areas: { la_code: string; quality: number; respondents: Record<string, number>; indicators: Record<string, number> }[];
  };
}

/**
 * Generate record-level pilot data for the given LAs.
 * @throws InputError on an empty area list, a non-finite quality or duplicate LA codes
 * @example
 * const pilot = generatePilotRecords({ seed: 2019, period: 2023, areas: [{ la_code: "E06900001", quality: 0.4 }] });
 * pilot.records.child_survey.length;
 */
export function generatePilotRecords(options: { seed: number; period: number; areas: readonly PilotArea[] }): SyntheticPilotRecords {
  const { seed, period, areas } = options;
  if (areas.length === 0) throw new InputError("generatePilotRecords", "at least one area is needed", 0);
  if (new Set(areas.map((a) => a.la_code)).size !== areas.length) throw new InputError("generatePilotRecords", "LA codes must be distinct");
  for (const a of areas) if (!Number.isFinite(a.quality)) throw new InputError("generatePilotRecords", `quality of ${a.la_code} must be finite`, a.quality);
  const instruments = syntheticInstruments();
  const rng = createRng(seed);
  const records: Record<string, PilotRecord[]> = {};
  for (const ins of instruments.instruments) records[ins.id] = [];
  const truthAreas: SyntheticPilotRecords["truth"]["areas"] = [];
  areas.forEach((area, position) => {
    const respondents: Record<string, number> = {};
    const indicators: Record<string, number> = {};
    for (const ins of instruments.instruments) {
      const size = SYNTHETIC_SAMPLE_SIZES[ins.id];
      const planted = SMALL_SAMPLES.find((s) => s.position === position && s.instrument === ins.id);
      const n = planted ? planted.respondents : size.min + rng.nextInt(size.max - size.min + 1);
      respondents[ins.id] = n;
      for (let k = 1; k <= n; k++) {
        const rawId = `${RAW_ID_PREFIX[ins.id]}-${area.la_code}-${String(k).padStart(4, "0")}`;
        for (const item of ins.items) {
          const effect = SYNTHETIC_ITEM_EFFECTS[`${ins.id}/${item.id}`];
          const eta = effect.intercept + effect.loading * area.quality;
          const response = drawResponse(item.scale, eta, rng);
          const blank = ins.respondent !== "case-file" && rng.nextFloat() < BLANK_RATE;
          records[ins.id].push({ respondent_id: rawId, la_code: area.la_code, period, instrument: ins.id, item: item.id, response: blank ? "" : response });
        }
      }
      for (const item of ins.items) {
        const t = itemTruth(item, SYNTHETIC_ITEM_EFFECTS[`${ins.id}/${item.id}`], area.quality);
        indicators[pilotIndicatorId(item, "share_positive")] = t.sharePositive;
        if (t.meanScore !== null) indicators[pilotIndicatorId(item, "mean_score")] = t.meanScore;
      }
    }
    truthAreas.push({ la_code: area.la_code, quality: area.quality, respondents, indicators });
  });
  return {
    instruments,
    records,
    truth: {
      // the path when PILOT_GENERATOR_VERSION was fixed (now lib/synthetic/pilot-records.ts): same seed → same bytes
      generator: "lib/pilot/synthetic-records.ts generatePilotRecords",
      version: PILOT_GENERATOR_VERSION,
      seed,
      period,
      model:
        "latent y = intercept + loading * quality + standard logistic; likert5 = 1 + #{y > (-2, -1, 0.5, 2)}; yesno = yes if y > 0; " +
        "audit4 = 4 - #{y > (-1.5, 0, 1.5)}; indicators hold the exact LA-level truth (percent positive, mean score)",
      itemEffects: { ...SYNTHETIC_ITEM_EFFECTS },
      blankRate: BLANK_RATE,
      areas: truthAreas,
    },
  };
}

/**
 * Choose `count` LAs for the pilot, in their listed order, by a seeded draw without replacement.
 * @example
 * choosePilotAreas(areas, 20, 2019)
 */
export function choosePilotAreas<T>(areas: readonly T[], count: number, seed: number): T[] {
  if (!Number.isInteger(count) || count < 1 || count > areas.length) throw new InputError("choosePilotAreas", `count must be an integer in [1, ${areas.length}]`, count);
  const rng = createRng(seed);
  const idx = areas.map((_, i) => i);
  // partial Fisher–Yates
  for (let i = 0; i < count; i++) {
    const j = i + rng.nextInt(idx.length - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, count).sort((a, b) => a - b).map((i) => areas[i]);
}
