/**
 * The tally as it was before streaming (lib/pilot/tally-records.ts at the commit before the streamed import):
 * kept unchanged as the oracle that the streamed path must match exactly (tests/pilot/streamed-import.test.ts).
 * Not used by the library.
 */
/**
 * Validate and count record-level pilot responses in one pass over the bytes of the CSV file(s).
 *
 * This is the hot path of `vital-signs pilot` (a million records in well under a second): a hand-written
 * byte-level CSV scanner (RFC 4180: quoted fields, doubled quotes, CRLF or LF) that allocates nothing per
 * row. Each field is mapped to a small integer by {@link ByteInterner} and the response is counted in
 * `counts[(group × maxResponses) + responseIndex]`, where a group is one (LA, period, item). Every row is
 * validated (see lib/pilot/records.ts for the rules); all errors are collected and thrown together.
 *
 * Nothing about individual respondents leaves this function: the result holds counts per group only, and
 * the number of distinct respondent ids.
 */
import { DataError, DataErrors, InputError } from "../../../lib/errors";
import { parseCsv } from "../../../lib/data/csv";
import { ByteInterner } from "../../../lib/data/byte-interner";
import { listItems, type InstrumentSet, type ItemRef } from "../../../lib/pilot/instruments";
import { MAX_PERIOD, MAX_PERIODS, MAX_REPORTED_ERRORS, MIN_PERIOD, RECORD_FIELDS } from "../../../lib/pilot/records";
import { NO_RECORDS_EXPECTED } from "../../../lib/pilot/record-errors";

/** One file's bytes and the name used in error messages. */
export interface RecordSource {
  file: string;
  bytes: Uint8Array;
}

/**
 * Response counts per (LA, period, item). Group index g = (periodIndex × areas + areaIndex) × items + itemIndex;
 * the count of response r (index into the item's scale) is `counts[g × maxResponses + r]`.
 */
export interface PilotTally {
  items: readonly ItemRef[];
  areaCodes: readonly string[];
  /** Periods in order of first appearance. */
  periods: readonly number[];
  maxResponses: number;
  counts: Float64Array;
  /** Blank responses (item not answered) per group. */
  unanswered: Float64Array;
  /** Records read (rows, all files). */
  records: number;
  /** Distinct respondent ids seen (all instruments). */
  respondents: number;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

function decode(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("utf8");
}

/**
 * Validate records and count responses per LA, period and item.
 * @param sources record CSV files (bytes); several files are counted together
 * @param instruments the validated instrument definitions
 * @param areaCodes the LA codes records may use (e.g. the la_code column of areas.csv)
 * @throws DataErrors with every invalid row (file, row, column, value, expected), up to 200 listed
 * @example
 * const tally = tallyPilotRecords([{ file: "records.csv", bytes: fs.readFileSync("records.csv") }], set, codes);
 * tally.records; // rows read
 */
export function tallyPilotRecords(
  sources: readonly RecordSource[],
  instruments: InstrumentSet,
  areaCodes: readonly string[],
): PilotTally {
  if (sources.length === 0) throw new InputError("tallyPilotRecords", "at least one record file is needed", 0);
  if (areaCodes.length === 0) throw new InputError("tallyPilotRecords", "the list of LA codes is empty", 0);
  const items = listItems(instruments);
  const nItems = items.length;
  const nAreas = areaCodes.length;
  const maxResponses = Math.max(...items.map((r) => r.scale.responses.length));

  const areaIds = new ByteInterner(areaCodes);
  if (areaIds.size !== nAreas) throw new InputError("tallyPilotRecords", "LA codes must be distinct", nAreas - areaIds.size);
  const instrumentIds = new ByteInterner(instruments.instruments.map((i) => i.id));
  // per instrument: item interner and the global index of its first item
  const itemIds = instruments.instruments.map((i) => new ByteInterner(i.items.map((it) => it.id)));
  const nextItem = new Int32Array(instruments.instruments.length);
  const firstItem: number[] = [];
  let acc = 0;
  for (const ins of instruments.instruments) {
    firstItem.push(acc);
    acc += ins.items.length;
  }
  // per item: scale interner (shared between items on one scale)
  const scaleInterners = new Map<string, ByteInterner>();
  const responseIds = items.map((r) => {
    let s = scaleInterners.get(r.scale.id);
    if (!s) scaleInterners.set(r.scale.id, (s = new ByteInterner(r.scale.responses)));
    return s;
  });

  // response index by byte for one-byte response codes, per item (-1: not a one-byte code of the scale)
  const singleByteResponse = new Int32Array(items.length * 256).fill(-1);
  items.forEach((r, i) =>
    r.scale.responses.forEach((code, k) => {
      const b = Buffer.from(code, "utf8");
      if (b.length === 1) singleByteResponse[i * 256 + b[0]] = k;
    }),
  );
  // about one new respondent per 4 records of ~60 bytes: size the table once for that
  const totalBytes = sources.reduce((sum, src) => sum + src.bytes.length, 0);
  const respondentIds = new ByteInterner([], Math.ceil(totalBytes / 240));
  // one bit per (respondent, item) and period: answered already? Respondent ids are dense (0, 1, 2 …).
  const seen: Uint8Array[] = [];
  const periodIndex = new Int32Array(MAX_PERIOD - MIN_PERIOD + 1).fill(-1);
  const periods: number[] = [];
  const groupsPerPeriod = nAreas * nItems;
  let counts = new Float64Array(groupsPerPeriod * maxResponses);
  let unanswered = new Float64Array(groupsPerPeriod);

  const errors: DataError[] = [];
  let errorCount = 0;
  const fail = (loc: ConstructorParameters<typeof DataError>[0]) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(new DataError(loc));
  };

  let records = 0;
  const fields = newFieldState();
  const ROLE_ID = 0, ROLE_LA = 1, ROLE_PERIOD = 2, ROLE_INSTRUMENT = 3, ROLE_ITEM = 4, ROLE_RESPONSE = 5;
  // module constants copied to locals: the hot loop should not go through import bindings
  const maxPeriods = MAX_PERIODS, minPeriod = MIN_PERIOD, maxPeriod = MAX_PERIOD;

  for (const source of sources) {
    const file = source.file;
    // a plain Uint8Array view (not a Buffer subclass) keeps element loads monomorphic
    const bytes = new Uint8Array(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length);
    const len = bytes.length;
    let pos = len >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // header: the first line, parsed strictly
    let eol = pos;
    while (eol < len && bytes[eol] !== LF) eol++;
    const header = parseCsv(decode(bytes, pos, eol).replace(/\r$/, ""), file).header;
    const roleOf = new Int32Array(header.length).fill(-1);
    let headerOk = true;
    header.forEach((h, k) => {
      const role = (RECORD_FIELDS as readonly string[]).indexOf(h);
      if (role < 0) {
        headerOk = false;
        fail({ file, row: 0, column: h, value: h, expected: `only the columns ${RECORD_FIELDS.join(", ")}` });
      } else if (roleOf.includes(role)) {
        headerOk = false;
        fail({ file, row: 0, column: h, value: h, expected: "each column once" });
      } else roleOf[k] = role;
    });
    for (const f of RECORD_FIELDS) {
      if (!header.includes(f)) {
        headerOk = false;
        fail({ file, row: 0, column: f, expected: `a column "${f}"` });
      }
    }
    if (!headerOk) continue;
    const nCols = header.length;
    pos = eol + 1;
    // no quote and no carriage return anywhere after the header (native byte search): the simpler scanner
    const plain = bytes.indexOf(QUOTE, pos) < 0 && bytes.indexOf(CR, pos) < 0;
    if (plain) fields.bytes.fill(bytes); // every field of a plain file lies in the file's bytes
    let row = 0;
    // previous-row caches (records are usually grouped by LA, respondent and instrument)
    let prevLaStart = -1, prevLaEnd = -1, prevLa = -1;
    let prevIdStart = -1, prevIdEnd = -1, prevId = -1;
    let prevInsStart = -1, prevInsEnd = -1, prevIns = -1;

    while (pos < len) {
      row++;
      pos = plain ? scanPlainFields(bytes, pos, nCols, roleOf, fields) : scanFields(bytes, pos, nCols, roleOf, fields);
      const bad = fields.error !== FIELD_OK;
      if (bad) fail(fieldErrorLocation(fields, bytes, file, row, nCols));
      const fieldStart = fields.start, fieldEnd = fields.end, fieldBytes = fields.bytes;
      // move to the start of the next line
      while (pos < len && bytes[pos] !== LF) pos++;
      pos++;
      records++;
      if (bad) continue;

      // respondent id (non-blank)
      const idB = fieldBytes[ROLE_ID], idS = fieldStart[ROLE_ID], idE = fieldEnd[ROLE_ID];
      if (idE === idS) {
        fail({ file, row, column: "respondent_id", value: "", expected: "a pseudonymous respondent id" });
        continue;
      }
      let rid: number;
      if (idB === bytes && prevId >= 0 && idE - idS === prevIdEnd - prevIdStart && sameBytes(bytes, idS, prevIdStart, idE - idS)) rid = prevId;
      else {
        rid = respondentIds.intern(idB, idS, idE);
        if (idB === bytes) {
          prevId = rid;
          prevIdStart = idS;
          prevIdEnd = idE;
        } else prevId = -1;
      }

      // LA
      const laB = fieldBytes[ROLE_LA], laS = fieldStart[ROLE_LA], laE = fieldEnd[ROLE_LA];
      let la: number;
      if (laB === bytes && prevLa >= 0 && laE - laS === prevLaEnd - prevLaStart && sameBytes(bytes, laS, prevLaStart, laE - laS)) la = prevLa;
      else {
        la = areaIds.lookup(laB, laS, laE);
        if (la < 0) {
          fail({ file, row, column: "la_code", value: decode(laB, laS, laE), expected: "an la_code listed in the areas of the package" });
          continue;
        }
        if (laB === bytes) {
          prevLa = la;
          prevLaStart = laS;
          prevLaEnd = laE;
        } else prevLa = -1;
      }

      // period: an integer minPeriod..maxPeriod
      const pB = fieldBytes[ROLE_PERIOD], pS = fieldStart[ROLE_PERIOD], pE = fieldEnd[ROLE_PERIOD];
      let period = 0;
      let digits = pE - pS > 0 && pE - pS <= 4;
      for (let i = pS; digits && i < pE; i++) {
        const d = pB[i] - 48;
        if (d < 0 || d > 9) digits = false;
        else period = period * 10 + d;
      }
      if (!digits || period < minPeriod || period > maxPeriod) {
        fail({ file, row, column: "period", value: decode(pB, pS, pE), expected: `a year ending March as an integer from ${minPeriod} to ${maxPeriod}` });
        continue;
      }
      let p = periodIndex[period - minPeriod];
      if (p < 0) {
        if (periods.length >= maxPeriods) {
          fail({ file, row, column: "period", value: String(period), expected: `at most ${maxPeriods} distinct periods` });
          continue;
        }
        p = periodIndex[period - minPeriod] = periods.length;
        periods.push(period);
        const c2 = new Float64Array(periods.length * groupsPerPeriod * maxResponses);
        c2.set(counts);
        counts = c2;
        const u2 = new Float64Array(periods.length * groupsPerPeriod);
        u2.set(unanswered);
        unanswered = u2;
      }

      // instrument and item
      const insB = fieldBytes[ROLE_INSTRUMENT], insS = fieldStart[ROLE_INSTRUMENT], insE = fieldEnd[ROLE_INSTRUMENT];
      let ins: number;
      if (insB === bytes && prevIns >= 0 && insE - insS === prevInsEnd - prevInsStart && sameBytes(bytes, insS, prevInsStart, insE - insS)) ins = prevIns;
      else {
        ins = instrumentIds.lookup(insB, insS, insE);
        if (ins >= 0 && insB === bytes) {
          prevIns = ins;
          prevInsStart = insS;
          prevInsEnd = insE;
        } else prevIns = -1;
      }
      if (ins < 0) {
        fail({
          file,
          row,
          column: "instrument",
          value: decode(insB, fieldStart[ROLE_INSTRUMENT], fieldEnd[ROLE_INSTRUMENT]),
          expected: `an instrument defined in ${instruments.file} (${instruments.instruments.map((i) => i.id).join(", ")})`,
        });
        continue;
      }
      const itB = fieldBytes[ROLE_ITEM], itS = fieldStart[ROLE_ITEM], itE = fieldEnd[ROLE_ITEM];
      // a respondent's items usually come in the instrument's order: try the one after the last seen first
      const predicted = nextItem[ins];
      const local = itemIds[ins].matches(predicted, itB, itS, itE) ? predicted : itemIds[ins].lookup(itB, itS, itE);
      if (local >= 0) nextItem[ins] = local + 1 === itemIds[ins].size ? 0 : local + 1;
      if (local < 0) {
        const insDef = instruments.instruments[ins];
        fail({
          file,
          row,
          column: "item",
          value: decode(itB, itS, itE),
          expected: `an item of instrument "${insDef.id}" (${insDef.items.map((it) => it.id).join(", ")})`,
        });
        continue;
      }
      const it = firstItem[ins] + local;

      // response on the item's scale, or blank
      const rB = fieldBytes[ROLE_RESPONSE], rS = fieldStart[ROLE_RESPONSE], rE = fieldEnd[ROLE_RESPONSE];
      let response = -1;
      if (rE > rS) {
        // one-byte codes (Likert points, audit grades) through a direct table, longer ones through the interner
        response = rE === rS + 1 ? singleByteResponse[it * 256 + rB[rS]] : responseIds[it].lookup(rB, rS, rE);
        if (response < 0) {
          const sc = items[it].scale;
          fail({ file, row, column: "response", value: decode(rB, rS, rE), expected: `a response on scale ${sc.id} (${sc.responses.join(", ")}) or blank` });
          continue;
        }
      }

      // one response per respondent, period and item
      const bit = rid * nItems + it;
      let bits = seen[p];
      if (bits === undefined || bits.length <= bit >>> 3) bits = seen[p] = growBits(bits, bit);
      const mask = 1 << (bit & 7);
      if ((bits[bit >>> 3] & mask) !== 0) {
        fail({
          file,
          row,
          column: "respondent_id",
          // the id itself is not repeated in the message: error logs carry no record-level identifiers
          expected: `one record per respondent, period and item (a second record for ${items[it].instrument.id}/${items[it].item.id}, period ${period})`,
        });
        continue;
      }

      bits[bit >>> 3] |= mask;
      const g = (p * nAreas + la) * nItems + it;
      if (response < 0) unanswered[g]++;
      else counts[g * maxResponses + response]++;
    }
    if (row === 0) fail({ file, row: 1, expected: NO_RECORDS_EXPECTED });
  }
  if (errorCount > 0) {
    const more = errorCount > errors.length ? ` (${errorCount} in all, first ${errors.length} listed)` : "";
    throw new DataErrors(errors, `tallyPilotRecords: invalid pilot records${more}`);
  }
  return { items, areaCodes: [...areaCodes], periods, maxResponses, counts, unanswered, records, respondents: respondentIds.size };
}

function sameBytes(bytes: Uint8Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

const FIELD_OK = 0;
const FIELD_UNTERMINATED = 1;
const FIELD_AFTER_QUOTE = 2;
const FIELD_STRAY_QUOTE = 3;
const FIELD_TOO_FEW = 4;
const FIELD_TOO_MANY = 5;

/** Where the fields of the current row are (by role), and the first problem found in it. */
interface FieldState {
  start: Int32Array;
  end: Int32Array;
  /** The bytes each field's range refers to: the file, or a scratch buffer for unescaped quoted fields. */
  bytes: Uint8Array[];
  scratch: Uint8Array[];
  error: number;
  /** Role of the bad field (for FIELD_TOO_FEW: the number of fields read). */
  errorRole: number;
  errorStart: number;
  errorEnd: number;
}

function newFieldState(): FieldState {
  const n = RECORD_FIELDS.length;
  return {
    start: new Int32Array(n),
    end: new Int32Array(n),
    bytes: new Array<Uint8Array>(n).fill(new Uint8Array(0)),
    scratch: Array.from({ length: n }, () => new Uint8Array(256)),
    error: FIELD_OK,
    errorRole: 0,
    errorStart: -1,
    errorEnd: -1,
  };
}

/**
 * Scan the fields of one row starting at `pos` (RFC 4180), recording each field's byte range by role.
 * Returns the position where the row's fields end (at its line end, or where scanning stopped on an error);
 * `st.error` says whether the row is well-formed.
 */
function scanFields(bytes: Uint8Array, pos: number, nCols: number, roleOf: Int32Array, st: FieldState): number {
  const len = bytes.length;
  st.error = FIELD_OK;
  for (let k = 0; k < nCols; k++) {
    const role = roleOf[k];
    if (pos < len && bytes[pos] === QUOTE) {
      // quoted field: find the closing quote, unescaping doubled quotes into scratch when needed
      let q = pos + 1;
      let escaped = false;
      for (;;) {
        while (q < len && bytes[q] !== QUOTE) q++;
        if (q >= len) break;
        if (q + 1 < len && bytes[q + 1] === QUOTE) {
          escaped = true;
          q += 2;
          continue;
        }
        break;
      }
      if (q >= len) return fieldError(st, FIELD_UNTERMINATED, role, -1, -1, len);
      if (escaped) {
        let out = st.scratch[role];
        if (out.length < q - pos) out = st.scratch[role] = new Uint8Array(2 * (q - pos));
        let o = 0;
        for (let i = pos + 1; i < q; i++) {
          out[o++] = bytes[i];
          if (bytes[i] === QUOTE) i++;
        }
        st.bytes[role] = out;
        st.start[role] = 0;
        st.end[role] = o;
      } else {
        st.bytes[role] = bytes;
        st.start[role] = pos + 1;
        st.end[role] = q;
      }
      pos = q + 1;
      const c = pos < len ? bytes[pos] : LF;
      if (c !== COMMA && c !== LF && c !== CR) return fieldError(st, FIELD_AFTER_QUOTE, role, pos, Math.min(len, pos + 10), pos);
    } else {
      const s = pos;
      let c = 0;
      let quote = false;
      while (pos < len && (c = bytes[pos]) !== COMMA && c !== LF && c !== CR) {
        if (c === QUOTE) quote = true;
        pos++;
      }
      if (quote) return fieldError(st, FIELD_STRAY_QUOTE, role, s, pos, pos);
      st.bytes[role] = bytes;
      st.start[role] = s;
      st.end[role] = pos;
    }
    if (k < nCols - 1) {
      if (pos < len && bytes[pos] === COMMA) pos++;
      else return fieldError(st, FIELD_TOO_FEW, k + 1, -1, -1, pos);
    } else if (pos < len && bytes[pos] === COMMA) return fieldError(st, FIELD_TOO_MANY, role, -1, -1, pos);
  }
  return pos;
}

/**
 * {@link scanFields} for a file known to hold no quote and no carriage return: fields end at a comma or LF.
 * `st.bytes` is not touched: the caller has pointed every field at the file's bytes once.
 */
function scanPlainFields(bytes: Uint8Array, pos: number, nCols: number, roleOf: Int32Array, st: FieldState): number {
  const len = bytes.length;
  st.error = FIELD_OK;
  const last = nCols - 1;
  for (let k = 0; k < nCols; k++) {
    const role = roleOf[k];
    const s = pos;
    let c = 0;
    while (pos < len && (c = bytes[pos]) !== COMMA && c !== LF) pos++;
    st.start[role] = s;
    st.end[role] = pos;
    if (k < last) {
      if (c === COMMA && pos < len) pos++;
      else return fieldError(st, FIELD_TOO_FEW, k + 1, -1, -1, pos);
    } else if (c === COMMA && pos < len) return fieldError(st, FIELD_TOO_MANY, role, -1, -1, pos);
  }
  return pos;
}

function fieldError(st: FieldState, error: number, role: number, start: number, end: number, pos: number): number {
  st.error = error;
  st.errorRole = role;
  st.errorStart = start;
  st.errorEnd = end;
  return pos;
}

/** The DataError location of a malformed row. */
function fieldErrorLocation(st: FieldState, bytes: Uint8Array, file: string, row: number, nCols: number): ConstructorParameters<typeof DataError>[0] {
  const column = RECORD_FIELDS[st.errorRole];
  // a respondent id is never shown (error logs carry no record-level identifiers): the row and column say where
  const value = st.errorStart >= 0 && column !== "respondent_id" ? decode(bytes, st.errorStart, st.errorEnd) : undefined;
  switch (st.error) {
    case FIELD_UNTERMINATED:
      return { file, row, column, expected: "a closing quote before the end of the file" };
    case FIELD_AFTER_QUOTE:
      return { file, row, column, value, expected: "a comma or line end after a quoted field" };
    case FIELD_STRAY_QUOTE:
      return { file, row, column, value, expected: "quotes only around a whole field" };
    case FIELD_TOO_FEW:
      return { file, row, value: st.errorRole === 1 ? "1 field" : `${st.errorRole} fields`, expected: `${nCols} fields as in the header` };
    default:
      return { file, row, value: `more than ${nCols} fields`, expected: `${nCols} fields as in the header` };
  }
}

/** A bitset able to hold bit `bit`, keeping the bits already set (grows by doubling). */
function growBits(bits: Uint8Array | undefined, bit: number): Uint8Array {
  const needed = (bit >>> 3) + 1;
  let size = Math.max(1024, bits ? bits.length : 0);
  while (size < needed) size *= 2;
  const out = new Uint8Array(size);
  if (bits) out.set(bits);
  return out;
}
