/**
 * National record-level CIN episodes → LA × collection-year counts, streamed with bounded working memory.
 *
 * Input: a CSV of one row per referral (CIN episode) — `la_code,child_id,referral_date,closure_date` with ISO
 * dates `yyyy-mm-dd` and a blank closure date while open — as a national or regional extract of several
 * years of CIN census records would be laid out. The definitions are those of `cinCounts` (lib/returns/
 * cin-indicators): a referral is counted once per child and date; a re-referral is one 1 to 365 days after the
 * child's previous referral; a child is in need at 31 March when a referral on or before that day is not closed
 * by it.
 *
 * How it stays fast and small: the file is read in chunks of bytes and parsed without splitting lines into
 * strings; each row becomes four numbers in growable typed arrays (LA index, child index, referral day,
 * closure day), child identifiers are interned per LA (the identifier strings are the only per-child objects);
 * rows are grouped by child with a counting sort (linear), and each child's few referrals ordered by insertion.
 */
import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import { asciiDigitsValue } from "../data/ascii-digits";
import { firstInvalidUtf8, notUtf8Error } from "../data/csv";
import { readWholeRecords } from "../data/whole-records";
import { DataError, DataErrors } from "../errors";
import { collectionYearOf, dayNumber } from "./dates";
import { loggableValue } from "./import-issues";
import { REREFERRAL_MAX_DAYS } from "./cin-indicators";

/** Bytes read per chunk (4 MiB). */
const CHUNK_BYTES = 4 << 20;
/** Closure day of an open referral (after any real day). */
const OPEN = 0x7fffffff;
/** Errors collected before giving up on a file. */
const MAX_ERRORS = 100;
/** The columns, in order. */
export const CIN_EPISODE_COLUMNS = ["la_code", "child_id", "referral_date", "closure_date"] as const;

/** Counts of one LA and collection year (year ending 31 March). */
export interface CinEpisodeCounts {
  laCode: string;
  period: number;
  /** Referrals in the year (one per child and date). */
  referrals: number;
  /** Of them, within 365 days of the child's previous referral. */
  rereferrals: number;
  /** Children with a referral open at 31 March. */
  childrenInNeed31March: number;
  /** Whether the file has the previous collection year's referrals (without them re-referrals are undercounted). */
  history: boolean;
}

/** Growable columns of the rows read. */
class EpisodeColumns {
  n = 0;
  la = new Uint16Array(1 << 16);
  child = new Int32Array(1 << 16);
  referral = new Int32Array(1 << 16);
  closure = new Int32Array(1 << 16);

  push(la: number, child: number, referral: number, closure: number): void {
    if (this.n === this.la.length) this.grow();
    const i = this.n++;
    this.la[i] = la;
    this.child[i] = child;
    this.referral[i] = referral;
    this.closure[i] = closure;
  }

  private grow(): void {
    const size = this.la.length * 2;
    const copy = <T extends Uint16Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
    this.la = copy(this.la, new Uint16Array(size));
    this.child = copy(this.child, new Int32Array(size));
    this.referral = copy(this.referral, new Int32Array(size));
    this.closure = copy(this.closure, new Int32Array(size));
  }
}

/** What reading the file gives: the columns, the LA codes and how many children were interned. */
interface EpisodeRows {
  columns: EpisodeColumns;
  laCodes: string[];
  children: number;
}

/**
 * ../data/ascii-digits.ts asciiDigitsValue as a module constant: called three times a row, an imported binding is
 * a load from the other module's exports object on each call (lib/pilot/tally-periods.ts says what V8 made of one).
 */
const digitsAt = asciiDigitsValue;

/** Day number of an ISO date in bytes[from, to); undefined when not a real date `yyyy-mm-dd`. */
function isoDayAt(bytes: Uint8Array, from: number, to: number): number | undefined {
  if (to - from !== 10 || bytes[from + 4] !== 45 || bytes[from + 7] !== 45) return undefined;
  const y = digitsAt(bytes, from, from + 4);
  const m = digitsAt(bytes, from + 5, from + 7);
  const d = digitsAt(bytes, from + 8, from + 10);
  return y < 0 || m < 0 || d < 0 ? undefined : dayNumber(y, m, d);
}

/** Parses rows of bytes into columns, interning LAs and children. */
class EpisodeRowParser {
  readonly columns = new EpisodeColumns();
  readonly laCodes: string[] = [];
  private readonly laIndex = new Map<string, number>();
  private readonly childIndex: Map<string, number>[] = [];
  children = 0;
  readonly errors: DataError[] = [];
  private readonly fieldEnds = new Int32Array(CIN_EPISODE_COLUMNS.length);

  constructor(private readonly file: string) {}

  /** One line bytes[from, to) (no line break), data row number `row`. */
  line(bytes: Buffer, from: number, to: number, row: number): void {
    if (to > from && bytes[to - 1] === 13) to--;
    if (to === from) return;
    let fields = 0;
    for (let i = from; i < to && fields <= CIN_EPISODE_COLUMNS.length; i++) if (bytes[i] === 44) this.fieldEnds[fields++] = i;
    if (fields !== CIN_EPISODE_COLUMNS.length - 1) return this.error(row, "(row)", `${fields + 1} fields`, `${CIN_EPISODE_COLUMNS.length} fields: ${CIN_EPISODE_COLUMNS.join(",")}`);
    const [laEnd, childEnd, referralEnd] = this.fieldEnds;
    if (laEnd === from) return this.error(row, "la_code", "", "an LA code");
    if (childEnd === laEnd + 1) return this.error(row, "child_id", "", "a child identifier");
    const referral = isoDayAt(bytes, childEnd + 1, referralEnd);
    if (referral === undefined) return this.error(row, "referral_date", bytes.toString("utf8", childEnd + 1, referralEnd), "a date yyyy-mm-dd");
    let closure = OPEN;
    if (to > referralEnd + 1) {
      const c = isoDayAt(bytes, referralEnd + 1, to);
      if (c === undefined || c < referral) return this.error(row, "closure_date", bytes.toString("utf8", referralEnd + 1, to), "a date yyyy-mm-dd on or after the referral date, or blank");
      closure = c;
    }
    const la = this.internLa(bytes.toString("utf8", from, laEnd));
    const id = bytes.toString("utf8", laEnd + 1, childEnd);
    const children = this.childIndex[la];
    let child = children.get(id);
    if (child === undefined) children.set(id, (child = this.children++));
    this.columns.push(la, child, referral, closure);
  }

  private internLa(code: string): number {
    let la = this.laIndex.get(code);
    if (la === undefined) {
      this.laIndex.set(code, (la = this.laCodes.length));
      this.laCodes.push(code);
      this.childIndex.push(new Map());
    }
    return la;
  }

  private error(row: number, column: string, value: string, expected: string): void {
    this.errors.push(new DataError({ file: this.file, row, column, value: loggableValue(column, value), expected }));
    if (this.errors.length >= MAX_ERRORS) throw new DataErrors(this.errors, "readCinEpisodeRows");
  }
}

/** Read the file in chunks; the header must be the four columns. */
function readCinEpisodeRows(file: string, chunkBytes: number): EpisodeRows {
  const parser = new EpisodeRowParser(file);
  const fd = fs.openSync(file, "r");
  let row = -1; // the header is row 0
  let position = 0; // of the buffer's first byte in the file
  try {
    readWholeRecords(fd, chunkBytes, (buf, filled) => buf.lastIndexOf(10, filled - 1) + 1, (buffer, end, last) => {
      // whole lines, so no character is cut; ids decoded with U+FFFD for bad bytes could make two children one
      if (!isUtf8(buffer.subarray(0, end))) throw new DataErrors([...parser.errors, chunkNotUtf8Error(file, buffer, end, position, row)], "readCinEpisodeRows");
      position += end;
      let start = 0;
      for (let nl = buffer.indexOf(10, 0); nl >= 0 && nl < end; nl = buffer.indexOf(10, start)) {
        if (++row === 0) checkHeader(file, buffer.toString("utf8", 0, nl));
        else parser.line(buffer, start, nl, row);
        start = nl + 1;
      }
      // the last line of a file may end without a line feed
      if (last && start < end) row === -1 ? checkHeader(file, buffer.toString("utf8", 0, end)) : parser.line(buffer, start, end, row + 1);
    });
  } finally {
    fs.closeSync(fd);
  }
  if (row === -1) checkHeader(file, "");
  if (parser.errors.length > 0) throw new DataErrors(parser.errors, "readCinEpisodeRows");
  return { columns: parser.columns, laCodes: parser.laCodes, children: parser.children };
}

/**
 * The error for the first byte of buffer[0, end) that is not UTF-8, at `position` in the file, the line before the
 * buffer's first being row `row`: it names the byte's value, offset, row and column, not the field (an id).
 */
function chunkNotUtf8Error(file: string, buffer: Buffer, end: number, position: number, row: number): DataError {
  const at = firstInvalidUtf8(buffer.subarray(0, end));
  let lineStart = 0;
  for (let nl = buffer.indexOf(10); nl >= 0 && nl < at; nl = buffer.indexOf(10, nl + 1)) {
    row++;
    lineStart = nl + 1;
  }
  let field = 0;
  for (let k = lineStart; k < at; k++) if (buffer[k] === 44) field++;
  const column = row + 1 === 0 ? undefined : (CIN_EPISODE_COLUMNS[field] ?? `field ${field + 1}`);
  return notUtf8Error(file, row + 1, column, buffer[at], position + at, "re-save the file as UTF-8");
}

/**
 * The first line must be the header. One that is not is named by its number of fields, not quoted: a file without
 * its header starts with a record, a child's id and dates (quoted, they reached the message and the logs).
 */
function checkHeader(file: string, line: string): void {
  const header = line.replace(/^\uFEFF/, "").trim().toLowerCase();
  if (header === CIN_EPISODE_COLUMNS.join(",")) return;
  const fields = header === "" ? 0 : header.split(",").length;
  const value = fields === 0 ? "an empty first line" : `a first line of ${fields} field${fields === 1 ? "" : "s"} (not quoted: it may be a record)`;
  throw new DataErrors([new DataError({ file, row: 0, value, expected: `the header ${CIN_EPISODE_COLUMNS.join(",")}` })], "readCinEpisodeRows");
}

/** Row indices grouped by child (counting sort), each child's rows by referral date: `order` and `start[child]`. */
function groupByChild(rows: EpisodeRows): { order: Int32Array; start: Int32Array } {
  const { columns, children } = rows;
  const start = new Int32Array(children + 1);
  for (let i = 0; i < columns.n; i++) start[columns.child[i] + 1]++;
  for (let c = 0; c < children; c++) start[c + 1] += start[c];
  const next = start.slice(0, children);
  const order = new Int32Array(columns.n);
  for (let i = 0; i < columns.n; i++) order[next[columns.child[i]]++] = i;
  const ref = columns.referral;
  for (let c = 0; c < children; c++) {
    for (let k = start[c] + 1; k < start[c + 1]; k++) {
      const v = order[k];
      let j = k - 1;
      while (j >= start[c] && ref[order[j]] > ref[v]) order[j + 1] = order[j--];
      order[j + 1] = v;
    }
  }
  return { order, start };
}

/**
 * The collection year of a day among consecutive years from `firstYear` whose 31 March days are `ends`: the rule of
 * dates.ts collectionYearOf (the year ending on the first 31 March on or after the day), by comparing the day with
 * the few year ends instead of making a calendar date of it, as that would for each of millions of rows.
 */
function collectionYearAmongEnds(day: number, firstYear: number, ends: readonly number[]): number {
  let y = firstYear;
  while (y - firstYear < ends.length && day > ends[y - firstYear]) y++;
  return y;
}

/**
 * Count referrals, re-referrals and children in need at 31 March by LA and collection year from a CSV of
 * record-level CIN episodes (columns {@link CIN_EPISODE_COLUMNS}). Definitions as `cinCounts`.
 * @throws DataErrors naming file, row, column and value for a bad header or malformed rows (child identifiers are withheld)
 * @param chunkBytes bytes read at a time (a line longer than this grows the buffer)
 * @example
 * tallyCinEpisodeRows("cin_episodes.csv").find((c) => c.laCode === "E09000001" && c.period === 2023)?.rereferrals
 */
export function tallyCinEpisodeRows(file: string, chunkBytes = CHUNK_BYTES): CinEpisodeCounts[] {
  const rows = readCinEpisodeRows(file, chunkBytes);
  const { columns } = rows;
  if (columns.n === 0) return [];
  let minDay = OPEN;
  let maxDay = -OPEN;
  for (let i = 0; i < columns.n; i++) {
    minDay = Math.min(minDay, columns.referral[i]);
    maxDay = Math.max(maxDay, columns.referral[i]);
  }
  const march31 = (y: number) => dayNumber(y, 3, 31)!;
  const firstYear = collectionYearOf(minDay);
  const ends: number[] = [];
  for (let y = firstYear; ends.length === 0 || ends[ends.length - 1] < maxDay; y++) ends.push(march31(y));
  const years = ends.length;
  const nLa = rows.laCodes.length;
  const referrals = new Int32Array(nLa * years);
  const rereferrals = new Int32Array(nLa * years);
  const open = new Int32Array(nLa * years);
  const { order, start } = groupByChild(rows);
  const openYears = new Uint8Array(years);
  for (let c = 0; c < rows.children; c++) {
    if (start[c] === start[c + 1]) continue;
    const la = columns.la[order[start[c]]];
    openYears.fill(0);
    let prev = -OPEN;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const i = order[k];
      const d = columns.referral[i];
      const close = columns.closure[i];
      for (let y = collectionYearAmongEnds(d, firstYear, ends) - firstYear; y < years && close > ends[y]; y++) openYears[y] = 1;
      if (d === prev) continue;
      const y = collectionYearAmongEnds(d, firstYear, ends) - firstYear;
      referrals[la * years + y]++;
      if (d - prev >= 1 && d - prev <= REREFERRAL_MAX_DAYS) rereferrals[la * years + y]++;
      prev = d;
    }
    for (let y = 0; y < years; y++) open[la * years + y] += openYears[y];
  }
  const out: CinEpisodeCounts[] = [];
  const order2 = rows.laCodes.map((code, la) => ({ code, la })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const { code, la } of order2) {
    for (let y = 0; y < years; y++) {
      const k = la * years + y;
      out.push({ laCode: code, period: firstYear + y, referrals: referrals[k], rereferrals: rereferrals[k], childrenInNeed31March: open[k], history: y > 0 });
    }
  }
  return out;
}
