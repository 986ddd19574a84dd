/**
 * The fixed lookup tables of a pilot tally, built once from the instrument definitions and the LA codes:
 * byte interners for LA codes, instruments, items and response codes, and the direct table for one-byte
 * response codes (Likert points, audit grades).
 */
import { InputError } from "../errors";
import { ByteInterner } from "../data/byte-interner";
import { listItems, type InstrumentSet, type ItemRef } from "./instruments";
import { maxOf } from "../stats/extreme";

/** Lookups shared by every row of a tally. */
export interface TallyLookups {
  instruments: InstrumentSet;
  items: readonly ItemRef[];
  areaCodes: readonly string[];
  maxResponses: number;
  areaIds: ByteInterner;
  instrumentIds: ByteInterner;
  /** per instrument: its item ids */
  itemIds: ByteInterner[];
  /** per instrument: global index of its first item */
  firstItem: number[];
  /** per item: its scale's response codes (one interner per scale) */
  responseIds: ByteInterner[];
  /** response index by byte for one-byte codes, per item: `[item × 256 + byte]`, -1 when not a code */
  singleByteResponse: Int32Array;
}

/**
 * Build the lookups of a tally.
 * @throws InputError when there are no LA codes or they repeat
 * @example
 * buildTallyLookups(set, ["E06000001", "E06000002"]).items.length // items of all instruments
 */
export function buildTallyLookups(instruments: InstrumentSet, areaCodes: readonly string[]): TallyLookups {
  if (areaCodes.length === 0) throw new InputError("tallyPilotRecords", "the list of LA codes is empty", 0);
  const items = listItems(instruments);
  const areaIds = new ByteInterner(areaCodes);
  if (areaIds.size !== areaCodes.length) throw new InputError("tallyPilotRecords", "LA codes must be distinct", areaCodes.length - areaIds.size);
  const firstItem: number[] = [];
  let acc = 0;
  for (const ins of instruments.instruments) {
    firstItem.push(acc);
    acc += ins.items.length;
  }
  const scaleInterners = new Map<string, ByteInterner>();
  const responseIds = items.map((r) => {
    let s = scaleInterners.get(r.scale.id);
    if (!s) scaleInterners.set(r.scale.id, (s = new ByteInterner(r.scale.responses)));
    return s;
  });
  const singleByteResponse = new Int32Array(items.length * 256).fill(-1);
  items.forEach((r, i) =>
    r.scale.responses.forEach((code, k) => {
      const b = Buffer.from(code, "utf8");
      if (b.length === 1) singleByteResponse[i * 256 + b[0]] = k;
    }),
  );
  return {
    instruments,
    items,
    areaCodes: [...areaCodes],
    maxResponses: maxOf(items.map((r) => r.scale.responses.length)),
    areaIds,
    instrumentIds: new ByteInterner(instruments.instruments.map((i) => i.id)),
    itemIds: instruments.instruments.map((i) => new ByteInterner(i.items.map((it) => it.id))),
    firstItem,
    responseIds,
    singleByteResponse,
  };
}
