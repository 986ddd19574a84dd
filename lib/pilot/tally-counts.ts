/**
 * The counts of a pilot tally and how a row whose fields are resolved is counted: responses per (LA, period, item),
 * blanks, the items each respondent answered (a second record is reported), new respondents' dense ids, and the
 * problems found. With a respondent key, respondent ids are raw ids: each respondent is told apart by the keyed 64-bit
 * hash of its id (SipHash-2-4, lib/pilot/siphash-batch.ts), which never leaves the process. New respondents are hashed
 * and looked up in the respondent index 32 at a time (lib/pilot/pending-respondents.ts: their cache misses overlap),
 * the rows waiting for them counted afterwards in the order read. Reading the bytes is lib/pilot/tally-builder.ts's
 * (which extends this class); rows read in WebAssembly (lib/pilot/plain-rows.ts) are counted by {@link
 * TallyCounts.countReadRows}.
 */
import { RecordErrors, type RecordProblem } from "./record-errors";
import { AnsweredItems } from "./answered-items";
import { TallyPeriods } from "./tally-periods";
import { RespondentIndex } from "./respondent-index";
import { PendingRespondents, WAITING_ROW_WORDS } from "./pending-respondents";
import type { InstrumentSet } from "./instruments";
import { buildTallyLookups, type TallyLookups } from "./tally-lookups";

/** A respondent id that was rejected (dense ids are ≥ 0, pending ones < -1). */
export const NO_RESPONDENT = -1;
/** About one new respondent per 4 records of about 60 bytes (a survey's items): sizes the respondent index. */
const BYTES_PER_NEW_RESPONDENT = 240;
/** Respondent ids up to this length are remembered for the next row (records come grouped by respondent). */
const PREVIOUS_ID_BYTES = 256;
/** Words per row read in WebAssembly (lib/pilot/plain-rows-layout.ts). */
const READ_ROW_WORDS = 4;

/** The counts of a tally, and the counting of resolved rows (see the module's comment). */
export class TallyCounts {
  protected readonly lk: TallyLookups;
  private readonly groupsPerPeriod: number;
  protected counts: Float64Array;
  protected unanswered: Float64Array;
  protected readonly periods = new TallyPeriods();
  /** Periods the counts have room for. */
  protected periodsCounted = 0;
  protected readonly answered: AnsweredItems;
  protected readonly respondents: RespondentIndex;
  /**
   * With a respondent key: new respondents hashed and looked up 32 at a time, and the rows waiting for them
   * (lib/pilot/pending-respondents.ts); null: the ids are taken as they are.
   */
  protected readonly pending: PendingRespondents | null;
  protected errors = new RecordErrors();
  protected records = 0;
  // the file being read, and its rows so far
  protected file = "";
  protected row = 0;
  // the previous row's respondent id (a copy)
  private readonly previousId = new Uint8Array(PREVIOUS_ID_BYTES);
  private previousIdLength = -1;
  protected previousIdIndex = -1;
  /** The bytes being read and a view of them reading 4 bytes at a time (ids copied to the hash). */
  protected cacheBytes: Uint8Array | null = null;
  protected cacheView: DataView | null = null;
  /** Respondents the reader keeps for later rows (a dense id, or a pending one until settled): the prefix's, the WebAssembly reader's context's. */
  protected prefixRid = NO_RESPONDENT;
  protected plainRid = NO_RESPONDENT;
  // rows read in WebAssembly not counted yet: readOut's rows readFrom..readTo − 1, row numbers readRow + k, period index readPeriod
  private readOut = new Int32Array(0);
  private readFrom = 0;
  private readTo = 0;
  private readRow = 0;
  private readPeriod = 0;

  /** See PilotTallyBuilder's constructor. */
  constructor(instruments: InstrumentSet, areaCodes: readonly string[], options: { respondentKey?: Uint8Array; expectedBytes?: number }) {
    this.respondents = new RespondentIndex(Math.ceil((options.expectedBytes ?? 0) / BYTES_PER_NEW_RESPONDENT));
    this.lk = buildTallyLookups(instruments, areaCodes);
    this.groupsPerPeriod = areaCodes.length * this.lk.items.length;
    this.counts = new Float64Array(this.groupsPerPeriod * this.lk.maxResponses);
    this.unanswered = new Float64Array(this.groupsPerPeriod);
    this.answered = new AnsweredItems(this.lk.items.length);
    this.pending = options.respondentKey ? new PendingRespondents(options.respondentKey) : null;
  }

  /** Report a problem of the current row. */
  protected fail(loc: RecordProblem): void {
    this.settleRespondents(); // the rows before this one are counted first, their messages listed first
    this.errors.add(loc);
  }

  /**
   * Give the pending new respondents their dense ids and count the rows waiting for them, in order (before a message
   * is listed, at the end of a file or block, or when the queue is full).
   */
  protected settleRespondents(): void {
    const q = this.pending;
    if (q === null || (q.count === 0 && q.rowCount === 0 && this.readFrom === this.readTo)) return;
    q.resolve(this.respondents);
    const rows = q.rows, words = WAITING_ROW_WORDS;
    for (let r = 0, w = 0; r < q.rowCount; r++, w += words) this.tallyRow(q.idOf(rows[w]), rows[w + 1], rows[w + 2], rows[w + 3], rows[w + 4]);
    this.countRead(q);
    if (this.prefixRid < NO_RESPONDENT) this.prefixRid = q.idOf(this.prefixRid);
    if (this.previousIdIndex < NO_RESPONDENT) this.previousIdIndex = q.idOf(this.previousIdIndex);
    if (this.plainRid < NO_RESPONDENT) this.plainRid = q.idOf(this.plainRid);
    q.clear();
  }

  /**
   * Count the `n` rows the WebAssembly reader read (lib/pilot/plain-rows.ts: 4 words each in `out`, an id's range
   * relative to `base` in `bytes`) in period index `p`, the rows after the current one. A row that starts a new prefix
   * has its respondent looked up (a new one waits, as in countResponse); the others are `plainRid`'s.
   */
  protected countReadRows(bytes: Uint8Array, out: Int32Array, n: number, base: number, p: number): void {
    this.readOut = out;
    this.readFrom = this.readTo = 0;
    this.readRow = this.row + 1;
    this.readPeriod = p;
    for (let r = 0, w = 0; r < n; r++, w += READ_ROW_WORDS) {
      if (out[w] >= 0) {
        this.readTo = r; // the rows before are counted if this respondent settles the pending ones
        this.plainRid = this.respondentOf(bytes, out[w] + base, out[w + 1] + base);
      }
      out[w] = this.plainRid;
    }
    this.readTo = n;
    this.row += n;
    this.records += n;
    if (this.pending !== null) this.settleRespondents();
    else this.countRead(null);
  }

  /** Count the rows read in WebAssembly from readFrom to readTo (their respondents' dense ids given by `q`, or dense). */
  private countRead(q: PendingRespondents | null): void {
    const out = this.readOut, p = this.readPeriod, lk = this.lk;
    const areas = lk.areaCodes.length, items = lk.items.length, m = lk.maxResponses;
    for (let r = this.readFrom, w = r * READ_ROW_WORDS; r < this.readTo; r++, w += READ_ROW_WORDS) {
      const code = out[w + 3], it = code >>> 16, response = (code & 0xffff) - 1;
      const g = (p * areas + out[w + 2]) * items + it;
      this.tallyRow(q === null ? out[w] : q.idOf(out[w]), p, it, response < 0 ? -1 - g : g * m + response, this.readRow + r);
    }
    this.readFrom = this.readTo;
  }

  /** Count response `response` (-1: blank) of item `it` for respondent `rid` (a dense id or a pending one) in LA `la`, period index `p`. */
  protected countResponse(rid: number, la: number, p: number, it: number, response: number): void {
    const g = (p * this.lk.areaCodes.length + la) * this.lk.items.length + it;
    const cell = response < 0 ? -1 - g : g * this.lk.maxResponses + response;
    const q = this.pending;
    if (rid >= 0 && (q === null || q.rowCount === 0)) this.tallyRow(rid, p, it, cell, this.row);
    else {
      // a new respondent's row, or one after it (only with a respondent key): counted in order once the new
      // respondents have their ids
      q!.wait(rid, p, it, cell, this.row);
      if (q!.full) this.settleRespondents();
    }
  }

  /** Count a response (`cell` ≥ 0: its place in counts; else −1 − its group in unanswered), unless respondent `rid` answered the item already. */
  private tallyRow(rid: number, p: number, it: number, cell: number, row: number): void {
    if (!this.markAnswered(p, rid, it, row)) return;
    if (cell < 0) this.unanswered[-1 - cell]++;
    else this.counts[cell]++;
  }

  /** True when bytes[s, e) are the previous row's respondent id. */
  protected isPreviousId(b: Uint8Array, s: number, e: number): boolean {
    const len = e - s;
    if (len !== this.previousIdLength) return false;
    const prev = this.previousId;
    for (let i = 0; i < len; i++) if (prev[i] !== b[s + i]) return false;
    return true;
  }

  /** Dense (or pending) id of the respondent whose id, checked, is bytes[s, e). */
  protected respondentOf(b: Uint8Array, s: number, e: number): number {
    return this.isPreviousId(b, s, e) ? this.previousIdIndex : this.newRespondent(b, s, e);
  }

  /** {@link respondentOf} for an id that is not the previous row's. */
  protected newRespondent(b: Uint8Array, s: number, e: number): number {
    const len = e - s;
    const prev = this.previousId;
    let rid: number;
    const q = this.pending;
    if (q !== null) {
      if (!q.fits(len)) this.settleRespondents();
      rid = q.add(b, s, e, b === this.cacheBytes ? this.cacheView : null); // hashed, and its dense id given, once settled
    } else rid = this.respondents.intern(b, s, e);
    if (len <= PREVIOUS_ID_BYTES) {
      for (let i = 0; i < len; i++) prev[i] = b[s + i];
      this.previousIdLength = len;
      this.previousIdIndex = rid;
    } else this.previousIdLength = -1;
    return rid;
  }

  /** Room in the counts for one more period (the one just added). */
  protected widenCounts(): void {
    const periods = ++this.periodsCounted;
    const counts = new Float64Array(periods * this.groupsPerPeriod * this.lk.maxResponses);
    counts.set(this.counts);
    this.counts = counts;
    const unanswered = new Float64Array(periods * this.groupsPerPeriod);
    unanswered.set(this.unanswered);
    this.unanswered = unanswered;
  }

  /** Record that respondent `rid` answered item `it` in period index `p` (row `row`); false after reporting a second record. */
  private markAnswered(p: number, rid: number, it: number, row: number): boolean {
    if (!this.answered.mark(p, rid, it)) {
      const ref = this.lk.items[it];
      // the id itself is not repeated in the message: error logs carry no record-level identifiers
      const period = this.periods.list[p];
      this.errors.add({ file: this.file, row, column: "respondent_id", expected: `one record per respondent, period and item (a second record for ${ref.instrument.id}/${ref.item.id}, period ${period})` });
      return false;
    }
    return true;
  }
}
