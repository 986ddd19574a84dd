/**
 * The pilot tally as a stream consumer: bytes of record CSV files go in by chunks of any size (a whole file,
 * 1 MiB reads, single bytes), records are validated and counted as soon as they are complete, and the part
 * of a record that straddles two chunks is carried over. Memory holds the counts, the lookups, one carried
 * record and the respondent index (≈ 16–32 bytes per distinct respondent), never the file.
 *
 * A record is complete when the field scanner (lib/pilot/record-scan.ts, RFC 4180: quoted fields may hold
 * line breaks) reaches the line feed that ends it; until then it stays in the carry, so every record is
 * scanned exactly as it would be in the whole file. No error message repeats a respondent id. How resolved rows are
 * counted (respondent ids, the key, the rows waiting for new respondents) is lib/pilot/tally-counts.ts's. In plain
 * bytes (no quote, no carriage return) whose columns are in the schema's order, the rows are read in WebAssembly
 * (lib/pilot/plain-rows.ts) up to the first it cannot finish, which is read here as any other.
 */
import { MAX_PERIOD, MAX_PERIODS, MIN_PERIOD } from "./records";
import { parsePeriodCell } from "../data/periods";
import { blankEndedId, crAloneRecord, hasBlankEnd, NO_RECORDS_EXPECTED, tooLongRecord } from "./record-errors";
import { readRecordHeader } from "./record-header";
import { AFTER_QUOTE_PREVIEW_BYTES, errorText, FIELD_AFTER_QUOTE, FIELD_OK, fieldErrorLocation, newFieldState, sameBytes, scanFields, scanPlainFields, type FieldState } from "./record-scan";
import { RecordChunks } from "./record-chunks";
import { NOT_A_PERIOD, TOO_MANY_PERIODS } from "./tally-periods";
import type { InstrumentSet } from "./instruments";
import type { PilotTally } from "./tally-types";
import { PlainRowReader } from "./plain-rows";
import { NO_RESPONDENT, TallyCounts } from "./tally-counts";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const ROLE_ID = 0, ROLE_LA = 1, ROLE_PERIOD = 2, ROLE_INSTRUMENT = 3, ROLE_ITEM = 4, ROLE_RESPONSE = 5;
/**
 * Longest record (or header) carried between chunks: a pilot record is about 65 bytes, so only an
 * unterminated quote comes near this; without a limit it would carry the rest of the file in memory.
 */
export const MAX_RECORD_BYTES = 1 << 16;
/**
 * Bytes of a chunk whose rows are counted per countRows call (≈ 60 records): V8 then optimises countRows once, as a
 * function, instead of compiling it again for on-stack replacement in its loop over a 1 MiB chunk (≈ 19 ms more).
 */
const COUNT_STEP_BYTES = 1 << 12;

/** True when the columns are the record schema's six in its order (as the WebAssembly reader reads them). */
function inSchemaOrder(roleOf: Int32Array): boolean {
  return roleOf.length === 6 && roleOf.every((role, k) => role === k);
}

/**
 * Validates and counts pilot records fed by chunks: `beginFile`, `write` (any number of times), `endFile`, for
 * each file, then `finish`.
 * @example
 * const b = new PilotTallyBuilder(set, codes);
 * b.beginFile("records.csv");
 * for (const chunk of chunks) b.write(chunk);
 * b.endFile();
 * const tally = b.finish(); // throws DataErrors listing every invalid record
 */
export class PilotTallyBuilder extends TallyCounts {
  private readonly nextItem: Int32Array;
  /**
   * Reads the rows of plain bytes it can finish in WebAssembly (lib/pilot/plain-rows.ts), or null. Its context's
   * respondent and period index: `plainRid`, `plainPeriod`.
   */
  private readonly plainRows: PlainRowReader | null;
  private plainPeriod = -1;
  private readonly fields: FieldState = newFieldState();
  // the file being read from byte `byteBase` on (a part of it, lib/pilot/tally-blocks.ts)
  protected roleOf: Int32Array | null = null;
  protected skipFile = false;
  protected started = false;
  protected byteBase = 0;
  protected readonly chunks = new RecordChunks(MAX_RECORD_BYTES);
  protected readonly consumeRecords = (bytes: Uint8Array, final: boolean): number => this.consume(bytes, final);
  // the previous row's LA and instrument (byte ranges of the current chunk)
  private prevLaStart = -1;
  private prevLaEnd = -1;
  private prevLa = -1;
  private prevInsStart = -1;
  private prevInsEnd = -1;
  private prevIns = -1;
  /**
   * When the header's first columns are exactly id, LA, period and instrument (in any order), a row whose bytes
   * up to the comma after them equal the last validated row's (in the same plain bytes) has the same respondent,
   * LA, period and instrument: only its item and response are read. `prefixStart` < 0: no such row.
   */
  protected prefixCols = 0;
  private prefixStart = -1;
  private prefixLength = 0;
  private prefixLa = -1;
  private prefixPeriod = -1;
  private prefixIns = -1;

  /**
   * @param options `respondentKey`: the ids in the files are raw: each respondent is told apart by the SipHash-2-4
   *   of its id under this 16-byte key (lib/pilot/siphash.ts; a random key made for the run, newSipHashKey). Without
   *   it the ids are taken as they are (already pseudonymised). `expectedBytes`: the total size of the files, when
   *   known, to size the respondent index once. `wasmRows` false: every row is read in JavaScript (as where
   *   WebAssembly is missing).
   */
  constructor(instruments: InstrumentSet, areaCodes: readonly string[], options: { respondentKey?: Uint8Array; expectedBytes?: number; wasmRows?: boolean } = {}) {
    super(instruments, areaCodes, options);
    this.plainRows = options.wasmRows === false ? null : PlainRowReader.create(this.lk);
    this.nextItem = this.plainRows?.nextItem ?? new Int32Array(instruments.instruments.length);
  }

  /** Start reading a file (its name is used in error messages). */
  beginFile(file: string): void {
    this.settleRespondents();
    this.plainRows?.clear(); // the last file's bytes
    this.file = file;
    this.row = 0;
    this.roleOf = null;
    this.skipFile = false;
    this.started = false;
    this.byteBase = 0;
    this.chunks.reset();
  }

  /** Feed the next bytes of the current file. */
  write(chunk: Uint8Array): void {
    if (this.skipFile) return;
    if (!this.chunks.write(chunk, this.consumeRecords)) {
      this.fail(tooLongRecord(this.file, this.row + 1, MAX_RECORD_BYTES, chunk));
      this.skipFile = true;
    }
  }

  /** The current file has ended: read its last record (which may lack a final line feed). */
  endFile(): void {
    if (!this.skipFile) {
      if (this.chunks.pending > 0) this.chunks.end(this.consumeRecords);
      if (!this.started) this.fail({ file: this.file, row: 0, expected: "a header row" });
      else if (this.row === 0 && !this.skipFile) this.fail({ file: this.file, row: 1, expected: NO_RECORDS_EXPECTED });
    }
    this.settleRespondents();
  }

  /**
   * The counts of every file read.
   * @throws DataErrors with every invalid row (file, row, column, value, expected), up to 200 listed
   */
  finish(): PilotTally {
    this.settleRespondents();
    this.plainRows?.clear();
    this.errors.throwIfAny("tallyPilotRecords: invalid pilot records");
    const lk = this.lk;
    return { items: lk.items, areaCodes: lk.areaCodes, periods: this.periods.list, maxResponses: lk.maxResponses, counts: this.counts, unanswered: this.unanswered, records: this.records, respondents: this.respondents.size };
  }

  /** Read the complete records of `bytes` (the start of a record onwards); returns how many bytes were used. */
  private consume(bytes: Uint8Array, final: boolean): number {
    if (this.skipFile) return bytes.length; // refused part-way (its header, a line end): also a write's next call reads nothing
    let pos = 0;
    if (!this.started) {
      pos = this.readHeader(bytes, final);
      if (pos < 0) return 0;
      this.started = true;
      if (this.skipFile) return bytes.length;
    }
    const plain = this.beginChunk(bytes, pos);
    // the rows in steps of COUNT_STEP_BYTES: see there
    while (pos < bytes.length) {
      const stop = Math.min(bytes.length, pos + COUNT_STEP_BYTES);
      const next = this.countRows(bytes, pos, stop, final, plain);
      if (next < stop) return next; // a record goes on in the next chunk
      pos = next;
    }
    return bytes.length;
  }

  /**
   * Point the per-chunk caches at `bytes` (from `pos` on); returns whether those bytes hold no quote and no carriage
   * return (then the simpler scanner reads them). Searched through a Buffer view (memchr: ≈ 4 ms for 65 MB, where
   * Uint8Array.prototype.indexOf takes ≈ 40 ms).
   */
  private beginChunk(bytes: Uint8Array, pos: number): boolean {
    const search = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const plain = search.indexOf(QUOTE, pos) < 0 && search.indexOf(CR, pos) < 0;
    if (plain) this.fields.bytes.fill(bytes);
    this.cacheBytes = bytes;
    this.cacheView = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    this.prevLa = -1;
    this.prevIns = -1;
    this.prefixStart = -1;
    this.plainRows?.newBytes();
    return plain;
  }

  /** Read the header line; returns the position after it, or -1 when it is not complete yet. */
  private readHeader(bytes: Uint8Array, final: boolean): number {
    const header = readRecordHeader(bytes, final, this.file, (loc) => this.fail(loc));
    if (header === null) return -1;
    this.roleOf = header.roleOf;
    this.prefixCols = header.prefixCols;
    this.skipFile = !header.ok;
    return header.end;
  }

  /**
   * Count the complete records of `bytes` that start in [pos, stop) (`plain`: see beginChunk); returns where the next
   * record starts (≥ stop), or where the first incomplete one starts (< stop).
   */
  private countRows(bytes: Uint8Array, pos: number, stop: number, final: boolean, plain: boolean): number {
    const len = bytes.length;
    const roleOf = this.roleOf!;
    const nCols = roleOf.length;
    const fields = this.fields;
    const wasm = plain && this.plainRows !== null && this.prefixCols === 4 && inSchemaOrder(roleOf);
    while (pos < stop) {
      if (wasm && (pos = this.countPlainRows(bytes, pos)) >= stop) break;
      const samePrefix = plain && this.prefixStart >= 0 && this.repeatsPrefix(bytes, pos);
      let end: number;
      if (samePrefix) end = scanPlainFields(bytes, pos + this.prefixLength + 1, nCols, roleOf, fields, this.prefixCols);
      else end = plain ? scanPlainFields(bytes, pos, nCols, roleOf, fields) : scanFields(bytes, pos, nCols, roleOf, fields);
      // a CR ends a line only before an LF (or the file's end: a CR last in a chunk waits below for the next bytes); one
      // alone had ended the last field, and the rest of the line up to the next LF, records with it, was dropped unseen
      if (!plain && end + 1 < len && bytes[end] === CR && bytes[end + 1] !== LF) {
        this.fail(crAloneRecord(this.file, this.row + 1, this.byteBase + this.chunks.offset + end));
        this.skipFile = true;
        return len;
      }
      while (end < len && bytes[end] !== LF) end++;
      if (end >= len && !final) return pos; // the record goes on in the next chunk
      // the error preview after a bad closing quote runs on into the next bytes: wait for them, as a whole file has them
      if (!final && fields.error === FIELD_AFTER_QUOTE && fields.errorStart + AFTER_QUOTE_PREVIEW_BYTES > len) return pos;
      this.row++;
      this.records++;
      if (fields.error !== FIELD_OK) {
        this.prefixStart = -1;
        this.fail(fieldErrorLocation(fields, bytes, this.file, this.row, nCols)); // which never shows a respondent id
      } else if (samePrefix) this.countItem(this.prefixRid, this.prefixLa, this.prefixPeriod, this.prefixIns);
      else this.countRow(bytes, plain ? pos : -1);
      if (wasm) this.setPlainContext(bytes);
      pos = end + 1;
    }
    return pos;
  }

  /** Count the rows from `pos` on that the WebAssembly reader finishes (see plainRows); returns where the next starts. */
  private countPlainRows(bytes: Uint8Array, pos: number): number {
    const reader = this.plainRows!;
    for (let n = reader.scan(bytes, pos); n > 0; n = reader.scan(bytes, pos)) {
      this.countReadRows(bytes, reader.out, n, reader.base, this.plainPeriod);
      pos = reader.next;
    }
    return pos;
  }

  /** The WebAssembly reader's context becomes the prefix of the row just read in JavaScript (none when it has none). */
  private setPlainContext(bytes: Uint8Array): void {
    const f = this.fields;
    this.plainRows!.setContext(bytes, this.prefixStart, this.prefixLength, this.prefixLa, this.prefixIns, f.start[ROLE_PERIOD], f.end[ROLE_PERIOD]);
    if (this.prefixStart < 0) return;
    this.plainRid = this.prefixRid;
    this.plainPeriod = this.prefixPeriod;
  }

  /**
   * True when the row at `pos` starts with the bytes of the last validated row's prefix followed by a comma
   * (plain bytes: no quotes, so equal bytes are equal fields). Points the prefix fields' ranges at this row.
   */
  private repeatsPrefix(bytes: Uint8Array, pos: number): boolean {
    const n = this.prefixLength;
    const s = this.prefixStart;
    if (pos + n >= bytes.length || bytes[pos + n] !== COMMA) return false;
    // four bytes at a time, then the rest
    const view = this.cacheView!;
    const words = n & ~3;
    for (let i = 0; i < words; i += 4) if (view.getInt32(pos + i) !== view.getInt32(s + i)) return false;
    for (let i = words; i < n; i++) if (bytes[pos + i] !== bytes[s + i]) return false;
    const delta = pos - s;
    const f = this.fields;
    for (let k = 0; k < this.prefixCols; k++) {
      const role = this.roleOf![k];
      f.start[role] += delta;
      f.end[role] += delta;
    }
    this.prefixStart = pos;
    return true;
  }

  /**
   * Validate one well-formed row and count its response (or report the first rule it breaks). `rowStart`: where
   * the row starts in plain bytes (its prefix may then be reused by the next rows), or -1.
   */
  private countRow(bytes: Uint8Array, rowStart: number): void {
    this.prefixStart = -1;
    const rid = this.resolveRespondent();
    if (rid === NO_RESPONDENT) return;
    const la = this.resolveArea(bytes);
    if (la < 0) return;
    const p = this.resolvePeriod();
    if (p < 0) return;
    const ins = this.resolveInstrument(bytes);
    if (ins < 0) return;
    if (rowStart >= 0 && this.prefixCols > 0) {
      this.prefixStart = rowStart;
      this.prefixLength = this.fields.end[this.roleOf![this.prefixCols - 1]] - rowStart;
      this.prefixRid = rid;
      this.prefixLa = la;
      this.prefixPeriod = p;
      this.prefixIns = ins;
    }
    this.countItem(rid, la, p, ins);
  }

  /** Validate the item and response of a row whose respondent, LA, period and instrument are known; count it. */
  private countItem(rid: number, la: number, p: number, ins: number): void {
    const it = this.resolveItem(ins);
    if (it < 0) return;
    const response = this.resolveResponse(it);
    if (response !== -2) this.countResponse(rid, la, p, it, response);
  }

  /**
   * Dense respondent id of the row (its raw id hashed first, with a respondent key); NO_RESPONDENT after reporting
   * a blank id.
   */
  private resolveRespondent(): number {
    const f = this.fields;
    const b = f.bytes[ROLE_ID], s = f.start[ROLE_ID], e = f.end[ROLE_ID];
    const len = e - s;
    if (this.isPreviousId(b, s, e)) return this.previousIdIndex; // an id accepted on the row before (never empty): checked then, not again
    if (len === 0 || hasBlankEnd(b, s, e)) {
      this.fail(len > 0 ? blankEndedId(this.file, this.row) : { file: this.file, row: this.row, column: "respondent_id", value: "", expected: this.pending ? "a respondent id" : "a pseudonymous respondent id" });
      return NO_RESPONDENT;
    }
    return this.newRespondent(b, s, e);
  }

  /** LA index of the row, or -1 after reporting an unknown code. */
  private resolveArea(bytes: Uint8Array): number {
    const f = this.fields;
    const b = f.bytes[ROLE_LA], s = f.start[ROLE_LA], e = f.end[ROLE_LA];
    if (b === bytes && this.prevLa >= 0 && e - s === this.prevLaEnd - this.prevLaStart && sameBytes(bytes, s, this.prevLaStart, e - s)) return this.prevLa;
    const la = this.lk.areaIds.lookup(b, s, e);
    if (la < 0) {
      this.fail({ file: this.file, row: this.row, column: "la_code", value: errorText(b, s, e), expected: "an la_code listed in the areas of the package" });
      return -1;
    }
    if (b === this.cacheBytes) {
      this.prevLa = la;
      this.prevLaStart = s;
      this.prevLaEnd = e;
    } else this.prevLa = -1;
    return la;
  }

  /** Index of the row's period (an integer MIN_PERIOD..MAX_PERIOD; new periods widen the counts), or -1. */
  private resolvePeriod(): number {
    const f = this.fields;
    const b = f.bytes[ROLE_PERIOD], s = f.start[ROLE_PERIOD], e = f.end[ROLE_PERIOD];
    const p = this.periods.indexOf(b, s, e);
    if (p === NOT_A_PERIOD) {
      const got = errorText(b, s, e);
      // "2023-24" is read by add as 2024; here the period must be the year itself: say which (a user trial, round 27)
      const year = parsePeriodCell(got);
      const hint = year !== undefined && String(year) !== got.trim() ? ` (for ${got.trim()}, write ${year})` : "";
      this.fail({ file: this.file, row: this.row, column: "period", value: got, expected: `a year ending March as an integer from ${MIN_PERIOD} to ${MAX_PERIOD}${hint}` });
    } else if (p === TOO_MANY_PERIODS) {
      this.fail({ file: this.file, row: this.row, column: "period", value: errorText(b, s, e), expected: `at most ${MAX_PERIODS} distinct periods` });
    } else if (p === this.periodsCounted) this.widenCounts();
    return p < 0 ? -1 : p;
  }

  /** Index of the row's instrument, or -1 after reporting an unknown one. */
  private resolveInstrument(bytes: Uint8Array): number {
    const f = this.fields, lk = this.lk;
    const insB = f.bytes[ROLE_INSTRUMENT], insS = f.start[ROLE_INSTRUMENT], insE = f.end[ROLE_INSTRUMENT];
    let ins: number;
    if (insB === bytes && this.prevIns >= 0 && insE - insS === this.prevInsEnd - this.prevInsStart && sameBytes(bytes, insS, this.prevInsStart, insE - insS)) ins = this.prevIns;
    else {
      ins = lk.instrumentIds.lookup(insB, insS, insE);
      if (ins >= 0 && insB === this.cacheBytes) {
        this.prevIns = ins;
        this.prevInsStart = insS;
        this.prevInsEnd = insE;
      } else this.prevIns = -1;
    }
    if (ins < 0) {
      const ids = lk.instruments.instruments.map((i) => i.id).join(", ");
      this.fail({ file: this.file, row: this.row, column: "instrument", value: errorText(insB, insS, insE), expected: `an instrument defined in ${lk.instruments.file} (${ids})` });
      return -1;
    }
    return ins;
  }

  /** Global item index of the row's item of instrument `ins`, or -1 after reporting an unknown one. */
  private resolveItem(ins: number): number {
    const f = this.fields, lk = this.lk;
    const itB = f.bytes[ROLE_ITEM], itS = f.start[ROLE_ITEM], itE = f.end[ROLE_ITEM];
    // a respondent's items usually come in the instrument's order: try the one after the last seen first
    const items = lk.itemIds[ins];
    const predicted = this.nextItem[ins];
    const local = items.matches(predicted, itB, itS, itE) ? predicted : items.lookup(itB, itS, itE);
    if (local < 0) {
      const def = lk.instruments.instruments[ins];
      this.fail({ file: this.file, row: this.row, column: "item", value: errorText(itB, itS, itE), expected: `an item of instrument "${def.id}" (${def.items.map((it) => it.id).join(", ")})` });
      return -1;
    }
    this.nextItem[ins] = local + 1 === items.size ? 0 : local + 1;
    return lk.firstItem[ins] + local;
  }

  /** Response index on item `it`'s scale, -1 for blank, -2 after reporting a code not on the scale. */
  private resolveResponse(it: number): number {
    const f = this.fields;
    const b = f.bytes[ROLE_RESPONSE], s = f.start[ROLE_RESPONSE], e = f.end[ROLE_RESPONSE];
    if (e === s) return -1;
    // one-byte codes (Likert points, audit grades) through a direct table, longer ones through the interner
    const response = e === s + 1 ? this.lk.singleByteResponse[it * 256 + b[s]] : this.lk.responseIds[it].lookup(b, s, e);
    if (response >= 0) return response;
    const sc = this.lk.items[it].scale;
    const got = errorText(b, s, e);
    // "Yes" for yes, " 4" for 4: say that codes are compared exactly (a user trial, round 27)
    const near = sc.responses.find((r) => r !== got && r.toLowerCase() === got.trim().toLowerCase());
    this.fail({ file: this.file, row: this.row, column: "response", value: got, expected: `a response on scale ${sc.id} (${sc.responses.join(", ")}) or blank${near === undefined ? "" : `; codes are compared exactly: "${near}", not "${got}"`}` });
    return -2;
  }
}
