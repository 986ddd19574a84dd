/** The pilot survey: instruments, record import, pseudonymisation, the in-memory respondent hash (SipHash), tallies and pilot indicators. Public API of lib/pilot, re-exported by name from lib/index.ts. */
export {
  scaleById, parseInstruments, readInstruments, listItems, type ScaleDefinition, SCALES, type ItemDefinition,
  type InstrumentDefinition, type InstrumentSet, type ItemRef,
} from "./instruments";
export {
  type RecordField, RECORD_HEADER, MIN_PERIOD, MAX_PERIOD, MAX_PERIODS, type PilotRecord,
} from "./records";
export {
  tallyPilotRecords, type RecordSource, type PilotTally,
} from "./tally-records";
export {
  pilotIndicatorId, meanScoreInterval, estimatePilotIndicators, pilotCatalogue, pilotIndicatorRows, responseTable,
  type PilotIndicatorKind, NO_RESPONSES_STATUS, PILOT_SOURCE_PREFIX, type PilotEstimate,
} from "./indicators";
export {
  pseudonymise, resolvePseudonymKey, pseudonymiseRecordsCsv, PSEUDONYM_KEY_ENV, PSEUDONYM_PREFIX,
  PSEUDONYM_HEX_DIGITS, PSEUDONYM_RE, MIN_KEY_BYTES, type PseudonymKey,
} from "./pseudonymise";
export {
  mergePilotRows, mergePilotRowsCounted, pilotPackageContent, type PilotRows, type PilotMergeCounts,
} from "./merge";
export {
  findRecordFiles, importPilotRecords, writePseudonymisedRecords, type PilotImport,
} from "./import-pilot";
export { tallyPilotRecordFiles } from "./tally-records";
export { SipHash24, newSipHashKey, SIPHASH_KEY_BYTES } from "./siphash";
