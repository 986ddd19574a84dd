/**
 * The minimised records read from SSDA903 tables (lib/returns/read-ssda903), in a file of their own so that the
 * row readers (ssda903-row-readers) and readSsda903, which imports them, share them without an import cycle.
 */
import type { Ssda903Table } from "./ssda903-tables";


/** One input file, attributed to an LA and collection year. */
export interface AttributedFile {
  /** Path to read. */
  path: string;
  /** Name used in messages and the log (relative to the input folder). */
  name: string;
  la: string;
  year: number;
}

/** An SSDA903 file and the table it holds. */
export interface Ssda903File extends AttributedFile {
  table: Ssda903Table;
  /** When its name names another table than the one its columns made it: what it was read as (detectSsda903Table). */
  readAs?: string;
}

/** One episode of care, minimised. `end` is null while open. */
export interface ClaEpisode {
  child: string;
  start: number;
  end: number | null;
  rne: string;
  ls: string;
  place: string;
  /** Where it was read (for messages). */
  file: string;
  row: number;
}

/** A missing (M) or away (A) incident. */
export interface MissingIncident {
  child: string;
  kind: string;
  start: number;
}

/** One care leaver row of OC3. */
export interface CareLeaverRecord {
  child: string;
  birthMonth: number;
  inTouch: string;
  activity: string;
  accommodation: string;
}

/** One OC2 row (children looked after continuously for 12 months at 31 March): the outcomes the indicators use. */
export interface Oc2Record {
  child: string;
  /** Month of birth, or null when OC2's DOB is missing or not a date (left out of the age-based convictions cohort). */
  birthMonth: number | null;
  /** CONVICTED: "1", "0" or "" (not recorded). */
  convicted: string;
  /** SUBSTANCE_MISUSE: "1", "0" or "". */
  substanceMisuse: string;
}

/** What one LA's SSDA903 files say over one run of consecutive collection years, merged over its years. */
export interface ClaLaData {
  la: string;
  /** Collection years of the run (each with an Episodes table), consecutive. */
  years: number[];
  /** Month of birth by child pseudonym (year × 12 + month − 1); a child whose Header gives none is absent. */
  birthMonth: Map<string, number>;
  /** Episodes by child, sorted by start, without overlaps, merged over the run's years (a child's history included). */
  episodes: Map<string, ClaEpisode[]>;
  /**
   * The children each year's Episodes table lists (ssda903-year-children): the children counted in that year. Another
   * year's episodes of a child are its history, never a reason to count it in a year whose return does not list it.
   */
  listed: Map<number, ReadonlySet<string>>;
  missing: Map<number, MissingIncident[]>;
  careLeavers: Map<number, CareLeaverRecord[]>;
  outcomes: Map<number, Oc2Record[]>;
  /** Tables present by year. */
  tables: Map<number, Set<Ssda903Table>>;
}
