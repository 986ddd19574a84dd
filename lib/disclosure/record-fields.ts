/**
 * The columns of record-level pilot data (one row per response or audited case). They are defined here, in
 * the disclosure layer, because they are what must never leave the import step: the scanner looks for them
 * in exported files, and lib/pilot reads and writes record files with exactly these columns.
 */
export const RECORD_FIELDS = ["respondent_id", "la_code", "period", "instrument", "item", "response"] as const;
