/**
 * The record-level pilot CSV: one row per response to one item (a survey answer, or one audited case's
 * grade on one audit item).
 *
 * | column | meaning |
 * |---|---|
 * | `respondent_id` | pseudonymous id of the respondent or audited case (never a raw identifier once imported) |
 * | `la_code` | ONS code of the local authority the record belongs to |
 * | `period` | year ending 31 March the pilot ran in (integer, e.g. 2024) |
 * | `instrument` | instrument id from the instrument definition file |
 * | `item` | item id within the instrument |
 * | `response` | response code on the item's scale; blank = not answered |
 *
 * Rules (each broken rule is a DataError with file, row, column, value, expected): exactly these six columns,
 * in any order and nothing else (no free-text or identifying columns travel with the data); a known LA; an
 * integer period 1990–2100; a known instrument and item; a response on the item's scale (or blank); a
 * non-blank respondent id; one response per respondent, period, instrument and item.
 */
import { RECORD_FIELDS } from "../disclosure/record-fields";

/** Column names of the record CSV, in the order this library writes them (defined with the disclosure rules). */
export { RECORD_FIELDS };
export type RecordField = (typeof RECORD_FIELDS)[number];

/** The header line this library writes (the disclosure scanner looks for it in exported files). */
export const RECORD_HEADER = RECORD_FIELDS.join(",");

/** Smallest and largest accepted period (as in the data-package schema). */
export const MIN_PERIOD = 1990;
export const MAX_PERIOD = 2100;

/** Most distinct periods one aggregation accepts (a pilot runs for a few years, not decades). */
export const MAX_PERIODS = 64;

/** Validation stops collecting after this many errors (the total is still counted and reported). */
export const MAX_REPORTED_ERRORS = 200;

/** One record as plain text cells (used by the generator and the import step; never exported). */
export interface PilotRecord {
  respondent_id: string;
  la_code: string;
  period: number;
  instrument: string;
  item: string;
  response: string;
}
