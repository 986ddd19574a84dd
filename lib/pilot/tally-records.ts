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
import { DataError, DataErrors, InputError } from "../errors";
import { parseCsv } from "../data/csv";
import { ByteInterner, NumberSet } from "./byte-interner";
import { listItems, type InstrumentSet, type ItemRef } from "./instruments";
import { MAX_PERIOD, MAX_PERIODS, MAX_REPORTED_ERRORS, MIN_PERIOD, RECORD_FIELDS } from "./records";

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

  const respondentIds = new ByteInterner();
  const seen = new NumberSet();
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
  const fieldStart = new Int32Array(RECORD_FIELDS.length);
  const fieldEnd = new Int32Array(RECORD_FIELDS.length);
  const fieldBytes: Uint8Array[] = new Array(RECORD_FIELDS.length);
  const scratch: Uint8Array[] = RECORD_FIELDS.map(() => new Uint8Array(256));
  const ROLE_ID = 0, ROLE_LA = 1, ROLE_PERIOD = 2, ROLE_INSTRUMENT = 3, ROLE_ITEM = 4, ROLE_RESPONSE = 5;

  for (const { file, bytes } of sources) {
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
    let row = 0;
    // previous-row caches (records are usually grouped by LA, respondent and instrument)
    let prevLaStart = -1, prevLaEnd = -1, prevLa = -1;
    let prevIdStart = -1, prevIdEnd = -1, prevId = -1;

    while (pos < len) {
      row++;
      let bad = false;
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
          if (q >= len) {
            fail({ file, row, column: RECORD_FIELDS[role], expected: "a closing quote before the end of the file" });
            pos = len;
            bad = true;
            break;
          }
          if (escaped) {
            let out = scratch[role];
            if (out.length < q - pos) out = scratch[role] = new Uint8Array(2 * (q - pos));
            let o = 0;
            for (let i = pos + 1; i < q; i++) {
              out[o++] = bytes[i];
              if (bytes[i] === QUOTE) i++;
            }
            fieldBytes[role] = out;
            fieldStart[role] = 0;
            fieldEnd[role] = o;
          } else {
            fieldBytes[role] = bytes;
            fieldStart[role] = pos + 1;
            fieldEnd[role] = q;
          }
          pos = q + 1;
          const c = pos < len ? bytes[pos] : LF;
          if (c !== COMMA && c !== LF && c !== CR) {
            fail({ file, row, column: RECORD_FIELDS[role], value: decode(bytes, pos, Math.min(len, pos + 10)), expected: "a comma or line end after a quoted field" });
            bad = true;
          }
        } else {
          const s = pos;
          let c = 0;
          while (pos < len && (c = bytes[pos]) !== COMMA && c !== LF && c !== CR) {
            if (c === QUOTE) bad = true;
            pos++;
          }
          if (bad) {
            fail({ file, row, column: RECORD_FIELDS[role], value: decode(bytes, s, pos), expected: "quotes only around a whole field" });
          }
          fieldBytes[role] = bytes;
          fieldStart[role] = s;
          fieldEnd[role] = pos;
        }
        if (k < nCols - 1) {
          if (pos < len && bytes[pos] === COMMA) pos++;
          else {
            fail({ file, row, value: `${k + 1} fields`, expected: `${nCols} fields as in the header` });
            bad = true;
            break;
          }
        } else if (pos < len && bytes[pos] === COMMA) {
          fail({ file, row, value: `more than ${nCols} fields`, expected: `${nCols} fields as in the header` });
          bad = true;
        }
      }
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

      // period: an integer MIN_PERIOD..MAX_PERIOD
      const pB = fieldBytes[ROLE_PERIOD], pS = fieldStart[ROLE_PERIOD], pE = fieldEnd[ROLE_PERIOD];
      let period = 0;
      let digits = pE - pS > 0 && pE - pS <= 4;
      for (let i = pS; digits && i < pE; i++) {
        const d = pB[i] - 48;
        if (d < 0 || d > 9) digits = false;
        else period = period * 10 + d;
      }
      if (!digits || period < MIN_PERIOD || period > MAX_PERIOD) {
        fail({ file, row, column: "period", value: decode(pB, pS, pE), expected: `a year ending March as an integer from ${MIN_PERIOD} to ${MAX_PERIOD}` });
        continue;
      }
      let p = periodIndex[period - MIN_PERIOD];
      if (p < 0) {
        if (periods.length >= MAX_PERIODS) {
          fail({ file, row, column: "period", value: String(period), expected: `at most ${MAX_PERIODS} distinct periods` });
          continue;
        }
        p = periodIndex[period - MIN_PERIOD] = periods.length;
        periods.push(period);
        const c2 = new Float64Array(periods.length * groupsPerPeriod * maxResponses);
        c2.set(counts);
        counts = c2;
        const u2 = new Float64Array(periods.length * groupsPerPeriod);
        u2.set(unanswered);
        unanswered = u2;
      }

      // instrument and item
      const insB = fieldBytes[ROLE_INSTRUMENT];
      const ins = instrumentIds.lookup(insB, fieldStart[ROLE_INSTRUMENT], fieldEnd[ROLE_INSTRUMENT]);
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
      const itB = fieldBytes[ROLE_ITEM];
      const local = itemIds[ins].lookup(itB, fieldStart[ROLE_ITEM], fieldEnd[ROLE_ITEM]);
      if (local < 0) {
        const insDef = instruments.instruments[ins];
        fail({
          file,
          row,
          column: "item",
          value: decode(itB, fieldStart[ROLE_ITEM], fieldEnd[ROLE_ITEM]),
          expected: `an item of instrument "${insDef.id}" (${insDef.items.map((it) => it.id).join(", ")})`,
        });
        continue;
      }
      const it = firstItem[ins] + local;

      // response on the item's scale, or blank
      const rB = fieldBytes[ROLE_RESPONSE], rS = fieldStart[ROLE_RESPONSE], rE = fieldEnd[ROLE_RESPONSE];
      let response = -1;
      if (rE > rS) {
        response = responseIds[it].lookup(rB, rS, rE);
        if (response < 0) {
          const sc = items[it].scale;
          fail({ file, row, column: "response", value: decode(rB, rS, rE), expected: `a response on scale ${sc.id} (${sc.responses.join(", ")}) or blank` });
          continue;
        }
      }

      // one response per respondent, period and item
      if (!seen.add((rid * nItems + it) * MAX_PERIODS + p)) {
        fail({
          file,
          row,
          column: "respondent_id",
          // the id itself is not repeated in the message: error logs carry no record-level identifiers
          expected: `one record per respondent, period and item (a second record for ${items[it].instrument.id}/${items[it].item.id}, period ${period})`,
        });
        continue;
      }

      const g = (p * nAreas + la) * nItems + it;
      if (response < 0) unanswered[g]++;
      else counts[g * maxResponses + response]++;
    }
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
