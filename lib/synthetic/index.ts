/**
 * Test-data generation, its own entry point (not on the root barrel): the synthetic LA package with a planted
 * truth (`vital-signs synth`) and the synthetic record-level pilot. The synthetic returns (SSDA903, CIN) live
 * beside them in ./returns-*.ts.
 *
 * @example
 * import { writeSyntheticPilot, syntheticParams } from "vital-signs-workbench/dist/synthetic";
 * writeSyntheticPilot("out/synth-7", syntheticParams(7));
 */
export {
  DEFAULT_SYNTH_SEED,
  SYNTH_CREATED,
  SYNTH_GENERATOR_VERSION,
  SYNTH_GRADE_LABELS,
  SYNTH_NAME_EXCLUDED,
  SYNTH_NAME_PREFIXES,
  SYNTH_NAME_SUFFIXES,
  SYNTH_OUTCOME,
  SYNTH_REGIONS,
  SYNTH_SUPPRESS_MAX,
  type SyntheticBase,
  type SyntheticIndicatorSpec,
  type SyntheticParams,
  type SyntheticRegion,
  type SyntheticRole,
} from "./params";
export { SYNTH_INDICATORS } from "./indicator-specs";
export { DEFAULT_SYNTH_PARAMS, syntheticParams } from "./default-params";
export type {
  SyntheticAreaTruth,
  SyntheticExpectation,
  SyntheticIndicatorTruth,
  SyntheticInspectionTruth,
  SyntheticPilot,
  SyntheticTruth,
} from "./truth";
export { sampleBinomial, samplePoisson, streamSeed } from "./sampling";
export { SYNTH_CODE_PATTERN, syntheticAreas } from "./areas";
export { attachedPeriod, gradeThresholds } from "./inspections";
export { SYNTHETIC_FRAMEWORK_OVERRIDES } from "./package-rows";
export { generateSyntheticPilot, writeSyntheticPilot, type SyntheticWriteResult } from "./generate";
export { syntheticReadme } from "./readme";
export {
  BLANK_RATE,
  DEFAULT_PILOT_LA_COUNT,
  DEFAULT_PILOT_SEED,
  PILOT_GENERATOR_VERSION,
  SMALL_SAMPLES,
  SYNTHETIC_INSTRUMENTS_JSON,
  SYNTHETIC_ITEM_EFFECTS,
  SYNTHETIC_SAMPLE_SIZES,
  choosePilotAreas,
  generatePilotRecords,
  itemTruth,
  syntheticInstruments,
  type ItemEffect,
  type PilotArea,
  type SampleSize,
  type SyntheticPilotRecords,
} from "./pilot-records";
export { SYNTHETIC_PILOT_CREATED, buildSyntheticPilotDataset, writeSyntheticPilotDataset } from "./pilot-dataset";
export { DEFAULT_PILOT_PERIOD, readPilotAreaQuality, toAreaRow, type AreaQuality } from "./area-quality";
